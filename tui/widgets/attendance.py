"""Who is at the meeting: one row per attendee, the status toggled with one key.

The panel's keys run the screen's actions directly (``screen.…``): a key that opens a
dialog has it open before the next key is handed on (see ``tui.keys``), so a guest's
name typed right after g lands in the dialog, never in this list."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding

from store.model.constants import ABSENT, EXCUSED, NOT_RECORDED, PRESENT
from store.text.i18n import t
from tui.widgets.flex_table import FLEX, FlexTable

STATUS_COLOURS = {PRESENT: "success", ABSENT: "error", EXCUSED: "warning", NOT_RECORDED: "text-muted"}


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
        Binding("space", "screen.toggle_attendance", t("meeting.key.toggle"), id="meeting.attendance.toggle",
                tooltip=t("meeting.key.toggle.tip")),
        Binding("g", "screen.add_guest", t("meeting.key.guest"), id="meeting.attendance.guest",
                tooltip=t("meeting.key.guest.tip")),
        Binding("e", "screen.edit_guest", t("meeting.key.guest_edit"), id="meeting.attendance.guest_edit",
                tooltip=t("meeting.key.guest_edit.tip")),
        Binding("x,delete", "screen.remove_guest", t("meeting.key.guest_remove"),
                id="meeting.attendance.guest_remove", tooltip=t("meeting.key.guest_remove.tip")),
        Binding("escape", "screen.focus_entry", t("meeting.key.to_entry"), id="meeting.attendance.to_entry",
                tooltip=t("meeting.key.to_entry.tip")),
    ]

    def row_key(self, row: AttendanceLine) -> str:
        return f"row:{row.index}"

    def cells(self, row: AttendanceLine) -> list[Text]:
        name = self.cell_text(row.name)
        if row.guest:
            name.append(f" ({t('meeting.attendance.guest')})", style="italic")
        if row.organisation:
            # The four-panel layout's narrow column shows the name whole, not name and
            # organisation both cut ("Fredrik Alm ·…"); the whole-width panel shows both.
            organisation = f" · {row.organisation}"
            room = self._widths[0] if self._widths else 0
            if not room or name.cell_len + len(organisation) <= room:
                name.append(organisation, style="dim")
        colour = self.color(STATUS_COLOURS.get(row.status, ""))
        return [name, Text(t(f"status.attendance.{row.status}"), style=colour)]
