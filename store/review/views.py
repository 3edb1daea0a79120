"""Read models for one meeting, shared by ``samverkan show``, the TUI and exports."""

from __future__ import annotations

from typing import Any

from store.model.action import Action
from store.model.meeting import Meeting
from store.repository import Repository
from store.review.chain import (
    amendment_words,
    escalated_from_json,
    escalated_to_json,
    from_words,
    justering_json,
    justering_words,
    to_words,
)
from store.rules import calendar as cal
from store.rules.agenda import filed_under
from store.text.i18n import t


def owner_names(repo: Repository, action: Action) -> tuple[str, str]:
    person = repo.person(action.owner_person_id)
    org = repo.organisation(action.owner_organisation_id)
    return (person.name if person else "", org.name if org else "")


def action_json(repo: Repository, action: Action, today=None) -> dict[str, Any]:
    from store.rules import clock

    owner, organisation = owner_names(repo, action)
    origin = repo.meeting(action.origin_meeting_id) if action.origin_meeting_id else None
    forum = repo.forum(origin.forum_id) if origin else None
    return {
        "id": action.id,
        "text": action.text,
        "status": action.status,
        "owner": owner or None,
        "organisation": organisation or None,
        "due": action.due.isoformat() if action.due else None,
        "forum": forum.name if forum else None,
        "meeting": action.origin_meeting_id,
        "promise": action.promise_id,
        "overdue": action.is_overdue(today or clock.today()),
        "confidential": action.confidential,
    }


def meeting_summary(repo: Repository, meeting: Meeting) -> dict[str, Any]:
    """One line of a meeting list: the keys of ``samverkan meetings --format json``."""
    forum = repo.forum(meeting.forum_id)
    return {
        "id": meeting.id or None,
        "ref": repo.meeting_ref(meeting),
        "forum": forum.name if forum else None,
        "start": meeting.start.isoformat(),
        "date": meeting.day.isoformat(),
        "weekday": cal.weekday_name(meeting.day),
        "week": cal.iso_week(meeting.day),
        "chair": repo.meeting_chair(meeting),
        "status": meeting.status,
    }


def meeting_view(repo: Repository, meeting: Meeting, include_confidential: bool = False) -> dict[str, Any]:
    """Everything about one meeting; confidential items are counted, not shown, unless asked."""
    agenda = {item.key: item.title for item in meeting.agenda}
    # A line logged without an item stands under the item the meeting was on then, as
    # in the minutes and the meeting screen.
    places = repo.line_places(meeting.id) if meeting.id else []
    filed = {(p.table, p.id): key for p, key in zip(places, filed_under(meeting.agenda, places))}
    entries, hidden = [], 0
    for entry in repo.entries(meeting.id) if meeting.id else []:
        if entry.confidential and not include_confidential:
            hidden += 1
            continue
        entries.append(
            {
                "id": entry.id,
                "kind": entry.kind,
                "text": entry.text,
                "time": entry.created.strftime("%H:%M") if entry.created else None,
                "agenda": agenda.get(filed.get(("entries", entry.id), entry.agenda_key)),
                "confidential": entry.confidential,
                "promises": entry.promise_ids,
                "by": entry.by,
                "escalated_from": escalated_from_json(repo, entry.id),
                "escalated_to": escalated_to_json(repo, entry_id=entry.id, include_confidential=include_confidential),
            }
        )
    actions = []
    for action in repo.actions_of_meeting(meeting.id) if meeting.id else []:
        if action.confidential and not include_confidential:
            hidden += 1
            continue
        row = action_json(repo, action)
        row["new"] = action.origin_meeting_id == meeting.id
        row["escalated_to"] = escalated_to_json(repo, action_id=action.id, include_confidential=include_confidential)
        actions.append(row)
    return {
        **meeting_summary(repo, meeting),
        "location": meeting.location,
        "secretary": meeting.secretary,
        "attendance": [
            {
                "name": a.name,
                "organisation": a.organisation,
                "role": a.role,
                "status": a.status,
                "guest": a.guest,
            }
            for a in meeting.attendance
        ],
        "agenda": [item.title for item in meeting.agenda],
        "entries": entries,
        "actions": actions,
        "confidential_hidden": hidden,
        "justering": justering_json(meeting, include_confidential),
    }


def meeting_text(view: dict[str, Any]) -> str:
    lines = [
        t("view.title", forum=view["forum"], weekday=view["weekday"], date=view["date"],
          week=t("calendar.week", week=view["week"])),
        t("view.meta", time=view["start"][11:16], chair=view["chair"] or "–",
          status=t(f"status.meeting.{view['status']}")),
        justering_words(view["justering"]),
    ]
    if view["attendance"]:
        lines.append("")
        lines.append(t("view.attendance"))
        for a in view["attendance"]:
            org = f", {a['organisation']}" if a["organisation"] else ""
            lines.append(f"  [{t('status.attendance.' + a['status'])}] {a['name']}{org}")
    if view["entries"]:
        lines.append("")
        for e in view["entries"]:
            lines.append(f"  {e['time'] or ''} {t('kind.' + e['kind'])}: {e['text']} (#{e['id']})")
            links = [from_words(e["escalated_from"])] if e["escalated_from"] else []
            lines += [f"        ↳ {words}" for words in links + [to_words(link) for link in e["escalated_to"]]]
    if view["actions"]:
        lines.append("")
        lines.append(t("view.actions"))
        for a in view["actions"]:
            owner = a["owner"] or a["organisation"] or "–"
            lines.append(f"  {a['id']}. {a['text']} – {owner}, {a['due'] or '–'} [{t('status.action.' + a['status'])}]")
            lines += [f"        ↳ {to_words(link)}" for link in a["escalated_to"]]
    if view["justering"]["amendments"]:
        lines.append("")
        lines += [amendment_words(a) for a in view["justering"]["amendments"]]
    if view["confidential_hidden"]:
        lines.append("")
        lines.append(t("view.hidden", count=view["confidential_hidden"]))
    return "\n".join(lines) + "\n"
