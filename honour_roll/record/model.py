"""The record model: typed, frozen, built only by the validator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

from honour_roll.record.english import HonoreeEnglish
from honour_roll.record.movement import Award, Criterion, Kind, Level, Locality, Movement, Pillar, RuleResult
from honour_roll.record.vocabulary import Status


@dataclass(frozen=True)
class Recognition:
    decision: str
    date: dt.date
    issued_by: str
    award: Award


@dataclass(frozen=True)
class Initiative:
    title: str
    level: Level
    recognised_by: str
    year: int


@dataclass(frozen=True)
class Contact:
    organisation: str
    website: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Replication:
    steps: tuple[str, ...]
    requirements: tuple[str, ...] = ()
    contact: Contact | None = None


@dataclass(frozen=True)
class Photo:
    file: PurePosixPath  # relative to the data folder
    alt: str
    credit: str
    consent: bool = False


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Honoree:
    id: str  # the file name stem: also the page URL
    source: str  # the record's path as editors see it, for messages
    status: Status
    kind: Kind
    name: str
    locality: Locality
    pillars: tuple[Pillar, ...]
    year: int
    summary: str
    story: str
    recognition: Recognition | None = None
    position: str | None = None
    unit: str | None = None
    parent_body: str | None = None
    achievements: tuple[str, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    criteria: tuple[Criterion, ...] = ()  # as declared by the editors
    replication: Replication | None = None
    photos: tuple[Photo, ...] = ()
    links: tuple[Link, ...] = ()
    aliases: tuple[str, ...] = ()
    en: HonoreeEnglish | None = None  # its text in English: a page under /en/
    editor_notes: str | None = field(default=None, repr=False)  # internal: never published
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # field path -> line
    movement: Movement | None = field(default=None, compare=False, repr=False)  # whose criteria and rule apply

    @property
    def is_published(self) -> bool:
        return self.status is Status.RECOGNISED

    @cached_property
    def initiative_rule(self) -> RuleResult | None:
        """The movement's initiative rule (3.3.a today), for the kind its criterion belongs to."""
        computed = self.movement.rule_criterion if self.movement else None
        if computed is None or computed.kind != self.kind:
            return None
        return self.movement.initiative_rule.evaluate(i.level.id for i in self.initiatives)

    @cached_property
    def criteria_met(self) -> tuple[Criterion, ...]:
        """Declared criteria plus the computed one, in the guidance's order."""
        met = set(self.criteria)
        rule = self.initiative_rule
        if rule is not None and rule.met:
            met.add(self.movement.rule_criterion)
        order = self.movement.criteria if self.movement else self.criteria
        return tuple(c for c in order if c in met)

    @property
    def sort_key(self) -> tuple:
        """Newest first, then by name as Vietnamese readers expect."""
        date = self.recognition.date if self.recognition else dt.date(self.year, 1, 1)
        return (-date.toordinal(), self.name.casefold())
