"""Minutes of one meeting (minnesanteckningar) as safe Markdown.

What leaves the room: mailed to three organisations and pasted into wikis, so every
piece of user text goes through ``store.text.markdown`` and every word through the
catalogue. Confidential entries and actions are counted, not shown, unless the
caller asks for them; then they are marked.

The chain between forums shows on both ends: a line raised here from another forum
says "Lyft från …", a line raised from here says "Lyft till … – beslut: …", and the
matters this forum raised earlier are followed up. The minutes say "Justerat
[date] av [name]" or "Ej justerat", and a change after the justering is listed as a
rättelse with its date and who made it.

Decisions are numbered § 1, § 2 … through the forum's calendar year, the Swedish
way: the count starts after every decision of the forum's earlier meetings that
year (meeting order, then entry order). Within this meeting the numbers follow the
document (agenda order, then entry order) so a reader sees § 4, § 5, § 6 down the
page. Confidential decisions keep their number even when left out, so the public
and the full version of the minutes cite the same paragraphs.
"""

from __future__ import annotations

from datetime import date, timedelta

from store.exports.minutes_chain import justering_blocks, line_links, raised_earlier
from store.model.action import Action
from store.model.constants import ABSENT, CANCELLED, DECISION, EXCUSED, PRESENT
from store.model.forum import Forum
from store.model.meeting import AgendaItem, Entry, Meeting
from store.repository import Repository
from store.review.views import owner_names
from store.rules import calendar as cal
from store.rules.agenda import filed_under, follow_up_item
from store.text import markdown as md
from store.text.i18n import t

# What an agenda item with nothing under it gets: "Inget att anteckna.", or left out.
MARK_EMPTY, OMIT_EMPTY = "mark", "omit"
EMPTY_ITEMS = (MARK_EMPTY, OMIT_EMPTY)

# How many cancelled series dates in a row we look past for "next meeting".
_NEXT_TRIES = 12


# -- small shared labels (also used by store.exports.reports) -------------------------------


def none() -> str:
    return t("export.none")


def date_year(d: date) -> str:
    """"måndag 23 november 2026"."""
    return t("export.date_year", date=cal.format_long(d), year=d.year)


def date_week(d: date | None) -> str:
    """"2026-11-27 (v. 48)": the date people file by and the week they plan by."""
    return t("export.date_week", date=cal.format_date(d), week=cal.week_label(d)) if d else none()


def owner_label(repo: Repository, action: Action) -> str:
    person, organisation = owner_names(repo, action)
    if person and organisation:
        return t("export.owner", person=md.inline(person), organisation=md.inline(organisation))
    return md.inline(person or organisation) or none()


def status_word(status: str | None) -> str:
    return t(f"status.action.{status}") if status else none()


def confidential_mark() -> str:
    return md.strong(f"[{t('export.confidential')}]")


def promise_label(promise_id: int | None) -> str:
    return t("export.promise_label", id=promise_id) if promise_id else none()


def omitted_line(count: int) -> str:
    if count <= 0:
        return ""
    return t("export.omitted", count=count)


def marked(text: str, confidential: bool) -> str:
    return f"{confidential_mark()} {text}" if confidential else text


# -- numbering and the next meeting ----------------------------------------------------


def first_paragraph_number(repo: Repository, meeting: Meeting) -> int:
    """The § number of this meeting's first decision: 1 + decisions earlier this year.

    Every decision counts, also one the reader may not see (``decision_places``): a
    paragraph has the same number in every copy of the minutes."""
    if not meeting.id:
        return 1
    earlier = 0
    this = (meeting.start, meeting.id)
    # meetings_between only builds the models of this forum's year, not its ten years.
    for other in repo.meetings_between(date(meeting.day.year, 1, 1), meeting.day, [meeting.forum_id]):
        if other.id and other.id != meeting.id and (other.start, other.id) < this:
            earlier += len(repo.decision_places(other.id))
    return earlier + 1


