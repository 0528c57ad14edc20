"""Shared helpers: project paths, site builds, a static server for the browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

from honour_roll.record.movement import load_movement  # noqa: E402  (after ROOT: the tests' own imports come first)

# The bundled movement (data/movement.yml) and the kinds tests name.
MOVEMENT = load_movement(ROOT / "data" / "movement.yml")
COLLECTIVE, ENTERPRISE, INDIVIDUAL = (MOVEMENT.kind(k) for k in ("collective", "enterprise", "individual"))
GUIDANCE_FILE = ROOT / "data" / MOVEMENT.guidance.file
SEED = ROOT.parent / "shared" / "seed" / "000_291254695fdad206.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764460800"}


def make_project(dest: Path, records: list[Path] | None = None, photos: Path | None = None) -> Path:
    """A copy of the project's site sources with the given records as its data."""
    for name in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, dest / name)
    # The core package is installed, not copied: drop its watch entry.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("  - honour_roll/templates\n", "")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "data" / "guidance", dest / "data" / "guidance")
    shutil.copy(ROOT / "data" / "movement.yml", dest / "data" / "movement.yml")
    (dest / "data" / "honorees").mkdir(parents=True)
    for record in records or []:
        shutil.copy(record, dest / "data" / "honorees" / record.name)
    if photos:
        shutil.copytree(photos, dest / "data" / "photos")
    return dest


def run_build(
    project: Path, site: Path, engine: str = "mkdocs", strict: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """``env``: variables added to BUILD_ENV."""
    cmd = [sys.executable, "-m", engine, "build", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)]
    if strict:
        cmd.append("--strict")
    return subprocess.run(cmd, capture_output=True, text=True, env={**BUILD_ENV, **(env or {})}, cwd=project)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """One strict build of the real project with its sample data."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = run_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class StaticServer:
    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright; one per test module, since
    Playwright's sync API allows one instance at a time."""
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, served_site):
    """A desktop-sized page that fails the test on any uncaught script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


@pytest.fixture(scope="session")
def served_site(real_site):
    with StaticServer(real_site) as server:
        yield server
