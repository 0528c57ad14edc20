"""The one MkDocs hook module: wires the honour-roll core into MkDocs events.

Everything the site says is decided in the ``honour_roll`` package, which
never imports MkDocs; this module reads the config, hands the generated files
to MkDocs as virtual files and reports problems the MkDocs way. Nothing is
written into docs/. The only thing kept between builds is the content-addressed
build cache in .cache/ (share cards, QR codes, finished pages), whose entries
are named by the hash of everything that made them. The page store's
MkDocs-specific part lives here: what goes into its key (the resolved config,
described by describe_config) and the check that renders a few reused pages
in full on every build (_Build.check).
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import random
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, ModuleType

import honour_roll
import jinja2
import jinja2.bccache
from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.theme import Theme

from honour_roll.record import rebuild_memo
from honour_roll.site.build_cache import key_of
from honour_roll.site.english import english_nav
from honour_roll.site.error_page import error_pages
from honour_roll.site.fork_pool import ForkPool, replay, spread, workers_wanted
from honour_roll.record.guidance import load_guidance
from honour_roll.site.html_post import finalize_html
from honour_roll.record.loader import display_path, load_roll
from honour_roll.site.preview_output import KeptOutput
from honour_roll.site.page_store import PageEntry, PageStore, fingerprint_distributions, fingerprint_tree, pack_html, unpack_html
from honour_roll.site.precompress import compress_ahead
from honour_roll.record.problems import RecordsInvalid
from honour_roll.site.server_files import finish_site
from honour_roll.site.sharing import cancel_drawings
from honour_roll.site.generate import SiteSettings, generate_site_in_parts
from honour_roll.site.site_config import config_chain, nav_pages, nav_titles
from honour_roll.site.urls import Urls
from honour_roll.record.validation import publication_warnings

log = logging.getLogger("mkdocs.plugins.honour_roll")
_serving = False  # set by on_startup: `mkdocs serve` shows problems in the browser
# A template that prints page.content as it is: what a page reused from the store renders with.
REUSED_TEMPLATE = "honour-roll-reused.html"
# The engine is whichever package really provides Page: ProperDocs aliases itself as `mkdocs`.
ENGINE = Page.__module__.partition(".")[0]
_META = importlib.import_module(f"{ENGINE}.utils.meta")  # how the engine reads a page's front matter
# How many reused pages each build renders in full to compare with the store (see _Build.check).
CHECKED_PAGES = int(os.environ.get("HONOUR_ROLL_CHECKED_PAGES", "3"))
# Fewer pages to render than this: rendering them in the parent costs less than starting workers.
POOL_MIN_PAGES = int(os.environ.get("HONOUR_ROLL_POOL_MIN_PAGES", "32"))
# The same for records to read (a millisecond each, against some 30 ms to start two workers).
POOL_MIN_RECORDS = int(os.environ.get("HONOUR_ROLL_POOL_MIN_PAGES", "200"))
# Seconds the preview waits after a change is reported for more to come (on_serve).
PREVIEW_DEBOUNCE = 0.05
# Seconds between two prunings of the page store under the preview (every build prunes it).
PREVIEW_PRUNE_INTERVAL = 600.0
# Config entries no page depends on, that differ between builds of one site: where the site
# is written (`make build` writes into a fresh folder each time).
VOLATILE_CONFIG = frozenset({"site_dir"})
# The Python code that makes pages, as loaded: `mkdocs serve` does not reload it when the
# files change, so hashing the files at each build could describe code that is not running.
CODE = fingerprint_tree(Path(honour_roll.__file__).parent, suffixes=(".py",)) + fingerprint_tree(Path(__file__).parent, suffixes=(".py",))


def on_startup(command: str, **_) -> None:
    global _serving
    _serving = command == "serve"


def on_serve(server, config, builder):
    """MkDocs' preview server waits ``build_delay`` (0.1 s) after a change is reported, for more
    to come, before it rebuilds. Its watcher polls each watched folder every 0.5 s, and one poll
    reports every change it found together, within milliseconds; changes found by two polls of
    one folder are 0.5 s apart, beyond either wait. So the preview waits PREVIEW_DEBOUNCE: what
    0.1 s gathers and that does not is only changes of one save to two folders (docs/ and data/)
    whose polls happen to fall 0.05 to 0.1 s apart, which then rebuild twice."""
    if isinstance(getattr(server, "build_delay", None), (int, float)):
        server.build_delay = min(server.build_delay, PREVIEW_DEBOUNCE)
    return server


def _project_root(config) -> Path:
    # Paths derive from mkdocs.yml's location, never the working directory.
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config) -> Files:
    root = _project_root(config)
    settings = config.extra.get("honour_roll") or {}
    data_dir = root / settings.get("data_dir", "data")
    # The preview keeps per-record results between its rebuilds; a build starts from nothing.
    memo = rebuild_memo.preview if _serving else None
    if memo is not None:
        memo.new_round()
    try:
        roll = load_roll(data_dir, root, memo=memo, spread=_records_on_every_core)
        guidance_file = data_dir / roll.movement.guidance.file
        guidance = load_guidance(guidance_file, roll.movement, display_path(guidance_file, root))
    except RecordsInvalid as e:  # the movement file, a record or the guidance text
        if not _serving:
            raise PluginError("Hồ sơ chưa hợp lệ:\n" + e.report()) from None
        log.info("Hồ sơ chưa hợp lệ; trang xem trước hiển thị danh sách lỗi:\n" + e.report())
        return _error_site(files, config, e.problems, data_dir)

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
        compressed_dir=None if _serving else _compressed_dir(config),
        illustrative=bool(settings.get("illustrative_data", False)),
        directory_urls=config.use_directory_urls,
    )
    # The preview's pages differ (no CSP, see finalize_html): a store of their own, so that
    # `make preview` and `make build` do not prune each other's entries.
    _build.begin(config, root / ".cache" / "pages" / ("preview" if _serving else "site"))
    _build.movement = roll.movement  # what theme templates (the 404 page) call things
    early, _build.late = generate_site_in_parts(roll, guidance, data_dir, settings, memo)
    files = _add(files, config, early, reusable=True)
    _build.seal(files, config)
    return files


def _records_on_every_core(job, items: list, movement) -> list:
    # Reading and validating a record costs about a millisecond: a 10,000-record build spent
    # 9 s on one core before anything else could start.
    return spread(job, items, POOL_MIN_RECORDS, "honour_roll", keep=movement)


def _add_late(files: Files, config) -> None:
    """The files of this build that no page links to (the preview's search index, made
    meanwhile in a child), once every page is read and rendered, before MkDocs writes the
    site. They are not pages, so neither the site key nor any page depends on them."""
    if _build.late is None:
        return
    late, _build.late = _build.late, None
    items = late.result()
    _add(files, config, items)
    set_exclusions([files.get_file_from_path(item.src_uri) for item in items], config)  # as MkDocs did after on_files


def _add(files: Files, config, items, reusable: bool = False) -> Files:
    """Hand the core's generated files to MkDocs, as virtual files.

    With ``reusable``, generated pages get a ReusablePage: an earlier build's
    HTML of the same inputs is taken from the page store.
    """
    titles = nav_titles(config.nav or [])
    # Once, not once per item: it resolves the path. Compared as text: pathlib's
    # is_relative_to, 7,000 times, was a tenth of handing the files over.
    cache = str(_project_root(config) / ".cache") + os.sep
    taken = files.src_uris  # the same look-up as get_file_from_path, for paths already in POSIX form
    for item in items:
        if item.src_uri in taken:
            raise PluginError(f"docs/{item.src_uri}: tệp này do hệ thống tạo ra từ hồ sơ; hãy xóa tệp trong docs/")
        if item.source_path is not None and str(item.source_path).startswith(cache):
            file = CacheLinkedFile.generated(config, item.src_uri, abs_src_path=str(item.source_path))
            file.ready = item.ready  # a share card still being drawn: taken when MkDocs copies it
        elif item.source_path is not None:
            if item.ready is not None:
                _ready(item.ready)
            file = File.generated(config, item.src_uri, abs_src_path=str(item.source_path))
        elif item.make is not None:
            file = LazyFile.generated(config, item.src_uri, content=b"")
            file.make = item.make
        else:
            file = File.generated(config, item.src_uri, content=item.content)
        if not item.in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)
        if reusable and file.is_documentation_page():
            # MkDocs' nav takes a page already made as it is: give it the nav's title.
            ReusablePage(file, config, titles.get(item.src_uri))
    return files


def _error_site(files: Files, config, problems, data_dir: Path, warnings_only: bool = False) -> Files:
    """Serve only: every page, and the page of every record, becomes the list of problems."""
    pages = files.documentation_pages()
    for page in pages:
        files.remove(page)
    return _add(files, config, error_pages(problems, data_dir, nav_pages(config.nav), [p.src_uri for p in pages], warnings_only))


def on_page_context(context, page, config, nav):
    if page.meta.get("lang") == "en" and _build.movement is not None and _build.movement.en is not None:
        # The English edition's pages show its own navigation, in English, and its own name
        # wherever the theme names the site (the drawer's title, the logo's label).
        context["nav"] = _english_navigation(page, config)
        context["config"] = _NamedConfig(config, _build.movement.en.site_name)
    if isinstance(page, ReusablePage):
        if page.finished_elsewhere and not _build.checking:
            page.take_finished()
        elif page.reused and _serving and not _build.checking and _kept.page_unchanged(page.file.abs_dest_path, page.key):
            page.content = KEPT_PAGE  # the preview's folder holds this very page: not read, not written
        else:
            page.unpack()
    return context


class _NamedConfig:
    """The config as an English page's templates read it: the same, but for the site's name."""

    def __init__(self, config, site_name: str):
        self._config = config
        self.site_name = site_name

    def __getattr__(self, name):
        return getattr(self._config, name)

    def __getitem__(self, key):
        return self.site_name if key == "site_name" else self._config[key]

    def get(self, key, default=None):
        return self.site_name if key == "site_name" else self._config.get(key, default)

    def __contains__(self, key) -> bool:
        return key in self._config


def _english_navigation(page, config) -> Navigation:
    urls = Urls(config.use_directory_urls)
    links = []
    for title, src in english_nav(_build.movement):
        link = Link(title, urls.page(src))
        # A section's index is active on its pages too (en/honorees/ on every English honoree page).
        section = src[: -len("index.md")] if src.endswith("/index.md") and src.count("/") > 1 else None
        link.active = src == page.file.src_uri or (section is not None and page.file.src_uri.startswith(section))
        links.append(link)
    navigation = Navigation(links, [])
    navigation.homepage = links[0]  # the theme links its logo to nav.homepage.url
    return navigation


def on_nav(nav, config, files):
    _build.nav = nav
    # Every file is known now: start rendering the generated pages' Markdown on every core,
    # ahead of MkDocs' page loop, which takes the results in ReusablePage.render.
    _build.start_rendering(config, files)
    return nav


def on_env(env, config, files):
    if _serving:
        env.bytecode_cache = _compiled
    # Theme templates (the header, the 404 page) link to generated pages wherever urls.py puts
    # them: honour_roll_page("tra-cuu.md") is "tra-cuu/" or "tra-cuu.html", before the url filter.
    env.globals["honour_roll_page"] = Urls(config.use_directory_urls).page
    env.globals["honour_roll_movement"] = _build.movement  # None while the records are invalid (preview)
    _add_late(files, config)
    _build.stop_rendering()  # every page is read and rendered
    _build.check(config, files, _build.nav, env)
    # Pour the rendered pages into the theme on every core too, ahead of MkDocs' writing loop.
    _build.start_finishing(config, files, _build.nav, env)
    return env


def on_post_page(output: str, page, config) -> str:
    if _build.checking:
        # What keep() would store: plugins after this hook change the written page, not the entry.
        _build.checked = _finalize(output, page, config)
        return _build.checked
    if isinstance(page, ReusablePage):
        page.release()
        if page.reused:
            if _serving:
                _kept.page_written(page.file.abs_dest_path, page.key)
            return output  # finished by the build that stored it
        if page.finished_elsewhere:  # by a worker, or by take_finished: finalize_html done
            _build.keep(page, output)
            return output
        output = _finalize(output, page, config)
        _build.keep(page, output)
        return output
    return _finalize(output, page, config)


def _finalize(output: str, page, config) -> str:
    html = finalize_html(output, policy=not _serving)
    if page.meta.get("lang") == "en":
        # The heading permalinks' title is set once for the site (mkdocs.yml, toc): in English here.
        title = (config.mdx_configs.get("toc") or {}).get("permalink_title")
        if title:
            html = html.replace(f'title="{title}"', 'title="Link to this section"')
    return html


def on_post_build(config) -> None:
    _build.copy_deferred()
    _build.end(success=True)
    if _serving:
        _kept.succeeded()
        removed = _kept.prune()
        log.debug(
            f"Xem trước: {_kept.written} tệp ghi mới, {_kept.unchanged} tệp giữ nguyên "
            f"(trong đó {_kept.pages_kept} trang không cần đọc lại), {removed} tệp cũ đã xóa"
        )
    if not _serving:  # the preview serves files itself and rebuilds often: no header file, no .gz
        done = finish_site(Path(config.site_dir), _compressed_dir(config), config.site_url or "/")
        log.debug(f"Tệp nén .gz: {done.files} ({done.made} nén mới, {done.reused} dùng lại)")


def _compressed_dir(config) -> Path:
    """The cache of compressed copies (precompress.py): the preview makes none."""
    return _project_root(config) / ".cache" / "compressed"


def on_build_error(error) -> None:
    cancel_drawings()  # share cards still being drawn: no longer wanted
    _build.end(success=False)
    if _serving:
        _kept.failed()


def on_post_template(output_content: str, template_name: str, config) -> str:
    # The 404 page is rendered as a theme template, not a page.
    return finalize_html(output_content, policy=not _serving) if template_name.endswith(".html") else output_content


# --- the preview's site folder, kept between rebuilds -----------------------------------------

_kept = KeptOutput()
KEPT_PAGE = "<!-- kept -->"  # what a page the folder already holds renders to: never written


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per preview, not once per rebuild (0.2 s each time
    at 1,000 honorees). Jinja checks each entry against its template's source, so an edited
    template is compiled again."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def on_pre_build(config) -> None:
    if _serving:
        _keep_preview_folder(config)


def _keep_preview_folder(config) -> None:
    """Under the preview only (honour_roll/site/preview_output.py): the folder is not emptied
    before each rebuild, and every file MkDocs writes into it goes through KeptOutput, which
    skips the unchanged ones; on_post_build removes what the rebuild did not make. MkDocs
    offers no event for writing, so its three writers are wrapped, for this folder only."""
    _kept.begin(config.site_dir)
    utils = importlib.import_module(f"{ENGINE}.utils")
    if getattr(utils, "_honour_roll_kept", None) is _kept:
        return
    clean, write, copy, file_copy = utils.clean_directory, utils.write_file, utils.copy_file, File.copy_file

    def clean_directory(directory: str) -> None:
        if not _kept.keep_folder(directory):
            clean(directory)

    def write_file(content: bytes, output_path: str) -> None:
        (_kept.write if _kept.inside(output_path) else write)(content, output_path)

    def copy_file(source_path: str, output_path: str) -> None:
        if os.path.isdir(output_path):
            output_path = os.path.join(output_path, os.path.basename(source_path))
        (_kept.copy if _kept.inside(output_path) else copy)(source_path, output_path)

    def copy_generated(self, dirty: bool = False) -> None:
        content = self._content  # a generated file's text or bytes, written as File.copy_file would
        if content is not None and _kept.inside(self.abs_dest_path):
            _kept.write(content.encode("utf-8") if isinstance(content, str) else content, self.abs_dest_path)
        else:
            file_copy(self, dirty)

    utils.clean_directory, utils.write_file, utils.copy_file, File.copy_file = clean_directory, write_file, copy_file, copy_generated
    utils._honour_roll_kept = _kept


# --- reusing finished pages between builds --------------------------------------------------


class CacheLinkedFile(File):
    """A file from the build cache (a share card, a QR code): hard-linked into the
    site rather than copied. Cache entries are never changed in place (a new
    entry replaces the old file), so the link stays right; 10,000 cards are then
    no longer 600 MB copied on every build and every preview rebuild."""

    ready: Callable[[], None] | None = None

    def copy_file(self, dirty: bool = False) -> None:
        if self.ready is not None and _build.defer(self):
            return
        if self.ready is not None:
            _ready(self.ready)
            self.ready = None
        source, output = self.abs_src_path, self.abs_dest_path
        try:
            if source is None:
                raise OSError("no source")
            here = os.stat(source)
            if here.st_mode & 0o444 != 0o444:
                raise OSError("not readable by all: copy instead")  # entries from older builds
            kept = _kept.inside(output)
            try:
                there = os.lstat(output)
            except FileNotFoundError:
                there = None
            if kept and there is not None and (there.st_ino, there.st_dev) == (here.st_ino, here.st_dev):
                _kept.note(output)  # the preview's kept folder has this link already
                return
            if there is None:
                os.makedirs(os.path.dirname(output), exist_ok=True)
            else:
                os.unlink(output)
            os.link(source, output)
            if kept:
                _kept.note(output)
        except OSError:  # another file system, or links not allowed: copy as MkDocs would
            super().copy_file(dirty)


class LazyFile(File):
    """A generated file whose content is made when it is first needed, after every page is read:
    a feed, which names the size of each share card, drawn meanwhile on other cores. Every way
    MkDocs reads or writes a file's content goes through ``_content``."""

    make: Callable[[], str | bytes] | None = None

    def copy_file(self, dirty: bool = False) -> None:
        if self.make is not None and _build.defer(self):
            return
        super().copy_file(dirty)

    @property
    def _content(self) -> str | bytes | None:
        if self.make is not None:
            make, self.make = self.make, None
            self.__dict__["_content"] = make()
        return self.__dict__.get("_content")

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self.make = None
        self.__dict__["_content"] = value


