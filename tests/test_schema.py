"""The published JSON Schema and the validator describe the same record."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from honour_roll.record.loader import load_roll, record_files
from honour_roll.record.problems import RecordsInvalid
from honour_roll.record.record_spec import record_spec
from honour_roll.record.schema import SCHEMA_PATH, readme_with_reference, schema_text
from honour_roll.record.validation import validate_source
from honour_roll.record.yaml_source import read_source
from honour_roll.record.vocabulary import Status

from conftest import FIXTURES, MOVEMENT, ROOT


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
    assert (ROOT / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text(MOVEMENT), "run: make schema"


def test_controlled_lists_match(validator):
    props = validator.schema["properties"]
    assert props["status"]["enum"] == [s.value for s in Status]
    assert props["kind"]["enum"] == [k.id for k in MOVEMENT.kinds]
    assert props["locality"]["enum"] == [loc.id for loc in MOVEMENT.localities]
    assert props["pillars"]["items"]["enum"] == [p.id for p in MOVEMENT.pillars]
    assert props["criteria"]["items"]["enum"] == [c.id for c in MOVEMENT.criteria]
    assert props["recognition"]["properties"]["award"]["enum"] == [a.id for a in MOVEMENT.awards]
    assert props["initiatives"]["items"]["properties"]["level"]["enum"] == [lv.id for lv in MOVEMENT.levels]


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
    assert (real_site / "du-lieu-mo" / "honoree.schema.json").read_text(encoding="utf-8") == schema_text(MOVEMENT)


def test_the_readme_record_reference_is_the_spec():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_with_reference(readme, MOVEMENT) == readme, "run: make schema"


def test_a_readme_reference_missing_a_field_is_refused():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    without = "\n".join(line for line in readme.split("\n") if not line.startswith("| `unit` |"))
    with pytest.raises(ValueError, match="unit"):
        readme_with_reference(without, MOVEMENT)


CONDITIONAL = [name for name, (_, presence) in record_spec(MOVEMENT).fields.items() if presence.required_when or presence.forbidden_when]


def _variants():
    base = yaml.load((FIXTURES / "valid" / "honorees" / "tran-van-mau.yml").read_text(encoding="utf-8"), Loader=_PlainLoader)
    del base["criteria"]  # criteria belong to one kind: a rule the schema cannot state
    extra = {"parent_body": "Sở Thông tin và Truyền thông"}
    for kind in ("individual", "collective"):
        for status in ("recognised", "nominated"):
            for mask in range(1 << len(CONDITIONAL)):
                record = {k: v for k, v in base.items() if k not in CONDITIONAL}
                record.update(kind=kind, status=status)
                for i, name in enumerate(CONDITIONAL):
                    if mask >> i & 1:
                        record[name] = base.get(name, extra.get(name))
                yield record


def test_validator_and_schema_agree_on_required_and_conditional_fields(validator):
    assert set(CONDITIONAL) == {"position", "unit", "parent_body", "recognition"}
    checked = valid = 0
    for record in _variants():
        source, problems = read_source("data/honorees/x.yml", yaml.safe_dump(record, allow_unicode=True).encode("utf-8"))
        assert source is not None and not problems
        _, problems = validate_source(source, "x", FIXTURES / "valid", MOVEMENT)
        schema_errors = list(validator.iter_errors(record))
        where = (record["kind"], record["status"], sorted(set(record) & set(CONDITIONAL)))
        assert (not problems) == (not schema_errors), (where, problems, [e.message for e in schema_errors])
        checked += 1
        valid += not problems
    # Valid: an individual with position and unit and no parent_body (1 recognised with its
    # recognition, 2 nominated); a collective without position or unit (2 recognised, 4 nominated).
    assert (checked, valid) == (64, 9)
