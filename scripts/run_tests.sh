#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it, with the time each stage took.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { local name=$1; shift; local t0=$SECONDS; "$@"; echo "stage: ${name}: $((SECONDS - t0)) s"; }
stage "test tools (chromium, poppler, zbar, java, nginx, apache, rclone, rsync, npm checkers)" bash scripts/ensure_test_tools.sh
stage "pytest" .venv/bin/python -m pytest --durations=15 "$@"
