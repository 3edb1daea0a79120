"""User text made safe for a terminal: every control character becomes visible, harmless text.

What a user typed, logged from a script or imported from a file may hold bytes a
terminal obeys instead of showing: ESC starts a sequence that can set the window
title (OSC ``\\x1b]0;…\\x07``), clear the screen (CSI ``\\x1b[2J``) or rewrite what is
already shown; C1 codes (``\\x9b`` is CSI on its own) do the same on some terminals;
a carriage return or backspace overwrites a line; NUL and BEL confuse pagers; bidi
overrides (U+202E …) show text in another order than it is stored. ``safe_text``
writes each of them as the escape a programmer would type (``\\x1b``, ``\\u202e``), so a
reader sees that something odd is there and the terminal sees only printable text.
Tab and newline stay: they are layout, not commands.

Documents (Markdown, iCalendar) have no use for any of them: they are replaced with
a space there (``UNSAFE``). The JSON of the command line keeps every character,
written as a JSON escape (``safe_json``).
"""

from __future__ import annotations

import re

# What a terminal may act on or reorder: C0 but tab and newline, DEL, C1, the bidi marks,
# embeddings, overrides and isolates, and lone surrogates (an undecodable byte of
# an argument or a file, which no terminal encoding can write).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# In JSON the C0 controls are escaped already; the rest is written raw by json.dumps.
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: object) -> str:
    """``text`` with every character a terminal could obey written out visibly.

    A Windows line end (CR LF) is a line end, not a stray carriage return.
    """
    text = str(text)
    if UNSAFE.search(text) is None:  # the usual case costs one scan
        return text
    return UNSAFE.sub(_escape, text.replace("\r\n", "\n"))


def safe_texts(texts: list[str]) -> list[str]:
    """``safe_text`` over a column of cells; a clean column (the usual case) is one scan."""
    if UNSAFE.search("\n".join(texts)) is None:
        return texts
    return [safe_text(text) for text in texts]


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe_json(data: object) -> str:
    """``data`` as indented JSON (UTF-8 text as it is) in which nothing reaches a terminal raw.

    The escapes are JSON's own, so a script reads back exactly the stored text.
    """
    import json  # only the commands that write JSON pay for it

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(_json_escape, text)
