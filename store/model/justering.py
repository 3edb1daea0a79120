"""A rättelse: a change to minutes after they were approved (justerade), with when and who."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from store.model.base import _dt, _iso

# What a rättelse changed (the catalogue words them: chain.amendment.<kind>).
ENTRY_ADDED = "entry_added"
ENTRY_CHANGED = "entry_changed"
ENTRY_DELETED = "entry_deleted"
ACTION_ADDED = "action_added"
ACTION_CHANGED = "action_changed"
ACTION_DELETED = "action_deleted"
MEETING_CHANGED = "meeting_changed"


@dataclass
class Amendment:
    at: datetime
    by: str
    kind: str
    text: str = ""  # the line as it now reads, or what changed ("Anna Berg: frånvarande")
    before: str = ""  # the line as it read before, for a changed or removed line
    confidential: bool = False  # about a confidential line: left out of minutes like the line

    def to_doc(self) -> dict[str, Any]:
        return {"at": _iso(self.at), "by": self.by, "kind": self.kind, "text": self.text,
                "before": self.before, "confidential": self.confidential}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Amendment:
        return cls(at=_dt(doc["at"]), by=doc.get("by", ""), kind=doc.get("kind", ""),  # type: ignore[arg-type]
                   text=doc.get("text", ""), before=doc.get("before", ""),
                   confidential=bool(doc.get("confidential", False)))
