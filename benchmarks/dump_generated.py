"""MkDocs hook used only by run.py to make the BASELINE: after the project's
own hook has added its generated files, write every one of them into
``$HR_BENCH_DUMP/docs/`` as a plain file, and the patterns of the pages kept
out of the nav into ``$HR_BENCH_DUMP/not_in_nav.txt``.

Taking the files from a real build (rather than calling the core again) keeps
the baseline exactly what the project's build adds, whatever the hook does.
It runs in a separate, unmeasured build (``mkdocs-dump.yml``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-100)  # after the project's hook
def on_files(files, config):
    dest = Path(os.environ["HR_BENCH_DUMP"])
    patterns: set[str] = set()
    for f in files:
        if f.generated_by is None:
            continue
        target = dest / "docs" / f.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if f.abs_src_path and f._content is None:
            shutil.copyfile(f.abs_src_path, target)
        else:
            target.write_bytes(f.content_bytes)
        if f.is_documentation_page() and f.inclusion.is_not_in_nav():
            head, _, _ = f.src_uri.partition("/")
            patterns.add(f"/{head}/" if "/" in f.src_uri else f"/{f.src_uri}")
    (dest / "not_in_nav.txt").write_text("\n".join(sorted(patterns)) + "\n", encoding="utf-8")
    return files
