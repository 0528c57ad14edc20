"""Read one YAML record into plain values plus the line of every field.

PyYAML's own constructors lose line numbers, keep the last of duplicate keys
silently and raise on impossible dates such as 2001-02-30; composing the node
graph and converting it here fixes all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is several times faster when it is there
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

from honour_roll.record.problems import Problem

_BOOL_TRUE = {"true", "yes", "on"}
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"

# PyYAML's messages, as libyaml (the C loader) and the pure-Python loader
# word them, in Vietnamese. The first needle found in the problem text wins,
# so longer, more specific needles come first. Whatever is not listed gets a
# Vietnamese message of its own: an editor never reads PyYAML's English.
_QUOTE_IT = "hãy đặt cả giá trị trong dấu nháy kép"
_TAB = "có ký tự Tab; hãy thụt lề bằng dấu cách, không dùng phím Tab"
_INDENT = "thụt lề không thẳng hàng với các dòng phía trên"
_ESCAPE = "có dấu '\\' không hợp lệ trong dấu nháy kép; hãy dùng dấu nháy đơn"
_TAG = f"giá trị bắt đầu bằng '!' bị hiểu là thẻ YAML; {_QUOTE_IT}"
_INVISIBLE = "có ký tự điều khiển không nhìn thấy (thường do sao chép từ Word hoặc PDF); hãy xóa rồi gõ lại đoạn này"
_SYNTAX_HINTS = (
    ("found character '\\t'", _TAB),
    ("found a tab character", _TAB),
    ("found character '@' that cannot start any token", f"giá trị bắt đầu bằng '@'; {_QUOTE_IT}"),
    ("found character '`' that cannot start any token", f"giá trị bắt đầu bằng '`'; {_QUOTE_IT}"),
    ("that cannot start any token", f"giá trị bắt đầu bằng một ký tự đặc biệt (như @, ` hoặc %); {_QUOTE_IT}"),
    ("mapping values are not allowed", "dấu hai chấm ':' không đúng chỗ; nếu giá trị có dấu ':' hãy đặt nó trong dấu nháy kép"),
    ("found unexpected ':'", "dấu hai chấm ':' không đúng chỗ; nếu giá trị có dấu ':' hãy đặt nó trong dấu nháy kép"),
    ("could not find expected ':'", "thiếu dấu hai chấm ':' sau tên trường, hoặc một dòng bị ngắt giữa chừng"),
    ("found unexpected end of stream", "thiếu dấu nháy đóng ở cuối giá trị"),
    ("found unexpected document indicator", "có dòng '---' hoặc '...' giữa một giá trị trong dấu nháy; hãy kiểm tra dấu nháy đóng"),
    ("found undefined alias", f"dùng ký tự '*' ở đầu giá trị; {_QUOTE_IT}"),
    ("expected <block end>, but found", _INDENT),
    ("did not find expected key", _INDENT),
    ("did not find expected '-' indicator", "thụt lề của danh sách không thẳng hàng"),
    ("block sequence entries are not allowed", "dấu gạch đầu dòng '-' không đúng chỗ; mỗi mục danh sách nằm trên một dòng riêng, thụt lề dưới tên trường"),
    ("did not find expected ',' or ']'", "danh sách trong ngoặc vuông '[ ]' chưa có dấu ']' đóng, hoặc thiếu dấu phẩy giữa các mục"),
    ("expected ',' or ']'", "danh sách trong ngoặc vuông '[ ]' chưa có dấu ']' đóng, hoặc thiếu dấu phẩy giữa các mục"),
    ("did not find expected ',' or '}'", "nhóm trong ngoặc nhọn '{ }' chưa có dấu '}' đóng, hoặc thiếu dấu phẩy giữa các mục"),
    ("expected ',' or '}'", "nhóm trong ngoặc nhọn '{ }' chưa có dấu '}' đóng, hoặc thiếu dấu phẩy giữa các mục"),
    ("did not find expected node content", f"thiếu giá trị ở chỗ này, hoặc giá trị bắt đầu bằng ký tự đặc biệt; {_QUOTE_IT}"),
    ("expected the node content", f"thiếu giá trị ở chỗ này, hoặc giá trị bắt đầu bằng ký tự đặc biệt; {_QUOTE_IT}"),
    ("did not find expected comment or line break", f"có chữ thừa sau giá trị (ví dụ sau dấu nháy đóng); {_QUOTE_IT}"),
    ("expected a comment or a line break", f"có chữ thừa sau giá trị (ví dụ sau dấu nháy đóng); {_QUOTE_IT}"),
    ("did not find expected whitespace", f"thiếu dấu cách sau một ký tự đặc biệt; {_QUOTE_IT}"),
    ("alphabetic or numeric character", f"sau ký tự '&' hoặc '*' ở đầu giá trị phải là chữ hoặc số; {_QUOTE_IT}"),
    ("found unknown escape character", _ESCAPE),
    ("found invalid Unicode character escape code", _ESCAPE),
    ("hexdecimal number", _ESCAPE),
    ("expected escape sequence", _ESCAPE),
    ("tag", _TAG),
    ("URI", _TAG),
    ("did not find the expected '>'", _TAG),
    ("did not find expected '!'", _TAG),
    ("indentation indicator equal to 0", "sau dấu '|' hoặc '>' chỉ được ghi số thụt lề từ 1 đến 9, hoặc không ghi số"),
    ("found incompatible YAML document", "dòng '%YAML' ở đầu tệp không cần thiết; hãy xóa dòng này"),
    ("expected a single document", "tệp có dòng '---' chia thành nhiều phần; mỗi tệp chỉ chứa một hồ sơ, hãy xóa dòng '---'"),
    ("expected <document start>", "có nội dung không theo dạng 'tên_trường: giá trị'; hãy kiểm tra dòng này"),
    ("did not find expected <document start>", "có nội dung không theo dạng 'tên_trường: giá trị'; hãy kiểm tra dòng này"),
    ("control characters are not allowed", _INVISIBLE),
    ("special characters are not allowed", _INVISIBLE),
    ("UTF-8", _INVISIBLE),
    ("Unicode", _INVISIBLE),
    ("surrogate", _INVISIBLE),
    ("directive", "dòng bắt đầu bằng '%' bị hiểu là chỉ thị YAML; hãy đặt cả giá trị trong dấu nháy kép"),
)
_UNKNOWN = "tệp không đọc được từ chỗ này; hãy kiểm tra thụt lề, dấu hai chấm và dấu nháy ở dòng này và dòng phía trên"


@dataclass
class Source:
    """A record as read: its values and the line of each field path."""

    path: str
    data: Any
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, path: str) -> int:
        """The line of a field, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path) if re.search(r"(\.|\[)", path) else ""
        return self.lines.get("", 1)


