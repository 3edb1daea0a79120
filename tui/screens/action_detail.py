"""The words of the actions screen: the filter line over the list, and the detail pane
of the action under the cursor with its dated history."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.content import Content

from store.model.action import Action
from store.model.constants import ACTIVE_STATUSES
from store.repository import Repository
from store.review.action_rows import ActionFilter, ActionRow
from store.rules import calendar as cal
from store.text.i18n import t


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def filter_words(repo: Repository, flt: ActionFilter, today: date) -> str:
    """"Filter: aktiva · försenade · ansvarig: Johan Berg": what the list shows, in words."""
    parts: list[str] = []
    statuses = flt.statuses()
    if statuses == frozenset(ACTIVE_STATUSES):
        parts.append(t("review.tui.f.active"))
    elif len(statuses) < 4:
        parts.append(", ".join(t(f"status.action.{s}") for s in sorted(statuses)))
    else:
        parts.append(t("review.tui.f.all"))
    if flt.overdue:
        parts.append(t("review.tui.f.overdue"))
    if flt.due_this_week:
        parts.append(t("review.tui.f.week", week=cal.week_label(today)))
    if flt.forum_id is not None:
        forum = repo.forum(flt.forum_id)
        parts.append(t("review.tui.f.forum", name=forum.name if forum else flt.forum_id))
    if flt.organisation_id is not None:
        org = repo.organisation(flt.organisation_id)
        parts.append(t("review.tui.f.organisation", name=org.name if org else flt.organisation_id))
    if flt.owner_person_id is not None:
        person = repo.person(flt.owner_person_id)
        parts.append(t("review.tui.f.owner", name=person.name if person else flt.owner_person_id))
    if flt.promise_id is not None:
        parts.append(t("review.tui.f.promise", ref=t("review.promise_ref", id=flt.promise_id)))
    if flt.text:
        parts.append(t("review.tui.f.text", text=flt.text))
    return t("review.tui.filters", filters=" · ".join(parts))


def detail_content(repo: Repository, action: Action, row: ActionRow | None, today: date) -> Content:
    """The action under the cursor: status, owner, due date, origin, promise and its dated history."""
    status = t(f"status.action.{action.status}")
    parts: list[Any] = [(t("review.tui.d.title", id=action.id), "bold"), "  ", (status, "$text-accent")]
    if action.is_overdue(today):
        days = (today - action.due).days  # type: ignore[operator]
        parts += ["  ", (t("review.tui.d.overdue", days=days), "bold $text-error")]
    if action.confidential:
        parts += ["  ", (t("review.confidential"), "bold $text-warning")]
    parts += ["\n", action.text, "\n\n"]
    if row is not None:
        owner, org = row.owner, row.organisation
    else:  # shown outside the action index (the lägesbild's measures): the names from the store
        person = repo.person(action.owner_person_id)
        organisation = repo.organisation(action.owner_organisation_id)
        owner, org = person.name if person else "", organisation.name if organisation else ""
    who = f"{owner} ({org})" if owner and org else owner or org or t("review.tui.d.nobody")
    parts += [(t("review.tui.d.owner"), "$text-muted"), who, "\n"]
    due = (f"{cal.format_date(action.due)} ({cal.week_label(action.due)})" if action.due
           else t("review.tui.d.no_due"))
    parts += [(t("review.tui.d.due"), "$text-muted"), due, "\n"]
    parts += [(t("review.tui.d.origin"), "$text-muted"), meeting_words(repo, action.origin_meeting_id), "\n"]
    if action.promise_id:
        promise = repo.promise(action.promise_id)
        ref = t("review.promise_ref", id=action.promise_id)
        parts += [(t("review.tui.d.promise"), "$text-muted"),
                  f"{ref} {_short(promise.text, 80)}" if promise else ref, "\n"]
    parts += ["\n", (t("review.tui.d.history"), "bold"), "\n"]
    for event in action.history:
        day = cal.format_date(event.at)
        parts += [(day, "bold"), "  "]
        if event.meeting_id:
            # The meeting's date only when the line was written on another day.
            words = meeting_words(repo, event.meeting_id)
            parts.append(words.removesuffix(" " + day))
        else:
            parts.append((t("review.tui.d.no_meeting"), "$text-muted"))
        if event.by:
            parts += ["  ", (t("review.tui.d.by", name=event.by), "$text-muted")]
        parts.append("\n    ")
        changes = []
        if event.status:
            changes.append(t("review.tui.d.status", status=t(f"status.action.{event.status}")))
        if event.due:
            changes.append(t("review.tui.d.new_due", due=cal.format_date(event.due)))
        if changes:
            parts.append(" · ".join(changes))
        if event.note:
            parts += [" · " if changes else "", (f"”{event.note}”", "italic")]
        parts.append("\n")
    if action.origin_meeting_id:
        parts += ["\n", (t("review.tui.d.open_hint"), "$text-muted")]
    return Content.assemble(*parts)

def meeting_words(repo: Repository, meeting_id: int | None) -> str:
    if not meeting_id:
        return t("review.tui.d.no_meeting")
    meeting = repo.meeting(meeting_id)
    if meeting is None:
        return t("review.tui.d.no_meeting")
    forum = repo.forum(meeting.forum_id)
    return t("review.tui.d.meeting", forum=forum.name if forum else "", date=cal.format_date(meeting.day))
