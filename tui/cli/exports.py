"""``samverkan export …``: minutes, action list, promise follow-up and calendar.

To stdout by default (UTF-8 whatever the terminal says, so a pipe into a file or a
mail program gets the same bytes as ``-o``); with ``-o FILE`` the file is written
atomically and one confirmation sentence goes to stderr, so stdout stays clean.
Added to the parser by ``register(command)`` (``tui.cli.main.build_parser``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from store.rules import clock
from store.text.i18n import UserError, t
from tui.cli.common import EXIT_OK, open_repo, store_path


def _export_modules():
    """The export modules, imported on first use: they bring icalendar, which costs
    tens of milliseconds at every start of every other command otherwise."""
    from store.exports import files as exports
    from store.exports import ical

    return exports, ical


def _emit(args: argparse.Namespace, data: bytes, written_key: str) -> int:
    if args.output:
        # `-o samverkan.json` by mistake would replace the store with a document.
        store = store_path(args).expanduser().resolve()
        target = Path(args.output).expanduser().resolve()
        if target == store or (target.parent == store.parent and target.name.startswith(store.name + ".")):
            raise UserError("export.would_replace_store", path=args.output)
        path = _export_modules()[0].write_atomic(args.output, data)
        sys.stderr.write(t(written_key, path=path) + "\n")
        return EXIT_OK
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout without bytes underneath
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    return EXIT_OK


def cmd_minutes(args: argparse.Namespace) -> int:
    with open_repo(args) as repo:
        meeting = repo.resolve_meeting(args.meeting)
        text = _export_modules()[0].minutes_markdown(repo, meeting, include_confidential=args.include_confidential)
    return _emit(args, text.encode("utf-8"), "export.written.minutes")


def cmd_actions(args: argparse.Namespace) -> int:
    with open_repo(args) as repo:
        text = _export_modules()[0].actions_markdown(repo, include_confidential=args.include_confidential,
                                only_active=not args.all)
    return _emit(args, text.encode("utf-8"), "export.written.actions")


def cmd_report(args: argparse.Namespace) -> int:
    _export_modules()[0].parse_period(args.period)  # a typo is reported before the store is even opened
    with open_repo(args) as repo:
        text = _export_modules()[0].report_markdown(repo, args.period)
    return _emit(args, text.encode("utf-8"), "export.written.report")


def cmd_plan(args: argparse.Namespace) -> int:
    from store.exports.plan import plan_markdown
    from store.rules.situation import check_year

    year = check_year(args.year)  # a typo is reported before the store is even opened
    with open_repo(args) as repo:
        text = plan_markdown(repo, year, args.municipality)
    return _emit(args, text.encode("utf-8"), "export.written.plan")


def cmd_ics(args: argparse.Namespace) -> int:
    from store.repository import parse_iso_date

    start = parse_iso_date(args.from_date) if args.from_date else clock.today()
    end = parse_iso_date(args.to_date) if args.to_date else _export_modules()[1].twelve_months_after(start)
    if end < start:
        raise UserError("cli.range_reversed", start=start.isoformat(), end=end.isoformat())
    with open_repo(args) as repo:
        forum = repo.forum_by_name(args.forum)
        data = _export_modules()[0].forum_ics(repo, forum, start, end)
    return _emit(args, data, "export.written.ics")


def _missing_kind(args: argparse.Namespace) -> int:  # argparse requires a kind; kept for safety
    raise UserError("cli.bad_arguments", detail="minutes | actions | report | plan | ics", prog="samverkan export")


def register(command) -> None:
    parent = command("export", _missing_kind, "export.help")
    kinds = parent.add_subparsers(dest="export_kind", required=True, parser_class=type(parent),
                                  metavar="{minutes,actions,report,plan,ics}")

    def kind(name: str, handler, help_key: str) -> argparse.ArgumentParser:
        p = kinds.add_parser(name, help=t(help_key), description=t(help_key))
        # SUPPRESS: a sub-command's own default must not overwrite `export --store X`.
        p.add_argument("--store", default=argparse.SUPPRESS, help=t("cli.help.store"))
        p.add_argument("--lang", choices=["sv", "en"], default=argparse.SUPPRESS, help=t("cli.help.lang"))
        p.add_argument("-o", "--output", metavar="FILE", help=t("export.help.output"))
        p.set_defaults(handler=handler)
        return p

    p = kind("minutes", cmd_minutes, "export.help.minutes")
    p.add_argument("meeting")
    p.add_argument("--include-confidential", action="store_true", help=t("export.help.include_confidential"))

    p = kind("actions", cmd_actions, "export.help.actions")
    p.add_argument("--include-confidential", action="store_true", help=t("export.help.include_confidential"))
    p.add_argument("--all", action="store_true", help=t("export.help.all"))

    p = kind("report", cmd_report, "export.help.report")
    p.add_argument("--period", required=True, help=t("export.help.period"))

    p = kind("plan", cmd_plan, "export.help.plan")
    p.add_argument("--year", required=True, help=t("export.help.year"))
    p.add_argument("--municipality", metavar="NAME", help=t("situation.help.municipality"))

    p = kind("ics", cmd_ics, "export.help.ics")
    p.add_argument("forum")
    p.add_argument("--from", dest="from_date", metavar="YYYY-MM-DD", help=t("export.help.from"))
    p.add_argument("--to", dest="to_date", metavar="YYYY-MM-DD", help=t("export.help.to"))
