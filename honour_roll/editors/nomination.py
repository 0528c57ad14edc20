"""The nomination spreadsheet, described once per movement: its columns
(Vietnamese headers, what each fills in the record, the instructions units
read) and how the Vietnamese labels people type map to the movement's ids.

The template generator, the importer and the exporter all read this module,
so the template a unit fills in and the importer that reads it cannot drift.
Everything that names the movement (kinds, pillars, localities, levels,
awards, criteria, years, bodies) comes from its movement file; the example
texts of the instructions come from data/templates/vi-du-de-cu.yml when the
deployment has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from honour_roll.record.fields import fold
from honour_roll.record.movement import Movement

SHEET = "Danh sách"
INSTRUCTIONS_SHEET = "Hướng dẫn"
TEMPLATE_XLSX = "data/templates/mau-de-cu.xlsx"
TEMPLATE_CSV = "data/templates/mau-de-cu.csv"
EXAMPLES_FILE = "templates/vi-du-de-cu.yml"  # under the data folder
REQUIRED = "Bắt buộc"


@dataclass(frozen=True)
class Column:
    key: str  # the record field path it fills, or a name of its own (stt, nominated_by, notes)
    header: str  # as printed in the template
    required: str  # for the instructions: "Bắt buộc", the kinds it is required of ("Cá nhân"), "" (optional)
    help: str  # how to fill it in, in Vietnamese
    example: str
    aliases: tuple[str, ...] = ()  # other headers people write, any case, with or without diacritics
    width: int = 18

    @property
    def field(self) -> str:
        """The record field this column fills ("" when it fills none)."""
        return "" if self.key in ("stt", "nominated_by", "notes") else self.key


# The columns whatever the movement; the texts that name the movement are filled in by columns().
_COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", "", "Số thứ tự; không được nhập vào hồ sơ.", "1", ("so thu tu", "tt"), 6),
    Column("kind", "Loại", REQUIRED, "", "", ("loai doi tuong", "doi tuong", "loai hinh"), 14),
    Column(
        "name", "", REQUIRED, "", "Nguyễn Văn Mẫu",  # a name no sample record has, so the example row imports as it is
        ("ten", "ho va ten", "ho ten", "ten tap the", "ten don vi", "ten doanh nghiep", "ten tap the doanh nghiep ho va ten",
         "ten tap the doanh nghiep ca nhan", "ten tap the ca nhan", "ten doi tuong"),
        32,
    ),
    Column("position", "Chức vụ", "", "", "Chuyên viên", ("chuc danh",), 22),
    Column("unit", "Đơn vị công tác", "", "", "", ("don vi", "noi cong tac", "co quan cong tac", "don vi cong tac"), 26),
    # The example row is a person's: the parent body's cell stays empty in it.
    Column("parent_body", "Cơ quan chủ quản", "", "", "", ("don vi chu quan", "co quan quan ly"), 26),
    Column("locality", "Địa bàn", REQUIRED, "", "", ("dia phuong", "huyen thi xa thanh pho", "don vi hanh chinh", "huyen"), 16),
    Column("pillars", "", REQUIRED, "", "", ("linh vuc",), 26),
    Column("year", "Năm công nhận", REQUIRED, "", "", ("nam", "nam xet", "nam de nghi", "nam xet cong nhan"), 10),
    Column(
        "summary", "Tóm tắt", REQUIRED, "Một đoạn ngắn (tối đa 1.200 ký tự): đã làm gì, cho ai, kết quả bằng con số.", "",
        ("tom tat thanh tich",), 40,
    ),
    Column(
        "story", "Câu chuyện", REQUIRED,
        "Câu chuyện 150–400 chữ: bối cảnh, cách làm, kết quả có số liệu. Xuống dòng trong ô (Alt+Enter) để tách đoạn.", "",
        ("noi dung", "thanh tich chi tiet", "mo ta", "bao cao thanh tich", "tom tat thanh tich chi tiet"), 60,
    ),
    Column(
        "achievements", "Thành tích nổi bật", "", "Mỗi thành tích một dòng trong ô (Alt+Enter), có số liệu cụ thể.", "",
        ("thanh tich",), 40,
    ),
    Column("initiatives", "Sáng kiến", "", "", "", ("cac sang kien", "sang kien duoc cong nhan"), 40),
    Column("criteria", "Tiêu chí đáp ứng", "", "", "", ("tieu chi",), 16),
    Column(
        "replication.steps", "Các bước nhân rộng", "", "Cách đơn vị khác làm theo: mỗi bước một dòng trong ô.", "",
        ("cach nhan rong", "nhan rong", "buoc nhan rong"), 40,
    ),
    Column(
        "replication.requirements", "Điều kiện nhân rộng", "", "Nhân lực, kinh phí, thiết bị cần chuẩn bị: mỗi điều kiện một dòng.", "",
        ("dieu kien", "dieu kien can chuan bi"), 30,
    ),
    Column(
        "replication.contact.organisation", "Cơ quan đầu mối nhân rộng", "",
        "Tên cơ quan, tổ chức để đơn vị khác liên hệ học tập. Không ghi số điện thoại, thư điện tử của cá nhân.", "",
        ("dau moi", "co quan dau moi", "dau moi lien he", "don vi dau moi"), 30,
    ),
    Column("recognition.decision", "Số quyết định", "", "Để trống khi chưa có quyết định công nhận.", "", ("so qd", "quyet dinh so"), 16),
    Column("recognition.date", "Ngày quyết định", "", "", "", ("ngay qd", "ngay ky", "ngay ky quyet dinh"), 14),
    Column("recognition.issued_by", "Cơ quan ban hành quyết định", "", "Để trống khi chưa có quyết định.", "", ("co quan ban hanh", "noi ban hanh"), 28),
    Column("recognition.award", "Hình thức khen thưởng", "", "", "", ("hinh thuc", "khen thuong"), 18),
    Column("nominated_by", "Đơn vị đề cử", "", "Đơn vị gửi đề cử (chỉ lưu nội bộ, không đăng).", "", ("don vi de nghi", "noi de cu"), 24),
    Column("notes", "Ghi chú", "", "Ghi chú cho biên tập viên (chỉ lưu nội bộ, không đăng).", "", ("ghi chu noi bo",), 24),
)
COLUMN_KEYS = tuple(c.key for c in _COLUMNS)


class ExamplesInvalid(Exception):
    """The examples file cannot be read; the message names the file and says why."""


def read_examples(data_dir: Path) -> dict:
    """The deployment's example texts (data/templates/vi-du-de-cu.yml), or none."""
    path = data_dir / EXAMPLES_FILE
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ExamplesInvalid(f"{path.name}: không đọc được tệp ví dụ của bảng đề cử ({e})") from None
    allowed = {"locality_lead", "parent_body", "row"}
    unknown = [k for k in data if k not in allowed] if isinstance(data, dict) else ["(cần một nhóm trường)"]
    unknown += [f"row.{k}" for k in (data.get("row") or {}) if k not in COLUMN_KEYS] if isinstance(data, dict) else []
    if unknown:
        raise ExamplesInvalid(f"{path.name}: trường không được hỗ trợ: {', '.join(unknown)}; các trường hợp lệ: locality_lead, parent_body, row.<cột>")
    return data


