"""``samverkan action ID --done | --start | --cancel | --due DATE [--note TEXT]``: the
follow-up of one action from the command line.

The change goes through ``Repository.change_action``, the method behind the meeting
screen's follow-up keys (k, p, s, d): one transaction, one dated history line, the
meeting it was handled in (``--meeting``) on that line. A due date is read as the
app reads it (``store.rules.quickentry.parse_due_date``: 2026-12-11, fredag, v. 50,
om två veckor …). Cancelling (struken) needs a reason in ``--note``. What would not
change anything (``--done`` on a done action) writes no line and says so.
Added to the parser by ``register(command)`` (``tui.cli.main.build_parser``).
"""

from __future__ import annotations

import argparse

from store.model.constants import DONE, IN_PROGRESS, STRUCK
from store.rules import clock
from store.text.i18n import UserError, t
from tui.cli.common import EXIT_OK, Command, emit_json, open_repo, write_out

# The flags and the status each sets, in the order the follow-up keys are shown.
STATUS_FLAGS = (("done", DONE), ("start", IN_PROGRESS), ("cancel", STRUCK))


def cmd_action(args: argparse.Namespace) -> int:
    from store.rules.quickentry import parse_due_date

    status = next((value for flag, value in STATUS_FLAGS if getattr(args, flag)), None)
    note = (args.note or "").strip()
    if status is None and args.due is None and not note:
        raise UserError("review.change.nothing")
    if status == STRUCK and not note:
        raise UserError("review.change.cancel_needs_note", id=args.id)
    today = clock.today()
    due = parse_due_date(args.due, today) if args.due is not None else None
    with open_repo(args, write=True) as repo:
        action = repo.action(args.id)
        if action is None:
            raise UserError("repo.unknown_action", id=args.id)
        # A meeting of the series not stored yet is stored, as `log` does: the line names it.
        meeting_id = repo.resolve_meeting(args.meeting, create=True).id if args.meeting else None
        # As a bulk change does: what the action already is, is not a change.
        status = status if status != action.status else None
        due = due if due != action.due else None
        changed = status is not None or due is not None or bool(note)
        if changed:
            action = repo.change_action(action.id, meeting_id, status=status, due=due, note=note)
    event = action.history[-1] if changed else None
    if args.format == "json":
        emit_json({
            "id": action.id,
            "text": None if action.confidential else action.text,
            "confidential": action.confidential,
            "status": action.status,
            "due": action.due.isoformat() if action.due else None,
            "changed": changed,
            "event": None if event is None else {
                "at": event.at.isoformat(), "status": event.status,
                "due": event.due.isoformat() if event.due else None,
                "note": event.note, "meeting": event.meeting_id, "by": event.by,
            },
        })
        return EXIT_OK
    text = f"[{t('review.confidential')}]" if action.confidential else action.text
    what = t(f"status.action.{action.status}")
    if action.due:
        what += ", " + t("review.change.due", date=action.due.isoformat(), week=action.due.isocalendar().week)
    write_out(t("review.change.done" if changed else "review.change.unchanged", id=action.id, text=text, what=what))
    return EXIT_OK


def register(command: Command) -> None:
    p = command("action", cmd_action, "review.help.action")
    p.add_argument("id", type=int, metavar="ID", help=t("review.help.action_id"))
    status = p.add_mutually_exclusive_group()
    for flag, _status in STATUS_FLAGS:
        status.add_argument(f"--{flag}", action="store_true", help=t(f"review.help.change_{flag}"))
    p.add_argument("--due", metavar="DATE", help=t("review.help.change_due"))
    p.add_argument("--note", metavar="TEXT", help=t("review.help.change_note"))
    p.add_argument("--meeting", metavar="MEETING", help=t("review.help.change_meeting"))
    p.add_argument("--format", choices=["text", "json"], default="text", help=t("review.help.format"))
