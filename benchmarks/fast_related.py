"""Prototype: ``PageMaker.related`` without the O(N²) scan.

``honour_roll.pages.PageMaker.related`` scores every other published honoree
for every honoree page and sorts them all: N·(N−1) score calls and N sorts of
N items. At 1,000 honorees that is most of the hook's time; at 10,000 it is
about 10⁸ score calls, several minutes of CPU.

The score only depends on (pillar set, locality, kind), of which there are at
most 7 × 10 × 3 = 210 combinations. So: group the published honorees by that
signature once (each group keeps the roll's display order), and for one
honoree score the groups instead of the honorees, then take the first items
of the best-scoring groups in display order. Ties are broken exactly as the
original does (``sorted`` is stable over ``published``, which is already in
``sort_key`` order, and sort keys are unique because names are), so the
output is byte-identical; ``python benchmarks/fast_related.py N`` checks that.

This is a benchmark prototype, not project code: the benchmark can load it as
an extra MkDocs hook (``run.py --prototype``), which patches the method before
the project's hook runs. The fix belongs in honour_roll/pages.py.
"""

from __future__ import annotations

import heapq
import sys
from pathlib import Path

from honour_roll import pages
from honour_roll.model import Honoree

_original_related = pages.PageMaker.related


def _signature(h: Honoree) -> tuple:
    return (frozenset(h.pillars), h.locality, h.kind)


def _groups(maker) -> list[tuple[tuple, list[int]]]:
    """(signature, positions in published order), computed once per PageMaker."""
    cached = maker.__dict__.get("_related_groups")
    if cached is None:
        index: dict[tuple, list[int]] = {}
        for pos, h in enumerate(maker.published):
            index.setdefault(_signature(h), []).append(pos)
        cached = maker.__dict__["_related_groups"] = list(index.items())
        maker.__dict__["_related_pos"] = {h.id: pos for pos, h in enumerate(maker.published)}
    return cached


def related(self, h: Honoree, limit: int = 3) -> list[Honoree]:
    groups = _groups(self)
    me = self.__dict__["_related_pos"].get(h.id)
    pillars = set(h.pillars)
    by_score: dict[int, list[list[int]]] = {}
    for (gp, gl, gk), positions in groups:
        score = 2 * len(pillars & gp) + (gl == h.locality) + (gk is h.kind)
        by_score.setdefault(score, []).append(positions)
    out: list[Honoree] = []
    for score in sorted(by_score, reverse=True):
        # Each group is in display order: its first limit+1 items are all it can contribute.
        heads = [p[: limit + 1] for p in by_score[score]]
        for pos in heapq.merge(*heads):
            if pos == me:
                continue
            out.append(self.published[pos])
            if len(out) == limit:
                return out
    return out


def install() -> None:
    pages.PageMaker.related = related


# Loaded as an MkDocs hook file: patch on import, before the project's hook runs.
install()


def _check(n: int) -> int:
    """Compare every generated file with and without the patch on n synthetic records."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import write_honorees

    from honour_roll.guidance import load_guidance
    from honour_roll.loader import load_roll
    from honour_roll.site import generate_site

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="hr-fast-related-") as tmp:
        data = Path(tmp)
        write_honorees(data / "honorees", n)
        roll = load_roll(data, data)
        guidance = load_guidance(root / "data" / "guidance" / "huong-dan-2022.txt")
        pages.PageMaker.related = _original_related
        before = generate_site(roll, guidance, data)
        install()
        after = generate_site(roll, guidance, data)
    same = before == after
    print(f"{n} records, {len(after)} files: {'identical' if same else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(_check(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
