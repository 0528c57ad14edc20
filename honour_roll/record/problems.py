"""Problems found in records, reported like a compiler: file:line: field: message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    source: str  # path as the editor sees it, relative to the project
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # dotted path such as "recognition.date" or "initiatives[2].level"; "" for the file
    message: str  # Vietnamese, actionable

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.source, "line": self.line, "field": self.field, "message": self.message}


class RecordsInvalid(Exception):
    """Raised with every problem at once; nothing is published after it."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        files = len({p.source for p in self.problems})
        lines = [str(p) for p in self.problems]
        lines.append(
            f"Có {len(self.problems)} lỗi trong {files} tệp hồ sơ. "
            "Hãy sửa các lỗi trên rồi chạy lại; trang web chưa được tạo."
        )
        return "\n".join(lines)
