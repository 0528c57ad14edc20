"""The built site behind Debian's real nginx, configured with deploy/nginx.conf as
the guides tell administrators to, and behind Debian's Apache with the build's
.htaccess: every file with its type, headers and cache policy, the
precompressed copies, the 404 page, the 301s of old ids; search and Tra cứu in
Chromium through nginx; and the publishing scripts."""

from __future__ import annotations

import gzip
import http.client
import importlib.util
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from honour_roll.site.html_post import script_hashes
from honour_roll.record.loader import load_roll
from honour_roll.site.precompress import MIN_SIZE, TEXT_SUFFIXES

from conftest import ROOT, StaticServer
from apache_server import APACHE, ApacheServer
from nginx_server import NGINX, NginxServer


_spec = importlib.util.spec_from_file_location("upload_tree_module", ROOT / "scripts" / "upload_tree.py")
upload_tree_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(upload_tree_module)

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".xml": "text/xml; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".png": "image/png",
    ".webp": "image/webp",  # pictures resized at build time (honour_roll/site/pictures.py)
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",
    ".gz": "application/gzip",
}
SECURITY = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), web-share=(self), clipboard-write=(self)",
}
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
FONTS = "public, max-age=604800"


@pytest.fixture(scope="module")
def nginx(real_site, tmp_path_factory):
    assert Path(NGINX).is_file(), "run: make test (installs Debian's nginx)"
    with NginxServer(real_site, tmp_path_factory.mktemp("nginx")) as server:
        yield server
        errors = server.errors()
    # Expected 404s are logged at "error" level only when a file is missing, and we ask for some.
    assert "[emerg]" not in errors and "[crit]" not in errors, errors


@pytest.fixture(scope="module")
def apache(real_site, tmp_path_factory):
    """The site's own .htaccess files, as a shared host's Apache reads them."""
    assert Path(APACHE).is_file(), "run: make test (installs Debian's apache2)"
    with ApacheServer(real_site, tmp_path_factory.mktemp("apache")) as server:
        yield server
        errors = server.errors()
    assert not re.search(r"\[(\w+:)?(alert|crit|emerg)\]|\[core:error\]|\[rewrite:error\]", errors), errors


@pytest.fixture(scope="module", params=["nginx", "apache"])
def server(request):
    """The same checks with deploy/nginx.conf in nginx and with the build's .htaccess in Apache."""
    s = request.getfixturevalue(request.param)
    s.kind = request.param
    return s


@pytest.fixture(scope="module")
def roll():
    return load_roll(ROOT / "data", ROOT)