def next_meeting(repo: Repository, meeting: Meeting, forum: Forum) -> Meeting | None:
    """The forum's next meeting after this one that is not cancelled.

    The series (calendar.next_occurrence) bounds the search; meetings_between merges
    in stored meetings, so a booked extra meeting or a cancelled date is respected.
    """
    after = meeting.start
    for _ in range(_NEXT_TRIES):
        occurrence = cal.next_occurrence(forum.cadence, forum.holiday_rule, after)
        horizon = occurrence.date() if occurrence else meeting.day + timedelta(days=366)
        for other in repo.meetings_between(meeting.day, horizon, [forum.id]):
            if other.start > meeting.start and other.status != CANCELLED:
                return other
        if occurrence is None:
            return None
        after = occurrence
    return None


# -- sections ---------------------------------------------------------------------------


def _meta(repo: Repository, meeting: Meeting, forum: Forum | None) -> str:
    start = cal.format_time(meeting.start)
    time_text = f"{start}–{cal.format_time(meeting.end)}" if meeting.end else start
    rows = [("time", time_text)]
    place = meeting.location or (forum.location if forum else "")
    for key, value in (
        ("place", md.inline(place)),
        ("chair", md.inline(repo.meeting_chair(meeting))),
        ("secretary", md.inline(meeting.secretary)),
        ("justerare", md.inline(meeting.justerare)),
    ):
        if value:
            rows.append((key, value))
    return md.bullets(f"{md.strong(t('export.minutes.' + key) + ':')} {value}" for key, value in rows)


def _attendance(meeting: Meeting) -> list[str]:
    blocks = []
    for status in (PRESENT, ABSENT, EXCUSED):
        groups: dict[str, list[str]] = {}  # organisations in the order the secretary listed them
        for row in meeting.attendance:
            if row.status != status:
                continue
            notes = [md.inline(row.role)] if row.role.strip() else []
            if row.guest:
                notes.append(t("export.minutes.guest"))
            name = md.inline(row.name) or none()
            label = f"{name} ({', '.join(notes)})" if notes else name
            groups.setdefault(row.organisation.strip(), []).append(label)
        if not groups:
            continue
        loose = groups.pop("", None)
        items = [f"{md.strong(md.inline(org) + ':')} {', '.join(names)}" for org, names in groups.items()]
        if loose:
            items.append(f"{md.strong(t('export.minutes.no_organisation') + ':')} {', '.join(loose)}")
        blocks += [md.heading(2, t(f"export.minutes.{status}")), md.bullets(items)]
    return blocks


def written_by(name: str, authors: bool) -> str:
    """" – *Anna Berg*": who wrote a line, when the minutes are to say so."""
    return f" – {md.emphasis(t('export.minutes.by', name=md.inline(name)))}" if authors and name else ""


def _entry_text(entry: Entry, links: dict[str, str], authors: bool = False) -> str:
    text = md.block(entry.text, indent=2)
    if entry.promise_ids:
        refs = ", ".join(promise_label(pid) for pid in entry.promise_ids)
        text += f" ({t('export.promise_ref', ref=refs)})"
    if f"entry:{entry.id}" in links:
        text += f" – {links[f'entry:{entry.id}']}"
    return marked(text + written_by(entry.by, authors), entry.confidential)


def _new_actions_table(repo: Repository, actions: list[Action], links: dict[str, str], authors: bool) -> str:
    headers = [t(f"export.col.{c}") for c in ("nr", "action", "owner", "due", "promise")]
    rows = [
        [
            str(action.id),
            marked(" – ".join(filter(None, (md.inline(action.text), links.get(f"action:{action.id}"))))
                   + written_by(action.history[0].by if action.history else "", authors), action.confidential),
            owner_label(repo, action),
            date_week(action.due),
            promise_label(action.promise_id),
        ]
        for action in actions
    ]
    return md.table(headers, rows, right=(0,))


