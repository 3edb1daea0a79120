"""Justering as rules: when minutes are locked, and what a change to locked minutes
says in the rättelse it becomes. Pure functions of the records they are given."""

from __future__ import annotations

from datetime import date

from store.model.action import Action
from store.model.constants import HELD
from store.model.meeting import Meeting
from store.text.i18n import t

# Held meetings whose minutes are not approved this many days later are listed.
APPROVAL_DAYS = 7
# ... and this far back: older ones are history, not a reminder.
APPROVAL_WINDOW_DAYS = 90


def is_locked(meeting: Meeting | None) -> bool:
    """Approved minutes are locked: a change to them is a rättelse, recorded with who."""
    return meeting is not None and meeting.approved_at is not None


def awaits_approval(meeting: Meeting, today: date) -> bool:
    """Held at least a week ago (and within the window), and not approved."""
    age = (today - meeting.day).days
    return meeting.status == HELD and not is_locked(meeting) and APPROVAL_DAYS <= age <= APPROVAL_WINDOW_DAYS


def _attendance_word(status: str) -> str:
    return t(f"justering.attendance.{status}") if status in ("present", "absent", "excused") else status


def meeting_changes(before: Meeting, after: Meeting) -> list[str]:
    """What changed in a meeting's own record, one sentence each (empty: nothing did)."""
    changes: list[str] = []
    old_rows = {(row.name, row.guest): row for row in before.attendance}
    for row in after.attendance:
        old = old_rows.get((row.name, row.guest))
        if old is None:
            changes.append(t("justering.change.guest" if row.guest else "justering.change.attendee", name=row.name))
        elif old.status != row.status:
            changes.append(t("justering.change.attendance", name=row.name, before=_attendance_word(old.status),
                             after=_attendance_word(row.status)))
    kept = {(row.name, row.guest) for row in after.attendance}
    for row in before.attendance:
        if (row.name, row.guest) not in kept:
            changes.append(t("justering.change.removed", name=row.name))
    old_titles = [item.title for item in before.agenda]
    new_titles = [item.title for item in after.agenda]
    for title in new_titles:
        if title not in old_titles:
            changes.append(t("justering.change.agenda_added", title=title))
    for title in old_titles:
        if title not in new_titles:
            changes.append(t("justering.change.agenda_removed", title=title))
    if sorted(old_titles) == sorted(new_titles) and old_titles != new_titles:
        changes.append(t("justering.change.agenda_order"))
    if before.status != after.status:
        changes.append(t("justering.change.status", before=t(f"status.meeting.{before.status}"),
                         after=t(f"status.meeting.{after.status}")))
    for field in ("chair", "secretary", "location"):
        old_value, new_value = getattr(before, field), getattr(after, field)
        if old_value != new_value:
            changes.append(t(f"justering.change.{field}", before=old_value or "–", after=new_value or "–"))
    if (before.start, before.end) != (after.start, after.end):
        changes.append(t("justering.change.time", before=before.start.strftime("%Y-%m-%d %H:%M"),
                         after=after.start.strftime("%Y-%m-%d %H:%M")))
    return changes


def action_change_text(action: Action, status: str | None, due: date | None, note: str) -> str:
    """"Kartlägga belysningen: klar, klart senast 2026-12-10 – Klart och återrapporterat."."""
    parts = []
    if status:
        parts.append(t(f"status.action.{status}"))
    if due:
        parts.append(t("justering.change.due", date=due.isoformat()))
    text = t("justering.change.action", text=action.text, change=", ".join(parts) or "–")
    return f"{text} – {note.strip()}" if note.strip() else text
