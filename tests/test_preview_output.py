"""The preview's kept site folder (honour_roll/site/preview_output.py), on a real folder:
unchanged files are not written again, a page is skipped only when the folder holds the
stored page of the same key from a build that finished, and prune removes what a build
did not make. tests/test_serve.py compares a kept folder with a fresh preview's."""

from __future__ import annotations

import os

from honour_roll.site.preview_output import KeptOutput


def test_unchanged_bytes_are_not_written_again_and_stale_files_are_removed(tmp_path):
    site = tmp_path / "site"
    kept = KeptOutput()
    kept.begin(str(site))
    kept.write(b"a", str(site / "a" / "index.html"))
    kept.write(b"b", str(site / "b.txt"))
    (site / ".hidden").write_bytes(b"x")
    kept.succeeded()
    first = os.stat(site / "a" / "index.html").st_ino, os.stat(site / "a" / "index.html").st_mtime_ns

    kept.begin(str(site))
    kept.write(b"a", str(site / "a" / "index.html"))  # the same bytes: left as it is
    kept.write(b"c", str(site / "c.txt"))
    assert kept.prune() == 1  # b.txt: not made by this build
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == [".hidden", "a/index.html", "c.txt"]
    assert (os.stat(site / "a" / "index.html").st_ino, os.stat(site / "a" / "index.html").st_mtime_ns) == first
    assert (kept.written, kept.unchanged) == (1, 1)


def test_a_changed_file_linked_elsewhere_is_replaced_not_written_through(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "entry"
    cache.write_bytes(b"cached")
    kept = KeptOutput()
    kept.begin(str(site))
    os.link(cache, site / "x")
    kept.write(b"new", str(site / "x"))
    assert (site / "x").read_bytes() == b"new" and cache.read_bytes() == b"cached"


def test_a_page_is_skipped_only_with_the_key_the_last_finished_build_wrote(tmp_path):
    site = tmp_path / "site"
    page = str(site / "p" / "index.html")
    kept = KeptOutput()
    kept.begin(str(site))
    assert not kept.page_unchanged(page, "k1")  # nothing written yet
    kept.write(b"<html>1</html>", page)
    kept.page_written(page, "k1")
    kept.succeeded()

    kept.begin(str(site))
    assert not kept.page_unchanged(page, "k2")  # another key: its HTML must be written
    assert kept.page_unchanged(page, "k1")
    kept.write(b"<!-- kept -->", page)  # the placeholder the hook renders for it: never written
    assert (site / "p" / "index.html").read_bytes() == b"<html>1</html>"
    kept.page_written(page, "k1")
    kept.failed()  # a build that failed: nothing it knew is trusted

    kept.begin(str(site))
    assert not kept.page_unchanged(page, "k1")
