"""Stories are Markdown written by editors: what they may contain, and how
they are made safe for the page.

Validation turns the usual mistakes (pasted HTML, images, odd links) into
clear messages; ``safe_story`` then escapes whatever could still become
markup, so a record can never inject HTML even if a rule is missed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_TAG = re.compile(r"<\s*(/?\s*[A-Za-z][A-Za-z0-9-]*|!--|!|\?)")
_AUTOLINK = re.compile(r"<\s*(https?://[^>\s]+)\s*>")
_IMAGE = re.compile(r"!\[")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(\s|$)", re.MULTILINE)
_HEADING = re.compile(r"^(\s{0,3})(#{1,6})(?=\s)", re.MULTILINE)
_ALLOWED_SCHEMES = ("http", "https", "mailto")


def story_problems(story: str) -> list[str]:
    """Vietnamese messages for what a story may not contain."""
    problems = []
    auto = _AUTOLINK.search(story)
    if auto:
        problems.append(f"liên kết <{auto.group(1)[:60]}> hãy viết dạng [tiêu đề]({auto.group(1)[:60]})")
    for m in _TAG.finditer(_AUTOLINK.sub("", story)):
        problems.append(
            f"có thẻ HTML '<{m.group(1).strip()[:20]}' ; câu chuyện chỉ viết bằng Markdown, không dùng thẻ HTML"
        )
        break
    if _IMAGE.search(story):
        problems.append("không chèn ảnh vào câu chuyện; hãy khai báo ảnh trong trường photos")
    for url in [m.group(1) for m in _INLINE_LINK.finditer(story)] + [m.group(1) for m in _REF_DEF.finditer(story)]:
        scheme = urlsplit(url).scheme.lower()
        if scheme not in _ALLOWED_SCHEMES or (scheme != "mailto" and not urlsplit(url).netloc):
            problems.append(f"liên kết '{url[:60]}' không được phép; chỉ dùng địa chỉ đầy đủ bắt đầu bằng https://")
    return problems


def safe_story(story: str) -> str:
    """The story as Markdown that cannot carry markup of its own.

    Angle brackets and braces are escaped (no raw HTML, no attribute lists);
    headings are moved down so that they sit under the page's own sections.
    """
    text = story.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # '>' at the start of a line was a blockquote marker: keep it one.
    text = re.sub(r"^(\s{0,3})&gt;", r"\1>", text, flags=re.MULTILINE)
    text = text.replace("{", "&#123;").replace("}", "&#125;")
    return _HEADING.sub(lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + 2), text)
