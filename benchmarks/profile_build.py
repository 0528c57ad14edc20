"""Where a build's time goes: one build of N synthetic honorees under cProfile.

    .venv/bin/python benchmarks/profile_build.py 10000              # one full build
    .venv/bin/python benchmarks/profile_build.py 1000 --rebuild     # a second build in the same process, as mkdocs serve does
    .venv/bin/python benchmarks/profile_build.py 1000 --save /tmp/build.prof   # for snakeviz / pstats
    .venv/bin/python benchmarks/profile_build.py 10000 --cache /tmp/hr-cache-10000 --rebuild   # fills the cache, profiles a warm rebuild
    .venv/bin/python benchmarks/profile_build.py 10000 --cache /tmp/hr-cache-10000 --drop-pages   # every page rendered, cards cached

Prints the build's time split into phases (by the cumulative time of the
functions that make up each phase; the phases do not overlap) and the
functions with the most own time. cProfile slows pure-Python code down more
than C code, so the shares matter more than the absolute seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import make_project

# A phase is the cumulative time of some functions (file suffix, name), optionally only
# when called from a given caller, minus the phases nested inside it.
P = "honour_roll/"
PHASES: list[tuple[str, list[tuple[str, str, tuple[str, str] | None]], list[str]]] = [
    ("hook: read + validate records (load_roll)", [(P + "record/loader.py", "load_roll", None)], []),
    ("hook: related honorees (PageMaker.related)", [(P + "site/pages.py", "related", None)], []),
    ("hook: Markdown of the pages (PageMaker.pages, minus related)", [(P + "site/pages.py", "pages", None)],
     ["hook: related honorees (PageMaker.related)"]),
    ("hook: share cards and QR codes (sharing_files: draw or take from .cache/)", [(P + "site/sharing.py", "sharing_files", None)], []),
    ("hook: search index (search_files)", [(P + "site/search_index.py", "search_files", None)], []),
    ("hook: browse page, feeds, open data, redirects",
     [(P + "site/browse.py", "browse_page", None), (P + "site/feeds.py", "feed_files", None),
      (P + "site/open_data.py", "open_data_files", None), (P + "site/open_data.py", "open_data_page", None),
      (P + "site/redirects.py", "redirect_files", None)], []),
    ("hook: page store (site key, look-ups, stored HTML, new entries, pruning)",
     [(P + "site/page_store.py", "head", None), (P + "site/page_store.py", "html", None), (P + "site/page_store.py", "put", None),
      (P + "site/page_store.py", "prune", None), (P + "site/page_store.py", "fingerprint_tree", None)], []),
    ("hook: File.generated for every item", [("mkdocs/structure/files.py", "generated", None)], []),
    ("MkDocs: read page sources", [("mkdocs/structure/pages.py", "read_source", None)], []),
    ("MkDocs: Markdown → HTML (Page.render)", [("mkdocs/structure/pages.py", "render", None)], []),
    ("MkDocs: theme templates (Jinja, per page)", [("jinja2/environment.py", "render", ("mkdocs/commands/build.py", "_build_page"))], []),
    ("Material search plugin (per page + index)",
     [("material/plugins/search/plugin.py", "on_page_context", None),
      ("material/plugins/search/plugin.py", "on_post_build", None)], []),
    ("hook: HTML post-processing (html_post.finalize_html)", [(P + "site/html_post.py", "finalize_html", None)], []),
    ("MkDocs: writing files (utils.write_file)", [("mkdocs/utils/__init__.py", "write_file", None)], []),
    ("MkDocs: anchor validation", [("mkdocs/structure/pages.py", "validate_anchor_links", None)], []),
    ("MkDocs: static files (copy_static_files)", [("mkdocs/structure/files.py", "copy_static_files", None)], []),
    ("MkDocs: navigation (get_navigation)", [("mkdocs/structure/nav.py", "get_navigation", None)], []),
]


def phase_times(prof: pstats.Stats) -> list[tuple[str, float]]:
    stats = prof.stats  # type: ignore[attr-defined]
    times: dict[str, float] = {}
    for label, functions, minus in PHASES:
        total = 0.0
        for fsuf, name, caller in functions:
            for key in [k for k in stats if k[0].endswith(fsuf) and k[2] == name]:
                _cc, _nc, _tt, ct, callers = stats[key]
                if caller is None:
                    total += ct
                else:
                    total += sum(v[3] for c, v in callers.items() if c[0].endswith(caller[0]) and c[2] == caller[1])
        times[label] = total - sum(times[m] for m in minus)
    return list(times.items())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rebuild", action="store_true",
                    help="build, change one record's summary, and profile the second build in the same process (as mkdocs serve)")
    ap.add_argument("--save", type=Path, help="write the raw profile here")
    ap.add_argument("--drop-pages", action="store_true",
                    help="remove the stored pages (keep the cards) before the profiled build: every page rendered")
    ap.add_argument("--cache", type=Path, help="use this folder as the project's .cache/ and keep it, so that "
                    "later profiles of the same N and seed find the share cards and pages already made")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--pyinstrument", action="store_true",
                    help="sample with pyinstrument (pip install pyinstrument into the venv) instead of cProfile: "
                         "little overhead, a call tree instead of the phase table")
    args = ap.parse_args(argv)

    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING)
    tmp = Path(tempfile.mkdtemp(prefix="hr-profile-"))
    try:
        project = make_project(tmp / "project", args.n, args.seed)
        if args.cache:
            args.cache.mkdir(parents=True, exist_ok=True)
            (project / ".cache").symlink_to(args.cache.resolve(), target_is_directory=True)

        def one_build():
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp / "site"))
            build(config)

        if args.rebuild:
            start = time.perf_counter()
            one_build()
            print(f"first build (not profiled): {time.perf_counter() - start:.1f} s", file=sys.stderr)
            record = sorted((project / "data" / "honorees").glob("*.yml"))[args.n // 2]
            text = record.read_text(encoding="utf-8")
            record.write_text(text.replace("summary: >-\n", "summary: >-\n  Nội dung đã chỉnh sửa.\n", 1), encoding="utf-8")
        if args.drop_pages:
            shutil.rmtree(project / ".cache" / "pages", ignore_errors=True)
        if args.pyinstrument:
            from pyinstrument import Profiler

            sampler = Profiler(interval=0.001)
            start = time.perf_counter()
            sampler.start()
            one_build()
            sampler.stop()
            print(f"{'rebuild' if args.rebuild else 'build'} of {args.n:,} honorees: {time.perf_counter() - start:.1f} s wall under pyinstrument\n")
            print(sampler.output_text(unicode=False, color=False, show_all=False, time="seconds"))
            return 0
        prof = cProfile.Profile()
        start = time.perf_counter()
        prof.enable()
        one_build()
        prof.disable()
        wall = time.perf_counter() - start
        if args.save:
            prof.dump_stats(str(args.save))
        stats = pstats.Stats(prof)
        total = stats.total_tt  # type: ignore[attr-defined]
        print(f"{'rebuild' if args.rebuild else 'build'} of {args.n:,} honorees"
              + f": {wall:.1f} s wall under cProfile ({total:.1f} s profiled)\n")
        print("| phase | s | share |\n| --- | ---: | ---: |")
        accounted = 0.0
        for label, t in phase_times(stats):
            accounted += t
            print(f"| {label} | {t:.2f} | {100 * t / total:.0f}% |")
        print(f"| everything else (config, plugins' other events, files, sitemap...) | {total - accounted:.2f} | "
              f"{100 * (total - accounted) / total:.0f}% |")
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(args.top)
        print("\nFunctions with the most own time:\n")
        print("\n".join(buf.getvalue().splitlines()[6:]))
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
