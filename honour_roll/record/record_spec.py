"""The record, described once: fields, types, controlled lists, limits, and
which fields are required, when, and where they do not belong (each field's
Presence). The validator, the JSON Schema (schema.py) and the README's record
reference are all made from it; tests/test_schema.py holds them together.

A record belongs to a movement, whose file gives the controlled lists (kinds,
pillars, localities, levels, awards, criteria) and the years: the spec is made
for one movement by ``record_spec``."""

from __future__ import annotations

import datetime as dt

from honour_roll.record.fields import Boolean, Choice, Condition, Date, Email, Group, Integer, ListOf, Presence, Slug, Text, Url
from honour_roll.record.vietnamese import and_list
from honour_roll.record.movement import Movement
from honour_roll.record.vocabulary import Status


def _choice(items):
    items = tuple(items)
    return Choice(options=lambda: {m.id: m for m in items}, labels=lambda: {m.id: m.label for m in items})


def _sections(m: Movement) -> str:
    """'3.1–3.3' when the kinds' clauses follow each other, else each of them."""
    sections = [k.section for k in m.kinds]
    return f"{sections[0]}–{sections[-1]}" if len(sections) > 2 else " và ".join(sections)


def _ids_text(items) -> str:
    return ", ".join(f"{m.id} ({m.label.lower()})" for m in items)


def _with(spec, description):
    spec.description = description
    return spec


CONTACT = Group(
    description="Đầu mối liên hệ để nhân rộng: một cơ quan, tổ chức, không phải cá nhân",
    fields={
        "organisation": (_with(Text(max_length=200), "Tên cơ quan, tổ chức đầu mối"), True),
        "website": (_with(Url(), "Trang web của cơ quan, tổ chức"), False),
        "email": (_with(Email(), "Thư điện tử công vụ của cơ quan, tổ chức"), False),
        "phone": (_with(Text(max_length=40), "Số điện thoại cơ quan (đường dây nóng, tổng đài)"), False),
    },
    synonyms={"to_chuc": "organisation", "co_quan": "organisation", "organization": "organisation"},
)

REPLICATION = Group(
    description="Cách đơn vị khác có thể nhân rộng cách làm",
    fields={
        "steps": (_with(ListOf(item=Text(max_length=500), min_items=1, max_items=20), "Các bước thực hiện"), True),
        "requirements": (_with(ListOf(item=Text(max_length=500), max_items=20), "Điều kiện cần chuẩn bị (nhân lực, kinh phí, thiết bị)"), False),
        "contact": (CONTACT, False),
    },
    synonyms={"cac_buoc": "steps", "dieu_kien": "requirements", "lien_he": "contact"},
)

PHOTO = Group(
    description="Ảnh: tệp trong thư mục data/, có mô tả và nguồn",
    fields={
        "file": (_with(Text(max_length=200), "Đường dẫn tệp ảnh, tính từ thư mục data/ (ví dụ photos/ten-anh.jpg)"), True),
        "alt": (_with(Text(max_length=300), "Mô tả ảnh cho người khiếm thị"), True),
        "credit": (_with(Text(max_length=200), "Nguồn ảnh, tác giả"), True),
        "consent": (_with(Boolean(), "Người trong ảnh đã đồng ý cho đăng (bắt buộc với cá nhân)"), False),
    },
    synonyms={"tep": "file", "mo_ta": "alt", "nguon": "credit", "dong_y": "consent"},
)

LINK = Group(
    description="Liên kết tham khảo",
    fields={
        "title": (_with(Text(max_length=200), "Tiêu đề liên kết"), True),
        "url": (_with(Url(), "Địa chỉ, bắt đầu bằng https://"), True),
    },
    synonyms={"tieu_de": "title", "link": "url", "dia_chi": "url"},
)


