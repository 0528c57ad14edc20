"""Every page type, in a real headless Chromium: accessible (axe-core), no
request to any other host, no horizontal scrolling on a phone, Vietnamese in
the self-hosted font, and no console error (the CSP included)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from honour_roll.record.loader import load_roll

from conftest import MOVEMENT, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def page_paths(site) -> list[str]:
    """One page of every type: each non-honoree page, one honoree of each kind, the 404 page."""
    paths = sorted(
        "/" + str(p.parent.relative_to(site)).replace(".", "").strip("/") + ("/" if p.parent != site else "")
        for p in site.rglob("index.html")
        if "guong-dien-hinh" not in p.parts
    )
    published = load_roll(ROOT / "data", ROOT).published
    for kind in MOVEMENT.kinds:
        first = next(h for h in published if h.kind == kind)
        paths.append(f"/guong-dien-hinh/{first.id}/")
    paths.append("/guong-dien-hinh/")  # the honorees' own folder is a list page
    paths.append("/404.html")
    return [p.replace("//", "/") for p in paths]


def test_page_list_covers_every_type(real_site):
    paths = page_paths(real_site)
    for expected in ("/", "/huong-dan/", "/tru-cot/kinh-te-so/", "/loai/ca-nhan/", "/boi-canh/", "/guong-dien-hinh/", "/404.html",
                     "/en/", "/en/guidance/", "/en/pillars/digital-economy/", "/en/kinds/individual/", "/en/honorees/dang-quoc-viet/", "/en/search/"):
        assert expected in paths
    assert sum(p.startswith("/guong-dien-hinh/") for p in paths) == 4


@pytest.fixture(scope="module")
def audits(real_site, served_site, browser):
    """Load every page once at phone width; collect what each check needs."""
    assert AXE.is_file(), "run: make test (installs axe-core with npm)"
    results = {}
    for path in page_paths(real_site):
        context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=False)
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(served_site.url + path, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        result = {
            "requests": list(requests),
            "errors": [e for e in errors if "404" not in e or path != "/404.html"],
            "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
            "client_width": page.evaluate("document.documentElement.clientWidth"),
            "font": page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily"),
            "fonts_loaded": page.evaluate(
                "[...document.fonts].filter(f => f.family.includes('Be Vietnam Pro') && f.status === 'loaded').length"
            ),
        }
        # axe is injected in a separate context that bypasses the CSP, so the
        # page under test keeps its real policy above.
        axe_context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
        axe_page = axe_context.new_page()
        axe_page.goto(served_site.url + path, wait_until="networkidle")
        axe_page.add_script_tag(path=str(AXE))
        result["axe"] = axe_page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
        )
        axe_context.close()
        context.close()
        results[path] = result
    return results


def test_axe_finds_no_violation_on_any_page(audits):
    violations = {path: r["axe"] for path, r in audits.items() if r["axe"]}
    assert violations == {}


def test_no_request_leaves_the_site(audits, served_site):
    own = urlsplit(served_site.url).netloc
    for path, r in audits.items():
        foreign = [u for u in r["requests"] if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != own]
        assert foreign == [], path
        assert len(r["requests"]) > 3  # the log really saw the page's assets


def test_no_horizontal_scrolling_on_a_phone(audits):
    for path, r in audits.items():
        assert r["scroll_width"] <= r["client_width"], (path, r["scroll_width"])


def test_vietnamese_text_renders_in_the_self_hosted_font(audits, served_site):
    for path, r in audits.items():
        assert r["font"].startswith('"Be Vietnam Pro"'), (path, r["font"])
        assert r["fonts_loaded"] >= 2, path  # latin + vietnamese subsets at least
        assert any("be-vietnam-pro-vietnamese-" in u and u.endswith(".woff2") for u in r["requests"]), path


def test_no_console_error_under_the_content_security_policy(audits):
    for path, r in audits.items():
        assert r["errors"] == [], (path, r["errors"])