def _either(items: list[str]) -> str:
    """'a, b hoặc c'."""
    return items[0] if len(items) < 2 else ", ".join(items[:-1]) + " hoặc " + items[-1]


def _default_date(movement: Movement) -> str:
    """A date to show as an example when the deployment has none: the period's last day."""
    return f"31/12/{movement.period.last_year}"


def _level_word(label: str) -> str:
    """'cấp tỉnh' -> 'tỉnh': how people write a level in a cell."""
    return re.sub(r"(?i)^cấp\s+", "", label)


def columns(movement: Movement, examples: dict | None = None) -> tuple[Column, ...]:
    """The sheet's columns for ``movement``; ``examples`` from read_examples()."""
    m, examples = movement, examples or {}
    row = {k: str(v) for k, v in (examples.get("row") or {}).items() if v is not None}
    groups = ", ".join(k.label.lower() for k in m.kinds if not k.person)
    persons = ", ".join(k.label.lower() for k in m.kinds if k.person)
    person_required = persons[:1].upper() + persons[1:]
    example_kind = next((k for k in m.kinds if k.person), m.kinds[0])
    labels = lambda items: "; ".join(i.label for i in items)  # noqa: E731
    rule = m.initiative_rule
    blank = lambda who: f" (để trống với {who})" if who else ""  # noqa: E731
    rule_kind = m.rule_criterion.kind if m.rule_criterion else None

    name_header = " / ".join(filter(None, [f"Tên {groups}" if groups else "", "Họ và tên" if persons else ""]))
    name_help = ", hoặc ".join(filter(None, [f"tên đầy đủ của {groups}" if groups else "", f"họ và tên {persons}" if persons else ""]))
    merged = []
    for successor in m.localities:
        before = [loc.label for loc in m.localities if loc.became == successor.id]
        if before:
            merged.append(f" Từ năm {successor.first_year} ghi {successor.label} thay cho {' và '.join(before)}.")
    levels = _either([_level_word(lv.label) for lv in m.levels]) if m.levels else "cấp công nhận"
    per_kind = []
    for kind in m.kinds:
        ids = [c.id for c in m.criteria_for(kind) if not c.computed]
        if ids:
            per_kind.append(f"{kind.label.lower()} {ids[0]}–{ids[-1]}" if len(ids) > 1 else f"{kind.label.lower()} {ids[0]}")
    computed = [c.id for c in m.criteria if c.computed]
    date_example = row.get("recognition.date") or _default_date(m)

    texts: dict[str, dict] = {
        "kind": {"help": f"Một trong: {labels(m.kinds)}.", "example": example_kind.label},
        "name": {"header": name_header, "help": name_help[:1].upper() + name_help[1:] + ". Tên tệp hồ sơ được tạo từ tên này."},
        "position": {"required": person_required, "help": f"Chức vụ của {persons}{blank(groups)}."},
        "unit": {"required": person_required, "help": f"Nơi {persons} công tác{blank(groups)}."},
        "parent_body": {
            "help": f"Cơ quan chủ quản của {groups}"
            + (f", ví dụ {examples['parent_body']}" if examples.get("parent_body") else "")
            + f"{blank(persons)}."
        },
        "locality": {
            "help": str(examples.get("locality_lead") or "Địa bàn tại thời điểm công nhận.")
            + f" Ghi tên như {labels(m.localities)}." + "".join(merged),
        },
        "pillars": {
            "header": m.pillar_label,
            "help": f"Một hoặc nhiều {m.pillar_label.lower()}, cách nhau bằng dấu chấm phẩy: {labels(m.pillars)}.",
            "example": "; ".join(dict.fromkeys(p.label for p in (m.pillars[0], m.pillars[-1]))),
            "aliases": (f"{m.pillar_label} {m.short_name}",),
        },
        "year": {"help": f"Năm xét công nhận ({m.period.text}); có thể để trống nếu đã ghi Ngày quyết định."},
        "initiatives": {
            "required": rule_kind.label if rule_kind else "",
            "help": "Mỗi sáng kiến một dòng trong ô, gồm 4 phần cách nhau bằng dấu chấm phẩy: tên; "
            f"cấp ({levels}); cơ quan công nhận; năm."
            + (f" {rule_kind.label} {rule.requirement} (tiêu chí {rule.criterion})." if rule and rule_kind else ""),
        },
        "criteria": {
            "help": "Các tiêu chí của Hướng dẫn mà hồ sơ đáp ứng, cách nhau bằng dấu chấm phẩy: " + ", ".join(per_kind)
            + (f" ({', '.join(computed)} được tính tự động từ sáng kiến)." if computed else "."),
            "example": "; ".join([c.id for c in m.criteria_for(example_kind) if not c.computed][:2]),
        },
        "recognition.date": {"help": f"Dạng ngày/tháng/năm, ví dụ {date_example}. Để trống khi chưa có quyết định."},
        "recognition.issued_by": {"example": m.awarding_body},
        "recognition.award": {"help": f"Một trong: {labels(m.awards)}. Để trống khi chưa có quyết định."},
    }
    out = []
    for column in _COLUMNS:
        change = dict(texts.get(column.key, {}))
        change["aliases"] = column.aliases + change.get("aliases", ())
        if column.key in row:
            change["example"] = row[column.key]
        out.append(replace(column, **change))
    return tuple(out)


