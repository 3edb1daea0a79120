"""Safe Markdown building blocks for everything that leaves the program.

Minutes are mailed, pasted into wikis and case systems, so whatever a user typed
must stay text: it may not open a heading, a list, a quote, a code block, a link,
raw HTML or a table cell of its own. The rule is simple and total:

* every character that can start markup anywhere (``\\ ` * _ [ ] < > & | ~ #``)
  is backslash-escaped, which CommonMark allows for all ASCII punctuation;
* on each line, what else could start a block (``-``, ``+``, ``=``, ``1.``, ``1)``,
  and ``:``, which after a line with a pipe makes a table's delimiter row)
  is escaped too, after the line is stripped (so no indented code);
* line breaks become spaces inside table cells and headings, and hard breaks
  (backslash + newline, indented to the container) inside paragraphs and lists;
  blank lines are dropped, so a user's text can never end the list it sits in;
* control characters, bidi overrides and undecodable bytes become spaces
  (``store.text.terminal.UNSAFE``): a document printed to a terminal, pasted into a
  mail or opened in a wiki shows the text as it was typed, in the order typed.

Output uses only ATX headings, ``-`` and ``1.`` lists, pipe tables and paragraphs, and
ends with one newline, so it is CommonMark with GFM tables, byte-for-byte stable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from store.text.terminal import UNSAFE

# Characters that open inline markup anywhere on a line. ``#`` is here because a
# heading's closing sequence (`## Forum #`) is stripped; ``|`` because of tables.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~#])")
# A line start that would open a block: bullet, setext underline, ordered list, the
# delimiter row of a table (":-" under a line holding "|", escaped or not).
_BLOCK_START = re.compile(r"^([-+=:]|\d{1,9}(?=[.)]))")


def _lines(text: str) -> list[str]:
    """Non-empty, stripped lines; splitlines() also knows U+2028, U+0085 and friends."""
    lines = []
    for line in str(text).splitlines():
        line = UNSAFE.sub(" ", line.replace("\t", " ")).strip()
        if line:
            lines.append(line)
    return lines


def _escape_line(line: str) -> str:
    escaped = _INLINE.sub(r"\\\1", line)
    match = _BLOCK_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1)[0].isdigit():
        # "1." / "1)": escaping the punctuation keeps the number readable.
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def inline(text: object) -> str:
    """User text as one line of literal Markdown text (table cell, heading, label)."""
    return " ".join(_escape_line(line) for line in _lines(str(text)))


def block(text: object, indent: int = 0) -> str:
    """User text as literal Markdown keeping its line breaks as hard breaks.

    ``indent`` is the width of the container the text sits in (2 for a ``- ``
    bullet), so continuation lines stay inside the list item.
    """
    lines = [_escape_line(line) for line in _lines(str(text))]
    return ("\\\n" + " " * indent).join(lines)


def heading(level: int, text: str) -> str:
    """``text`` must already be escaped (it often mixes catalogue words and user text)."""
    return f"{'#' * level} {text}"


def bullets(items: Iterable[str]) -> str:
    """A ``-`` list; items are escaped Markdown, continuation lines indented by 2."""
    return "\n".join(f"- {item}" for item in items)


def numbered(items: Iterable[str]) -> str:
    """``1.``, ``2.``, …: continuation lines of an item must be indented by 3 (or more)."""
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], right: Sequence[int] = (),
          compact_rule: bool = False) -> str:
    """A GFM pipe table; cells are escaped single-line Markdown, ``right`` aligns columns.

    ``compact_rule``: the rule under the headings as ``|---|---|`` (the command line's
    listings have always written it so, and scripts may look for it)."""
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    out = [_row(headers), "|" + "|".join(rule) + "|" if compact_rule else _row(rule)]
    for row in rows:
        if len(row) != len(headers):  # a short row would shift every cell after it
            raise ValueError(f"row has {len(row)} cells, table has {len(headers)} columns")
        out.append(_row(row))
    return "\n".join(out)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell or " " for cell in cells) + " |"


def strong(text: str) -> str:
    return f"**{text}**"


def emphasis(text: str) -> str:
    return f"_{text}_"


def document(blocks: Iterable[str]) -> str:
    """Blocks separated by one blank line; empty blocks dropped; one final newline."""
    return "\n\n".join(b for b in blocks if b) + "\n"
