"""The ``samverkan`` command line: a public interface for people and scripts.

Exit codes: 0 success; 2 a user error (one sentence on stderr: a wrong date, an
unknown forum, a broken store file …); 3 an unexpected internal error (one sentence,
no traceback unless SAMVERKAN_DEBUG is set). Textual is imported only when the TUI
opens, so listing commands start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from store.persistence.settings import default_store_path
from store.rules import clock
from store.text.i18n import UserError, set_language, t

TYPE_CHECKING = False  # typing costs every call ~3 ms; these names are for annotations
if TYPE_CHECKING:
    from typing import Any

    from store.repository import Repository  # loaded by the commands that open the store

EXIT_OK = 0
EXIT_USER = 2
EXIT_INTERNAL = 3

Handler = Callable[[argparse.Namespace], int]


def _terminal_columns() -> int:
    # shutil.get_terminal_size's rule, without importing shutil (and with it bz2 and
    # lzma): argparse sizes a formatter for every option it adds.
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class HelpFormatter(argparse.HelpFormatter):
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         width if width is not None else _terminal_columns() - 2)


class ArgumentParser(argparse.ArgumentParser):
    """argparse that fails with our one-sentence contract and exit code 2."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError("cli.bad_arguments", detail=message, prog=self.prog)


def store_path(args: argparse.Namespace) -> Path:
    return Path(args.store).expanduser() if args.store else default_store_path()


def open_repo(args: argparse.Namespace, create: bool = False) -> Repository:
    from store.repository import Repository

    return Repository(store_path(args), create=create)


def emit_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def emit_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    sys.stdout.write("\n".join(lines) + "\n")


# -- init, check, demo -------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from store.repository import Repository

    path = store_path(args)
    if path.exists():
        raise UserError("store.exists", path=path)
    try:
        with Repository(path, create=True) as repo:
            if args.demo:
                from store.demo.build import build_demo

                build_demo(repo)
    except BaseException:
        # Never leave a half-made store behind for the next command to trip over.
        for leftover in path.parent.glob(path.name + "*"):
            if leftover.is_file():
                leftover.unlink()
        raise
    print(t("cli.init_done", path=path))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with open_repo(args) as repo:
        counts = {name: len(repo.storage.tables.get(name, {})) for name in sorted(repo.storage.tables)}
    if args.format == "json":
        emit_json({"ok": True, "path": str(store_path(args)), "counts": counts})
    else:
        print(t("cli.check_ok", path=store_path(args), summary=", ".join(f"{k} {v}" for k, v in counts.items())))
    return EXIT_OK


def demo_store() -> Path:
    """A fresh temporary copy of the demo data; the user's store is never touched."""
    import tempfile

    from store.demo.build import build_demo
    from store.repository import Repository

    folder = Path(tempfile.mkdtemp(prefix="samverkan-demo-"))
    path = folder / "samverkan.json"
    with Repository(path, create=True) as repo:
        build_demo(repo)
    return path


def run_tui(args: argparse.Namespace) -> int:
    if args.demo:
        path = demo_store()
    else:
        path = store_path(args)
        if not path.exists():
            raise UserError("store.missing", path=path)
        from store.repository import Repository

        Repository(path).close()  # a broken store fails here with one sentence
    from tui.app import create_app

    app = create_app(path, demo=args.demo)
    app.run()
    if args.demo:
        import shutil

        shutil.rmtree(path.parent, ignore_errors=True)
    return EXIT_OK


# -- meetings, show, log ------------------------------------------------------------


def cmd_meetings(args: argparse.Namespace) -> int:
    from store.repository import parse_iso_date

    today = clock.today()
    start = parse_iso_date(args.from_date) if args.from_date else today - timedelta(days=today.weekday())
    end = parse_iso_date(args.to_date) if args.to_date else start + timedelta(days=13)
    if end < start:
        raise UserError("cli.range_reversed", start=start.isoformat(), end=end.isoformat())
    with open_repo(args) as repo:
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

    with open_repo(args) as repo:
        meeting = repo.resolve_meeting(args.meeting)
        view = meeting_view(repo, meeting, include_confidential=args.include_confidential)
    if args.format == "json":
        emit_json(view)
        return EXIT_OK
    from store.review.views import meeting_text

    sys.stdout.write(meeting_text(view))
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    from store.repository import parse_iso_date
    from store.session.live import commit_quick_entry

    text = " ".join(args.text)
    with open_repo(args) as repo:
        forum = repo.forum_by_name(args.forum)
        day = parse_iso_date(args.date) if args.date else clock.today()
        meeting = repo.ensure_meeting(forum, day)
        result = commit_quick_entry(repo, meeting, text, today=clock.today(), create_owners=args.add_owner)
    if args.format == "json":
        emit_json(result)
    else:
        print(result["id"])
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    from store.persistence import settings

    if args.set_lang:
        settings.save(lang=args.set_lang)
    current = settings.load()
    data = {"lang": current.get("lang", "sv"), "path": str(settings.settings_path()),
            "store": str(store_path(args))}
    if args.format == "json":
        emit_json(data)
    else:
        print(t("cli.config", **data))
    return EXIT_OK