def _section(repo: Repository, title: str, entries: list[Entry], actions: list[Action],
             numbers: dict[int, int], links: dict[str, str], authors: bool = False) -> list[str]:
    blocks = [md.heading(2, title)]
    info = [e for e in entries if e.kind != DECISION]
    decisions = [e for e in entries if e.kind == DECISION]
    if info:
        blocks += [md.heading(3, t("export.minutes.information")), md.bullets(_entry_text(e, links, authors) for e in info)]
    if decisions:
        items = (
            f"{md.strong(t('export.minutes.paragraph', number=numbers[e.id]))} {_entry_text(e, links, authors)}"
            for e in decisions
        )
        blocks += [md.heading(3, t("export.minutes.decisions")), md.bullets(items)]
    if actions:
        blocks += [md.heading(3, t("export.minutes.new_actions")), _new_actions_table(repo, actions, links, authors)]
    return blocks


def _follow_up_row(repo: Repository, action: Action, meeting_id: int, authors: bool = False) -> list[str]:
    """One row: the action's status and due date before and after this meeting handled it."""
    status = due = None
    before_status = before_due = after_status = after_due = None
    notes, seen = [], False
    for event in action.history:
        here = event.meeting_id == meeting_id
        if here and not seen:
            before_status, before_due, seen = status, due, True
        status = event.status or status
        due = event.due or due
        if here:
            after_status, after_due = status, due
            if event.note:
                notes.append(md.inline(event.note) + written_by(event.by, authors))
            elif authors and event.by:
                notes.append(written_by(event.by, authors).removeprefix(" – "))
    if before_status and after_status and before_status != after_status:
        status_text = t("export.status_change",
                        before=status_word(before_status), after=status_word(after_status))
    else:
        status_text = status_word(after_status or action.status)
    if before_due and after_due and before_due != after_due:
        due_text = t("export.status_change", before=cal.format_date(before_due), after=date_week(after_due))
    else:
        due_text = date_week(after_due)
    origin = repo.meeting(action.origin_meeting_id) if action.origin_meeting_id else None
    origin_text = cal.format_date(origin.day) if origin else none()
    return [
        str(action.id),
        marked(md.inline(action.text), action.confidential),
        owner_label(repo, action),
        origin_text,
        status_text,
        due_text,
        " ".join(notes) or none(),
    ]


def _follow_up_table(repo: Repository, meeting: Meeting, actions: list[Action], authors: bool = False) -> str:
    headers = [t(f"export.col.{c}") for c in ("nr", "action", "owner", "origin", "status", "due", "note")]
    rows = [_follow_up_row(repo, action, meeting.id, authors) for action in actions]
    return md.table(headers, rows, right=(0,))


def _next(repo: Repository, meeting: Meeting, forum: Forum | None) -> list[str]:
    if forum is None:
        return []
    upcoming = next_meeting(repo, meeting, forum)
    if upcoming is None:
        return [md.heading(2, t("export.minutes.next")), t("export.minutes.next_none")]
    text = t(
        "export.minutes.next_when",
        date=date_year(upcoming.day),
        time=cal.format_time(upcoming.start),
        week=cal.week_label(upcoming.day),
    )
    place = md.inline(upcoming.location)
    return [md.heading(2, t("export.minutes.next")), f"{text}, {place}" if place else text]


# -- the document ------------------------------------------------------------------------


def item_label(item: AgendaItem) -> str:
    """"Lägesbild (15 min)": the item's title with its time budget, if it has one."""
    title = md.inline(item.title) or none()
    return t("export.minutes.budget", title=title, minutes=item.minutes) if item.minutes else title


def _item_title(number: int, item: AgendaItem) -> str:
    return t("export.minutes.item", number=number, title=item_label(item))


