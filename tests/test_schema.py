"""The published JSON Schema and the validator describe the same record."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from honour_roll.criteria import CRITERIA
from honour_roll.loader import load_roll, record_files
from honour_roll.problems import RecordsInvalid
from honour_roll.schema import SCHEMA_PATH, schema_text
from honour_roll.vocabulary import LOCALITIES, Award, Kind, Level, Pillar, Status

from conftest import FIXTURES, ROOT


class _PlainLoader(yaml.SafeLoader):
    """YAML as a JSON Schema tool sees it: dates stay strings."""


_PlainLoader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_json(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_PlainLoader)


def test_committed_schema_is_generated_from_the_validator_spec():
    assert (ROOT / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text(), "run: make schema"


def test_controlled_lists_match(validator):
    props = validator.schema["properties"]
    assert props["status"]["enum"] == [s.value for s in Status]
    assert props["kind"]["enum"] == [k.value for k in Kind]
    assert props["locality"]["enum"] == [loc.id for loc in LOCALITIES]
    assert props["pillars"]["items"]["enum"] == [p.value for p in Pillar]
    assert props["criteria"]["items"]["enum"] == [c.id for c in CRITERIA]
    assert props["recognition"]["properties"]["award"]["enum"] == [a.value for a in Award]
    assert props["initiatives"]["items"]["properties"]["level"]["enum"] == [lv.value for lv in Level]


def test_every_valid_record_passes_both(validator):
    paths = record_files(ROOT / "data") + [FIXTURES / "valid" / "honorees" / "tran-van-mau.yml"]
    for path in paths:
        assert list(validator.iter_errors(as_json(path))) == [], path
    load_roll(ROOT / "data", ROOT)


# Invalid cases the schema can express (structure, types, lists); rules across
# fields or files (dates on the calendar, photos on disk) are the validator's alone.
SCHEMA_CASES = [
    "unknown-key-typo", "unknown-key-vietnamese", "missing-required", "wrong-type-year", "wrong-type-pillars",
    "kind-not-in-list", "locality-not-in-list", "pillar-not-in-list", "award-not-in-list",
    "initiative-level-not-in-list", "year-out-of-range", "recognised-without-recognition", "empty-name",
    "individual-without-position", "organisation-field-on-individual", "link-javascript-url", "too-long-summary",
    "date-vietnamese-format", "top-level-list",
]


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_invalid_cases_fail_both(validator, case):
    path = FIXTURES / "invalid" / f"{case}.yml"
    assert list(validator.iter_errors(as_json(path))), f"the schema accepts {case}"
    with pytest.raises(RecordsInvalid):
        load_roll(FIXTURES, ROOT, paths=[path])


def test_schema_is_published(real_site):
    assert (real_site / "du-lieu-mo" / "honoree.schema.json").read_text(encoding="utf-8") == schema_text()
