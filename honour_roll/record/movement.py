"""The movement an honour roll belongs to, read from its movement file.

Every Vietnamese emulation movement has the same shape: a guidance with
criteria per kind of honoree, a period, the units it covers, award forms, a
quota. This module holds that shape as typed, frozen data and checks a
movement file the way records are checked: every problem at once, as
``file:line: field: message`` in Vietnamese, never a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from honour_roll.record.english import KindEnglish, MovementEnglish, PillarEnglish
from honour_roll.record.fields import SLUG
from honour_roll.record.problems import Problem, RecordsInvalid
from honour_roll.record.yaml_source import Source, read_source

MOVEMENT_FILE = "movement.yml"


@dataclass(frozen=True)
class Period:
    first_year: int
    last_year: int

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first_year, self.last_year + 1))

    @property
    def text(self) -> str:
        return f"{self.first_year}–{self.last_year}"


@dataclass(frozen=True)
class Body:
    name: str
    short_name: str = ""


@dataclass(frozen=True)
class GuidanceRef:
    file: str  # under the data folder
    title: str
    reference: str = ""
    date: dt.date | None = None
    quota_section: str = ""  # the clause that sets the quota, if the guidance numbers it

    @property
    def date_text(self) -> str:
        return f"{self.date.day}/{self.date.month}/{self.date.year}" if self.date else ""


@dataclass(frozen=True)
class Kind:
    """A kind of honoree (tập thể, doanh nghiệp, cá nhân...)."""

    id: str
    label: str
    slug: str  # its page: loai/<slug>/
    section: str  # the clause of the guidance that sets this kind's criteria
    person: bool = False  # position and unit required, photo consent, the personal-data guard
    quota: int | None = None  # the least number the guidance asks for
    intro: str = ""

    @property
    def plural_label(self) -> str:
        return self.label  # Vietnamese nouns do not inflect


@dataclass(frozen=True)
class Pillar:
    """One of the movement's fields of work (for digital transformation, its pillars)."""

    id: str
    label: str
    slug: str
    intro: str = ""


@dataclass(frozen=True)
class Level:
    """A level at which an initiative is recognised, lowest first."""

    id: str
    label: str
    slug: str  # its value in Tra cứu's URL


@dataclass(frozen=True)
class Award:
    id: str
    label: str


