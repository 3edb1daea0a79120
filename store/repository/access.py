"""The actor's limits, kept by the store: what they may write and what they may see.

Writing: every write primitive of ``RepositoryBase`` asks ``_check_write`` with the
record as stored and as it will be; ``store.access.roles`` holds the rule.

Seeing: a confidential forum's lines (entries, actions) and every ``!!`` line are seen
only by the members of that forum. ``may_see`` is that rule; the repository's reads
apply it (``_model`` for one record, ``_seen_docs`` for raw documents in bulk), and
so does every index and export built on them. A non-member sees that a confidential
forum meets (its day, time, place) and nothing of what was said there: no lines, no
agenda, no attendance, no rättelser (``_as_seen``).

No actor (the command line, the operator's own shell) sees and writes everything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from store.access.actor import Actor
from store.access.roles import refusal
from store.model.meeting import Meeting
from store.text.i18n import UserError, t

# The tables of lines: what a meeting records.
LINE_TABLES = ("entries", "actions")


def line_meeting(table: str, doc: dict[str, Any]) -> int | None:
    """The meeting a line belongs to: an entry's meeting, an action's origin meeting."""
    return doc.get("meeting_id") if table == "entries" else doc.get("origin_meeting_id")


class AccessGuard:
    """The actor, and the two checks every write and every read of a line pass."""

    actor: Actor | None = None
    # Forums a write may reach because a store method lets it (an escalation lands in the
    # receiving forum's meeting), and whether the store reads as itself meanwhile.
    _granted: frozenset[int] = frozenset()
    _own_reads: bool = False
    _changes: int = 0  # counts the store's change notifications: filtered reads are kept until the next
    _seen_cache: dict[str, tuple[Any, dict[str, Any]]]

    # Provided by RepositoryBase.
    def _raw(self, table: str) -> dict[str, Any]: raise NotImplementedError
    def _all(self, table: str) -> dict[int, Any]: raise NotImplementedError
    def load_history(self) -> None: raise NotImplementedError
    storage: Any

    # -- writing ---------------------------------------------------------------------

    def _check_write(self, table: str, doc_id: int, old: dict | None, new: dict | None) -> None:
        """The one place every write passes (``_insert``, ``_save``, ``_delete``)."""
        actor = self.actor
        if actor is None:
            return
        refused = refusal(actor, table, doc_id, old, new, self._forum_of_meeting, self._granted)
        if refused is not None:
            raise self._refusal_error(actor, refused.key, refused.forum_id, refused.table)

    def _refusal_error(self, actor: Actor, key: str, forum_id: int | None, table: str) -> UserError:
        forums = self._all("forums")
        own = sorted(forums[f].name for f in actor.forums if f in forums)
        return UserError(key, name=actor.name, role=t(f"access.role.{actor.role}"),
                         forum=forums[forum_id].name if forum_id in forums else forum_id or "",
                         forums=t("access.in_forums", forums=", ".join(own)) if own else t("access.no_forums"),
                         what=t(f"access.table.{table}") if table else "")

    @contextmanager
    def _acting_in(self, forum_id: int | None) -> Iterator[None]:
        """Inside: writes may reach ``forum_id`` too, and the store reads unfiltered. For
        a store method whose rule allows one write into another forum (an escalation
        lands in the receiving forum's next meeting); never for a user's own write."""
        saved = self._granted, self._own_reads
        self._granted = saved[0] | ({forum_id} if forum_id is not None else frozenset())
        self._own_reads = True
        try:
            yield
        finally:
            self._granted, self._own_reads = saved

    # -- seeing --------------------------------------------------------------------------

    @property
    def sees_everything(self) -> bool:
        """True on the command line (no actor), and inside a store method's own reads."""
        return self.actor is None or self._own_reads

    def may_see(self, forum_id: int | None, confidential: bool = False) -> bool:
        """May the actor see a line of ``forum_id`` (None: of no meeting), marked
        ``confidential`` or not? Members see their forums' lines; others see the lines of
        forums that are not confidential, unless the line is (``!!``)."""
        if self.sees_everything or (forum_id is not None and forum_id in self.actor.forums):  # type: ignore[union-attr]
            return True
        if confidential:
            return False
        forum = self._all("forums").get(forum_id) if forum_id is not None else None
        return not (forum is not None and forum.confidential_default)

    def may_see_line(self, table: str, doc: dict[str, Any]) -> bool:
        """``may_see`` for a raw entry or action document."""
        return self.may_see_in_meeting(line_meeting(table, doc), bool(doc.get("confidential")))

    def may_see_in_meeting(self, meeting_id: int | None, confidential: bool = False) -> bool:
        """``may_see`` for a line of the meeting ``meeting_id`` (None: of no meeting)."""
        if self.sees_everything:
            return True
        return self.may_see(self._forum_of_meeting(meeting_id), confidential)

    def _forum_of_meeting(self, meeting_id: int | None) -> int | None:
        if not meeting_id:
            return None
        doc = self._raw("meetings").get(str(meeting_id))
        if doc is None:
            doc = self.storage.archived_doc("meetings", str(meeting_id))  # from its own year file
        return doc.get("forum_id") if doc else None

    def _seen_docs(self, table: str, docs: dict[str, Any]) -> dict[str, Any]:
        """``docs`` (raw lines by id string) less what the actor may not see; the same dict
        when they see everything. Kept until the store or the actor changes."""
        if self.sees_everything:
            return docs
        key = (id(docs), self._changes, self.actor)
        cached = self._seen_cache.get(table)
        if cached is not None and cached[0] == key:
            return cached[1]
        field = "meeting_id" if table == "entries" else "origin_meeting_id"
        forum_of = {mid: doc.get("forum_id") for mid, doc in self._raw("meetings").items()}
        for doc in docs.values():  # a line whose meeting is in the history: its forum decides
            if doc.get(field) and str(doc[field]) not in forum_of:
                forum_of[str(doc[field])] = self._forum_of_meeting(doc[field])
        members = self.actor.forums  # type: ignore[union-attr]
        secret = {fid for fid, forum in self._all("forums").items() if forum.confidential_default}

        def seen(doc: dict[str, Any]) -> bool:
            forum = forum_of.get(str(doc.get(field)))
            if forum in members:
                return True
            return not doc.get("confidential") and forum not in secret

        visible = {k: d for k, d in docs.items() if seen(d)}
        self._seen_cache[table] = (key, visible)
        return visible

    def _as_seen(self, meeting: Meeting) -> Meeting:
        """The meeting as the actor may see it (see the module's docstring)."""
        if self.sees_everything or meeting.forum_id in self.actor.forums:  # type: ignore[union-attr]
            return meeting
        forum = self._all("forums").get(meeting.forum_id)
        if forum is not None and forum.confidential_default:
            meeting.attendance, meeting.agenda, meeting.amendments = [], [], []
        else:
            meeting.amendments = [a for a in meeting.amendments if not a.confidential]
        return meeting
