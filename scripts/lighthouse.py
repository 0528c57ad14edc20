#!/usr/bin/env python3
"""Lighthouse as a benchmark, not a test: prints mobile and desktop scores for
the home page, two honoree pages (one with a photo, one pictured by its share
card), a pillar page and Tra cứu of a fresh build, served on loopback, with
each page's cumulative layout shift (CLS) and largest contentful paint (LCP).

Usage: .venv/bin/python scripts/lighthouse.py [--runs 1] [--presets mobile desktop]
Installs the Lighthouse pinned in scripts/lighthouse/package-lock.json (a
version whose engines fit the Node 20 of Debian's npm) into .cache/lighthouse
with `npm ci`; Chromium is Debian's /usr/bin/chromium; every host but
127.0.0.1 is unreachable. With several runs each cell is the median, followed
by the range (min–max) when the runs differ. Lighthouse is CPU-bound: the
machine's load average is printed before and after, since scores on a busy
machine are lower and noisier.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE = CACHE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves text with gzip, as any production static host or CDN does."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", "/")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not self.path.split("?")[0].endswith(self.COMPRESSIBLE) or not os.path.isfile(path):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


PINNED = ROOT / "scripts" / "lighthouse"  # package.json and package-lock.json


def ensure_lighthouse() -> None:
    """The pinned Lighthouse, reinstalled whenever the lock file changes."""
    lock = (PINNED / "package-lock.json").read_bytes()
    installed = CACHE / "package-lock.json"
    if LIGHTHOUSE.exists() and installed.is_file() and installed.read_bytes() == lock:
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        (CACHE / name).write_bytes((PINNED / name).read_bytes())
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--engine-strict"], cwd=CACHE, check=True)


def versions() -> str:
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    lighthouse = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    return f"Lighthouse {lighthouse}, Node {node}, {os.cpu_count()} CPUs"


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def cell(values: list[float]) -> str:
    median = f"{statistics.median(values):g}"
    return median if min(values) == max(values) else f"{median} ({min(values)}–{max(values)})"


def run(url: str, preset: str) -> dict[str, float]:
    flags = "--headless=new --no-sandbox --disable-gpu --host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'"
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout", f"--chrome-flags={flags}",
           "--only-categories=" + ",".join(CATEGORIES)]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=True)
    report = json.loads(out.stdout)
    scores: dict[str, float] = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    scores["CLS"] = round(report["audits"]["cumulative-layout-shift"]["numericValue"], 3)
    scores["LCP s"] = round(report["audits"]["largest-contentful-paint"]["numericValue"] / 1000, 1)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="runs per page and preset; the median is printed")
    parser.add_argument("--presets", nargs="+", default=["mobile", "desktop"], choices=["mobile", "desktop"])
    args = parser.parse_args()
    ensure_lighthouse()
    site = Path(tempfile.mkdtemp(prefix="lighthouse-")) / "site"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(site)], check=True)
    honorees = sorted(p.name for p in (site / "guong-dien-hinh").iterdir() if p.is_dir())
    def page(h: str) -> str:
        return (site / "guong-dien-hinh" / h / "index.html").read_text(encoding="utf-8")

    with_photo = next(h for h in honorees if 'class="hr-hero"' in page(h))  # led by a photo
    card_only = next(h for h in honorees if "hr-hero--card" in page(h))  # led by its share card
    english = site / "en" / "honorees"
    en_photo = next((h for h in honorees if (english / h / "index.html").is_file() and 'class="hr-hero"' in (english / h / "index.html").read_text(encoding="utf-8")), "")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    print(f"{versions()}; {args.runs} run(s) per row; before: {load()}")
    columns = (*CATEGORIES, "CLS", "LCP s")
    print(f"| page | preset | {' | '.join(columns)} |")
    print("|---|---|" + "---:|" * len(columns))
    pages = (
        ("home", "/"), (f"honoree, photo ({with_photo})", f"/guong-dien-hinh/{with_photo}/"),
        (f"honoree, share card ({card_only})", f"/guong-dien-hinh/{card_only}/"), ("pillar", "/tru-cot/kinh-te-so/"), ("Tra cứu", "/tra-cuu/"),
        # The English edition, when the movement has one.
        *((label, path) for label, path in (
            ("English home", "/en/"), (f"English honoree ({en_photo})", f"/en/honorees/{en_photo}/"),
            ("English guidance", "/en/guidance/"), ("English pillar", "/en/pillars/digital-economy/"),
        ) if (site / path.strip("/") / "index.html").is_file()),
    )
    try:
        for label, path in pages:
            for preset in args.presets:
                runs = [run(base + path, preset) for _ in range(args.runs)]
                print(f"| {label} | {preset} | " + " | ".join(cell([r[c] for r in runs]) for c in columns) + " |", flush=True)
    finally:
        httpd.shutdown()
        shutil.rmtree(site.parent, ignore_errors=True)  # the build is only for these runs
    print(f"after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
