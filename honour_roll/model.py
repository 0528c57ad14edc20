"""The record model: typed, frozen, built only by the validator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

from .criteria import CRITERIA, INITIATIVE_RULE, Criterion, InitiativeRuleResult, initiative_rule
from .vocabulary import Award, Kind, Level, Locality, Pillar, Status


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
    editor_notes: str | None = field(default=None, repr=False)  # internal: never published
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # field path -> line

    @property
    def is_published(self) -> bool:
        return self.status is Status.RECOGNISED

    @cached_property
    def initiative_rule(self) -> InitiativeRuleResult | None:
        """Criterion 3.3.a, for individuals only."""
        if self.kind is not Kind.INDIVIDUAL:
            return None
        return initiative_rule(self.initiatives)

    @cached_property
    def criteria_met(self) -> tuple[Criterion, ...]:
        """Declared criteria plus the computed 3.3.a, in the guidance's order."""
        met = set(self.criteria)
        rule = self.initiative_rule
        if rule is not None and rule.met:
            met.add(INITIATIVE_RULE)
        return tuple(c for c in CRITERIA if c in met)

    @property
    def sort_key(self) -> tuple:
        """Newest first, then by name as Vietnamese readers expect."""
        date = self.recognition.date if self.recognition else dt.date(self.year, 1, 1)
        return (-date.toordinal(), self.name.casefold())
