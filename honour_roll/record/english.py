"""The English edition's text: the movement's (its ``en:`` block) and a record's.

Vietnamese is the roll's language; English is a second one that people write,
never a machine. A movement without an ``en:`` block has no English edition; a
record without one is listed in Vietnamese on the English pages, and marked so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindEnglish:
    label: str  # "Collective": a badge
    plural: str  # "Collectives": a page's title
    intro: str = ""


@dataclass(frozen=True)
class PillarEnglish:
    label: str
    intro: str = ""


@dataclass(frozen=True)
class MovementEnglish:
    site_name: str
    title: str
    short_name: str
    scope: str
    description: str
    intro: str  # Markdown
    issuer: str
    awarding_body: str
    guidance_title: str
    guidance_summary: str  # Markdown, written by people: a summary, not a translation
    pillar_label: str
    pillar_plural: str
    # (id, English) pairs, in the movement's order: tuples, so that two readings of one
    # movement file compare equal (the preview's memo keys on them).
    kinds: tuple[tuple[str, KindEnglish], ...] = ()
    pillars: tuple[tuple[str, PillarEnglish], ...] = ()
    levels: tuple[tuple[str, str], ...] = ()
    criteria: tuple[tuple[str, str], ...] = ()
    rule_labels: tuple[str, ...] = ()
    rule_requirement: str = ""
    localities: tuple[tuple[str, str], ...] = ()
    awards: tuple[tuple[str, str], ...] = ()

    # Lookups by the movement's own objects, as templates hold them.
    def kind(self, kind) -> KindEnglish:
        return _find(self.kinds, kind.id)

    def pillar(self, pillar) -> PillarEnglish:
        return _find(self.pillars, pillar.id)

    def level(self, level) -> str:
        return _find(self.levels, level.id)

    def criterion(self, criterion) -> str:
        return _find(self.criteria, criterion.id)

    def locality(self, locality) -> str:
        return _find(self.localities, locality.id)

    def award(self, award) -> str:
        return _find(self.awards, award.id)

    def rule_reason(self, result) -> str:
        """RuleResult.reason, in English."""
        parts = [f"{n} {label}" if n == 1 else f"{n} × {label}" for n, label in zip(result.counts, self.rule_labels) if n]
        have = " and ".join(parts) if parts else "no recognised initiative yet"
        return f"Met: {have}." if result.met else f"Not met: {have}; {self.rule_requirement}."


def _find(pairs, key: str):
    for k, value in pairs:
        if k == key:
            return value
    raise KeyError(key)


@dataclass(frozen=True)
class HonoreeEnglish:
    """A record's ``en:`` block: its text in English, for its page under /en/."""

    name: str
    summary: str
    story: str  # Markdown, made safe as the Vietnamese story is
    position: str | None = None
    unit: str | None = None
    parent_body: str | None = None
    achievements: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()  # replication.steps
    requirements: tuple[str, ...] = ()  # replication.requirements
    photos: tuple[tuple[str, str | None], ...] = ()  # (alt, credit) of each photo, in the record's order

    def photo(self, index: int) -> tuple[str, str | None] | None:
        """The English description (and credit) of the record's photo at ``index``, if given."""
        return self.photos[index] if index < len(self.photos) else None
