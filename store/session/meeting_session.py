"""The live loop of one meeting: the lines typed, in order, each stored once.

The meeting screen and ``samverkan log`` both go through a ``MeetingSession``:

* ``read(text)`` parses and resolves a line once (``store.session.reading``); the
  preview shows that reading and the commit uses it, unless the store has changed
  since (another window added a person), when the line is read again.
* ``submit(text)`` puts a line in the queue at once; ``step()`` stores the first
  queued line in ONE transaction (``Repository.log_line``) and ``run()`` goes on
  until the queue is empty or a line cannot be stored. Such a line stops the queue:
  it and every line after it stay queued, in order, with its sentence, until it is
  corrected (``submit(..., replaces=)``), its owner question answered
  (``answer_owner``) or it is dropped on purpose (``drop``).
* everything done in the meeting (lines, corrections, follow-up changes, attendance,
  guests, agenda items added or moved, people added for an owner) goes on the undo
  stack; ``undo()`` takes back the newest (``store.session.undo``).
* the chain and the justering: a logged line raised to another forum (``raise_line``),
  the decision on a line raised here (``decide``), the justerare, the approval, and
  the rättelser made after it (``amend_as``: who corrects, until ``stop_amending``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.model.action import Action
from store.model.escalation import Escalation
from store.model.meeting import Entry, Meeting
from store.persistence.journal import StoreError
from store.repository import Repository
from store.repository.lines import LoggedLine
from store.rules import clock
from store.rules.quickentry import ACTION, compose_line
from store.session.reading import OwnerChoice, Reading, read_line
from store.session.undo import (
    AgendaAddedStep,
    AgendaMinutesStep,
    AgendaMovedStep,
    AttendanceStep,
    EditStep,
    FollowUpStep,
    GuestAddedStep,
    GuestEditedStep,
    GuestRemovedStep,
    LineStep,
    Step,
    Undone,
)
from store.text.i18n import UserError

PENDING = "pending"  # waits its turn
FAILED = "failed"    # could not be stored: ``problem`` says why
OWNER = "owner"      # waits for an answer to "who is @token?"


@dataclass
class QueuedLine:
    number: int           # this session's own count, so the screen can name the line
    text: str
    agenda_key: int | None
    state: str = PENDING
    problem: str = ""
    reading: Reading | None = None
    choices: dict[str, OwnerChoice] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"queued:{self.number}"


@dataclass
class Saved:
    line: QueuedLine
    logged: LoggedLine
    reading: Reading


class MeetingSession:
    def __init__(self, repo: Repository, meeting_id: int, today: Callable[[], date]) -> None:
        self.repo = repo
        self.meeting_id = meeting_id
        self.today = today
        self.queue: list[QueuedLine] = []
        self.undo_stack: list[Step] = []
        self._numbers = 0
        self._last: Reading | None = None

    # -- the meeting --------------------------------------------------------------

    @property
    def meeting(self) -> Meeting:
        meeting = self.repo.meeting(self.meeting_id)
        if meeting is None:
            raise UserError("repo.unknown_meeting", ref=self.meeting_id)
        return meeting

    # -- reading --------------------------------------------------------------------

    def read(self, text: str, choices: dict[str, OwnerChoice] | None = None, allow_past: bool = False) -> Reading:
        """The reading of ``text``; the last one is kept, so the preview's is the commit's."""
        last = self._last
        if (not choices and not allow_past and last is not None and last.text == text
                and last.seq == self.repo.storage.seq):
            return last
        meeting = self.meeting
        reading = read_line(self.repo, meeting, self.repo.forum(meeting.forum_id), text, self.today(),
                            choices, allow_past)
        if not choices and not allow_past:
            self._last = reading
        return reading

    # -- the queue of typed lines ------------------------------------------------------

    def submit(self, text: str, agenda_key: int | None = None, replaces: str | None = None) -> QueuedLine:
        """Queue a line; ``replaces`` (a queued line's key) puts the corrected text in its place."""
        for line in self.queue:
            if line.key == replaces:
                line.text, line.state, line.problem, line.choices, line.reading = text, PENDING, "", {}, None
                return line
        self._numbers += 1
        line = QueuedLine(self._numbers, text, agenda_key)
        self.queue.append(line)
        return line

    @property
    def blocked(self) -> QueuedLine | None:
        """The first queued line, when it waits for the secretary (failed or an owner question)."""
        return self.queue[0] if self.queue and self.queue[0].state != PENDING else None

    def step(self) -> Saved | QueuedLine | None:
        """Store the first queued line: ``Saved``, or the line itself when it stopped the
        queue (its ``state`` and ``problem`` say why), or None when nothing waits."""
        if not self.queue or self.queue[0].state != PENDING:
            return None
        line = self.queue[0]
        reading = self._reading_of(line)
        if not reading.entry.ok or reading.problem is not None:
            return self.fail(line, str(reading.error()))
        if reading.owner_questions:
            line.state = OWNER
            return line
        try:
            logged = self.repo.log_line(self.meeting_id, reading.write(line.agenda_key))
        except UserError as error:
            return self.fail(line, str(error))
        self.queue.pop(0)
        self.undo_stack.append(LineStep(logged))
        return Saved(line, logged, reading)

    def run(self) -> list[Saved | QueuedLine]:
        """Store queued lines in order until none is left or one cannot be stored."""
        outcomes: list[Saved | QueuedLine] = []
        while (outcome := self.step()) is not None:
            outcomes.append(outcome)
            if not isinstance(outcome, Saved):
                break
        return outcomes

    def fail(self, line: QueuedLine, sentence: str) -> QueuedLine:
        line.state, line.problem = FAILED, sentence
        return line

    def answer_owner(self, line: QueuedLine, token: str, choice: OwnerChoice | None) -> None:
        """The answer to an owner question; None (no answer) fails the line with a sentence."""
        if choice is None:
            self.fail(line, str(UserError("live.owner_not_chosen", owner=token)))
            return
        line.choices[token] = choice
        line.reading = None
        if not [t for t in self._reading_of(line).owner_questions if t not in line.choices]:
            line.state = PENDING

    def drop(self, key: str) -> QueuedLine | None:
        """Take a queued line out on purpose (the secretary removed it)."""
        line = next((q for q in self.queue if q.key == key), None)
        if line is not None:
            self.queue.remove(line)
        return line

    def _reading_of(self, line: QueuedLine) -> Reading:
        reading = line.reading
        if reading is None or reading.seq != self.repo.storage.seq:
            reading = line.reading = self.read(line.text, line.choices or None)
        return reading

    # -- one line straight away (the command line) -----------------------------------------

    def log(self, text: str, agenda_key: int | None = None, add_owners: bool = False) -> tuple[LoggedLine, Reading]:
        """Read and store one line now; an unknown owner becomes a new person with
        ``add_owners`` (the owner dialog's "add person"). Raises UserError."""
        reading = self.read(text)
        if add_owners and reading.ok is False and reading.unknown_owners and not reading.ambiguous:
            reading = self.read(text, {token: OwnerChoice(new_name=token) for token in reading.unknown_owners})
        logged = self.repo.log_line(self.meeting_id, reading.write(agenda_key))
        self.undo_stack.append(LineStep(logged))
        return logged, reading

    # -- correcting and removing logged lines ------------------------------------------

    def logged(self, key: str) -> LoggedLine | None:
        """A line of this meeting by its key ("entry:3", "action:7"), as stored now."""
        return self.repo.logged_line(key)

    def line_text(self, line: LoggedLine) -> str:
        """The logged line written back in the quick-entry grammar, to be corrected."""
        record = self.repo
        owners: list[str] = []
        if isinstance(line.record, Action):
            person = record.person(line.record.owner_person_id)
            org = record.organisation(line.record.owner_organisation_id)
            owners += [person.name] if person else []
            if org is not None and (person is None or person.organisation_id != org.id):
                owners.append(org.name)
            promise_ids = [line.record.promise_id] if line.record.promise_id else []
            kind, due = ACTION, line.record.due
        else:
            promise_ids, kind, due = line.record.promise_ids, line.record.kind, None
        forum = record.forum(self.meeting.forum_id)
        marked = line.record.confidential and not (forum and forum.confidential_default)
        return compose_line(kind, line.record.text, owners, due, [str(p) for p in promise_ids], marked)

    def edit(self, key: str, text: str) -> LoggedLine:
        """Store the corrected text of a logged line (read again, whole); ctrl+z takes it back."""
        before = self.logged(key)
        if before is None:
            raise UserError("repo.line_gone")
        reading = self.read(text, allow_past=True)
        agenda_key = before.record.agenda_key
        after = self.repo.rewrite_line(before.table, before.record.id, reading.write(agenda_key), before.stored)
        self.undo_stack.append(EditStep(before, after))
        return after

    def delete(self, key: str) -> LoggedLine:
        line = self.logged(key)
        if line is None:
            raise UserError("repo.line_gone")
        if line.table == "entries":
            self.repo.delete_entry(line.record.id)
        else:
            self.repo.delete_action(line.record.id)
        self.undo_stack = [step for step in self.undo_stack if not step.concerns(key)]
        return line

    # -- attendance, guests, follow-up: each undoable ------------------------------------

    def cycle_attendance(self, row: int) -> Meeting:
        before = self.meeting.attendance[row].status if row < len(self.meeting.attendance) else ""
        meeting = self.repo.cycle_attendance(self.meeting_id, row)
        self.undo_stack.append(AttendanceStep(row, meeting.attendance[row], before))
        return meeting

    def add_guest(self, name: str, organisation: str = "", role: str = "") -> Meeting:
        meeting = self.repo.add_guest(self.meeting_id, name, organisation, role)
        row = len(meeting.attendance) - 1
        self.undo_stack.append(GuestAddedStep(row, meeting.attendance[row]))
        return meeting

    def edit_guest(self, row: int, name: str, organisation: str) -> Meeting:
        before = self.meeting.attendance[row] if row < len(self.meeting.attendance) else None
        meeting = self.repo.edit_guest(self.meeting_id, row, name, organisation, expected=before)
        if before is not None:
            self.undo_stack.append(GuestEditedStep(row, before, meeting.attendance[row]))
        return meeting

    def remove_guest(self, row: int) -> Meeting:
        guest = self.meeting.attendance[row] if row < len(self.meeting.attendance) else None
        meeting = self.repo.remove_guest(self.meeting_id, row, expected=guest)
        if guest is not None:
            self.undo_stack.append(GuestRemovedStep(row, guest))
        return meeting

    def add_agenda_item(self, title: str, after_key: int | None = None, minutes: int | None = None) -> Meeting:
        meeting = self.repo.add_agenda_item(self.meeting_id, title, after_key, minutes)
        added = max(meeting.agenda, key=lambda item: item.key)  # the new item has the largest key
        self.undo_stack.append(AgendaAddedStep(added.key, added.title))
        return meeting

    def move_agenda_item(self, key: int, delta: int) -> Meeting:
        before = [item.key for item in self.meeting.agenda]
        meeting = self.repo.move_agenda_item(self.meeting_id, key, delta)
        after = [item.key for item in meeting.agenda]
        if after != before:
            self.undo_stack.append(AgendaMovedStep(key, delta, after))
        return meeting

    def set_agenda_minutes(self, key: int, minutes: int | None) -> Meeting:
        item = next((i for i in self.meeting.agenda if i.key == key), None)
        meeting = self.repo.set_agenda_minutes(self.meeting_id, key, minutes)
        if item is not None and item.minutes != minutes:
            self.undo_stack.append(AgendaMinutesStep(key, item.title, item.minutes, minutes))
        return meeting

    def start_item(self, key: int | None) -> Meeting:
        """The meeting came to item ``key``: its clock starts now (the first time only).
        Only on the meeting's own day and before its minutes are approved: choosing an
        item of last week's meeting to correct a line under it starts no clock. A clock,
        not a record: nothing for ctrl+z to take back."""
        meeting = self.meeting
        if key is None or meeting.day != self.today() or meeting.approved_at is not None:
            return meeting
        return self.repo.start_agenda_item(self.meeting_id, key, clock.now())

    def change_action(self, action_id: int, **change: Any) -> Action:
        """A follow-up change (status, due date, note) made in this meeting."""
        before = self.repo.action(action_id)
        changed = self.repo.change_action(action_id, meeting_id=self.meeting_id, **change)
        if before is not None and len(changed.history) > len(before.history):
            self.undo_stack.append(FollowUpStep(changed.id, len(changed.history), before.status, before.due))
        return changed

    # -- undo ------------------------------------------------------------------------------

    def undo(self) -> Undone:
        """Take back the newest thing done in this meeting; UserError when there is none or
        it changed elsewhere since (that step is then dropped: it can never be taken back)."""
        if not self.undo_stack:
            raise UserError("live.nothing_to_undo")
        step = self.undo_stack.pop()
        try:
            return step.take_back(self.repo, self.meeting_id)
        except StoreError:
            self.undo_stack.append(step)  # the disk, not a change elsewhere: try again later
            raise

    # -- the chain between forums and the justering ----------------------------------------

    def raise_line(self, key: str, forum_id: int, text: str, by: str = "") -> Escalation:
        """Raise a logged line ("entry:3") or an action ("action:7") to another forum."""
        kind, _, ident = key.partition(":")
        number = int(ident) if ident.isdigit() else 0
        if kind == ACTION:
            return self.repo.escalate(forum_id, action_id=number, text=text, by=by)
        return self.repo.escalate(forum_id, entry_id=number, text=text, by=by)

    def decide(self, key: str, text: str) -> Entry:
        """This forum's decision on a line raised here from another forum."""
        kind, _, ident = key.partition(":")
        escalation = self.repo.escalated_from(int(ident)) if kind == "entry" and ident.isdigit() else None
        if escalation is None:
            raise UserError("escalation.not_raised")
        return self.repo.decide_escalation(escalation.id, text)

    def set_justerare(self, name: str) -> Meeting:
        return self.repo.set_justerare(self.meeting_id, name)

    def approve(self, by: str) -> Meeting:
        return self.repo.approve(self.meeting_id, by)

    def amend_as(self, by: str) -> str:
        """Changes to the approved minutes from now on are rättelser by ``by``."""
        return self.repo.begin_amending(self.meeting_id, by)

    def stop_amending(self) -> None:
        self.repo.end_amending(self.meeting_id)
