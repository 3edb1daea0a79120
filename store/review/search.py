"""Search everything that was logged: information, decisions, actions and promise texts.

Pure store code (no Textual), shared by the TUI's search screen and anything else
that wants it. A query is split into words; a hit must contain every word,
case-insensitively (``casefold`` after NFC normalisation, so "Å", "å" and an "a"
followed by a combining ring are the same letter). Hits come newest first.

Confidential entries and actions are never returned unless the caller asks for
them with ``include_confidential``, and never when the repository's actor may not
see them (``Repository.may_see_line``: a confidential forum's lines and ``!!`` lines
are its members' only), asked for or not.

``SearchIndex`` keeps the case-folded text of every document and follows the
store's change notifications (as ``store.review.action_index.ActionIndex`` does), so a screen
that searches on every keystroke folds each text once per session, not per key. It
reads history a year at a time and keeps only what a hit needs, never the documents.
``search()`` is the one-shot form of the same thing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from store.model.constants import DECISION, INFO
from store.persistence.gcpause import paused_gc
from store.repository import Repository

ACTION = "action"
PROMISE = "promise"
KINDS = (INFO, DECISION, ACTION, PROMISE)
SNIPPET_WIDTH = 90
_TABLES = ("entries", "actions", "promises")


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # info | decision | action | promise
    id: int
    meeting_id: int | None  # None for a promise, or an action logged outside a meeting
    date: date | None  # the meeting's day; a promise's first day
    forum: str
    snippet: str
    confidential: bool = False


def fold(text: str) -> str:
    """The form both the query and the texts are compared in."""
    return unicodedata.normalize("NFC", text).casefold()


def query_words(text: str) -> list[str]:
    return fold(text).split()


def snippet(text: str, word: str, width: int = SNIPPET_WIDTH) -> str:
    """``text`` on one line, cut to ``width`` around the first place ``word`` occurs."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    folded = fold(flat)
    at = folded.find(word) if word and len(folded) == len(flat) else -1
    start = 0 if at < width // 3 else at - width // 3
    end = min(len(flat), start + width)
    start = max(0, end - width)
    cut = flat[start:end].strip()
    return ("…" if start > 0 else "") + cut + ("…" if end < len(flat) else "")


class _Record(NamedTuple):
    """What the index keeps of an entry or an action: enough to find it and to show it,
    never the document (a hundred years of them would not fit)."""

    folded: str  # every searchable text, folded
    text: str  # the text itself, for the snippet
    notes: tuple[str, ...]  # an action's follow-up notes
    meeting_id: int | None
    kind: str  # info | decision | action
    created: str  # an action's creation time, for one logged outside a meeting
    confidential: bool


def _record(table: str, doc: dict[str, Any]) -> _Record:
    text = doc.get("text", "")
    if table == "actions":
        notes = tuple(note for event in doc.get("history", ()) if (note := event.get("note")))
        return _Record(fold("\n".join([text, *notes])), text, notes, doc.get("origin_meeting_id"), ACTION,
                       str(doc.get("created") or ""), bool(doc.get("confidential")))
    return _Record(fold(text), text, (), doc.get("meeting_id"), doc.get("kind") or INFO, "",
                   bool(doc.get("confidential")))


