"""The editing loop: `mkdocs serve` shows a record edit, shows the problems of
an invalid edit in the browser without dying, and recovers on the next good
edit. A real server on 127.0.0.1, bounded waits, always terminated."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import BUILD_ENV, FIXTURES, ROOT, make_project
from htmltext import normalised, visible_text

VALID = FIXTURES / "valid" / "honorees" / "tran-van-mau.yml"
WAIT = 90  # seconds; a rebuild of the tiny project takes a few


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(server: subprocess.Popen, url: str, wanted: str, gone: str | None = None) -> str:
    """The page once it contains ``wanted`` (and no longer ``gone``); fails if
    the server dies or the time runs out."""
    deadline = time.monotonic() + WAIT
    text = None
    while time.monotonic() < deadline:
        assert server.poll() is None, "the preview server stopped"
        html = fetch(url)
        if html is not None:
            text = normalised(visible_text(html))
            if wanted in text and (gone is None or gone not in text):
                return text
        time.sleep(0.3)
    pytest.fail(f"{url} did not show {wanted!r} within {WAIT} s; last text: {(text or '')[:500]}")


@pytest.fixture
def serving(tmp_path):
    project = make_project(tmp_path / "project", [VALID], photos=FIXTURES / "valid" / "photos")
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=BUILD_ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield project, f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.seek(0)
        print(log.read()[-3000:])  # shown only when the test fails
        log.close()


def test_serve_shows_problems_in_the_browser_and_recovers(serving):
    project, url, server = serving
    record = project / "data" / "honorees" / "tran-van-mau.yml"
    page = f"{url}/guong-dien-hinh/tran-van-mau/"
    wait_for(server, page, "Giáo viên Tin học")

    # An invalid edit: the browser shows every problem, at the home page and at the record's page.
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace("date: 2023-11-20", "date: 2023-02-30"), encoding="utf-8")
    problem = "data/honorees/tran-van-mau.yml:12: recognition.date: ngày '2023-02-30' không tồn tại trên lịch"
    for address in (url + "/", page, f"{url}/tru-cot/xa-hoi-so/"):
        text = wait_for(server, address, problem)
        assert "Hồ sơ chưa hợp lệ" in text and "Có 1 lỗi trong 1 tệp hồ sơ" in text

    # The next good edit recovers, with the new content.
    record.write_text(good.replace("Giáo viên Tin học", "Tổ trưởng chuyên môn Tin học"), encoding="utf-8")
    text = wait_for(server, page, "Tổ trưởng chuyên môn Tin học", gone="Hồ sơ chưa hợp lệ")
    assert "Trần Văn Mẫu" in text
    assert "Hồ sơ chưa hợp lệ" not in wait_for(server, url + "/", "Trần Văn Mẫu")
    assert server.poll() is None


def test_a_new_invalid_record_shows_its_problems_at_its_own_page(serving):
    project, url, server = serving
    record = project / "data" / "honorees" / "tran-van-mau.yml"
    wait_for(server, url + "/", "Trần Văn Mẫu")
    # A new record with a wrong file name and a personal phone number: its own page shows both problems.
    bad = record.read_text(encoding="utf-8").replace("name: Trần Văn Mẫu", "name: Trần Văn Mới").replace(
        "Mùa hè năm 2022,", "Liên hệ 0912 345 678. Mùa hè năm 2022,"
    )
    (project / "data" / "honorees" / "Tran_Van_Moi.yml").write_text(bad, encoding="utf-8")
    text = wait_for(server, f"{url}/guong-dien-hinh/Tran_Van_Moi/", "data/honorees/Tran_Van_Moi.yml:2: tên tệp 'Tran_Van_Moi'")
    assert "có số điện thoại di động '091* *** *78'" in text
    (project / "data" / "honorees" / "Tran_Van_Moi.yml").unlink()
    wait_for(server, url + "/", "Trần Văn Mẫu", gone="Hồ sơ chưa hợp lệ")
    assert server.poll() is None


def test_a_recognised_individual_below_rule_3_3_is_shown_not_left_stale(serving):
    project, url, server = serving
    record = project / "data" / "honorees" / "tran-van-mau.yml"
    page = f"{url}/guong-dien-hinh/tran-van-mau/"
    wait_for(server, page, "Giáo viên Tin học")
    text = record.read_text(encoding="utf-8")
    start, end = text.index("initiatives:"), text.index("criteria:")
    record.write_text(text[:start] + text[end:], encoding="utf-8")
    shown = wait_for(server, page, "Hồ sơ chưa đủ điều kiện đăng")
    assert "data/honorees/tran-van-mau.yml:3: initiatives: cá nhân đã được công nhận nhưng chưa đạt tiêu chí 3.3.a" in shown
    record.write_text(text, encoding="utf-8")
    wait_for(server, page, "Giáo viên Tin học", gone="Hồ sơ chưa đủ điều kiện đăng")
    assert server.poll() is None


def test_serve_started_on_an_invalid_record_stays_up(tmp_path):
    project = make_project(tmp_path / "project", [FIXTURES / "invalid" / "impossible-date.yml"], photos=FIXTURES / "photos")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=BUILD_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        text = wait_for(server, f"http://127.0.0.1:{port}/guong-dien-hinh/impossible-date/", "Hồ sơ chưa hợp lệ")
        assert "data/honorees/impossible-date.yml:12: recognition.date: ngày '2023-02-30' không tồn tại trên lịch" in text
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def test_an_open_preview_page_reloads_itself_after_an_edit(serving, browser):
    # The editor's loop as they live it: the page open in the browser shows the edit by
    # itself. The built site's CSP would block mkdocs serve's live-reload script, so the
    # preview goes without it; the built site keeps it (test_quality_browser.py).
    project, url, server = serving
    address = f"{url}/guong-dien-hinh/tran-van-mau/"
    wait_for(server, address, "Giáo viên Tin học")
    context = browser.new_context()
    try:
        page = context.new_page()
        blocked: list[str] = []
        page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        # Edit only once the live-reload script has asked the server for changes.
        with page.expect_request(lambda r: "/livereload/" in r.url, timeout=WAIT * 1000):
            page.goto(address, wait_until="load")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 0
        record = project / "data" / "honorees" / "tran-van-mau.yml"
        record.write_text(record.read_text(encoding="utf-8").replace("Giáo viên Tin học", "Tổ trưởng chuyên môn Tin học"), encoding="utf-8")
        page.wait_for_function("t => document.body && document.body.innerText.includes(t)", arg="Tổ trưởng chuyên môn Tin học", timeout=WAIT * 1000)
        assert blocked == []
    finally:
        context.close()


def _serve(project, port: int, tmp: Path, log, *options: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    tmp.mkdir()
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}", *options],
        cwd=project, env={**BUILD_ENV, "TMPDIR": str(tmp), **(env or {})}, stdout=log, stderr=subprocess.STDOUT,
    )


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def _site_tree(tmp: Path) -> dict[str, bytes]:
    (site,) = tmp.glob("mkdocs_*")  # the folder mkdocs serve builds into
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_preview_folder_kept_between_rebuilds_holds_what_a_fresh_preview_writes(tmp_path):
    # The preview keeps its site folder and writes only changed files (preview_output.py): after
    # an edit and a removed record, it must hold exactly what a preview started afresh writes.
    project = make_project(tmp_path / "project", [VALID], photos=FIXTURES / "valid" / "photos")
    other = project / "data" / "honorees" / "tran-van-hai.yml"
    other.write_text(VALID.read_text(encoding="utf-8").replace("name: Trần Văn Mẫu", "name: Trần Văn Hai"), encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(tmp_path / "serve.log", "w+") as log:
        server = _serve(project, port, tmp_path / "kept", log)
        try:
            wait_for(server, f"{url}/guong-dien-hinh/tran-van-hai/", "Trần Văn Hai")
            before = _site_tree(tmp_path / "kept")
            assert "chia-se/tran-van-hai.jpg" in before and "guong-dien-hinh/tran-van-hai/index.html" in before
            other.unlink()
            record = project / "data" / "honorees" / "tran-van-mau.yml"
            record.write_text(record.read_text(encoding="utf-8").replace("Giáo viên Tin học", "Tổ trưởng chuyên môn Tin học"), encoding="utf-8")
            wait_for(server, f"{url}/guong-dien-hinh/tran-van-mau/", "Tổ trưởng chuyên môn Tin học")
            deadline = time.monotonic() + WAIT
            while fetch(f"{url}/guong-dien-hinh/tran-van-hai/") is not None and time.monotonic() < deadline:
                time.sleep(0.3)
            # Two edits of the story alone: the other pages are reused from the store, and at the
            # second, the folder already holds them as the first wrote them.
            for story in ("Mùa hè năm ấy,", "Mùa hè năm 2022 ấy,"):
                record.write_text(record.read_text(encoding="utf-8").replace("Mùa hè năm 2022,", story).replace("Mùa hè năm ấy,", story), encoding="utf-8")
                wait_for(server, f"{url}/guong-dien-hinh/tran-van-mau/", story)
            time.sleep(1)  # the rebuild's last step (removing stale files) follows its pages
            kept = _site_tree(tmp_path / "kept")
        finally:
            _stop(server)
        fresh = _fresh_preview(project, port, tmp_path / "fresh", log, f"{url}/guong-dien-hinh/tran-van-mau/", "Mùa hè năm 2022 ấy,")
    assert "chia-se/tran-van-hai.jpg" not in kept and "guong-dien-hinh/tran-van-hai/index.html" not in kept
    assert sorted(kept) == sorted(fresh)
    assert [name for name in kept if kept[name] != fresh[name]] == []


def _fresh_preview(project, port: int, folder, log, page: str, text: str, env=None) -> dict:
    """The folder of a preview started afresh on the same port (the same addresses in the pages),
    once ``page`` shows ``text``; then the log, shown only when the test fails."""
    server = _serve(project, port, folder, log, env=env)
    try:
        wait_for(server, page, text)
        time.sleep(1)  # the build's last step (removing stale files) follows its pages
        return _site_tree(folder)
    finally:
        _stop(server)
        log.seek(0)
        print(log.read()[-3000:])


def test_the_preview_after_moving_a_record_to_another_pillar_and_editing_its_english_holds_what_a_fresh_preview_writes(tmp_path):
    # What the preview keeps between rebuilds (pages and related honorees from the memo, stored
    # pages' heads, front matter, each search document's words; the search index made in a child
    # while the pages are read): a record moved to another pillar leaves one pillar page for
    # another and changes other honorees' related honorees; an edit of its English block changes
    # its English page. The folder must then hold what a preview started afresh writes.
    project = make_project(tmp_path / "project", sorted((ROOT / "data" / "honorees").glob("*.yml")), ROOT / "data" / "photos")
    record = project / "data" / "honorees" / "benh-vien-ba-ria.yml"
    env = {"HONOUR_ROLL_WORKERS": "2", "HONOUR_ROLL_POOL_MIN_PAGES": "1"}  # every child forked, as with a large roll
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(tmp_path / "serve.log", "w+") as log:
        server = _serve(project, port, tmp_path / "kept", log, env=env)
        try:
            wait_for(server, f"{url}/en/honorees/benh-vien-ba-ria/", "Bà Rịa Hospital redesigned")
            time.sleep(1)  # the build's last step (removing stale files) follows its pages
            before = _site_tree(tmp_path / "kept")
            text = record.read_text(encoding="utf-8")
            assert "pillars: [digital-society]" in text
            record.write_text(text.replace("pillars: [digital-society]", "pillars: [digital-government]"), encoding="utf-8")
            wait_for(server, f"{url}/tru-cot/chinh-quyen-so/", "Bệnh viện Bà Rịa")
            record.write_text(
                record.read_text(encoding="utf-8").replace("Bà Rịa Hospital redesigned", "Bà Rịa General Hospital redesigned"), encoding="utf-8"
            )
            wait_for(server, f"{url}/en/honorees/benh-vien-ba-ria/", "Bà Rịa General Hospital redesigned")
            time.sleep(1)
            kept = _site_tree(tmp_path / "kept")
        finally:
            _stop(server)
        fresh = _fresh_preview(project, port, tmp_path / "fresh", log, f"{url}/en/honorees/benh-vien-ba-ria/", "Bà Rịa General Hospital redesigned", env)
    # The edits did reach the pages that list or resemble the record, not only its own.
    society, government = "tru-cot/xa-hoi-so/index.html", "tru-cot/chinh-quyen-so/index.html"
    assert "Bệnh viện Bà Rịa" in normalised(visible_text(before[society].decode())) and "Bệnh viện Bà Rịa" not in normalised(visible_text(kept[society].decode()))
    assert "Bệnh viện Bà Rịa" not in normalised(visible_text(before[government].decode()))
    others = [
        name for name in kept
        if name.startswith("guong-dien-hinh/") and name.endswith("/index.html") and "benh-vien-ba-ria" not in name and before.get(name) != kept[name]
    ]
    assert others, "no other honoree's page changed: its related honorees should have"
    assert sorted(kept) == sorted(fresh)
    assert [name for name in kept if kept[name] != fresh[name]] == []