# A record's text in English (its page under /en/), keyed by language as publiccode.yml does.
# Written by people; the validator holds it to the Vietnamese (validation.py: _check_english).
ENGLISH = Group(
    description="Bản tiếng Anh của hồ sơ (trang /en/), do người viết, không dịch máy; chỉ dịch các trường đã có bằng tiếng Việt",
    fields={
        "name": (_with(Text(max_length=200, plain=True), "Tên bằng tiếng Anh (với cá nhân: họ tên giữ nguyên)"), True),
        "position": (_with(Text(max_length=200), "Chức vụ bằng tiếng Anh (khi hồ sơ có position)"), False),
        "unit": (_with(Text(max_length=200), "Đơn vị công tác bằng tiếng Anh (khi hồ sơ có unit)"), False),
        "parent_body": (_with(Text(max_length=200), "Cơ quan chủ quản bằng tiếng Anh (khi hồ sơ có parent_body)"), False),
        "summary": (_with(Text(max_length=1200), "Tóm tắt bằng tiếng Anh"), True),
        "story": (_with(Text(max_length=20000, multiline=True), "Câu chuyện bằng tiếng Anh, viết bằng Markdown"), True),
        "achievements": (_with(ListOf(item=Text(max_length=500), max_items=30), "Thành tích bằng tiếng Anh: mỗi thành tích một mục, cùng thứ tự"), False),
        "photos": (
            _with(
                ListOf(
                    item=Group(
                        description="Mô tả ảnh bằng tiếng Anh",
                        fields={
                            "alt": (_with(Text(max_length=300), "Mô tả ảnh bằng tiếng Anh cho người khiếm thị"), True),
                            "credit": (_with(Text(max_length=200), "Nguồn ảnh bằng tiếng Anh (nếu khác bản tiếng Việt)"), False),
                        },
                        synonyms={"mo_ta": "alt", "nguon": "credit"},
                    ),
                    max_items=12,
                ),
                "Mô tả các ảnh bằng tiếng Anh: mỗi ảnh của photos một mục, cùng thứ tự",
            ),
            False,
        ),
        "replication": (
            Group(
                description="Cách nhân rộng bằng tiếng Anh: cùng số bước và điều kiện như bản tiếng Việt",
                fields={
                    "steps": (_with(ListOf(item=Text(max_length=500), min_items=1, max_items=20), "Các bước bằng tiếng Anh"), True),
                    "requirements": (_with(ListOf(item=Text(max_length=500), max_items=20), "Điều kiện bằng tiếng Anh"), False),
                },
                synonyms={"cac_buoc": "steps", "dieu_kien": "requirements"},
            ),
            False,
        ),
    },
    synonyms={"ten": "name", "tom_tat": "summary", "cau_chuyen": "story", "thanh_tich": "achievements", "nhan_rong": "replication", "chuc_vu": "position", "don_vi": "unit"},
)


_SPECS: dict[int, tuple[Movement, Group]] = {}


def record_spec(m: Movement) -> Group:
    """The record of movement ``m`` (made once per movement: records are checked by the thousand)."""
    made = _SPECS.get(id(m))
    if made is None or made[0] is not m:
        made = _SPECS[id(m)] = (m, _record(m))
    return made[1]


def _recognition(m: Movement) -> Group:
    return Group(
        description="Quyết định công nhận, khen thưởng",
        fields={
            "decision": (_with(Text(max_length=80), "Số quyết định, ví dụ 1452/QĐ-UBND"), True),
            "date": (
                _with(Date(minimum=dt.date(m.period.first_year, 1, 1), maximum=dt.date(m.period.last_year, 12, 31)), "Ngày quyết định, dạng YYYY-MM-DD"),
                True,
            ),
            "issued_by": (_with(Text(max_length=200), "Cơ quan ban hành quyết định"), True),
            "award": (_with(_choice(m.awards), "Hình thức khen thưởng"), True),
        },
        synonyms={"so_quyet_dinh": "decision", "ngay": "date", "co_quan": "issued_by", "hinh_thuc": "award"},
    )


def _initiative(m: Movement) -> Group:
    return Group(
        description="Sáng kiến được cấp có thẩm quyền công nhận",
        fields={
            "title": (_with(Text(max_length=300), "Tên sáng kiến"), True),
            "level": (_with(_choice(m.levels), f"Cấp công nhận: {_ids_text(m.levels)}"), True),
            "recognised_by": (_with(Text(max_length=200), "Cơ quan công nhận sáng kiến"), True),
            # Initiatives recognised before the period count too.
            "year": (_with(Integer(minimum=min(2000, m.period.first_year), maximum=m.period.last_year), "Năm công nhận sáng kiến"), True),
        },
        synonyms={"ten": "title", "cap": "level", "nam": "year"},
    )


