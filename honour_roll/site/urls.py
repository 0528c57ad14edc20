"""Where every generated page and file of the site lives: the one module that knows.

A page is named by its source (``src_uri``, as MkDocs names a Markdown file);
its address follows MkDocs' ``use_directory_urls``: ``guong-dien-hinh/x/``
(the file ``guong-dien-hinh/x/index.html``) or ``guong-dien-hinh/x.html``.
Markdown links between pages name sources and MkDocs resolves them; anything
written as a final address (raw HTML, the search index, feeds, QR codes,
redirects) asks a ``Urls`` here.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin

# --- sources of the generated pages -----------------------------------------------------------

HOME_SRC = "index.md"
BROWSE_SRC = "tra-cuu.md"
GUIDANCE_SRC = "huong-dan.md"
OPEN_DATA_DIR = "du-lieu-mo"
OPEN_DATA_SRC = f"{OPEN_DATA_DIR}/index.md"
RESULTS_SRC = "tim-kiem.md"  # the search results page
HONOREE_DIR = "guong-dien-hinh"
HONOREE_INDEX_SRC = f"{HONOREE_DIR}/index.md"  # /guong-dien-hinh/: the section's own page
PILLAR_DIR = "tru-cot"
KIND_DIR = "loai"
PHOTO_DIR = "anh"
SHARE_DIR = "chia-se"
FEED = "rss.xml"
SITE_CARD = f"{SHARE_DIR}/trang-chu.jpg"  # share cards are JPEG (share_cards.py); .png until 2026-12

# The English edition: a folder of its own, with English names.
EN_DIR = "en"
EN_HOME_SRC = f"{EN_DIR}/index.md"
EN_GUIDANCE_SRC = f"{EN_DIR}/guidance.md"
EN_HONOREE_DIR = f"{EN_DIR}/honorees"
EN_HONOREE_INDEX_SRC = f"{EN_HONOREE_DIR}/index.md"
EN_RESULTS_SRC = f"{EN_DIR}/search.md"
EN_FEED = f"{EN_DIR}/{FEED}"
EN_SITE_CARD = f"{SHARE_DIR}/{EN_DIR}/home.jpg"


def honoree_src(h) -> str:
    """``h``: an Honoree, or an honoree id (an alias, a record file's stem)."""
    return f"{HONOREE_DIR}/{getattr(h, 'id', h)}.md"


def pillar_src(p) -> str:
    return f"{PILLAR_DIR}/{p.slug}.md"


def kind_src(k) -> str:
    return f"{KIND_DIR}/{k.slug}.md"


def en_honoree_src(h) -> str:
    return f"{EN_HONOREE_DIR}/{getattr(h, 'id', h)}.md"


def en_pillar_src(p) -> str:
    return f"{EN_DIR}/pillars/{p.id}.md"


def en_pillar_feed(p) -> str:
    return f"{EN_DIR}/pillars/{p.id}/{FEED}"


def en_kind_src(k) -> str:
    return f"{EN_DIR}/kinds/{k.id}.md"


def photo_src(p) -> str:
    return f"{PHOTO_DIR}/{p.file.relative_to('photos') if p.file.parts[0] == 'photos' else p.file}"


def pillar_feed(p) -> str:
    # A file, not a page: the same path in both layouts.
    return f"{PILLAR_DIR}/{p.slug}/{FEED}"


def card_uri(honoree_id: str) -> str:
    return f"{SHARE_DIR}/{honoree_id}.jpg"


def en_card_uri(honoree_id: str) -> str:
    """The English edition's card of an honoree with English text."""
    return f"{SHARE_DIR}/{EN_DIR}/{honoree_id}.jpg"


def qr_uri(honoree_id: str) -> str:
    return f"{SHARE_DIR}/{honoree_id}-qr.svg"


# --- addresses ----------------------------------------------------------------------------------


def page_path(src_uri: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives a Markdown source ("" is the home page)."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def absolute(site_url: str, path: str) -> str:
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", path)


@dataclass(frozen=True)
class Urls:
    """Addresses in one of MkDocs' two layouts (``use_directory_urls``)."""

    directory_urls: bool = True

    def page(self, src_uri: str) -> str:
        """Site-relative URL of a page, as the search index and links from the root use it."""
        return page_path(src_uri, self.directory_urls)

    def output(self, src_uri: str) -> str:
        """The file a page is written to."""
        path = self.page(src_uri)
        return path + "index.html" if path == "" or path.endswith("/") else path

    def absolute(self, site_url: str, src_uri: str) -> str:
        return absolute(site_url, self.page(src_uri))

    def root(self, from_src: str) -> str:
        """From a page to the site root: "../../" (or "" at the root), to put before a file's path."""
        return "../" * self.page(from_src).count("/")

    def href(self, from_src: str, to_src: str) -> str:
        """A link from one page to another, relative, for raw HTML (which MkDocs leaves alone)."""
        return self.file_href(from_src, self.page(to_src))

    def file_href(self, from_src: str, path: str) -> str:
        """A link from a page to a site-relative path (a page's URL or a file)."""
        base = posixpath.dirname(self.output(from_src))
        rel = posixpath.relpath(path or ".", base or ".")
        if path == "" or path.endswith("/"):
            rel = "./" if rel == "." else rel + "/"
        return rel


DIRECTORY_URLS = Urls(True)
