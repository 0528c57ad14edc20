"""Generated page content: golden output of a fixture record, escaping, rules."""

from __future__ import annotations

import os

from honour_roll.record.guidance import load_guidance
from honour_roll.record.loader import load_roll
from honour_roll.site.markup import md
from honour_roll.site.pages import PageMaker
from honour_roll.record.story import safe_story

from conftest import FIXTURES, GUIDANCE_FILE, MOVEMENT, ROOT

GOLDEN = ROOT / "tests" / "golden" / "tran-van-mau.md"


def fixture_pages():
    roll = load_roll(FIXTURES / "valid", ROOT)
    guidance = load_guidance(GUIDANCE_FILE, MOVEMENT)
    maker = PageMaker(roll, guidance, FIXTURES / "valid", "https://guong-dien-hinh.example/")
    return {p.src_uri: p for p in maker.pages()}


def test_honoree_page_matches_golden_output():
    page = fixture_pages()["guong-dien-hinh/tran-van-mau.md"]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(page.content, encoding="utf-8")
    assert page.content == GOLDEN.read_text(encoding="utf-8")
    assert not page.in_nav


def test_private_fields_never_reach_any_page():
    for page in fixture_pages().values():
        assert "BÍ-MẬT-NỘI-BỘ" not in page.content


def test_every_generated_page_exists():
    assert set(fixture_pages()) == {
        "index.md", "huong-dan.md", "tru-cot/chinh-quyen-so.md", "tru-cot/kinh-te-so.md", "tru-cot/xa-hoi-so.md",
        "loai/tap-the.md", "loai/doanh-nghiep.md", "loai/ca-nhan.md", "guong-dien-hinh/tran-van-mau.md",
        "guong-dien-hinh/index.md",
    }


def test_md_escapes_markup_and_markdown():
    assert md('<script>alert("x")</script>') == "&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;"
    assert md("[x](javascript:alert(1))") == "&#91;x&#93;(javascript&#58;alert(1))"
    assert md("- 1. *a* _b_ `c` {: .x}") == "&#45; 1. &#42;a&#42; &#95;b&#95; &#96;c&#96; &#123;&#58; .x&#125;"
    assert md("1. đầu dòng") == "&#49;&#46; đầu dòng"  # would start a numbered list
    assert md("1.200 học sinh") == "1.200 học sinh"  # a number is not a list marker


def test_story_cannot_carry_html_or_attribute_lists():
    out = safe_story("<img src=x onerror=alert(1)> {: onclick=\"x\" }\n# Tiêu đề\n> trích dẫn")
    assert "<" not in out and "{" not in out
    assert "### Tiêu đề" in out and "> trích dẫn" in out


def test_initiative_rule_of_guidance_3_3():
    def rule(*levels):
        return MOVEMENT.initiative_rule.evaluate(levels).met

    assert rule("provincial") and rule("national") and rule("grassroots", "grassroots")
    assert not rule() and not rule("grassroots")
    assert "Chưa đạt" in MOVEMENT.initiative_rule.evaluate([]).reason


def test_related_honorees_match_their_definition(tmp_path):
    """The grouped computation gives exactly what scoring every pair gives."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_honorees

    (tmp_path / "honorees").mkdir()
    write_honorees(tmp_path / "honorees", 300, seed=11)
    roll = load_roll(tmp_path, tmp_path, movement=MOVEMENT)
    maker = PageMaker(roll, load_guidance(GUIDANCE_FILE, MOVEMENT), tmp_path)

    def by_definition(h):
        def score(o):
            return 2 * len(set(h.pillars) & set(o.pillars)) + (o.locality == h.locality) + (o.kind == h.kind)

        return sorted((o for o in maker.published if o.id != h.id), key=lambda o: (-score(o), o.sort_key))[:3]

    for h in roll.published:
        assert maker.related(h) == by_definition(h), h.id
