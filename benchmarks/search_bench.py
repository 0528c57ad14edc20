"""Search and Tra cứu at scale: figures at 100, 1,000 and 10,000 honorees.

    .venv/bin/python benchmarks/search_bench.py [--sizes 100 1000 10000] [--keep DIR]

For each size N:

1. N synthetic recognised records (benchmarks/synthetic.py, seed 0).
2. The build's search step (documents + sharded index, the same call the
   build makes) in a fresh process: its time, and the process's peak memory.
3. The index: bytes and files.
4. Headless Chromium (Debian's /usr/bin/chromium), every query cold (a new
   browser context, empty cache):
   - the results page /tim-kiem/?q=...: bytes of index files transferred,
     bytes of everything transferred, and the time from navigation start to
     the first result on screen;
   - the header box, typed with real key presses at phone speed on an
     already loaded page: index bytes transferred while typing (every
     intermediate prefix included) and the time from the last key press to
     the results of the whole query.
5. The Tra cứu page: HTML bytes (raw and gzip), time to first paint, and
   time until the filters work.

Building 10,000 honoree pages with MkDocs takes many minutes and measures
other features, so the pages come from one real build of the project (its
header, stylesheets, scripts, results page and Tra cứu page) into which each
size's index and Tra cứu list are put: the index files are exactly what a
build of N records writes, and the Tra cứu list is the same raw HTML block.

Bytes are as served (no compression), so they are upper bounds: a static
host that gzips sends far less (the gzip column says how much less).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SIZES = (100, 1000, 10000)
TYPING_DELAY_MS = 200  # a thumb on a phone keyboard: every prefix is searched (the box waits 150 ms)
FIXED_QUERIES = ["chuyen doi so", "xuyen moc", "Đất Đỏ", "dich vu cong truc tuyen", "Hòa", "tieu chi 3.3.a", "so", "th"]


def wait_for_synthetic(timeout: float = 15 * 60):
    """benchmarks/synthetic.py is written by another engineer: wait for it."""
    path = ROOT / "benchmarks" / "synthetic.py"
    deadline = time.time() + timeout
    while not path.is_file():
        if time.time() > deadline:
            sys.exit(f"{path} did not appear; it provides write_honorees()")
        print(f"waiting for {path} ...", file=sys.stderr)
        time.sleep(20)
    from synthetic import write_honorees

    return write_honorees


# --- the search step, in its own process ---------------------------------------------------------


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def index_step(project: Path, out: Path) -> None:
    """Run in a child process: load the roll, time the search step, write its files."""
    from honour_roll.site.browse import browse_page
    from honour_roll.record.guidance import load_guidance
    from honour_roll.record.loader import load_roll
    from honour_roll.site.search_index import search_files

    t0 = time.perf_counter()
    roll = load_roll(project / "data", project)
    guidance = load_guidance(project / "data" / roll.movement.guidance.file, roll.movement)
    load_s = time.perf_counter() - t0
    rss_before = _peak_rss_mb()
    t0 = time.perf_counter()
    files = search_files(roll, guidance, project / "docs")
    step_s = time.perf_counter() - t0
    rss_after = _peak_rss_mb()
    browse = browse_page(roll)
    for f in files + [browse]:
        dest = out / f.src_uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(f.content, encoding="utf-8")
    middle = roll.published[len(roll.published) // 2]
    person = next((h for h in roll.published[len(roll.published) // 3 :] if h.unit), middle)
    print(json.dumps({
        "load_s": load_s, "step_s": step_s, "peak_rss_mb": rss_after, "step_rss_growth_mb": rss_after - rss_before,
        "name_query": person.name, "unit_query": person.unit or middle.name,
    }))


# --- serving, with bytes counted -----------------------------------------------------------------


class CountingServer:
    def __init__(self, root: Path):
        self.sent: list[tuple[str, int]] = []
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as any real static host

            def log_message(self, *args):
                pass

            def send_header(self, key, value):
                if key.lower() == "content-length":
                    server.sent.append((self.path, int(value)))
                super().send_header(key, value)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def take(self) -> list[tuple[str, int]]:
        sent, self.sent = self.sent, []
        return sent

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def index_bytes(sent) -> int:
    return sum(n for path, n in sent if "/tim-kiem/index/" in path)


# --- measurements in Chromium --------------------------------------------------------------------

FIRST_RESULT_PROBE = """
new MutationObserver((_, obs) => {
  if (document.querySelector('.hr-result')) { window.__firstResult = performance.now(); obs.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""


def results_page_query(browser, server: CountingServer, query: str) -> dict:
    from urllib.parse import quote_plus

    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(FIRST_RESULT_PROBE)
    page = context.new_page()
    server.take()
    page.goto(f"{server.url}/tim-kiem/?q={quote_plus(query)}")
    page.wait_for_function("() => window.__firstResult !== undefined", timeout=30_000)
    first_ms = page.evaluate("window.__firstResult")
    # when search.js asked for the index: what the search itself took, page load excluded
    asked_ms = page.evaluate(
        "(performance.getEntriesByType('resource').find(e => e.name.includes('/tim-kiem/index/meta.json')) || {}).startTime"
    )
    page.wait_for_function(
        "() => /kết quả|Không tìm thấy/.test(document.querySelector('[data-hr-search-page-status]').textContent)"
    )
    status = page.locator("[data-hr-search-page-status]").text_content()
    page.wait_for_load_state("networkidle")
    sent = server.take()
    context.close()
    return {"first_ms": first_ms, "search_ms": first_ms - asked_ms, "index": index_bytes(sent),
            "total": sum(n for _, n in sent), "status": status}


def typed_query(browser, server: CountingServer, query: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + "/")
    page.wait_for_load_state("networkidle")
    server.take()
    page.locator("#hr-search-input").click()
    page.keyboard.type(query[:-1], delay=TYPING_DELAY_MS)
    page.wait_for_timeout(TYPING_DELAY_MS)
    t0 = page.evaluate("performance.now()")
    page.keyboard.type(query[-1])
    shown = query.strip()
    page.wait_for_function(
        "q => [...document.querySelectorAll('[data-hr-search-popup] [role=option], [data-hr-search-footer]')]"
        ".some(el => el.textContent.includes('“' + q + '”'))",
        arg=shown, timeout=30_000,
    )
    ms = page.evaluate("performance.now()") - t0
    page.wait_for_load_state("networkidle")
    sent = server.take()
    context.close()
    return {"after_last_key_ms": ms, "index": index_bytes(sent)}


def browse_page_load(browser, server: CountingServer) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    server.take()
    t0 = time.perf_counter()
    page.goto(server.url + "/tra-cuu/?tru-cot=xa-hoi-so&loai=ca-nhan")
    page.wait_for_function("() => !document.querySelector('[data-hr-browse]').hidden", timeout=60_000)
    ready_ms = page.evaluate("performance.now()")
    fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null")
    status = page.locator("[data-hr-browse-status]").text_content()
    sent = server.take()
    context.close()
    return {"fcp_ms": fcp, "ready_ms": ready_ms, "status": status, "wall_s": time.perf_counter() - t0,
            "html": next((n for p, n in sent if p.startswith("/tra-cuu/")), 0)}


# --- one size ------------------------------------------------------------------------------------


def splice_browse(base_html: str, markdown: str) -> tuple[str, int]:
    """The base build's Tra cứu page with N's filters and list (the same raw HTML block)."""
    start, end = '<form class="hr-browse"', "</div></noscript>"
    block = markdown[markdown.index(start) : markdown.rindex(end) + len(end)]
    a = base_html.index(start)
    b = base_html.rindex(end) + len(end)
    html = base_html[:a] + block + base_html[b:]
    count = len(re.findall(r"<li><a ", block))
    return html, count


def run_size(n: int, work: Path, base_site: Path, write_honorees, browser) -> dict:
    project = work / f"n{n}"
    (project / "data" / "guidance").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "data" / "guidance" / "huong-dan-2022.txt", project / "data" / "guidance")
    shutil.copy(ROOT / "data" / "movement.yml", project / "data" / "movement.yml")
    if not (project / "docs").exists():
        shutil.copytree(ROOT / "docs", project / "docs")
    honorees = project / "data" / "honorees"
    if not honorees.is_dir() or len(list(honorees.glob("*.yml"))) != n:
        shutil.rmtree(honorees, ignore_errors=True)
        write_honorees(honorees, n, seed=0)

    out = work / f"out{n}"
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run([sys.executable, __file__, "--index-step", str(project), str(out)],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    step = json.loads(result.stdout.strip().splitlines()[-1])

    index_dir = out / "tim-kiem" / "index"
    index_files = [p for p in index_dir.rglob("*") if p.is_file()]
    index_size = sum(p.stat().st_size for p in index_files)

    site = work / f"site{n}"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(base_site, site)
    shutil.rmtree(site / "tim-kiem" / "index")
    shutil.copytree(index_dir, site / "tim-kiem" / "index")
    browse_md = (out / "tra-cuu.md").read_text(encoding="utf-8")
    base_browse = (base_site / "tra-cuu" / "index.html").read_text(encoding="utf-8")
    html, entries = splice_browse(base_browse, browse_md)
    (site / "tra-cuu" / "index.html").write_text(html, encoding="utf-8")
    html_bytes = html.encode("utf-8")

    queries = FIXED_QUERIES + [step["name_query"], step["unit_query"]]
    server = CountingServer(site)
    try:
        per_query = {}
        for q in queries:
            page = results_page_query(browser, server, q)
            typed = typed_query(browser, server, q)
            per_query[q] = {**page, "typed_index": typed["index"], "after_last_key_ms": typed["after_last_key_ms"]}
        browse = browse_page_load(browser, server)
    finally:
        server.close()
    return {
        "n": n, **step, "index_bytes": index_size, "index_files": len(index_files), "queries": per_query,
        "browse_html": len(html_bytes), "browse_html_gzip": len(gzip.compress(html_bytes, 6)), "browse_entries": entries,
        "browse": browse,
    }


def base_build(work: Path) -> Path:
    """One real build of the project: the pages, header, CSS and JS every size reuses."""
    site = work / "base-site"
    if not (site / "tim-kiem" / "index.html").is_file():
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764460800"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--config-file", str(ROOT / "mkdocs.yml"),
                        "--site-dir", str(site)], check=True, env=env, cwd=ROOT)
    return site


# --- report --------------------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1024:,.0f}"


def report(results: list[dict]) -> None:
    print()
    print("Search and Tra cứu at scale (bytes as served, uncompressed; times on this machine)")
    print()
    head = ("honorees", "search step s", "peak RSS MB", "index MB", "index files",
            "cold query index KB max", "cold page total KB max", "typed index KB max",
            "first result ms median / max", "of which search ms max", "after last key ms max")
    rows = []
    for r in results:
        qs = r["queries"].values()
        firsts = [q["first_ms"] for q in qs]
        rows.append((
            f"{r['n']:,}", f"{r['step_s']:.2f}", f"{r['peak_rss_mb']:.0f}", f"{r['index_bytes'] / 2**20:.1f}",
            f"{r['index_files']:,}", kb(max(q["index"] for q in qs)), kb(max(q["total"] for q in qs)),
            kb(max(q["typed_index"] for q in qs)), f"{statistics.median(firsts):.0f} / {max(firsts):.0f}",
            f"{max(q['search_ms'] for q in qs):.0f}", f"{max(q['after_last_key_ms'] for q in qs):.0f}",
        ))
    _table(head, rows)
    print()
    head = ("honorees", "Tra cứu list entries", "Tra cứu HTML KB", "gzip KB", "first paint ms", "filters ready ms")
    rows = [(f"{r['n']:,}", f"{r['browse_entries']:,}", kb(r["browse_html"]), kb(r["browse_html_gzip"]),
             f"{r['browse']['fcp_ms'] or 0:.0f}", f"{r['browse']['ready_ms']:.0f}") for r in results]
    _table(head, rows)
    biggest = results[-1]
    print()
    print(f"Cold queries at {biggest['n']:,} honorees")
    head = ("query", "results", "index KB", "page total KB", "first result ms", "search ms", "typed index KB",
            "after last key ms")
    rows = []
    for q, m in biggest["queries"].items():
        count = re.search(r"Có ([\d.]+) kết quả", m["status"] or "")
        rows.append((q, f"{int(count.group(1).replace('.', '')):,}" if count else "0", kb(m["index"]), kb(m["total"]), f"{m['first_ms']:.0f}",
                     f"{m['search_ms']:.0f}", kb(m["typed_index"]), f"{m['after_last_key_ms']:.0f}"))
    _table(head, rows)
    print()
    print("search step: documents + index in the build (roll loading excluded); peak RSS: the whole process,")
    print("roll loading included. cold page total: HTML, CSS, JS, fonts and index of the results page.")
    print("first result: from navigation start (page load included) to the first result on screen; search ms:")
    print("from search.js's first request for the index. after last key: includes the box's 150 ms pause.")


def _table(head, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).rjust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    ap.add_argument("--keep", type=Path, help="work folder to keep (records are reused between runs)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--index-step", nargs=2, type=Path, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.index_step:
        index_step(*args.index_step)
        return 0

    write_honorees = wait_for_synthetic()
    from playwright.sync_api import sync_playwright

    work = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        base_site = base_build(work)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for n in sorted(args.sizes):
                print(f"{n:,} honorees ...", file=sys.stderr)
                results.append(run_size(n, work, base_site, write_honorees, browser))
            browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