@dataclass(frozen=True)
class Locality:
    """A unit as named at the time; one that ceased names what it became."""

    id: str
    label: str
    first_year: int
    last_year: int
    became: str = ""
    note: str = ""
    slug: str = ""  # its value in Tra cứu's URL, when the id is not Vietnamese

    def existed_in(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    @property
    def url_value(self) -> str:
        return self.slug or self.id

    @property
    def years_text(self) -> str:
        if self.first_year == self.last_year:
            return f"năm {self.first_year}"
        return f"{self.first_year}–{self.last_year}"


@dataclass(frozen=True)
class Criterion:
    id: str
    kind: Kind
    item: int  # 1-based place among the items of the kind's clause of the guidance
    title: str
    computed: bool = False  # met or not from the record's initiatives, never declared

    @property
    def anchor(self) -> str:
        return "tieu-chi-" + self.id.replace(".", "-")


@dataclass(frozen=True)
class Alternative:
    at_least: int
    levels: tuple[str, ...]
    label: str  # what it counts, e.g. "sáng kiến cấp tỉnh hoặc toàn quốc"


@dataclass(frozen=True)
class RuleResult:
    """The initiative rule for one honoree, with the reason shown on the page."""

    met: bool
    counts: tuple[int, ...]  # initiatives counted by each alternative, in order
    labels: tuple[str, ...]
    requirement: str

    @property
    def reason(self) -> str:
        parts = [f"{n} {label}" for n, label in zip(self.counts, self.labels) if n]
        have = " và ".join(parts) if parts else "chưa có sáng kiến nào được công nhận"
        return f"Đạt: có {have}." if self.met else f"Chưa đạt: {have}; {self.requirement}."


@dataclass(frozen=True)
class InitiativeRule:
    """A criterion met or not from a record's initiatives: met when any one
    alternative holds (at least N initiatives at the levels it names)."""

    criterion: str
    any_of: tuple[Alternative, ...]
    requirement: str  # e.g. "cần ít nhất 01 sáng kiến cấp tỉnh/toàn quốc hoặc 02 sáng kiến cấp cơ sở"

    def evaluate(self, levels: Iterable[str]) -> RuleResult:
        levels = list(levels)
        counts = tuple(sum(1 for lv in levels if lv in alt.levels) for alt in self.any_of)
        met = any(n >= alt.at_least for n, alt in zip(counts, self.any_of))
        return RuleResult(met, counts, tuple(alt.label for alt in self.any_of), self.requirement)


@dataclass(frozen=True)
class OpenData:
    licence: str  # short, e.g. "CC BY 4.0"
    licence_url: str
    attribution: str  # the credit reusers must give
    licence_title: str = ""  # in full, as the open-data page names it

    @property
    def licence_name(self) -> str:
        return self.licence_title or self.licence


@dataclass(frozen=True)
class Movement:
    title: str
    short_name: str
    scope: str  # e.g. "tỉnh Sơn La": "trên địa bàn {scope}"
    place: str  # e.g. "Sơn La": "tại {place}"
    period: Period
    issuer: Body
    awarding_body: str
    guidance: GuidanceRef
    kinds: tuple[Kind, ...]
    pillar_label: str
    pillars: tuple[Pillar, ...]
    levels: tuple[Level, ...]
    criteria: tuple[Criterion, ...]
    initiative_rule: InitiativeRule | None
    localities: tuple[Locality, ...]
    locality_description: str  # what a locality is, for the open data's field list
    awards: tuple[Award, ...]
    open_data: OpenData
    en: MovementEnglish | None = None  # the English edition's text; None: no English edition

    @property
    def years(self) -> tuple[int, ...]:
        return self.period.years

    def kind(self, kind_id: str) -> Kind:
        return next(k for k in self.kinds if k.id == kind_id)

    def criteria_for(self, kind: Kind) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.kind == kind)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def locality(self, locality_id: str) -> Locality:
        return next(loc for loc in self.localities if loc.id == locality_id)

    @property
    def rule_criterion(self) -> Criterion | None:
        return self.criterion(self.initiative_rule.criterion) if self.initiative_rule else None


class MovementInvalid(RecordsInvalid):
    """Raised with every problem of the movement file at once; callers that
    report invalid records report it the same way."""

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"Có {len(self.problems)} lỗi trong tệp phong trào. Hãy sửa các lỗi trên rồi chạy lại; trang web chưa được tạo.")
        return "\n".join(lines)


def load_movement(path: Path, display_path: str | None = None) -> Movement:
    """Read and check a movement file; raises MovementInvalid with every problem."""
    shown = display_path or path.name
    try:
        raw = path.read_bytes()
    except OSError:
        raise MovementInvalid([Problem(shown, 0, "", "không tìm thấy tệp phong trào; hãy tạo tệp này (xem `honour-roll init`)")]) from None
    source, problems = read_source(shown, raw)
    if source is None:
        raise MovementInvalid(problems)
    reader = _Reader(source, problems)
    movement = reader.movement()
    if reader.problems:
        raise MovementInvalid(reader.problems)
    return movement


# --- checking ----------------------------------------------------------------------------------

_MISSING = object()
_KEEP = object()  # integer(): keep a whole number even when out of range, after reporting it


def _raw_ids(value: Any, key: str = "id") -> list[str]:
    """The ids a list declares, read leniently: cross-references are checked against what
    the editor wrote, so one bad entry does not make every reference to it a second problem."""
    return list(dict.fromkeys(str(item[key]) for item in value if isinstance(item, dict) and item.get(key) is not None)) if isinstance(value, list) else []


