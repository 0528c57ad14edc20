"""Counts for the home page, and the quota the guidance sets (section 4 of today's)."""

from __future__ import annotations

from dataclasses import dataclass

from honour_roll.record.model import Honoree
from honour_roll.record.movement import Kind, Movement, Pillar


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


def quota_progress(honorees: tuple[Honoree, ...], movement: Movement) -> list[QuotaProgress]:
    """Each kind the guidance sets a least number of."""
    return [
        QuotaProgress(kind, kind.quota, sum(1 for h in honorees if h.kind == kind)) for kind in movement.kinds if kind.quota
    ]


def counts(honorees: tuple[Honoree, ...], movement: Movement) -> dict[tuple[Pillar, Kind, int], int]:
    """Honorees by pillar × kind × year; one honoree counts in each of its pillars."""
    table = {(p, k, y): 0 for p in movement.pillars for k in movement.kinds for y in movement.years}
    for h in honorees:
        for p in h.pillars:
            table[(p, h.kind, h.year)] += 1
    return table
