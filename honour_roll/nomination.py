"""The nomination spreadsheet, described once: its columns (Vietnamese
headers, what each fills in the record, the instructions units read) and
how the Vietnamese labels people type map to the record's ids.

The template generator, the importer and the exporter all read this module,
so the template a unit fills in and the importer that reads it cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fields import fold
from .vocabulary import LOCALITIES, Award, Kind, Level, Pillar

SHEET = "Danh sách"
INSTRUCTIONS_SHEET = "Hướng dẫn"
TEMPLATE_XLSX = "data/templates/mau-de-cu.xlsx"
TEMPLATE_CSV = "data/templates/mau-de-cu.csv"


@dataclass(frozen=True)
class Column:
    key: str  # the record field path it fills, or a name of its own (stt, nominated_by, notes)
    header: str  # as printed in the template
    required: str  # for the instructions: "Bắt buộc", "Cá nhân", "" (optional)
    help: str  # how to fill it in, in Vietnamese
    example: str
    aliases: tuple[str, ...] = ()  # other headers people write, any case, with or without diacritics
    width: int = 18

    @property
    def field(self) -> str:
        """The record field this column fills ("" when it fills none)."""
        return "" if self.key in ("stt", "nominated_by", "notes") else self.key


def _labels(enum_cls) -> str:
    return "; ".join(m.label for m in enum_cls)


COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", "", "Số thứ tự; không được nhập vào hồ sơ.", "1", ("so thu tu", "tt"), 6),
    Column("kind", "Loại", "Bắt buộc", f"Một trong: {_labels(Kind)}.", "Cá nhân", ("loai doi tuong", "doi tuong", "loai hinh"), 14),
    Column(
        "name",
        "Tên tập thể, doanh nghiệp / Họ và tên",
        "Bắt buộc",
        "Tên đầy đủ của tập thể, doanh nghiệp, hoặc họ và tên cá nhân. Tên tệp hồ sơ được tạo từ tên này.",
        "Nguyễn Văn Mẫu",  # a name no sample record has, so the example row imports as it is
        ("ten", "ho va ten", "ho ten", "ten tap the", "ten don vi", "ten doanh nghiep", "ten tap the doanh nghiep ho va ten",
         "ten tap the doanh nghiep ca nhan", "ten tap the ca nhan", "ten doi tuong"),
        32,
    ),
    Column("position", "Chức vụ", "Cá nhân", "Chức vụ của cá nhân (để trống với tập thể, doanh nghiệp).", "Chuyên viên", ("chuc danh",), 22),
    Column(
        "unit", "Đơn vị công tác", "Cá nhân", "Nơi cá nhân công tác (để trống với tập thể, doanh nghiệp).", "UBND huyện Xuyên Mộc",
        ("don vi", "noi cong tac", "co quan cong tac", "don vi cong tac"), 26,
    ),
    Column(
        "parent_body", "Cơ quan chủ quản", "",
        "Cơ quan chủ quản của tập thể, doanh nghiệp, ví dụ Sở Y tế tỉnh Bà Rịa – Vũng Tàu (để trống với cá nhân).",
        # The example row is an individual's: this cell stays empty in it.
        "", ("don vi chu quan", "co quan quan ly"), 26,
    ),
    Column(
        "locality",
        "Địa bàn",
        "Bắt buộc",
        "Huyện, thị xã, thành phố tại thời điểm công nhận, hoặc Cấp tỉnh. Ghi tên như "
        + "; ".join(loc.label for loc in LOCALITIES)
        + ". Từ năm 2025 ghi H. Long Đất thay cho H. Long Điền và H. Đất Đỏ.",
        "Xuyên Mộc",
        ("dia phuong", "huyen thi xa thanh pho", "don vi hanh chinh", "huyen"),
        16,
    ),
    Column(
        "pillars", "Trụ cột", "Bắt buộc", f"Một hoặc nhiều trụ cột, cách nhau bằng dấu chấm phẩy: {_labels(Pillar)}.",
        "Chính quyền số; Xã hội số", ("linh vuc", "tru cot chuyen doi so"), 26,
    ),
    Column(
        "year", "Năm công nhận", "Bắt buộc", "Năm xét công nhận (2021–2025); có thể để trống nếu đã ghi Ngày quyết định.",
        "2024", ("nam", "nam xet", "nam de nghi", "nam xet cong nhan"), 10,
    ),
    Column(
        "summary", "Tóm tắt", "Bắt buộc", "Một đoạn ngắn (tối đa 1.200 ký tự): đã làm gì, cho ai, kết quả bằng con số.",
        "Xây dựng mô hình Tổ công nghệ số cộng đồng ở 12 xã, thị trấn.", ("tom tat thanh tich",), 40,
    ),
    Column(
        "story", "Câu chuyện", "Bắt buộc",
        "Câu chuyện 150–400 chữ: bối cảnh, cách làm, kết quả có số liệu. Xuống dòng trong ô (Alt+Enter) để tách đoạn.",
        "Năm 2022, tỷ lệ hồ sơ trực tuyến của huyện mới đạt 18%...",
        ("noi dung", "thanh tich chi tiet", "mo ta", "bao cao thanh tich", "tom tat thanh tich chi tiet"), 60,
    ),
    Column(
        "achievements", "Thành tích nổi bật", "", "Mỗi thành tích một dòng trong ô (Alt+Enter), có số liệu cụ thể.",
        "Hướng dẫn hơn 9.000 người dân sử dụng dịch vụ công trực tuyến.", ("thanh tich",), 40,
    ),
    Column(
        "initiatives", "Sáng kiến",
        "Cá nhân",
        "Mỗi sáng kiến một dòng trong ô, gồm 4 phần cách nhau bằng dấu chấm phẩy: tên; cấp (cơ sở, tỉnh hoặc toàn quốc); "
        "cơ quan công nhận; năm. Cá nhân cần ít nhất 01 sáng kiến cấp tỉnh/toàn quốc hoặc 02 sáng kiến cấp cơ sở (tiêu chí 3.3.a).",
        "Mô hình Tổ công nghệ số cộng đồng; tỉnh; Hội đồng sáng kiến tỉnh; 2023",
        ("cac sang kien", "sang kien duoc cong nhan"), 40,
    ),
    Column(
        "criteria", "Tiêu chí đáp ứng", "",
        "Các tiêu chí của Hướng dẫn mà hồ sơ đáp ứng, cách nhau bằng dấu chấm phẩy: tập thể 3.1.a–3.1.d, "
        "doanh nghiệp 3.2.a–3.2.c, cá nhân 3.3.b–3.3.d (3.3.a được tính tự động từ sáng kiến).",
        "3.3.b; 3.3.c", ("tieu chi",), 16,
    ),
    Column(
        "replication.steps", "Các bước nhân rộng", "", "Cách đơn vị khác làm theo: mỗi bước một dòng trong ô.",
        "Lập danh sách tình nguyện viên ở từng ấp.", ("cach nhan rong", "nhan rong", "buoc nhan rong"), 40,
    ),
    Column(
        "replication.requirements", "Điều kiện nhân rộng", "", "Nhân lực, kinh phí, thiết bị cần chuẩn bị: mỗi điều kiện một dòng.",
        "3–5 tình nguyện viên mỗi ấp.", ("dieu kien", "dieu kien can chuan bi"), 30,
    ),
    Column(
        "replication.contact.organisation", "Cơ quan đầu mối nhân rộng", "",
        "Tên cơ quan, tổ chức để đơn vị khác liên hệ học tập. Không ghi số điện thoại, thư điện tử của cá nhân.",
        "Phòng Văn hóa và Thông tin huyện Xuyên Mộc", ("dau moi", "co quan dau moi", "dau moi lien he", "don vi dau moi"), 30,
    ),
    Column("recognition.decision", "Số quyết định", "", "Để trống khi chưa có quyết định công nhận.", "1452/QĐ-UBND", ("so qd", "quyet dinh so"), 16),
    Column(
        "recognition.date", "Ngày quyết định", "", "Dạng ngày/tháng/năm, ví dụ 18/12/2024. Để trống khi chưa có quyết định.",
        "18/12/2024", ("ngay qd", "ngay ky", "ngay ky quyet dinh"), 14,
    ),
    Column(
        "recognition.issued_by", "Cơ quan ban hành quyết định", "", "Để trống khi chưa có quyết định.",
        "Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu", ("co quan ban hanh", "noi ban hanh"), 28,
    ),
    Column(
        "recognition.award", "Hình thức khen thưởng", "", f"Một trong: {_labels(Award)}. Để trống khi chưa có quyết định.",
        "Bằng khen", ("hinh thuc", "khen thuong"), 18,
    ),
    Column("nominated_by", "Đơn vị đề cử", "", "Đơn vị gửi đề cử (chỉ lưu nội bộ, không đăng).", "UBND huyện Xuyên Mộc", ("don vi de nghi", "noi de cu"), 24),
    Column("notes", "Ghi chú", "", "Ghi chú cho biên tập viên (chỉ lưu nội bộ, không đăng).", "", ("ghi chu noi bo",), 24),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}


def header_key(text: str) -> str:
    """A header as compared: no diacritics, no case, no punctuation, no hints in brackets."""
    text = re.sub(r"\(.*?\)|\*", " ", str(text))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


_HEADERS: dict[str, Column] = {}
for _c in COLUMNS:
    for _h in (_c.header, _c.key, _c.key.rsplit(".", 1)[-1], *_c.aliases):
        _HEADERS.setdefault(header_key(_h), _c)


def column_for_header(text: str) -> Column | None:
    return _HEADERS.get(header_key(text)) if text is not None else None


# --- Vietnamese labels to ids -----------------------------------------------------------------

def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


# Administrative prefixes people write or leave out: "H. Xuyên Mộc", "huyện Xuyên Mộc", "Xuyên Mộc".
_LOCALITY_PREFIX = re.compile(r"^(h|huyen|tp|thanh pho|tx|thi xa|tt|thi tran)\s+")


def _index() -> dict[str, dict[str, str]]:
    idx: dict[str, dict[str, str]] = {}
    idx["kind"] = {**{_key(k.id): k.id for k in Kind}, **{_key(k.label): k.id for k in Kind},
                   "tap the": "collective", "to chuc": "collective", "dn": "enterprise", "cong ty": "enterprise"}
    idx["pillars"] = {**{_key(p.id): p.id for p in Pillar}, **{_key(p.label): p.id for p in Pillar},
                      "cqs": "digital-government", "kts": "digital-economy", "xhs": "digital-society"}
    idx["recognition.award"] = {**{_key(a.id): a.id for a in Award}, **{_key(a.label): a.id for a in Award}}
    idx["level"] = {**{_key(lv.id): lv.id for lv in Level}, **{_key(lv.label): lv.id for lv in Level},
                    "co so": "grassroots", "tinh": "provincial", "toan quoc": "national", "quoc gia": "national",
                    "cap quoc gia": "national"}
    loc = {}
    for l in LOCALITIES:
        loc[_key(l.id)] = l.id
        loc[_key(l.label)] = l.id
        loc[_LOCALITY_PREFIX.sub("", _key(l.label))] = l.id
    loc.update({"tinh": "province", "cap tinh": "province", "tinh ba ria vung tau": "province", "province": "province",
                "ba ria vung tau": "province", "brvt": "province"})
    idx["locality"] = loc
    return idx


_INDEX = _index()


def resolve(vocabulary: str, text: str) -> str | None:
    """The id for a label or id as typed, in any case, with or without diacritics."""
    options = _INDEX[vocabulary]
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


def choices(vocabulary: str) -> str:
    """The labels to show in a message."""
    if vocabulary == "kind":
        return _labels(Kind)
    if vocabulary == "pillars":
        return _labels(Pillar)
    if vocabulary == "recognition.award":
        return _labels(Award)
    if vocabulary == "level":
        return "cơ sở; tỉnh; toàn quốc"
    return "; ".join(loc.label for loc in LOCALITIES)


def criterion_id(text: str) -> str:
    """'3.3b', '3.3.B', ' 3.3.b ' -> '3.3.b' (unknown ids are left for the validator to name)."""
    m = re.fullmatch(r"(\d)\s*\.\s*(\d)\s*\.?\s*([a-dA-D])", text.strip())
    return f"{m.group(1)}.{m.group(2)}.{m.group(3).lower()}" if m else text.strip()

