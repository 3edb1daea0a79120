"""The repository: the only code that touches TinyDB tables.

Every thing a user can do (log an entry, change an action, plan a meeting) is one
method here, run as one transaction: one durable journal line. The TUI and the
command line both call these methods.

Raw documents stay in the storage; models are built on demand. Small tables
(organisations, people, forums, promises, agreements) are cached as models; the
large ones (meetings, entries, actions) have indexes kept up to date from the
storage's change notifications, which also carry other processes' commits.
"""

from __future__ import annotations

import inspect
import os
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from tinydb.table import Document

from store import calendar as cal
from store import clock
from store.i18n import UserError
from store.models import (
    ACTIVE_STATUSES,
    ATTENDANCE_CYCLE,
    DECISION,
    HELD,
    INFO,
    PLANNED,
    PRESENT,
    TABLES,
    TZ,
    Action,
    ActionEvent,
    AgendaItem,
    Agreement,
    Attendance,
    Entry,
    Forum,
    Meeting,
    Model,
    Organisation,
    Person,
    Promise,
)
from store.persistence import StoreDB, StoreError
from store.settings import default_store_path

M = TypeVar("M", bound=Model)

CACHED_TABLES = ("organisations", "people", "forums", "promises", "agreements")


class Repository:
    def __init__(self, path: str | os.PathLike | None = None, create: bool = False):
        self.path = Path(path) if path is not None else None
        if self.path is not None and self.path.is_dir():
            raise StoreError("store.not_a_store", path=self.path, backup="-")
        self.db = StoreDB(self.path, create=create)
        self.storage = self.db.journal
        self._cache: dict[str, dict[int, Model]] = {}
        self._meeting_key: dict[int, tuple[int, str]] = {}
        self._meeting_by_day: dict[tuple[int, str], int] = {}
        self._entry_meeting: dict[int, int] = {}
        self._entries_by_meeting: dict[int, list[int]] = defaultdict(list)
        self._action_meetings: dict[int, set[int]] = {}
        self._actions_by_meeting: dict[int, set[int]] = defaultdict(set)
        self._active_actions: set[int] = set()
        # Built on first use: a command that only lists actions never needs them.
        self._indexed = False
        self.storage.listeners.append(self._on_change)

    @classmethod
    def memory(cls) -> Repository:
        return cls(None)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self):
        return self.storage.transaction()

    def subscribe(self, listener) -> Callable[[], None]:
        """Call ``listener(changed)`` with the (table, id) pairs of every commit, ours
        or another process's; returns the function that ends the subscription.

        A bound method is held weakly, so an index nobody uses any more is not kept
        alive by the store and stops listening by itself.
        """
        if inspect.ismethod(listener):
            method = weakref.WeakMethod(listener)

            def listener(changed: set[tuple[str, str]]) -> None:
                target = method()
                if target is not None:
                    target(changed)

        self.storage.listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self.storage.listeners:
                self.storage.listeners.remove(listener)

        return unsubscribe

    def refresh(self) -> bool:
        """Pick up other processes' commits; True if anything changed."""
        before = self.storage.seq
        with self.storage.transaction():
            pass
        return self.storage.seq != before

    # -- raw access and indexes ----------------------------------------------

    def _raw(self, table: str) -> dict[str, Any]:
        return self.storage.tables.get(table, {})

    def _ensure_indexes(self) -> None:
        if not self._indexed:
            self._indexed = True
            self._rebuild_indexes()

    def _rebuild_indexes(self) -> None:
        self._cache.clear()
        for key, doc in self._raw("meetings").items():
            self._index_meeting(int(key), doc)
        for key, doc in self._raw("entries").items():
            self._index_entry(int(key), doc)
        for key, doc in self._raw("actions").items():
            self._index_action(int(key), doc)

    def _index_meeting(self, meeting_id: int, doc: dict | None) -> None:
        old = self._meeting_key.pop(meeting_id, None)
        if old is not None and self._meeting_by_day.get(old) == meeting_id:
            del self._meeting_by_day[old]
        if doc is not None:
            key = (doc["forum_id"], doc["start"][:10])
            self._meeting_key[meeting_id] = key
            self._meeting_by_day.setdefault(key, meeting_id)

    def _index_entry(self, entry_id: int, doc: dict | None) -> None:
        old = self._entry_meeting.pop(entry_id, None)
        if old is not None:
            self._entries_by_meeting[old].remove(entry_id)
        if doc is not None:
            self._entry_meeting[entry_id] = doc["meeting_id"]
            ids = self._entries_by_meeting[doc["meeting_id"]]
            ids.append(entry_id)
            if len(ids) > 1 and ids[-2] > entry_id:
                ids.sort()

    def _index_action(self, action_id: int, doc: dict | None) -> None:
        for meeting_id in self._action_meetings.pop(action_id, ()):
            self._actions_by_meeting[meeting_id].discard(action_id)
        self._active_actions.discard(action_id)
        if doc is not None:
            if doc.get("status") in ACTIVE_STATUSES:
                self._active_actions.add(action_id)
            meetings = {e["meeting_id"] for e in doc.get("history", ()) if e.get("meeting_id")}
            if doc.get("origin_meeting_id"):
                meetings.add(doc["origin_meeting_id"])
            self._action_meetings[action_id] = meetings
            for meeting_id in meetings:
                self._actions_by_meeting[meeting_id].add(action_id)

    def _on_change(self, changed: set[tuple[str, str]]) -> None:
        indexers = {
            "meetings": self._index_meeting,
            "entries": self._index_entry,
            "actions": self._index_action,
        }
        for table, key in changed:
            if table in CACHED_TABLES:
                self._cache.pop(table, None)
            elif table in indexers and self._indexed:
                indexers[table](int(key), self._raw(table).get(key))

    def load_history(self) -> None:
        """Read the yearly archive (older meetings, closed actions) if not yet read."""
        self.storage.load_archive()

    @property
    def history_loaded(self) -> bool:
        return self.storage.archive_loaded

    def _model(self, table: str, doc_id: int) -> Any:
        doc = self._raw(table).get(str(doc_id))
        if doc is None and not self.storage.archive_loaded and doc_id:
            self.load_history()  # an id from history: read the archive once
            doc = self._raw(table).get(str(doc_id))
        return TABLES[table].from_doc(doc, doc_id) if doc is not None else None

    def _all(self, table: str) -> dict[int, Any]:
        if table not in self._cache:
            model = TABLES[table]
            self._cache[table] = {
                int(k): model.from_doc(doc, int(k)) for k, doc in self._raw(table).items()
            }
        return self._cache[table]

    def _insert(self, table: str, model: M) -> M:
        model.id = self.db.table(table).insert(model.to_doc())
        return model

    def _save(self, table: str, model: M) -> M:
        if str(model.id) not in self._raw(table):
            self.load_history()
        new = model.to_doc()

        def replace(doc: dict) -> None:
            doc.clear()
            doc.update(new)

        if not self.db.table(table).update(replace, doc_ids=[model.id]):
            self.db.table(table).insert(Document(new, doc_id=model.id))
        return model

    def _delete(self, table: str, doc_id: int) -> None:
        if str(doc_id) not in self._raw(table):
            self.load_history()
        self.db.table(table).remove(doc_ids=[doc_id])

    # -- organisations, people, agreements -----------------------------------

    def organisations(self) -> list[Organisation]:
        return sorted(self._all("organisations").values(), key=lambda o: o.name.lower())

    def organisation(self, org_id: int | None) -> Organisation | None:
        return self._all("organisations").get(org_id) if org_id else None

    def save_organisation(self, org: Organisation) -> Organisation:
        with self.transaction():
            return self._save("organisations", org) if org.id else self._insert("organisations", org)

    def people(self) -> list[Person]:
        return sorted(self._all("people").values(), key=lambda p: p.name.lower())

    def person(self, person_id: int | None) -> Person | None:
        return self._all("people").get(person_id) if person_id else None

    def save_person(self, person: Person) -> Person:
        with self.transaction():
            return self._save("people", person) if person.id else self._insert("people", person)

    def agreements(self) -> list[Agreement]:
        return list(self._all("agreements").values())

    def save_agreement(self, agreement: Agreement) -> Agreement:
        with self.transaction():
            if agreement.id:
                return self._save("agreements", agreement)
            return self._insert("agreements", agreement)

    def find_owner(
        self, token: str, municipality: str | None = None
    ) -> tuple[Person | None, Organisation | None, list[str]]:
        """Resolve an ``@token``: a person or an organisation by name, prefix or kind word.

        ``@kommunen`` means the municipality of the meeting's forum when several
        municipalities share the store, so ``municipality`` narrows kind words.

        Returns (person, organisation, candidates); candidates lists names when the
        token is ambiguous, and all three are empty when nothing matches.
        """
        needle = token.strip().lower().replace("_", " ")
        if not needle:
            return None, None, []
        kind_words = {
            "police": ("polisen", "polis"),
            "municipality": ("kommunen", "kommun"),
            "fire": ("brandförsvaret", "brandförsvar", "räddningstjänsten"),
        }
        orgs = self.organisations()
        for org in orgs:
            if org.name.lower() == needle:
                return None, org, []
        kind_matches = [o for o in orgs if needle in kind_words.get(o.kind, ())]
        if len(kind_matches) > 1 and municipality:
            local = [o for o in kind_matches if o.municipality == municipality]
            kind_matches = local or kind_matches
        if len(kind_matches) == 1:
            return None, kind_matches[0], []
        people = self.people()
        exact = [p for p in people if p.name.lower() == needle]
        if len(exact) == 1:
            return exact[0], self.organisation(exact[0].organisation_id), []
        first_names = [p for p in people if p.name.lower().split()[0] == needle]
        if len(first_names) == 1:
            return first_names[0], self.organisation(first_names[0].organisation_id), []
        prefix = [p for p in people if p.name.lower().startswith(needle)]
        org_prefix = [o for o in orgs if o.name.lower().startswith(needle)]
        if len(prefix) == 1 and not org_prefix:
            return prefix[0], self.organisation(prefix[0].organisation_id), []
        if len(org_prefix) == 1 and not prefix:
            return None, org_prefix[0], []
        candidates = [p.name for p in first_names or prefix] + [o.name for o in org_prefix]
        candidates += [o.name for o in kind_matches]
        return None, None, candidates

    # -- forums ----------------------------------------------------------------

    def forums(self) -> list[Forum]:
        return sorted(self._all("forums").values(), key=lambda f: (f.municipality, f.name))

    def forum(self, forum_id: int) -> Forum | None:
        return self._all("forums").get(forum_id)

    def forum_by_name(self, name: str) -> Forum:
        """A forum by id, exact name or unique prefix; one sentence when unknown."""
        forums = self.forums()
        needle = name.strip().lower()
        if needle.isdigit() and int(needle) in self._all("forums"):
            return self._all("forums")[int(needle)]
        exact = [f for f in forums if f.name.lower() == needle]
        if len(exact) == 1:
            return exact[0]
        partial = [f for f in forums if needle and needle in f.name.lower()]
        if len(partial) == 1:
            return partial[0]
        known = ", ".join(f.name for f in (partial or forums)) or "-"
        key = "repo.ambiguous_forum" if len(partial) > 1 else "repo.unknown_forum"
        raise UserError(key, name=name, known=known)

    def save_forum(self, forum: Forum) -> Forum:
        if not forum.name.strip():
            raise UserError("repo.forum_name_missing")
        clash = [f for f in self.forums() if f.name.lower() == forum.name.strip().lower()]
        if any(f.id != forum.id for f in clash):
            raise UserError("repo.forum_exists", name=forum.name)
        with self.transaction():
            return self._save("forums", forum) if forum.id else self._insert("forums", forum)

    def chair_for(self, forum: Forum, day: date) -> str:
        return cal.chair_for(forum, day, self._all("people"), self._all("organisations"))

    # -- meetings --------------------------------------------------------------

    def meeting(self, meeting_id: int) -> Meeting | None:
        return self._model("meetings", meeting_id)

    def meeting_on(self, forum_id: int, day: date) -> Meeting | None:
        self._ensure_indexes()
        if day.year < clock.today().year - 1:
            self.load_history()
        meeting_id = self._meeting_by_day.get((forum_id, day.isoformat()))
        return self.meeting(meeting_id) if meeting_id else None

    def meetings_between(
        self, start: date, end: date, forum_ids: Iterable[int] | None = None
    ) -> list[Meeting]:
        """Stored meetings and the series' planned ones (id 0) in [start, end], by time."""
        self._ensure_indexes()
        wanted = set(forum_ids) if forum_ids is not None else set(self._all("forums"))
        if start.year < clock.today().year - 1:
            self.load_history()
        first, last = start.isoformat(), end.isoformat()
        found: dict[tuple[int, str], Meeting] = {}
        for meeting_id, (forum_id, day) in self._meeting_key.items():
            if forum_id in wanted and first <= day <= last:
                meeting = self.meeting(meeting_id)
                found.setdefault((forum_id, day), meeting)
                if found[(forum_id, day)].id != meeting_id:
                    found[(forum_id, f"{day}#{meeting_id}")] = meeting
        for forum_id in wanted:
            forum = self.forum(forum_id)
            if forum is None:
                continue
            for start_at in cal.occurrences(forum.cadence, forum.holiday_rule, start, end):
                key = (forum_id, start_at.date().isoformat())
                if key not in found:
                    found[key] = self._planned(forum, start_at)
        return sorted(found.values(), key=lambda m: (m.start, m.forum_id))

    def _planned(self, forum: Forum, start_at: datetime) -> Meeting:
        minutes = forum.cadence.duration_minutes or 60
        return Meeting(
            forum_id=forum.id,
            start=start_at,
            end=start_at + timedelta(minutes=minutes),
            location=forum.location,
            status=PLANNED,
            attendance=self.attendance_for(forum),
            agenda=[AgendaItem(i + 1, title) for i, title in enumerate(forum.standing_agenda)],
        )

    def attendance_for(self, forum: Forum) -> list[Attendance]:
        """The attendance list of a new meeting: the forum's members, all present."""
        rows = []
        for person_id in forum.member_ids:
            person = self.person(person_id)
            if person is None:
                continue
            org = self.organisation(person.organisation_id)
            rows.append(
                Attendance(
                    name=person.name,
                    person_id=person.id,
                    organisation=org.name if org else "",
                    role=person.role,
                )
            )
        return rows

    def ensure_meeting(self, forum: Forum, day: date) -> Meeting:
        """The stored meeting of ``forum`` on ``day``, created from the series if needed."""
        with self.transaction():
            existing = self.meeting_on(forum.id, day)
            if existing:
                return existing
            starts = cal.occurrences(forum.cadence, forum.holiday_rule, day, day)
            if starts:
                meeting = self._planned(forum, starts[0])
            else:
                hour, _, minute = (forum.cadence.time or "09:00").partition(":")
                start_at = datetime(day.year, day.month, day.day, int(hour), int(minute or 0), tzinfo=TZ)
                meeting = self._planned(forum, start_at)
            return self._insert("meetings", meeting)

    def save_meeting(self, meeting: Meeting) -> Meeting:
        with self.transaction():
            if meeting.id:
                return self._save("meetings", meeting)
            return self._insert("meetings", meeting)

    def _change_meeting(self, meeting_id: int, change: Callable[[Meeting], bool | None]) -> Meeting:
        """Read the meeting after catch-up, change it, save it: one transaction, so
        another process's change in between is kept, never overwritten.

        ``change`` returns False when it changed nothing: then nothing is written.
        """
        with self.transaction():
            meeting = self.meeting(meeting_id)
            if meeting is None:
                raise UserError("repo.unknown_meeting", ref=meeting_id)
            if change(meeting) is False:
                return meeting
            return self._save("meetings", meeting)

    @staticmethod
    def _attendance_row(meeting: Meeting, row_index: int) -> Attendance:
        if not 0 <= row_index < len(meeting.attendance):
            raise UserError("repo.unknown_attendance_row", row=row_index + 1, total=len(meeting.attendance))
        return meeting.attendance[row_index]

    def set_attendance(self, meeting_id: int, row_index: int, status: str) -> Meeting:
        """Mark one attendance row (0-based) present, absent or excused."""
        if status not in ATTENDANCE_CYCLE:
            raise UserError("repo.bad_attendance", status=status)

        def mark(meeting: Meeting) -> None:
            self._attendance_row(meeting, row_index).status = status

        return self._change_meeting(meeting_id, mark)

    def cycle_attendance(self, meeting_id: int, row_index: int) -> Meeting:
        """present → absent → excused → present; an unknown status starts over at present."""

        def cycle(meeting: Meeting) -> None:
            row = self._attendance_row(meeting, row_index)
            steps = ATTENDANCE_CYCLE
            row.status = steps[(steps.index(row.status) + 1) % len(steps)] if row.status in steps else PRESENT

        return self._change_meeting(meeting_id, cycle)

    def add_guest(self, meeting_id: int, name: str, organisation: str = "", role: str = "") -> Meeting:
        """A guest (not a forum member) last in the attendance list, present."""
        name = " ".join(name.split())
        if not name:
            raise UserError("repo.guest_name_missing")
        guest = Attendance(name=name, organisation=" ".join(organisation.split()), role=role.strip(),
                           status=PRESENT, guest=True)
        return self._change_meeting(meeting_id, lambda meeting: meeting.attendance.append(guest))

    def add_agenda_item(self, meeting_id: int, title: str, after_key: int | None = None) -> Meeting:
        """A new agenda item after ``after_key`` (last when None or unknown); its key
        is one more than the largest so far, so it is the meeting's largest key."""
        title = title.strip()
        if not title:
            raise UserError("repo.agenda_title_missing")

        def insert(meeting: Meeting) -> None:
            keys = [item.key for item in meeting.agenda]
            at = keys.index(after_key) + 1 if after_key in keys else len(keys)
            meeting.agenda.insert(at, AgendaItem(max(keys, default=0) + 1, title))

        return self._change_meeting(meeting_id, insert)

    def move_agenda_item(self, meeting_id: int, key: int, offset: int) -> Meeting:
        """Move an item ``offset`` places (negative: up); past either end it stays."""

        def move(meeting: Meeting) -> bool:
            keys = [item.key for item in meeting.agenda]
            if key not in keys:
                raise UserError("repo.unknown_agenda_item", item=key)
            index = keys.index(key)
            target = index + offset
            if offset == 0 or not 0 <= target < len(keys):
                return False
            meeting.agenda.insert(target, meeting.agenda.pop(index))
            return True

        return self._change_meeting(meeting_id, move)

    def set_chair(self, meeting_id: int, chair: str) -> Meeting:
        """Chair this one meeting; the name the forum's rule gives (or none) clears the override."""

        def change(meeting: Meeting) -> None:
            forum = self.forum(meeting.forum_id)
            by_rule = self.chair_for(forum, meeting.day) if forum else ""
            name = chair.strip()
            meeting.chair = "" if name == by_rule else name

        return self._change_meeting(meeting_id, change)

    def set_secretary(self, meeting_id: int, name: str) -> Meeting:
        def change(meeting: Meeting) -> None:
            meeting.secretary = name.strip()

        return self._change_meeting(meeting_id, change)

    def mark_held(self, meeting_id: int) -> Meeting:
        def change(meeting: Meeting) -> None:
            meeting.status = HELD

        return self._change_meeting(meeting_id, change)

    def meeting_chair(self, meeting: Meeting) -> str:
        if meeting.chair:
            return meeting.chair
        forum = self.forum(meeting.forum_id)
        return self.chair_for(forum, meeting.day) if forum else ""

    def meetings_of_forum(self, forum_id: int) -> list[Meeting]:
        self._ensure_indexes()
        self.load_history()
        ids = [mid for mid, (fid, _) in self._meeting_key.items() if fid == forum_id]
        return sorted((self.meeting(mid) for mid in ids), key=lambda m: m.start)

    def meeting_ref(self, meeting: Meeting) -> str:
        """How a person names a meeting on the command line: an id, or forum@date."""
        if meeting.id:
            return str(meeting.id)
        forum = self.forum(meeting.forum_id)
        return f"{forum.name if forum else meeting.forum_id}@{meeting.day.isoformat()}"

    def resolve_meeting(self, ref: str, create: bool = False) -> Meeting:
        """A meeting by id or by ``forum@YYYY-MM-DD``; one sentence when there is none."""
        ref = ref.strip()
        if ref.isdigit():
            meeting = self.meeting(int(ref))
            if meeting is None:
                raise UserError("repo.unknown_meeting", ref=ref)
            return meeting
        name, at, day_text = ref.rpartition("@")
        if not at:
            raise UserError("repo.bad_meeting_ref", ref=ref)
        day = parse_iso_date(day_text)
        forum = self.forum_by_name(name)
        meeting = self.meeting_on(forum.id, day)
        if meeting:
            return meeting
        planned = [m for m in self.meetings_between(day, day, [forum.id]) if m.day == day]
        if not planned and not create:
            raise UserError("repo.no_meeting_that_day", forum=forum.name, date=day.isoformat())
        return self.ensure_meeting(forum, day) if create else planned[0]

    # -- entries ---------------------------------------------------------------

    def entries(self, meeting_id: int) -> list[Entry]:
        self._ensure_indexes()
        return [self._model("entries", eid) for eid in self._entries_by_meeting.get(meeting_id, ())]

    def entry(self, entry_id: int) -> Entry | None:
        return self._model("entries", entry_id)

    def add_entry(
        self,
        meeting: Meeting,
        kind: str,
        text: str,
        confidential: bool | None = None,
        agenda_key: int | None = None,
        promise_ids: list[int] | None = None,
        at: datetime | None = None,
    ) -> Entry:
        if kind not in (INFO, DECISION):
            raise UserError("repo.bad_entry_kind", kind=kind)
        if not text.strip():
            raise UserError("repo.empty_text")
        forum = self.forum(meeting.forum_id)
        if confidential is None:
            confidential = bool(forum and forum.confidential_default)
        entry = Entry(
            meeting_id=meeting.id,
            kind=kind,
            text=text.strip(),
            created=at or clock.now(),
            agenda_key=agenda_key,
            confidential=confidential,
            promise_ids=list(promise_ids or []),
        )
        with self.transaction():
            return self._insert("entries", entry)

    def save_entry(self, entry: Entry) -> Entry:
        if not entry.text.strip():
            raise UserError("repo.empty_text")
        with self.transaction():
            return self._save("entries", entry)

    def delete_entry(self, entry_id: int) -> None:
        with self.transaction():
            self._delete("entries", entry_id)

    # -- actions ---------------------------------------------------------------

    def action(self, action_id: int) -> Action | None:
        return self._model("actions", action_id)

    def action_docs(self, history: bool = True) -> dict[str, Any]:
        """Raw action documents by id string: for fast filtering over 100,000 actions.

        ``history=False`` skips reading the archive: every active action and every
        action of this year and last are there without it.
        """
        if history:
            self.load_history()
        return self._raw("actions")

    def actions_of_meeting(self, meeting_id: int) -> list[Action]:
        """Actions created in this meeting or handled in it (history names it)."""
        self._ensure_indexes()
        ids = sorted(self._actions_by_meeting.get(meeting_id, ()))
        return [self._model("actions", aid) for aid in ids]

    def open_actions_of_forum(self, forum_id: int, before: datetime | None = None) -> list[Action]:
        """Active actions of a forum created in its earlier meetings: the follow-up list."""
        self._ensure_indexes()
        meetings = {mid for mid, (fid, day) in self._meeting_key.items() if fid == forum_id}
        result = []
        raw = self._raw("actions")
        for action_id in self._active_actions:
            key = str(action_id)
            doc = raw[key]
            if doc.get("origin_meeting_id") not in meetings:
                continue
            if before is not None and doc.get("created") and doc["created"] >= before.isoformat():
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
        if not text.strip():
            raise UserError("repo.empty_text")
        forum = self.forum(meeting.forum_id) if meeting else None
        if confidential is None:
            confidential = bool(forum and forum.confidential_default)
        if owner_person_id and not owner_organisation_id:
            person = self.person(owner_person_id)
            owner_organisation_id = person.organisation_id if person else None
        now = at or clock.now()
        action = Action(
            text=text.strip(),
            origin_meeting_id=meeting.id if meeting else None,
            owner_person_id=owner_person_id,
            owner_organisation_id=owner_organisation_id,
            due=due,
            promise_id=promise_id,
            confidential=confidential,
            agenda_key=agenda_key,
            created=now,
            history=[ActionEvent(at=now, meeting_id=meeting.id if meeting else None, status="open", due=due)],
        )
        with self.transaction():
            return self._insert("actions", action)

    def change_action(
        self,
        action_id: int,
        meeting_id: int | None = None,
        status: str | None = None,
        due: date | None = None,
        note: str = "",
        at: datetime | None = None,
    ) -> Action:
        """Change status and/or due date, or add a note: one dated history line."""
        from store.models import ACTION_STATUSES

        if status is not None and status not in ACTION_STATUSES:
            raise UserError("repo.bad_status", status=status)
        with self.transaction():
            action = self.action(action_id)  # read after catch-up: no lost update
            if action is None:
                raise UserError("repo.unknown_action", id=action_id)
            if status is None and due is None and not note.strip():
                return action
            action.history.append(
                ActionEvent(at=at or clock.now(), meeting_id=meeting_id, status=status, due=due, note=note.strip())
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
            action.history.pop()
            action.status = status
            action.due = due
            return self._save("actions", action)

    def save_action(self, action: Action) -> Action:
        if not action.text.strip():
            raise UserError("repo.empty_text")
        with self.transaction():
            return self._save("actions", action)

    def delete_action(self, action_id: int) -> None:
        with self.transaction():
            self._delete("actions", action_id)

    # -- promises --------------------------------------------------------------

    def promises(self) -> list[Promise]:
        return sorted(
            self._all("promises").values(),
            key=lambda p: (p.municipality, p.period_start or date.min, p.id),
        )

    def promise(self, promise_id: int | None) -> Promise | None:
        return self._all("promises").get(promise_id) if promise_id else None

    def save_promise(self, promise: Promise) -> Promise:
        if not promise.text.strip():
            raise UserError("repo.empty_text")
        with self.transaction():
            return self._save("promises", promise) if promise.id else self._insert("promises", promise)

    def save_promises(self, promises: list[Promise]) -> list[Promise]:
        with self.transaction():
            return [self._insert("promises", p) for p in promises]

    def find_promise(self, ref: str) -> Promise | None:
        """``#L3`` / ``#3``: a promise by number."""
        digits = "".join(ch for ch in ref if ch.isdigit())
        return self.promise(int(digits)) if digits else None

    def actions_of_promise(self, promise_id: int) -> list[Action]:
        self.load_history()
        return [
            Action.from_doc(doc, int(key))
            for key, doc in self._raw("actions").items()
            if doc.get("promise_id") == promise_id
        ]

    # -- counts for the home screen ------------------------------------------

    def overdue_count(self, today: date | None = None) -> int:
        self._ensure_indexes()
        day = (today or clock.today()).isoformat()
        raw = self._raw("actions")
        return sum(1 for aid in self._active_actions if (raw[str(aid)].get("due") or "9999") < day)

    def active_action_ids(self) -> set[int]:
        self._ensure_indexes()
        return set(self._active_actions)


def parse_iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError("repo.bad_date", text=text) from None


__all__ = ["Repository", "StoreError", "default_store_path", "parse_iso_date"]
