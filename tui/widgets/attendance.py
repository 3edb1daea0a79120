"""Who is at the meeting: one row per attendee, the status toggled with one key."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from store.model.constants import ABSENT, EXCUSED, PRESENT
from store.text.i18n import t
from tui.widgets.flex_table import FLEX, FlexTable

STATUS_COLOURS = {PRESENT: "success", ABSENT: "error", EXCUSED: "warning"}


@dataclass
class AttendanceLine:
    index: int  # position in meeting.attendance
    name: str
    organisation: str = ""
    status: str = PRESENT
    guest: bool = False


class AttendancePanel(FlexTable):
    DEFAULT_CSS = """
    AttendancePanel {
        height: 1fr;
        border: round $panel;
    }
    AttendancePanel:focus {
        border: round $accent;
    }
    """

    COLUMNS = (("name", FLEX), ("status", 16))
    LABELS = "meeting.attendance.col."
    MIN_FLEX = 12
    WRAP = False

    BINDINGS = [
        Binding("space", "toggle", t("meeting.key.toggle"), id="meeting.attendance.toggle",
                tooltip=t("meeting.key.toggle.tip")),
        Binding("g", "guest", t("meeting.key.guest"), id="meeting.attendance.guest",
                tooltip=t("meeting.key.guest.tip")),
        Binding("escape", "screen.focus_entry", t("meeting.key.to_entry"), id="meeting.attendance.to_entry",
                tooltip=t("meeting.key.to_entry.tip")),
    ]

    @dataclass
    class Toggle(Message):
        index: int

    @dataclass
    class AddGuest(Message):
        pass

    def row_key(self, row: AttendanceLine) -> str:
        return f"row:{row.index}"

    def cells(self, row: AttendanceLine) -> list[Text]:
        name = self.cell_text(row.name)
        if row.guest:
            name.append(f" ({t('meeting.attendance.guest')})", style="italic")
        if row.organisation:
            name.append(f" · {row.organisation}", style="dim")
        colour = self.color(STATUS_COLOURS.get(row.status, ""))
        return [name, Text(t(f"status.attendance.{row.status}"), style=colour)]

    def action_toggle(self) -> None:
        row = self.selected_row
        if row is not None:
            self.post_message(self.Toggle(row.index))

    def action_guest(self) -> None:
        self.post_message(self.AddGuest())
