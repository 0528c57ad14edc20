"""Page addresses come from one module (honour_roll/site/urls.py), in both of MkDocs'
layouts: with ``use_directory_urls: false`` the site must work as well as with
directory URLs. A strict build of a small site, then every link it writes is
followed to a file of that site: HTML links, feeds, the sitemap, the search
index, the open data and the redirect of an old address.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from honour_roll.site.urls import Urls, page_path

from conftest import FIXTURES, ROOT, make_project, run_build

SITE_URL = "https://guong-dien-hinh.example/"
RECORDS = [FIXTURES / "valid" / "honorees" / "tran-van-mau.yml", ROOT / "data" / "honorees" / "benh-vien-ba-ria.yml"]
ALIAS = "tran-van-mau-cu"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for name in ("href", "src", "action"):
            if a.get(name) is not None:
                self.links.append(a[name])
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.links.append(re.sub(r"^\d+;\s*url=", "", a.get("content") or "", flags=re.I))


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target(site: Path, path: str) -> Path | None:
    """The file a site-relative path is served from, or None."""
    found = site / unquote(path)
    if found.is_dir():
        found = found / "index.html"
    return found if found.is_file() else None


def check_anchor(site: Path, file: Path, fragment: str, where: str) -> None:
    if fragment and file.suffix == ".html":
        assert fragment in parse(file).ids, f"{where}: #{fragment} not in {file.relative_to(site)}"


def resolve_local(site: Path, page: Path, link: str) -> tuple[Path | None, str]:
    parts = urlsplit(link)
    if parts.path.startswith("/"):  # from the site root (the 404 page): SITE_URL's path is "/"
        return target(site, parts.path.lstrip("/")), parts.fragment
    base = posixpath.dirname(page.relative_to(site).as_posix())
    path = posixpath.normpath(posixpath.join(base, parts.path)) if parts.path else page.relative_to(site).as_posix()
    return target(site, "" if path == "." else path), parts.fragment


def resolve_absolute(site: Path, url: str) -> tuple[Path | None, str]:
    assert url.startswith(SITE_URL), url
    parts = urlsplit(url[len(SITE_URL) :])
    return target(site, parts.path), parts.fragment


@pytest.fixture(scope="module", params=[False, True], ids=["files", "directories"])
def site(request, tmp_path_factory) -> tuple[Path, bool]:
    directory_urls = request.param
    project = make_project(tmp_path_factory.mktemp("project"), RECORDS, photos=FIXTURES / "valid" / "photos")
    record = project / "data" / "honorees" / "tran-van-mau.yml"
    record.write_text(record.read_text(encoding="utf-8") + f"aliases: [{ALIAS}]\n", encoding="utf-8")
    if not directory_urls:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, directory_urls


def test_every_link_in_every_page_leads_to_a_file_of_the_site(site):
    site, directory_urls = site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 15
    followed = 0
    for page in pages:
        for link in parse(page).links:
            if not link or link.startswith(("#", "mailto:", "data:", "javascript:")) or urlsplit(link).scheme:
                continue
            where = f"{page.relative_to(site)}: {link}"
            file, fragment = resolve_local(site, page, link)
            assert file is not None, where
            if not directory_urls:  # a link to a folder works on a server, not from the files
                assert not urlsplit(link).path.endswith("/") or file.parent == site / "tim-kiem" / "index", where
            check_anchor(site, file, fragment, where)
            followed += 1
    assert followed > 300


def test_pages_are_where_urls_py_says(site):
    site, directory_urls = site
    urls = Urls(directory_urls)
    for src in ("index.md", "tra-cuu.md", "tim-kiem.md", "huong-dan.md", "tru-cot/kinh-te-so.md", "guong-dien-hinh/tran-van-mau.md"):
        assert (site / urls.output(src)).is_file(), src
    honoree = site / urls.output("guong-dien-hinh/tran-van-mau.md")
    expected = "guong-dien-hinh/tran-van-mau.html" if not directory_urls else "guong-dien-hinh/tran-van-mau/index.html"
    assert honoree.relative_to(site).as_posix() == expected
    assert f'<link rel="canonical" href="{SITE_URL}{page_path("guong-dien-hinh/tran-van-mau.md", directory_urls)}">' in honoree.read_text(encoding="utf-8")


def test_feeds_sitemap_and_open_data_point_at_pages_of_the_site(site):
    site, _ = site
    urls = []
    for feed in [site / "rss.xml", *site.glob("tru-cot/*/rss.xml")]:
        urls += re.findall(r"<(?:link|guid)[^>]*>([^<]+)</", feed.read_text(encoding="utf-8"))
    urls += re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    urls += [h["url"] for h in json.loads((site / "du-lieu-mo" / "guong-dien-hinh.json").read_text(encoding="utf-8"))["honorees"]]
    assert len(urls) > 20
    for url in urls:
        file, _ = resolve_absolute(site, url)
        assert file is not None, url
        assert file.suffix in (".html", ".jpg", ".svg", ".xml"), url


def test_every_search_result_leads_to_a_page_and_its_anchor(site):
    site, _ = site
    docs = [doc for chunk in sorted((site / "tim-kiem" / "index" / "d").glob("*.json")) for doc in json.loads(chunk.read_text(encoding="utf-8"))]
    assert len(docs) > 20
    for doc in docs:
        url = doc[0]
        parts = urlsplit(url)
        file = target(site, parts.path)
        assert file is not None and file.suffix == ".html", url
        check_anchor(site, file, parts.fragment, url)


def test_the_header_search_form_goes_to_the_results_page(site):
    site, directory_urls = site
    page = site / Urls(directory_urls).output("guong-dien-hinh/tran-van-mau.md")
    action = re.search(r'<form class="hr-search__form"[^>]* action="([^"]+)"', page.read_text(encoding="utf-8")).group(1)
    file, _ = resolve_local(site, page, action)
    assert file == site / Urls(directory_urls).output("tim-kiem.md")


def test_an_old_address_redirects_to_the_page(site):
    site, directory_urls = site
    urls = Urls(directory_urls)
    old = site / urls.output(f"guong-dien-hinh/{ALIAS}.md")
    links = parse(old).links
    assert links, "no redirect at the old address"
    for link in links:
        file, _ = resolve_local(site, old, link) if not urlsplit(link).scheme else resolve_absolute(site, link)
        assert file == site / urls.output("guong-dien-hinh/tran-van-mau.md"), link


@pytest.mark.parametrize(
    ("from_src", "to_src", "directories", "files"),
    [
        ("tra-cuu.md", "guong-dien-hinh/a.md", "../guong-dien-hinh/a/", "guong-dien-hinh/a.html"),
        ("guong-dien-hinh/b.md", "guong-dien-hinh/a.md", "../a/", "a.html"),
        ("guong-dien-hinh/b.md", "index.md", "../../", "../index.html"),
        ("index.md", "du-lieu-mo/index.md", "du-lieu-mo/", "du-lieu-mo/index.html"),
        ("index.md", "index.md", "./", "index.html"),
    ],
)
def test_links_between_pages_in_both_layouts(from_src, to_src, directories, files):
    assert Urls(True).href(from_src, to_src) == directories
    assert Urls(False).href(from_src, to_src) == files
