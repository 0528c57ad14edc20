"""The JSON Schema of a record, derived from the same field specification
the validator uses. Published on the site and read by editors' YAML tools
(the modeline at the top of each record points to it)."""

from __future__ import annotations

import json

from .record_spec import INDIVIDUAL_ONLY, ORGANISATION_ONLY, RECORD

SCHEMA_ID = "honoree.schema.json"
SCHEMA_PATH = "docs/du-lieu-mo/honoree.schema.json"  # relative to the project root


def record_schema() -> dict:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Hồ sơ gương điển hình tiên tiến",
        **RECORD.schema(),
    }
    schema["required"] = ["status", "kind", "name", "locality", "pillars", "year", "summary", "story"]
    schema["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": "individual"}}, "required": ["kind"]},
            "then": {
                "required": list(INDIVIDUAL_ONLY),
                "not": {"anyOf": [{"required": [name]} for name in ORGANISATION_ONLY]},
            },
            "else": {"not": {"anyOf": [{"required": [name]} for name in INDIVIDUAL_ONLY]}},
        },
        {
            "if": {"properties": {"status": {"const": "recognised"}}, "required": ["status"]},
            "then": {"required": ["recognition"]},
        },
    ]
    return schema


def schema_text() -> str:
    return json.dumps(record_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # python -m honour_roll.schema > docs/du-lieu-mo/honoree.schema.json
    print(schema_text(), end="")
