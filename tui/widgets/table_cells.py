"""Text into the fixed-width cells of the Line-API tables (``FlexTable`` and
``ActionTable``): cut to a width with an ellipsis, or wrapped into lines, and one
line of a row drawn as segments the width of the table."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

PADDING = 1  # blank cells on each side of a column's text (FlexTable)
MAX_WORD = 30  # a longer "word" (an address) may end in "…" rather than widen its column


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` in exactly ``width`` cells: padded (to the right with ``right``), or cut with
    "…", between two words when a word ends past the first third of the width."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        cut = set_cell_size(text, width - 1)
        if not text[len(cut):len(cut) + 1].isspace():  # the cut falls inside a word
            space = text.rfind(" ", 0, len(cut) + 1)
            if space > width // 3:
                cut = text[:space]
        return set_cell_size(cut.rstrip() + "…", width)
    return text.rjust(width) if right else set_cell_size(text, width)


def at_word(text: str, width: int) -> str:
    """``text`` on one line in at most ``width`` characters, cut at a space ("… "), never in a word."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut + " …"


def longest_word(texts: list[str]) -> int:
    return min(MAX_WORD, max((cell_len(word) for text in texts for word in text.split()), default=0))


def shown_columns(columns: Sequence[tuple[str, int]], drop: Sequence[str], width: int,
                  need: int) -> list[tuple[str, int]]:
    """``columns`` (key, width; 0 the flexible one) in ``width`` cells: those named in
    ``drop`` go, first one first, while the flexible one would have fewer than ``need``."""
    shown = list(columns)
    for key in drop:
        if width - sum(w for _, w in shown) - 2 * PADDING * len(shown) - 2 >= need:
            break
        shown = [column for column in shown if column[0] != key]
    return shown


def cut_text(line: Text, width: int) -> Text:
    """One line of styled text in ``width`` cells, ending in "…" when longer: between two
    words when a word ends past the first third of the width, else where the width ends."""
    if cell_len(line.plain) <= width:
        return line
    line = line.copy()
    space = line.plain.rfind(" ", 0, width)  # a word may end right before the "…"
    if space > width // 3:
        line.truncate(space, overflow="crop")  # the text's own overflow would add a "…" too
        line.rstrip()
        line.append("…")
    else:
        line.truncate(width, overflow="ellipsis")
    return line


def wrap_cells(texts: list[Text], widths: list[int], console: Console, wrap: bool) -> list[list[Text]]:
    """Each cell as the lines it takes in its column; without ``wrap`` only the first."""
    result = []
    for text, width in zip(texts, widths):
        plain = text.plain
        if "\n" not in plain and "\t" not in plain and cell_len(plain) <= width:
            result.append([text])  # the common case: fits as it is
        elif not wrap and "\t" not in plain:
            result.append([cut_text(text.split("\n", allow_blank=True)[0], width)])
        else:
            # A word longer than its column ends in "…" instead of being folded mid-word.
            lines = list(text.wrap(console, width, no_wrap=True if not wrap else None, overflow="ellipsis"))
            result.append(lines[:1] if not wrap else lines or [Text()])
    return result


def cells_strip(cells: list[list[Text]], widths: list[int], line: int, style: Style, post: Style | None,
                console: Console, width: int) -> Strip:
    """Line ``line`` of a row, the whole width of the table (and of the panel, ``width``, if wider)."""
    fill = style + post if post else style
    pad = Segment(" " * PADDING, fill)
    segments: list[Segment] = []
    for lines, column_width in zip(cells, widths):
        segments.append(pad)
        if line < len(lines):
            text = lines[line]
            # Text.render leaves out the text's own style when it has no spans.
            own = style + console.get_style(text.style) if text.style else style
            cell = list(Segment.apply_style(text.render(console), own, post))
            segments.extend(Segment.adjust_line_length(cell, column_width, fill))
        else:
            segments.append(Segment(" " * column_width, fill))
        segments.append(pad)
    return Strip(segments).extend_cell_length(width, style)
