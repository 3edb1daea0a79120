"""Nothing the app draws reaches the terminal as a command.

Textual strips only BEL, backspace, VT, FF and CR from text (``textual.content``);
an ESC in a logged line, an imported promise or a forum's name went to the terminal
as it was, where ``\\x1b[2J`` clears the screen and ``\\x1b]0;…\\x07`` sets the window
title. Every line of every widget passes through the app's line filters
(``App.get_line_filters``) just before it is written, so one filter there covers
tables, dialogs, notifications, the header and Textual's own widgets alike.

By then the line's width is fixed, so what the terminal could obey
(``store.text.terminal.UNSAFE``: controls, bidi overrides, lone surrogates) is
dropped if it takes no cell and shown as U+FFFD if it takes one: the text around it
stays visible and in place (``]0;pwned`` shows, the title does not change).
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from store.text.terminal import UNSAFE


def _harmless(match: re.Match[str]) -> str:
    return "\ufffd" * cell_len(match.group())


class TerminalSafe(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(UNSAFE.search(segment.text) for segment in segments):
            return segments  # nearly every line: one scan, nothing made
        return [
            segment if segment.control else Segment(UNSAFE.sub(_harmless, segment.text), segment.style)
            for segment in segments
        ]


TERMINAL_SAFE = TerminalSafe()
