"""The preview's error page: while an editor runs the preview server and a
record is invalid, every page of the site shows the list of problems, so the
editor sees what to fix in the browser rather than a stale page.

Only the preview uses it; a real build fails and publishes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from honour_roll.site.generated import Generated
from honour_roll.record.loader import record_files
from honour_roll.site.pages import make_environment
from honour_roll.record.problems import Problem
from honour_roll.site.urls import HOME_SRC, honoree_src


def error_pages(
    problems: list[Problem], data_dir: Path, nav: Iterable[str] = (), other_pages: Iterable[str] = (), warnings_only: bool = False
) -> list[Generated]:
    """The same error page at the home page, every nav page, every other
    page given, and the page of every record file (the one being edited too,
    even when its name or content is what is wrong)."""
    title = "Hồ sơ chưa đủ điều kiện đăng" if warnings_only else "Hồ sơ chưa hợp lệ"
    content = make_environment().get_template("error.md.j2").render(
        title=title,
        problems=sorted(problems),
        files=sorted({p.source for p in problems}),
        warnings_only=warnings_only,
    )
    in_nav = set(nav)
    uris = dict.fromkeys([HOME_SRC, *nav, *other_pages, *(honoree_src(f.stem) for f in record_files(data_dir))])
    return [Generated(uri, content, in_nav=uri in in_nav) for uri in uris]
