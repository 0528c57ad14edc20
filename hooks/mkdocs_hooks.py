"""The one MkDocs hook module: wires the honour-roll core into MkDocs events.

Everything the site says is decided in the ``honour_roll`` package, which
never imports MkDocs; this module only reads the config, hands generated
Markdown to MkDocs as virtual files and reports problems the MkDocs way.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from honour_roll.guidance import load_guidance
from honour_roll.loader import load_roll
from honour_roll.pages import PageMaker, photo_src
from honour_roll.problems import RecordsInvalid
from honour_roll.validation import publication_warnings

log = logging.getLogger("mkdocs.plugins.honour_roll")


def _settings(config) -> dict:
    return config.extra.get("honour_roll") or {}


def _project_root(config) -> Path:
    # Paths derive from mkdocs.yml's location, never the working directory.
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config) -> Files:
    root = _project_root(config)
    settings = _settings(config)
    data_dir = root / settings.get("data_dir", "data")
    try:
        roll = load_roll(data_dir, root)
    except RecordsInvalid as e:
        raise PluginError("Hồ sơ chưa hợp lệ:\n" + e.report()) from None
    guidance = load_guidance(data_dir / settings.get("guidance", "guidance/huong-dan-2022.txt"))

    for problem in publication_warnings(roll.honorees):
        log.warning(str(problem))

    maker = PageMaker(roll, guidance, data_dir)
    for page in maker.pages():
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"docs/{page.src_uri}: trang này do hệ thống tạo ra; hãy xóa tệp trong docs/")
        generated = File.generated(config, page.src_uri, content=page.content)
        if not page.in_nav:
            generated.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(generated)
    for honoree in roll.published:
        for photo in honoree.photos:
            if files.get_file_from_path(photo_src(photo)) is None:
                files.append(File.generated(config, photo_src(photo), abs_src_path=str(data_dir / photo.file)))
    return files