# -- wiring -------------------------------------------------------------------------


def add_common(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # Subcommands must not reset what was given before them (`samverkan --store X log …`).
    default_store = os.environ.get("SAMVERKAN_STORE") if top else argparse.SUPPRESS
    parser.add_argument("--store", default=default_store, help=t("cli.help.store"))
    parser.add_argument("--lang", choices=["sv", "en"], default=None if top else argparse.SUPPRESS,
                        help=t("cli.help.lang"))


# The commands other modules add. A call that names one of these builds only that
# module's part of the parser: `samverkan actions --open` should not spend its
# milliseconds importing and describing every other command.
COMMAND_MODULES = {
    "actions": "tui.cli.review",
    "promises": "tui.cli.review",
    "export": "tui.cli.exports",
    "import": "tui.cli.importer",
}
BUILTIN_COMMANDS = ("init", "check", "config", "meetings", "show", "log")


def chosen_command(argv: list[str]) -> str | None:
    """The command a call names (its first word that is not an option), if known."""
    after_option = False
    for arg in argv:
        if after_option:
            after_option = False
        elif arg in ("--store", "--lang"):
            after_option = True
        elif not arg.startswith("-"):
            return arg if arg in COMMAND_MODULES or arg in BUILTIN_COMMANDS else None
    return None


def build_parser(only: str | None = None) -> ArgumentParser:
    """The whole command line, or with ``only``, the parts one command needs (the
    others are left out, so naming one of them is then not understood)."""
    parser = ArgumentParser(prog="samverkan", description=t("cli.description"))
    add_common(parser, top=True)
    parser.add_argument("--demo", action="store_true", help=t("cli.help.demo"))
    sub = parser.add_subparsers(dest="command", parser_class=ArgumentParser)

    def command(name: str, handler: Handler, help_key: str) -> ArgumentParser:
        if only is not None and name != only:
            return ArgumentParser(add_help=False)  # described, never attached or parsed
        p = sub.add_parser(name, help=t(help_key), description=t(help_key))
        add_common(p)
        p.set_defaults(handler=handler)
        return p

    p = command("init", cmd_init, "cli.help.init")
    p.add_argument("--demo", action="store_true", help=t("cli.help.init_demo"))

    p = command("check", cmd_check, "cli.help.check")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = command("config", cmd_config, "cli.help.config")
    p.add_argument("--set-lang", choices=["sv", "en"])
    p.add_argument("--format", choices=["text", "json"], default="text")

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
    p.add_argument("--date")
    p.add_argument("--add-owner", action="store_true", help=t("cli.help.add_owner"))
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("text", nargs="+")

    for module_name in dict.fromkeys(COMMAND_MODULES.values()):
        if only is None or COMMAND_MODULES.get(only) == module_name:
            __import__(module_name, fromlist=["register"]).register(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language must be known before the parser's help texts are made.
    lang = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    if lang is None and not os.environ.get("SAMVERKAN_LANG"):
        from store.persistence import settings

        lang = settings.load().get("lang")
    set_language(lang)
    try:
        args = build_parser(chosen_command(argv)).parse_args(argv)
        handler: Handler = getattr(args, "handler", run_tui)
        return handler(args)
    except UserError as error:
        sys.stderr.write(str(error) + "\n")
        return EXIT_USER
    except KeyboardInterrupt:
        return EXIT_USER
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # the contract: one sentence, never a traceback
        if os.environ.get("SAMVERKAN_DEBUG"):
            raise
        sys.stderr.write(t("cli.internal_error", error=f"{type(error).__name__}: {error}") + "\n")
        return EXIT_INTERNAL


def run() -> None:
    """The ``samverkan`` console script."""
    argv = sys.argv[1:]
    code = main(argv)
    if chosen_command(argv) is None:
        sys.exit(code)  # the TUI or the help: a normal exit, every exit handler run
    # A command has closed the store and written its output. Python would now free
    # its objects one by one, which adds ~5 ms to a listing of thousands of actions.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass  # the reader went away (`samverkan actions | head`): nothing more to say
    os._exit(code)


if __name__ == "__main__":
    run()
