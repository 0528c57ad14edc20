"""Final touches on every built HTML page, independent of the site generator.

- A Content-Security-Policy that allows only the site itself. Material's
  theme has a few small inline scripts; rather than allowing inline script in
  general, each one present in the page is allowed by its SHA-256 hash.
- Spots of invalid markup in Material's templates (HTML checker errors):
  ``autocomplete`` on checkbox toggles, empty ``tabindex`` on nav labels, and
  a table-of-contents label pointing at a toggle that pages outside the nav
  do not have.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"([^>]*>)')
# Patterns that start with a literal are found by a fast scan; "\s+..." or "\b..." would be
# tried at every position of a 30 KB page (1.2 ms a page, 12 s at 10,000 honorees).
_EMPTY_TABINDEX = re.compile(r'tabindex=""')
_HEAD = re.compile(r"<head>")
_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="([^"]*)"')
_ID = re.compile(r'id="([^"]*)"')

POLICY = (
    "default-src 'self'; "
    "script-src 'self' {hashes}; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "media-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'"
)


def _is_data_block(attrs: str) -> bool:
    m = re.search(r'type="([^"]+)"', attrs)
    return bool(m) and m.group(1) not in ("text/javascript", "module")


def script_hashes(html: str) -> list[str]:
    hashes = []
    for m in _INLINE_SCRIPT.finditer(html):
        if _is_data_block(m.group("attrs")):
            continue  # JSON data islands are never executed
        digest = hashlib.sha256(m.group("body").encode("utf-8")).digest()
        token = f"'sha256-{base64.b64encode(digest).decode()}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def content_security_policy(html: str) -> str:
    return POLICY.format(hashes=" ".join(script_hashes(html))).replace("  ", " ")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _drop_empty_tabindex(html: str) -> str:
    """Remove ``tabindex=""`` with the white space before it."""
    if 'tabindex=""' not in html:
        return html
    out, last = [], 0
    for m in _EMPTY_TABINDEX.finditer(html):
        start = m.start()
        while start > last and html[start - 1].isspace():
            start -= 1
        if start == m.start():
            continue  # not preceded by white space: not an attribute of its own
        out.append(html[last:start])
        last = m.end()
    out.append(html[last:])
    return "".join(out)


def finalize_html(html: str, policy: bool = True) -> str:
    """``policy=False`` for the local preview: ``mkdocs serve`` adds an inline
    live-reload script with a new timestamp on every request, which no hash
    can allow, and a blocked script would leave editors looking at stale pages."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1\2", html)
    html = _drop_empty_tabindex(html)
    ids = {m.group(1) for m in _ID.finditer(html) if m.start() == 0 or not _is_word(html[m.start() - 1])}
    html = _LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), html)
    if not policy:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return _HEAD.sub(lambda m: m.group(0) + "\n    " + meta, html, count=1)
