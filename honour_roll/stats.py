"""Counts for the home page and the quota of section 4 of the guidance."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Honoree
from .vocabulary import YEARS, Kind, Pillar

# Section 4: "ít nhất 10 tập thể và 10 cá nhân".
QUOTA = {Kind.COLLECTIVE: 10, Kind.INDIVIDUAL: 10}


@dataclass(frozen=True)
class QuotaProgress:
    kind: Kind
    target: int
    count: int

    @property
    def met(self) -> bool:
        return self.count >= self.target

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.count / self.target))


def quota_progress(honorees: tuple[Honoree, ...]) -> list[QuotaProgress]:
    return [QuotaProgress(kind, target, sum(1 for h in honorees if h.kind is kind)) for kind, target in QUOTA.items()]


def counts(honorees: tuple[Honoree, ...]) -> dict[tuple[Pillar, Kind, int], int]:
    """Honorees by pillar × kind × year; one honoree counts in each of its pillars."""
    table = {(p, k, y): 0 for p in Pillar for k in Kind for y in YEARS}
    for h in honorees:
        for p in h.pillars:
            table[(p, h.kind, h.year)] += 1
    return table
