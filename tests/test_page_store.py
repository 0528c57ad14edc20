"""Finished pages kept between builds: honour_roll/page_store.py and ReusablePage in the hook.

A reused page must be exactly what rendering would give, must stop being reused
as soon as anything that shaped it changes, and must still have its links
checked. To tell reuse from rendering, some tests rewrite a stored page and look
for the rewritten text in the next build's output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from honour_roll.page_store import PageEntry, PageHead, PageStore

from conftest import BUILD_ENV, FIXTURES, ROOT, make_project, run_build

VALID = FIXTURES / "valid" / "honorees" / "tran-van-mau.yml"
OTHER = ROOT / "data" / "honorees" / "benh-vien-ba-ria.yml"
MARK = "BẢN ĐÃ LƯU"


def entries(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "pages" / "site").glob("*.page"))


def tamper(project: Path) -> int:
    """Mark every stored honoree page; returns how many were marked."""
    marked = 0
    for path in entries(project):
        entry = PageEntry.from_bytes(path.read_bytes())
        if "Câu chuyện" in entry.html:
            path.write_bytes(PageEntry(entry.html.replace("Câu chuyện", MARK), entry.anchors, entry.anchor_links).to_bytes())
            marked += 1
    return marked


def page(site: Path, honoree: str) -> str:
    return (site / "guong-dien-hinh" / honoree / "index.html").read_text(encoding="utf-8")


def build(project: Path, site: Path) -> None:
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    project = make_project(tmp_path / "project", [VALID, OTHER], photos=FIXTURES / "valid" / "photos")
    build(project, tmp_path / "first")
    return project


def test_a_second_build_reuses_pages_and_gives_the_same_bytes(project, tmp_path):
    assert len(entries(project)) >= 2
    build(project, tmp_path / "second")
    assert tree(tmp_path / "second") == tree(tmp_path / "first")
    assert tamper(project) >= 2  # both honoree pages (and any other page with a story heading)
    build(project, tmp_path / "third")
    for honoree in ("tran-van-mau", "benh-vien-ba-ria"):
        assert MARK in page(tmp_path / "third", honoree)


def test_an_edited_record_is_rendered_again_and_only_it(project, tmp_path):
    # The story shows on its own page only (a summary would show on related pages too).
    tamper(project)
    record = project / "data" / "honorees" / "tran-van-mau.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("Mùa hè năm 2022, thầy Mẫu mở", "Mùa hè năm 2022, thầy Mẫu khai giảng"), encoding="utf-8")
    build(project, tmp_path / "site")
    edited = page(tmp_path / "site", "tran-van-mau")
    assert "thầy Mẫu khai giảng" in edited and MARK not in edited
    assert MARK in page(tmp_path / "site", "benh-vien-ba-ria")


@pytest.mark.parametrize("change", ["overrides/main.html", "hooks/mkdocs_hooks.py", "mkdocs.yml", "docs/boi-canh.md"])
def test_a_change_outside_the_records_renders_every_page_again(project, tmp_path, change):
    tamper(project)
    with open(project / change, "a", encoding="utf-8") as f:
        f.write("\n" if change.endswith((".yml", ".md")) else "\n# changed\n" if change.endswith(".py") else "\n{# changed #}\n")
    build(project, tmp_path / "site")
    for honoree in ("tran-van-mau", "benh-vien-ba-ria"):
        assert MARK not in page(tmp_path / "site", honoree)


def test_a_site_url_from_the_environment_is_part_of_the_key(project, tmp_path):
    tamper(project)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(cmd, capture_output=True, text=True, env={**BUILD_ENV, "SITE_URL": "https://khac.example/"}, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = page(tmp_path / "site", "tran-van-mau")
    assert MARK not in html and "https://khac.example/guong-dien-hinh/tran-van-mau/" in html


def test_links_of_a_reused_page_are_still_checked(project, tmp_path):
    # A stored page claims a link to an anchor the guidance page does not have: the
    # strict build must fail on it, as it would if the page had been rendered.
    for path in entries(project):
        entry = PageEntry.from_bytes(path.read_bytes())
        if "huong-dan.md" in entry.anchor_links:
            links = {**entry.anchor_links, "huong-dan.md": {"muc-khong-co": "../../huong-dan.md#muc-khong-co"}}
            path.write_bytes(PageEntry(entry.html, entry.anchors, links).to_bytes())
            break
    else:
        pytest.fail("no stored page links to the guidance")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "muc-khong-co" in result.stdout + result.stderr


def test_a_damaged_entry_is_rendered_again(project, tmp_path):
    for path in entries(project):
        path.write_bytes(b"not an entry")
    build(project, tmp_path / "site")
    assert tree(tmp_path / "site") == tree(tmp_path / "first")


def age(project: Path, hours: float = 2) -> None:
    """Make the stored pages look that old: unused entries are pruned only after a while."""
    then = time.time() - hours * 3600
    for path in entries(project):
        os.utime(path, (then, then))


def test_entries_no_build_asked_for_are_pruned(project, tmp_path):
    age(project)
    before = entries(project)
    (project / "data" / "honorees" / "benh-vien-ba-ria.yml").unlink()
    build(project, tmp_path / "site")
    after = entries(project)
    assert len(after) < len(before)
    assert not any("Bệnh viện Bà Rịa" in PageEntry.from_bytes(p.read_bytes()).html for p in after)


def test_a_withdrawn_record_leaves_no_stored_page(project, tmp_path):
    # Unpublishing must not leave the page's text anywhere the build keeps.
    record = project / "data" / "honorees" / "benh-vien-ba-ria.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("status: recognised", "status: draft"), encoding="utf-8")
    age(project)
    build(project, tmp_path / "site")
    assert not (tmp_path / "site" / "guong-dien-hinh" / "benh-vien-ba-ria").exists()
    for path in entries(project):
        assert "benh-vien-ba-ria" not in PageEntry.from_bytes(path.read_bytes()).html


def test_store_keys_depend_on_every_input(tmp_path):
    a = PageStore(tmp_path, "site")
    assert a.key("x.md", "# A") == a.key("x.md", "# A")
    assert len({a.key("x.md", "# A"), a.key("y.md", "# A"), a.key("x.md", "# B"), PageStore(tmp_path, "other").key("x.md", "# A")}) == 4


def test_store_round_trip_and_prune(tmp_path):
    store = PageStore(tmp_path / "pages", "site")
    key = store.key("x.md", "# A")
    entry = PageEntry("<p>Xin chào</p>", frozenset({"a"}), {"huong-dan.md": {"muc-3-1": "../huong-dan.md#muc-3-1"}})
    store.put(key, entry)
    assert store.head(key) == PageHead(entry.anchors, entry.anchor_links)
    assert store.html(key) == entry.html
    assert store.head(store.key("x.md", "# B")) is None
    later = PageStore(tmp_path / "pages", "site")  # a later build that no longer has x.md
    later.key("z.md", "# Z")
    assert later.prune() == 0  # another build may still be using it
    assert later.prune(older_than=0) == 1
    assert not any((tmp_path / "pages").iterdir())


def test_the_store_stays_out_of_the_site(project, tmp_path):
    site = tmp_path / "first"
    assert not any(p.suffix == ".page" for p in site.rglob("*"))
    assert (project / ".cache" / "pages" / "site").is_dir()
    shutil.rmtree(project / ".cache")
    build(project, tmp_path / "cold")
    assert tree(tmp_path / "cold") == tree(site)


def test_share_cards_are_linked_from_the_cache_readable_by_all(project, tmp_path):
    card = tmp_path / "first" / "chia-se" / "tran-van-mau.png"
    cached = [p for p in (project / ".cache" / "share-cards").glob("*.png") if p.stat().st_ino == card.stat().st_ino]
    assert cached, "the site's card is not a link to the cache entry"
    assert card.stat().st_mode & 0o444 == 0o444  # a web server running as another user can read it


def test_a_cache_entry_only_its_owner_can_read_is_copied_not_linked(project, tmp_path):
    for entry in (project / ".cache" / "share-cards").glob("*.png"):
        entry.chmod(0o600)  # as builds before this change left them
    build(project, tmp_path / "site")
    card = tmp_path / "site" / "chia-se" / "tran-van-mau.png"
    assert card.stat().st_nlink == 1 and card.stat().st_mode & 0o444 == 0o444
    assert card.read_bytes() == (tmp_path / "first" / "chia-se" / "tran-van-mau.png").read_bytes()


def test_a_removed_file_a_reused_page_links_to_fails_the_build(project, tmp_path):
    # The open-data page links to the hand-written JSON Schema: without it, a strict
    # build must fail even though the page itself did not change.
    (project / "docs" / "du-lieu-mo" / "honoree.schema.json").unlink()
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "honoree.schema.json" in result.stdout + result.stderr


def test_entries_in_use_by_another_build_are_not_pruned(project, tmp_path):
    # Two builds may share .cache/ (a preview and a build, two previews): a build
    # prunes only what no build has used for a while, never what another one is reading.
    before = set(entries(project))
    (project / "data" / "honorees" / "benh-vien-ba-ria.yml").unlink()
    build(project, tmp_path / "site")
    assert before <= set(entries(project))


def test_nav_entries_are_matched_as_mkdocs_matches_them():
    import importlib.util

    spec = importlib.util.spec_from_file_location("hooks_under_test", ROOT / "hooks" / "mkdocs_hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    nav = [{"Trang chủ": "./index.md"}, {"Nhóm": [{"Tập thể": "/loai/tap-the.md"}, "loai/ca-nhan.md"]}, {"Ngoài": "https://x.example/"}]
    assert hooks._nav_titles(nav) == {
        "index.md": "Trang chủ",
        "loai/tap-the.md": "Tập thể",
        "loai/ca-nhan.md": None,
        "https://x.example/": "Ngoài",
    }