def _ready(wait: Callable[[], None]) -> None:
    """Wait for files being drawn on other cores; a failure there is the build's, said once."""
    try:
        wait()
    except Exception as e:
        raise PluginError(f"Không vẽ được thẻ chia sẻ hoặc mã QR: {e}") from e


class _WarningWatch(logging.Handler):
    """Remembers which pages logged a warning: such a page is never stored, so
    that a strict build keeps failing on it until it is fixed."""

    def __init__(self, config):
        super().__init__(logging.WARNING)
        self.config = config
        self.pages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        page = getattr(self.config, "_current_page", None)  # set by MkDocs while it builds a page
        if page is not None:
            self.pages.add(page.file.src_uri)


class _Build:
    """What one build shares between events: the page store, its pages and the warning watch."""

    store: PageStore | None = None
    watch: _WarningWatch | None = None
    pages: list[ReusablePage] = []
    checking = False  # rendering a page only to compare it: on_post_page keeps nothing
    checked: str | None = None  # that page's HTML, as on_post_page finished it
    nav = None
    movement = None  # of the roll being built
    late = None  # generate.LateFiles: the files on_env adds
    pool: ForkPool | None = None  # rendering pages' Markdown in worker processes
    finisher: ForkPool | None = None  # rendering their theme template in worker processes
    finished: dict[str, tuple] = {}
    compressed: Path | None = None  # where finishing workers put the pages' compressed copies
    rendered: dict[str, tuple] = {}  # results taken from the pool ahead of their page
    known_heads: dict = {}  # the page store's heads found by the last successful build (preview)
    deferred: list[File] | None = None  # files copied once every page is written (defer)
    pruned_at = float("-inf")  # when the preview last pruned the page store
    installed: str | None = None  # the preview's fingerprint of the installed distributions

    def start_rendering(self, config, files: Files) -> None:
        """Look every generated page up in the store, and render the Markdown of those
        not found in forked workers (see _render_markdown)."""
        self.stop_rendering()
        if self.store is None:
            return
        serving_inclusion = InclusionLevel.is_in_serve if _serving else InclusionLevel.is_included
        missing = [page for page in self.pages if serving_inclusion(page.file.inclusion) and page.look_up(files) is None]
        workers = min(workers_wanted(), len(missing))
        if workers < 2 or len(missing) < POOL_MIN_PAGES:
            return  # one core, or too few pages to be worth starting workers: MkDocs renders them
        self.config, self.files = config, files
        self.by_uri = {page.file.src_uri: page for page in missing}
        self.pool = ForkPool(_render_markdown, list(self.by_uri), workers, ENGINE)
        log.info(f"Dựng HTML của {len(missing)} trang trên {workers} tiến trình song song")
        self.results = self.pool.results()

    def rendered_markdown(self, page: ReusablePage):
        """What a worker made of this page: (result, log records), or None."""
        if self.pool is None or page.file.src_uri not in self.by_uri:
            return None
        uri = page.file.src_uri
        while uri not in self.rendered:
            try:
                item, result, logged = next(self.results)
            except StopIteration:
                return None
            self.rendered[item] = (result, logged)
        return self.rendered.pop(uri)

    def start_finishing(self, config, files: Files, nav, env) -> None:
        """Render the theme template of every page rendered this build in forked workers
        (_finish_page), in the order MkDocs writes them; on_page_context takes the results."""
        self.stop_finishing()
        if self.store is None:
            return
        serving_inclusion = InclusionLevel.is_in_serve if _serving else InclusionLevel.is_included
        self.doc_files = files.documentation_pages(inclusion=serving_inclusion)
        rendered = [f.page for f in self.doc_files if isinstance(f.page, ReusablePage) and not f.page.reused]
        workers = min(workers_wanted(), len(rendered))
        if workers < 2 or len(rendered) < POOL_MIN_PAGES:
            return
        self.config, self.files, self.env = config, files, env
        self.compressed = None if _serving else _compressed_dir(config)
        self.finishing = {page.file.src_uri: page for page in rendered}
        self.finisher = ForkPool(_finish_page, list(self.finishing), workers, ENGINE)
        self.finished_results = self.finisher.results()
        # Only now, the workers having forked with the theme's own template: the parent writes
        # what they finished as it writes a stored page.
        for page in rendered:
            page.finished_elsewhere = True
            page.own_template = page.meta.get("template")
            page.meta["template"] = REUSED_TEMPLATE

    def finished_page(self, page: ReusablePage):
        """A worker's finished HTML of this page (compressed) and its log records, in order."""
        uri = page.file.src_uri
        while uri not in self.finished:
            try:
                item, result, logged = next(self.finished_results)
            except StopIteration:
                return None, []
            self.finished[item] = (result, logged)
        return self.finished.pop(uri)

    def stop_finishing(self) -> None:
        if self.finisher is not None:
            self.finisher.close()
        self.finisher = None
        self.finished = {}
        self.finishing = {}

    def stop_rendering(self) -> None:
        if self.pool is not None:
            self.pool.close()
        self.pool = None
        self.rendered = {}
        self.by_uri = {}

    def begin(self, config, directory: Path) -> None:
        self.end(success=False)
        self.deferred = None if _serving else []
        self.config = config
        self.directory = directory
        self.watch = _WarningWatch(config)
        self.pages = []
        logging.getLogger(ENGINE).addHandler(self.watch)  # ProperDocs logs as "properdocs"

    def seal(self, files: Files, config) -> None:
        """Fix the site key once every file is known: everything but a page's own Markdown
        that its finished HTML can depend on."""
        others = []
        titles = nav_titles(config.nav or [])
        for f in files:
            if f.is_documentation_page():
                if isinstance(f.page, ReusablePage) and (f.src_uri not in titles or titles[f.src_uri] is not None):
                    continue  # its own source is in its key; its title, if it shows in the nav, is in mkdocs.yml
                # Hand-written pages, and nav pages titled by their content, by content: their
                # titles show in every page's nav. Other pages by name: they are link targets.
                by_content = not f.generated_by or f.src_uri in titles
                others.append(f"{f.src_uri}:{key_of(f.content_bytes)}" if by_content else f.src_uri)
            elif not f.generated_by:
                others.append(f.src_uri)  # a hand-written file a page may link to (the JSON Schema)
        parts = [
            # Everything the config says, as MkDocs resolved it: !ENV values, INHERIT, `-t`, `--strict`...
            describe_config(config),
            # ...and the files it came from, in case a value escapes the description.
            *(key_of(path.read_bytes()) for path in config_chain(Path(config.config_file_path))),
            # Every installed distribution: a Markdown extension, a plugin or a theme upgraded.
            self.distributions(),
            f"serving={_serving}",
            fingerprint_tree(Path(config.docs_dir)),
            fingerprint_tree(Path(config.theme.custom_dir)) if config.theme.custom_dir else "",
            *(fingerprint_tree(Path(hook.__file__).parent) for hook in (config.hooks or {}).values() if getattr(hook, "__file__", None)),
            CODE,
            # Templates are read again when they change, even within one `mkdocs serve`.
            fingerprint_tree(Path(honour_roll.__file__).parent, suffixes=(".j2",)),
            "\n".join(sorted(others)),
        ]
        # The preview hands each build the heads the last one found (PageStore, known_heads).
        self.store = PageStore(self.directory, "\0".join(parts), self.known_heads if _serving else None)

    def defer(self, file: File) -> bool:
        """Whether a file still being drawn (or made from files being drawn) is copied later,
        once every page is written (copy_deferred). MkDocs copies files before it writes pages:
        waiting for the drawing there, the workers finishing pages soon stood still (they stay a
        few pages ahead of the build process), and a core went idle while the build process
        linked the drawn files on its own. The preview copies them as MkDocs does: its kept
        folder tells written files from stale ones as they are copied."""
        if self.deferred is None:
            return False
        self.deferred.append(file)
        return True

    def copy_deferred(self) -> None:
        deferred, self.deferred = self.deferred or [], None
        for file in deferred:
            file.copy_file()

    def distributions(self) -> str:
        """fingerprint_distributions, read once per preview: like the code (CODE), the packages a
        running preview has imported are those of its start, whatever is installed since, and
        reading every distribution's metadata took 30 ms of each rebuild."""
        if not _serving:
            return fingerprint_distributions()
        if self.installed is None:
            self.installed = fingerprint_distributions()
        return self.installed

    def check(self, config, files: Files, nav, env) -> None:
        """A guard against a key that misses an input: render a few reused pages, chosen at
        random, in full and compare them with the store. If one differs, the store is
        stale: drop it and render every page this build. Runs after every page is read and
        before any is written, so no stale page reaches the site."""
        if self.store is None:
            return
        reused = [page for page in self.pages if page.reused]
        for page in random.sample(reused, min(CHECKED_PAGES, len(reused))):
            stored = self.store.html(page.key)
            page.render_again(config, files)
            if _full_page(page, config, files, nav, env) != stored:
                log.info(
                    f"Trang {page.file.src_uri} dựng lại khác bản đã lưu trong .cache/pages: bộ nhớ đệm trang "
                    "đã cũ, xóa toàn bộ và dựng lại mọi trang trong lần này."
                )
                self.store.drop()
                for other in reused:
                    if other.reused:
                        other.render_again(config, files)
                return

    def keep(self, page: ReusablePage, html: str) -> None:
        finished, page.finished = page.finished, None
        if self.store is None or page.key is None or self.watch is None or page.file.src_uri in self.watch.pages:
            return
        if page.links_to_anchors is None:  # not collected at debug log level: nothing to check reuse with
            return
        links = {f.src_uri: dict(anchors) for f, anchors in page.links_to_anchors.items()}
        packed = finished[1] if finished is not None and finished[0] == html else None
        self.store.put(page.key, PageEntry(html, frozenset(page.present_anchor_ids or ()), links), packed)

    def end(self, success: bool) -> None:
        self.deferred = None  # copied by now, or the build failed
        if self.late is not None:  # the build failed before on_env
            self.late.close()
            self.late = None
        self.stop_rendering()
        self.stop_finishing()
        if self.watch is not None:
            logging.getLogger(ENGINE).removeHandler(self.watch)
        if success and self.store is not None:
            self.known_heads = self.store.found
            removed = 0
            # Pruning lists the whole store (4,000 entries at 1,000 honorees) to remove those unused
            # for an hour: the preview does it once in a while, not after every save.
            if not _serving or time.monotonic() - self.pruned_at >= PREVIEW_PRUNE_INTERVAL:
                removed = self.store.prune()
                self.pruned_at = time.monotonic()
            log.debug(f"Trang dùng lại: {self.store.hits}, dựng mới: {self.store.misses}, xóa khỏi bộ nhớ đệm: {removed}")
        self.store = None
        self.watch = None
        self.pages = []


