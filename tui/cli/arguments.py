"""argparse in our words: its help's headings and usage line, its errors, and the
names of the values options take, all from the catalogue in the chosen language.

argparse writes English (through gettext, whose catalogues for it are not installed
anywhere we run). Nothing here depends on them: the formatter's public hooks
(``add_usage``, ``start_section``) put our headings in, ``-h`` is our own option, every
argument added through this parser (or its groups) gets its metavar and a missing
help from the catalogue, and ``error`` reads argparse's sentence and says it again
in ours. A sentence argparse words differently in a later Python falls back to a
general one of ours (``cli.err.other``) rather than showing English.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from store.text.i18n import CATALOGUES, UserError, t

# argparse's own headings (its gettext defaults), as the formatter is handed them.
_SECTIONS = {
    "positional arguments": "cli.section.positional",
    "options": "cli.section.options",
    "optional arguments": "cli.section.options",
}


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

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, t("cli.usage") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        key = _SECTIONS.get(heading or "")
        super().start_section(t(key) if key else heading)


def _known(key: str) -> bool:
    """Whether the command line has a text for ``key``: its ``cli.*`` keys are all in
    the areas loaded at once (a test holds this), so a key not there is not anywhere,
    and asking must not load every screen's text."""
    return key in CATALOGUES["sv"]


def localize(action: argparse.Action) -> argparse.Action:
    """The action's metavar in the chosen language, and a help text if it had none."""
    if action.help is None and _known(f"cli.help.arg.{action.dest}"):
        action.help = t(f"cli.help.arg.{action.dest}")
    # Choices (and a group of sub-commands) show themselves: {text,json}.
    if action.nargs != 0 and action.choices is None:
        name = action.metavar or (action.dest.upper() if action.option_strings else action.dest)
        if isinstance(name, str) and _known(f"cli.metavar.{name}"):
            action.metavar = t(f"cli.metavar.{name}")
    return action


def _localizing(add: Callable[..., argparse.Action]) -> Callable[..., argparse.Action]:
    def add_argument(*args, **kwargs) -> argparse.Action:  # type: ignore[no-untyped-def]
        return localize(add(*args, **kwargs))

    return add_argument


# argparse's error sentences (Python 3.11-3.13 wordings) and ours for them; compiled
# when an error is said, not at every call of the command line.
_ERRORS = (
    (r"invalid choice: '?(?P<value>.*?)'? \(choose from (?P<choices>.*)\)", "cli.err.invalid_choice"),
    (r"the following arguments are required: (?P<args>.*)", "cli.err.required"),
    (r"unrecognized arguments: (?P<args>.*)", "cli.err.unrecognized"),
    (r"expected one argument", "cli.err.expected_one"),
    (r"expected at most one argument", "cli.err.expected_at_most_one"),
    (r"expected at least one argument", "cli.err.expected_at_least_one"),
    (r"expected (?P<count>\d+) arguments?", "cli.err.expected_n"),
    (r"not allowed with argument (?P<other>.*)", "cli.err.not_allowed_with"),
    (r"ignored explicit argument '?(?P<value>.*?)'?", "cli.err.ignored_explicit"),
    (r"one of the arguments (?P<args>.*) is required", "cli.err.one_of_required"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "cli.err.ambiguous"),
    (r"invalid int value: '?(?P<value>.*?)'?", "cli.err.invalid_int"),
    (r"invalid float value: '?(?P<value>.*?)'?", "cli.err.invalid_float"),
    (r"invalid \S+ value: '?(?P<value>.*?)'?", "cli.err.invalid_value"),
    (r"unexpected option string: (?P<option>.*)", "cli.err.unexpected_option"),
)
_ARGUMENT = r"argument (?P<argument>[^:]+): (?P<message>.*)"


def _unquoted_list(text: str) -> str:
    return ", ".join(part.strip().strip("'\"") for part in text.split(","))


def translate_error(message: str) -> str:
    """argparse's error sentence, said in the catalogue's words."""
    import re

    argument = re.fullmatch(_ARGUMENT, message, re.S)
    inner = argument["message"] if argument else message
    for pattern, key in _ERRORS:
        found = re.fullmatch(pattern, inner.strip())
        if found:
            params: dict[str, object] = dict(found.groupdict())
            for name in ("choices", "args", "matches"):
                if name in params:
                    params[name] = _unquoted_list(str(params[name]))
            if "count" in params:
                params["count"] = int(str(params["count"]))
            said = t(key, **params)
            break
    else:
        said = t("cli.err.other")
    if not argument:
        return said
    name = argument["argument"]
    # A choice's name is its dest ("what"): said in the catalogue's words when it has them.
    name = t(f"cli.metavar.{name}") if _known(f"cli.metavar.{name}") else name
    return t("cli.err.argument", argument=name, message=said)


class ArgumentParser(argparse.ArgumentParser):
    """argparse that speaks the catalogue's language and fails with our one-sentence
    contract and exit code 2."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help.help"))

    def add_argument(self, *args, **kwargs) -> argparse.Action:  # type: ignore[no-untyped-def, override]
        return localize(super().add_argument(*args, **kwargs))

    def add_argument_group(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        group = super().add_argument_group(*args, **kwargs)
        group.add_argument = _localizing(group.add_argument)  # type: ignore[method-assign]
        return group

    def add_mutually_exclusive_group(self, **kwargs):  # type: ignore[no-untyped-def]
        group = super().add_mutually_exclusive_group(**kwargs)
        group.add_argument = _localizing(group.add_argument)  # type: ignore[method-assign]
        return group

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError("cli.bad_arguments", detail=translate_error(message), prog=self.prog)
