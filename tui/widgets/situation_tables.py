"""The lägesbild screen's two tables: its problems, and the measures of the problem
under the cursor (see ``FlexTable``).

Each has more columns than fit an 80-column window: the text column takes what is
left and the others drop out, least important first, when it would get narrower than
it can be read; long text wraps at word boundaries, it is never cut. A flag is a symbol
and a word ("⚠ saknar åtgärd"), so it reads without colour.

Widgets get ready-made rows from the screen and post Messages for what the user asks;
they never touch the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from store.text.i18n import t
from tui.widgets.flex_table import FLEX, FlexTable

FLAG = "⚠"
UNLINKED_KEY = "unlinked"  # the row of the plan's measures that address no problem


@dataclass
class ProblemLine:
    key: str  # "problem:12", or UNLINKED_KEY
    ref: str = ""
    title: str = ""
    category: str = ""
    area: str = ""
    sources: str = ""
    measures: str = ""
    flag: str = ""  # the flag's words, without the symbol
    confidential: bool = False


@dataclass
class MeasureLine:
    key: str  # "promise:16", "activity:1:2", "action:142"
    ref: str
    text: str
    owner: str = ""
    state: str = ""
    state_colour: str = ""  # a theme colour name
    result: str = ""
    confidential: bool = False
    kind: str = ""
    ref_id: int = 0
    activity_key: int | None = None
    problems: list[int] = field(default_factory=list)


class PriorityTable(FlexTable):
    """A FlexTable whose columns (key, width, priority) drop out when it is narrow."""

    ALL_COLUMNS: ClassVar[tuple[tuple[str, int, int], ...]] = ()

    def shown_columns(self, width: int) -> tuple[tuple[str, int], ...]:
        """The columns for ``width`` cells: the flexible one keeps at least MIN_FLEX."""
        shown = list(self.ALL_COLUMNS)

        def flex(columns: list[tuple[str, int, int]]) -> int:
            return width - 2 - sum(w + 2 for _, w, _ in columns if w) - 2

        while flex(shown) < self.MIN_FLEX and any(w for _, w, _ in shown):
            shown.remove(max((c for c in shown if c[1]), key=lambda c: c[2]))
        return tuple((key, w) for key, w, _ in shown)

    def _build(self, width: int, quiet: bool = False, guess: bool = False) -> None:
        # Per instance: the same table class at another width shows other columns.
        self.COLUMNS = self.shown_columns(width)
        super()._build(width, quiet=quiet, guess=guess)

    def all_cells(self, row) -> dict[str, Text]:
        raise NotImplementedError

    def cells(self, row) -> list[Text]:
        cells = self.all_cells(row)
        return [cells[key] for key, _ in self.COLUMNS]

    def column_keys(self) -> list[str]:
        return [key for key, _ in self.COLUMNS]

    @dataclass
    class Highlighted(Message):
        table: PriorityTable
        key: str | None

    @dataclass
    class Chosen(Message):
        table: PriorityTable
        key: str | None

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        before = self.cursor_row
        super().move_cursor(row=row, animate=animate)
        if self.cursor_row != before:
            self.post_message(self.Highlighted(self, self.selected_key))

    def row_chosen(self) -> None:
        self.post_message(self.Chosen(self, self.selected_key))


class ProblemTable(PriorityTable):
    DEFAULT_CSS = """
    ProblemTable {
        height: 1fr;
    }
    """

    ALL_COLUMNS = (("ref", 5, 1), ("title", FLEX, 0), ("flag", 16, 2), ("measures", 12, 3), ("area", 14, 4),
                   ("category", 18, 5), ("sources", 20, 6))
    LABELS = "situation.col."
    MIN_FLEX = 24

    BINDINGS = [
        Binding("enter", "select_cursor", t("situation.key.measures"), id="situation.problems.measures",
                tooltip=t("situation.key.measures.tip")),
    ]

    def row_key(self, row: ProblemLine) -> str:
        return row.key

    def all_cells(self, row: ProblemLine) -> dict[str, Text]:
        title = row.title
        title_style = "italic" if row.key == UNLINKED_KEY else ""  # not a problem: measures without one
        if row.confidential:
            title = f"[{t('review.confidential')}] {title}"
            title_style = f"bold {self.color('warning')}"
        flag = Text(f"{FLAG} {row.flag}", style=f"bold {self.color('warning')}") if row.flag else Text("")
        return {
            "ref": Text(row.ref, style="dim"),
            "title": self.cell_text(title, title_style),
            "flag": flag,
            "measures": self.cell_text(row.measures),
            "area": self.cell_text(row.area),
            "category": self.cell_text(row.category),
            "sources": self.cell_text(row.sources, "dim"),
        }


class MeasureTable(PriorityTable):
    DEFAULT_CSS = """
    MeasureTable {
        height: 1fr;
    }
    """

    ALL_COLUMNS = (("ref", 6, 1), ("text", FLEX, 0), ("state", 15, 2), ("result", 11, 3), ("owner", 18, 4))
    LABELS = "situation.mcol."
    MIN_FLEX = 24

    BINDINGS = [
        Binding("enter", "select_cursor", t("situation.key.open"), id="situation.measures.open",
                tooltip=t("situation.key.open.tip")),
    ]

    def row_key(self, row: MeasureLine) -> str:
        return row.key

    def all_cells(self, row: MeasureLine) -> dict[str, Text]:
        text, style = row.text, ""
        if row.confidential:
            text = f"[{t('review.confidential')}] {text}"
            style = f"bold {self.color('warning')}"
        colour = self.color(row.state_colour) if row.state_colour else ""
        return {
            "ref": Text(row.ref, style="dim"),
            "text": self.cell_text(text, style),
            "state": self.cell_text(row.state, colour or "dim"),
            "result": self.cell_text(row.result),
            "owner": self.cell_text(row.owner),
        }
