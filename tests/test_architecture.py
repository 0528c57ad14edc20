"""The rooms of ARCHITECTURE.md: what each may import."""

from __future__ import annotations

import ast

import pytest

from conftest import ROOT

# room -> modules it must never import (MkDocs is the hook's business alone)
FORBIDDEN = {
    "record": ("honour_roll.site", "honour_roll.editors", "mkdocs", "material", "properdocs"),
    "site": ("honour_roll.editors", "mkdocs", "material", "properdocs"),
    "editors": ("mkdocs", "material", "properdocs"),
}


def imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; rooms import each other by full name"
            yield node.module


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_a_room_imports_only_what_it_may(room):
    found = []
    for path in sorted((ROOT / "honour_roll" / room).glob("*.py")):
        for name in imports(path):
            if name.startswith(FORBIDDEN[room]):
                found.append(f"{path.relative_to(ROOT)}: {name}")
    assert found == []


def test_every_module_is_in_a_room():
    assert sorted(p.name for p in (ROOT / "honour_roll").glob("*.py")) == ["__init__.py"]
