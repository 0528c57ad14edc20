"""Where generated pages live, as site-relative and absolute URLs."""

from __future__ import annotations

from urllib.parse import urljoin


def page_path(src_uri: str) -> str:
    """The URL path MkDocs gives a Markdown source with directory URLs."""
    if src_uri == "index.md":
        return ""
    stem = src_uri[: -len(".md")]
    if stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def absolute(site_url: str, path: str) -> str:
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", path)


SHARE_DIR = "chia-se"
SITE_CARD = f"{SHARE_DIR}/trang-chu.png"


def card_uri(honoree_id: str) -> str:
    return f"{SHARE_DIR}/{honoree_id}.png"


def qr_uri(honoree_id: str) -> str:
    return f"{SHARE_DIR}/{honoree_id}-qr.svg"
