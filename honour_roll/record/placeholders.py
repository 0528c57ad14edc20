"""The placeholder text `honour-roll new` writes, and finding it left in a record.

A new record is valid as it stands so that an editor can save it and come
back; its summary and story are sentences in brackets telling what to write.
Nothing stops such a record from being set to ``status: recognised``, so the
validator refuses a recognised record that still holds any of these
sentences: placeholder text must never reach the public site.

The skeleton (skeleton.py) writes these very constants, so the two cannot
drift; a test uncomments every optional section of a skeleton and checks
that each placeholder in it is found.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Iterator

SUMMARY = "(Tóm tắt một đoạn: đã làm gì, cho ai, kết quả bằng con số.)"
STORY_PARAGRAPHS = (
    "(Câu chuyện 150–400 chữ, viết bằng Markdown: bối cảnh, cách làm, kết quả có số liệu, bài học.)",
    "(Mỗi đoạn cách nhau một dòng trống; **in đậm**, *in nghiêng*, [liên kết](https://...).)",
)
STORY = "\n\n".join(STORY_PARAGRAPHS)

# The optional sections of the skeleton are comments; an editor who removes
# the "# " without rewriting the example values publishes these.
ACHIEVEMENT = "Thành tích có số liệu cụ thể."
INITIATIVE_TITLE = "Tên sáng kiến"
INITIATIVE_BODY = "Hội đồng sáng kiến ..."
STEP = "Bước 1."
REQUIREMENT = "Điều kiện cần chuẩn bị."
CONTACT = "Tên cơ quan đầu mối (không ghi số điện thoại, thư điện tử cá nhân)"
PHOTO_ALT = "Mô tả ảnh"
PHOTO_CREDIT = "Nguồn ảnh"
LINK_TITLE = "Tiêu đề"

# Long sentences are found anywhere in a text (an editor may write around
# them); short ones only as the whole value, since they are ordinary words.
_ANYWHERE = (SUMMARY, *STORY_PARAGRAPHS, ACHIEVEMENT, REQUIREMENT, CONTACT)
_WHOLE = (INITIATIVE_TITLE, INITIATIVE_BODY, STEP, PHOTO_ALT, PHOTO_CREDIT, LINK_TITLE)

# Internal notes are never published: a placeholder there harms no one.
_UNPUBLISHED = ("editor_notes",)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


_ANYWHERE_KEYS = tuple((_norm(p), p) for p in _ANYWHERE)
_WHOLE_KEYS = {_norm(p): p for p in _WHOLE}


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if path or key not in _UNPUBLISHED:
                yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value, start=1):
            yield from _strings(item, f"{path}[{i}]")


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40].rstrip() + "…"


def placeholder_findings(data: Any) -> list[tuple[str, str]]:
    """(field path, Vietnamese message) for every value still holding a placeholder."""
    found = []
    for path, text in _strings(data, ""):
        key = _norm(text)
        hit = _WHOLE_KEYS.get(key) or next((p for k, p in _ANYWHERE_KEYS if k in key), None)
        if hit is not None:
            found.append(
                (
                    path,
                    f"vẫn còn chữ mẫu '{_shown(hit)}' của lệnh honour-roll new; "
                    "hãy thay bằng nội dung thật trước khi công nhận (status: recognised)",
                )
            )
    return found
