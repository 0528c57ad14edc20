"""Prototype: make a ``mkdocs serve`` rebuild cost what changed, not the whole site.

MkDocs rebuilds everything after any change (``--dirty`` only skips pages
whose source file is older than their output, and generated pages have no
source file, so it skips nothing here). With N honorees, one edited record
costs N × (read and validate a record + render its Markdown page + Markdown
→ HTML + theme template + HTML post-processing + write its files). This hook
keeps, inside the ``mkdocs serve`` process, what an unchanged input gives,
and reuses it:

1. the project's hook side (patched core functions, results memoised):
   - reading + validating a record, keyed by (file path, file bytes, id);
   - an honoree's page Markdown, keyed by (honoree, its related honorees,
     site URL, photo files' mtimes): the template's whole input;
   - the per-honoree parts of the whole-roll outputs: the search document and
     the words of each text (search index), the open-data record, the feed URL;
   - one Jinja environment for the core's templates instead of one per module
     per build, and Material's compiled templates (a bytecode cache);
2. MkDocs' side: each page's final HTML (after the theme template and the
   project's ``on_post_page``), plus what MkDocs collected while rendering it
   (meta, title, toc, anchors), keyed by (page source text, page path, and a
   site-wide key), and reused only if every file the page looked up while
   its links were resolved still resolves to the same URL. The site-wide key
   hashes everything else a page's HTML can depend on: the config file and
   site URL, the navigation (titles and URLs), and the mtimes of the theme
   and override templates and of the hook files. When any of these changes,
   every page misses and the build is the ordinary full build;
3. the output folder: files whose content is what this process wrote there last
   time are not written again (``mkdocs serve`` otherwise empties the folder
   and writes every page, card, QR code and search shard on each rebuild);
   files the build no longer produces are deleted at the end.

Correctness rules it keeps: a page that logged a warning while being built
is never cached (so strict mode still fails on the next rebuild); anchor
validation still runs on every page (from the cached anchors). It assumes, as
holds for this project (``plugins: []``), that no plugin's per-page events
have side effects other than on the page.

Checked by ``python benchmarks/render_cache.py 200``: after an edit and after
a deletion, the output folder is byte-identical to an ordinary build's.

Load it as the FIRST hook, only for ``mkdocs serve`` (serve_edit.py --prototype
does). State lives in ``sys.modules`` because MkDocs re-executes hook files on
every rebuild.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
import time
import types
from pathlib import Path

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.plugins.bench_render_cache")

STATE = sys.modules.setdefault("_hr_bench_render_cache_state", types.ModuleType("_hr_bench_render_cache_state"))
if not hasattr(STATE, "installed"):
    STATE.installed = False
    STATE.pages = {}  # page key -> entry dict
    STATE.site_key = ""
    STATE.current = None  # src_uri of the page being built
    STATE.warned = set()  # src_uris that logged a warning in this build
    STATE.hits = STATE.misses = 0
    STATE.used = set()  # page keys of the current build
    STATE.signatures = {}  # output path -> signature of what was last written there
    STATE.outputs = set()  # output paths written or kept by the current build
    STATE.site_dir = None
    STATE.theme_mtimes = {}


class _WarningSpy(logging.Handler):
    def emit(self, record):
        if record.levelno >= logging.WARNING and STATE.current is not None:
            STATE.warned.add(STATE.current)


def _digest(*parts) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


# --- the project's hook side ------------------------------------------------------------------


def _patch_core() -> None:
    from honour_roll import (
        browse,
        error_page,
        feeds,
        loader,
        open_data,
        pages,
        redirects,
        search_index,
        sharing,
    )

    read_source, validate_source = loader.read_source, loader.validate_source
    sources: dict[int, tuple] = {}
    read_memo: dict[tuple, tuple] = {}
    valid_memo: dict[tuple, tuple] = {}

    def cached_read_source(display_path, raw):
        key = (display_path, raw)
        if key not in read_memo:
            read_memo[key] = read_source(display_path, raw)
        result = read_memo[key]
        if result[0] is not None:
            sources[id(result[0])] = key
        return result

    def cached_validate_source(source, record_id, data_dir):
        key = (sources.get(id(source)), record_id, str(data_dir))
        if key[0] is None:
            return validate_source(source, record_id, data_dir)
        if key not in valid_memo:
            valid_memo[key] = validate_source(source, record_id, data_dir)
        return valid_memo[key]

    loader.read_source = cached_read_source
    loader.validate_source = cached_validate_source

    # Unchanged records come back from the memo above as the very same Honoree
    # objects (kept alive there), so per-honoree results are keyed by identity:
    # hashing a frozen Honoree field by field costs more than some of the work.
    honoree_page = pages.PageMaker.honoree_page
    page_memo: dict[tuple, tuple] = {}

    def cached_honoree_page(self, h):
        related = tuple(self.related(h))
        photos = tuple(_mtime(self.data_dir / p.file) for p in h.photos)
        key = (id(h), tuple(map(id, related)), self.site_url, photos)
        hit = page_memo.get(key)
        if hit is None or hit[0] is not h or any(a is not b for a, b in zip(hit[1], related)):
            hit = page_memo[key] = (h, related, honoree_page(self, h))
        return hit[2]

    pages.PageMaker.honoree_page = cached_honoree_page

    # The search index, open data and feeds are rebuilt from the whole roll on every
    # rebuild; their per-honoree parts are pure functions of the honoree.
    search_index.honoree_doc = _by_identity(search_index.honoree_doc)
    search_index.term_texts = functools.lru_cache(maxsize=200_000)(search_index.term_texts)
    open_data.public_record = _by_identity(open_data.public_record)
    canonical_url = _by_identity(lambda h, site_url: sharing.canonical_url(site_url, h))
    feeds.canonical_url = lambda site_url, h: canonical_url(h, site_url)

    # Seven core modules each make their own Jinja environment on every build, so the
    # same templates are compiled again and again. One environment for the process
    # (Jinja re-reads a template whose file changed: auto_reload).
    shared_env = functools.cache(pages.make_environment)
    for module in (pages, browse, error_page, feeds, redirects, search_index):
        module.make_environment = shared_env


def _by_identity(fn):
    """fn(h, *rest) memoised on the identity of h (and the other arguments)."""
    memo: dict[tuple, tuple] = {}

    def wrapper(h, *rest):
        key = (id(h), *rest)
        hit = memo.get(key)
        if hit is None or hit[0] is not h:
            hit = memo[key] = (h, fn(h, *rest))
        return hit[1]

    return wrapper


class _MemoryBytecodeCache:
    """Compiled theme templates kept across rebuilds: MkDocs makes a new Jinja
    environment for every build, which compiles Material's templates again
    (a few tenths of a second). Jinja checks each entry against the source's
    checksum, so a changed template is compiled afresh."""

    def __init__(self):
        import jinja2

        class Cache(jinja2.BytecodeCache):
            def __init__(self):
                self.store: dict[str, bytes] = {}

            def load_bytecode(self, bucket):
                data = self.store.get(bucket.key)
                if data is not None:
                    bucket.bytecode_from_string(data)

            def dump_bytecode(self, bucket):
                self.store[bucket.key] = bucket.bytecode_to_string()

        self.cache = Cache()


def _file_sig(f) -> tuple | None:
    return None if f is None else (f.url, str(f.inclusion))


def _mtime(path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


# --- MkDocs' side -----------------------------------------------------------------------------


def _patch_mkdocs() -> None:
    from mkdocs import utils
    from mkdocs.commands import build

    populate, build_page = build._populate_page, build._build_page

    def cached_populate_page(page, config, files, dirty=False):
        src = page.file.src_uri
        key = _digest(STATE.site_key, src, page.file.content_bytes)
        page._bench_key = key
        STATE.used.add(key)
        entry = STATE.pages.get(key)
        # A page's HTML depends on the files it links to: reuse it only if every
        # link target it looked up still resolves as it did.
        page._bench_hit = entry is not None and all(
            _file_sig(files.get_file_from_path(uri)) == sig for uri, sig in entry["lookups"].items()
        )
        if page._bench_hit:
            page.markdown = entry["markdown"]
            page.meta = entry["meta"]
            page.content = entry["content"]
            page.toc = entry["toc"]
            page._title_from_render = entry["title"]
            page.present_anchor_ids = entry["anchors"]
            if entry["links"] is not None:
                page.links_to_anchors = {
                    f: links for uri, links in entry["links"].items() if (f := files.get_file_from_path(uri)) is not None
                }
            return
        lookups: dict[str, tuple | None] = {}
        find = files.get_file_from_path

        def recording_find(path):
            found = find(path)
            lookups[path] = _file_sig(found)
            return found

        STATE.current = src
        files.get_file_from_path = recording_find  # shadows the method on this instance only
        try:
            populate(page, config, files, dirty)
        finally:
            STATE.current = None
            del files.get_file_from_path
        links = page.links_to_anchors
        page._bench_entry = {
            "markdown": page.markdown,
            "meta": page.meta,
            "content": page.content,
            "toc": page.toc,
            "title": page._title_from_render,
            "anchors": page.present_anchor_ids,
            "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            "lookups": lookups,
        }

    def cached_build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        key = getattr(page, "_bench_key", None)
        entry = STATE.pages.get(key) if getattr(page, "_bench_hit", False) else None
        if entry is not None and not excluded:
            STATE.hits += 1
            utils.write_file(entry["html"], page.file.abs_dest_path)
            return
        STATE.misses += 1
        src = page.file.src_uri
        STATE.current = src
        try:
            build_page(page, config, doc_files, nav, env, dirty, excluded)
        finally:
            STATE.current = None
        new = getattr(page, "_bench_entry", None)
        if key and new is not None and src not in STATE.warned and not excluded:
            try:
                new["html"] = Path(page.file.abs_dest_path).read_bytes()
            except OSError:
                return
            STATE.pages[key] = new

    build._populate_page = cached_populate_page
    build._build_page = cached_build_page


def _patch_output() -> None:
    """Write only what changed: mkdocs serve empties the site folder and writes every file
    again on each rebuild; instead keep it, skip files whose content is what was written
    last time, and delete what this build did not produce at the end (on_post_build)."""
    from mkdocs import utils
    from mkdocs.structure.files import File

    write_file, copy_file = utils.write_file, File.copy_file

    def unchanged(path: str, sig) -> bool:
        path = os.path.normpath(path)
        STATE.outputs.add(path)
        return STATE.signatures.get(path) == sig and os.path.exists(path)

    def incremental_write_file(content, output_path):
        sig = ("w", len(content), hash(content))
        if unchanged(output_path, sig):
            return
        write_file(content, output_path)
        STATE.signatures[os.path.normpath(output_path)] = sig

    def incremental_copy_file(self, dirty=False):
        content = self._content
        if content is None:
            st = os.stat(self.abs_src_path)
            sig = ("f", self.abs_src_path, st.st_mtime_ns, st.st_size)
        else:
            sig = ("c", len(content), hash(content))
        if unchanged(self.abs_dest_path, sig):
            return
        copy_file(self, dirty)
        STATE.signatures[os.path.normpath(self.abs_dest_path)] = sig

    def keep_directory(directory):
        STATE.site_dir = directory

    utils.write_file = incremental_write_file
    utils.clean_directory = keep_directory
    File.copy_file = incremental_copy_file


def _remove_stale() -> int:
    removed = 0
    if STATE.site_dir is None:
        return removed
    for base, dirs, names in os.walk(STATE.site_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = os.path.normpath(os.path.join(base, name))
            # Files written some other way during this build (sitemap.xml.gz) are new enough to keep.
            if not name.startswith(".") and path not in STATE.outputs and os.stat(path).st_mtime < STATE.started:
                os.remove(path)
                STATE.signatures.pop(path, None)
                removed += 1
    return removed


def _install() -> None:
    if STATE.installed:
        return
    _patch_core()
    _patch_mkdocs()
    _patch_output()
    logging.getLogger("mkdocs").addHandler(_WarningSpy())
    STATE.installed = True


_install()


def _tree_mtimes(folder: str) -> str:
    out = []
    for base, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            out.append(f"{path}:{_mtime(path)}")
    return "\n".join(sorted(out))


def _theme_mtimes(folder: str) -> str:
    # Installed themes (site-packages) do not change under a running server: walk them once.
    if "site-packages" not in folder:
        return _tree_mtimes(folder)
    if folder not in STATE.theme_mtimes:
        STATE.theme_mtimes[folder] = _tree_mtimes(folder)
    return STATE.theme_mtimes[folder]


def _nav_repr(items) -> str:
    parts = []
    for item in items:
        parts.append(f"{item.title}|{getattr(item, 'url', '')}|{getattr(getattr(item, 'file', None), 'src_uri', '')}")
        if getattr(item, "children", None):
            parts.append("[" + _nav_repr(item.children) + "]")
    return ";".join(parts)


def on_pre_build(config):
    STATE.warned = set()
    STATE.used = set()
    STATE.outputs = set()
    STATE.started = time.time() - 0.01
    STATE.hits = STATE.misses = 0


def on_env(env, config, files):
    if getattr(STATE, "bytecode", None) is None:
        STATE.bytecode = _MemoryBytecodeCache().cache
    env.bytecode_cache = STATE.bytecode
    return env


def on_nav(nav, config, files):
    root = Path(config.config_file_path).resolve().parent
    STATE.site_key = _digest(
        Path(config.config_file_path).read_bytes(),
        config.site_url,
        _nav_repr(nav.items),
        "\n".join(_theme_mtimes(d) for d in config.theme.dirs),
        _tree_mtimes(str(root / "hooks")),
    )
    return nav


@event_priority(-100)  # after every other post_build writer
def on_post_build(config):
    # Forget pages that no longer exist or changed, so memory stays bounded by the site.
    STATE.pages = {k: v for k, v in STATE.pages.items() if k in STATE.used}
    removed = _remove_stale()
    log.info(f"render cache: {STATE.hits} pages reused, {STATE.misses} rendered, {removed} stale files removed")


def _check(n: int) -> int:
    """Build twice in one process with this hook (editing one record and deleting another
    in between, as an editor under mkdocs serve), then compare the output folder, file by
    file, with an ordinary build of the same data without any benchmark hook."""
    import filecmp
    import shutil
    import subprocess
    import tempfile

    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from run import BUILD_ENV, make_project

    tmp = Path(tempfile.mkdtemp(prefix="hr-render-cache-check-"))
    try:
        project = make_project(tmp / "project", n, 0, ("render_cache.py",))
        site = tmp / "site"

        def one_build():
            build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site)))

        os.environ.setdefault("SOURCE_DATE_EPOCH", BUILD_ENV["SOURCE_DATE_EPOCH"])
        plain = (project / "mkdocs.yml").read_text(encoding="utf-8")
        plain = "".join(line for line in plain.splitlines(keepends=True) if "hooks/bench_" not in line)
        (project / "mkdocs-plain.yml").write_text(plain, encoding="utf-8")

        def tree(root: Path) -> set[str]:
            return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

        def compare(what: str) -> bool:
            ref = tmp / "reference"
            shutil.rmtree(ref, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs-plain.yml"), "-d", str(ref)],
                           check=True, env=BUILD_ENV, cwd=project)
            a, b = tree(site), tree(ref)
            differ = sorted(f for f in a & b if not filecmp.cmp(site / f, ref / f, shallow=False))
            only = sorted(a ^ b)
            print(f"{what}: {STATE.hits} pages reused, {STATE.misses} rendered; against an ordinary build "
                  f"({len(b)} files): {len(differ)} differ, {len(only)} in only one of the two")
            for f in (differ + only)[:10]:
                print("  ", f)
            return not differ and not only

        one_build()
        ok = compare("first build")
        records = sorted((project / "data" / "honorees").glob("*.yml"))
        text = records[n // 2].read_text(encoding="utf-8")
        records[n // 2].write_text(text.replace("summary: >-\n", "summary: >-\n  Đã sửa tóm tắt.\n", 1), encoding="utf-8")
        one_build()
        ok &= compare("after one summary edited")
        records[n // 3].unlink()
        one_build()
        ok &= compare("after one record deleted")
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(_check(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
