"""Typed domain models. Each has ``to_doc()`` / ``from_doc()`` for the JSON store.

Dates are ``datetime.date``; instants are timezone-aware ``datetime`` in
Europe/Stockholm. In the store they are ISO 8601 strings so the file stays readable.
Identifiers are TinyDB document ids (small ints): "åtgärd 142" is action id 142.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

from store.model.constants import (  # noqa: F401  (re-exported: the models speak these words)
    ABSENT,
    ACTION_STATUSES,
    ACTIVE_STATUSES,
    AD_HOC,
    ATTENDANCE_CYCLE,
    CANCELLED,
    DECISION,
    DONE,
    EXCUSED,
    FIRE,
    FORUM_KINDS,
    HELD,
    HOLIDAY_IGNORE,
    HOLIDAY_NEXT_WORKING_DAY,
    HOLIDAY_SKIP,
    IN_PROGRESS,
    INFO,
    MONTHLY_NTH_WEEKDAY,
    MUNICIPALITY,
    OPEN,
    OTHER,
    PARTIES,
    PER_TERM,
    PLANNED,
    POLICE,
    PRESENT,
    ROTATING,
    STANDING_ORG,
    STANDING_PERSON,
    STRUCK,
    TIMES_PER_YEAR,
    TZ,
    WEEKLY,
)


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dt(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=TZ)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


class Model:
    """Plain conversion for flat dataclasses; nested ones override."""

    id: int

    def to_doc(self) -> dict[str, Any]:
        doc = asdict(self)  # type: ignore[call-overload]
        doc.pop("id", None)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0):
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        values = {k: v for k, v in doc.items() if k in known}
        values["id"] = doc_id
        return cls(**values)


@dataclass
class Organisation(Model):
    name: str
    kind: str = OTHER  # police | municipality | fire | other
    municipality: str = ""
    id: int = 0


@dataclass
class Person(Model):
    name: str
    organisation_id: int | None = None
    role: str = ""  # e.g. "lokalpolisområdeschef", "stadsdirektör", "rektor"
    email: str = ""
    id: int = 0


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


@dataclass
class Attendance:
    name: str
    person_id: int | None = None
    organisation: str = ""
    role: str = ""
    status: str = PRESENT
    guest: bool = False

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Attendance:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in doc.items() if k in known})


@dataclass
class AgendaItem:
    key: int
    title: str

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Meeting(Model):
    forum_id: int
    start: datetime
    end: datetime | None = None
    location: str = ""
    status: str = PLANNED
    chair: str = ""  # empty: the forum's chair rule decides
    secretary: str = ""
    justerare: str = ""
    attendance: list[Attendance] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["start"] = _iso(self.start)
        doc["end"] = _iso(self.end)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> Meeting:
        meeting = super().from_doc(doc, doc_id)
        meeting.start = _dt(doc["start"])  # type: ignore[assignment]
        meeting.end = _dt(doc.get("end"))
        meeting.attendance = [Attendance.from_doc(a) for a in doc.get("attendance", [])]
        meeting.agenda = [AgendaItem(**a) for a in doc.get("agenda", [])]
        return meeting

    @property
    def day(self) -> date:
        return self.start.astimezone(TZ).date()


@dataclass
class Entry(Model):
    meeting_id: int
    kind: str  # info | decision
    text: str
    created: datetime | None = None
    agenda_key: int | None = None
    confidential: bool = False
    promise_ids: list[int] = field(default_factory=list)
    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["created"] = _iso(self.created)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> Entry:
        entry = super().from_doc(doc, doc_id)
        entry.created = _dt(doc.get("created"))
        return entry


@dataclass
class ActionEvent:
    """One dated line in an action's history: a status change, a new due date or a note."""

    at: datetime
    meeting_id: int | None = None
    status: str | None = None
    due: date | None = None
    note: str = ""

    def to_doc(self) -> dict[str, Any]:
        return {
            "at": _iso(self.at),
            "meeting_id": self.meeting_id,
            "status": self.status,
            "due": _iso(self.due),
            "note": self.note,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> ActionEvent:
        return cls(
            at=_dt(doc["at"]),  # type: ignore[arg-type]
            meeting_id=doc.get("meeting_id"),
            status=doc.get("status"),
            due=_d(doc.get("due")),
            note=doc.get("note", ""),
        )


@dataclass
class Action(Model):
    text: str
    origin_meeting_id: int | None = None
    owner_person_id: int | None = None
    owner_organisation_id: int | None = None
    due: date | None = None
    status: str = OPEN
    promise_id: int | None = None
    agenda_key: int | None = None
    confidential: bool = False
    created: datetime | None = None
    history: list[ActionEvent] = field(default_factory=list)
    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["due"] = _iso(self.due)
        doc["created"] = _iso(self.created)
        doc["history"] = [e.to_doc() for e in self.history]
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> Action:
        action = super().from_doc(doc, doc_id)
        action.due = _d(doc.get("due"))
        action.created = _dt(doc.get("created"))
        action.history = [ActionEvent.from_doc(e) for e in doc.get("history", [])]
        return action

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_active and self.due is not None and self.due < today


@dataclass
class Target:
    """A measurable promise target: ``count`` times per ``per``.

    ``per`` is one of: period (the whole promise period), year, term, tertial, month, week.
    """

    count: int
    per: str = "period"

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Promise(Model):
    text: str
    municipality: str = ""
    period_label: str = ""  # as published: "2019/2020", "2021-2022"
    period_start: date | None = None
    period_end: date | None = None
    focus_area: str = ""
    parties: list[str] = field(default_factory=list)  # police | municipality | fire
    target: Target | None = None
    follow_up_forum_id: int | None = None
    follow_up_cadence: str = ""  # e.g. "varje tertial"
    expected_effect: str = ""
    agreement_id: int | None = None
    comments: str = ""
    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["period_start"] = _iso(self.period_start)
        doc["period_end"] = _iso(self.period_end)
        doc["target"] = self.target.to_doc() if self.target else None
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> Promise:
        promise = super().from_doc(doc, doc_id)
        promise.period_start = _d(doc.get("period_start"))
        promise.period_end = _d(doc.get("period_end"))
        target = doc.get("target")
        promise.target = Target(**target) if target else None
        return promise


@dataclass
class Agreement(Model):
    name: str
    municipality: str = ""
    parties: list[str] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    id: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["start"] = _iso(self.start)
        doc["end"] = _iso(self.end)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> Agreement:
        agreement = super().from_doc(doc, doc_id)
        agreement.start = _d(doc.get("start"))
        agreement.end = _d(doc.get("end"))
        return agreement


TABLES: dict[str, type[Model]] = {
    "organisations": Organisation,
    "people": Person,
    "forums": Forum,
    "meetings": Meeting,
    "entries": Entry,
    "actions": Action,
    "promises": Promise,
    "agreements": Agreement,
}
