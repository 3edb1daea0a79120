"""An action (åtgärd): owner, due date, status and its dated history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from store.model.base import Model, _d, _dt, _iso
from store.model.constants import (
    ACTIVE_STATUSES,
    OPEN,
)


@dataclass
class ActionEvent:
    """One dated line in an action's history: a status change, a new due date or a note."""

    at: datetime
    meeting_id: int | None = None
    status: str | None = None
    due: date | None = None
    note: str = ""
    by: str = ""  # who made the change (as ``Entry.by``); "" in older stores

    def to_doc(self) -> dict[str, Any]:
        return {
            "at": _iso(self.at),
            "meeting_id": self.meeting_id,
            "status": self.status,
            "due": _iso(self.due),
            "note": self.note,
            "by": self.by,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> ActionEvent:
        return cls(
            at=_dt(doc["at"]),  # type: ignore[arg-type]
            meeting_id=doc.get("meeting_id"),
            status=doc.get("status"),
            due=_d(doc.get("due")),
            note=doc.get("note", ""),
            by=doc.get("by", ""),
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