class SearchIndex:
    """Folded texts of every entry, action and promise, kept in step with the store.

    Built on first use from the open store and then history a year at a time
    (``repo.history_tables``): of each entry and action it keeps its folded text and
    what a hit shows (``_Record``), of each meeting its day and forum, and lets the
    documents go. Call ``close()`` when done so the index stops listening to the store.
    """

    def __init__(self, repo: Repository):
        self.repo = repo
        self._records: dict[str, dict[str, _Record]] | None = None
        self._promises: dict[str, str] = {}  # promises are few and never history
        self._dirty: dict[str, set[str]] = {table: set() for table in _TABLES}
        self._meetings_changed = False
        self._meeting_cache: dict[int, tuple[date | None, str]] = {}
        self._history_meetings: dict[int, tuple[date | None, int | None]] = {}
        # Commits (ours and other processes') reach the index like the repository's own.
        self._unsubscribe = repo.subscribe(self._on_change)

    def close(self) -> None:
        self._unsubscribe()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _on_change(self, changed: set[tuple[str, str]]) -> None:
        for table, key in changed:
            if table in self._dirty:
                self._dirty[table].add(key)
            elif table in ("meetings", "forums"):
                self._meetings_changed = True

    # -- folded texts -------------------------------------------------------------

    @staticmethod
    def _text_of(table: str, doc: dict[str, Any]) -> str:
        if table == "actions":
            notes = [event.get("note") or "" for event in doc.get("history", ())]
            return "\n".join([doc.get("text", ""), *filter(None, notes)])
        if table == "promises":
            parts = (doc.get("text"), doc.get("focus_area"), doc.get("expected_effect"), doc.get("comments"))
            return "\n".join(p for p in parts if p)
        return doc.get("text", "")

    def load(self) -> None:
        """Read everything now (the first search does it otherwise): the open store,
        then history a year at a time."""
        if self._records is not None:
            return
        with paused_gc():  # a record per document and no cycle among them
            self._load()

    def _load(self) -> None:
        repo = self.repo
        records: dict[str, dict[str, _Record]] = {"entries": {}, "actions": {}}
        for table in ("entries", "actions"):
            records[table] = {key: _record(table, doc) for key, doc in self._open_docs(table).items()}
        for table in _TABLES:
            self._dirty[table].clear()
        self._promises = {key: fold(self._text_of("promises", doc)) for key, doc in repo.promise_docs().items()}
        for _, tables in getattr(repo, "history_tables", tuple)():
            for key, doc in tables["meetings"].items():
                start = doc.get("start")
                self._history_meetings[int(key)] = (date.fromisoformat(start[:10]) if start else None,
                                                     doc.get("forum_id"))
            for table in ("entries", "actions"):
                records[table].update((key, _record(table, doc)) for key, doc in tables[table].items())
        self._records = records

    def _open_docs(self, table: str) -> dict[str, Any]:
        if table == "actions":
            return self.repo.action_docs(history=False)
        if table == "entries":
            return self.repo.entry_docs()
        return self.repo.promise_docs()

    def _sync(self) -> dict[str, dict[str, _Record]]:
        self.load()
        assert self._records is not None
        for table in _TABLES:
            dirty = self._dirty[table]
            if not dirty:
                continue
            self._dirty[table] = set()
            docs = self._open_docs(table)
            for key in dirty:
                doc = docs.get(key)
                if table == "promises":
                    if doc is None:
                        self._promises.pop(key, None)
                    else:
                        self._promises[key] = fold(self._text_of(table, doc))
                elif doc is None:  # deleted (a change of history is in the open store)
                    self._records[table].pop(key, None)
                else:
                    self._records[table][key] = _record(table, doc)
        return self._records

    def _meeting(self, meeting_id: int | None) -> tuple[date | None, str]:
        if not meeting_id:
            return None, ""
        if self._meetings_changed:
            self._meeting_cache.clear()
            self._meetings_changed = False
        cached = self._meeting_cache.get(meeting_id)
        if cached is None:
            old = self._history_meetings.get(meeting_id)
            meeting = None if old is not None else self.repo.meeting(meeting_id)
            day, forum_id = old if old is not None else (meeting.day if meeting else None,
                                                          meeting.forum_id if meeting else None)
            forum = self.repo.forum(forum_id) if forum_id else None
            cached = (day, forum.name if forum else "")
            self._meeting_cache[meeting_id] = cached
        return cached

    # -- searching -----------------------------------------------------------------

    def find(self, text: str, include_confidential: bool = False, limit: int = 200) -> tuple[list[SearchHit], int]:
        """(the newest ``limit`` hits, how many there are in all)."""
        words = query_words(text)
        if not words:
            return [], 0
        # The longest word is the rarest, usually: it narrows first, the rest check.
        first, *rest = sorted(words, key=len, reverse=True)
        records = self._sync()
        found: list[SearchHit] = []
        for table in ("entries", "actions"):
            for key, record in records[table].items():
                haystack = record.folded
                if first in haystack and all(word in haystack for word in rest):
                    if record.confidential and not include_confidential:
                        continue
                    # Whatever the index holds, only what the user may see is a hit.
                    if not self.repo.may_see_in_meeting(record.meeting_id, record.confidential):
                        continue
                    found.append(self._hit(int(key), record, first))
        promises = self.repo.promise_docs()
        for key, haystack in self._promises.items():
            if first in haystack and all(word in haystack for word in rest) and key in promises:
                found.append(self._promise_hit(int(key), promises[key], first))
        found.sort(key=lambda h: (h.date or date.min, h.kind == PROMISE, h.id), reverse=True)
        return found[:limit], len(found)

    def _hit(self, doc_id: int, record: _Record, word: str) -> SearchHit:
        day, forum = self._meeting(record.meeting_id)
        text = record.text
        if record.kind == ACTION:
            if day is None and record.created:
                day = date.fromisoformat(record.created[:10])
            if word not in fold(text):  # the word is in a follow-up note
                text = next((n for n in record.notes if word in fold(n)), text)
        return SearchHit(record.kind, doc_id, record.meeting_id, day, forum, snippet(text, word),
                         record.confidential)

    def _promise_hit(self, doc_id: int, doc: dict[str, Any], word: str) -> SearchHit:
        start = doc.get("period_start")
        follow_up = self.repo.forum(doc["follow_up_forum_id"]) if doc.get("follow_up_forum_id") else None
        text = doc.get("text", "")
        if word not in fold(text):
            text = self._text_of("promises", doc)
        return SearchHit(PROMISE, doc_id, None, date.fromisoformat(start) if start else None,
                         follow_up.name if follow_up else "", snippet(text, word), False)


def search(repo: Repository, text: str, include_confidential: bool = False, limit: int = 200) -> list[SearchHit]:
    """Every entry, action and promise containing all words of ``text``, newest first."""
    with SearchIndex(repo) as index:
        return index.find(text, include_confidential, limit)[0]


__all__ = ["ACTION", "KINDS", "PROMISE", "SearchHit", "SearchIndex", "fold", "query_words", "search", "snippet"]
