"""The movement file: the real one describes today's site, a different one loads,
and every invalid case gets its own exact message at its line."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from honour_roll import criteria, vocabulary
from honour_roll.movement import MovementInvalid, load_movement

from conftest import FIXTURES, ROOT

INVALID = sorted((FIXTURES / "movement-invalid").glob("*.yml"))
HOA_LAC = FIXTURES / "movement-hoa-lac.yml"


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_movement_gives_its_exact_message(case: Path):
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    with pytest.raises(MovementInvalid) as caught:
        load_movement(case, str(case.relative_to(ROOT)))
    assert [str(p) for p in caught.value.problems] == expected
    assert caught.value.report().endswith("trang web chưa được tạo.")


def test_the_cases_the_issue_names_each_have_a_fixture():
    names = {p.stem for p in INVALID}
    assert {"unknown-kind", "criterion-of-no-kind", "rule-unknown-level", "overlapping-locality-years"} <= names
    for case in INVALID:
        assert case.with_suffix(".expected").is_file(), case


def test_a_missing_movement_file_is_one_clear_problem(tmp_path):
    with pytest.raises(MovementInvalid) as caught:
        load_movement(tmp_path / "movement.yml", "data/movement.yml")
    assert [str(p) for p in caught.value.problems] == [
        "data/movement.yml: không tìm thấy tệp phong trào; hãy tạo tệp này (xem `honour-roll init`)"
    ]


def test_the_real_movement_file_describes_todays_site():
    """While the code still holds this movement's lists, they and the file must agree."""
    m = load_movement(ROOT / "data" / "movement.yml")
    assert (m.period.first_year, m.period.last_year) == (vocabulary.FIRST_YEAR, vocabulary.LAST_YEAR)
    assert [(k.id, k.label, k.slug, k.section) for k in m.kinds] == [
        (k.id, k.label, k.slug, k.section) for k in vocabulary.Kind
    ]
    assert [k.id for k in m.kinds if k.person] == ["individual"]
    assert [(c.id, c.label, c.slug) for c in m.categories] == [(p.id, p.label, p.slug) for p in vocabulary.Pillar]
    assert [(lv.id, lv.label) for lv in m.levels] == [(lv.id, lv.label) for lv in vocabulary.Level]
    assert [(a.id, a.label) for a in m.awards] == [(a.id, a.label) for a in vocabulary.Award]
    assert [(c.id, c.kind, c.title) for c in m.criteria] == [(c.id, c.kind.id, c.title) for c in criteria.CRITERIA]
    assert [(loc.id, loc.label, loc.first_year, loc.last_year, loc.note) for loc in m.localities] == [
        (loc.id, loc.label, loc.first_year, loc.last_year, loc.note) for loc in vocabulary.LOCALITIES
    ]
    assert m.initiative_rule is not None and m.initiative_rule.criterion == criteria.INITIATIVE_RULE.id


@pytest.mark.parametrize(
    "levels",
    [[], ["grassroots"], ["grassroots", "grassroots"], ["provincial"], ["national"], ["grassroots", "national"], ["grassroots"] * 5],
)
def test_the_rule_as_data_agrees_with_rule_3_3(levels):
    m = load_movement(ROOT / "data" / "movement.yml")
    as_code = criteria.initiative_rule(type("I", (), {"level": vocabulary.Level(lv)})() for lv in levels)
    assert m.initiative_rule.evaluate(levels).met is as_code.met


def test_a_different_movement_loads_with_its_own_rule():
    m = load_movement(HOA_LAC)
    assert m.period.years == (2026, 2027, 2028, 2029, 2030)
    assert [k.id for k in m.kinds] == ["collective", "individual"]
    rule = m.initiative_rule
    assert not rule.evaluate(["commune", "district"]).met
    assert rule.evaluate(["commune", "commune", "district"]).met
    merged = m.locality("xa-an-binh")
    assert merged.became == "xa-binh-an" and merged.existed_in(2027) and not merged.existed_in(2028)


def _scalar_paths(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _scalar_paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _scalar_paths(v, (*path, i))
    else:
        yield path


@pytest.mark.parametrize("odd", ["²⁰²⁷", "２０２７", "\u00a0", "\u200b", None, True, [], {}, 3.5, "<b>x</b>", -1])
def test_any_value_in_any_field_gives_a_message_not_a_traceback(tmp_path, odd):
    data = yaml.safe_load(HOA_LAC.read_text(encoding="utf-8"))
    for path in _scalar_paths(data):
        broken = copy.deepcopy(data)
        target = broken
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = odd
        file = tmp_path / "movement.yml"
        file.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
        try:
            load_movement(file)
        except MovementInvalid as e:
            assert e.problems and all(p.message for p in e.problems)
