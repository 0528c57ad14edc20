"""Generated pages' Markdown rendered in forked workers (ForkPool, _render_markdown in the hook).

The site must be byte for byte what a serial build makes, on MkDocs and on
ProperDocs, and whatever rendering logs in a worker must reach the build as if
the parent had rendered the page: a strict build still fails on it, and the
page is not stored.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, make_project, run_build

SERIAL = {"HONOUR_ROLL_WORKERS": "1"}
POOL = {"HONOUR_ROLL_WORKERS": "2", "HONOUR_ROLL_POOL_MIN_PAGES": "1"}
POOL_USED = "trang trên 2 tiến trình song song"


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def cold_build(project: Path, site: Path, env: dict[str, str], engine: str = "mkdocs"):
    shutil.rmtree(project / ".cache" / "pages", ignore_errors=True)  # every page rendered
    return run_build(project, site, engine=engine, env=env)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("parallel") / "project", sorted((ROOT / "data" / "honorees").glob("*.yml")), ROOT / "data" / "photos")


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_pages_rendered_in_workers_are_what_a_serial_build_makes(project, tmp_path, engine):
    if engine == "properdocs":
        pytest.importorskip("properdocs")
    serial = cold_build(project, tmp_path / "serial", SERIAL, engine)
    assert serial.returncode == 0, serial.stdout + serial.stderr
    assert POOL_USED not in serial.stdout + serial.stderr
    pooled = cold_build(project, tmp_path / "pool", POOL, engine)
    assert pooled.returncode == 0, pooled.stdout + pooled.stderr
    assert POOL_USED in pooled.stdout + pooled.stderr
    serial_tree, pooled_tree = tree(tmp_path / "serial"), tree(tmp_path / "pool")
    assert len(serial_tree) > 500
    assert sorted(serial_tree) == sorted(pooled_tree)
    assert [name for name in serial_tree if serial_tree[name] != pooled_tree[name]] == []


WARNING_EXTENSION = """
import logging
from markdown import Extension
from markdown.preprocessors import Preprocessor


class Warn(Preprocessor):
    def run(self, lines):
        if any("Câu chuyện" in line for line in lines):
            logging.getLogger("mkdocs.hr_warn").warning("hr-warn: trang có câu chuyện")
        return lines


class WarnExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Warn(md), "hr_warn", 0)


def makeExtension(**kwargs):
    return WarnExtension(**kwargs)