def _record(m: Movement) -> Group:
    person_kinds = tuple(k.id for k in m.kinds if k.person)
    person = Condition("kind", person_kinds if len(person_kinds) != 1 else person_kinds[0])
    # Fields of a person: a person needs them, a collective or an enterprise has none.
    personal = Presence(required_when=person, forbidden_when=person.negated())
    people = and_list(k.label.lower() for k in m.kinds if k.person) or "cá nhân"
    others = ", ".join(k.label.lower() for k in m.kinds if not k.person) or "tập thể"
    return Group(
        description=f"Hồ sơ một gương điển hình tiên tiến trong phong trào “{m.title}” {m.period.text}",
        fields={
            "status": (_with(_choice(Status), "Trạng thái: draft (nháp), nominated (được đề cử), recognised (đã được công nhận; chỉ trạng thái này được xuất bản)"), True),
            "kind": (_with(_choice(m.kinds), f"Loại: {_ids_text(m.kinds)}"), True),
            "name": (_with(Text(max_length=200, plain=True), f"Tên {others} hoặc họ tên {people}"), True),
            "position": (_with(Text(max_length=200), f"Chức vụ (chỉ với {people})"), personal),
            "unit": (_with(Text(max_length=200), f"Đơn vị công tác (chỉ với {people})"), personal),
            "parent_body": (_with(Text(max_length=200), f"Cơ quan chủ quản (với {others})"), Presence(forbidden_when=person)),
            "locality": (
                _with(
                    _choice(m.localities),
                    "Địa bàn tại thời điểm công nhận, ghi theo tên của năm đó",
                ),
                True,
            ),
            "pillars": (
                _with(
                    ListOf(item=_choice(m.pillars), min_items=1, max_items=len(m.pillars), unique=True, example=f"[{m.pillars[0].id}, {m.pillars[-1].id}]" if len(m.pillars) > 1 else f"[{m.pillars[0].id}]"),
                    f"{m.pillar_label}: {_ids_text(m.pillars)}",
                ),
                True,
            ),
            "year": (_with(Integer(minimum=m.period.first_year, maximum=m.period.last_year), f"Năm được công nhận ({m.period.text})"), True),
            "recognition": (_recognition(m), Presence(required_when=Condition("status", "recognised"))),
            "summary": (_with(Text(max_length=1200), "Tóm tắt một đoạn"), True),
            "story": (_with(Text(max_length=20000, multiline=True), "Câu chuyện, viết bằng Markdown"), True),
            "achievements": (_with(ListOf(item=Text(max_length=500), max_items=30), "Thành tích nổi bật"), False),
            "initiatives": (_with(ListOf(item=_initiative(m), max_items=30), "Sáng kiến được công nhận"), False),
            "criteria": (
                _with(
                    ListOf(
                        item=Choice(options=lambda: {c.id: c for c in m.criteria}, labels=lambda: {c.id: c.title for c in m.criteria}),
                        max_items=len(m.criteria),
                        unique=True,
                        example=f"[{', '.join([c.id for c in m.criteria if not c.computed][:2])}]",
                    ),
                    f"Các tiêu chí của Hướng dẫn (mục {_sections(m)}) mà hồ sơ đáp ứng",
                ),
                False,
            ),
            "replication": (REPLICATION, False),
            "photos": (_with(ListOf(item=PHOTO, max_items=12), "Ảnh"), False),
            "links": (_with(ListOf(item=LINK, max_items=20), "Liên kết tham khảo"), False),
            "aliases": (_with(ListOf(item=Slug(), max_items=10, unique=True, example="[ten-cu]"), "Các mã cũ của hồ sơ; địa chỉ cũ tự chuyển về trang mới"), False),
            "editor_notes": (_with(Text(max_length=5000, multiline=True), "Ghi chú nội bộ của biên tập viên; không bao giờ được xuất bản"), False),
            "en": (ENGLISH, False),
        },
        synonyms={
            "ten": "name", "ho_ten": "name", "loai": "kind", "trang_thai": "status", "chuc_vu": "position",
            "don_vi": "unit", "co_quan_chu_quan": "parent_body", "dia_ban": "locality", "tru_cot": "pillars",
            "linh_vuc": "pillars", "pillar": "pillars", "nam": "year", "khen_thuong": "recognition",
            "quyet_dinh": "recognition", "tom_tat": "summary", "cau_chuyen": "story", "thanh_tich": "achievements",
            "sang_kien": "initiatives", "tieu_chi": "criteria", "criterion": "criteria", "nhan_rong": "replication",
            "anh": "photos", "hinh_anh": "photos", "photo": "photos", "lien_ket": "links", "link": "links",
            "ghi_chu": "editor_notes", "notes": "editor_notes", "organization": "parent_body",
            "recognized": "recognition", "initiative": "initiatives", "achievement": "achievements",
            "english": "en", "tieng_anh": "en", "en_gb": "en", "en_us": "en",
        },
    )
