"""Field specifications: one description of the record that both validates
YAML values (with Vietnamese messages) and produces the JSON Schema, so the
two cannot drift apart."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

from honour_roll.record import vietnamese
from honour_roll.record.problems import Problem

INVALID = object()  # a value that failed its check; the problem is already reported

# Characters that hide or reorder text (bidirectional overrides, controls):
# they are how look-alike and reversed-text tricks get in.
_HIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_MARKUP = re.compile(r"[<>]|&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Zero-width characters: invisible, so a number or a date typed with one must still read.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


class Context:
    """Collects problems for one record file."""

    def __init__(self, source):
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str, line: int | None = None) -> object:
        self.problems.append(Problem(self.source.path, line or self.source.line(path), path, message))
        return INVALID


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "đúng/sai"
    if isinstance(value, (int, float)):
        return "số"
    if isinstance(value, list):
        return "danh sách"
    if isinstance(value, dict):
        return "nhóm trường"
    if value is None:
        return "giá trị trống"
    return "văn bản"


@dataclass
class Spec:
    description: str = ""

    def check(self, value: Any, path: str, ctx: Context) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def schema(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def _described(self, schema: dict) -> dict:
        if self.description:
            schema = {"description": self.description, **schema}
        return schema


@dataclass
class Text(Spec):
    max_length: int = 300
    multiline: bool = False
    example: str = ""
    plain: bool = False  # a title: no characters that HTML would read as markup

    def check(self, value, path, ctx):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # "decision: 123" is plainly meant as text
        if not isinstance(value, str):
            return ctx.problem(path, f"phải là văn bản, không phải {_type_name(value)}")
        value = unicodedata.normalize("NFC", value)
        hidden = _HIDDEN_CHARS.search(value)
        if hidden:
            return ctx.problem(
                path,
                f"có ký tự ẩn U+{ord(hidden.group()):04X} (thường do sao chép từ nơi khác); hãy gõ lại đoạn văn bản này",
            )
        value = value.strip() if self.multiline else " ".join(value.split())
        if not value:
            return ctx.problem(path, "đang để trống; hãy điền nội dung hoặc xóa trường này nếu không bắt buộc")
        if len(value) > self.max_length:
            return ctx.problem(path, f"quá dài ({len(value)} ký tự; tối đa {self.max_length} ký tự)")
        if self.plain and _MARKUP.search(value):
            return ctx.problem(path, "không dùng ký tự '<', '>' hoặc mã HTML (dạng &...;) trong tên")
        return value

    def schema(self):
        s = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        if self.plain:
            s["pattern"] = "^[^<>]*$"
        return self._described(s)


@dataclass
class Slug(Text):
    max_length: int = 120

    def check(self, value, path, ctx):
        value = super().check(value, path, ctx)
        if value is INVALID:
            return value
        if not SLUG.match(value):
            return ctx.problem(path, f"'{value}' chỉ được gồm chữ thường không dấu, số và dấu gạch nối (ví dụ nguyen-van-an)")
        return value

    def schema(self):
        return self._described({"type": "string", "pattern": SLUG.pattern})


@dataclass
class Url(Text):
    max_length: int = 500

    def check(self, value, path, ctx):
        value = super().check(value, path, ctx)
        if value is INVALID:
            return value
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s\"'<>`]", value):
            return ctx.problem(path, f"địa chỉ '{value[:80]}' không hợp lệ; hãy ghi đầy đủ, bắt đầu bằng https://")
        return value

    def schema(self):
        return self._described({"type": "string", "format": "uri", "pattern": "^https?://[^\\s\"'<>`]+$"})


@dataclass
class Email(Text):
    max_length: int = 200

    def check(self, value, path, ctx):
        value = super().check(value, path, ctx)
        if value is INVALID:
            return value
        if not _EMAIL.match(value):
            return ctx.problem(path, f"địa chỉ thư điện tử '{value[:80]}' không hợp lệ")
        return value

    def schema(self):
        return self._described({"type": "string", "format": "email"})


def _ascii_digits(text: str) -> str:
    """Numbers as people may type them: zero-width characters dropped, spaces (non-breaking
    ones too) trimmed, and every decimal digit ('２' fullwidth, '٢' Arabic-Indic) read as
    0–9. Anything else stays as it is, so the pattern that follows refuses it: '²' is
    a digit to str.isdigit() but no decimal digit, and int() raises on it."""
    text = text.translate(_ZERO_WIDTH).strip()
    return "".join(str(d) if (d := unicodedata.decimal(ch, None)) is not None else ch for ch in text)


def _odd_digits(text: str) -> bool:
    # Superscripts, subscripts, circled or Roman numerals: look like digits, are not 0–9.
    return any(unicodedata.numeric(ch, None) is not None and unicodedata.decimal(ch, None) is None for ch in text)


_NOT_PLAIN_DIGITS = "có ký tự trông như chữ số nhưng không phải chữ số 0–9 (chữ số mũ, chỉ số dưới, số La Mã...); hãy gõ lại bằng chữ số thường"


@dataclass
class Integer(Spec):
    minimum: int = 0
    maximum: int = 10**9

    def check(self, value, path, ctx):
        if isinstance(value, str):
            digits = _ascii_digits(value)
            if re.fullmatch(r"[0-9]{1,12}", digits):
                value = int(digits)
            elif _odd_digits(value):
                return ctx.problem(path, f"'{value.strip()}' {_NOT_PLAIN_DIGITS}, ví dụ {self.maximum}")
        if isinstance(value, bool) or not isinstance(value, int):
            return ctx.problem(path, f"phải là một số nguyên, ví dụ {self.maximum}")
        if not self.minimum <= value <= self.maximum:
            return ctx.problem(path, f"{value} nằm ngoài khoảng cho phép ({self.minimum}–{self.maximum})")
        return value

    def schema(self):
        return self._described({"type": "integer", "minimum": self.minimum, "maximum": self.maximum})


@dataclass
class Date(Spec):
    minimum: dt.date = dt.date(1945, 1, 1)
    maximum: dt.date = dt.date(2200, 12, 31)

    @property
    def example(self) -> str:
        """A date of the allowed range, as messages show one."""
        return f"{self.maximum.year}-12-20"

    def check(self, value, path, ctx):
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        if text is None:
            return ctx.problem(path, f"phải là một ngày dạng YYYY-MM-DD, ví dụ {self.example}")
        if _odd_digits(text):
            return ctx.problem(path, f"ngày '{text}' {_NOT_PLAIN_DIGITS}, ví dụ {self.example}")
        text = _ascii_digits(text)
        m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
        if not m:
            hint = ""
            vn = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", text)
            if vn:
                day, month, year = int(vn.group(1)), int(vn.group(2)), int(vn.group(3))
                try:
                    hint = f" (có phải {dt.date(year, month, day).isoformat()}?)"
                except ValueError:
                    hint = f"; ngày {day}/{month}/{year} cũng không có trên lịch"
            return ctx.problem(path, f"ngày '{text}' phải viết dạng YYYY-MM-DD, ví dụ {self.example}{hint}")
        try:
            date = dt.date(*(int(g) for g in m.groups()))
        except ValueError:
            return ctx.problem(path, f"ngày '{text}' không tồn tại trên lịch; hãy kiểm tra lại ngày và tháng")
        if not self.minimum <= date <= self.maximum:
            return ctx.problem(
                path, f"ngày {text} nằm ngoài giai đoạn {self.minimum.isoformat()} – {self.maximum.isoformat()}"
            )
        return date

    def schema(self):
        return self._described({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})


@dataclass
class Boolean(Spec):
    def check(self, value, path, ctx):
        if not isinstance(value, bool):
            return ctx.problem(path, "phải là true (có) hoặc false (không)")
        return value

    def schema(self):
        return self._described({"type": "boolean"})


@dataclass
class Choice(Spec):
    """One of a controlled list: ids with Vietnamese labels."""

    options: Callable[[], dict[str, Any]] = dict  # id -> value
    labels: Callable[[], dict[str, str]] = dict  # id -> label, for messages

    def check(self, value, path, ctx):
        options = self.options()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return ctx.problem(path, f"phải là một giá trị trong danh sách, không phải {_type_name(value)}")
        key = value.strip()
        if key in options:
            return options[key]
        return ctx.problem(path, f"'{key}' không có trong danh sách{self._suggest(key)}; giá trị hợp lệ: {self.choices_text()}")

    def choices_text(self) -> str:
        labels = self.labels()
        return ", ".join(f"{k} ({labels[k]})" if k in labels else k for k in self.options())

    def _suggest(self, key: str) -> str:
        folded = fold(key)
        labels = self.labels()
        for k, label in labels.items():
            if fold(label) == folded or fold(label).endswith(" " + folded):
                return f"; có phải '{k}' ({label})?"
        near = difflib.get_close_matches(key.lower().replace(" ", "-").replace("_", "-"), list(self.options()), n=1, cutoff=0.6)
        return f"; có phải '{near[0]}'?" if near else ""

    def schema(self):
        return self._described({"type": "string", "enum": list(self.options())})


@dataclass
class ListOf(Spec):
    item: Spec = field(default_factory=Text)
    min_items: int = 0
    max_items: int = 50
    unique: bool = False
    example: str = ""

    def check(self, value, path, ctx):
        if not isinstance(value, list):
            example = f", ví dụ: {path.rsplit('.', 1)[-1]}: {self.example}" if self.example else ""
            return ctx.problem(path, f"phải là một danh sách{example}")
        if len(value) < self.min_items:
            return ctx.problem(path, f"cần ít nhất {self.min_items} mục")
        if len(value) > self.max_items:
            return ctx.problem(path, f"có {len(value)} mục; tối đa {self.max_items} mục")
        out = []
        for i, v in enumerate(value, start=1):
            checked = self.item.check(v, f"{path}[{i}]", ctx)
            if checked is INVALID:
                continue
            if self.unique and checked in out:
                ctx.problem(f"{path}[{i}]", "giá trị bị lặp lại trong danh sách")
                continue
            out.append(checked)
        return tuple(out)

    def schema(self):
        s = {"type": "array", "items": self.item.schema(), "minItems": self.min_items, "maxItems": self.max_items}
        if self.unique:
            s["uniqueItems"] = True
        return self._described(s)


@dataclass(frozen=True)
class Condition:
    """Another field of the same group has (or, with ``negate``, has not) a value; it
    holds only when that field is there and valid."""

    field: str
    value: str | tuple[str, ...]  # as written in a record; a tuple: any one of them
    negate: bool = False

    @property
    def values(self) -> tuple[str, ...]:
        return self.value if isinstance(self.value, tuple) else (self.value,)

    def holds(self, checked: dict) -> bool:
        if self.field not in checked:
            return False
        actual = checked[self.field]
        return (getattr(actual, "id", actual) in self.values) != self.negate

    def schema(self) -> dict:
        one = {"const": self.values[0]} if len(self.values) == 1 else {"enum": list(self.values)}
        return {"properties": {self.field: {"not": one} if self.negate else one}, "required": [self.field]}

    def text(self) -> str:
        """For the README's record reference."""
        shown = " or ".join(f"`{v}`" for v in self.values)
        if len(self.values) == 1:
            return f"`{self.field}` is not {shown}" if self.negate else f"`{self.field}: {self.values[0]}`"
        return f"`{self.field}` is not {shown}" if self.negate else f"`{self.field}` is {shown}"

    def negated(self) -> Condition:
        return Condition(self.field, self.value, not self.negate)


