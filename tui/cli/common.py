"""What every command shares: the exit codes, argparse in our words (``arguments``),
where the store is, and how tables and JSON are written."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from store.persistence.settings import default_store_path
from store.text.i18n import t
from store.text.terminal import safe_json, safe_text

# Re-exported: every command group builds its parsers with these.
from tui.cli.arguments import ArgumentParser, HelpFormatter  # noqa: F401

TYPE_CHECKING = False  # typing costs every call ~3 ms; these names are for annotations
if TYPE_CHECKING:
    from typing import Any

    from store.repository import Repository  # loaded by the commands that open the store

EXIT_OK = 0
EXIT_USER = 2
EXIT_INTERNAL = 3

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]

# What the program prints beyond ASCII: Swedish letters, dashes, ellipses, arrows, quotes.
PRINTED = "åäöÅÄÖé–…·→↓“”§"


def utf8_output() -> None:
    """Standard output and error in UTF-8 wherever their encoding cannot write what we print.

    A Windows console redirected to a file or pipe writes the ANSI code page (cp1252
    has no → or ↓), a legacy console cp850 or cp437 (no –), PYTHONIOENCODING may name
    ASCII: a table would stop with UnicodeEncodeError, an error sentence come out with
    \\u escapes. A stream that can write them all is left as it is.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            PRINTED.encode(stream.encoding)
        except (AttributeError, TypeError, LookupError, UnicodeEncodeError):
            try:
                stream.reconfigure(encoding="utf-8", errors=stream.errors)
            except (AttributeError, ValueError, OSError):
                pass  # not a text stream we can change (replaced, or closed)


def store_path(args: argparse.Namespace) -> Path:
    return Path(args.store).expanduser() if args.store else default_store_path()


def open_repo(args: argparse.Namespace, *, write: bool) -> Repository:
    """The store, for writing or only for reading: every command says which. One that
    only reads writes nothing, so it works on a full disk and cannot disturb a writer;
    one opened for reading refuses to save ("store.read_only")."""
    from store.repository import Repository

    interruptible()
    return Repository(store_path(args), read_only=not write)


def interruptible() -> None:
    """From here Ctrl-C is a KeyboardInterrupt: the store's transaction is rolled back,
    ``init`` removes what it made, the app and the server stop as they do, and the
    command line says so in one sentence. Called once the modules a command needs are
    loaded (see ``tui.cli.main.quiet_interrupt``)."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:  # the console's quiet one
        signal.signal(signal.SIGINT, signal.default_int_handler)


# Every text the command line prints goes through one of these: user text may hold
# escape sequences (an imported file, a line logged from a script), and a terminal
# must show them, not obey them (store.text.terminal).


def write_out(text: str) -> None:
    """``text`` and a line end on standard output, terminal-safe."""
    sys.stdout.write(safe_text(text) + "\n")


def write_err(text: str) -> None:
    """One sentence on standard error, terminal-safe (errors quote what the user gave)."""
    sys.stderr.write(safe_text(text) + "\n")


def emit_json(data: Any) -> None:
    sys.stdout.write(safe_json(data) + "\n")


def emit_logged(args: argparse.Namespace, logged: dict[str, Any]) -> None:
    """A line just stored (``log``, ``amend``): its JSON, or only its number."""
    if args.format == "json":
        emit_json(logged)
    else:
        write_out(str(logged["id"]))


def emit_table(headers: list[str], rows: list[list[str]]) -> None:
    rows = [[safe_text(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    sys.stdout.write("\n".join(lines) + "\n")


# -- init, check, demo -------------------------------------------------------------


def add_common(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # Subcommands must not reset what was given before them (`samverkan --store X log …`).
    default_store = os.environ.get("SAMVERKAN_STORE") if top else argparse.SUPPRESS
    parser.add_argument("--store", default=default_store, help=t("cli.help.store"))
    parser.add_argument("--lang", choices=["sv", "en"], default=None if top else argparse.SUPPRESS,
                        help=t("cli.help.lang"))


