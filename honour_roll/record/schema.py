"""The JSON Schema of a record, derived from the same field specification
the validator uses. Published on the site and read by editors' YAML tools
(the modeline at the top of each record points to it).

The README's record reference comes from the same specification: its field
list, its "required" column and the values of every controlled field (those
the movement file lists) are rewritten by ``make schema``; the rest is prose,
kept by hand.
"""

from __future__ import annotations

import re
import sys
import json
from pathlib import Path

from honour_roll.record.loader import movement_of
from honour_roll.record.movement import Movement
from honour_roll.record.record_spec import record_spec

SCHEMA_ID = "honoree.schema.json"
SCHEMA_PATH = "docs/du-lieu-mo/honoree.schema.json"  # relative to the project root


def record_schema(movement: Movement) -> dict:
    # Required and conditional fields come with the spec: record_spec.py states them once.
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Hồ sơ gương điển hình tiên tiến",
        **record_spec(movement).schema(),
    }


def schema_text(movement: Movement) -> str:
    return json.dumps(record_schema(movement), ensure_ascii=False, indent=2) + "\n"


def _ids(items) -> str:
    return ", ".join(f"`{i.id}`" for i in items)


def _years(loc, m: Movement) -> str:
    first, last = m.period.first_year, m.period.last_year
    if loc.first_year == loc.last_year and (loc.first_year, loc.last_year) != (first, last):
        return f" ({loc.first_year})"
    if loc.first_year > first and loc.last_year < last:
        return f" ({loc.first_year}–{loc.last_year})"
    if loc.first_year > first:
        return f" (≥ {loc.first_year})"
    return f" (≤ {loc.last_year})" if loc.last_year < last else ""


def _criteria(m: Movement) -> str:
    parts = []
    for kind in m.kinds:
        ids = [c.id for c in m.criteria_for(kind) if not c.computed]
        if ids:
            parts.append(f"`{ids[0]}`–`{ids[-1]}`" if len(ids) > 1 else f"`{ids[0]}`")
    return ", ".join(parts)


def controlled_columns(m: Movement) -> dict[str, tuple[str, str | None]]:
    """field -> (type / values, meaning or None to keep the README's): the columns the
    movement decides."""
    computed = m.rule_criterion
    return {
        "status": ("`draft`, `nominated`, `recognised`", None),
        "kind": (_ids(m.kinds), " / ".join(k.label.lower() for k in m.kinds)),
        "locality": (", ".join(f"`{loc.id}`{_years(loc, m)}" for loc in m.localities), None),
        "pillars": (f"list of {_ids(m.pillars)}", " / ".join(p.label.lower() for p in m.pillars)),
        "year": (m.period.text, None),
        "recognition": (f"`decision`, `date` (YYYY-MM-DD), `issued_by`, `award` ({_ids(m.awards)})", None),
        "initiatives": (
            f"list of `title`, `level` ({_ids(m.levels)}), `recognised_by`, `year`",
            "initiatives recognised by a competent body"
            + (f"; criterion {computed.id} is computed from them" if computed else ""),
        ),
        "criteria": (
            f"list of {_criteria(m)}",
            "clauses of the guidance met, only those of the record's kind"
            + (f"; `{computed.id}` is computed, never declared" if computed else ""),
        ),
    }


README_HEADING = "## Record reference"
_ROW = re.compile(r"^\| `(?P<field>[a-z_]+)` \| (?P<required>[^|]*?) \|(?P<rest>.*)$")


def readme_with_reference(readme: str, movement: Movement) -> str:
    """The README with its record reference's "required" column as record_spec.py states
    it, and the controlled fields' values as the movement file lists them. Raises
    ValueError when the table's fields are not the record's, in its order."""
    spec = record_spec(movement)
    controlled = controlled_columns(movement)
    head, heading, tail = readme.partition(README_HEADING)
    if not heading:
        raise ValueError(f"README: no '{README_HEADING}' section")
    lines = tail.split("\n")
    fields = list(spec.fields)
    found = []
    for i, line in enumerate(lines):
        m = _ROW.match(line)
        if m is None:
            if found and not line.startswith("|"):
                break  # the end of the table
            continue
        name = m.group("field")
        found.append(name)
        if name in spec.fields:
            rest = m.group("rest")
            if name in controlled:
                values, meaning = controlled[name]
                cells = rest.strip().strip("|").split(" | ")
                rest = f" {values} | {meaning if meaning is not None else cells[-1].strip()} |"
            lines[i] = f"| `{name}` | {spec.fields[name][1].text()} |{rest}"
    if found != fields:
        raise ValueError(f"README: the record reference lists {found}; the record has {fields}")
    return head + heading + "\n".join(lines)


if __name__ == "__main__":
    # From the project folder (the movement is data/movement.yml):
    # python -m honour_roll.record.schema > docs/du-lieu-mo/honoree.schema.json
    # python -m honour_roll.record.schema --readme README.md   (rewrites the reference's generated columns)
    movement = movement_of(Path("data"), Path("."))
    if sys.argv[1:2] == ["--readme"]:
        path = Path(sys.argv[2])
        path.write_text(readme_with_reference(path.read_text(encoding="utf-8"), movement), encoding="utf-8")
    else:
        print(schema_text(movement), end="")
