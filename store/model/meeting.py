"""A meeting of a forum: attendance, agenda, and the entries (information, decisions)
logged in it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

from store.model.base import Model, _dt, _iso
from store.model.constants import (
    PLANNED,
    PRESENT,
    TZ,
)
from store.model.justering import Amendment


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
    minutes: int | None = None       # the time budget, if the agenda gives one
    started: datetime | None = None  # when the meeting first came to this item

    def to_doc(self) -> dict[str, Any]:
        # Only what is set: an agenda without budgets is stored as it always was.
        doc: dict[str, Any] = {"key": self.key, "title": self.title}
        if self.minutes is not None:
            doc["minutes"] = self.minutes
        if self.started is not None:
            doc["started"] = _iso(self.started)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> AgendaItem:
        minutes = doc.get("minutes")
        return cls(int(doc["key"]), str(doc.get("title", "")), int(minutes) if minutes is not None else None,
                   _dt(doc.get("started")))


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
    # Justering: who approved the minutes and when; changes after it are rättelser.
    approved_at: datetime | None = None
    approved_by: str = ""
    amendments: list[Amendment] = field(default_factory=list)

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["start"] = _iso(self.start)
        doc["end"] = _iso(self.end)
        doc["approved_at"] = _iso(self.approved_at)
        doc["amendments"] = [a.to_doc() for a in self.amendments]
        doc["agenda"] = [item.to_doc() for item in self.agenda]
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> Meeting:
        meeting = super().from_doc(doc, doc_id)
        meeting.start = _dt(doc["start"])  # type: ignore[assignment]
        meeting.end = _dt(doc.get("end"))
        meeting.attendance = [Attendance.from_doc(a) for a in doc.get("attendance", [])]
        meeting.agenda = [AgendaItem.from_doc(a) for a in doc.get("agenda", [])]
        meeting.approved_at = _dt(doc.get("approved_at"))
        meeting.amendments = [Amendment.from_doc(a) for a in doc.get("amendments", ())]
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
    # Who wrote the line as it reads now: the account's name when served, on the command
    # line the name given with --by or the computer's user name ("" in older stores).
    by: str = ""

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["created"] = _iso(self.created)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> Entry:
        entry = super().from_doc(doc, doc_id)
        entry.created = _dt(doc.get("created"))
        return entry
