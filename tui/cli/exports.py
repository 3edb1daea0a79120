"""``samverkan export KIND …``: one sub-command per kind of the export registry.

Each kind's arguments follow from what it needs (``store.exports.registry``): a
meeting or a forum is named as an argument, a report period with ``--period``, a
range of dates with ``--from``/``--to``, a plan's year with ``--year`` and its
municipality with ``--municipality``; a kind that can carry confidential content
takes ``--include-confidential``, and nothing else does. To stdout by default (UTF-8
whatever the terminal says, so a pipe into a file or a mail program gets the same
bytes as ``-o``); with ``-o FILE`` the file is written atomically and one
confirmation sentence goes to stderr, so stdout stays clean. Added to the parser by
``register(command)`` (``tui.cli.main.build_parser``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from store.exports.registry import (
    DATES,
    EXPORTS,
    FORUM,
    MEETING,
    MUNICIPALITY,
    PERIOD,
    YEAR,
    ExportKind,
    ExportRequest,
    check_period,
    check_year,
    export_dates,
)
from store.rules import clock
from store.text.i18n import UserError, t
from tui.cli.common import EXIT_OK, open_repo, store_path, write_err


def _emit(args: argparse.Namespace, data: bytes, written_key: str) -> int:
    if args.output:
        # `-o samverkan.json` by mistake would replace the store with a document.
        store = store_path(args).expanduser().resolve()
        target = Path(args.output).expanduser().resolve()
        if target == store or (target.parent == store.parent and target.name.startswith(store.name + ".")):
            raise UserError("export.would_replace_store", path=args.output)
        from store.exports.files import write_atomic

        # With confidential text in it, the file is for the user's eyes only (0600).
        path = write_atomic(args.output, data, private=getattr(args, "include_confidential", False))
        write_err(t(written_key, path=path))
        return EXIT_OK
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout without bytes underneath
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    return EXIT_OK


def export(kind: ExportKind, args: argparse.Namespace) -> int:
    # What needs no store is checked first: a typo in a period is reported before the
    # store is even opened.
    period = check_period(args.period) if PERIOD in kind.needs else None
    year = check_year(args.year) if YEAR in kind.needs else None
    start = end = None
    if DATES in kind.needs:
        start, end = export_dates(args.from_date, args.to_date, clock.today())
    with open_repo(args, write=False) as repo:
        request = ExportRequest(
            meeting=repo.resolve_meeting(args.meeting) if MEETING in kind.needs else None,
            forum=repo.forum_by_name(args.forum) if FORUM in kind.needs else None,
            period=period,
            year=year,
            municipality=args.municipality if MUNICIPALITY in kind.needs else None,
            start=start,
            end=end,
            include_confidential=kind.confidential and args.include_confidential,
            options=frozenset(option for option in kind.options if getattr(args, option)),
            empty_items=getattr(args, "empty_items", None),
        )
        data = kind.document(repo, request)
    return _emit(args, data, f"export.written.{kind.name}")


def _missing_kind(args: argparse.Namespace) -> int:  # argparse requires a kind; kept for safety
    raise UserError("cli.bad_arguments", detail=" | ".join(EXPORTS), prog="samverkan export")


def register(command) -> None:
    parent = command("export", _missing_kind, "export.help")
    kinds = parent.add_subparsers(dest="export_kind", required=True, parser_class=type(parent),
                                  metavar="{" + ",".join(EXPORTS) + "}")
    for kind in EXPORTS.values():
        help_text = t(f"export.help.{kind.name}")
        p = kinds.add_parser(kind.name, help=help_text, description=help_text)
        # SUPPRESS: a sub-command's own default must not overwrite `export --store X`.
        p.add_argument("--store", default=argparse.SUPPRESS, help=t("cli.help.store"))
        p.add_argument("--lang", choices=["sv", "en"], default=argparse.SUPPRESS, help=t("cli.help.lang"))
        p.add_argument("-o", "--output", metavar="FILE", help=t("export.help.output"))
        if MEETING in kind.needs:
            p.add_argument("meeting")
        if FORUM in kind.needs:
            p.add_argument("forum")
        if kind.confidential:
            p.add_argument("--include-confidential", action="store_true", help=t("export.help.include_confidential"))
        for option in kind.options:
            p.add_argument(f"--{option}", action="store_true", help=t(f"export.help.{option}"))
        if kind.empty_items:
            p.add_argument("--empty-items", choices=["mark", "omit"], help=t("export.help.empty_items"))
        if PERIOD in kind.needs:
            p.add_argument("--period", required=True, help=t("export.help.period"))
        if YEAR in kind.needs:
            p.add_argument("--year", required=True, help=t("export.help.year"))
        if MUNICIPALITY in kind.needs:
            p.add_argument("--municipality", metavar="NAME", help=t("situation.help.municipality"))
        if DATES in kind.needs:
            p.add_argument("--from", dest="from_date", metavar="YYYY-MM-DD", help=t("export.help.from"))
            p.add_argument("--to", dest="to_date", metavar="YYYY-MM-DD", help=t("export.help.to"))
        p.set_defaults(handler=lambda args, kind=kind: export(kind, args))
