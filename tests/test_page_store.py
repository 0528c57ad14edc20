"""Finished pages kept between builds: honour_roll/site/page_store.py and ReusablePage in the hook.

A reused page must be exactly what rendering would give, must stop being reused
as soon as anything that shaped it changes, and must still have its links
checked. To tell reuse from rendering, some tests rewrite a stored page and look
for the rewritten text in the next build's output; as every build renders a few
reused pages in full to catch a stale store (which a rewritten page is), those
tests turn that check off unless it is what they test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from honour_roll.site.page_store import PageEntry, PageHead, PageStore
from honour_roll.site.site_config import nav_pages, nav_titles

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


UNCHECKED = {"HONOUR_ROLL_CHECKED_PAGES": "0"}


def build(project: Path, site: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = run_build(project, site, env={**UNCHECKED, **(env or {})})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


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
    result = subprocess.run(cmd, capture_output=True, text=True, env={**BUILD_ENV, **UNCHECKED, "SITE_URL": "https://khac.example/"}, cwd=project)
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
    result = run_build(project, tmp_path / "site", env=UNCHECKED)
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
    card = tmp_path / "first" / "chia-se" / "tran-van-mau.jpg"
    cached = [p for p in (project / ".cache" / "share-cards").glob("*.jpg") if p.stat().st_ino == card.stat().st_ino]
    assert cached, "the site's card is not a link to the cache entry"
    assert card.stat().st_mode & 0o444 == 0o444  # a web server running as another user can read it


def test_a_cache_entry_only_its_owner_can_read_is_copied_not_linked(project, tmp_path):
    for entry in (project / ".cache" / "share-cards").glob("*.jpg"):
        entry.chmod(0o600)  # as builds before this change left them
    build(project, tmp_path / "site")
    card = tmp_path / "site" / "chia-se" / "tran-van-mau.jpg"
    assert card.stat().st_nlink == 1 and card.stat().st_mode & 0o444 == 0o444
    assert card.read_bytes() == (tmp_path / "first" / "chia-se" / "tran-van-mau.jpg").read_bytes()


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
    nav = [{"Trang chủ": "./index.md"}, {"Nhóm": [{"Tập thể": "/loai/tap-the.md"}, "loai/ca-nhan.md"]}, {"Ngoài": "https://x.example/"}]
    assert nav_titles(nav) == {
        "index.md": "Trang chủ",
        "loai/tap-the.md": "Tập thể",
        "loai/ca-nhan.md": None,
        "https://x.example/": "Ngoài",
    }
    assert nav_pages(nav) == ["index.md", "loai/tap-the.md", "loai/ca-nhan.md"]


# --- a key that cannot go stale, and the check behind it -------------------------------------

NOTICE = "Dữ liệu minh họa:"
STALE = "bộ nhớ đệm trang đã cũ"


def test_a_value_from_the_environment_anywhere_in_the_config_is_part_of_the_key(project, tmp_path):
    # The reproduction: `illustrative_data: !ENV [...]`, changed between two builds,
    # used to leave the sample-data notice on every reused page.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "    illustrative_data: true\n" in text
    config.write_text(text.replace("    illustrative_data: true\n", "    illustrative_data: !ENV [HR_ILLUSTRATIVE, true]\n"), encoding="utf-8")
    build(project, tmp_path / "with", env={"HR_ILLUSTRATIVE": "true"})
    assert NOTICE in page(tmp_path / "with", "tran-van-mau")
    build(project, tmp_path / "without", env={"HR_ILLUSTRATIVE": "false"})
    for honoree in ("tran-van-mau", "benh-vien-ba-ria"):
        assert NOTICE not in page(tmp_path / "without", honoree)
    assert NOTICE not in (tmp_path / "without" / "index.html").read_text(encoding="utf-8")


FAKE_EXTENSION = """
from markdown import Extension
from markdown.postprocessors import Postprocessor

VERSION = "{version}"


