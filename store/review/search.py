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
that searches on every keystroke folds each text once per session, not per key.
``search()`` is the one-shot form of the same thing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from store.model.constants import DECISION, INFO
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


def _docs(repo: Repository, table: str) -> dict[str, Any]:
    """Raw documents of a table, history included.

    The repository hands out raw action and entry documents for fast scans
    (``action_docs``, ``entry_docs``: what the actor may see); promises have no
    such method yet, so their storage dict is read directly.
    """
    if table == "actions":
        return repo.action_docs(history=True)
    public = getattr(repo, f"{'entry' if table == 'entries' else table.rstrip('s')}_docs", None)
    if public is not None:
        return public()
    repo.load_history()
    return repo._raw(table)  # noqa: SLF001 - see the docstring


class SearchIndex:
    """Folded texts of every entry, action and promise, kept in step with the store.

    Call ``close()`` when done so the index stops listening to the store.
    """

    def __init__(self, repo: Repository):
        self.repo = repo
        self._folded: dict[str, dict[str, str]] = {}
        self._dirty: dict[str, set[str]] = {table: set() for table in _TABLES}
        self._meetings_changed = False
        self._meeting_cache: dict[int, tuple[date | None, str]] = {}
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

    def _table(self, table: str) -> tuple[dict[str, Any], dict[str, str]]:
        docs = _docs(self.repo, table)
        folded = self._folded.get(table)
        if folded is None:
            folded = self._folded[table] = {key: fold(self._text_of(table, doc)) for key, doc in docs.items()}
            self._dirty[table].clear()
        elif self._dirty[table]:
            dirty, self._dirty[table] = self._dirty[table], set()
            for key in dirty:
                doc = docs.get(key)
                if doc is None:
                    folded.pop(key, None)
                else:
                    folded[key] = fold(self._text_of(table, doc))
        return docs, folded

    def _meeting(self, meeting_id: int | None) -> tuple[date | None, str]:
        if not meeting_id:
            return None, ""
        if self._meetings_changed:
            self._meeting_cache.clear()
            self._meetings_changed = False
        cached = self._meeting_cache.get(meeting_id)
        if cached is None:
            meeting = self.repo.meeting(meeting_id)
            forum = self.repo.forum(meeting.forum_id) if meeting else None
            cached = (meeting.day if meeting else None, forum.name if forum else "")
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
        hits: list[tuple[str, str, dict[str, Any]]] = []
        for table in _TABLES:
            docs, folded = self._table(table)
            for key, haystack in folded.items():
                if first in haystack and all(word in haystack for word in rest):
                    # Whatever the index holds, only what the user may see is a hit.
                    doc = docs.get(key)
                    if doc is None or (table != "promises" and not self.repo.may_see_line(table, doc)):
                        continue
                    if doc.get("confidential") and not include_confidential:
                        continue
                    hits.append((table, key, doc))
        found = [self._hit(table, int(key), doc, first) for table, key, doc in hits]
        found.sort(key=lambda h: (h.date or date.min, h.kind == PROMISE, h.id), reverse=True)
        return found[:limit], len(found)

    def _hit(self, table: str, doc_id: int, doc: dict[str, Any], word: str) -> SearchHit:
        confidential = bool(doc.get("confidential"))
        if table == "entries":
            day, forum = self._meeting(doc.get("meeting_id"))
            kind = doc.get("kind") or INFO
            return SearchHit(kind, doc_id, doc.get("meeting_id"), day, forum,
                             snippet(doc.get("text", ""), word), confidential)
        if table == "actions":
            meeting_id = doc.get("origin_meeting_id")
            day, forum = self._meeting(meeting_id)
            if day is None and doc.get("created"):
                day = date.fromisoformat(str(doc["created"])[:10])
            text = doc.get("text", "")
            if word not in fold(text):  # the word is in a follow-up note
                notes = [e.get("note") or "" for e in doc.get("history", ())]
                text = next((n for n in notes if word in fold(n)), text)
            return SearchHit(ACTION, doc_id, meeting_id, day, forum, snippet(text, word), confidential)
        start = doc.get("period_start")
        follow_up = self.repo.forum(doc["follow_up_forum_id"]) if doc.get("follow_up_forum_id") else None
        text = doc.get("text", "")
        if word not in fold(text):
            text = self._text_of(table, doc)
        return SearchHit(PROMISE, doc_id, None, date.fromisoformat(start) if start else None,
                         follow_up.name if follow_up else "", snippet(text, word), False)


def search(repo: Repository, text: str, include_confidential: bool = False, limit: int = 200) -> list[SearchHit]:
    """Every entry, action and promise containing all words of ``text``, newest first."""
    with SearchIndex(repo) as index:
        return index.find(text, include_confidential, limit)[0]


__all__ = ["ACTION", "KINDS", "PROMISE", "SearchHit", "SearchIndex", "fold", "query_words", "search", "snippet"]