def _syntax_message(error: yaml.YAMLError, mark) -> str:
    """PyYAML's English problem in Vietnamese, with the column of ``mark``."""
    problem = " ".join(str(getattr(error, name, None) or "") for name in ("problem", "context")).strip() or str(error)
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in problem), _UNKNOWN)
    where = f" (cột {mark.column + 1})" if mark is not None else ""
    start = getattr(error, "context_mark", None)
    if start is not None and mark is not None and start.line < mark.line and "flow" in (getattr(error, "context", None) or ""):
        hint += f" (ngoặc mở ở dòng {start.line + 1})"  # an unclosed '[' shows up lines later
    return f"lỗi cú pháp YAML{where}: {hint}"


def read_source(display_path: str, raw: bytes) -> tuple[Source | None, list[Problem]]:
    """Decode and parse one record file. Returns the source, or the problems."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [
            Problem(display_path, line, "", "tệp không được lưu bằng mã UTF-8; hãy mở tệp và lưu lại với mã hóa UTF-8")
        ]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(display_path, 1, "", "tệp rỗng; hãy điền hồ sơ theo mẫu hoặc xóa tệp")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        if "end of stream" in str(e) and getattr(e, "context_mark", None):
            mark = e.context_mark  # an unclosed quote: point at where it opens
        line = mark.line + 1 if mark else 1
        if isinstance(e, yaml.reader.ReaderError):  # no mark, only a position in the text
            line = text[: e.position].count("\n") + 1
        return None, [Problem(display_path, line, "", _syntax_message(e, mark))]
    if node is None:
        return None, [Problem(display_path, 1, "", "tệp rỗng; hãy điền hồ sơ theo mẫu hoặc xóa tệp")]
    if not isinstance(node, yaml.MappingNode):
        return None, [
            Problem(
                display_path,
                node.start_mark.line + 1,
                "",
                "hồ sơ phải là danh sách các trường dạng 'tên_trường: giá trị' (ví dụ 'name: ...')",
            )
        ]
    source = Source(display_path, None)
    problems: list[Problem] = []
    try:
        source.data = _convert(node, "", source, problems, _Budget())
    except _TooLarge as e:
        return None, [Problem(display_path, e.line, "", "hồ sơ quá lớn hoặc lồng nhau quá sâu; hãy viết hồ sơ theo mẫu")]
    return source, problems


class _TooLarge(Exception):
    def __init__(self, line: int):
        self.line = line


class _Budget:
    """Aliases let a few lines expand into millions of values ("billion
    laughs"); a record never needs more than this."""

    MAX_NODES = 20_000
    MAX_DEPTH = 12

    def __init__(self):
        self.nodes = 0


def _convert(node: yaml.Node, path: str, source: Source, problems: list[Problem], budget: _Budget, depth: int = 0) -> Any:
    budget.nodes += 1
    if budget.nodes > budget.MAX_NODES or depth > budget.MAX_DEPTH:
        raise _TooLarge(node.start_mark.line + 1)
    source.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(source.path, line, path, "tên trường không hợp lệ"))
                continue
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key in seen:
                problems.append(
                    Problem(
                        source.path,
                        line,
                        child,
                        f"trường bị lặp lại (đã có ở dòng {seen[key]}); hãy giữ một lần và xóa lần còn lại",
                    )
                )
                continue
            seen[key] = line
            source.lines[child] = line
            result[key] = _convert(value_node, child, source, problems, budget, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, f"{path}[{i}]", source, problems, budget, depth + 1) for i, item in enumerate(node.value, start=1)
        ]
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block scalars are always text
        return value
    tag = node.tag
    if tag == _NULL_TAG:
        return None
    if tag == _BOOL_TAG:
        return value.lower() in _BOOL_TRUE
    if tag == _INT_TAG:
        for base in (10, 0):  # 0 reads YAML's 0x.. and 0o.. forms
            try:
                return int(value.replace("_", ""), base)
            except ValueError:
                pass
        return value
    if tag == _FLOAT_TAG:
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    # Timestamps stay text: the validator parses dates itself, with a clear
    # message for impossible ones.
    return value
