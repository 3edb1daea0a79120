"""What ctrl+z takes back in a live meeting, newest first.

Each step knows what this session left in the store; taking it back is one store
method (one transaction) that refuses, with a sentence, when another window or
process has changed the thing since. Such a step can never be taken back and is
dropped; a step that failed for another reason (the disk) stays for another try.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.model.meeting import Attendance
from store.repository import Repository
from store.repository.lines import LoggedLine
from store.text.i18n import UserError

# What was taken back, for the sentence the screen shows.
LINE = "line"
EDIT = "edit"
FOLLOW_UP = "follow_up"
ATTENDANCE = "attendance"
GUEST_ADDED = "guest_added"
GUEST_EDITED = "guest_edited"
GUEST_REMOVED = "guest_removed"
AGENDA_ADDED = "agenda_added"
AGENDA_MINUTES = "agenda_minutes"
AGENDA_MOVED = "agenda_moved"


@dataclass
class Undone:
    """What ctrl+z took back: ``what`` (one of the names above) and the words to say it."""

    what: str
    words: dict[str, Any] = field(default_factory=dict)


class Step:
    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        raise NotImplementedError

    def concerns(self, key: str) -> bool:
        """True when the step is about the logged line ``key`` ("entry:3", "action:7")."""
        return False


@dataclass
class LineStep(Step):
    logged: LoggedLine

    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        people = repo.take_back_line(self.logged)
        return Undone(LINE, {"kind": self.logged.table, "record": self.logged.record, "people": people})

    def concerns(self, key: str) -> bool:
        return self.logged.key == key


@dataclass
class EditStep(Step):
    before: LoggedLine  # as it was
    after: LoggedLine   # as this session left it

    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        repo.restore_line(self.before, self.after)
        return Undone(EDIT, {"record": self.before.record})

    def concerns(self, key: str) -> bool:
        return key in (self.before.key, self.after.key)


@dataclass
class FollowUpStep(Step):
    action_id: int
    history_len: int  # the action's history after the change
    status: str       # before the change
    due: date | None

    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        action = repo.revert_action_change(self.action_id, self.history_len, self.status, self.due)
        return Undone(FOLLOW_UP, {"action": action})


@dataclass
class AttendanceStep(Step):
    row: int
    after: Attendance  # the row as this session left it
    status: str        # before

    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        repo.restore_attendance(meeting_id, self.row, self.after, self.status)
        return Undone(ATTENDANCE, {"name": self.after.name, "status": self.status})


@dataclass
class GuestAddedStep(Step):
    row: int
    guest: Attendance

    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        repo.remove_guest(meeting_id, self.row, expected=self.guest)
        return Undone(GUEST_ADDED, {"name": self.guest.name})


@dataclass
class GuestEditedStep(Step):
    row: int
    before: Attendance
    after: Attendance

    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        repo.edit_guest(meeting_id, self.row, self.before.name, self.before.organisation, expected=self.after)
        return Undone(GUEST_EDITED, {"name": self.before.name})


@dataclass
class GuestRemovedStep(Step):
    row: int
    guest: Attendance

    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        repo.insert_guest(meeting_id, self.row, self.guest)
        return Undone(GUEST_REMOVED, {"name": self.guest.name})


@dataclass
class AgendaAddedStep(Step):
    key: int
    title: str

    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        repo.remove_agenda_item(meeting_id, self.key)
        return Undone(AGENDA_ADDED, {"title": self.title})


@dataclass
class AgendaMovedStep(Step):
    key: int
    delta: int
    order: list[int]  # the items' keys as this session left them

    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        meeting = repo.meeting(meeting_id)
        if meeting is None or [item.key for item in meeting.agenda] != self.order:
            raise UserError("repo.agenda_changed_since")
        moved = repo.move_agenda_item(meeting_id, self.key, -self.delta)
        title = next(item.title for item in moved.agenda if item.key == self.key)
        return Undone(AGENDA_MOVED, {"title": title})


@dataclass
class AgendaMinutesStep(Step):
    key: int
    title: str
    before: int | None
    after: int | None

    def take_back(self, repo: Repository, meeting_id: int) -> Undone:
        meeting = repo.meeting(meeting_id)
        item = next((i for i in meeting.agenda if i.key == self.key), None) if meeting else None
        if item is None or item.minutes != self.after:
            raise UserError("repo.agenda_changed_since")
        repo.set_agenda_minutes(meeting_id, self.key, self.before)
        return Undone(AGENDA_MINUTES, {"title": self.title})
