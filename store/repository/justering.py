"""Justering: the justerare, the approval, and the lock on approved minutes.

Every write to a meeting's content (its lines, its actions, its attendance and
agenda) calls one of the ``_locked_*`` hooks inside its transaction. For minutes
not yet approved they do nothing. For approved minutes the write is refused with
one sentence, unless it runs inside ``with repo.amending(meeting_id, by):``: then
it goes through and the meeting gets a rättelse saying what changed, when and who,
in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from store.model.action import Action
from store.model.constants import CANCELLED, HELD
from store.model.justering import (
    ACTION_ADDED,
    ACTION_CHANGED,
    ACTION_DELETED,
    ENTRY_ADDED,
    ENTRY_CHANGED,
    ENTRY_DELETED,
    MEETING_CHANGED,
    Amendment,
)
from store.model.meeting import Entry, Meeting
from store.repository.base import RepositoryBase
from store.rules import clock
from store.rules.justering import (
    APPROVAL_WINDOW_DAYS,
    action_change_text,
    awaits_approval,
    is_locked,
    meeting_changes,
)
from store.text.i18n import UserError


def _name(text: str) -> str:
    return " ".join(text.split())


class JusteringRecords(RepositoryBase):
    # -- who is correcting approved minutes ----------------------------------------

    def _amenders(self) -> dict[int, str]:
        try:
            return self._amending
        except AttributeError:
            self._amending: dict[int, str] = {}
            return self._amending

    def begin_amending(self, meeting_id: int, by: str) -> str:
        """From now on changes to the approved minutes of ``meeting_id`` are rättelser by
        ``by`` (the app's meeting screen, until ``end_amending``); returns the name."""
        by = _name(by)
        if not by:
            raise UserError("justering.amend_by_missing")
        self._amenders()[meeting_id] = by
        return by

    def end_amending(self, meeting_id: int) -> None:
        self._amenders().pop(meeting_id, None)

    def amender(self, meeting_id: int) -> str | None:
        """Who is correcting the approved minutes of ``meeting_id`` now, if anyone."""
        return self._amenders().get(meeting_id)

    @contextmanager
    def amending(self, meeting_id: int, by: str) -> Iterator[None]:
        """Changes to ``meeting_id``'s approved minutes made in this block are rättelser
        by ``by``; minutes not approved are changed as always."""
        previous = self.amender(meeting_id)
        self.begin_amending(meeting_id, by)
        try:
            yield
        finally:
            if previous is None:
                self.end_amending(meeting_id)
            else:
                self._amenders()[meeting_id] = previous

    def _amend(self, meeting: Meeting, kind: str, text: str, before: str = "", confidential: bool = False) -> None:
        by = self._amenders().get(meeting.id)
        if not by:
            forum = self.forum(meeting.forum_id)
            raise UserError("justering.locked", forum=forum.name if forum else meeting.forum_id,
                            date=meeting.day.isoformat(), approved=meeting.approved_at.date().isoformat(),
                            by=meeting.approved_by, ref=meeting.id)
        meeting.amendments.append(Amendment(at=clock.now(), by=by, kind=kind, text=text, before=before,
                                            confidential=confidential))

    # -- the hooks ------------------------------------------------------------------

    def _locked_write(self, meeting_id: int | None, kind: str, text: str, before: str = "",
                      confidential: bool = False) -> None:
        """A line of the meeting is added, changed or removed (inside the write's transaction)."""
        meeting = self.meeting(meeting_id) if meeting_id else None
        if is_locked(meeting):
            self._amend(meeting, kind, text, before, confidential)
            self._save("meetings", meeting)

    def _locked_entry(self, entry: Entry | None, kind: str) -> None:
        """An entry is added, changed (``ENTRY_CHANGED``: also in the meeting it left) or removed."""
        if entry is None:
            return
        old = self.entry(entry.id) if kind == ENTRY_CHANGED and entry.id else None
        if old is not None and old.meeting_id != entry.meeting_id:
            self._locked_write(old.meeting_id, kind, entry.text, old.text, old.confidential)
        self._locked_write(entry.meeting_id, kind, entry.text, old.text if old else "",
                           entry.confidential or bool(old and old.confidential))

    def _locked_action(self, action: Action | None, kind: str) -> None:
        """An action is added to, changed in or removed from the meeting it was made in."""
        if action is None:
            return
        old = self.action(action.id) if action.id else None
        before = old.text if old is not None and old.text != action.text else ""
        self._locked_write(action.origin_meeting_id, kind, action.text, before, action.confidential)

    def _locked_line(self, old_table: str | None, old: dict | None, new: Entry | Action | None) -> None:
        """A line logged live is stored (``old`` None), corrected, or taken back (``new`` None)."""
        is_action = isinstance(new, Action) if new is not None else old_table == "actions"
        if old is None:
            kind = ACTION_ADDED if is_action else ENTRY_ADDED
        elif new is None:
            kind = ACTION_DELETED if is_action else ENTRY_DELETED
        else:
            kind = ACTION_CHANGED if is_action else ENTRY_CHANGED
        old = old or {}
        meeting_id = (getattr(new, "origin_meeting_id", None) if is_action else getattr(new, "meeting_id", None)) \
            or old.get("meeting_id") or old.get("origin_meeting_id")
        text = new.text if new is not None else old.get("text", "")
        before = old.get("text", "") if new is not None and old.get("text", "") != text else ""
        confidential = bool(old.get("confidential")) or bool(new is not None and new.confidential)
        self._locked_write(meeting_id, kind, text, before, confidential)

    def _locked_action_change(self, action: Action, meeting_id: int | None, status: str | None,
                              due: date | None, note: str) -> None:
        """An action is handled in a meeting (its history names the meeting): a line of that meeting."""
        self._locked_write(meeting_id, ACTION_CHANGED, action_change_text(action, status, due, note),
                           confidential=action.confidential)

    def _locked_change(self, meeting: Meeting, change: Callable[[Meeting], bool | None]) -> bool | None:
        """``change(meeting)`` for ``_change_meeting``; on approved minutes each change is a rättelse."""
        if not is_locked(meeting):
            return change(meeting)
        before = Meeting.from_doc(meeting.to_doc(), meeting.id)
        if change(meeting) is False:
            return False
        changes = meeting_changes(before, meeting)
        for text in changes:
            self._amend(meeting, MEETING_CHANGED, text)
        return bool(changes)

    def _locked_save(self, meeting: Meeting) -> None:
        """A whole meeting is saved: the same rule, and saving an older copy never
        undoes the approval or its rättelser."""
        stored = self.meeting(meeting.id) if meeting.id else None
        if not is_locked(stored):
            return
        meeting.approved_at, meeting.approved_by = stored.approved_at, stored.approved_by
        meeting.justerare = stored.justerare
        meeting.amendments = list(stored.amendments)
        for text in meeting_changes(stored, meeting):
            self._amend(meeting, MEETING_CHANGED, text)

    # -- justerare and approval -----------------------------------------------------

    def _meeting_to_approve(self, meeting_id: int) -> Meeting:
        meeting = self.meeting(meeting_id) if meeting_id else None
        if meeting is None:
            raise UserError("justering.nothing_logged" if not meeting_id else "repo.unknown_meeting", ref=meeting_id)
        if is_locked(meeting):
            raise UserError("justering.already_approved", ref=meeting.id, date=meeting.approved_at.date().isoformat(),
                            by=meeting.approved_by)
        return meeting

    def set_justerare(self, meeting_id: int, name: str) -> Meeting:
        """Who is to approve the minutes; an empty name clears it. Not after approval."""
        with self.transaction():
            meeting = self._meeting_to_approve(meeting_id)
            meeting.justerare = _name(name)
            return self._save("meetings", meeting)

    def approve(self, meeting_id: int, by: str, at: datetime | None = None) -> Meeting:
        """The minutes are approved (justerade) by ``by`` now: the meeting counts as
        held, ``by`` becomes the justerare if none was named, and from now on a change
        is a rättelse."""
        by = _name(by)
        if not by:
            raise UserError("justering.by_missing")
        with self.transaction():
            meeting = self._meeting_to_approve(meeting_id)
            if meeting.status == CANCELLED:
                raise UserError("justering.cancelled", ref=meeting.id)
            if meeting.day > clock.today():
                raise UserError("justering.not_yet", ref=meeting.id, date=meeting.day.isoformat())
            meeting.status = HELD
            meeting.justerare = meeting.justerare or by
            meeting.approved_by = by
            meeting.approved_at = at or clock.now()
            return self._save("meetings", meeting)

    def meetings_awaiting_approval(self, today: date | None = None) -> list[Meeting]:
        """Held meetings whose minutes are still not approved a week later, oldest first."""
        today = today or clock.today()
        first = (today - timedelta(days=APPROVAL_WINDOW_DAYS)).isoformat()
        ids = [mid for mid, (_, day) in self.indexes.meeting_keys().items() if day >= first]
        meetings = (self.meeting(mid) for mid in ids)
        return sorted((m for m in meetings if m is not None and awaits_approval(m, today)),
                      key=lambda m: (m.start, m.forum_id))
