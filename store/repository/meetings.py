"""Meetings: stored ones and those the series plans, and every edit of one (attendance,
guests, agenda, chair, secretary, held), each read after catch-up and saved in one transaction.

An edit that takes something back (``expected=``) is refused with a sentence when the
row is no longer what this session left there: another window changed it since."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from store.model.constants import ATTENDANCE_CYCLE, HELD, NOT_RECORDED, PLANNED, PRESENT, TZ
from store.model.forum import Forum
from store.model.meeting import AgendaItem, Attendance, Meeting
from store.repository.base import parse_iso_date
from store.repository.history import HistoryRecords
from store.rules import calendar as cal
from store.rules import clock
from store.rules.agenda import check_minutes
from store.text.i18n import UserError


class MeetingRecords(HistoryRecords):
    def meeting(self, meeting_id: int) -> Meeting | None:
        return self._model("meetings", meeting_id)

    def meeting_on(self, forum_id: int, day: date) -> Meeting | None:
        meeting_id = self.indexes.meeting_on(forum_id, day.isoformat())
        if meeting_id is None and day.year < clock.today().year - 1:
            meeting_id = next((mid for mid, (fid, d) in self._history_meeting_keys(day.year, day.year)
                               if fid == forum_id and d == day.isoformat()), None)
        return self.meeting(meeting_id) if meeting_id else None

    def meetings_between(
        self, start: date, end: date, forum_ids: Iterable[int] | None = None
    ) -> list[Meeting]:
        """Stored meetings and the series' planned ones (id 0) in [start, end], by time."""
        wanted = set(forum_ids) if forum_ids is not None else set(self._all("forums"))
        keys = list(self.indexes.meeting_keys().items())
        if start.year < clock.today().year - 1:  # the years of history asked for, from their summaries
            keys += self._history_meeting_keys(start.year, end.year)
        first, last = start.isoformat(), end.isoformat()
        found: dict[tuple[int, str], Meeting] = {}
        for meeting_id, (forum_id, day) in keys:
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
            attendance=self.attendance_for(forum, start_at.astimezone(TZ).date()),
            agenda=[AgendaItem(i + 1, title) for i, title in enumerate(forum.standing_agenda)],
        )

    def attendance_for(self, forum: Forum, day: date | None = None) -> list[Attendance]:
        """The attendance list of a new meeting: the forum's members, present when the
        meeting is today or past (the secretary marks who was not), "not recorded" when
        it is still ahead (nobody has been seen yet)."""
        status = NOT_RECORDED if day is not None and day > clock.today() else PRESENT
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
                    status=status,
                )
            )
        return rows

    def ensure_meeting(self, forum: Forum, day: date) -> Meeting:
        """The stored meeting of ``forum`` on ``day``, created from the series if needed."""
        with self.transaction():
            existing = self.meeting_on(forum.id, day)
            if existing:
                return existing
            return self._insert("meetings", self._new_meeting(forum, day))

    def _new_meeting(self, forum: Forum, day: date) -> Meeting:
        starts = cal.occurrences(forum.cadence, forum.holiday_rule, day, day)
        if starts:
            return self._planned(forum, starts[0])
        hour, _, minute = (forum.cadence.time or "09:00").partition(":")
        return self._planned(forum, datetime(day.year, day.month, day.day, int(hour), int(minute or 0), tzinfo=TZ))

    def held_or_planned_on(self, forum: Forum, day: date) -> Meeting | None:
        """The forum's meeting on ``day``: stored, or planned by its series (id 0)."""
        stored = self.meeting_on(forum.id, day)
        if stored is not None:
            return stored
        return next((m for m in self.meetings_between(day, day, [forum.id]) if m.day == day), None)

    def nearest_meeting_days(self, forum: Forum, day: date, count: int = 3) -> list[date]:
        """The forum's meeting days nearest ``day`` (stored or in the series), nearest first."""
        days = {m.day for m in self.meetings_between(day - timedelta(days=120), day + timedelta(days=120),
                                                     [forum.id])}
        return sorted(days, key=lambda d: (abs((d - day).days), d))[:count]

    def save_meeting(self, meeting: Meeting) -> Meeting:
        with self.transaction():
            self._locked_save(meeting)
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
            if self._locked_change(meeting, change) is False:
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

    def edit_guest(self, meeting_id: int, row_index: int, name: str, organisation: str = "",
                   expected: Attendance | None = None) -> Meeting:
        """Correct a guest's name and organisation (a member's row is the forum's to change)."""
        name = " ".join(name.split())
        if not name:
            raise UserError("repo.guest_name_missing")

        def edit(meeting: Meeting) -> None:
            row = self._guest_row(meeting, row_index, expected)
            row.name, row.organisation = name, " ".join(organisation.split())

        return self._change_meeting(meeting_id, edit)

    def remove_guest(self, meeting_id: int, row_index: int, expected: Attendance | None = None) -> Meeting:
        def remove(meeting: Meeting) -> None:
            self._guest_row(meeting, row_index, expected)
            del meeting.attendance[row_index]

        return self._change_meeting(meeting_id, remove)

    def insert_guest(self, meeting_id: int, row_index: int, guest: Attendance) -> Meeting:
        """Put a removed guest back where the row was (or last, if the list is shorter now)."""

        def insert(meeting: Meeting) -> None:
            meeting.attendance.insert(min(row_index, len(meeting.attendance)), guest)

        return self._change_meeting(meeting_id, insert)

    def restore_attendance(self, meeting_id: int, row_index: int, expected: Attendance, status: str) -> Meeting:
        """Take back a status change: refused when the row is no longer ``expected``."""

        def restore(meeting: Meeting) -> None:
            row = self._attendance_row(meeting, row_index)
            if row != expected:
                raise UserError("repo.attendance_changed_since", name=expected.name)
            row.status = status

        return self._change_meeting(meeting_id, restore)

    def _guest_row(self, meeting: Meeting, row_index: int, expected: Attendance | None) -> Attendance:
        row = self._attendance_row(meeting, row_index)
        if not row.guest:
            raise UserError("repo.not_a_guest", name=row.name)
        if expected is not None and row != expected:
            raise UserError("repo.attendance_changed_since", name=expected.name)
        return row

    def add_agenda_item(self, meeting_id: int, title: str, after_key: int | None = None,
                        minutes: int | None = None) -> Meeting:
        """A new agenda item after ``after_key`` (last when None or unknown), with its
        time budget if given; its key is one more than the largest so far, so it is the
        meeting's largest key."""
        title = title.strip()
        if not title:
            raise UserError("repo.agenda_title_missing")
        check_minutes(minutes)

        def insert(meeting: Meeting) -> None:
            keys = [item.key for item in meeting.agenda]
            at = keys.index(after_key) + 1 if after_key in keys else len(keys)
            meeting.agenda.insert(at, AgendaItem(max(keys, default=0) + 1, title, minutes))

        return self._change_meeting(meeting_id, insert)

    def set_agenda_minutes(self, meeting_id: int, key: int, minutes: int | None) -> Meeting:
        """The item's time budget in minutes (None: no budget)."""
        check_minutes(minutes)

        def change(meeting: Meeting) -> bool:
            item = self._agenda_item(meeting, key)
            if item.minutes == minutes:
                return False
            item.minutes = minutes
            return True

        return self._change_meeting(meeting_id, change)

    def start_agenda_item(self, meeting_id: int, key: int, at: datetime) -> Meeting:
        """The meeting came to this item: its clock starts, the first time only (coming
        back to an item later does not restart it)."""

        def change(meeting: Meeting) -> bool:
            item = self._agenda_item(meeting, key)
            if item.started is not None:
                return False
            item.started = at
            return True

        return self._change_meeting(meeting_id, change)

    @staticmethod
    def _agenda_item(meeting: Meeting, key: int) -> AgendaItem:
        item = next((i for i in meeting.agenda if i.key == key), None)
        if item is None:
            raise UserError("repo.unknown_agenda_item", item=key)
        return item

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

    def remove_agenda_item(self, meeting_id: int, key: int) -> Meeting:
        """Take back an item added by mistake; refused once lines are filed under it."""

        def remove(meeting: Meeting) -> None:
            item = next((i for i in meeting.agenda if i.key == key), None)
            if item is None:
                raise UserError("repo.unknown_agenda_item", item=key)
            filed = [doc for table in ("entries", "actions") for doc in self._raw(table).values()
                     if doc.get("agenda_key") == key
                     and meeting_id in (doc.get("meeting_id"), doc.get("origin_meeting_id"))]
            if filed:
                raise UserError("repo.agenda_item_in_use", title=item.title, count=len(filed))
            meeting.agenda.remove(item)

        return self._change_meeting(meeting_id, remove)

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
        keys = [*self.indexes.meeting_keys().items(), *self._history_meeting_keys()]
        ids = [mid for mid, (fid, _) in keys if fid == forum_id]
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