class Client:
    """One keep-alive connection: a crawl of every file in a second or two."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def get(self, path: str, **headers) -> tuple[int, dict[str, str], bytes]:
        self.connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = self.connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@pytest.fixture
def client(server):
    c = Client(server.port)
    yield c
    c.connection.close()


def site_files(site: Path) -> list[Path]:
    """Every file a visitor can ask for: not the hidden server files, not the .gz copies."""
    out = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            # MkDocs' sitemap.xml.gz is a URL of the site in its own right; other .gz are copies.
            if path.suffix != ".gz" or path.name == "sitemap.xml.gz" or not path.with_suffix("").is_file():
                out.append(path)
    return out


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def cache_policy(url: str) -> str:
    if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)(\.map)?$", url):
        return IMMUTABLE
    if url.endswith(".woff2"):
        return FONTS
    return REVALIDATE


def header_policy(headers: dict[str, str]) -> str:
    policy = headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy, policy
    return policy


def test_every_file_is_served_with_its_type_headers_cache_policy_and_compression(server, client, real_site, roll):
    files = site_files(real_site)
    assert len(files) > 300
    # The meta-refresh pages of old ids, for plain static hosts: nginx answers 301 instead (below).
    moved = {f"/guong-dien-hinh/{alias}/" for h in roll.published for alias in h.aliases}
    compressed = 0
    for path in files:
        url = url_of(real_site, path)
        if url in moved:
            moved.remove(url)
            continue
        data = path.read_bytes()
        status, headers, body = client.get(url)
        assert status == 200, url
        assert body == data, url
        assert headers["content-type"] == TYPES[path.suffix], url
        assert "content-encoding" not in headers, url  # a client that did not ask for gzip never gets it
        for name, value in SECURITY.items():
            assert headers.get(name) == value, (url, name)
        header_policy(headers)
        assert headers["cache-control"] == cache_policy(url), url

        status, headers, body = client.get(url, accept_encoding="gzip, deflate, br")
        assert status == 200, url
        copy = path.with_name(path.name + ".gz")
        # Apache cannot tell a request for sitemap.xml.gz from one rewritten to it: sitemap.xml goes plain.
        plain_on_apache = server.kind == "apache" and url == "/sitemap.xml"
        if path.suffix in TEXT_SUFFIXES and len(data) > MIN_SIZE and not plain_on_apache:
            assert copy.is_file(), f"the build wrote no {copy.name}"
            assert headers.get("content-encoding") == "gzip", url
            assert body == copy.read_bytes(), f"{url}: not the build's precompressed copy"
            assert gzip.decompress(body) == data, url
            assert headers.get("vary") == "Accept-Encoding", url
            compressed += 1
        else:
            assert not copy.is_file() or plain_on_apache or path.name == "sitemap.xml", url
            # Small HTML may still be compressed on the fly by Debian's `gzip on`: the same bytes either way.
            assert (gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body) == data, url
        assert headers["content-type"] == TYPES[path.suffix], url
        assert headers["cache-control"] == cache_policy(url), url
    assert compressed > 100
    assert moved == set()
    assert (real_site / "tra-cuu" / "index.html.gz").is_file()


def test_pages_are_also_served_by_their_file_name_and_revalidate_cheaply(client, real_site):
    status, headers, body = client.get("/tra-cuu/index.html")
    assert status == 200 and body == (real_site / "tra-cuu" / "index.html").read_bytes()
    for url in ("/tra-cuu/", "/tim-kiem/index/meta.json", "/du-lieu-mo/guong-dien-hinh.json", "/rss.xml"):
        status, headers, _ = client.get(url, accept_encoding="gzip")
        assert status == 200 and headers["cache-control"] == REVALIDATE
        status, again, body = client.get(url, accept_encoding="gzip", if_none_match=headers["etag"])
        assert (status, body) == (304, b""), url
        status, _, _ = client.get(url, accept_encoding="gzip", if_modified_since=headers["last-modified"])
        assert status == 304, url


def test_the_header_policy_allows_every_pages_inline_scripts_and_forbids_framing(client, real_site):
    _, headers, _ = client.get("/")
    policy = header_policy(headers)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    allowed = set(script_src.split()[1:])
    assert "'unsafe-inline'" not in allowed and "'self'" in allowed
    pages = list(real_site.rglob("*.html"))
    needed = set()
    for page in pages:
        hashes = set(script_hashes(page.read_text(encoding="utf-8")))
        assert hashes <= allowed, page
        needed |= hashes
    assert needed == allowed - {"'self'"}  # no hash of a script that is not in some page
    assert len(needed) >= 3  # the theme's inline scripts, at several folder depths


def test_an_unknown_address_gets_the_sites_404_page_with_status_404(client, real_site):
    expected = (real_site / "404.html").read_bytes()
    for url in ("/khong-co-trang-nay/", "/guong-dien-hinh/khong-co-ai/", "/tra-cuu/thieu.json"):
        status, headers, body = client.get(url)
        assert (status, body) == (404, expected), url
        assert headers["content-type"] == TYPES[".html"]
        header_policy(headers)
        assert headers["x-content-type-options"] == "nosniff"
        status, headers, body = client.get(url, accept_encoding="gzip")
        assert status == 404 and gzip.decompress(body) == expected and headers["content-encoding"] == "gzip"


def test_the_server_files_of_the_build_are_not_served(client, real_site):
    hidden = [p for p in real_site.rglob(".*") if p.is_file()] + list((real_site / ".server").iterdir())
    assert {".htaccess", ".server/redirects.map", ".server/csp.conf", "guong-dien-hinh/.htaccess"} <= {
        p.relative_to(real_site).as_posix() for p in hidden
    }
    for path in hidden:
        status, _, body = client.get("/" + path.relative_to(real_site).as_posix())
        assert status == 404 and body == (real_site / "404.html").read_bytes(), path


def test_old_ids_answer_301_with_the_new_address(client, roll):
    moved = [(alias, h.id) for h in roll.published for alias in h.aliases]
    hidden = [alias for h in roll.honorees if h not in roll.published for alias in h.aliases]
    assert moved and hidden, "the sample data has a renamed published record and a renamed unpublished one"
    for alias, new in moved:
        for url in (f"/guong-dien-hinh/{alias}/", f"/guong-dien-hinh/{alias}", f"/guong-dien-hinh/{alias}/index.html"):
            status, headers, _ = client.get(url)
            assert status == 301, url
            location = urlsplit(headers["location"])  # nginx sends a path, Apache an absolute URL
            assert location.path == f"/guong-dien-hinh/{new}/" and location.netloc in ("", f"127.0.0.1:{client.port}"), url
            header_policy(headers)
            status, _, body = client.get(location.path)
            assert status == 200 and b"<h1" in body
    for alias in hidden:  # an unpublished record's old id leads nowhere, as its page does
        status, _, _ = client.get(f"/guong-dien-hinh/{alias}/")
        assert status == 404


def test_share_cards_old_png_addresses_answer_301_with_the_jpeg(client, real_site, roll):
    # Cards were PNG until December 2026; links to them were shared on social networks.
    for card in ("trang-chu", roll.published[0].id):
        assert (real_site / "chia-se" / f"{card}.jpg").is_file() and not (real_site / "chia-se" / f"{card}.png").exists()
        status, headers, _ = client.get(f"/chia-se/{card}.png")
        assert status == 301, card
        location = urlsplit(headers["location"])
        assert location.path == f"/chia-se/{card}.jpg" and location.netloc in ("", f"127.0.0.1:{client.port}"), card
        status, headers, body = client.get(location.path)
        assert status == 200 and headers["content-type"] == "image/jpeg" and body[:2] == b"\xff\xd8"
    status, _, _ = client.get("/chia-se/khong-co-the-nay.jpg")
    assert status == 404


# --- in Chromium, through nginx -------------------------------------------------------------------


@pytest.fixture
def visit(browser, nginx):
    """A page in Chromium that records every response and fails on any console error
    (a blocked script or a refused header policy shows there) or uncaught exception."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    responses = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: responses.append(r))
    page.responses = responses
    yield page
    context.close()
    assert errors == []