_build = _Build()


def _full_page(page: Page, config, files: Files, nav, env, doc_files=None) -> str | None:
    """A page's finished HTML as this hook's on_post_page finishes it, the way MkDocs'
    own build makes it (commands/build.py's _build_page, without the writing).
    ``doc_files``: the pages MkDocs writes, when the caller has them already (listing
    them filters every file of the site: at 1,000 honorees 1 ms a page)."""
    serving_inclusion = InclusionLevel.is_in_serve if _serving else InclusionLevel.is_included
    config._current_page = page
    page.active = True
    _build.checking = True
    try:
        if doc_files is None:
            doc_files = files.documentation_pages(inclusion=serving_inclusion)
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        _build.checked = None
        config.plugins.on_post_page(template.render(context), page=page, config=config)
        return _build.checked
    finally:
        _build.checking = False
        page.active = False
        config._current_page = None


def _finish_page(src_uri: str) -> bytes | None:
    """In a forked worker: one rendered page poured into the theme and finished, as
    MkDocs' _build_page and on_post_page would (_full_page), compressed; None if it fails.
    Its compressed copy for the web server is made here too, on this core, while the build
    process writes pages (precompress.compress_ahead): the whole site's otherwise waited
    until every page was written."""
    try:
        html = _full_page(_build.finishing[src_uri], _build.config, _build.files, _build.nav, _build.env, _build.doc_files)
        if html is None:
            return None
        if _build.compressed is not None:
            made = compress_ahead(html.encode("utf-8"), _build.compressed)
            if made is not None:
                return made  # a gzip member too: the page store keeps the same bytes (pack_html)
        return pack_html(html)
    except Exception:
        return None


