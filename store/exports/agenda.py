"""A meeting's agenda (dagordning) as Markdown, sent out before the meeting.

Each item with its time budget and, while every item before it has one, its planned
clock time from the meeting's start ("09:15–09:30"). A forum whose notes are
confidential by default (an SSPF group) keeps its items out unless asked, as its
calendar does: an item can name a child.
"""

from __future__ import annotations

from store.exports.minutes import date_year, item_label, none, omitted_line
from store.model.meeting import Meeting
from store.repository import Repository
from store.rules import calendar as cal
from store.rules.agenda import planned_times
from store.text import markdown as md
from store.text.i18n import t


def confidential_items(repo: Repository, meeting: Meeting | None) -> int:
    forum = repo.forum(meeting.forum_id) if meeting else None
    return len(meeting.agenda) if meeting and forum and forum.confidential_default else 0


def agenda_markdown(repo: Repository, meeting: Meeting, include_confidential: bool = False) -> str:
    forum = repo.forum(meeting.forum_id)
    title = t("export.agenda.title", forum=md.inline(forum.name) if forum else none(),
              date=date_year(meeting.day), week=cal.week_label(meeting.day))
    start = cal.format_time(meeting.start)
    rows = [(t("export.minutes.time"), f"{start}–{cal.format_time(meeting.end)}" if meeting.end else start)]
    place = meeting.location or (forum.location if forum else "")
    for key, value in (("place", place), ("chair", repo.meeting_chair(meeting)), ("secretary", meeting.secretary)):
        if value:
            rows.append((t(f"export.minutes.{key}"), md.inline(value)))
    blocks = [md.heading(1, title), md.bullets(f"{md.strong(label + ':')} {value}" for label, value in rows)]
    hidden = confidential_items(repo, meeting)
    if hidden and not include_confidential:
        blocks.append(omitted_line(hidden))
        return md.document(blocks)
    if not meeting.agenda:
        blocks.append(t("export.agenda.empty"))
        return md.document(blocks)
    items = []
    for item, times in zip(meeting.agenda, planned_times(meeting.start, meeting.agenda)):
        label = item_label(item)
        if times:
            label = t("export.agenda.timed", start=cal.format_time(times[0]), end=cal.format_time(times[1]),
                      item=label)
        items.append(label)
    blocks.append(md.numbered(items))
    budgets = [item.minutes for item in meeting.agenda if item.minutes]
    if budgets:
        length = int((meeting.end - meeting.start).total_seconds() // 60) if meeting.end else None
        key = "export.agenda.total_of" if length else "export.agenda.total"
        blocks.append(t(key, minutes=sum(budgets), length=length or 0))
    return md.document(blocks)