def encodings(page, part: str) -> list[str | None]:
    return [r.all_headers().get("content-encoding") for r in page.responses if part in r.url and r.status == 200]


def test_search_works_through_nginx_with_compressed_shards(visit, nginx):
    visit.goto(nginx.url + "/tim-kiem/?q=chuyen doi so")
    expect(visit.locator("[data-hr-search-page-status]")).to_contain_text("kết quả")
    assert visit.locator(".hr-result").count() > 5
    visit.goto(nginx.url + "/tim-kiem/?q=Mũi Nghinh Phong")
    expect(visit.locator(".hr-result__title").first).to_contain_text("Mũi Nghinh Phong")
    shards = encodings(visit, "/tim-kiem/index/")
    assert len(shards) >= 3
    assert "gzip" in shards  # shards above 1 KB come precompressed; Chromium decompressed and used them
    assert set(encodings(visit, "/assets/javascripts/search.js")) == {"gzip"}


def test_tra_cuu_filters_work_through_nginx(visit, nginx, roll):
    published = roll.published
    visit.goto(nginx.url + "/tra-cuu/")
    expect(visit.locator("[data-hr-browse-status]")).to_have_text(f"Tất cả {len(published)} gương điển hình.")
    visit.locator("input[name='loai'][value='ca-nhan']").check()
    individuals = [h for h in published if h.kind.slug == "ca-nhan"]
    expect(visit.locator("[data-hr-browse-status]")).to_have_text(
        f"{len(individuals)} trên {len(published)} gương điển hình phù hợp với bộ lọc."
    )
    assert "loai=ca-nhan" in visit.url
    visit.goto(nginx.url + "/tra-cuu/?loai=ca-nhan")  # the link reproduces the slice, through the server too
    expect(visit.locator("input[name='loai'][value='ca-nhan']")).to_be_checked()
    assert set(encodings(visit, "/tra-cuu/")) == {"gzip"}


def test_another_site_cannot_frame_the_honour_roll(browser, nginx, real_site, tmp_path):
    # The same page, framed from another origin: from a plain file server it shows (so the
    # test can tell), from nginx the header policy refuses it.
    plain = tmp_path / "plain"
    shutil.copytree(real_site, plain)
    with StaticServer(plain) as unprotected, StaticServer(tmp_path) as other:
        (tmp_path / "frame.html").write_text(
            f'<!doctype html><title>x</title><iframe name="a" src="{unprotected.url}/tra-cuu/"></iframe>'
            f'<iframe name="b" src="{nginx.url}/tra-cuu/"></iframe>',
            encoding="utf-8",
        )
        context = browser.new_context()
        page = context.new_page()
        page.goto(other.url.replace("127.0.0.1", "localhost") + "/frame.html")
        page.wait_for_load_state("load")
        framed = {f.name: f for f in page.frames}
        expect(framed["a"].locator("h1")).to_contain_text("Tra cứu")
        assert framed["b"].url.startswith("chrome-error:")  # Chromium's "refused to connect" page
        assert "Tra cứu" not in framed["b"].locator("body").inner_text()
        context.close()


