"""``samverkan log``: one quick-entry line stored in a forum's meeting, from a script.

The line goes through a ``MeetingSession`` like a line typed on the meeting screen,
so the same text is read the same way everywhere. The meeting must be one of the
forum's (stored, or planned by its series) on that day; ``adhoc`` makes an extra one
on purpose. A new meeting and the line are one transaction: a line that cannot be
stored leaves no meeting behind. The line is stored without an agenda item; the minutes,
the meeting screen and ``show`` place it under the item the meeting was on when it was
logged (the item of the latest line before it), else under "Övrigt".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from store.model.action import Action
from store.model.meeting import Meeting
from store.repository import Repository
from store.repository.lines import LoggedLine
from store.session.meeting_session import MeetingSession
from store.session.reading import Reading
from store.text.i18n import UserError


def log_to_forum(repo: Repository, forum_name: str, text: str, today: date, day: date | None = None,
                 adhoc: bool = False, add_owners: bool = False) -> dict[str, Any]:
    """Store ``text`` in the forum's meeting on ``day`` (today when None); returns its JSON."""
    forum = repo.forum_by_name(forum_name)
    when = day or today
    with repo.transaction():
        meeting = repo.held_or_planned_on(forum, when)
        if meeting is None and not adhoc:
            days = ", ".join(d.isoformat() for d in repo.nearest_meeting_days(forum, when)) or "–"
            raise UserError("live.no_meeting", forum=forum.name, date=when.isoformat(), days=days)
        if meeting is None or not meeting.id:
            meeting = repo.ensure_meeting(forum, when)
        # Stored without an item, as it was logged: the minutes, the meeting screen and
        # ``show`` place it under the item the meeting was on then (rules.agenda.filed_under),
        # which costs this command no reading of every action.
        return commit_quick_entry(repo, meeting, text, today, create_owners=add_owners)


def commit_quick_entry(repo: Repository, meeting: Meeting, line: str, today: date, create_owners: bool = False,
                       agenda_key: int | None = None) -> dict[str, Any]:
    """Read and store ``line`` in ``meeting`` now; returns its JSON. Raises UserError."""
    session = MeetingSession(repo, meeting.id, lambda: today)
    logged, reading = session.log(line, agenda_key, add_owners=create_owners)
    return logged_json(repo, meeting, logged, reading)


def logged_json(repo: Repository, meeting: Meeting, logged: LoggedLine, reading: Reading) -> dict[str, Any]:
    stored = logged.record
    is_action = isinstance(stored, Action)
    person = repo.person(stored.owner_person_id) if is_action else None
    org = repo.organisation(stored.owner_organisation_id) if is_action else None
    return {
        "id": stored.id,
        "kind": "action" if is_action else stored.kind,
        "meeting": meeting.id,
        "text": stored.text,
        "confidential": stored.confidential,
        "due": stored.due.isoformat() if is_action and stored.due else None,
        "owner": person.name if person else None,
        "organisation": org.name if org else None,
        "promise": reading.promises[0].id if reading.promises else None,
    }
