"""The movement file: the real one describes today's site, a different one loads,
and every invalid case gets its own exact message at its line."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from honour_roll.record.movement import MovementInvalid, load_movement

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


def test_the_real_movement_file_is_the_2022_guidance():
    m = load_movement(ROOT / "data" / "movement.yml")
    assert (m.period.first_year, m.period.last_year) == (2021, 2025)
    assert [(k.id, k.section, k.person, k.quota) for k in m.kinds] == [
        ("collective", "3.1", False, 10), ("enterprise", "3.2", False, None), ("individual", "3.3", True, 10)
    ]
    assert [c.id for c in m.criteria if c.computed] == ["3.3.a"]
    assert m.rule_criterion.kind == m.kind("individual")
    long_dien = m.locality("long-dien")
    assert (long_dien.last_year, long_dien.became, m.locality(long_dien.became).first_year) == (2024, "long-dat", 2025)


@pytest.mark.parametrize(
    "levels, met, reason",
    [
        ([], False, "Chưa đạt: chưa có sáng kiến nào được công nhận; cần ít nhất 01 sáng kiến cấp tỉnh/toàn quốc hoặc 02 sáng kiến cấp cơ sở."),
        (["grassroots"], False, "Chưa đạt: 1 sáng kiến cấp cơ sở; cần ít nhất 01 sáng kiến cấp tỉnh/toàn quốc hoặc 02 sáng kiến cấp cơ sở."),
        (["grassroots", "grassroots"], True, "Đạt: có 2 sáng kiến cấp cơ sở."),
        (["provincial"], True, "Đạt: có 1 sáng kiến cấp tỉnh hoặc toàn quốc."),
        (["national", "grassroots"], True, "Đạt: có 1 sáng kiến cấp tỉnh hoặc toàn quốc và 1 sáng kiến cấp cơ sở."),
    ],
)
def test_rule_3_3_as_data(levels, met, reason):
    """Guidance 3.3: one initiative at provincial or national level, or two at grassroots level."""
    result = load_movement(ROOT / "data" / "movement.yml").initiative_rule.evaluate(levels)
    assert (result.met, result.reason) == (met, reason)


def test_a_different_movement_loads_with_its_own_rule():
    m = load_movement(HOA_LAC)
    assert m.period.years == (2026, 2027, 2028, 2029, 2030)
    assert [k.id for k in m.kinds] == ["collective", "individual"]
    rule = m.initiative_rule
    assert not rule.evaluate(["commune", "district"]).met
    assert rule.evaluate(["commune", "commune", "district"]).met
    assert rule.evaluate(["commune"]).reason == "Chưa đạt: 1 sáng kiến cấp xã hoặc cấp huyện; cần ít nhất 03 sáng kiến cấp xã hoặc cấp huyện."
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
