"""``samverkan meetings``, ``show`` and ``log``: the series, one meeting, and a quick-entry
line logged from a script."""

from __future__ import annotations

import argparse
from datetime import timedelta

from store.rules import clock
from store.text.i18n import UserError, t
from tui.cli.common import EXIT_OK, Command, emit_json, emit_logged, emit_table, open_repo, write_out


def cmd_meetings(args: argparse.Namespace) -> int:
    from store.repository import parse_iso_date

    today = clock.today()
    start = parse_iso_date(args.from_date) if args.from_date else today - timedelta(days=today.weekday())
    end = parse_iso_date(args.to_date) if args.to_date else start + timedelta(days=13)
    if end < start:
        raise UserError("cli.range_reversed", start=start.isoformat(), end=end.isoformat())
    with open_repo(args, write=False) as repo:
        forum_ids = [repo.forum_by_name(args.forum).id] if args.forum else None
        meetings = repo.meetings_between(start, end, forum_ids)
        from store.review.views import meeting_summary

        rows = [meeting_summary(repo, m) for m in meetings]
    if args.format == "json":
        emit_json(rows)
        return EXIT_OK
    headers = [t(f"cli.col.{c}") for c in ("ref", "forum", "date", "time", "week", "chair", "status")]
    emit_table(
        headers,
        [
            [
                r["ref"],
                r["forum"] or "",
                f'{r["weekday"]} {r["date"]}',
                r["start"][11:16],
                t("calendar.week", week=r["week"]),
                r["chair"],
                t(f"status.meeting.{r['status']}"),
            ]
            for r in rows
        ],
    )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from store.review.views import meeting_view

    with open_repo(args, write=False) as repo:
        meeting = repo.resolve_meeting(args.meeting)
        view = meeting_view(repo, meeting, include_confidential=args.include_confidential)
    if args.format == "json":
        emit_json(view)
        return EXIT_OK
    from store.review.views import meeting_text

    write_out(meeting_text(view).removesuffix("\n"))
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    from store.repository import parse_iso_date
    from store.session.live import log_to_forum

    text = " ".join(args.text)
    day = parse_iso_date(args.date) if args.date else None
    with open_repo(args, write=True) as repo:
        result = log_to_forum(repo, args.forum, text, today=clock.today(), day=day, adhoc=args.adhoc,
                              add_owners=args.add_owner)
    emit_logged(args, result)
    return EXIT_OK


def register(command: Command) -> None:
    p = command("meetings", cmd_meetings, "cli.help.meetings")
    p.add_argument("--forum")
    p.add_argument("--from", dest="from_date")
    p.add_argument("--to", dest="to_date")
    p.add_argument("--format", choices=["table", "json"], default="table")

    p = command("show", cmd_show, "cli.help.show")
    p.add_argument("meeting")
    p.add_argument("--include-confidential", action="store_true")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = command("log", cmd_log, "cli.help.log")
    p.add_argument("--forum", required=True)
    p.add_argument("--date", help=t("cli.help.log_date"))
    p.add_argument("--add-owner", action="store_true", help=t("cli.help.add_owner"))
    p.add_argument("--adhoc", action="store_true", help=t("cli.help.adhoc"))
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("text", nargs="+")
