"""The ``samverkan`` command line: a public interface for people and scripts.

Exit codes: 0 success; 2 a user error (one sentence on stderr: a wrong date, an
unknown forum, a broken store file, a folder the system refuses …); 3 an unexpected internal error (one sentence,
no traceback unless SAMVERKAN_DEBUG is set). One module per command group
(``store_admin``, ``meetings``, ``review``, ``follow_up``, ``exports``, ``importer``,
``situation``, ``outcomes``, ``chain``), each with a
``register(command)`` that adds its commands; ``app`` opens the TUI. Textual is
imported only when the TUI opens, so listing commands start fast.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from types import ModuleType

from store.text.i18n import UserError, set_language, t
from store.text.os_errors import os_reason
from tui.cli.common import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USER,
    ArgumentParser,
    Handler,
    add_common,
    utf8_output,
    write_err,
)


def _store_admin() -> ModuleType:
    from tui.cli import store_admin

    return store_admin


def _meetings() -> ModuleType:
    from tui.cli import meetings

    return meetings


def _review() -> ModuleType:
    from tui.cli import review

    return review


def _follow_up() -> ModuleType:
    from tui.cli import follow_up

    return follow_up


def _exports() -> ModuleType:
    from tui.cli import exports

    return exports


def _importer() -> ModuleType:
    from tui.cli import importer

    return importer


def _situation() -> ModuleType:
    from tui.cli import situation

    return situation


def _outcomes() -> ModuleType:
    from tui.cli import outcomes

    return outcomes


def _users() -> ModuleType:
    from tui.cli import users

    return users


def _serve() -> ModuleType:
    from tui.cli import serve

    return serve


def _chain() -> ModuleType:
    from tui.cli import chain

    return chain


# Which group adds which command. A call that names one command imports and builds
# only its group's part of the parser: `samverkan actions --open` should not spend
# its milliseconds importing and describing every other command.
COMMAND_GROUPS = {
    "init": _store_admin,
    "check": _store_admin,
    "restore": _store_admin,
    "config": _store_admin,
    "meetings": _meetings,
    "show": _meetings,
    "log": _meetings,
    "actions": _review,
    "promises": _review,
    "action": _follow_up,
    "export": _exports,
    "import": _importer,
    "problems": _situation,
    "dialogues": _situation,
    "situation": _situation,
    "plan": _situation,
    "activities": _situation,
    "outcome": _outcomes,
    "publication": _outcomes,
    "users": _users,
    "serve": _serve,
    "escalate": _chain,
    "decide": _chain,
    "justering": _chain,
    "approve": _chain,
    "amend": _chain,
}


def chosen_command(argv: list[str]) -> str | None:
    """The command a call names (its first word that is not an option), if known."""
    after_option = False
    for arg in argv:
        if after_option:
            after_option = False
        elif arg in ("--store", "--lang"):
            after_option = True
        elif not arg.startswith("-"):
            return arg if arg in COMMAND_GROUPS else None
    return None


def build_parser(only: str | None = None) -> ArgumentParser:
    """The whole command line, or with ``only``, the parts one command needs (the
    others are left out, so naming one of them is then not understood)."""
    parser = ArgumentParser(prog="samverkan", description=t("cli.description"))
    add_common(parser, top=True)
    parser.add_argument("--demo", action="store_true", help=t("cli.help.demo"))
    sub = parser.add_subparsers(dest="command", parser_class=ArgumentParser, title=t("cli.section.commands"),
                                metavar=t("cli.metavar.command"))

    def command(name: str, handler: Handler, help_key: str) -> ArgumentParser:
        if only is not None and name != only:
            return ArgumentParser(add_help=False)  # described, never attached or parsed
        p = sub.add_parser(name, help=t(help_key), description=t(help_key))
        add_common(p)
        p.set_defaults(handler=handler)
        return p

    groups = dict.fromkeys(COMMAND_GROUPS.values()) if only is None else [COMMAND_GROUPS[only]]
    for group in groups:
        group().register(command)
    return parser


# What the operating system says about a file a user named or may fix: one sentence
# and exit 2, as for any other user error (anything else is an internal error).
USER_ERRNOS = {errno.EACCES, errno.EPERM, errno.ENOENT, errno.EISDIR, errno.ENOTDIR, errno.EROFS, errno.EEXIST,
               errno.ENOSPC, errno.ENAMETOOLONG, errno.ELOOP, errno.EBUSY, getattr(errno, "EDQUOT", errno.ENOSPC)}


def check_arguments(argv: list[str]) -> None:
    """Bytes that are not UTF-8 (a Latin-1 terminal) reach Python as lone surrogates,
    which no file, JSON or terminal can take: refuse them at the door."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UserError("cli.undecodable_argument", arg=shown) from None


def main(argv: list[str] | None = None, *, console: bool = False) -> int:
    """The command line; ``console`` when it is the whole process (the ``samverkan``
    command), which then also owns what Ctrl-C does."""
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
    if console:
        quiet_interrupt(t("cli.interrupted"))
    try:
        check_arguments(argv)
        args = build_parser(chosen_command(argv)).parse_args(argv)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            from tui.cli.app import run_tui

            handler = run_tui
        return handler(args)
    except UserError as error:
        write_err(str(error))
        return EXIT_USER
    except KeyboardInterrupt:
        write_err(t("cli.interrupted"))
        return EXIT_USER
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        if error.errno not in USER_ERRNOS or os.environ.get("SAMVERKAN_DEBUG"):
            return _internal(error)
        write_err(t("cli.os_error", path=error.filename or "-", reason=os_reason(error)))
        return EXIT_USER
    except Exception as error:
        return _internal(error)


def quiet_interrupt(sentence: str) -> None:
    """Until a command starts work that must clean up after itself (``interruptible``),
    Ctrl-C says ``sentence`` and ends the program at once. Raised in the middle of an
    import instead, a KeyboardInterrupt crashed orjson's C module (SIGSEGV) or came out
    of a dataclass as a RuntimeError."""

    def stop(_signum: int, _frame: object) -> None:
        write_err(sentence)
        os._exit(EXIT_USER)

    signal.signal(signal.SIGINT, stop)


def _internal(error: Exception) -> int:
    """The contract for what nobody foresaw: one sentence, never a traceback."""
    if os.environ.get("SAMVERKAN_DEBUG"):
        raise error
    cause: BaseException | None = error
    while cause is not None:  # Ctrl-C that Python wrapped (a dataclass's __set_name__ …)
        if isinstance(cause, KeyboardInterrupt):
            write_err(t("cli.interrupted"))
            return EXIT_USER
        cause = cause.__cause__ or cause.__context__
    # The system's own sentence is English (or Windows' display language): ours instead.
    detail = os_reason(error) if isinstance(error, OSError) else str(error)
    write_err(t("cli.internal_error", error=f"{type(error).__name__}: {detail}"))
    return EXIT_INTERNAL


def run() -> None:
    """The ``samverkan`` console script."""
    argv = sys.argv[1:]
    utf8_output()
    code = main(argv, console=True)
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
