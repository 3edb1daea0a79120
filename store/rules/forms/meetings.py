"""A meeting outside the series: its date, time and place from the form, then stored."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from store.model.constants import PLANNED, TZ
from store.model.meeting import AgendaItem, Meeting
from store.rules import clock
from store.rules.forms.fields import FormError, parse_time


def parse_meeting_date(text: str, today: date, field: str = "date") -> date:
    """ISO (past dates too: a meeting held last week can be booked afterwards), or the
    Swedish forms of the quick-entry line: idag, imorgon, fredag, 1/12, 3 dec, v. 50."""
    from store.rules.quickentry import DateParseError, parse_due_date

    raw = " ".join(text.split())
    if not raw:
        raise FormError(field, "forms.date_missing")
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", raw):
        year, month, day = (int(part) for part in raw.split("-"))
        try:
            result = date(year, month, day)
        except ValueError:
            raise FormError(field, "forms.date_impossible", text=raw) from None
        if not clock.in_range(result):
            raise FormError(field, "date.out_of_range", text=raw)
        return result
    try:
        return parse_due_date(raw, today)
    except DateParseError as error:
        if error.key == "quickentry.date_unknown":
            raise FormError(field, "forms.date_unknown", text=raw) from None
        raise FormError(field, error.key, **error.params) from None


def meeting_from_input(fields: dict[str, str], repo, today: date) -> Meeting:
    """An extra meeting (not yet saved): forum id, date, time HH:MM and location.

    Attendance comes from the forum's members and the agenda from its standing
    agenda, as for a meeting of the series.
    """
    raw_forum = fields.get("forum", "").strip()
    if not raw_forum:
        raise FormError("forum", "forms.forum_missing")
    forum = repo.forum(int(raw_forum)) if raw_forum.isdigit() else None
    if forum is None:
        raise FormError("forum", "forms.forum_unknown", text=raw_forum)
    day = parse_meeting_date(fields.get("date", ""), today)
    at = time.fromisoformat(parse_time(fields.get("time", forum.cadence.time)))
    start = datetime.combine(day, at, tzinfo=TZ)
    location = " ".join(fields.get("location", forum.location).split())
    return Meeting(
        forum_id=forum.id,
        start=start,
        end=start + timedelta(minutes=forum.cadence.duration_minutes or 60),
        location=location,
        status=PLANNED,
        attendance=repo.attendance_for(forum),
        agenda=[AgendaItem(i + 1, title) for i, title in enumerate(forum.standing_agenda)],
    )


def book_meeting(repo, meeting: Meeting) -> Meeting:
    """Store an extra meeting; a stored meeting of the forum at that very time is reused."""
    with repo.transaction():
        same_day = repo.meeting_on(meeting.forum_id, meeting.day)
        if same_day is not None and same_day.start == meeting.start:
            return same_day
        return repo.save_meeting(meeting)
