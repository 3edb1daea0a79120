"""Search everything that was logged: information, decisions, actions and promise texts.

Pure store code (no Textual), shared by the TUI's search screen and anything else
that wants it. A query is split into words; a hit must contain every word,
case-insensitively (``casefold`` after NFC normalisation, so "Å", "å" and an "a"
followed by a combining ring are the same letter), in any of its Swedish forms: each
word of the query is cut to its stem by the Snowball project's Swedish stemmer
("skolor", "skolorna" → "skol", which "skolan" and "skola" contain). Hits come newest
first.

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
from typing import Any

from store.model.constants import DECISION, INFO
from store.persistence.gcpause import paused_gc
from store.repository import Repository
from store.review.search_columns import TextColumns, fields
from store.rules.swedish import search_words, stem

ACTION = "action"
PROMISE = "promise"
KINDS = (INFO, DECISION, ACTION, PROMISE)
SNIPPET_WIDTH = 90
SNIPPET_LEAD = 16  # characters before the match, at most
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
    """The words to look for: each word of ``text`` folded and cut to its stem."""
    return search_words(text)


def snippet(text: str, word: str, width: int = SNIPPET_WIDTH) -> str:
    """``text`` on one line, cut to ``width`` around the first place ``word`` occurs:
    at most a few words before it, so that it shows in a narrow column too (80
    columns leave about 30 for it), and never a word cut in two."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    folded = fold(flat)
    at = folded.find(word) if word and len(folded) == len(flat) else -1
    start = at - SNIPPET_LEAD if at > SNIPPET_LEAD else 0
    if start > 0 and flat[start - 1] != " ":
        word_start = flat.rfind(" ", 0, at) + 1  # the word the match is in
        after = flat.find(" ", start) + 1
        start = after if 0 < after <= word_start else word_start
    end = min(len(flat), start + width)
    if end < len(flat) and flat[end] != " ":
        space = flat.rfind(" ", start, end)
        if space > max(at, start):
            end = space
    cut = flat[start:end].strip()
    return ("…" if start > 0 else "") + cut + ("…" if end < len(flat) else "")


class SearchIndex:
    """Folded texts of every entry, action and promise, kept in step with the store.

    Built on first use from the open store and then history a year at a time
    (``repo.history_tables``): of each entry and action it keeps the folded text and
    what a hit needs in columns (``store.review.search_columns``), of each old meeting
    its day and forum, and lets the documents go; the text a hit shows is read again
    for the hits shown. Call ``close()`` when done so the index stops listening to the
    store.
    """

    def __init__(self, repo: Repository):
        self.repo = repo
        self._open: dict[str, TextColumns] = {}
        self._history: dict[str, TextColumns] = {}
        self._loaded = False
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
        if self._loaded:
            return
        with paused_gc():  # a few objects per document and no cycle among them
            self._load()
        self._loaded = True

    def _load(self) -> None:
        repo = self.repo
        for table in ("entries", "actions"):
            columns = self._open[table] = TextColumns(keyed=True)
            for key, doc in self._open_docs(table).items():
                columns.put(int(key), fields(table, doc, fold))
            self._history[table] = TextColumns(keyed=False)
        for table in _TABLES:
            self._dirty[table].clear()
        self._promises = {key: fold(self._text_of("promises", doc)) for key, doc in repo.promise_docs().items()}
        for _, tables in getattr(repo, "history_tables", tuple)():
            for key, doc in tables["meetings"].items():
                start = doc.get("start")
                self._history_meetings[int(key)] = (date.fromisoformat(start[:10]) if start else None,
                                                     doc.get("forum_id"))
            for table in ("entries", "actions"):
                columns = self._history[table]
                for key, doc in tables[table].items():
                    columns.put(int(key), fields(table, doc, fold))

    def _open_docs(self, table: str) -> dict[str, Any]:
        if table == "actions":
            return self.repo.action_docs(history=False)
        if table == "entries":
            return self.repo.entry_docs()
        return self.repo.promise_docs()

    def _sync(self) -> None:
        self.load()
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
                    continue
                # A change of history lands in the open store, whose word wins from then on.
                self._history[table].hide(int(key))
                if doc is None:
                    self._open[table].hide(int(key))
                else:
                    self._open[table].put(int(key), fields(table, doc, fold))

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
        self._sync()
        found: list[tuple[date, bool, int, str, TextColumns, int]] = []
        for table in ("entries", "actions"):
            for columns in (self._open[table], self._history[table]):
                for position in columns.matches(first, rest, include_confidential):
                    # Whatever the index holds, only what the user may see is a hit.
                    if not self.repo.may_see_in_meeting(columns.meetings[position], columns.confidential(position)):
                        continue
                    day = self._meeting(columns.meetings[position])[0]
                    if day is None and columns.created[position]:
                        number = columns.created[position]
                        day = date(number // 10000, number // 100 % 100, number % 100)
                    found.append((day or date.min, False, columns.ids[position], table, columns, position))
        promises = self.repo.promise_docs()
        for key, haystack in self._promises.items():
            if first in haystack and all(word in haystack for word in rest) and key in promises:
                start = promises[key].get("period_start")
                found.append((date.fromisoformat(start) if start else date.min, True, int(key), PROMISE, None, 0))
        found.sort(key=lambda f: (f[0], f[1], f[2]), reverse=True)
        hits = [self._hit(f, first) for f in found[:limit]]
        return hits, len(found)

    def _hit(self, found: tuple, word: str) -> SearchHit:
        day, _, doc_id, table, columns, position = found
        if table == PROMISE:
            return self._promise_hit(doc_id, self.repo.promise_docs()[str(doc_id)], word)
        meeting_id = columns.meetings[position] or None
        forum = self._meeting(meeting_id)[1]
        doc = self._doc(table, str(doc_id))
        text = doc.get("text", "")
        if table == "actions" and word not in fold(text):  # the word is in a follow-up note
            notes = [event.get("note") or "" for event in doc.get("history", ())]
            text = next((n for n in notes if word in fold(n)), text)
        return SearchHit(columns.kind(position), doc_id, meeting_id, None if day == date.min else day, forum,
                         snippet(text, word), columns.confidential(position))

    def _doc(self, table: str, key: str) -> dict[str, Any]:
        """The document of a hit: from the open store, or history's from its year."""
        doc = self._open_docs(table).get(key)
        if doc is None:
            doc = self.repo.history_doc(table, key)
        return doc or {}

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


__all__ = ["ACTION", "KINDS", "PROMISE", "SearchHit", "SearchIndex", "fold", "query_words", "search", "snippet",
           "stem"]
