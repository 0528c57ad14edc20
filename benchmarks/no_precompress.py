"""Benchmark hook (compress_bench.py): with BENCH_NO_PRECOMPRESS=1 in the environment,
the project's build without the compressed copies, to measure what they cost. The
hook is in both variants, so that the page store's key (which covers mkdocs.yml and
the hooks' code) is the same for both. Never used by the site's own build."""

import os

import honour_roll.site.server_files as server_files
from honour_roll.site.precompress import Compressed

if os.environ.get("BENCH_NO_PRECOMPRESS") == "1":
    server_files.compress_site = lambda site_dir, cache_dir=None, workers=None: Compressed()
