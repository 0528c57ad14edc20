"""What a build costs as the honour roll grows, side by side with plain MkDocs.

For each size N this script

1. writes N synthetic recognised honorees (benchmarks/synthetic.py) into a
   copy of the project (mkdocs.yml, docs/, overrides/, hooks/, data/guidance),
   as tests/conftest.py's make_project does;
2. makes the BASELINE: the Markdown that honour_roll.site.generate.generate_site
   produces for the same records, written out as plain files in a docs/
   folder, with the same mkdocs.yml minus the project hooks (generated
   honoree pages are kept out of the nav with ``not_in_nav``, the static
   equivalent of the hook's NOT_IN_NAV);
3. builds both with ``mkdocs build --strict``, alternating, ``--runs`` times,
   each build in a fresh site folder, measuring wall time, CPU time (user+sys
   of the build process and every child it waited for, from wait4), peak
   memory (ru_maxrss from wait4: the largest resident set of the build
   process or any of its children), output size, largest page and the search
   payload (every file under the site's search folders: Material's search/
   and, when present, the project's own tim-kiem/);
4. prints medians, and the ratio project/baseline computed run by run (then
   the median of the ratios).

    .venv/bin/python benchmarks/run.py                       # N = 100, 1000, 10000, 3 runs
    .venv/bin/python benchmarks/run.py --sizes 1000 --runs 5

This is a measurement, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import write_honorees

BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764460800"}
SEARCH_DIRS = ("search", "tim-kiem")  # Material's index, and the project's own when it lands


@dataclass
class Build:
    wall: float
    cpu: float
    peak_rss_mb: float
    output_mb: float
    files: int
    pages: int
    largest_page: str
    largest_page_kb: float
    search_mb: float
    search: dict = field(default_factory=dict)  # search folder -> {"files", "mb", "largest", "largest_kb"}
    load_before: float = 0.0


# --- projects ---------------------------------------------------------------------------------


def _config_without(text: str, *lines: str) -> str:
    for line in lines:
        text = text.replace(line, "")
    return text


def make_project(dest: Path, n: int, seed: int) -> Path:
    """The project as tests/conftest.py's make_project copies it, with n synthetic records.

    Also writes mkdocs-dump.yml: the same config plus dump_generated.py, for the baseline.
    """
    for name in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, dest / name)
    # The core package is installed, not copied: drop its watch entry.
    config = _config_without((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), "  - honour_roll/templates\n")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(HERE / "dump_generated.py", dest / "hooks" / "bench_dump_generated.py")
    dump = re.sub(r"(\nhooks:\n(  - .*\n)+)", r"\1  - hooks/bench_dump_generated.py\n", config, count=1)
    (dest / "mkdocs-dump.yml").write_text(dump, encoding="utf-8")
    for name in ("guidance", "templates"):
        if (ROOT / "data" / name).is_dir():
            shutil.copytree(ROOT / "data" / name, dest / "data" / name)
    shutil.copy(ROOT / "data" / "movement.yml", dest / "data" / "movement.yml")
    write_honorees(dest / "data" / "honorees", n, seed)
    return dest


def make_baseline(dest: Path, project: Path, log: Path) -> None:
    """Plain MkDocs + Material: what the project's build generates, as static files, no hooks.

    The files come from an unmeasured build of the project with the dump hook.
    """
    shutil.copytree(project / "docs", dest / "docs")
    shutil.copytree(project / "overrides", dest / "overrides")
    # The dump build runs in a copy of the project: its own page store (its config differs,
    # so it renders every page and would prune the project's stored pages), the same cards.
    dumper = dest.parent / "dump-project"
    shutil.copytree(project, dumper, ignore=shutil.ignore_patterns(CACHE_DIR))
    (project / CACHE_DIR / "share-cards").mkdir(parents=True, exist_ok=True)
    (dumper / CACHE_DIR).mkdir()
    (dumper / CACHE_DIR / "share-cards").symlink_to(project / CACHE_DIR / "share-cards", target_is_directory=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(dumper / "mkdocs-dump.yml"),
           "--site-dir", str(dest / "dump-site")]
    with open(log, "wb") as out:
        done = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, env={**BUILD_ENV, "HR_BENCH_DUMP": str(dest)}, cwd=dumper, check=False)
    if done.returncode != 0:
        raise SystemExit(f"dump build failed: see {log}")
    TRASH.discard(dest / "dump-site")
    TRASH.discard(dumper)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # No project hooks; only the template global the theme overrides call (baseline_globals.py).
    (dest / "hooks").mkdir(exist_ok=True)
    shutil.copy(HERE / "baseline_globals.py", dest / "hooks" / "baseline_globals.py")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\nhooks:\n  - hooks/baseline_globals.py\n", config)
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    patterns = (dest / "not_in_nav.txt").read_text(encoding="utf-8").split()
    if patterns:
        config += "\nnot_in_nav: |\n" + "".join(f"  {p}\n" for p in patterns)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")


# --- measuring --------------------------------------------------------------------------------


def load1() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


class Trash:
    """Folders the run is done with: moved aside, deleted only when the whole run ends.

    Deleting them right before a build measured the file system rather than the build:
    ext4 without a journal (this VM's disk) skips, when it creates a file, every inode
    freed in the last one to six minutes, reading each one's record, so a build right
    after the previous site and cache were deleted (13,000 files at 1,000 honorees) paid
    100-300 µs of kernel time for every file it created instead of a few, and its
    processes spun on a folder's lock while another held it for that long (perf: 20 % of a
    cold build's CPU). A fresh CI runner, or any build not started within minutes of a
    mass deletion, creates files at the usual cost; both sides here now build as that."""

    def __init__(self) -> None:
        self.folders: list[Path] = []  # temporary folders of the run, deleted at its end
        self.count = 0

    def discard(self, path: Path) -> None:
        if path.exists() or path.is_symlink():
            aside = self.folders[-1] / "trash"  # the current size's folder: the same file system
            aside.mkdir(exist_ok=True)
            path.rename(aside / str(self.count))
            self.count += 1

    def empty(self) -> None:
        for folder in self.folders:
            shutil.rmtree(folder, ignore_errors=True)
        self.folders = []


TRASH = Trash()


def measure_build(project: Path, site: Path, log: Path) -> Build:
    TRASH.discard(site)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)]
    before = load1()
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=BUILD_ENV, cwd=project)
        # wait4 reports the build process's own usage plus that of every child it
        # waited for; ru_maxrss is the largest resident set among them (KiB on Linux).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({project}): see {log}\n" + log.read_text(errors="replace")[-3000:])
    total = files = pages = 0
    largest = ("", 0)
    search: list[tuple[str, int]] = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        rel = path.relative_to(site).as_posix()
        total += size
        files += 1
        if rel.endswith(".html"):
            pages += 1
            if size > largest[1]:
                largest = (rel, size)
        if rel.split("/", 1)[0] in SEARCH_DIRS:
            search.append((rel, size))
    return Build(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,
        output_mb=total / 1e6,
        files=files,
        pages=pages,
        largest_page=largest[0],
        largest_page_kb=largest[1] / 1e3,
        search_mb=sum(s for _, s in search) / 1e6,
        search=_search_summary(search),
        load_before=before,
    )


def _search_summary(search: list[tuple[str, int]]) -> dict:
    out: dict = {}
    for rel, size in search:
        top = rel.split("/", 1)[0] + "/"
        d = out.setdefault(top, {"files": 0, "mb": 0.0, "largest": "", "largest_kb": 0.0})
        d["files"] += 1
        d["mb"] += size / 1e6
        if size / 1e3 > d["largest_kb"]:
            d["largest"], d["largest_kb"] = rel, size / 1e3
    return out


CACHE_DIR = ".cache"  # the project's build cache (share cards, QR codes, finished pages), next to mkdocs.yml


def _report(n: int, label: str, i: int, runs: int, b: Build) -> None:
    print(
        f"  N={n} {label:11s} run {i + 1}/{runs}: {b.wall:6.1f} s wall, {b.cpu:6.1f} s CPU, "
        f"{b.peak_rss_mb:5.0f} MiB peak (load before {b.load_before:.2f})",
        file=sys.stderr,
        flush=True,
    )


def bench_size(n: int, runs: int, cold_runs: int, seed: int, workdir: Path | None, skip_baseline: bool, page_cold_runs: int = 0) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"hr-bench-{n}-", dir=workdir))
    TRASH.folders.append(tmp)
    # Its folder goes when the whole run ends (Trash).
    project = make_project(tmp / "project", n, seed)
    result: dict = {"n": n, "runs": runs}
    # Cold: no build cache, as on a fresh checkout or a CI machine.
    cold: list[Build] = []
    for i in range(cold_runs):
        TRASH.discard(project / CACHE_DIR)
        cold.append(measure_build(project, tmp / "site-project", tmp / f"build-cold-{i}.log"))
        _report(n, "cold", i, cold_runs, cold[-1])
    result["cold"] = [asdict(b) for b in cold]
    # Pages cold: every page rendered again, the cards kept, as after a change to the
    # code, the theme or mkdocs.yml (the page store's key changes for every page).
    pages_cold: list[Build] = []
    for i in range(page_cold_runs):
        if not (project / CACHE_DIR / "share-cards").is_dir():
            measure_build(project, tmp / "site-project", tmp / "build-cards.log")  # draw the cards first
        TRASH.discard(project / CACHE_DIR / "pages")
        pages_cold.append(measure_build(project, tmp / "site-project", tmp / f"build-pages-cold-{i}.log"))
        _report(n, "pages cold", i, page_cold_runs, pages_cold[-1])
    result["pages_cold"] = [asdict(b) for b in pages_cold]
    if not cold and not pages_cold:  # "warm" means a cache left by an earlier build: make one, unmeasured
        measure_build(project, tmp / "site-project", tmp / "build-warm-up.log")
    baseline = tmp / "baseline"
    if not skip_baseline:
        start = time.perf_counter()
        make_baseline(baseline, project, tmp / "build-dump.log")
        result["baseline_preparation_s"] = time.perf_counter() - start
    real: list[Build] = []
    base: list[Build] = []
    for i in range(runs):
        # Alternate the order so that a burst of load elsewhere hits both sides alike.
        order = [("project", project, real), ("baseline", baseline, base)]
        if skip_baseline:
            order = order[:1]
        elif i % 2:
            order.reverse()
        for label, proj, into in order:
            into.append(measure_build(proj, tmp / f"site-{label}", tmp / f"build-{label}-{i}.log"))
            _report(n, label, i, runs, into[-1])
    result["project"] = [asdict(b) for b in real]
    if not skip_baseline:
        result["baseline"] = [asdict(b) for b in base]
        result["ratio_wall"] = [r.wall / b.wall for r, b in zip(real, base)]
        result["ratio_cpu"] = [r.cpu / b.cpu for r, b in zip(real, base)]
        bw, bc = med(b.wall for b in base), med(b.cpu for b in base)
        for key, builds in (("cold", cold), ("pages_cold", pages_cold)):
            if builds:
                result[f"{key}_ratio_wall"] = [c.wall / bw for c in builds]
                result[f"{key}_ratio_cpu"] = [c.cpu / bc for c in builds]
    return result


# --- reporting --------------------------------------------------------------------------------


def med(values) -> float:
    return statistics.median(values)


NAMES = {
    "cold": "project, cold cache",
    "pages_cold": "project, pages cold (cards cached)",
    "project": "project, warm cache",
    "baseline": "baseline",
}


def table(results: list[dict]) -> str:
    rows = [
        "| N | build | wall s | CPU s | peak RSS MiB | output MB | pages | largest page | search payload MB | ratio wall (CPU) | wall ms / honoree |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for r in results:
        for label in NAMES:
            bs = r.get(label)
            if not bs:
                continue
            ratio = ""
            key = "ratio" if label == "project" else f"{label}_ratio"
            if label != "baseline" and f"{key}_wall" in r:
                ratio = f"{med(r[key + '_wall']):.2f} ({med(r[key + '_cpu']):.2f})"
            name = NAMES[label] + f" ×{len(bs)}"
            largest = max(bs, key=lambda b: b["largest_page_kb"])
            rows.append(
                f"| {r['n']:,} | {name} | {med(b['wall'] for b in bs):.1f} | {med(b['cpu'] for b in bs):.1f} | "
                f"{med(b['peak_rss_mb'] for b in bs):.0f} | {med(b['output_mb'] for b in bs):.1f} | {bs[0]['pages']:,} | "
                f"{largest['largest_page']} ({largest['largest_page_kb']:.0f} KB) | {med(b['search_mb'] for b in bs):.1f} | "
                f"{ratio} | {1000 * med(b['wall'] for b in bs) / r['n']:.1f} |"
            )
    return "\n".join(rows)


def growth(results: list[dict]) -> str:
    """Marginal cost per added honoree between consecutive sizes: flat means linear."""
    lines = []
    ordered = sorted(results, key=lambda r: r["n"])
    for label in NAMES:
        for a, b in itertools.pairwise(ordered):
            if not a.get(label) or not b.get(label):
                continue
            wa = med(x["wall"] for x in a[label])
            wb = med(x["wall"] for x in b[label])
            ca = med(x["cpu"] for x in a[label])
            cb = med(x["cpu"] for x in b[label])
            name = NAMES[label]
            lines.append(
                f"- {name}, N {a['n']:,} → {b['n']:,}: +{1000 * (wb - wa) / (b['n'] - a['n']):.1f} ms wall, "
                f"+{1000 * (cb - ca) / (b['n'] - a['n']):.1f} ms CPU per added honoree"
            )
    return "\n".join(lines)


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name")), "?")
    mem = next((ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")), "0")
    from importlib.metadata import version

    return (
        f"nproc {os.cpu_count()}, {cpu}, RAM {int(mem) / 1024 / 1024:.1f} GiB, "
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--runs", type=int, default=3, help="warm-cache project builds and baseline builds per size")
    ap.add_argument("--cold-runs", type=int, default=1, help="project builds with the build cache removed first")
    ap.add_argument("--page-cold-runs", type=int, default=0,
                    help="project builds with only the stored pages removed (cards kept): every page rendered again")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-baseline", action="store_true", help="build the project only")
    ap.add_argument("--json", type=Path, help="also write every run's figures here")
    ap.add_argument("--workdir", type=Path, default=None, help="where the temporary projects go (default: system temp)")
    ap.add_argument("--keep-folders", action="store_true",
                    help="leave the temporary folders behind (printed at the end): a run started within minutes of "
                    "another run's deletions measures the file system's cost of them (see Trash)")
    args = ap.parse_args(argv)

    print(f"machine: {machine()}", file=sys.stderr)
    print(f"load average at start: {Path('/proc/loadavg').read_text().strip()}", file=sys.stderr)
    results = []
    try:
        for n in args.sizes:
            results.append(bench_size(n, args.runs, args.cold_runs, args.seed, args.workdir, args.no_baseline, args.page_cold_runs))
            if args.json:  # after each size, so a long run leaves its figures behind
                args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=1), encoding="utf-8")
    finally:
        if args.keep_folders:
            print("temporary folders left: " + " ".join(map(str, TRASH.folders)), file=sys.stderr)
        else:
            TRASH.empty()
    print(f"load average at end: {Path('/proc/loadavg').read_text().strip()}", file=sys.stderr)
    print(f"Machine: {machine()}\n")
    print(f"Median of {args.runs} run(s); ratio = project / baseline, computed run by run, then the median.\n")
    print(table(results))
    if len(results) > 1:
        print("\nCost per added honoree (project build):\n")
        print(growth(results))
    print("\nSearch payload measured (project build, first run): every file under " + ", ".join(f"{d}/" for d in SEARCH_DIRS) + ":")
    for r in results:
        found = (r.get("project") or r.get("cold"))[0]["search"]
        desc = "; ".join(f"{d} {v['files']:,} files, {v['mb']:.1f} MB, largest {v['largest']} ({v['largest_kb']:.0f} KB)" for d, v in found.items())
        print(f"- N {r['n']:,}: {desc or 'no search files'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
