"""The movement's guidance (Hướng dẫn tiêu chí), read from its text into blocks that the guidance page renders
faithfully, with a stable id on every criterion: each kind's clause is where
the movement file says its criteria are."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from honour_roll.record.movement import Criterion, Movement
from honour_roll.record.problems import Problem, RecordsInvalid

_SECTION = re.compile(r"^(\d)\.\s+(.+)$")
_SUBSECTION = re.compile(r"^(\d\.\d)\.\s+(.+)$")


@dataclass(frozen=True)
class Block:
    """One paragraph of the guidance.

    kind: number | place_date | title | subtitle | para | section | subsection
          | item ("- ") | plus ("+ ") | item_plus ("- + ") | recipients | recipient
          | signature | signer
    """

    kind: str
    text: str
    number: str = ""  # "3" or "3.1" for headings
    criterion: Criterion | None = None

    @property
    def anchor(self) -> str:
        if self.criterion:
            return self.criterion.anchor
        if self.kind in ("section", "subsection"):
            return "muc-" + self.number.replace(".", "-")
        return ""

    @property
    def marker(self) -> str:
        """The list marker as the document prints it."""
        return {"plus": "+", "item_plus": "+"}.get(self.kind, "")


@dataclass(frozen=True)
class Guidance:
    blocks: tuple[Block, ...]

    def section_blocks(self, number: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("section", "subsection") and b.number == number]

    @property
    def sections(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("section", "subsection")]

    def criterion_block(self, criterion_id: str) -> Block:
        return next(b for b in self.blocks if b.criterion and b.criterion.id == criterion_id)


class GuidanceFormatError(ValueError):
    pass


def paragraphs(text: str) -> list[str]:
    """Paragraphs as the document shows them: blank-line separated, and each
    list item on its own even when no blank line precedes it."""
    out = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        for part in re.split(r"\n(?=[-+] )", chunk.strip()):
            if part.strip():
                out.append(part.strip())
    return out


def parse_guidance(text: str, movement: Movement) -> Guidance:
    blocks: list[Block] = []
    paras = paragraphs(text)
    subsection = ""
    in_recipients = False
    pending: dict[str, list[int]] = {}
    for para in paras:
        if para.startswith("Số:"):
            blocks.append(Block("number", para))
        elif re.match(r"^.+, ngày \d+ tháng \d+ năm \d{4}$", para):
            blocks.append(Block("place_date", para))
        elif para == "HƯỚNG DẪN":
            blocks.append(Block("title", para))
        elif blocks and blocks[-1].kind == "title":
            blocks.append(Block("subtitle", para))
        elif para.startswith("**") and para.endswith("**"):
            blocks.append(Block("signature", para.strip("*").strip()))
            in_recipients = False
        elif blocks and blocks[-1].kind == "signature":
            blocks.append(Block("signer", para))
        elif para == "Nơi nhận:":
            blocks.append(Block("recipients", para))
            in_recipients = True
        elif in_recipients:
            blocks.append(Block("recipient", para.removeprefix("- ").strip()))
        elif m := _SUBSECTION.match(para):
            subsection = m.group(1)
            blocks.append(Block("subsection", m.group(2), number=subsection))
        elif m := _SECTION.match(para):
            subsection = m.group(1)
            blocks.append(Block("section", m.group(2), number=subsection))
        elif para.startswith("- + "):
            blocks.append(Block("item_plus", para[4:].strip()))
            pending.setdefault(subsection, []).append(len(blocks) - 1)
        elif para.startswith("+ "):
            blocks.append(Block("plus", para[2:].strip()))
            pending.setdefault(subsection, []).append(len(blocks) - 1)
        elif para.startswith("- "):
            blocks.append(Block("item", para[2:].strip()))
            pending.setdefault(subsection, []).append(len(blocks) - 1)
        else:
            blocks.append(Block("para", para))
    # Criteria are the items of 3.1–3.3; where a clause uses "+" sub-items
    # (3.3), those are the criteria and the "-" items are only their headings.
    for kind in movement.kinds:
        indexes = pending.get(kind.section, [])
        plus = [i for i in indexes if blocks[i].kind in ("plus", "item_plus")]
        chosen = plus or indexes
        for criterion in movement.criteria_for(kind):
            if criterion.item > len(chosen):
                raise GuidanceFormatError(
                    f"mục {kind.section}: tiêu chí {criterion.id} là ý thứ {criterion.item}, "
                    f"nhưng mục này của văn bản chỉ có {len(chosen)} ý"
                )
            b = blocks[chosen[criterion.item - 1]]
            blocks[chosen[criterion.item - 1]] = Block(b.kind, b.text, b.number, criterion)
    return Guidance(tuple(blocks))


def load_guidance(path: Path, movement: Movement, shown: str | None = None) -> Guidance:
    """The guidance text the movement file names; RecordsInvalid, as for a record, when
    it is missing or does not have the criteria the movement file places in it."""
    shown = shown or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise RecordsInvalid([Problem(shown, 0, "", "không đọc được văn bản hướng dẫn (tệp không có hoặc không phải UTF-8); hãy kiểm tra guidance.file trong tệp phong trào")]) from None
    try:
        return parse_guidance(text, movement)
    except GuidanceFormatError as e:
        raise RecordsInvalid([Problem(shown, 0, "", f"{e}; hãy kiểm tra văn bản, hoặc trường 'item' của tiêu chí trong tệp phong trào")]) from None
