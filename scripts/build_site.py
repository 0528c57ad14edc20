#!/usr/bin/env python3
"""Build the site atomically: into a fresh folder beside the output, and only
when the build succeeds, swap it in. A failed build leaves the previous
output exactly as it was, so a half-written site is never published.

Usage: python scripts/build_site.py [--site-dir site] [--engine mkdocs|properdocs]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def source_date_epoch() -> str:
    """Dates in the output come from the last commit, never the clock, so
    two builds of one commit are byte-identical."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if out:
            return out
    except (OSError, subprocess.CalledProcessError):
        pass
    return "1735689600"  # 2025-01-01: a fixed date rather than today's


def build(site_dir: Path, engine: str = "mkdocs", config_file: Path = ROOT / "mkdocs.yml") -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(), "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", engine, "build", "--strict", "--config-file", str(config_file), "--site-dir", str(staging)]
    # MkDocs' own closing line ("Aborted with a BuildError!") is English and
    # says less than the Vietnamese line below; everything else passes through.
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in process.stdout:
        if not line.startswith("Aborted with"):
            sys.stderr.write(line)
    if process.wait() != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Không tạo được trang web; thư mục {site_dir} giữ nguyên như trước.", file=sys.stderr)
        return 1
    # mkdtemp made the folder private (0700); a published site is readable by the web server.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
        site_dir.rename(old)
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    print(f"Đã tạo trang web tại {site_dir}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the honour-roll site atomically.")
    parser.add_argument("--site-dir", default=str(ROOT / "site"))
    parser.add_argument("--engine", default="mkdocs", choices=["mkdocs", "properdocs"])
    parser.add_argument("--config-file", default=str(ROOT / "mkdocs.yml"))
    args = parser.parse_args()
    return build(Path(args.site_dir), args.engine, Path(args.config_file))


if __name__ == "__main__":
    sys.exit(main())
