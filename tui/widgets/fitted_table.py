"""A DataTable whose columns fit its width by priority.

Each column says how important it is: at 80 columns the number, the text and the
status stay, and what matters least (the week, the organisation) drops out first,
whole, instead of the table running off the right edge where nobody sees it. One
column may be flexible: it takes what is left and its text ends in "…" rather than
wrapping; the others are as wide as their widest cell (up to their ``most``).

The screen hands in rows as dicts of cells (plain text or Rich ``Text``); the table
lays them out again when its width changes, keeping the cursor on its row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from tui.widgets.table_cells import cut_text, fit

PAD = 2  # DataTable's cell padding: one blank cell each side


@dataclass(frozen=True)
class Column:
    key: str
    priority: int = 0  # 0 never drops; higher numbers drop first
    most: int = 40     # a fixed column is as wide as its widest cell, up to this
    flex: bool = False  # takes the width that is left (at least ``least``)
    least: int = 16
    short: str | None = None  # the row's shorter form of this cell, used before a column drops


Cell = str | Text


def cell_width(cell: Cell) -> int:
    plain = cell.plain if isinstance(cell, Text) else cell
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def lay_out(columns: Sequence[Column], labels: dict[str, str], rows: Sequence[dict[str, Cell]],
            width: int) -> list[tuple[Column, int]]:
    """The columns shown in ``width`` cells and the width of each. Too narrow: first the
    shorter forms of cells that have one, then the least important columns go."""

    def widest(column: Column, key: str) -> int:
        return min(column.most, max([cell_width(labels[column.key]), *(cell_width(r.get(key, "")) for r in rows)]))

    natural = {c.key: widest(c, c.key) for c in columns}
    shown = list(columns)

    def needed(cols: list[Column]) -> int:
        return sum((c.least if c.flex else natural[c.key]) + PAD for c in cols)

    if needed(shown) > width:
        shown = [replace(c, key=c.short, short=None) if c.short else c for c in shown]
        labels.update({c.short: labels[c.key] for c in columns if c.short})
        natural.update({c.short: widest(replace(c, key=c.short), c.short) for c in columns if c.short})
    while needed(shown) > width and any(c.priority for c in shown):
        shown.remove(max((c for c in shown if c.priority), key=lambda c: c.priority))
    fixed = sum(natural[c.key] + PAD for c in shown if not c.flex)
    flexible = [c for c in shown if c.flex]
    share = max((width - fixed) // len(flexible) - PAD, 0) if flexible else 0
    return [(c, max(c.least, min(share, natural[c.key])) if c.flex else natural[c.key]) for c in shown]


def fitted(cell: Cell, width: int) -> Cell:
    """The cell in ``width`` cells: each of its lines ends in "…" when longer, cut
    between two words where it can (``table_cells.cut_text``)."""
    if cell_width(cell) <= width:
        return cell
    if not isinstance(cell, Text):
        return "\n".join(fit(line, width) for line in cell.split("\n"))
    return Text("\n").join(cut_text(line, width) for line in cell.split("\n"))


def _height(cells: dict[str, Cell]) -> int:
    return 1 + max((str(cell.plain if isinstance(cell, Text) else cell).count("\n") for cell in cells.values()),
                   default=0)


class FittedTable(DataTable):
    """DataTable filled through ``show``: columns by priority, cells cut to fit."""

    def __init__(self, columns: Sequence[Column], label: Callable[[str], str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.columns_spec = tuple(columns)
        self._label = label
        self._rows: list[tuple[str | None, dict[str, Cell]]] = []
        self._laid_out: list[tuple[Column, int]] | None = None

    @property
    def shown_keys(self) -> list[str]:
        """The columns on screen now, left to right."""
        return [column.key for column, _ in self._laid_out or ()]

    def show(self, rows: Sequence[tuple[str | None, dict[str, Cell]]], cursor: int | None = None) -> None:
        """New rows (each a row key and its cells); the cursor stays on its row or goes to ``cursor``."""
        row = self.cursor_row if cursor is None else cursor
        self._rows = list(rows)
        self._fill(row, force=True)

    def _fill(self, row: int, force: bool = False) -> None:
        # Room for the vertical scrollbar when the rows are more than fit: laid out
        # without it, the last column would lose its last cells to it.
        lines = 1 + sum(_height(cells) for _, cells in self._rows)
        scrollbar = self.styles.scrollbar_size_vertical if lines > (self.size.height or 0) else 0
        width = (self.size.width or self.app.size.width) - scrollbar
        labels = {c.key: self._label(c.key) for c in self.columns_spec}
        layout = lay_out(self.columns_spec, labels, [cells for _, cells in self._rows], width)
        if layout != self._laid_out:
            self._laid_out = layout
            self.clear(columns=True)
            for column, col_width in layout:
                self.add_column(fitted(labels[column.key], col_width), key=column.key, width=col_width)
        elif not force:
            return
        else:
            self.clear()
        for key, cells in self._rows:
            self.add_row(*(fitted(cells.get(c.key, ""), w) for c, w in layout), key=key, height=_height(cells))
        if self._rows:
            self.move_cursor(row=min(max(row, 0), len(self._rows) - 1))

    def on_resize(self, event: events.Resize) -> None:
        if self._rows or self._laid_out is not None:
            self._fill(self.cursor_row)
