"""The JSON Schema of a record, derived from the same field specification
the validator uses. Published on the site and read by editors' YAML tools
(the modeline at the top of each record points to it).

The README's record reference comes from the same specification: its field
list and its "required" column are rewritten by ``make schema``; the other
columns are prose, kept by hand.
"""

from __future__ import annotations

import re
import sys
import json
from pathlib import Path

from .record_spec import RECORD

SCHEMA_ID = "honoree.schema.json"
SCHEMA_PATH = "docs/du-lieu-mo/honoree.schema.json"  # relative to the project root


def record_schema() -> dict:
    # Required and conditional fields come with the spec: record_spec.py states them once.
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Hồ sơ gương điển hình tiên tiến",
        **RECORD.schema(),
    }


def schema_text() -> str:
    return json.dumps(record_schema(), ensure_ascii=False, indent=2) + "\n"


README_HEADING = "## Record reference"
_ROW = re.compile(r"^\| `(?P<field>[a-z_]+)` \| (?P<required>[^|]*?) \|(?P<rest>.*)$")


def readme_with_reference(readme: str) -> str:
    """The README with its record reference's "required" column as record_spec.py states
    it. Raises ValueError when the table's fields are not the record's, in its order."""
    head, heading, tail = readme.partition(README_HEADING)
    if not heading:
        raise ValueError(f"README: no '{README_HEADING}' section")
    lines = tail.split("\n")
    fields = list(RECORD.fields)
    found = []
    for i, line in enumerate(lines):
        m = _ROW.match(line)
        if m is None:
            if found and not line.startswith("|"):
                break  # the end of the table
            continue
        name = m.group("field")
        found.append(name)
        if name in RECORD.fields:
            lines[i] = f"| `{name}` | {RECORD.fields[name][1].text()} |{m.group('rest')}"
    if found != fields:
        raise ValueError(f"README: the record reference lists {found}; the record has {fields}")
    return head + heading + "\n".join(lines)


if __name__ == "__main__":
    # python -m honour_roll.schema > docs/du-lieu-mo/honoree.schema.json
    # python -m honour_roll.schema --readme README.md   (rewrites the reference's "required" column)
    if sys.argv[1:2] == ["--readme"]:
        path = Path(sys.argv[2])
        path.write_text(readme_with_reference(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(schema_text(), end="")
