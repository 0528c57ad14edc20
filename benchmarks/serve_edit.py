"""How long an editor waits, under ``mkdocs serve``, between saving a record and
seeing the change in the browser.

Starts ``mkdocs serve`` on 127.0.0.1 for a copy of the project with N synthetic
honorees (default 1,000), opens one honoree page in headless Chromium, then
repeatedly changes that record's summary and measures the time from the save
until the new text is visible in the open page (MkDocs' livereload reloads
it). The server's log lines are timestamped as they arrive, so each edit's
time splits into: change detected (watchdog polling), rebuild, and the
browser's reload.

    .venv/bin/python benchmarks/serve_edit.py                 # 1,000 honorees, 5 edits
    .venv/bin/python benchmarks/serve_edit.py --n 1000 --edits 7

Two moments are measured:

- "served": the first moment the edited page, fetched over HTTP, carries the
  new text (what a manual reload would show);
- "visible": the new text in the open page, reloaded by MkDocs' livereload.

The built site's Content-Security-Policy would block the inline livereload
script that ``mkdocs serve`` injects, so the preview leaves the policy out
(honour_roll/site/html_post.py). The browser enforces whatever policy the page
has (``--bypass-csp`` makes Chromium ignore it, to compare).

"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import BUILD_ENV, make_project

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SUMMARY = re.compile(r"^summary: >-\n(  .*\n)+", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerLog:
    """The server's output, each line stamped with the time it arrived."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip()
            with self._cond:
                self.lines.append((time.perf_counter(), line))
                self._cond.notify_all()

    def wait_for(self, needle: str, after: float, timeout: float) -> float | None:
        """Time of the first line containing needle that arrived after `after`."""
        deadline = time.perf_counter() + timeout
        with self._cond:
            while True:
                for t, line in self.lines:
                    if t >= after and needle in line:
                        return t
                left = deadline - time.perf_counter()
                if left <= 0:
                    return None
                self._cond.wait(left)

    def since(self, after: float) -> list[str]:
        with self._cond:
            return [line for t, line in self.lines if t >= after]


def _rss_mib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode("utf-8", "replace")


def set_summary(record: Path, text: str) -> None:
    yaml = record.read_text(encoding="utf-8")
    new, count = SUMMARY.subn(lambda m: f"summary: >-\n  {text}\n", yaml, count=1)
    assert count == 1, record
    record.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    csp = ap.add_mutually_exclusive_group()
    csp.add_argument("--bypass-csp", dest="bypass_csp", action="store_true")
    csp.add_argument("--enforce-csp", dest="bypass_csp", action="store_false", default=False)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one edit to show")
    args = ap.parse_args(argv)

    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="hr-serve-edit-"))
    server = None
    try:
        project = make_project(tmp / "project", args.n, args.seed)
        record = sorted((project / "data" / "honorees").glob("*.yml"))[args.n // 2]
        url_path = f"/guong-dien-hinh/{record.stem}/"
        port = free_port()
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--config-file",
               str(project / "mkdocs.yml")]
        start = time.perf_counter()
        server = subprocess.Popen(cmd, cwd=project, env=BUILD_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        log = ServerLog(server.stdout)
        if log.wait_for("Serving on", start, timeout=600) is None:
            raise SystemExit("mkdocs serve did not start:\n" + "\n".join(log.since(0)))
        print(f"first build and start: {time.perf_counter() - start:.1f} s", file=sys.stderr)
        url = f"http://127.0.0.1:{port}{url_path}"

        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(bypass_csp=args.bypass_csp)
            page = context.new_page()
            blocked: list[str] = []
            page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(url, wait_until="load")
            time.sleep(1.0)  # let the livereload poller connect
            for i in range(1, args.edits + 1):
                marker = f"Nội dung chỉnh sửa lần {i} mã {int(time.time() * 1000) % 10**8}"
                text = f"{marker}: đơn vị tiếp tục đẩy mạnh chuyển đổi số và dịch vụ công trực tuyến."
                t0 = time.perf_counter()
                set_summary(record, text)
                served = visible = None
                deadline = t0 + args.timeout
                # Stay idle while the server rebuilds (polling the browser would take CPU
                # from the build on this 2-core machine): wait for its "Reloading browsers".
                log.wait_for("Reloading browsers", t0, args.timeout)
                while time.perf_counter() < deadline and visible is None:
                    if served is None:
                        try:
                            if marker in fetch(url):  # blocks while the server rebuilds
                                served = time.perf_counter()
                        except OSError:
                            pass
                    try:
                        if page.evaluate("m => !!document.body && document.body.innerText.includes(m)", marker):
                            visible = time.perf_counter()
                            break
                    except PlaywrightError:
                        pass  # the page is navigating (the reload itself)
                    if served is not None and not args.bypass_csp and time.perf_counter() - served > 5:
                        break  # livereload is blocked: it will never show by itself
                    time.sleep(0.01)
                detected = log.wait_for("Detected file changes", t0, 0.1)
                building = log.wait_for("Building documentation", t0, 0.1)
                built = log.wait_for("Reloading browsers", t0, 0.1)
                row = {
                    "edit": i,
                    "detected": detected - t0 if detected else None,
                    "rebuild": built - building if built and building else None,
                    "served": served - t0 if served else None,
                    "visible": visible - t0 if visible else None,
                }
                row["browser"] = visible - built if visible and built else None
                row["server RSS MiB"] = _rss_mib(server.pid)
                rows.append(row)
                print("  " + ", ".join(f"{k} {v:.2f} s" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()),
                      file=sys.stderr, flush=True)
                # Let the server go quiet before the next edit.
                log.wait_for("Reloading browsers", t0, args.timeout)
                time.sleep(1.5)
                if not visible:  # start the next edit from a page that has the current text
                    page.goto(url, wait_until="load")
                    time.sleep(1.0)
            browser.close()

        def median(key):
            values = [r[key] for r in rows if r[key] is not None]
            return f"{statistics.median(values):.2f} s" if values else "never"

        print(f"\nmkdocs serve, {args.n:,} honorees, {len(rows)} edits of one record's summary"
              + (", page CSP bypassed" if args.bypass_csp else ", page CSP enforced") + ":")
        for key, what in (
            ("detected", "save → change detected by the server"),
            ("rebuild", "full rebuild (Building documentation → Reloading browsers)"),
            ("served", "save → new text served over HTTP"),
            ("visible", "save → new text visible in the open page (livereload)"),
            ("browser", "rebuild done → visible (poll answer, reload, render)"),
        ):
            print(f"  median {what}: {median(key)}")
        if blocked:
            print(f"  CSP blocked {len(blocked)} script(s), e.g.: {blocked[0][:200]}")
        return 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