def header_key(text: str) -> str:
    """A header as compared: no diacritics, no case, no punctuation, no hints in brackets."""
    text = re.sub(r"\(.*?\)|\*", " ", str(text))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


# --- Vietnamese labels to ids -----------------------------------------------------------------

def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def _initials(text: str) -> str:
    """'Giáo dục mầm non' -> 'gdmn': how people abbreviate a label."""
    return "".join(word[0] for word in _key(text).split())


# Administrative prefixes people write or leave out: "H. Mộc Châu", "huyện Mộc Châu", "Mộc Châu".
_LOCALITY_PREFIX = re.compile(r"^(h|huyen|tp|thanh pho|tx|thi xa|tt|thi tran|q|quan|x|xa|p|phuong)\s+")
# Words people write for a label (folded): Vietnamese, not this movement's.
_SYNONYMS = {
    "kind": {"to chuc": "tap the", "dn": "doanh nghiep", "cong ty": "doanh nghiep"},
    "level": {"quoc gia": "toan quoc", "cap quoc gia": "toan quoc"},
}


class Sheet:
    """The nomination sheet of one movement: its columns, and the labels a unit may type."""

    def __init__(self, movement: Movement, examples: dict | None = None):
        self.movement = movement
        self.columns = columns(movement, examples)
        self.by_key = {c.key: c for c in self.columns}
        self._headers: dict[str, Column] = {}
        for c in self.columns:
            for h in (c.header, c.key, c.key.rsplit(".", 1)[-1], *c.aliases):
                self._headers.setdefault(header_key(h), c)
        self._index = self._make_index()

    @property
    def example_date(self) -> str:
        """A date as messages show one: the sheet's example."""
        return self.by_key["recognition.date"].example or _default_date(self.movement)

    @property
    def example_year(self) -> str:
        """A year as messages show one: the sheet's example, else the movement's last but one."""
        p = self.movement.period
        return self.by_key["year"].example or str(max(p.first_year, p.last_year - 1))

    def column_for_header(self, text: str) -> Column | None:
        return self._headers.get(header_key(text)) if text is not None else None

    def _make_index(self) -> dict[str, dict[str, str]]:
        m = self.movement
        both = lambda items: {**{_key(i.id): i.id for i in items}, **{_key(i.label): i.id for i in items}}  # noqa: E731
        idx = {"kind": both(m.kinds), "recognition.award": both(m.awards)}
        idx["pillars"] = {**{_initials(p.label): p.id for p in m.pillars}, **both(m.pillars)}
        idx["level"] = {**both(m.levels), **{_key(_level_word(lv.label)): lv.id for lv in m.levels}}
        for vocabulary, words in _SYNONYMS.items():
            for word, label in words.items():
                if label in idx[vocabulary] and word not in idx[vocabulary]:
                    idx[vocabulary][word] = idx[vocabulary][label]
        loc: dict[str, str] = {}
        for l in m.localities:
            loc[_key(l.id)] = l.id
            loc[_key(l.label)] = l.id
            loc[_LOCALITY_PREFIX.sub("", _key(l.label))] = l.id
            if l.slug:
                loc[_key(l.slug)] = l.id
        # The unit of the whole scope ("Cấp tỉnh") is also written as the scope itself: "tỉnh",
        # its scope ("tỉnh Sơn La"), its place ("Sơn La") or the place's initials ("SL").
        whole = next((l for l in m.localities if _key(l.label).startswith("cap ")), None)
        if whole is not None:
            for text in (_key(whole.label)[4:], _key(m.scope), _key(m.place), _initials(m.place)):
                loc.setdefault(text, whole.id)
        idx["locality"] = loc
        return idx

    def resolve(self, vocabulary: str, text: str) -> str | None:
        """The id for a label or id as typed, in any case, with or without diacritics."""
        options = self._index[vocabulary]
        key = _key(text)
        if key in options:
            return options[key]
        if vocabulary == "locality":
            stripped = _LOCALITY_PREFIX.sub("", key)
            if stripped in options:
                return options[stripped]
        if vocabulary != "recognition.award":
            return None
        # "Bằng khen của Chủ tịch UBND tỉnh": exactly one award named inside the text.
        inside = {v for k, v in options.items() if len(k) > 3 and re.search(rf"\b{re.escape(k)}\b", key)}
        return inside.pop() if len(inside) == 1 else None

    def choices(self, vocabulary: str) -> str:
        """The labels to show in a message."""
        m = self.movement
        items = {"kind": m.kinds, "pillars": m.pillars, "recognition.award": m.awards, "locality": m.localities}
        if vocabulary == "level":
            return "; ".join(_level_word(lv.label) for lv in m.levels)
        return "; ".join(i.label for i in items[vocabulary])

    def criterion_id(self, text: str) -> str:
        """'3.3b', '3.3.B', ' 3.3.b ' -> '3.3.b': the movement's criterion written with or without
        its dots, in any case (unknown ids are left for the validator to name)."""
        bare = lambda t: re.sub(r"[\s.]+", "", t).lower()  # noqa: E731
        wanted = bare(text)
        return next((c.id for c in self.movement.criteria if bare(c.id) == wanted), text.strip())


def sheet_of(movement: Movement, data_dir: Path) -> Sheet:
    """The sheet of a deployment: its movement and its example texts."""
    return Sheet(movement, read_examples(data_dir))
