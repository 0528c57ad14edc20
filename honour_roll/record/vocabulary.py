"""The record's own controlled list, the same in every movement: its status.

Everything a movement decides (kinds, pillars, localities, levels, awards,
criteria, years) is data, read from its movement file (movement.py).
"""

from __future__ import annotations

import enum


class Vocabulary(enum.Enum):
    """An enum whose value is the id; subclasses give labels."""

    @property
    def id(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @classmethod
    def choices_text(cls) -> str:
        return ", ".join(f"{m.id} ({m.label})" for m in cls)


class Status(Vocabulary):
    DRAFT = "draft"
    NOMINATED = "nominated"
    RECOGNISED = "recognised"

    @classmethod
    def _labels(cls):
        return {"draft": "bản nháp", "nominated": "được đề cử", "recognised": "đã được công nhận"}