@dataclass(frozen=True)
class Presence:
    """Whether a field must, may or must not be in a record: the one statement the
    validator, the JSON Schema and the README's record reference are made from."""

    required: bool = False  # always
    required_when: Condition | None = None
    forbidden_when: Condition | None = None

    def is_required(self, checked: dict) -> bool:
        return self.required or (self.required_when is not None and self.required_when.holds(checked))

    def is_forbidden(self, checked: dict) -> bool:
        return self.forbidden_when is not None and self.forbidden_when.holds(checked)

    def text(self) -> str:
        """The README's "required" column."""
        if self.required:
            return "yes"
        when, never = self.required_when, self.forbidden_when
        if when and never == when.negated():
            return f"when {when.text()}, and only then"
        parts = [f"when {when.text()}"] if when else ["no"]
        if never:
            parts.append(f"never when {never.text()}")
        return "; ".join(parts)


REQUIRED = Presence(required=True)
OPTIONAL = Presence()


@dataclass
class Group(Spec):
    """A mapping with known fields; unknown keys are errors."""

    # name -> (spec, presence); a bool is short for REQUIRED (True) or OPTIONAL (False).
    fields: dict[str, tuple[Spec, Presence | bool]] = field(default_factory=dict)
    synonyms: dict[str, str] = field(default_factory=dict)  # likely mistakes -> field name

    def __post_init__(self):
        self.fields = {
            name: (spec, presence if isinstance(presence, Presence) else REQUIRED if presence else OPTIONAL)
            for name, (spec, presence) in self.fields.items()
        }

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            return ctx.problem(path, f"phải là một nhóm trường con (tên_trường: giá trị), không phải {_type_name(value)}")
        out: dict[str, Any] = {}
        for key, v in value.items():
            child = f"{path}.{key}" if path else key
            if key not in self.fields:
                ctx.problem(child, f"trường không có trong mẫu hồ sơ{self._suggest(key)}")
                continue
            spec, _required = self.fields[key]
            if v is None:
                continue  # treated as missing below
            checked = spec.check(v, child, ctx)
            if checked is not INVALID:
                out[key] = checked
        return out

    def check_presence(self, raw: object, checked: object, path: str, ctx: Context) -> None:
        """Fields missing or out of place, here and in every nested group, by each field's
        Presence: ``raw`` as read (a field is missing when absent or empty), ``checked``
        as check() returned it (conditions read valid values only)."""
        if not isinstance(raw, dict):
            return
        checked = checked if isinstance(checked, dict) else {}
        for name, (spec, presence) in self.fields.items():
            child = f"{path}.{name}" if path else name
            if raw.get(name) is None:
                if presence.is_required(checked):
                    what = f": {spec.description}" if spec.description else ""
                    ctx.problem(child, f"thiếu trường bắt buộc{what}", line=ctx.source.line(path))
                continue
            if presence.is_forbidden(checked) and name in checked:
                actual = checked[presence.forbidden_when.field]
                ctx.problem(child, f"trường này không dùng cho {getattr(actual, 'label', str(actual)).lower()}; hãy xóa")
            if isinstance(spec, Group):
                spec.check_presence(raw[name], checked.get(name), child, ctx)
            elif isinstance(spec, ListOf) and isinstance(spec.item, Group) and isinstance(raw[name], list):
                # Items that failed their check are not in ``checked``: conditions inside them read nothing.
                items = checked.get(name) if len(checked.get(name) or ()) == len(raw[name]) else ()
                for i, item in enumerate(raw[name], start=1):
                    spec.item.check_presence(item, items[i - 1] if items else None, f"{child}[{i}]", ctx)

    def _suggest(self, key: str) -> str:
        target = self.synonyms.get(fold(key).replace(" ", "_").replace("-", "_"))
        if not target:
            near = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.6)
            target = near[0] if near else None
        if target:
            return f"; có phải '{target}'?"
        return "; các trường hợp lệ: " + ", ".join(self.fields)

    def schema(self):
        s = {
            "type": "object",
            "additionalProperties": False,
            "properties": {name: spec.schema() for name, (spec, _) in self.fields.items()},
            "required": [name for name, (_, presence) in self.fields.items() if presence.required],
        }
        # One if/then per condition, with every field it requires or forbids.
        rules: dict[Condition, dict[str, list[str]]] = {}
        for name, (_, presence) in self.fields.items():
            if presence.required_when:
                rules.setdefault(presence.required_when, {"required": [], "forbidden": []})["required"].append(name)
            if presence.forbidden_when:
                rules.setdefault(presence.forbidden_when, {"required": [], "forbidden": []})["forbidden"].append(name)
        if rules:
            s["allOf"] = []
            for condition, names in rules.items():
                then: dict = {}
                if names["required"]:
                    then["required"] = names["required"]
                if names["forbidden"]:
                    then["not"] = {"anyOf": [{"required": [n]} for n in names["forbidden"]]}
                s["allOf"].append({"if": condition.schema(), "then": then})
        return self._described(s)


def fold(text: str) -> str:
    """Vietnamese text without diacritics, đ as d, lower case: how people type it.

    One definition for the whole site: search folds the same way."""
    return vietnamese.fold(text)
