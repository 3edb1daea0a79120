"""A forum and its series: cadence, chair rule, members, standing agenda."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from store.model.base import Model, _d, _iso
from store.model.constants import (
    AD_HOC,
    HOLIDAY_NEXT_WORKING_DAY,
    STANDING_ORG,
)


@dataclass
class Pause:
    """A named period the series does not meet (sommaruppehåll, jul, skollov).

    ``start``/``end`` (inclusive) are "MM-DD" for a pause every year (``12-21`` to
    ``01-06`` crosses the new year) or "YYYY-MM-DD" for one period; a ``rule``
    (``skolloven``) derives the periods from the school-term rule instead.
    """

    name: str = ""
    start: str = ""
    end: str = ""
    rule: str = ""

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Pause:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in doc.items() if k in known})


@dataclass
class Cadence:
    kind: str = AD_HOC
    weekday: int = 0  # Monday = 0
    time: str = "09:00"  # local Stockholm time HH:MM
    duration_minutes: int = 60
    nth: int = 1  # monthly: 1..4, or -1 for the last weekday of the month
    times: int = 4  # times_per_year: spread evenly, first month below
    first_month: int = 2
    start: date | None = None  # series starts on or after this date
    end: date | None = None
    # The series pauses here: applied to the day a meeting lands on (after holidays).
    pauses: list[Pause] = field(default_factory=list)

    def to_doc(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["start"] = _iso(self.start)
        doc["end"] = _iso(self.end)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any] | None) -> Cadence:
        doc = dict(doc or {})
        doc["start"] = _d(doc.get("start"))
        doc["end"] = _d(doc.get("end"))
        doc["pauses"] = [Pause.from_doc(p) for p in doc.get("pauses", ())]
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in doc.items() if k in known})


@dataclass
class ChairRule:
    kind: str = STANDING_ORG
    person_id: int | None = None
    organisation_id: int | None = None
    roles: list[str] = field(default_factory=list)  # rotating: order of roles
    start_year: int = 2023  # rotating: roles[0] chairs this year

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any] | None) -> ChairRule:
        doc = doc or {}
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in doc.items() if k in known})


@dataclass
class Forum(Model):
    name: str
    kind: str = "other"
    municipality: str = ""
    member_ids: list[int] = field(default_factory=list)
    cadence: Cadence = field(default_factory=Cadence)
    chair_rule: ChairRule = field(default_factory=ChairRule)
    holiday_rule: str = HOLIDAY_NEXT_WORKING_DAY
    confidential_default: bool = False
    standing_agenda: list[str] = field(default_factory=list)
    location: str = ""
    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["cadence"] = self.cadence.to_doc()
        doc["chair_rule"] = self.chair_rule.to_doc()
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> Forum:
        forum = super().from_doc(doc, doc_id)
        forum.cadence = Cadence.from_doc(doc.get("cadence"))
        forum.chair_rule = ChairRule.from_doc(doc.get("chair_rule"))
        return forum
