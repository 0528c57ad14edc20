"""Write records as YAML the way editors write them, and check them with the
same validator as the build before anything reaches the disk."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from honour_roll.record.fields import fold
from honour_roll.record.problems import Problem
from honour_roll.record.movement import Movement
from honour_roll.record.record_spec import record_spec
from honour_roll.record.validation import validate_source
from honour_roll.record.yaml_source import read_source

# The editors' YAML tooling (VS Code + YAML extension) reads this first line;
# the path is relative to data/honorees/.
MODELINE = "# yaml-language-server: $schema=../../docs/du-lieu-mo/honoree.schema.json"
# Lists of ids read best on one line, as in the sample records.
FLOW_LISTS = ("pillars", "criteria", "aliases")


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key, like the hand-written records."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def slugify(name: str, max_length: int = 80) -> str:
    """The id (file stem, page address) from a name: no diacritics, đ as d."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(name)).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug


def _clean(value):
    """Text as YAML literal blocks can hold it: no trailing spaces, no tabs."""
    if isinstance(value, str):
        if "\n" in value:
            lines = [ln.rstrip().replace("\t", "    ") for ln in value.strip("\n").split("\n")]
            return "\n".join(lines)
        return value.strip()
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def record_yaml(values: dict, movement: Movement, trailer: str = "") -> str:
    """A record's YAML text: the modeline, then the fields in the order of the
    movement's record specification. ``trailer`` is appended as is (comments)."""
    order = list(record_spec(movement).fields)
    out = [MODELINE]
    for key in sorted(values, key=lambda k: order.index(k) if k in order else len(order)):
        value = _clean(values[key])
        if value is None or value == [] or value == {}:
            continue
        if key in FLOW_LISTS and all(isinstance(v, str) and re.fullmatch(r"[a-z0-9.\-]+", v) for v in value):
            out.append(f"{key}: [{', '.join(value)}]")
            continue
        text = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
        out.append(text.rstrip("\n"))
    return "\n".join(out) + "\n" + trailer


def check_text(text: str, record_id: str, shown_path: str, data_dir: Path, movement: Movement) -> list[Problem]:
    """The build's own checks, against ``movement``, on a record that is not on disk yet."""
    source, problems = read_source(shown_path, text.encode("utf-8"))
    if source is None or problems:
        return problems
    _honoree, problems = validate_source(source, record_id, data_dir, movement)
    return problems


def write_atomically(path: Path, text: str, overwrite: bool = False) -> None:
    """Write to a temporary file beside the target, then rename: a record is
    either complete or absent, never half-written. Without ``overwrite`` an
    existing file is left alone (FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the target exists, even if it appeared a moment ago
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                if path.exists():
                    raise FileExistsError(path) from None
                os.replace(tmp, path)
            else:
                os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
