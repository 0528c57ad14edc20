"""A new record to fill in: valid as it stands (a draft is never published),
with the optional sections shown as comments to uncomment."""

from __future__ import annotations

from .criteria import criteria_for
from .record_writer import record_yaml
from .vocabulary import Kind, Locality, Pillar, Status

SUMMARY_PLACEHOLDER = "(Tóm tắt một đoạn: đã làm gì, cho ai, kết quả bằng con số.)"
STORY_PLACEHOLDER = (
    "(Câu chuyện 150–400 chữ, viết bằng Markdown: bối cảnh, cách làm, kết quả có số liệu, bài học.)\n"
    "\n"
    "(Mỗi đoạn cách nhau một dòng trống; **in đậm**, *in nghiêng*, [liên kết](https://...).)"
)

# Optional sections, as comments: the editor removes the "# " to use one.
_OPTIONAL = """
# --- Các mục không bắt buộc: bỏ dấu "# " ở đầu dòng để dùng ---
# recognition:                 # bắt buộc khi status: recognised
#   decision: 1452/QĐ-UBND
#   date: 2024-12-18           # dạng YYYY-MM-DD
#   issued_by: Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu
#   award: bang-khen           # giay-khen | bang-khen | co-thi-dua | giay-chung-nhan
# achievements:
#   - Thành tích có số liệu cụ thể.
# initiatives:
#   - title: Tên sáng kiến
#     level: grassroots        # grassroots | provincial | national
#     recognised_by: Hội đồng sáng kiến ...
#     year: 2023
# criteria: [{criteria}]
# replication:
#   steps:
#     - Bước 1.
#   requirements:
#     - Điều kiện cần chuẩn bị.
#   contact:
#     organisation: Tên cơ quan đầu mối (không ghi số điện thoại, thư điện tử cá nhân)
# photos:
#   - file: photos/ten-anh.jpg
#     alt: Mô tả ảnh
#     credit: Nguồn ảnh
#     consent: true            # bắt buộc với ảnh cá nhân
# links:
#   - title: Tiêu đề
#     url: https://...
# editor_notes: Ghi chú nội bộ, không bao giờ được đăng.
"""


def skeleton_text(
    kind: Kind,
    name: str,
    locality: Locality,
    pillars: list[Pillar],
    year: int,
    status: Status = Status.DRAFT,
    position: str | None = None,
    unit: str | None = None,
    parent_body: str | None = None,
) -> str:
    values: dict = {
        "status": status.id,
        "kind": kind.id,
        "name": name,
        "position": position if kind is Kind.INDIVIDUAL else None,
        "unit": unit if kind is Kind.INDIVIDUAL else None,
        "parent_body": parent_body if kind is not Kind.INDIVIDUAL else None,
        "locality": locality.id,
        "pillars": [p.id for p in pillars],
        "year": year,
        "summary": SUMMARY_PLACEHOLDER,
        "story": STORY_PLACEHOLDER,
    }
    examples = ", ".join(c.id for c in criteria_for(kind) if not c.computed)
    return record_yaml(values, trailer=_OPTIONAL.format(criteria=examples))
