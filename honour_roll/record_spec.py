"""The record, described once: fields, types, controlled lists, limits, and
which fields are required, when, and where they do not belong (each field's
Presence). The validator, the JSON Schema (schema.py) and the README's record
reference are all made from it; tests/test_schema.py holds them together."""

from __future__ import annotations

from .criteria import CRITERIA, CRITERION_BY_ID
from .fields import Boolean, Choice, Condition, Date, Email, Group, Integer, ListOf, Presence, Slug, Text, Url
from .vocabulary import FIRST_YEAR, LAST_YEAR, LOCALITIES, LOCALITY_BY_ID, Award, Kind, Level, Pillar, Status


def _vocab(enum_cls):
    return Choice(
        options=lambda: {m.id: m for m in enum_cls},
        labels=lambda: {m.id: m.label for m in enum_cls},
    )


def _with(spec, description):
    spec.description = description
    return spec


YEAR = Integer(minimum=FIRST_YEAR, maximum=LAST_YEAR)

INDIVIDUAL = Condition("kind", "individual")
# Fields of a person: an individual needs them, a collective or an enterprise has none.
PERSONAL = Presence(required_when=INDIVIDUAL, forbidden_when=Condition("kind", "individual", negate=True))

RECOGNITION = Group(
    description="Quyết định công nhận, khen thưởng",
    fields={
        "decision": (_with(Text(max_length=80), "Số quyết định, ví dụ 1452/QĐ-UBND"), True),
        "date": (_with(Date(), "Ngày quyết định, dạng YYYY-MM-DD"), True),
        "issued_by": (_with(Text(max_length=200), "Cơ quan ban hành quyết định"), True),
        "award": (_with(_vocab(Award), "Hình thức khen thưởng"), True),
    },
    synonyms={"so_quyet_dinh": "decision", "ngay": "date", "co_quan": "issued_by", "hinh_thuc": "award"},
)

INITIATIVE = Group(
    description="Sáng kiến được cấp có thẩm quyền công nhận",
    fields={
        "title": (_with(Text(max_length=300), "Tên sáng kiến"), True),
        "level": (_with(_vocab(Level), "Cấp công nhận: grassroots (cơ sở), provincial (tỉnh), national (toàn quốc)"), True),
        "recognised_by": (_with(Text(max_length=200), "Cơ quan công nhận sáng kiến"), True),
        "year": (_with(Integer(minimum=2000, maximum=LAST_YEAR), "Năm công nhận sáng kiến"), True),
    },
    synonyms={"ten": "title", "cap": "level", "nam": "year"},
)

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

RECORD = Group(
    description="Hồ sơ một gương điển hình tiên tiến trong phong trào “Thi đua thực hiện chuyển đổi số quốc gia” 2021–2025",
    fields={
        "status": (_with(_vocab(Status), "Trạng thái: draft (nháp), nominated (được đề cử), recognised (đã được công nhận; chỉ trạng thái này được xuất bản)"), True),
        "kind": (_with(_vocab(Kind), "Loại: collective (tập thể), enterprise (doanh nghiệp), individual (cá nhân)"), True),
        "name": (_with(Text(max_length=200, plain=True), "Tên tập thể, doanh nghiệp hoặc họ tên cá nhân"), True),
        "position": (_with(Text(max_length=200), "Chức vụ (chỉ với cá nhân)"), PERSONAL),
        "unit": (_with(Text(max_length=200), "Đơn vị công tác (chỉ với cá nhân)"), PERSONAL),
        "parent_body": (_with(Text(max_length=200), "Cơ quan chủ quản (với tập thể, doanh nghiệp)"), Presence(forbidden_when=INDIVIDUAL)),
        "locality": (
            _with(
                Choice(options=lambda: dict(LOCALITY_BY_ID), labels=lambda: {l.id: l.label for l in LOCALITIES}),
                "Địa bàn cấp huyện tại thời điểm công nhận, hoặc province (cấp tỉnh)",
            ),
            True,
        ),
        "pillars": (
            _with(
                ListOf(item=_vocab(Pillar), min_items=1, max_items=3, unique=True, example="[digital-government, digital-society]"),
                "Trụ cột: digital-government (chính quyền số), digital-economy (kinh tế số), digital-society (xã hội số)",
            ),
            True,
        ),
        "year": (_with(YEAR, "Năm được công nhận (2021–2025)"), True),
        "recognition": (RECOGNITION, Presence(required_when=Condition("status", "recognised"))),
        "summary": (_with(Text(max_length=1200), "Tóm tắt một đoạn"), True),
        "story": (_with(Text(max_length=20000, multiline=True), "Câu chuyện, viết bằng Markdown"), True),
        "achievements": (_with(ListOf(item=Text(max_length=500), max_items=30), "Thành tích nổi bật"), False),
        "initiatives": (_with(ListOf(item=INITIATIVE, max_items=30), "Sáng kiến được công nhận"), False),
        "criteria": (
            _with(
                ListOf(
                    item=Choice(options=lambda: dict(CRITERION_BY_ID), labels=lambda: {c.id: c.title for c in CRITERIA}),
                    max_items=len(CRITERIA),
                    unique=True,
                    example="[3.1.a, 3.1.b]",
                ),
                "Các tiêu chí của Hướng dẫn (mục 3.1–3.3) mà hồ sơ đáp ứng",
            ),
            False,
        ),
        "replication": (REPLICATION, False),
        "photos": (_with(ListOf(item=PHOTO, max_items=12), "Ảnh"), False),
        "links": (_with(ListOf(item=LINK, max_items=20), "Liên kết tham khảo"), False),
        "aliases": (_with(ListOf(item=Slug(), max_items=10, unique=True, example="[ten-cu]"), "Các mã cũ của hồ sơ; địa chỉ cũ tự chuyển về trang mới"), False),
        "editor_notes": (_with(Text(max_length=5000, multiline=True), "Ghi chú nội bộ của biên tập viên; không bao giờ được xuất bản"), False),
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
    },
)
