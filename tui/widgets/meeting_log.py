"""The live log of a meeting and its agenda, both as row tables.

``FlexTable`` is the shared base of the meeting screen's panels: fixed-width columns
plus one flexible text column that wraps, so a long line is read in full instead of
being cut off. Widgets get ready-made rows from the screen and post Messages for
what the user asks; they never touch the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from store.i18n import t

FLEX = 0  # width of the one column that takes the rest of the width


class FlexTable(DataTable):
    """A row-cursor table whose rows come from the screen as small dataclasses."""

    COLUMNS: ClassVar[tuple[tuple[str, int], ...]] = ()
    LABELS: ClassVar[str] = ""  # catalogue prefix of the column labels
    UNLABELLED: ClassVar[frozenset[str]] = frozenset()  # marker columns without a heading
    MIN_FLEX: ClassVar[int] = 16
    WRAP: ClassVar[bool] = True

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self.rows_data: list[Any] = []
        self._built_width = -1
        self._pending_select: str | None = None
        self._colors: dict[str, str] = {}

    # -- what subclasses say -------------------------------------------------

    def row_key(self, row: Any) -> str:
        raise NotImplementedError

    def cells(self, row: Any) -> list[Text]:
        raise NotImplementedError

    # -- shared --------------------------------------------------------------

    def color(self, name: str) -> str:
        """A theme colour for Rich text in cells (cells cannot use CSS variables)."""
        value = self._colors.get(name, "")
        return value if value.startswith("#") else ""

    def cell_text(self, text: str, style: str = "") -> Text:
        """Long text wraps in tables that wrap, else ends in an ellipsis."""
        if self.WRAP:
            return Text(text, style=style)
        return Text(text, style=style, no_wrap=True, overflow="ellipsis")

    def set_rows(self, rows: Sequence[Any], select_key: str | None = None) -> None:
        self.rows_data = list(rows)
        if not self.size.width:
            # Not laid out yet: the first resize builds the table at its real width.
            self._pending_select = select_key or self._pending_select
            return
        self._rebuild(select_key)

    @property
    def selected_key(self) -> str | None:
        if not self.rows_data or self.row_count == 0:
            return None
        row = min(max(self.cursor_row, 0), self.row_count - 1)
        return self.coordinate_to_cell_key((row, 0)).row_key.value

    @property
    def selected_row(self) -> Any | None:
        key = self.selected_key
        return next((r for r in self.rows_data if self.row_key(r) == key), None)

    def on_resize(self) -> None:
        if self.size.width != self._built_width:
            self._rebuild()

    def _flex_width(self) -> int:
        fixed = sum(width for _, width in self.COLUMNS) + 2 * len(self.COLUMNS) + 2
        width = self.size.width
        return max(self.MIN_FLEX, width - fixed) if width else 40

    def _rebuild(self, select_key: str | None = None) -> None:
        select_key = select_key or self._pending_select
        self._pending_select = None
        keep = select_key if select_key is not None else self.selected_key
        keep_row = self.cursor_row
        self._built_width = self.size.width
        self._colors = self.app.get_css_variables()  # once per build, not per cell
        self.clear(columns=True)
        flex = self._flex_width()
        for key, width in self.COLUMNS:
            label = t(f"{self.LABELS}{key}") if self.LABELS and key not in self.UNLABELLED else ""
            self.add_column(Text(label), key=key, width=width or flex)
        keys = []
        for row in self.rows_data:
            key = self.row_key(row)
            keys.append(key)
            self.add_row(*self.cells(row), key=key, height=None if self.WRAP else 1)
        if not keys:
            return
        index = keys.index(keep) if keep in keys else min(max(keep_row, 0), len(keys) - 1)
        self.move_cursor(row=index, animate=False)


# ----------------------------------------------------------------------- log


@dataclass
class LogLine:
    """One row of the log: an agenda heading, an entry or an action."""

    key: str  # "item:3", "entry:12", "action:7"
    kind: str = ""
    text: str = ""
    time: str = ""
    owner: str = ""
    due: str = ""
    confidential: bool = False
    heading: bool = False
    current: bool = False
    editable: bool = True


class MeetingLog(FlexTable):
    DEFAULT_CSS = """
    MeetingLog {
        height: 1fr;
        border: round $panel;
        border-title-color: $text;
    }
    MeetingLog:focus {
        border: round $accent;
    }
    """

    COLUMNS = (("time", 5), ("kind", 11), ("text", FLEX), ("mark", 4))
    LABELS = "meeting.log.col."

    BINDINGS = [
        Binding("enter,r", "edit", t("meeting.key.edit_line"), id="meeting.log.edit",
                tooltip=t("meeting.key.edit_line.tip")),
        Binding("x,delete", "delete", t("meeting.key.delete_line"), id="meeting.log.delete",
                tooltip=t("meeting.key.delete_line.tip")),
        Binding("escape", "screen.focus_entry", t("meeting.key.to_entry"), id="meeting.log.to_entry",
                tooltip=t("meeting.key.to_entry.tip")),
    ]

    @dataclass
    class EditRequested(Message):
        key: str

    @dataclass
    class DeleteRequested(Message):
        key: str

    def row_key(self, row: LogLine) -> str:
        return row.key

    def cells(self, row: LogLine) -> list[Text]:
        if row.heading:
            style = "bold " + (self.color("accent") if row.current else "")
            marker = "▶" if row.current else ""
            return [Text(marker, style=style), Text(row.kind, style=style), Text(row.text, style=style),
                    Text("")]
        mark = Text(t("meeting.log.confidential_mark"), style=f"bold {self.color('warning')}") \
            if row.confidential else Text("")
        kind_style = "bold" if row.kind == t("kind.decision") else ""
        text = Text(row.text)
        # Owner and due date follow the action's text: the text column gets the width.
        who = [t("meeting.log.owner", owner=row.owner)] if row.owner else []
        who += [t("meeting.log.due", due=row.due)] if row.due else []
        if who:
            text.append("  → " + " · ".join(who), style=f"italic {self.color('accent')}")
        return [Text(row.time, style="dim"), Text(row.kind, style=kind_style), text, mark]

    def line_key(self) -> str | None:
        row = self.selected_row
        return row.key if row is not None and row.editable and not row.heading else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        key = self.line_key()
        if key:
            self.post_message(self.EditRequested(key))

    def action_delete(self) -> None:
        key = self.line_key()
        if key:
            self.post_message(self.DeleteRequested(key))


# -------------------------------------------------------------------- agenda


@dataclass
class AgendaLine:
    key: int
    number: int
    title: str
    current: bool = False
    count: int = 0


class AgendaPanel(FlexTable):
    DEFAULT_CSS = """
    AgendaPanel {
        height: 1fr;
        border: round $panel;
    }
    AgendaPanel:focus {
        border: round $accent;
    }
    """

    COLUMNS = (("current", 1), ("number", 3), ("title", FLEX), ("count", 5))
    LABELS = "meeting.agenda.col."
    UNLABELLED = frozenset({"current"})
    MIN_FLEX = 10

    BINDINGS = [
        Binding("enter", "choose", t("meeting.key.agenda_current"), id="meeting.agenda.current",
                tooltip=t("meeting.key.agenda_current.tip")),
        Binding("l", "add", t("meeting.key.agenda_add"), id="meeting.agenda.add",
                tooltip=t("meeting.key.agenda_add.tip")),
        Binding("u,shift+up", "move(-1)", t("meeting.key.agenda_up"), id="meeting.agenda.up",
                tooltip=t("meeting.key.agenda_up.tip")),
        Binding("n,shift+down", "move(1)", t("meeting.key.agenda_down"), id="meeting.agenda.down",
                tooltip=t("meeting.key.agenda_down.tip")),
        Binding("escape", "screen.focus_entry", t("meeting.key.to_entry"), id="meeting.agenda.to_entry",
                tooltip=t("meeting.key.to_entry.tip")),
    ]

    @dataclass
    class CurrentChosen(Message):
        key: int

    @dataclass
    class AddRequested(Message):
        after_key: int | None

    @dataclass
    class MoveRequested(Message):
        key: int
        delta: int

    def row_key(self, row: AgendaLine) -> str:
        return f"item:{row.key}"

    def cells(self, row: AgendaLine) -> list[Text]:
        style = f"bold {self.color('accent')}" if row.current else ""
        return [Text("▶" if row.current else "", style=style), Text(f"{row.number}.", style=style),
                Text(row.title, style=style), Text(str(row.count) if row.count else "", style="dim")]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        row = self.selected_row
        if row is not None:
            self.post_message(self.CurrentChosen(row.key))

    def action_add(self) -> None:
        row = self.selected_row
        self.post_message(self.AddRequested(row.key if row is not None else None))

    def action_move(self, delta: int) -> None:
        row = self.selected_row
        if row is not None:
            self.post_message(self.MoveRequested(row.key, delta))