# --- object storage: the upload tree and the publishing order --------------------------------------


def test_the_upload_tree_holds_every_url_once_text_compressed(real_site, tmp_path):
    out = tmp_path / "tree"
    count = upload_tree_module.upload_tree(real_site, out)
    files = {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file()}
    assert count == len(files) and len(files) > 300
    assert {url for url in files} == {p.relative_to(real_site).as_posix() for p in site_files(real_site)}
    for rel, path in files.items():
        source = (real_site / rel).read_bytes()
        if path.suffix in TEXT_SUFFIXES:
            assert gzip.decompress(path.read_bytes()) == source, rel  # small files compressed too
        else:
            assert path.read_bytes() == source, rel


def test_publishing_sends_assets_before_pages_and_deletes_last(real_site, tmp_path):
    rclone = shutil.which("rclone")
    assert rclone, "run: make test (installs Debian's rclone)"
    bucket = tmp_path / "bucket"  # a local folder stands in for the bucket: the order and the content, not the headers
    (bucket / "guong-dien-hinh" / "da-xoa").mkdir(parents=True)
    (bucket / "guong-dien-hinh" / "da-xoa" / "index.html").write_text("old", encoding="utf-8")
    env = {**os.environ, "RCLONE_FLAGS": "-v", "RCLONE_CONFIG": "/dev/null"}
    command = ["bash", str(ROOT / "deploy" / "publish-s3.sh"), str(bucket), str(real_site)]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    events = re.findall(r"INFO  : (\S+): (Copied|Deleted)", result.stderr)
    copied = [name for name, what in events if what == "Copied"]
    html = [i for i, name in enumerate(copied) if name.endswith(".html")]
    assert len(html) > 30 and min(html) == len(copied) - len(html)  # every page after every other file
    assert events[-1] == ("guong-dien-hinh/da-xoa/index.html", "Deleted")
    tree = tmp_path / "tree"
    upload_tree_module.upload_tree(real_site, tree)
    assert {p.relative_to(bucket).as_posix(): p.read_bytes() for p in bucket.rglob("*") if p.is_file()} == {
        p.relative_to(tree).as_posix(): p.read_bytes() for p in tree.rglob("*") if p.is_file()
    }
    again = subprocess.run(command, capture_output=True, text=True, env=env)
    assert again.returncode == 0 and "Copied" not in again.stderr  # unchanged bytes are not sent again


def test_publishing_to_an_nginx_server_switches_releases_atomically(real_site, tmp_path):
    www = tmp_path / "www"
    env = {**os.environ, "RELOAD": f"touch {tmp_path}/reloaded", "KEEP": "2"}
    command = ["bash", str(ROOT / "deploy" / "publish-rsync.sh"), str(www), str(real_site)]
    releases = []
    for _ in range(3):
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "reloaded").is_file()  # nginx re-reads .server/ after every switch
        (tmp_path / "reloaded").unlink()
        current = (www / "current").resolve()
        releases.append(current)
        assert (www / "current").is_symlink() and current.parent == www / "releases"
        time.sleep(1.1)  # release names carry the second
    assert sorted(p.name for p in (www / "releases").iterdir()) == [r.name for r in releases[1:]]  # KEEP=2
    published = {p.relative_to(releases[-1]).as_posix(): p for p in releases[-1].rglob("*") if p.is_file()}
    assert published.keys() == {p.relative_to(real_site).as_posix() for p in real_site.rglob("*") if p.is_file()}
    for rel, path in published.items():
        assert path.read_bytes() == (real_site / rel).read_bytes(), rel
        assert path.stat().st_mode & 0o444 == 0o444, rel  # nginx's workers can read it
        assert path.stat().st_ino == (releases[1] / rel).stat().st_ino, rel  # unchanged: a hard link, not a copy
    assert releases[-1].stat().st_mode & 0o555 == 0o555
