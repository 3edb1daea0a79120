"""The repository's indexes over the three large tables, each built the first time it is
needed and then kept up to date from the storage's change notifications.

- meetings: a meeting's (forum, day) and the meeting of a forum on a day;
- entries: a meeting's entries, in id order;
- actions: the actions created or handled in a meeting, and the active ones.

One per table, so ``samverkan log`` (which finds a meeting by its day) never reads the
entries or the actions, and the home screen never reads an entry. They cover what is
in the open store, not the yearly archive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from store.model.constants import ACTIVE_STATUSES
from store.persistence.gcpause import paused_gc

Docs = Callable[[str], Mapping[str, dict[str, Any]]]
INDEXED = ("meetings", "entries", "actions")


class Indexes:
    def __init__(self, docs: Docs):
        self._docs = docs
        self._built: set[str] = set()
        self._meeting_key: dict[int, tuple[int, str]] = {}
        self._meeting_by_day: dict[tuple[int, str], int] = {}
        self._entry_meeting: dict[int, int] = {}
        self._entries_by_meeting: dict[int, list[int]] = defaultdict(list)
        self._action_meetings: dict[int, tuple[int, ...]] = {}
        self._actions_by_meeting: dict[int, set[int]] = defaultdict(set)
        self._active: set[int] = set()

    def _need(self, table: str) -> None:
        if table not in self._built:
            self._built.add(table)
            index = self._indexer(table)
            with paused_gc():  # reads every document of the table: no cycle among them
                for key, doc in self._docs(table).items():
                    index(int(key), doc)

    def _indexer(self, table: str) -> Callable[[int, dict | None], None]:
        return {"meetings": self._meeting, "entries": self._entry, "actions": self._action}[table]

    def changed(self, table: str, key: str) -> None:
        """A document of ``table`` changed (or went): update the index if it is built."""
        if table in self._built:
            self._indexer(table)(int(key), self._docs(table).get(key))

    # -- what the repository asks ----------------------------------------------------

    def meeting_keys(self) -> dict[int, tuple[int, str]]:
        """meeting id -> (forum id, day as yyyy-mm-dd)."""
        self._need("meetings")
        return self._meeting_key

    def meeting_on(self, forum_id: int, day: str) -> int | None:
        self._need("meetings")
        return self._meeting_by_day.get((forum_id, day))

    def entries_of(self, meeting_id: int) -> list[int]:
        self._need("entries")
        return self._entries_by_meeting.get(meeting_id, [])

    def actions_of(self, meeting_id: int) -> set[int]:
        self._need("actions")
        return self._actions_by_meeting.get(meeting_id, set())

    def active_actions(self) -> set[int]:
        self._need("actions")
        return self._active

    # -- keeping them -------------------------------------------------------------------

    def _meeting(self, meeting_id: int, doc: dict | None) -> None:
        old = self._meeting_key.pop(meeting_id, None)
        if old is not None and self._meeting_by_day.get(old) == meeting_id:
            del self._meeting_by_day[old]
        if doc is not None:
            key = (doc["forum_id"], doc["start"][:10])
            self._meeting_key[meeting_id] = key
            self._meeting_by_day.setdefault(key, meeting_id)

    def _entry(self, entry_id: int, doc: dict | None) -> None:
        old = self._entry_meeting.pop(entry_id, None)
        if old is not None:
            self._entries_by_meeting[old].remove(entry_id)
        if doc is not None:
            self._entry_meeting[entry_id] = doc["meeting_id"]
            ids = self._entries_by_meeting[doc["meeting_id"]]
            ids.append(entry_id)
            if len(ids) > 1 and ids[-2] > entry_id:
                ids.sort()

    def _action(self, action_id: int, doc: dict | None) -> None:
        for meeting_id in self._action_meetings.pop(action_id, ()):
            self._actions_by_meeting[meeting_id].discard(action_id)
        self._active.discard(action_id)
        if doc is not None:
            if doc.get("status") in ACTIVE_STATUSES:
                self._active.add(action_id)
            meetings = {e["meeting_id"] for e in doc.get("history", ()) if e.get("meeting_id")}
            if doc.get("origin_meeting_id"):
                meetings.add(doc["origin_meeting_id"])
            self._action_meetings[action_id] = tuple(meetings)
            for meeting_id in meetings:
                self._actions_by_meeting[meeting_id].add(action_id)