def _render_markdown(src_uri: str) -> tuple | None:
    """In a forked worker: read and render one page as MkDocs' _populate_page would, and
    return what Page.render leaves on the page: (hash of the Markdown rendered, so that the
    parent can check it read the same; the HTML compressed as ReusablePage keeps it until
    written; toc; title; anchors; links to anchors by target path), a plain tuple as the hook's
    own classes cannot be pickled by name. None when anything fails: the parent then renders the page itself, and reports
    the failure the MkDocs way."""
    page, config, files = _build.by_uri[src_uri], _build.config, _build.files
    config._current_page = page
    try:
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        source = key_of(page.markdown)
        Page.render(page, config, files)
    except Exception:
        return None
    finally:
        config._current_page = None
    links = None
    if page.links_to_anchors is not None:
        links = {f.src_uri: dict(anchors) for f, anchors in page.links_to_anchors.items()}
    packed = pack_html(page.content)
    return source, packed, page.toc, page._title_from_render, frozenset(page.present_anchor_ids or ()), links


def _front_matter(source: str) -> tuple[int | str, dict]:
    """The engine's reading of a page's source: (where its Markdown starts, or the Markdown
    itself when it is not the end of the source; its front matter)."""
    markdown, meta = _META.get_data(source)
    return (len(source) - len(markdown) if source.endswith(markdown) else markdown), meta


