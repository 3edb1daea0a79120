"""A matter raised from one forum to another (lyft till), with its lineage both ways.

The origin is an entry or an action of a meeting; it lands as an entry under the
agenda item "Ärenden från andra forum" of the receiving forum's next meeting. The
receiving forum's decision on it is an entry of that forum, linked here, so the
origin's follow-up can say what was decided. Raised again from the receiving forum,
the landed entry is the next escalation's origin: the chain is followed by ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from store.model.base import Model


@dataclass
class Escalation(Model):
    origin_forum_id: int | None
    origin_meeting_id: int | None
    target_forum_id: int
    target_meeting_id: int
    target_entry_id: int
    text: str  # what travelled: the origin's text, or the anonymised one
    origin_entry_id: int | None = None
    origin_action_id: int | None = None
    anonymised: bool = False  # the origin was confidential: a new text was given
    by: str = ""
    created: datetime | None = None
    decision_entry_id: int | None = None
    id: int = 0

    INSTANTS = ("created",)
