"""The build's compressed copies and server files, on small sites made here."""

from __future__ import annotations

import dataclasses
import gzip
import os
import time
from pathlib import Path

import pytest

from honour_roll.site.html_post import finalize_html
from honour_roll.record.loader import Roll, load_roll
from honour_roll.site.precompress import MIN_SIZE, compress_ahead, compress_site, gzip_bytes
from honour_roll.site.server_files import CSP_CONF, header_policy, redirects, write_header_policy

from conftest import ROOT

TEXT = ("Gương điển hình chuyển đổi số " * 80).encode("utf-8")  # about 2.6 KB


def make_site(root: Path) -> Path:
    files = {
        "index.html": TEXT,
        "tra-cuu/index.html": TEXT,
        "assets/app.js": TEXT,
        "du-lieu-mo/a.csv": TEXT,
        "chia-se/x-qr.svg": TEXT,
        "rss.xml": TEXT,
        "small.json": b'{"a": 1}',  # below MIN_SIZE
        "anh/photo.png": os.urandom(4000),  # not text
        ".server/redirects.map": TEXT,  # hidden: never served, never compressed
        "guong-dien-hinh/.htaccess": TEXT,
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data + name.encode() if data.startswith(TEXT) else data)  # each file its own bytes
    return root


def copies(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.gz"))}


def test_every_text_file_above_1_kb_gets_a_gzip_copy_and_nothing_else(tmp_path):
    site = make_site(tmp_path / "site")
    report = compress_site(site)
    got = copies(site)
    assert sorted(got) == [
        "assets/app.js.gz", "chia-se/x-qr.svg.gz", "du-lieu-mo/a.csv.gz", "index.html.gz", "rss.xml.gz", "tra-cuu/index.html.gz",
    ]
    for name, data in got.items():
        assert gzip.decompress(data) == (site / name[: -len(".gz")]).read_bytes()
        assert len(data) < MIN_SIZE  # repetitive text: compresses well
    assert (report.files, report.made, report.reused) == (6, 6, 0)


def test_a_copy_made_ahead_is_linked_and_bytes_written_otherwise_are_compressed_as_before(tmp_path):
    """Finishing workers compress a page's bytes before the build writes it (compress_ahead):
    the pass over the site links that copy; a file whose bytes differ from those given ahead
    gets its own, and small files none."""
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    compress_ahead((site / "index.html").read_bytes(), cache)
    compress_ahead(b"not what tra-cuu/index.html holds" * 100, cache)
    compress_ahead(b'{"a": 1}', cache)  # below MIN_SIZE: nothing
    assert len(list(cache.glob("*.gz"))) == 2
    report = compress_site(site, cache)
    assert (report.files, report.made, report.reused) == (6, 5, 1)
    assert (site / "index.html.gz").read_bytes() == gzip_bytes((site / "index.html").read_bytes())
    assert (site / "index.html.gz").stat().st_nlink == 2  # the cache's entry, linked


def test_copies_are_the_same_bytes_every_time_with_or_without_the_cache(tmp_path):
    cache = tmp_path / "cache"
    a, b, c = (make_site(tmp_path / n) for n in "abc")
    compress_site(a)
    first = compress_site(b, cache)
    second = compress_site(c, cache)
    assert copies(a) == copies(b) == copies(c)
    assert (first.made, first.reused) == (6, 0)
    assert (second.made, second.reused) == (0, 6)
    assert gzip_bytes(TEXT) == gzip_bytes(TEXT)  # no time stamp, no file name in the header
    assert gzip.decompress(gzip_bytes(TEXT)) == TEXT


def test_a_changed_file_is_compressed_again_never_served_stale(tmp_path):
    cache = tmp_path / "cache"
    compress_site(make_site(tmp_path / "a"), cache)
    site = make_site(tmp_path / "b")
    (site / "rss.xml").write_bytes(TEXT + "<item>mới</item>".encode("utf-8"))
    report = compress_site(site, cache)
    assert (report.made, report.reused) == (1, 5)
    assert gzip.decompress((site / "rss.xml.gz").read_bytes()) == (site / "rss.xml").read_bytes()


def test_unused_cache_entries_go_after_an_hour(tmp_path):
    cache = tmp_path / "cache"
    compress_site(make_site(tmp_path / "a"), cache)
    old = time.time() - 7200
    for entry in cache.iterdir():
        os.utime(entry, (old, old))
    site = make_site(tmp_path / "b")
    (site / "rss.xml").write_bytes(b"x" * 5000)
    report = compress_site(site, cache)
    assert report.pruned == 1  # the old rss.xml's; the entries this build used were touched
    assert len(list(cache.iterdir())) == 6  # five reused, one new
    for name, data in copies(site).items():
        assert gzip.decompress(data) == (site / name[: -len(".gz")]).read_bytes()


def test_the_header_policy_allows_the_inline_scripts_of_every_page_and_forbids_framing(tmp_path):
    site = tmp_path / "site"
    pages = {
        "index.html": '<script>__md_scope=new URL(".",location)</script><script>a()</script>',
        "tra-cuu/index.html": '<script>__md_scope=new URL("..",location)</script><script>a()</script>',
        "x/y/index.html": '<script>__md_scope=new URL("../..",location)</script><script type="application/json">{}</script>',
    }
    for name, body in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(finalize_html(f"<html><head></head><body>{body}</body></html>"), encoding="utf-8")
    (site / "old").mkdir()
    (site / "old" / "index.html").write_text('<html><head><meta http-equiv="refresh" content="0; url=../"></head></html>', encoding="utf-8")
    policy = header_policy(site)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert len(script_src.split()) == 2 + 4  # 'script-src' 'self' and four distinct scripts
    assert policy.endswith("; frame-ancestors 'none'")
    assert policy == header_policy(site)
    write_header_policy(site, "https://so.example.gov.vn/thi-dua/")
    conf = (site / CSP_CONF).read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{policy}" always;' in conf
    htaccess = (site / ".htaccess").read_text(encoding="utf-8")
    assert f'Header always set Content-Security-Policy "{policy}"' in htaccess
    assert "ErrorDocument 404 /thi-dua/404.html" in htaccess  # the site may live in a sub-folder of its host


def test_redirects_follow_the_site_address_and_never_write_anything_but_slugs():
    roll = load_roll(ROOT / "data", ROOT)
    moved = redirects(roll, "https://so.example.gov.vn/thi-dua/")
    assert moved == [
        ("/thi-dua/guong-dien-hinh/phan-mem-mui-nghinh-phong/", "/thi-dua/guong-dien-hinh/cong-ty-tnhh-phan-mem-mui-nghinh-phong/")
    ]
    assert redirects(roll, "https://so.example.gov.vn/")[0][0] == "/guong-dien-hinh/phan-mem-mui-nghinh-phong/"
    # The validator lets only slugs through; were anything else to reach here, no server file is written.
    honoree = next(h for h in roll.published if h.aliases)
    forged = dataclasses.replace(honoree, aliases=('x"; return 200 "y',))
    with pytest.raises(ValueError):
        redirects(Roll(tuple(forged if h is honoree else h for h in roll.honorees), roll.movement), "/")
