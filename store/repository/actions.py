"""Actions: created in a meeting, changed with a dated history line, taken back, and the
counts the home screen shows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from store.model.action import Action, ActionEvent
from store.model.constants import ACTION_STATUSES, STRUCK
from store.model.justering import ACTION_ADDED, ACTION_CHANGED, ACTION_DELETED
from store.model.meeting import Meeting
from store.repository.history import HistoryRecords
from store.rules import clock
from store.text.i18n import UserError


class ActionRecords(HistoryRecords):
    def action(self, action_id: int) -> Action | None:
        return self._model("actions", action_id)

    def action_docs(self, history: bool = True) -> dict[str, Any]:
        """Raw action documents by id string: for fast filtering over 100,000 actions.

        ``history=False`` skips reading the archive: every active action and every
        action of this year and last are there without it.
        """
        if history:
            self.load_history()
        return self._seen_docs("actions", self._raw("actions"))

    def actions_of_meeting(self, meeting_id: int) -> list[Action]:
        """Actions created in this meeting or handled in it (history names it)."""
        ids = set(self.indexes.actions_of(meeting_id))
        if self.storage.year_of("meetings", str(meeting_id)) is not None:  # a meeting of history
            ids.update(int(key) for key in self._archived_actions_of(meeting_id))
        ids = sorted(ids)
        found = (self._model("actions", aid) for aid in ids)
        return [action for action in found if action is not None]

    def open_actions_of_forum(self, forum_id: int, before: datetime | None = None) -> list[Action]:
        """Active actions of a forum created in its earlier meetings: the follow-up list."""
        meetings = {mid for mid, (fid, day) in self.indexes.meeting_keys().items() if fid == forum_id}
        result = []
        raw = self._raw("actions")
        for action_id in self.indexes.active_actions():
            key = str(action_id)
            doc = raw[key]
            if doc.get("origin_meeting_id") not in meetings:
                continue
            if before is not None and doc.get("created") and doc["created"] >= before.isoformat():
                continue
            if not self.may_see_line("actions", doc):
                continue
            result.append(Action.from_doc(doc, int(key)))
        return sorted(result, key=lambda a: (a.due or date.max, a.id))

    def add_action(
        self,
        meeting: Meeting | None,
        text: str,
        owner_person_id: int | None = None,
        owner_organisation_id: int | None = None,
        due: date | None = None,
        promise_id: int | None = None,
        confidential: bool | None = None,
        agenda_key: int | None = None,
        at: datetime | None = None,
    ) -> Action:
        action = self._new_action(meeting, text, owner_person_id, owner_organisation_id, due, promise_id,
                                   confidential, agenda_key, at)
        with self.transaction():
            self._locked_action(action, ACTION_ADDED)
            return self._insert("actions", action)

    def _new_action(
        self,
        meeting: Meeting | None,
        text: str,
        owner_person_id: int | None = None,
        owner_organisation_id: int | None = None,
        due: date | None = None,
        promise_id: int | None = None,
        confidential: bool | None = None,
        agenda_key: int | None = None,
        at: datetime | None = None,
    ) -> Action:
        """The action as it will be stored; ``confidential=None`` takes the forum's default."""
        if not text.strip():
            raise UserError("repo.empty_text")
        forum = self.forum(meeting.forum_id) if meeting else None
        if confidential is None:
            confidential = bool(forum and forum.confidential_default)
        if owner_person_id and not owner_organisation_id:
            person = self.person(owner_person_id)
            owner_organisation_id = person.organisation_id if person else None
        now = at or clock.now()
        return Action(
            text=text.strip(),
            origin_meeting_id=meeting.id if meeting else None,
            owner_person_id=owner_person_id,
            owner_organisation_id=owner_organisation_id,
            due=due,
            promise_id=promise_id,
            confidential=confidential,
            agenda_key=agenda_key,
            created=now,
            history=[ActionEvent(at=now, meeting_id=meeting.id if meeting else None, status="open", due=due,
                                 by=self.writer())],
        )

    def change_action(
        self,
        action_id: int,
        meeting_id: int | None = None,
        status: str | None = None,
        due: date | None = None,
        note: str = "",
        at: datetime | None = None,
    ) -> Action:
        """Change status and/or due date, or add a note: one dated history line.

        An action is struck (cancelled) only with a reason in ``note``: the minutes
        and the follow-up say why it was dropped, not just that it was."""
        if status is not None and status not in ACTION_STATUSES:
            raise UserError("repo.bad_status", status=status)
        with self.transaction():
            action = self.action(action_id)  # read after catch-up: no lost update
            if action is None:
                raise UserError("repo.unknown_action", id=action_id)
            if status is None and due is None and not note.strip():
                return action
            if status == STRUCK and action.status != STRUCK and not note.strip():
                raise UserError("repo.cancel_needs_note", id=action_id)
            self._locked_action_change(action, meeting_id, status, due, note)
            action.history.append(
                ActionEvent(at=at or clock.now(), meeting_id=meeting_id, status=status, due=due, note=note.strip(),
                            by=self.writer())
            )
            if status is not None:
                action.status = status
            if due is not None:
                action.due = due
            return self._save("actions", action)

    def revert_action_change(self, action_id: int, history_len: int, status: str, due: date | None) -> Action:
        """Take back the change that made the action's history ``history_len`` long:
        its history line goes and status and due date are as before. Refused with a
        sentence when the action has changed again since (another line, another window)."""
        with self.transaction():
            action = self.action(action_id)
            if action is None:
                raise UserError("repo.unknown_action", id=action_id)
            if len(action.history) != history_len:
                raise UserError("repo.changed_since", id=action_id)
            self._locked_action_change(action, action.history[-1].meeting_id, status, due, "")
            action.history.pop()
            action.status = status
            action.due = due
            return self._save("actions", action)

    def change_actions(
        self,
        ids: Iterable[int],
        status: str | None,
        meeting_id: int | None = None,
        note: str = "",
        due: date | None = None,
    ) -> int:
        """Set the status (and/or a new due date) of many actions in ONE transaction.

        Each changed action gets its own dated history line (``repo.change_action``).
        An action already in ``status`` (and with that due date) is left as it is. An
        unknown id or status changes nothing at all (UserError). Returns how many
        actions changed.
        """
        if status is not None and status not in ACTION_STATUSES:
            raise UserError("repo.bad_status", status=status)
        if status == STRUCK and not note.strip():
            raise UserError("repo.cancel_needs_note_many")
        due_text = due.isoformat() if due else None
        changed = 0
        with self.transaction():
            docs = self.action_docs(history=False)
            for action_id in dict.fromkeys(ids):
                doc = docs.get(str(action_id)) or self.history_doc("actions", str(action_id))
                if doc is None:
                    raise UserError("repo.unknown_action", id=action_id)
                new_status = status if status is not None and doc.get("status") != status else None
                new_due = due if due is not None and doc.get("due") != due_text else None
                if new_status is None and new_due is None:
                    continue
                self.change_action(action_id, meeting_id, status=new_status, due=new_due, note=note)
                changed += 1
        return changed

    def save_action(self, action: Action) -> Action:
        if not action.text.strip():
            raise UserError("repo.empty_text")
        with self.transaction():
            self._locked_action(action, ACTION_CHANGED)
            return self._save("actions", action)

    def delete_action(self, action_id: int) -> None:
        with self.transaction():
            self._locked_action(self.action(action_id), ACTION_DELETED)
            self._delete("actions", action_id)

    # -- counts for the home screen ------------------------------------------

    def active_action_ids(self) -> set[int]:
        if self.sees_everything:
            return set(self.indexes.active_actions())
        raw = self._raw("actions")
        return {aid for aid in self.indexes.active_actions() if self.may_see_line("actions", raw[str(aid)])}