def _copied(value):
    """Front matter's values, copied as far down as they can be changed."""
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copied(v) for v in value]
    return value


def describe_config(config) -> str:
    """The resolved config as stable text, for the site key.

    Values are described by what they are, never by where they sit in memory
    (``<function twemoji at 0x7f...>`` would change on every run and reuse
    nothing). Anything this cannot describe counts as its type only, so two
    configs differing only there would share a key: the config file's bytes
    and the full-page check in _Build.check stand behind it.
    """
    return json.dumps(_describe({k: v for k, v in config.items() if k not in VOLATILE_CONFIG}), ensure_ascii=False, sort_keys=True)


def _describe(value, depth: int = 0):
    if depth > 12:
        return "…"
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, ModuleType):
        return f"module:{value.__name__}:{getattr(value, '__file__', '')}"
    if isinstance(value, (type, FunctionType, BuiltinFunctionType)):
        return f"{value.__module__}.{value.__qualname__}"
    if isinstance(value, Theme):
        return {"name": value.name, "dirs": value.dirs, "static_templates": sorted(value.static_templates), "vars": _describe(dict(value), depth + 1)}
    if isinstance(value, Mapping):
        return {str(k): _describe(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_describe(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(_describe(v, depth + 1), sort_keys=True) for v in value)
    name = f"{type(value).__module__}.{type(value).__qualname__}"
    config = getattr(value, "config", None)  # a plugin: its options
    if isinstance(config, Mapping):
        return {"type": name, "config": _describe(config, depth + 1)}
    text = repr(value)
    return name if " at 0x" in text else f"{name}:{text}"


class ReusablePage(Page):
    """A generated page that takes its finished HTML from the page store when an
    earlier build made it from the same inputs, and renders normally otherwise.

    Between reading and writing, MkDocs holds every page at once; at 10,000
    honorees their HTML alone would take over a gigabyte. So a reused page
    fetches its HTML only when it is written, a rendered one keeps its content
    compressed until then, and both let go of it once written.
    """

    def __init__(self, file: File, config, title: str | None = None):
        super().__init__(title, file, config)
        self.key: str | None = None
        self.reused = False
        self._packed: bytes | None = None
        self._head = None
        self._looked_up = False
        self.finished_elsewhere = False  # the theme template is rendered by a worker (start_finishing)
        self.finished: tuple[str, bytes] | None = None  # that HTML, and as the worker packed it (pack_html)
        self.own_template: str | None = None
        _build.pages.append(self)

    def read_source(self, config) -> None:
        """As MkDocs reads a page (Page.read_source), but under the preview the front matter of
        a source an earlier rebuild read is not parsed again: YAML in pure Python, 1,000
        pages' worth on every save, for the few pages an edit changes."""
        if not _serving:
            return super().read_source(config)
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            source = self.file.content_string  # a generated page: its text is in memory
        body, meta = rebuild_memo.preview.get(("front matter", source), lambda: _front_matter(source))
        # The Markdown is the end of the source (kept as where it starts, not as a copy).
        self.markdown = source[body:] if isinstance(body, int) else body
        self.meta = _copied(meta)  # the build may change its page's meta

    def look_up(self, files: Files):
        """The stored page's head, or None when this page must be rendered."""
        if not self._looked_up and _build.store is not None:
            # The whole source, front matter included: title and description reach the <head>.
            self.key = _build.store.key(self.file.src_uri, self.file.content_string)
            head = _build.store.head(self.key)
            if head is not None and any(files.get_file_from_path(uri) is None for uri in head.anchor_links):
                head = None
            self._head, self._looked_up = head, True
        return self._head

    def render(self, config, files: Files) -> None:
        head = self.look_up(files) if self.markdown is not None else None
        if head is None:
            self.reused = False
            done = _build.rendered_markdown(self)
            if done is not None and done[0] is not None and done[0][0] == key_of(self.markdown):
                (_, self._packed, self.toc, self._title_from_render, anchors, links), logged = done
                replay(logged)  # now, while MkDocs knows which page this is: as if rendered here
                self.content = ""
                self.present_anchor_ids = set(anchors)
                if links is not None:
                    self.links_to_anchors = {files.get_file_from_path(uri): dict(a) for uri, a in links.items()}
                self.markdown = ""
                return
            super().render(config, files)
        else:
            self.reused = True
            self.content = ""
            self.toc = get_toc([])
            self.present_anchor_ids = set(head.anchors)
            # MkDocs still checks these anchors against the pages of this build.
            self.links_to_anchors = {files.get_file_from_path(uri): dict(a) for uri, a in head.anchor_links.items()}
            self.meta["template"] = REUSED_TEMPLATE
        self.markdown = ""  # read and rendered: the title comes from the front matter or the nav
        if not self.reused:
            self._pack()

    def _pack(self) -> None:
        self._packed = pack_html(self.content)
        self.content = ""

    def render_again(self, config, files: Files) -> None:
        """A reused page rendered from its source after all, as MkDocs reads a page
        (commands/build.py's _populate_page)."""
        self.reused = False
        config._current_page = self
        try:
            self.read_source(config)
            self.markdown = config.plugins.on_page_markdown(self.markdown, page=self, config=config, files=files)
            Page.render(self, config, files)
            self.content = config.plugins.on_page_content(self.content, page=self, config=config, files=files)
        finally:
            config._current_page = None
        self.markdown = ""
        self._pack()

    def take_finished(self) -> None:
        """Just before the (reused) template: the finished page a worker made. If the worker
        failed, the page is finished here, as the check does (_full_page)."""
        packed, logged = _build.finished_page(self)
        replay(logged)  # now, while MkDocs knows which page this is: as if rendered here
        if packed is None:
            if self.own_template is None:
                del self.meta["template"]
            else:
                self.meta["template"] = self.own_template
            html = _full_page(self, _build.config, _build.files, _build.nav, _build.env)
            self.active, _build.config._current_page = True, self  # _full_page reset them
        else:
            html = unpack_html(packed)
            self.finished = (html, packed)  # the store keeps the same bytes: not compressed again
        self.content = html
        self._packed = None

    def unpack(self) -> None:
        """Just before the theme template: the content, or the stored finished page."""
        if self.reused:
            self.content = _build.store.html(self.key)
        elif self._packed is not None:
            self.content = unpack_html(self._packed)
        self._packed = None

    def release(self) -> None:
        self.content = None