class Mark(Postprocessor):
    def run(self, text):
        return text + f'<p class="hr-fake">hr-fake-ext {{VERSION}}</p>'


class FakeExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(Mark(md), "hr_fake_mark", 0)


def makeExtension(**kwargs):
    return FakeExtension(**kwargs)
"""


def install_fake_extension(folder: Path, version: str) -> None:
    """A real installed distribution, as pip would leave it (module and .dist-info), on PYTHONPATH."""
    for old in folder.glob("hr_fake_ext-*.dist-info"):
        shutil.rmtree(old)
    info = folder / f"hr_fake_ext-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: hr-fake-ext\nVersion: {version}\n", encoding="utf-8")
    (folder / "hr_fake_ext.py").write_text(FAKE_EXTENSION.format(version=version), encoding="utf-8")


def test_an_upgraded_markdown_extension_renders_every_page_again(project, tmp_path):
    extensions = tmp_path / "site-packages"
    install_fake_extension(extensions, "1.0")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("markdown_extensions:\n", "markdown_extensions:\n  - hr_fake_ext\n"), encoding="utf-8")
    env = {"PYTHONPATH": str(extensions)}
    build(project, tmp_path / "old", env=env)
    assert "hr-fake-ext 1.0" in page(tmp_path / "old", "tran-van-mau")
    install_fake_extension(extensions, "2.0")
    build(project, tmp_path / "new", env=env)
    for honoree in ("tran-van-mau", "benh-vien-ba-ria"):
        html = page(tmp_path / "new", honoree)
        assert "hr-fake-ext 2.0" in html and "hr-fake-ext 1.0" not in html


def test_every_reused_page_is_what_rendering_gives(project, tmp_path):
    # Checking every reused page against a fresh render finds nothing stale.
    result = build(project, tmp_path / "second", env={"HONOUR_ROLL_CHECKED_PAGES": "100000"})
    assert STALE not in result.stdout + result.stderr
    assert tree(tmp_path / "second") == tree(tmp_path / "first")


def test_a_stale_store_is_found_dropped_and_said_in_the_log(project, tmp_path):
    # A store whose key missed an input: every entry differs from what rendering gives.
    # The default check (a few pages chosen at random) must find it, drop the store and
    # render every page: the site is what a cold build makes.
    for path in entries(project):
        entry = PageEntry.from_bytes(path.read_bytes())
        path.write_bytes(PageEntry(entry.html.replace("</body>", f"<p>{MARK}</p></body>"), entry.anchors, entry.anchor_links).to_bytes())
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert STALE in result.stdout + result.stderr
    assert tree(tmp_path / "site") == tree(tmp_path / "first")
    assert not any(MARK in PageEntry.from_bytes(p.read_bytes()).html for p in entries(project))


def test_a_page_a_worker_finished_is_stored_as_its_compressed_copy(tmp_path):
    """A worker that finishes a page compresses it once: the web server's .gz copy, and the
    page store's entry (a gzip member either way) holds those very bytes; the page reads back
    as the HTML written."""
    import gzip

    from honour_roll.site.page_store import unpack_html

    project = make_project(tmp_path / "project", [VALID, OTHER], photos=FIXTURES / "valid" / "photos")
    site = tmp_path / "site"
    build(project, site, env={"HONOUR_ROLL_WORKERS": "2", "HONOUR_ROLL_POOL_MIN_PAGES": "1"})
    copies = {p.read_bytes() for p in site.rglob("*.html.gz")}
    bodies = [path.read_bytes().partition(b"\n")[2] for path in entries(project)]
    shared = [body for body in bodies if body in copies]
    assert len(bodies) > 10 and len(shared) > len(bodies) // 2  # not every page is finished in a worker
    for body in bodies:
        html = unpack_html(body)
        assert gzip.decompress(body).decode("utf-8") == html
    written = {p.read_text(encoding="utf-8") for p in site.rglob("index.html")}
    assert all(unpack_html(body) in written for body in shared)
