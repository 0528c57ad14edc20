"""Escaping record text for the Markdown the pages are made of.

Every character that Markdown, its extensions or HTML could read as syntax
becomes a numeric character reference, which renders as the same character
and is never markup.
"""

from __future__ import annotations

import json
import posixpath
import re

import yaml

from markupsafe import Markup

_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&#|~^=!\"'$:]")
_LINE_START = re.compile(r"^(\s*)([-+>](?=\s|$)|\d+[.)](?=\s|$))")


def _ref(m: re.Match) -> str:
    return f"&#{ord(m.group())};"


def md(text: object) -> Markup:
    """Plain text, safe to place anywhere inline in Markdown or HTML."""
    s = " ".join(str(text).split())
    s = _SPECIAL.sub(_ref, s)
    # A leading '-', '+', '>' or '1.' would start a list or quote.
    s = _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), s)
    return Markup(s)


def front_matter(values: dict) -> str:
    """YAML front matter; JSON strings are valid YAML and need no escaping rules of their own."""
    lines = ["---"]
    for key, value in values.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def relative(from_src: str, to_src: str) -> str:
    """A link from one source page to another, as MkDocs resolves them."""
    target, _, anchor = to_src.partition("#")
    rel = posixpath.relpath(target, posixpath.dirname(from_src) or ".")
    return rel + (f"#{anchor}" if anchor else "")


_FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)


def read_front_matter(text: str) -> tuple[dict, str]:
    """A page's YAML front matter and the Markdown after it, as MkDocs reads them."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.load(m.group(1) or "", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}, text
    return (meta if isinstance(meta, dict) else {}), text[m.end():]


def list_separator(remaining: int) -> str:
    """What follows an item of a list written in a template loop: ``loop.revindex0``."""
    return "" if remaining == 0 else " và " if remaining == 1 else ", "


_NUMBER_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")


def number_word(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def quota_text(kind) -> str:
    """'10 cá nhân': a kind's quota as the guidance states it."""
    return f"{kind.quota} {kind.label.lower()}"
