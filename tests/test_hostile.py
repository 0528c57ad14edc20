"""Hostile content stays inert: a record built to inject markup and script is
either shown as text or refused with a clear message, and nothing executes."""

from __future__ import annotations


import pytest
from playwright.sync_api import sync_playwright

from conftest import CHROMIUM, CHROMIUM_ARGS, FIXTURES, StaticServer, make_project, run_build
from htmltext import normalised, visible_text

HOSTILE = FIXTURES / "hostile"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("hostile"), list((HOSTILE / "honorees").glob("*.yml")), HOSTILE / "photos")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


PAGES = ["guong-dien-hinh/ho-so-doc-hai/", "", "huong-dan/", "tru-cot/xa-hoi-so/", "loai/ca-nhan/"]


def test_hostile_text_is_shown_as_text(hostile_site):
    text = normalised(visible_text((hostile_site / "guong-dien-hinh/ho-so-doc-hai/index.html").read_text(encoding="utf-8")))
    for literal in (
        "{{ 7*7 }}",
        '<img src=x onerror=alert("unit")>',
        "<script>alert('summary')</script>",
        '</td></tr></table><script>alert("initiative")</script>',
        "[bấm vào đây](javascript:alert(1))",
        "&lt;script&gt;",
        "{: onclick=\"alert(1)\" } bước một",
    ):
        assert literal in text, literal


def test_nothing_executes_or_gets_injected_in_the_browser(hostile_site):
    with StaticServer(hostile_site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in PAGES:
            page = browser.new_page()
            dialogs, requests = [], []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(f"{server.url}/{path}", wait_until="networkidle")
            page.mouse.move(200, 300)
            injected = page.evaluate(
                """() => {
                  const bad = [];
                  for (const el of document.querySelectorAll('*')) {
                    for (const a of el.attributes) {
                      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
                      if (/^\\s*(javascript|data):/i.test(a.value) && ['href', 'src', 'action'].includes(a.name)) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
                    }
                  }
                  for (const sel of ['iframe', 'base', 'img[src="x"]', 'svg[onload]', 'b[onmouseover]', 'main style'])
                    if (document.querySelector(sel)) bad.push(sel);
                  return bad;
                }"""
            )
            assert dialogs == [], (path, dialogs)
            assert injected == [], (path, injected)
            assert all(r.startswith(server.url) for r in requests), (path, [r for r in requests if not r.startswith(server.url)])
            assert page.is_visible("article"), path
            page.close()
        browser.close()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("story", "Xem <script>alert(1)</script> nhé", "story: có thẻ HTML '<script'"),
        ("story", "[bấm](javascript:alert(1))", "story: liên kết 'javascript:alert(1' không được phép"),
        ("story", "Ảnh ![x](https://tracker.example/p.png)", "story: không chèn ảnh vào câu chuyện"),
        ("summary", "a" * 100_000, "summary: quá dài (100000 ký tự; tối đa 1200 ký tự)"),
        ("name", "Tên \u202egnal", "name: có ký tự ẩn U+202E"),
        ("name", "Tên <b>đậm</b>", "name: không dùng ký tự '<', '>' hoặc mã HTML"),
    ],
)
def test_hostile_content_that_cannot_be_shown_fails_with_a_clear_message(tmp_path, field, value, message):
    import yaml

    record = yaml.safe_load((HOSTILE / "honorees" / "ho-so-doc-hai.yml").read_text(encoding="utf-8"))
    record[field] = value
    record["recognition"]["date"] = "2024-05-06"
    project = make_project(tmp_path, [], HOSTILE / "photos")
    (project / "data" / "honorees" / "ho-so-doc-hai.yml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    result = run_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "data/honorees/ho-so-doc-hai.yml:" in output and message in output
    assert not (project / "site" / "index.html").exists()
