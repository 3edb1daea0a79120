"""The live log of a meeting and its agenda, both as row tables (see ``FlexTable``).

Widgets get ready-made rows from the screen and never touch the store. Their keys run
the screen's actions directly (``screen.…``), so a dialog a key opens is there before
the next key is handed on (see ``tui.keys``); a click posts a Message.

The log also shows the lines typed but not stored yet, last, marked as waiting (or
as not stored, with the reason in the quick-entry line's preview).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from store.text.i18n import t
from tui.widgets.flex_table import FLEX, FlexTable

# ----------------------------------------------------------------------- log

STATE_MARKS = {"pending": "…", "failed": "✗", "owner": "?"}  # in the time column of a line not stored


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
    state: str = ""  # a queued line: "pending", "failed" or "owner"; "" once stored
    link: str = ""  # raised from or to another forum: "Lyft från SSPF Ronnaskolan 2026-11-10"
    by: str = ""  # who wrote the line, when someone else than the one looking


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
        Binding("enter,r", "screen.edit_line", t("meeting.key.edit_line"), id="meeting.log.edit",
                tooltip=t("meeting.key.edit_line.tip")),
        Binding("x,delete", "screen.delete_line", t("meeting.key.delete_line"), id="meeting.log.delete",
                tooltip=t("meeting.key.delete_line.tip")),
        Binding("l", "screen.raise_line", t("meeting.key.raise"), id="meeting.log.raise",
                tooltip=t("meeting.key.raise.tip")),
        Binding("s", "screen.decide_line", t("meeting.key.decide"), id="meeting.log.decide",
                tooltip=t("meeting.key.decide.tip")),
        Binding("escape", "screen.focus_entry", t("meeting.key.to_entry"), id="meeting.log.to_entry",
                tooltip=t("meeting.key.to_entry.tip")),
    ]

    @dataclass
    class EditRequested(Message):
        key: str

    def row_key(self, row: LogLine) -> str:
        return row.key

    def cells(self, row: LogLine) -> list[Text]:
        if row.heading:
            style = "bold " + (self.color("accent") if row.current else "")
            marker = "▶" if row.current else ""
            return [Text(marker, style=style), Text(row.kind, style=style), Text(row.text, style=style),
                    Text("")]
        if row.state:
            style = f"bold {self.color('error')}" if row.state != "pending" else f"italic {self.color('warning')}"
            return [Text(STATE_MARKS.get(row.state, ""), style=style), Text(t(f"meeting.log.state.{row.state}"),
                    style=style), Text(row.text, style="italic"), Text("")]
        mark = Text(t("meeting.log.confidential_mark"), style=f"bold {self.color('warning')}") \
            if row.confidential else Text("")
        kind_style = "bold" if row.kind == t("kind.decision") else ""
        text = Text(row.text)
        # Owner and due date follow the action's text: the text column gets the width.
        who = [t("meeting.log.owner", owner=row.owner)] if row.owner else []
        who += [t("meeting.log.due", due=row.due)] if row.due else []
        if who:
            text.append("  → " + " · ".join(who), style=f"italic {self.color('accent')}")
        if row.link:
            text.append("  ↳ " + row.link, style=f"italic {self.color('success')}")
        if row.by:
            text.append("  " + t("meeting.log.by", name=row.by), style="dim italic")
        return [Text(row.time, style="dim"), Text(row.kind, style=kind_style), text, mark]

    def line_key(self) -> str | None:
        """The key of the line under the cursor ("entry:3", "action:7", "queued:2")."""
        row = self.selected_row
        return row.key if row is not None and row.editable and not row.heading else None

    def row_chosen(self) -> None:
        key = self.line_key()
        if key:
            self.post_message(self.EditRequested(key))


# -------------------------------------------------------------------- agenda


@dataclass
class AgendaLine:
    key: int
    number: int
    title: str
    current: bool = False
    count: int = 0
    time: str = ""  # the budget ("15 min"), or for the current item the running time ("7/15")
    over: bool = False  # the current item has run past its budget


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

    COLUMNS = (("current", 1), ("number", 3), ("title", FLEX), ("minutes", 7), ("count", 5))
    LABELS = "meeting.agenda.col."
    UNLABELLED = frozenset({"current"})
    MIN_FLEX = 10
    # The titles' words are never cut: the line count gives way first, then the time
    # (the header still says the current item's running time).
    DROP = ("count", "minutes")

    BINDINGS = [
        Binding("enter", "screen.choose_item", t("meeting.key.agenda_current"), id="meeting.agenda.current",
                tooltip=t("meeting.key.agenda_current.tip")),
        Binding("l", "screen.add_item", t("meeting.key.agenda_add"), id="meeting.agenda.add",
                tooltip=t("meeting.key.agenda_add.tip")),
        Binding("u,shift+up", "screen.move_item(-1)", t("meeting.key.agenda_up"), id="meeting.agenda.up",
                tooltip=t("meeting.key.agenda_up.tip")),
        Binding("n,shift+down", "screen.move_item(1)", t("meeting.key.agenda_down"), id="meeting.agenda.down",
                tooltip=t("meeting.key.agenda_down.tip")),
        Binding("t", "screen.set_item_minutes", t("meeting.key.agenda_minutes"), id="meeting.agenda.minutes",
                tooltip=t("meeting.key.agenda_minutes.tip")),
        Binding("escape", "screen.focus_entry", t("meeting.key.to_entry"), id="meeting.agenda.to_entry",
                tooltip=t("meeting.key.to_entry.tip")),
    ]

    @dataclass
    class CurrentChosen(Message):
        key: int

    def show_time(self, shown: bool) -> None:
        """The time column only when an item has a budget: otherwise its width is the titles'."""
        columns = type(self).COLUMNS if shown else tuple(c for c in type(self).COLUMNS if c[0] != "minutes")
        if columns != self.COLUMNS:
            self.COLUMNS = columns  # this panel's own, as the lägesbild's tables do
            self._built_width = -1

    def row_key(self, row: AgendaLine) -> str:
        return f"item:{row.key}"

    def cells(self, row: AgendaLine) -> list[Text]:
        style = f"bold {self.color('accent')}" if row.current else ""
        time_style = f"bold {self.color('error')}" if row.over else ("" if row.current else "dim")
        cells = {"current": Text("▶" if row.current else "", style=style),
                 "number": Text(f"{row.number}.", style=style), "title": Text(row.title, style=style),
                 "minutes": Text(row.time, style=time_style),
                 "count": Text(str(row.count) if row.count else "", style="dim")}
        return [cells[key] for key, _ in self.COLUMNS]

    def row_chosen(self) -> None:
        row = self.selected_row
        if row is not None:
            self.post_message(self.CurrentChosen(row.key))