class _Invalid(Exception):
    """A value already reported: the caller skips what depends on it."""


class _Reader:
    def __init__(self, source: Source, problems: list[Problem]):
        self.source = source
        self.problems = list(problems)

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.source.path, self.source.line(path), path, message))

    # Typed getters: each reports its own problem and raises _Invalid.

    def mapping(self, value: Any, path: str, keys: dict[str, bool]) -> dict:
        """``keys``: name -> required. Unknown and missing keys are problems."""
        if value is None or value == "":
            raise _Invalid  # reported as missing by the group that holds it
        if not isinstance(value, dict):
            self.problem(path, "cần một nhóm trường dạng 'tên: giá trị'")
            raise _Invalid
        for key in value:
            if key not in keys:
                known = ", ".join(keys)
                self.problem(f"{path}.{key}" if path else key, f"trường không được hỗ trợ; các trường hợp lệ: {known}")
        for key, required in keys.items():
            if required and value.get(key) in (None, ""):
                self.problem(f"{path}.{key}" if path else key, "thiếu trường bắt buộc")
        return value

    def text(self, value: Any, path: str, required: bool = True) -> str:
        if value is None or value == "":
            if required:
                raise _Invalid  # reported as missing by mapping()
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problem(path, "cần một đoạn văn bản")
            raise _Invalid
        value = " ".join(value.split())
        if not value.strip("\u200b\u200c\u200d\u2060\ufeff"):  # only invisible characters
            if required:
                self.problem(path, "trường này đang trống; hãy điền nội dung")
                raise _Invalid
            return ""
        if "<" in value or ">" in value:
            self.problem(path, "không dùng ký tự '<' hoặc '>' trong trường này")
            raise _Invalid
        return value

    def slug(self, value: Any, path: str) -> str:
        text = self.text(value, path)
        if not SLUG.match(text):
            self.problem(path, f"'{text}' không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ 'tap-the'")
            raise _Invalid
        return text

    def integer(self, value: Any, path: str, minimum: int = 0, maximum: int = 9999, default: Any = _MISSING) -> int:
        """``default``: returned after reporting a problem, so that one wrong number does not
        hide the entry it belongs to from the checks that refer to it."""
        # Only real YAML integers: a digit check on text would accept '²⁰²³'.
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"cần một số nguyên từ {minimum} đến {maximum}")
        elif not minimum <= value <= maximum:
            self.problem(path, f"{value} nằm ngoài khoảng {minimum}–{maximum}")
        else:
            return value
        if default is _MISSING:
            raise _Invalid
        return value if default is _KEEP and isinstance(value, int) and not isinstance(value, bool) else (None if default is _KEEP else default)

    def items(self, value: Any, path: str, read: Callable[[Any, str], Any]) -> list:
        """A non-empty list; items that fail are left out, their problems reported."""
        if value is None or value == "":
            raise _Invalid  # reported as missing by mapping()
        if not isinstance(value, list) or not value:
            self.problem(path, "cần một danh sách có ít nhất một mục")
            raise _Invalid
        out = []
        for i, item in enumerate(value, start=1):
            try:
                out.append(read(item, f"{path}[{i}]"))
            except _Invalid:
                pass
        return out

    def unique(self, entries: list, path: str, what: str, key: str = "id") -> None:
        seen: set[str] = set()
        for i, entry in enumerate(entries, start=1):
            value = getattr(entry, key)
            if value in seen:
                self.problem(f"{path}[{i}].{key}", f"{what} '{value}' bị lặp lại; mỗi {what} cần một mã riêng")
            seen.add(value)

    def part(self, read: Callable[[], Any], default: Any = None) -> Any:
        try:
            return read()
        except _Invalid:
            return default

    # The file, part by part.

    def movement(self) -> Movement | None:
        keys = {
            "title": True, "short_name": True, "scope": True, "place": True, "period": True, "issuer": True,
            "awarding_body": True, "guidance": True, "kinds": True, "pillars": True,
            "initiative_levels": False, "criteria": True, "initiative_rule": False, "localities": True, "locality_description": False,
            "awards": True, "open_data": True, "en": False,
        }  # fmt: skip
        try:
            data = self.mapping(self.source.data, "", keys)
        except _Invalid:
            return None
        text = lambda key, required=True: self.part(lambda: self.text(data.get(key), key, required), "")  # noqa: E731
        period = self.part(lambda: self.period(data.get("period")))
        kinds = self.part(lambda: self.kinds(data.get("kinds")), [])
        levels = self.part(lambda: self.levels(data.get("initiative_levels")), []) if "initiative_levels" in data else []
        rule_criterion = str((data.get("initiative_rule") or {}).get("criterion", "")) if isinstance(data.get("initiative_rule"), dict) else ""
        criteria = self.part(lambda: self.criteria(data.get("criteria"), _raw_ids(data.get("kinds")), kinds, rule_criterion), [])
        label, pillars = self.part(lambda: self.pillars(data.get("pillars")), ("", []))
        movement = Movement(
            title=text("title"),
            short_name=text("short_name"),
            scope=text("scope"),
            place=text("place"),
            period=period,
            issuer=self.part(lambda: self.body(data.get("issuer"), "issuer")),
            awarding_body=text("awarding_body"),
            guidance=self.part(lambda: self.guidance(data.get("guidance"))),
            kinds=tuple(kinds),
            pillar_label=label,
            pillars=tuple(pillars),
            levels=tuple(levels),
            criteria=tuple(criteria),
            initiative_rule=self.part(lambda: self.rule(data.get("initiative_rule"), _raw_ids(data.get("criteria")), levels)) if data.get("initiative_rule") is not None else None,
            localities=tuple(self.part(lambda: self.localities(data.get("localities"), period), [])),
            locality_description=text("locality_description", False) or "Địa bàn tại thời điểm công nhận",
            awards=tuple(self.part(lambda: self.awards(data.get("awards")), [])),
            open_data=self.part(lambda: self.open_data(data.get("open_data"))),
        )
        if data.get("en") is not None:
            english = self.part(lambda: self.english(data["en"], movement, data))
            movement = dataclasses.replace(movement, en=english)
        return movement

    def period(self, value: Any) -> Period:
        data = self.mapping(value, "period", {"first_year": True, "last_year": True})
        first = self.integer(data.get("first_year"), "period.first_year", 1945, 2200)
        last = self.integer(data.get("last_year"), "period.last_year", 1945, 2200)
        if last < first:
            self.problem("period.last_year", f"năm kết thúc {last} trước năm bắt đầu {first}")
            raise _Invalid
        return Period(first, last)

    def body(self, value: Any, path: str) -> Body:
        data = self.mapping(value, path, {"name": True, "short_name": False})
        return Body(self.text(data.get("name"), f"{path}.name"), self.text(data.get("short_name"), f"{path}.short_name", False))

    def guidance(self, value: Any) -> GuidanceRef:
        data = self.mapping(value, "guidance", {"file": True, "title": True, "reference": False, "date": False, "quota_section": False})
        date = None
        if data.get("date") not in (None, ""):
            raw = str(data["date"])
            try:
                date = dt.date.fromisoformat(raw) if len(raw) == 10 else None
            except ValueError:
                date = None
            if date is None:
                self.problem("guidance.date", f"ngày '{raw}' không hợp lệ; hãy ghi theo dạng năm-tháng-ngày, ví dụ 2000-01-31")
        file = self.text(data.get("file"), "guidance.file")
        if file.startswith("/") or ".." in file.split("/"):
            self.problem("guidance.file", "đường dẫn phải nằm trong thư mục dữ liệu, ví dụ 'guidance/huong-dan.txt'")
            raise _Invalid
        return GuidanceRef(
            file, self.text(data.get("title"), "guidance.title"), self.text(data.get("reference"), "guidance.reference", False), date,
            self.text(data.get("quota_section"), "guidance.quota_section", False),
        )  # fmt: skip

    def kinds(self, value: Any) -> list[Kind]:
        def read(item, path):
            data = self.mapping(item, path, {"id": True, "label": True, "slug": True, "section": True, "person": False, "quota": False, "intro": False})
            person = data.get("person", False)
            if not isinstance(person, bool):
                self.problem(f"{path}.person", "cần 'true' hoặc 'false'")
                raise _Invalid
            quota = self.integer(data["quota"], f"{path}.quota", 0, 100000, default=None) if data.get("quota") is not None else None
            return Kind(
                self.slug(data.get("id"), f"{path}.id"), self.text(data.get("label"), f"{path}.label"),
                self.slug(data.get("slug"), f"{path}.slug"), self.text(data.get("section"), f"{path}.section"), person, quota,
                self.text(data.get("intro"), f"{path}.intro", False),
            )  # fmt: skip

        kinds = self.items(value, "kinds", read)
        self.unique(kinds, "kinds", "loại")
        self.unique(kinds, "kinds", "địa chỉ", key="slug")
        return kinds

    def pillars(self, value: Any) -> tuple[str, list[Pillar]]:
        data = self.mapping(value, "pillars", {"label": True, "items": True})

        def read(item, path):
            d = self.mapping(item, path, {"id": True, "label": True, "slug": True, "intro": False})
            return Pillar(
                self.slug(d.get("id"), f"{path}.id"), self.text(d.get("label"), f"{path}.label"),
                self.slug(d.get("slug"), f"{path}.slug"), self.text(d.get("intro"), f"{path}.intro", False),
            )  # fmt: skip

        items = self.items(data.get("items"), "pillars.items", read)
        self.unique(items, "pillars.items", "mục")
        self.unique(items, "pillars.items", "địa chỉ", key="slug")
        return self.text(data.get("label"), "pillars.label"), items

    def levels(self, value: Any) -> list[Level]:
        def read(item, path):
            d = self.mapping(item, path, {"id": True, "label": True, "slug": False})
            level_id = self.slug(d.get("id"), f"{path}.id")
            return Level(level_id, self.text(d.get("label"), f"{path}.label"), self.slug(d["slug"], f"{path}.slug") if d.get("slug") else level_id)

        levels = self.items(value, "initiative_levels", read)
        self.unique(levels, "initiative_levels", "cấp")
        return levels

    def criteria(self, value: Any, kind_ids: list[str], kinds: list[Kind], rule_criterion: str) -> list[Criterion]:
        by_id = {k.id: k for k in kinds}

        def read(item, path):
            d = self.mapping(item, path, {"id": True, "kind": True, "item": True, "title": True})
            kind = self.text(d.get("kind"), f"{path}.kind")
            if kind not in kind_ids:
                self.problem(f"{path}.kind", f"loại '{kind}' không có trong 'kinds'; chọn một trong: {', '.join(kind_ids)}")
                raise _Invalid
            criterion_id = self.text(d.get("id"), f"{path}.id")
            item_number = self.integer(d.get("item"), f"{path}.item", 1, 99)
            title = self.text(d.get("title"), f"{path}.title")
            if kind not in by_id:
                raise _Invalid  # a kind with a problem of its own, already reported
            return Criterion(criterion_id, by_id[kind], item_number, title, computed=criterion_id == rule_criterion)

        criteria = self.items(value, "criteria", read)
        self.unique(criteria, "criteria", "tiêu chí")
        places: dict[tuple[str, int], str] = {}
        for i, c in enumerate(criteria, start=1):
            if (c.kind.id, c.item) in places:
                self.problem(f"criteria[{i}].item", f"tiêu chí '{c.id}' trùng vị trí {c.item} với tiêu chí '{places[c.kind.id, c.item]}' của cùng loại")
            places.setdefault((c.kind.id, c.item), c.id)
        declared = _raw_ids(value, "kind")
        # A criterion without a kind is reported once, not again as its kind's missing criterion.
        complete = all(isinstance(item, dict) and item.get("kind") for item in value)
        for kind in kind_ids if complete else ():
            if kind not in declared:
                self.problem("criteria", f"loại '{kind}' chưa có tiêu chí nào; mỗi loại cần ít nhất một tiêu chí")
        return criteria

    def rule(self, value: Any, criterion_ids: list[str], levels: list[Level]) -> InitiativeRule:
        data = self.mapping(value, "initiative_rule", {"criterion": True, "any_of": True, "requirement": False})
        criterion = self.text(data.get("criterion"), "initiative_rule.criterion")
        if criterion not in criterion_ids:
            self.problem("initiative_rule.criterion", f"tiêu chí '{criterion}' không có trong 'criteria'")
        level_ids = [lv.id for lv in levels]
        if not level_ids:
            self.problem("initiative_rule", "quy tắc sáng kiến cần danh sách 'initiative_levels'")
            raise _Invalid

        def read(item, path):
            d = self.mapping(item, path, {"at_least": True, "levels": True, "label": False})
            names = d.get("levels")
            if not isinstance(names, list) or not names:
                self.problem(f"{path}.levels", "cần danh sách các cấp, ví dụ [provincial, national]")
                raise _Invalid
            for j, name in enumerate(names, start=1):
                if name not in level_ids:
                    self.problem(f"{path}.levels[{j}]", f"cấp '{name}' không có trong 'initiative_levels'; chọn một trong: {', '.join(level_ids)}")
                    raise _Invalid
            label = self.text(d.get("label"), f"{path}.label", False) or "sáng kiến " + " hoặc ".join(labels[n] for n in names)
            return Alternative(self.integer(d.get("at_least"), f"{path}.at_least", 1, 99), tuple(names), label)

        labels = {lv.id: lv.label for lv in levels}
        any_of = tuple(self.items(data.get("any_of"), "initiative_rule.any_of", read))
        requirement = self.text(data.get("requirement"), "initiative_rule.requirement", False) or "cần " + " hoặc ".join(
            f"ít nhất {alt.at_least:02d} {alt.label}" for alt in any_of
        )
        return InitiativeRule(criterion, any_of, requirement)

    def localities(self, value: Any, period: Period | None) -> list[Locality]:
        first, last = (period.first_year, period.last_year) if period else (1945, 2200)

        def read(item, path):
            d = self.mapping(item, path, {"id": True, "label": True, "first_year": False, "last_year": False, "became": False, "note": False, "slug": False})
            start = self.integer(d["first_year"], f"{path}.first_year", first, last, default=_KEEP) if d.get("first_year") is not None else first
            end = self.integer(d["last_year"], f"{path}.last_year", first, last, default=_KEEP) if d.get("last_year") is not None else last
            if start is None or end is None:
                raise _Invalid
            if first <= start <= last and first <= end <= last and end < start:
                self.problem(f"{path}.last_year", f"năm cuối {end} trước năm đầu {start}")
                raise _Invalid
            became = self.slug(d["became"], f"{path}.became") if d.get("became") else ""
            return Locality(
                self.slug(d.get("id"), f"{path}.id"), self.text(d.get("label"), f"{path}.label"), start, end, became,
                self.text(d.get("note"), f"{path}.note", False), self.slug(d["slug"], f"{path}.slug") if d.get("slug") else "",
            )  # fmt: skip

        localities = self.items(value, "localities", read)
        self.unique(localities, "localities", "địa bàn")
        by_id = {loc.id: loc for loc in localities}
        for i, loc in enumerate(localities, start=1):
            if not loc.became:
                continue
            path = f"localities[{i}].became"
            successor = by_id.get(loc.became)
            if successor is None or successor is loc:
                self.problem(path, f"địa bàn '{loc.became}' không có trong 'localities'")
            elif loc.last_year >= last:
                self.problem(path, f"'{loc.id}' tồn tại đến hết giai đoạn ({loc.last_year}); chỉ ghi 'became' khi đơn vị đã sáp nhập trước năm {last}")
            elif loc.last_year < last and successor.first_year <= loc.last_year:
                self.problem(
                    path,
                    f"năm chồng lấn: '{loc.id}' tồn tại đến {loc.last_year} nhưng '{successor.id}' đã có từ {successor.first_year}; "
                    f"đơn vị mới cần bắt đầu từ năm {loc.last_year + 1}",
                )
        return localities

    def awards(self, value: Any) -> list[Award]:
        def read(item, path):
            d = self.mapping(item, path, {"id": True, "label": True})
            return Award(self.slug(d.get("id"), f"{path}.id"), self.text(d.get("label"), f"{path}.label"))

        awards = self.items(value, "awards", read)
        self.unique(awards, "awards", "hình thức khen thưởng")
        return awards

    def open_data(self, value: Any) -> OpenData:
        d = self.mapping(value, "open_data", {"licence": True, "licence_url": True, "attribution": True, "licence_title": False})
        url = self.text(d.get("licence_url"), "open_data.licence_url")
        if not url.startswith("https://"):
            self.problem("open_data.licence_url", "địa chỉ cần bắt đầu bằng https://")
            raise _Invalid
        return OpenData(
            self.text(d.get("licence"), "open_data.licence"), url, self.text(d.get("attribution"), "open_data.attribution"),
            self.text(d.get("licence_title"), "open_data.licence_title", False),
        )  # fmt: skip

    # The English edition: every id of the movement needs its English, so that no English page
    # shows a Vietnamese label in its own text.

    def english(self, value: Any, m: Movement, data: dict) -> MovementEnglish:
        path = "en"
        d = self.mapping(value, path, {
            "site_name": True, "title": True, "short_name": True, "scope": True, "description": True, "intro": True,
            "issuer": True, "awarding_body": True, "guidance": True, "kinds": True, "pillars": True,
            "initiative_levels": bool(m.levels), "criteria": True, "initiative_rule": m.initiative_rule is not None,
            "localities": True, "awards": True,
        })  # fmt: skip
        text = lambda key: self.part(lambda: self.text(d.get(key), f"{path}.{key}"), "")  # noqa: E731
        prose = lambda value, where: self.part(lambda: self.prose(value, where), "")  # noqa: E731
        guidance = self.part(lambda: self.mapping(d.get("guidance"), f"{path}.guidance", {"title": True, "summary": True}), {})
        pillars = self.part(lambda: self.mapping(d.get("pillars"), f"{path}.pillars", {"label": True, "plural": True, "items": True}), {})

        def kind(item, where):
            k = self.mapping(item, where, {"label": True, "plural": True, "intro": bool(by_kind[where.rpartition(".")[2]].intro)})
            return KindEnglish(self.text(k.get("label"), f"{where}.label"), self.text(k.get("plural"), f"{where}.plural"), self.text(k.get("intro"), f"{where}.intro", False))

        def pillar(item, where):
            p = self.mapping(item, where, {"label": True, "intro": bool(by_pillar[where.rpartition(".")[2]].intro)})
            return PillarEnglish(self.text(p.get("label"), f"{where}.label"), self.text(p.get("intro"), f"{where}.intro", False))

        by_kind = {k.id: k for k in m.kinds}
        by_pillar = {p.id: p for p in m.pillars}
        labels = self.part(lambda: self.mapping(d.get("initiative_rule"), f"{path}.initiative_rule", {"labels": True, "requirement": True}), {}) if m.initiative_rule else {}
        rule_labels = self.part(lambda: self.items(labels.get("labels"), f"{path}.initiative_rule.labels", self.text), []) if labels else []
        if m.initiative_rule and labels.get("labels") and len(rule_labels) == len(labels["labels"]) != len(m.initiative_rule.any_of):
            self.problem(
                f"{path}.initiative_rule.labels",
                f"có {len(rule_labels)} nhãn nhưng quy tắc có {len(m.initiative_rule.any_of)} điều kiện (any_of); cần một nhãn cho mỗi điều kiện, cùng thứ tự",
            )
        english = MovementEnglish(
            site_name=text("site_name"), title=text("title"), short_name=text("short_name"), scope=text("scope"),
            description=text("description"), intro=prose(d.get("intro"), f"{path}.intro"), issuer=text("issuer"),
            awarding_body=text("awarding_body"),
            guidance_title=self.part(lambda: self.text(guidance.get("title"), f"{path}.guidance.title"), "") if guidance else "",
            guidance_summary=prose(guidance.get("summary"), f"{path}.guidance.summary") if guidance else "",
            pillar_label=self.part(lambda: self.text(pillars.get("label"), f"{path}.pillars.label"), "") if pillars else "",
            pillar_plural=self.part(lambda: self.text(pillars.get("plural"), f"{path}.pillars.plural"), "") if pillars else "",
            kinds=self.translations(d.get("kinds"), f"{path}.kinds", [k.id for k in m.kinds], "loại", kind),
            pillars=self.translations(pillars.get("items"), f"{path}.pillars.items", [p.id for p in m.pillars], "mục", pillar) if pillars else (),
            levels=self.translations(d.get("initiative_levels"), f"{path}.initiative_levels", [lv.id for lv in m.levels], "cấp", self.text) if m.levels else (),
            criteria=self.translations(d.get("criteria"), f"{path}.criteria", [c.id for c in m.criteria], "tiêu chí", self.text),
            rule_labels=tuple(rule_labels),
            rule_requirement=self.part(lambda: self.text(labels.get("requirement"), f"{path}.initiative_rule.requirement"), "") if labels else "",
            localities=self.translations(d.get("localities"), f"{path}.localities", [loc.id for loc in m.localities], "địa bàn", self.text),
            awards=self.translations(d.get("awards"), f"{path}.awards", [a.id for a in m.awards], "hình thức khen thưởng", self.text),
        )  # fmt: skip
        return english

    def prose(self, value: Any, path: str) -> str:
        """Markdown paragraphs: line breaks kept, no HTML."""
        if value is None or value == "":
            raise _Invalid  # reported as missing by mapping()
        if not isinstance(value, str):
            self.problem(path, "cần một đoạn văn bản")
            raise _Invalid
        if "<" in value or ">" in value:
            self.problem(path, "không dùng ký tự '<' hoặc '>' (thẻ HTML); viết bằng Markdown")
            raise _Invalid
        return value.strip()

    def translations(self, value: Any, path: str, ids: list[str], what: str, read: Callable[[Any, str], Any]) -> tuple:
        """``id: English`` for every id of a list of the movement, and no other."""
        if value is None or value == "" or not isinstance(value, dict):
            if value is not None and value != "":
                self.problem(path, f"cần một nhóm 'mã: bản tiếng Anh' cho mỗi {what}")
            return ()
        out = {}
        for key, item in value.items():
            key = str(key)
            if key not in ids:
                self.problem(f"{path}.{key}", f"{what} '{key}' không có trong phần tiếng Việt; các mã hợp lệ: {', '.join(ids)}")
                continue
            try:
                out[key] = read(item, f"{path}.{key}")
            except _Invalid:
                pass
        missing = [i for i in ids if i not in value]
        if missing:
            self.problem(path, f"thiếu bản tiếng Anh của {what} {', '.join(repr(i) for i in missing)}; mỗi {what} cần bản tiếng Anh")
        return tuple((i, out[i]) for i in ids if i in out)  # in the movement's order
