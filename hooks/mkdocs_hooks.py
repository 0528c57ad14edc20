"""The one MkDocs hook module: wires the honour-roll core into MkDocs events.

Everything the site says is decided in the ``honour_roll`` package, which
never imports MkDocs; this module reads the config, hands the generated files
to MkDocs as virtual files and reports problems the MkDocs way. Nothing is
written into docs/, and nothing is kept between builds.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from honour_roll.error_page import error_pages, nav_pages
from honour_roll.guidance import load_guidance
from honour_roll.html_post import finalize_html
from honour_roll.loader import load_roll
from honour_roll.problems import RecordsInvalid
from honour_roll.site import SiteSettings, generate_site
from honour_roll.validation import publication_warnings

log = logging.getLogger("mkdocs.plugins.honour_roll")
_serving = False  # set by on_startup: `mkdocs serve` shows problems in the browser


def on_startup(command: str, **_) -> None:
    global _serving
    _serving = command == "serve"


def _project_root(config) -> Path:
    # Paths derive from mkdocs.yml's location, never the working directory.
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config) -> Files:
    root = _project_root(config)
    settings = config.extra.get("honour_roll") or {}
    data_dir = root / settings.get("data_dir", "data")
    try:
        roll = load_roll(data_dir, root)
    except RecordsInvalid as e:
        if not _serving:
            raise PluginError("Hồ sơ chưa hợp lệ:\n" + e.report()) from None
        log.info("Hồ sơ chưa hợp lệ; trang xem trước hiển thị danh sách lỗi:\n" + e.report())
        return _error_site(files, config, e.problems, data_dir)
    guidance = load_guidance(data_dir / settings.get("guidance", "guidance/huong-dan-2022.txt"))

    warnings = publication_warnings(roll.honorees)
    if warnings and _serving and config.strict:  # strict serve would keep stale pages: show why instead
        log.info("\n".join(map(str, warnings)))
        return _error_site(files, config, warnings, data_dir, warnings_only=True)
    for problem in warnings:
        log.warning(str(problem))

    settings = SiteSettings(
        site_url=config.site_url or "/",
        site_name=config.site_name,
        docs_dir=Path(config.docs_dir),
        cache_dir=root / ".cache" / "share-cards",
    )
    return _add(files, config, generate_site(roll, guidance, data_dir, settings))


def _add(files: Files, config, items) -> Files:
    """Hand the core's generated files to MkDocs, as virtual files."""
    for item in items:
        if files.get_file_from_path(item.src_uri) is not None:
            raise PluginError(f"docs/{item.src_uri}: tệp này do hệ thống tạo ra từ hồ sơ; hãy xóa tệp trong docs/")
        if item.source_path is not None:
            file = File.generated(config, item.src_uri, abs_src_path=str(item.source_path))
        else:
            file = File.generated(config, item.src_uri, content=item.content)
        if not item.in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)
    return files


def _error_site(files: Files, config, problems, data_dir: Path, warnings_only: bool = False) -> Files:
    """Serve only: every page, and the page of every record, becomes the list of problems."""
    pages = files.documentation_pages()
    for page in pages:
        files.remove(page)
    return _add(files, config, error_pages(problems, data_dir, nav_pages(config.nav), [p.src_uri for p in pages], warnings_only))


def on_post_page(output: str, page, config) -> str:
    return finalize_html(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    # The 404 page is rendered as a theme template, not a page.
    return finalize_html(output_content) if template_name.endswith(".html") else output_content
