"""Checks over the built files: valid HTML (Nu HTML Checker), no broken link or
anchor, atomic and reproducible builds, and the same output from ProperDocs."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import posixpath
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from honour_roll.site.precompress import MIN_SIZE, gzip_bytes

from conftest import BUILD_ENV, FIXTURES, ROOT, make_project, run_build
from htmltext import elements

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BUILD_SCRIPT = ROOT / "scripts" / "build_site.py"


def tree_digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()
    }


# --- valid HTML ------------------------------------------------------------------------------------


def test_nu_html_checker_finds_no_error(real_site):
    assert VNU.is_file(), "run: make test (installs vnu-jar with npm)"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", "--errors-only", str(real_site)],
        capture_output=True, text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in messages if m.get("type") == "error"]
    assert errors == []
    checked = len(list(real_site.rglob("*.html")))
    assert checked > 30


# --- links and anchors ------------------------------------------------------------------------------


def page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site: Path, url_path: str) -> Path | None:
    candidate = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path) -> list[str]:
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        base = page_url(site, page)
        for tag, attrs in elements(html):
            for attr in ("href", "src"):
                ref = attrs.get(attr)
                if not ref or tag == "a" and attr == "src":
                    continue
                parts = urlsplit(ref)
                if parts.scheme or parts.netloc:
                    if parts.scheme not in ("http", "https", "mailto", "data", "tel"):
                        broken.append(f"{base}: {ref}: scheme")
                    continue
                path = posixpath.normpath(posixpath.join(posixpath.dirname(base), parts.path)) if parts.path else base
                if parts.path.endswith("/") and not path.endswith("/"):
                    path += "/"
                if page.name == "404.html" and not parts.path.startswith("/"):
                    continue  # the 404 page is served at any depth; its links are made absolute by the theme
                target = target_file(site, path) if parts.path else page
                if target is None:
                    broken.append(f"{base}: {ref}")
                    continue
                if parts.fragment and target.suffix == ".html":
                    if target not in ids:
                        ids[target] = set(re.findall(r'\bid="([^"]+)"', target.read_text(encoding="utf-8")))
                    if unquote(parts.fragment) not in ids[target]:
                        broken.append(f"{base}: {ref}: no such anchor")
    return broken


def test_no_broken_link_or_anchor(real_site):
    assert broken_links(real_site) == []


def test_link_checker_catches_a_broken_link(tmp_path, real_site):
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    page = site / "boi-canh" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", '<a href="../khong-co/">x</a><a href="../huong-dan/#khong-co">y</a></article>'), encoding="utf-8")
    assert broken_links(site) == ["/boi-canh/: ../khong-co/", "/boi-canh/: ../huong-dan/#khong-co: no such anchor"]


# --- atomic, reproducible, engine-independent builds ----------------------------------------------


def build_script(project: Path, site: Path, engine: str = "mkdocs") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site), "--engine", engine],
        capture_output=True, text=True, env=BUILD_ENV,
    )


def test_failed_build_leaves_the_previous_site_exactly_as_it_was(tmp_path):
    project = make_project(tmp_path / "p", [FIXTURES / "valid" / "honorees" / "tran-van-mau.yml"], FIXTURES / "valid" / "photos")
    site = tmp_path / "out" / "site"
    assert build_script(project, site).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    # Readable by the web server once copied (`rsync -a` carries the folder's mode over).
    assert stat.S_IMODE(site.stat().st_mode) == 0o777 & ~umask
    before = tree_digest(site)
    assert "guong-dien-hinh/tran-van-mau/index.html" in before
    shutil.copy(FIXTURES / "invalid" / "impossible-date.yml", project / "data" / "honorees")
    result = build_script(project, site)
    assert result.returncode != 0
    assert "thư mục" in result.stderr and "giữ nguyên" in result.stderr
    assert tree_digest(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]  # no half-built folder left behind


def test_two_builds_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert build_script(ROOT, a).returncode == 0
    assert build_script(ROOT, b).returncode == 0
    digest_a, digest_b = tree_digest(a), tree_digest(b)
    assert digest_a == digest_b
    assert len(digest_a) > 50
    # The server's files and the compressed copies too; the second build took its copies from
    # the cache, so check that compressing afresh gives those very bytes.
    assert {".server/csp.conf", ".server/redirects.map", ".htaccess", "guong-dien-hinh/.htaccess"} <= digest_a.keys()
    copies = [p for p in a.rglob("*.gz") if p.with_suffix("").stat().st_size > MIN_SIZE]
    assert len(copies) > 100
    for copy in copies:
        assert copy.read_bytes() == gzip_bytes(copy.with_suffix("").read_bytes()), copy


def test_dates_come_from_source_date_epoch_not_the_clock(real_site):
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2025-11-30"}  # BUILD_ENV's epoch


def test_properdocs_builds_the_same_site(tmp_path, real_site):
    pytest.importorskip("properdocs")
    result = run_build(ROOT, tmp_path / "site", engine="properdocs")
    assert result.returncode == 0, result.stderr
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    ours, theirs = tree_digest(real_site), tree_digest(tmp_path / "site")
    assert ours.keys() == theirs.keys()
    for name in ours:
        if ours[name] != theirs[name]:
            read = lambda p: gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()  # noqa: E731
            left = generator.sub(b"", read(real_site / name))
            right = generator.sub(b"", read(tmp_path / "site" / name))
            assert left == right, name
