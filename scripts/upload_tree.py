#!/usr/bin/env python3
"""The built site as object storage behind a CDN needs it: one object per URL.

A bucket cannot choose between x.html and x.html.gz per request as nginx does,
so every text file goes up compressed, under its own name, with
``Content-Encoding: gzip`` (deploy/publish-s3.sh sets the headers). Every
browser accepts gzip. Text files the build left uncompressed (below 1 KB) are
compressed here; other files are copied as they are; the server's files
(``.server/``, ``.htaccess``) and the ``.gz`` copies themselves stay behind,
except ``sitemap.xml.gz``, which is a file of the site in its own right.

Usage: python scripts/upload_tree.py SITE_DIR OUT_DIR
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from honour_roll.site.precompress import TEXT_SUFFIXES, gzip_bytes  # noqa: E402

KEEP_GZ = {"sitemap.xml.gz"}


def upload_tree(site: Path, out: Path) -> int:
    """Write the tree; returns how many files it holds."""
    if out.exists():
        shutil.rmtree(out)
    count = 0
    for root, dirs, names in os.walk(site):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            source = Path(root, name)
            rel = source.relative_to(site)
            if name.startswith(".") or (name.endswith(".gz") and rel.as_posix() not in KEEP_GZ):
                continue
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.suffix in TEXT_SUFFIXES:
                copy = source.with_name(name + ".gz")
                target.write_bytes(copy.read_bytes() if copy.is_file() else gzip_bytes(source.read_bytes()))
            else:
                shutil.copyfile(source, target)
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description="Prepare the built site for an S3-compatible bucket.")
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: không có trang web đã tạo (chạy make build trước)", file=sys.stderr)
        return 1
    print(f"{upload_tree(args.site, args.out)} tệp trong {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
