"""mkdocs.yml as plain data, for what reads it without MkDocs (the editors'
tool) or needs more than MkDocs gives (the hook's nav titles and the files
its page-store key hashes): one reader that follows ``INHERIT`` as MkDocs
does, and one walker of the nav.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

import yaml

CONFIG_NAME = "mkdocs.yml"
MAX_INHERIT = 10  # a longer chain is a loop MkDocs would reject too


class _Loader(yaml.SafeLoader):
    """Tags MkDocs understands read as data: ``!ENV`` from the environment as
    MkDocs resolves it, ``!relative`` and ``!!python/...`` as nothing (no code
    is imported to read a config)."""


def _env(loader: _Loader, node: yaml.Node) -> object:
    # `!ENV VAR` or `!ENV [VAR, OTHER, default]`: the first variable set, else the default.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1] if items else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.load(os.environ[name], Loader=yaml.SafeLoader) if os.environ[name] else None
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _load(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    return data if isinstance(data, dict) else {}


def config_chain(config_file: Path) -> list[Path]:
    """The config file and those its ``INHERIT`` chain brings in, parents first."""
    chain = [config_file.resolve()]
    while len(chain) < MAX_INHERIT:
        parent = _load(chain[0]).get("INHERIT")
        if not isinstance(parent, str):
            break
        path = (chain[0].parent / parent).resolve()
        if not path.is_file() or path in chain:
            break
        chain.insert(0, path)
    return chain


def _merge(base: dict, child: dict) -> dict:
    # As MkDocs merges an inherited config: mappings key by key, anything else replaced.
    out = dict(base)
    for key, value in child.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def read_config(config_file: Path) -> dict:
    """The config as MkDocs would merge it (INHERIT followed); {} when unreadable."""
    merged: dict = {}
    try:
        for path in config_chain(config_file):
            merged = _merge(merged, _load(path))
    except (OSError, yaml.YAMLError):
        return {}
    merged.pop("INHERIT", None)
    return merged


def honour_roll_settings(config: dict) -> dict:
    """The project's own section, ``extra.honour_roll``."""
    extra = config.get("extra")
    settings = extra.get("honour_roll") if isinstance(extra, dict) else None
    return settings if isinstance(settings, dict) else {}


def nav_path(path: str) -> str:
    """A nav entry as MkDocs looks it up: "/index.md" and "./index.md" are "index.md"."""
    return posixpath.normpath(path.lstrip("/")) if "://" not in path else path


def nav_titles(nav: object) -> dict[str, str | None]:
    """Every entry of an MkDocs nav (nested lists of {title: page}), in nav order:
    path -> title as the nav gives it (None: the page's own title). The first
    mention of a page wins, as in MkDocs."""
    out: dict[str, str | None] = {}
    for entry in nav if isinstance(nav, list) else [nav]:
        if isinstance(entry, str):
            out.setdefault(nav_path(entry), None)
        elif isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, str):
                    out.setdefault(nav_path(value), title)
                else:
                    out.update({k: v for k, v in nav_titles(value).items() if k not in out})
    return out


def nav_pages(nav: object) -> list[str]:
    """The Markdown pages a nav names, in nav order."""
    return [path for path in nav_titles(nav) if path.endswith(".md")]
