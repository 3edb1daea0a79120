"""Entries (information and decisions) of a meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from store.model.base import _dt
from store.model.constants import DECISION, INFO
from store.model.justering import ENTRY_ADDED, ENTRY_CHANGED, ENTRY_DELETED
from store.model.meeting import Entry, Meeting
from store.repository.history import HistoryRecords
from store.rules import clock
from store.text.i18n import UserError


@dataclass(frozen=True)
class LinePlace:
    table: str  # "entries" or "actions"
    id: int
    agenda_key: int | None
    created: datetime | None
    decision: bool


class EntryRecords(HistoryRecords):
    def entries(self, meeting_id: int) -> list[Entry]:
        """The meeting's entries the actor may see, in the order logged."""
        found = (self._model("entries", eid) for eid in self._entry_ids(meeting_id))
        return [entry for entry in found if entry is not None]

    def _entry_ids(self, meeting_id: int) -> list[int]:
        ids = list(self.indexes.entries_of(meeting_id))
        if self.storage.year_of("meetings", str(meeting_id)) is not None:  # a meeting of history
            ids = sorted({*ids, *(int(key) for key, _ in self._archived_entries(meeting_id))})
        return ids

    def entry_docs(self) -> dict[str, Any]:
        """Raw entry documents of the open store by id string that the actor may see
        (history: ``history_tables``)."""
        return self._seen_docs("entries", self._raw("entries"))

    def decision_places(self, meeting_id: int) -> list[tuple[int | None, int]]:
        """(agenda key, id) of every decision of the meeting, also those the actor may not
        see, and nothing else of them: the minutes number their paragraphs alike for all."""
        return [(doc.get("agenda_key"), eid) for eid in self._entry_ids(meeting_id)
                if (doc := self._stored("entries", eid)) is not None and doc.get("kind") == DECISION]

    def line_places(self, meeting_id: int) -> list[LinePlace]:
        """Where every line logged in the meeting stands (its agenda item, when it was
        logged, whether it is a decision), also lines the actor may not see, and nothing
        else of them: the minutes place and number lines alike for every reader."""
        places = [LinePlace("entries", eid, doc.get("agenda_key"), _dt(doc.get("created")), doc.get("kind") == DECISION)
                  for eid in self._entry_ids(meeting_id)
                  if (doc := self._stored("entries", eid)) is not None]
        action_ids = set(self.indexes.actions_of(meeting_id))
        if self.storage.year_of("meetings", str(meeting_id)) is not None:  # a meeting of history
            action_ids.update(int(key) for key in self._archived_actions_of(meeting_id))
        places += [LinePlace("actions", aid, doc.get("agenda_key"), _dt(doc.get("created")), False)
                   for aid in sorted(action_ids)
                   if (doc := self._stored("actions", aid)) is not None and doc.get("origin_meeting_id") == meeting_id]
        return places

    def entry(self, entry_id: int) -> Entry | None:
        return self._model("entries", entry_id)

    def add_entry(
        self,
        meeting: Meeting,
        kind: str,
        text: str,
        confidential: bool | None = None,
        agenda_key: int | None = None,
        promise_ids: list[int] | None = None,
        at: datetime | None = None,
    ) -> Entry:
        entry = self._new_entry(meeting, kind, text, confidential, agenda_key, promise_ids, at)
        with self.transaction():
            self._locked_entry(entry, ENTRY_ADDED)
            return self._insert("entries", entry)

    def _new_entry(
        self,
        meeting: Meeting,
        kind: str,
        text: str,
        confidential: bool | None = None,
        agenda_key: int | None = None,
        promise_ids: list[int] | None = None,
        at: datetime | None = None,
    ) -> Entry:
        """The entry as it will be stored; ``confidential=None`` takes the forum's default."""
        if kind not in (INFO, DECISION):
            raise UserError("repo.bad_entry_kind", kind=kind)
        if not text.strip():
            raise UserError("repo.empty_text")
        forum = self.forum(meeting.forum_id)
        if confidential is None:
            confidential = bool(forum and forum.confidential_default)
        return Entry(
            meeting_id=meeting.id,
            kind=kind,
            text=text.strip(),
            created=at or clock.now(),
            agenda_key=agenda_key,
            confidential=confidential,
            promise_ids=list(promise_ids or []),
            by=self.writer(),
        )

    def save_entry(self, entry: Entry) -> Entry:
        """Save a changed entry; a changed text is the saver's (``Entry.by``)."""
        if not entry.text.strip():
            raise UserError("repo.empty_text")
        with self.transaction():
            stored = self._raw("entries").get(str(entry.id))
            if stored is None or stored.get("text") != entry.text:
                entry.by = self.writer()
            self._locked_entry(entry, ENTRY_CHANGED)
            return self._save("entries", entry)

    def delete_entry(self, entry_id: int) -> None:
        with self.transaction():
            self._locked_entry(self.entry(entry_id), ENTRY_DELETED)
            self._delete("entries", entry_id)

