"""What the compressed copies (.gz) cost a build, and what they save.

For N synthetic honorees (benchmarks/synthetic.py) this script

1. builds the project once to fill .cache/ (unmeasured), then measures warm
   builds WITH the compressed copies and WITHOUT them (a benchmark hook,
   no_precompress.py, turns compression off when BENCH_NO_PRECOMPRESS=1),
   alternating, --runs times each;
2. times honour_roll.site.precompress.compress_site alone on the built site:
   every file compressed on one core and on every core (no cache: a fresh
   checkout), and every copy taken from the cache (a warm build);
3. prints the sizes: text bytes, compressed bytes, the Tra cứu page, and what a
   cold search query's shards weigh.

    .venv/bin/python benchmarks/compress_bench.py --n 1000 --runs 3

A measurement, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402
from run import load1, machine, make_project, measure_build  # noqa: E402

from honour_roll.site.precompress import compress_site, compressible  # noqa: E402
from honour_roll.site.server_files import header_policy  # noqa: E402


def strip_copies(site: Path, dest: Path) -> Path:
    """The built site as MkDocs left it: no .gz copies."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(site, dest, ignore=lambda d, names: [n for n in names if n.endswith(".gz") and n != "sitemap.xml.gz"])
    return dest


def timed(fn) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    print(machine())
    tmp = Path(tempfile.mkdtemp(prefix=f"hr-compress-{args.n}-"))
    try:
        project = make_project(tmp / "project", args.n, args.seed)
        shutil.copy(HERE / "no_precompress.py", project / "hooks" / "bench_no_precompress.py")
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(config.replace("hooks:\n", "hooks:\n  - hooks/bench_no_precompress.py\n", 1), encoding="utf-8")
        site = tmp / "site"
        print(f"load before: {load1():.2f}")
        measure_build(project, site, tmp / "warm-up.log")  # fills .cache/ (cards, pages, copies)

        # 1. whole builds, warm cache, with and without the copies
        with_gz, without = [], []
        for i in range(args.runs):
            order = [("with .gz", False, with_gz), ("without", True, without)]
            if i % 2:
                order.reverse()
            for label, plain, into in order:
                start = time.perf_counter()
                b = _build(project, plain, site, tmp / f"build-{i}.log")
                into.append(b)
                print(f"  warm build {label:9} run {i + 1}: wall {b.wall:6.2f} s  cpu {b.cpu:6.2f} s  ({time.perf_counter() - start:.1f})")
        print(f"\nwarm build, median of {args.runs}: with .gz {statistics.median(b.wall for b in with_gz):.2f} s wall "
              f"({statistics.median(b.cpu for b in with_gz):.2f} s CPU); without {statistics.median(b.wall for b in without):.2f} s wall "
              f"({statistics.median(b.cpu for b in without):.2f} s CPU)")

        # 2. compress_site alone
        measure_build(project, site, tmp / "last.log")
        files = compressible(site)
        text = sum(p.stat().st_size for p in files)
        print(f"\n{len(files)} text files above 1 KB, {text / 1e6:.1f} MB")
        rows = []
        for label, workers, cache in (("no cache, 1 core", 1, None), ("no cache, every core", None, None),
                                      ("empty cache, every core", None, tmp / "c1")):
            copy = strip_copies(site, tmp / "bare")
            wall, cpu, r = timed(lambda: compress_site(copy, cache, workers))
            rows.append((label, wall, cpu, r))
        copy = strip_copies(site, tmp / "bare")
        wall, cpu, r = timed(lambda: compress_site(copy, tmp / "c1"))
        rows.append(("every copy in the cache (warm)", wall, cpu, r))
        wall, cpu, _ = timed(lambda: header_policy(site))
        rows_policy = (wall, cpu)
        print(f"{'compress_site':34} {'wall s':>7} {'CPU s':>7} {'made':>6} {'reused':>6} {'MB in':>7} {'MB out':>7}")
        for label, wall, cpu, r in rows:
            print(f"{label:34} {wall:7.2f} {cpu:7.2f} {r.made:6} {r.reused:6} {r.bytes_in / 1e6:7.1f} {r.bytes_out / 1e6:7.1f}")
        print(f"{'header_policy (every page)':34} {rows_policy[0]:7.2f} {rows_policy[1]:7.2f}")

        # 3. sizes
        def size(rel: str) -> str:
            p = site / rel
            g = p.with_name(p.name + ".gz")
            return f"{rel}: {p.stat().st_size / 1e3:.0f} KB, gzip {g.stat().st_size / 1e3:.0f} KB" if g.is_file() else rel
        print("\n" + "\n".join(size(r) for r in ("tra-cuu/index.html", "du-lieu-mo/guong-dien-hinh.json", "du-lieu-mo/guong-dien-hinh.csv", "rss.xml")))
        shards = [p for p in (site / "tim-kiem" / "index").rglob("*.json")]
        raw = sum(p.stat().st_size for p in shards)
        packed = sum((p.with_name(p.name + ".gz").stat().st_size if p.with_name(p.name + ".gz").is_file() else p.stat().st_size) for p in shards)
        print(f"search shards: {len(shards)} files, {raw / 1e6:.1f} MB, as sent with gzip {packed / 1e6:.1f} MB")
        print(f"load after: {load1():.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _build(project: Path, plain: bool, site: Path, log: Path):
    if plain:
        run.BUILD_ENV["BENCH_NO_PRECOMPRESS"] = "1"
    try:
        return measure_build(project, site, log)
    finally:
        run.BUILD_ENV.pop("BENCH_NO_PRECOMPRESS", None)


if __name__ == "__main__":
    sys.exit(main())