def minutes_markdown(repo: Repository, meeting: Meeting, include_confidential: bool = False,
                     authors: bool = False, empty_items: str = MARK_EMPTY) -> str:
    """The minutes; ``authors``: each line, and each follow-up, says who wrote it.
    What the repository's actor may not see is not there, asked for or not.

    Every line stands under its agenda item: one logged without an item (from the
    command line) under the item the meeting was on then, else under "Övrigt"
    (``store.rules.agenda``); the follow-up of earlier actions under the item for it.
    An item with nothing under it says so (``empty_items="mark"``) or is left out of
    the sections (``"omit"``; the agenda above still lists it)."""
    forum = repo.forum(meeting.forum_id)
    entries = repo.entries(meeting.id) if meeting.id else []
    actions = repo.actions_of_meeting(meeting.id) if meeting.id else []
    agenda = meeting.agenda
    position = {item.key: i for i, item in enumerate(agenda)}
    # Placed over every line of the meeting, also those the actor may not see or that
    # are left out as confidential: the same item and § for each line in every version.
    lines = repo.line_places(meeting.id) if meeting.id else []
    placed = {(line.table, line.id): position.get(key, len(agenda)) if key is not None else len(agenda)
              for line, key in zip(lines, filed_under(agenda, lines))}

    def place(line: Entry | Action) -> int:
        return placed.get(("actions" if isinstance(line, Action) else "entries", line.id), len(agenda))

    decisions = sorted((line for line in lines if line.decision),
                       key=lambda line: (placed[(line.table, line.id)], line.id))
    first = first_paragraph_number(repo, meeting)
    numbers = {line.id: first + i for i, line in enumerate(decisions)}

    new = [a for a in actions if a.origin_meeting_id == meeting.id]
    earlier = [a for a in actions if a.origin_meeting_id != meeting.id]
    hidden = 0
    if not include_confidential:
        hidden = sum(x.confidential for x in (*entries, *actions, *meeting.amendments))
        entries = [e for e in entries if not e.confidential]
        new = [a for a in new if not a.confidential]
        earlier = [a for a in earlier if not a.confidential]

    day = meeting.day
    title = t(
        "export.minutes.title",
        forum=md.inline(forum.name) if forum else none(),
        date=date_year(day),
        week=cal.week_label(day),
    )
    links = line_links(repo, entries, new, include_confidential)
    justering = justering_blocks(meeting, include_confidential)
    blocks = [md.heading(1, title), _meta(repo, meeting, forum), justering[0]]
    if meeting.status == CANCELLED:
        blocks.append(t("export.minutes.cancelled"))
    blocks.append(omitted_line(hidden))
    blocks += _attendance(meeting)
    if agenda:
        blocks += [md.heading(2, t("export.minutes.agenda")), md.numbered(item_label(item) for item in agenda)]
    follow_item = follow_up_item(agenda)
    for i, item in enumerate(agenda):
        item_entries = [e for e in entries if place(e) == i]
        item_actions = [a for a in new if place(a) == i]
        follow_here = earlier if item is follow_item else []
        heading = _item_title(i + 1, item)
        if not (item_entries or item_actions or follow_here):
            if empty_items != OMIT_EMPTY:
                blocks += [md.heading(2, heading), t("export.minutes.nothing")]
            continue
        blocks += _section(repo, heading, item_entries, item_actions, numbers, links, authors)
        if follow_here:
            blocks.append(_follow_up_table(repo, meeting, follow_here, authors))
    loose_entries = [e for e in entries if place(e) == len(agenda)]
    loose_actions = [a for a in new if place(a) == len(agenda)]
    if loose_entries or loose_actions:
        title = t("export.minutes.other" if agenda else "export.minutes.notes")
        blocks += _section(repo, title, loose_entries, loose_actions, numbers, links, authors)
    if earlier and follow_item is None:
        blocks += [md.heading(2, t("export.minutes.follow_up")), _follow_up_table(repo, meeting, earlier, authors)]
    blocks += raised_earlier(repo, meeting, include_confidential)
    blocks += justering[1:]
    blocks += _next(repo, meeting, forum)
    return md.document(blocks)
