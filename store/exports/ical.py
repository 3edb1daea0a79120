"""A forum's meeting series as iCalendar, for Outlook, Google and phone calendars.

Times are Europe/Stockholm wall clock with a VTIMEZONE, so a 09:00 meeting stays
09:00 across summer time in every client. UIDs name the forum and the day
(``samverkan-<forum id>-<date>@samverkan``) so that exporting again updates the
same events instead of duplicating them, and DTSTAMP is the (freezable) clock, so
the same store on the same day gives the same bytes.
"""

from __future__ import annotations

from datetime import date, timedelta, timezone

from icalendar import Calendar, Event

from store.exports.registry import twelve_months_after
from store.model.constants import CANCELLED, TZ
from store.model.forum import Forum
from store.model.meeting import Meeting
from store.repository import Repository
from store.rules import breaks, clock
from store.rules.pauses import pause_words
from store.text.i18n import t
from store.text.terminal import UNSAFE

PRODID = "-//samverkan//samverkan//SV"


def _text(value: str) -> str:
    """RFC 5545 TEXT has no control characters (a calendar client may show them raw), and
    the file may be printed to a terminal: what a terminal obeys becomes a space."""
    return UNSAFE.sub(" ", value)


def _description(repo: Repository, meeting: Meeting, with_agenda: bool) -> str:
    lines = []
    chair = repo.meeting_chair(meeting)
    if chair:
        lines.append(t("export.ics.description_chair", chair=chair))
    if meeting.agenda and with_agenda:
        lines.append(t("export.ics.description_agenda"))
        lines += [f"{i}. {item.title}" for i, item in enumerate(meeting.agenda, start=1)]
    return "\n".join(lines)


def confidential_agenda_items(repo: Repository, forum: Forum | None, start: date | None, end: date | None) -> int:
    """The agenda items a confidential forum's calendar leaves out unless asked for."""
    if forum is None or not forum.confidential_default:
        return 0
    start = start or clock.today()
    end = end or twelve_months_after(start)
    return sum(len(meeting.agenda) for meeting in repo.meetings_between(start, end, [forum.id]))


def forum_ics(repo: Repository, forum: Forum, start: date | None = None, end: date | None = None,
              include_confidential: bool = False) -> bytes:
    """The series of ``forum`` in [start, end] (default: today and twelve months on).

    A forum whose notes are confidential by default (an SSPF group) keeps its agenda
    items out of the calendar, as the minutes keep confidential lines out: a calendar
    is shared widely and an item can name a child. ``include_confidential`` puts them in."""
    with_agenda = include_confidential or not forum.confidential_default
    start = start or clock.today()
    end = end or twelve_months_after(start)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(forum.name))
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    stamp = clock.now().astimezone(timezone.utc)
    # The series' pauses have no events; the calendar says so, and so does the first meeting after one.
    spans = breaks.pause_spans(forum.cadence.pauses, start, end)
    if forum.cadence.pauses:
        calendar.add("x-wr-caldesc", t("export.ics.pauses", pauses="; ".join(map(pause_words, forum.cadence.pauses))))
    previous = start - timedelta(days=1)
    seen: set[str] = set()
    # meetings_between merges stored meetings (moved, cancelled, booked extra) with
    # the series after the holiday rule, so what is exported is what will happen.
    for meeting in repo.meetings_between(start, end, [forum.id]):
        uid = f"samverkan-{forum.id}-{meeting.day.isoformat()}@samverkan"
        if uid in seen:  # a second meeting the same day
            uid = f"samverkan-{forum.id}-{meeting.day.isoformat()}-{meeting.id}@samverkan"
        seen.add(uid)
        begin = meeting.start.astimezone(TZ)  # stored offsets are fixed; TZID needs the zone
        finish = meeting.end or meeting.start + timedelta(minutes=forum.cadence.duration_minutes or 60)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", begin)
        event.add("dtend", finish.astimezone(TZ))
        event.add("summary", _text(forum.name))
        location = meeting.location or forum.location
        if location:
            event.add("location", _text(location))
        description = _description(repo, meeting, with_agenda)
        after = [t("export.ics.after_pause", name=name, first=first.isoformat(), last=last.isoformat())
                 for name, first, last in spans if previous <= last < meeting.day]
        description = "\n".join([*after, description]) if after else description
        previous = meeting.day
        if description:
            event.add("description", _text(description))
        cancelled = meeting.status == CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        # Clients only accept a cancellation of an event they have if the sequence grew.
        event.add("sequence", 1 if cancelled else 0)
        calendar.add_component(event)
    # Only the years exported: the default VTIMEZONE would list transitions 1970-2038.
    calendar.add_missing_timezones(first_date=date(start.year, 1, 1), last_date=date(end.year + 2, 1, 1))
    for zone in calendar.timezones:
        # The library's English note on the years covered shows in the preview of a
        # Swedish document; the transitions themselves say it to a calendar client.
        zone.pop("COMMENT", None)
    return calendar.to_ical()
