"""The lines of a live meeting: logged, corrected and taken back, each in ONE transaction.

A logged line is an entry (information, decision) or an action; the people the
secretary adds while logging it (the owner dialog's "add person", the command line's
``--add-owner``) are stored in the same transaction, so they exist only if the line does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.model.action import Action
from store.model.meeting import Entry, Meeting
from store.model.people import Person
from store.repository.base import RepositoryBase
from store.text.i18n import UserError

ACTION = "action"
TABLES = {"entries": Entry, "actions": Action}


@dataclass
class LineWrite:
    """What a read and resolved line becomes: an entry (info, decision) or an action."""

    kind: str
    text: str
    confidential: bool | None = None  # None: the forum's default
    owner_person_id: int | None = None
    owner_organisation_id: int | None = None
    due: date | None = None
    promise_ids: list[int] = field(default_factory=list)
    agenda_key: int | None = None
    new_people: list[Person] = field(default_factory=list)

    @property
    def table(self) -> str:
        return "actions" if self.kind == ACTION else "entries"


@dataclass
class LoggedLine:
    """A stored line, with the people made for it and its document as stored (to tell,
    when it is taken back, whether anyone changed it since)."""

    table: str
    record: Entry | Action
    people: list[Person] = field(default_factory=list)
    stored: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{'action' if self.table == 'actions' else 'entry'}:{self.record.id}"


class LineRecords(RepositoryBase):
    def logged_line(self, key: str) -> LoggedLine | None:
        """A logged line by its key ("entry:3", "action:7") as stored now, or None."""
        kind, _, ident = key.partition(":")
        table = {"entry": "entries", ACTION: "actions"}.get(kind)
        doc = self._raw(table).get(ident) if table and ident.isdigit() else None
        if doc is None or not self.may_see_line(table, doc):
            return None
        return LoggedLine(table, TABLES[table].from_doc(doc, int(ident)), [], dict(doc))

    def log_line(self, meeting_id: int, write: LineWrite) -> LoggedLine:
        """Store one line (and the people made for it) as one durable journal line."""
        with self.transaction():
            meeting = self._meeting_or_refuse(meeting_id)
            people = [self._insert("people", Person(p.name, p.organisation_id, p.role)) for p in write.new_people]
            record = self._insert(write.table, self._line_model(meeting, write, people))
            self._locked_line(None, None, record)
            return LoggedLine(write.table, record, people, dict(self._raw(write.table)[str(record.id)]))

    def rewrite_line(self, table: str, record_id: int, write: LineWrite, expected: dict[str, Any]) -> LoggedLine:
        """Correct a logged line from its re-read text, in place when it stays an entry
        or stays an action; an entry that becomes an action (or back) gets a new number."""
        with self.transaction():
            old = self._line_doc(table, record_id, expected)
            meeting = self._meeting_or_refuse(old["meeting_id"] if table == "entries" else old["origin_meeting_id"])
            people = [self._insert("people", Person(p.name, p.organisation_id, p.role)) for p in write.new_people]
            model = self._line_model(meeting, write, people)
            if write.table != table:
                if table == "actions" and len(old.get("history") or ()) > 1:
                    raise UserError("repo.line_followed_up", text=old["text"])
                self._delete(table, record_id)
                record = self._insert(write.table, model)
            else:
                model.id = record_id
                model.created = TABLES[table].from_doc(old, record_id).created
                if isinstance(model, Entry) and model.text == old.get("text"):
                    model.by = old.get("by", "")  # the same words: still the writer's line
                if isinstance(model, Action):
                    kept = Action.from_doc(old, record_id)
                    model.history, model.status = kept.history, kept.status
                record = self._save(table, model)
            self._locked_line(table, expected, record)
            return LoggedLine(write.table, record, people, dict(self._raw(write.table)[str(record.id)]))

    def take_back_line(self, line: LoggedLine) -> list[str]:
        """Remove a line logged in this session, and the people made for it that nothing
        else refers to; returns their names. Refused when the line changed since."""
        with self.transaction():
            self._line_doc(line.table, line.record.id, line.stored)
            self._delete(line.table, line.record.id)
            self._locked_line(line.table, line.stored, None)
            removed = []
            for person in line.people:
                if person.id and not self._person_in_use(person.id):
                    self._delete("people", person.id)
                    removed.append(person.name)
            return removed

    def restore_line(self, before: LoggedLine, after: LoggedLine) -> None:
        """Put a corrected line back as it was (``before``); refused when it changed again
        since this session left it as ``after``."""
        with self.transaction():
            self._line_doc(after.table, after.record.id, after.stored)
            if (before.table, before.record.id) != (after.table, after.record.id):
                self._delete(after.table, after.record.id)
            restored = self._save(before.table, TABLES[before.table].from_doc(before.stored, before.record.id))
            self._locked_line(after.table, after.stored, restored)
            for person in after.people:
                if person.id and not self._person_in_use(person.id):
                    self._delete("people", person.id)

    # -- shared ------------------------------------------------------------------

    def _meeting_or_refuse(self, meeting_id: int) -> Meeting:
        meeting = self._model("meetings", meeting_id)
        if meeting is None:
            raise UserError("repo.unknown_meeting", ref=meeting_id)
        return meeting

    def _line_doc(self, table: str, record_id: int, expected: dict[str, Any]) -> dict[str, Any]:
        doc = self._raw(table).get(str(record_id))
        if doc is None:
            raise UserError("repo.line_gone")
        if doc != expected:
            raise UserError("repo.line_changed_since", text=doc.get("text", ""))
        return doc

    def _line_model(self, meeting: Meeting, write: LineWrite, people: list[Person]) -> Entry | Action:
        if write.kind != ACTION:
            return self._new_entry(meeting, write.kind, write.text, write.confidential,  # type: ignore[attr-defined]
                                   write.agenda_key, write.promise_ids)
        person_id = write.owner_person_id or (people[0].id if people else None)
        org_id = write.owner_organisation_id or (people[0].organisation_id if people else None)
        return self._new_action(meeting, write.text, person_id, org_id, write.due,  # type: ignore[attr-defined]
                                write.promise_ids[0] if write.promise_ids else None,
                                write.confidential, write.agenda_key)

    def _person_in_use(self, person_id: int) -> bool:
        if any(doc.get("owner_person_id") == person_id for doc in self._raw("actions").values()):
            return True
        if any(person_id in doc.get("member_ids", ()) for doc in self._raw("forums").values()):
            return True
        return any(row.get("person_id") == person_id
                   for doc in self._raw("meetings").values() for row in doc.get("attendance", ()))