"""


def test_a_warning_logged_in_a_worker_fails_the_strict_build_as_in_a_serial_one(project, tmp_path):
    warned = tmp_path / "warned"
    shutil.copytree(project, warned, ignore=shutil.ignore_patterns("pages"))
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext" / "hr_warn.py").write_text(WARNING_EXTENSION, encoding="utf-8")
    config = warned / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("markdown_extensions:\n", "markdown_extensions:\n  - hr_warn\n"), encoding="utf-8")
    env = {"PYTHONPATH": str(tmp_path / "ext")}
    serial = cold_build(warned, tmp_path / "serial", {**SERIAL, **env})
    pooled = cold_build(warned, tmp_path / "pool", {**POOL, **env})
    assert POOL_USED in pooled.stdout + pooled.stderr
    serial_lines = [line for line in (serial.stdout + serial.stderr).splitlines() if "hr-warn" in line]
    pooled_lines = [line for line in (pooled.stdout + pooled.stderr).splitlines() if "hr-warn" in line]
    assert len(serial_lines) >= 2 and pooled_lines == serial_lines  # each once, in the serial order
    assert serial.returncode != 0 and pooled.returncode != 0
    # A page that warned is never stored: the next build warns about it again.
    again = run_build(warned, tmp_path / "again", env={**POOL, **env})
    assert [line for line in (again.stdout + again.stderr).splitlines() if "hr-warn" in line] == serial_lines


def test_whole_roll_outputs_made_in_a_forked_child_are_what_the_parent_makes(monkeypatch, tmp_path):
    # Search, Tra cứu, feeds, open data and redirects are made in a child while the parent
    # writes the pages (honour_roll/site/background.py): the same files, in the same order.
    from honour_roll.record.guidance import load_guidance
    from honour_roll.record.loader import load_roll
    from honour_roll.site import generate

    made = []

    class Watched(generate.Background):
        def result(self):
            value = super().result()
            made.append(self.forked)
            return value

    monkeypatch.setattr(generate, "Background", Watched)
    roll = load_roll(ROOT / "data", ROOT)
    guidance = load_guidance(ROOT / "data" / roll.movement.guidance.file, roll.movement, "huong-dan")
    settings = generate.SiteSettings(docs_dir=ROOT / "docs", cache_dir=tmp_path / "cache", illustrative=True)

    def site(workers: str) -> list[tuple]:
        monkeypatch.setenv("HONOUR_ROLL_WORKERS", workers)
        return [(g.src_uri, g.content, g.source_path, g.in_nav) for g in generate.generate_site(roll, guidance, ROOT / "data", settings)]

    monkeypatch.setattr("honour_roll.site.background.MIN_HONOREES", 1)
    serial, forked = site("1"), site("2")
    assert made == [False, True]  # the second really came from another process
    assert len(serial) > 100 and any(uri.startswith("tim-kiem/") for uri, *_ in serial) and any(uri.endswith("rss.xml") for uri, *_ in serial)
    assert forked == serial


def test_the_drawing_workers_compress_qr_codes_and_the_search_index_ahead(monkeypatch, tmp_path):
    """A first build's compressed copies of QR codes, the search index and open data are made by
    the workers drawing share cards, so that the pass over the written site (compress_site) only
    links them: each one the very bytes of its file, compressed as compress_site would."""
    import gzip

    from honour_roll.record.guidance import load_guidance
    from honour_roll.record.loader import load_roll
    from honour_roll.site import generate, sharing
    from honour_roll.site.precompress import MIN_SIZE, TEXT_SUFFIXES, gzip_bytes

    monkeypatch.setenv("HONOUR_ROLL_WORKERS", "2")
    monkeypatch.setattr(sharing, "MIN_DRAWN_APART", 1)
    roll = load_roll(ROOT / "data", ROOT)
    guidance = load_guidance(ROOT / "data" / roll.movement.guidance.file, roll.movement, "huong-dan")
    compressed = tmp_path / "compressed"
    settings = generate.SiteSettings(docs_dir=ROOT / "docs", cache_dir=tmp_path / "cache", illustrative=True, compressed_dir=compressed)
    files = generate.generate_site(roll, guidance, ROOT / "data", settings)
    made = {gzip.decompress(p.read_bytes()): p.read_bytes() for p in compressed.glob("*.gz")}
    expected = [
        g.content.encode("utf-8") if isinstance(g.content, str) else (g.content or g.source_path.read_bytes())
        for g in files
        if (g.src_uri.endswith("-qr.svg") or g.src_uri.startswith("tim-kiem/") or g.src_uri.startswith("du-lieu-mo/"))
        and Path(g.src_uri).suffix in TEXT_SUFFIXES
    ]
    expected = [data for data in expected if len(data) > MIN_SIZE]
    assert len(expected) > len(roll.published)  # every QR code, and the index's files
    for data in expected:
        assert made.get(data) == gzip_bytes(data)


def test_the_previews_search_memo_gives_the_index_a_fresh_build_makes(monkeypatch, tmp_path):
    # Under the preview, each document's words are kept between rebuilds (search_terms.py), and
    # the index is made in a forked child that reports what it used and made. After an edit,
    # every file must be what a build from nothing makes.
    from honour_roll.record.guidance import load_guidance
    from honour_roll.record.loader import load_roll
    from honour_roll.record.rebuild_memo import Memo
    from honour_roll.site import generate, search_terms

    monkeypatch.setattr("honour_roll.site.background.MIN_HONOREES", 1)
    monkeypatch.setattr(search_terms, "preview", search_terms.TermsMemo())
    forked = []

    class Watched(generate.Background):
        def result(self):
            value = super().result()
            # The preview's search index comes with the memo's report (a pair); the rest as a dict.
            forked.append(("index" if isinstance(value, tuple) else "whole roll", self.forked))
            return value

    monkeypatch.setattr(generate, "Background", Watched)
    kept = []  # (documents used, lists made) as the parent keeps them after each round
    keep = search_terms.preview.keep
    monkeypatch.setattr(search_terms.preview, "keep", lambda used, made: (kept.append((len(used), made and len(made))), keep(used, made)))
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    settings = generate.SiteSettings(docs_dir=ROOT / "docs", cache_dir=tmp_path / "cache", illustrative=True)
    memo = Memo()

    def site(workers: str, memo=None) -> dict[str, object]:
        monkeypatch.setenv("HONOUR_ROLL_WORKERS", workers)
        if memo is not None:
            memo.new_round()
        roll = load_roll(data, tmp_path, memo=memo)
        guidance = load_guidance(data / roll.movement.guidance.file, roll.movement, "huong-dan")
        return {g.src_uri: g.content for g in generate.generate_site(roll, guidance, data, settings, memo)}

    first = site("2", memo)  # the memo is empty: made in this process, which keeps every document's words
    assert not search_terms.preview.refill and first == site("1")
    record = sorted((data / "honorees").glob("*.yml"))[0]
    record.write_text(record.read_text(encoding="utf-8").replace("summary: >-\n", "summary: >-\n  Từ khóa mới tinh xyzzy.\n", 1), encoding="utf-8")
    edited = site("2", memo)  # in a child: one document's words made there and sent back
    assert edited == site("1") and edited != first
    assert any("xyzzy" in (content or "") for uri, content in edited.items() if uri.startswith("tim-kiem/index/"))
    (documents, _), (again, sent_back) = kept
    # The first round made the index in this process (no Background), the edited one in a child
    # of its own, waited for last (LateFiles); the feeds and open data in another child each round;
    # the serial builds compared with did not fork.
    assert forked == [
        ("whole roll", True), ("whole roll", False),
        ("whole roll", True), ("index", True), ("whole roll", False),
    ]
    assert documents > 40 and again == documents and sent_back == 1  # only the edited record's words crossed over


@pytest.mark.parametrize("failing, children", [("cards", 1), ("pages", 2)])
def test_a_preview_rebuild_that_fails_leaves_no_child_running(monkeypatch, tmp_path, failing, children):
    # The preview starts its search index's child first, then the feeds' child, before the pages
    # are written; when the rebuild fails meanwhile, none may go on running.
    import multiprocessing

    from honour_roll.record.guidance import load_guidance
    from honour_roll.record.loader import load_roll
    from honour_roll.record.rebuild_memo import Memo
    from honour_roll.site import generate, search_terms

    monkeypatch.setattr("honour_roll.site.background.MIN_HONOREES", 1)
    monkeypatch.setenv("HONOUR_ROLL_WORKERS", "2")
    monkeypatch.setattr(search_terms, "preview", search_terms.TermsMemo())
    search_terms.preview.refill = False  # as after the first rebuild: the index is made in a child
    started = []

    class Watched(generate.Background):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self._pool is not None)

    def broken(*_args, **_kwargs):
        raise RuntimeError(f"{failing} failed")

    monkeypatch.setattr(generate, "Background", Watched)
    if failing == "cards":
        monkeypatch.setattr(generate, "start_sharing", broken)
    else:
        monkeypatch.setattr(generate.PageMaker, "pages", broken)
    roll = load_roll(ROOT / "data", ROOT)
    guidance = load_guidance(ROOT / "data" / roll.movement.guidance.file, roll.movement, "huong-dan")
    settings = generate.SiteSettings(docs_dir=ROOT / "docs", cache_dir=tmp_path / "cache", illustrative=True)
    assert multiprocessing.active_children() == []
    with pytest.raises(RuntimeError, match=f"{failing} failed"):
        generate.generate_site_in_parts(roll, guidance, ROOT / "data", settings, Memo())
    assert started == [True] * children  # they had forked
    assert multiprocessing.active_children() == []
