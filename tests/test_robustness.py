"""Whatever bytes an editor saves, the loader answers with problems, never a traceback."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from honour_roll.problems import Problem
from honour_roll.validation import validate_source
from honour_roll.yaml_source import read_source

from conftest import FIXTURES

VALID = (FIXTURES / "valid" / "honorees" / "tran-van-mau.yml").read_text(encoding="utf-8")


def check(raw: bytes, data_dir: Path = FIXTURES / "valid") -> list[Problem]:
    source, problems = read_source("data/honorees/x.yml", raw)
    if source is not None and not problems:
        _, problems = validate_source(source, "x", data_dir)
    for p in problems:
        assert isinstance(p, Problem) and p.message and p.line >= 0
    return problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes(raw):
    check(raw)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_valid_record_damaged_line_by_line(data):
    lines = VALID.splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    mutation = data.draw(st.sampled_from(["drop", "dup", "indent", "dedent", "colon", "quote", "tab", "value"]))
    line = lines[i]
    if mutation == "drop":
        del lines[i]
    elif mutation == "dup":
        lines.insert(i, line)
    elif mutation == "indent":
        lines[i] = "  " + line
    elif mutation == "dedent":
        lines[i] = line.lstrip()
    elif mutation == "colon":
        lines[i] = line.replace(":", "", 1)
    elif mutation == "quote":
        lines[i] = line + ' "'
    elif mutation == "tab":
        lines[i] = "\t" + line
    else:
        key = line.split(":", 1)[0]
        lines[i] = key + ": " + data.draw(st.sampled_from(["[]", "{}", "~", "12", "-1", "true", "[[1]]", "{a: b}", "'2024-02-30'", "x" * 300]))
    check("\n".join(lines).encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20), lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=10), c, max_size=4), max_leaves=30))
def test_any_yaml_value_in_any_field(value):
    record = yaml.safe_load(VALID)
    for field in ("pillars", "recognition", "initiatives", "replication", "photos", "criteria", "year", "name"):
        broken = dict(record, **{field: value})
        check(yaml.safe_dump(broken, allow_unicode=True).encode("utf-8"))


def test_alias_bomb_is_refused_cleanly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefg", "bcdefgh")
    )
    problems = check(bomb.encode())
    assert problems and "quá lớn" in problems[0].message


def test_deep_nesting_is_refused_cleanly():
    problems = check(("name: " + "[" * 200 + "]" * 200).encode())
    assert problems and "lồng nhau quá sâu" in problems[0].message
