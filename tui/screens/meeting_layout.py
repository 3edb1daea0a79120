"""The meeting screen's layout in a small terminal, and the running time of the item
being logged under.

Below 100 columns or 32 rows one panel shows at a time, the whole body wide: the
panel keys (ctrl+t/g/l/f) show and focus theirs, typing a line shows the log, and each
panel's border names the keys of the other three. In a large window all four show.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events

from store.model.meeting import AgendaItem, Meeting
from store.rules import clock
from store.rules.agenda import elapsed_minutes
from store.text.i18n import t
from tui.keymap import key_for
from tui.screens.base import NARROW, SHORT
from tui.widgets.attendance import AttendancePanel
from tui.widgets.follow_up import FollowUpPanel
from tui.widgets.meeting_log import AgendaPanel, MeetingLog

PANELS = (AttendancePanel, AgendaPanel, MeetingLog, FollowUpPanel)
PANEL_NAMES = ("attendance", "agenda", "log", "follow-up")
# Each panel's binding (its id and footer word) and key.
PANEL_KEYS = {"attendance": ("attendance", "ctrl+t"), "agenda": ("agenda", "ctrl+g"), "log": ("log", "ctrl+l"),
              "follow-up": ("follow_up", "ctrl+f")}


FOCUS_MODE_CSS = """
/* A small terminal (80×24): one panel at a time, the whole body wide, and the
   header on two lines. The panel keys (ctrl+t/g/l/f) show and focus theirs; typing
   a line shows the log. */
MeetingScreen.-focus-mode #meeting-title, MeetingScreen.-focus-mode #meeting-meta {
    text-wrap: nowrap;
    text-overflow: ellipsis;
}
MeetingScreen.-focus-mode #meeting-side {
    width: 1fr;
    min-width: 0;
    max-width: 100%;
}
MeetingScreen.-focus-mode #attendance, MeetingScreen.-focus-mode #agenda,
MeetingScreen.-focus-mode #log, MeetingScreen.-focus-mode #follow-up {
    display: none;
}
MeetingScreen.-focus-mode.-show-attendance #attendance, MeetingScreen.-focus-mode.-show-agenda #agenda,
MeetingScreen.-focus-mode.-show-log #log, MeetingScreen.-focus-mode.-show-follow-up #follow-up {
    display: block;
}
MeetingScreen.-focus-mode.-show-attendance #meeting-main, MeetingScreen.-focus-mode.-show-agenda #meeting-main,
MeetingScreen.-focus-mode.-show-log #meeting-side, MeetingScreen.-focus-mode.-show-follow-up #meeting-side {
    display: none;
}
"""


class LayoutMixin:
    """Mixed into ``MeetingScreen``."""

    meeting: Meeting | None
    current_key: int | None
    quick_entry: Any
    show_header: Any

    def on_resize(self, event: events.Resize) -> None:
        self._size_classes(event.size)
        if self.is_mounted and self.meeting is not None:
            self.show_header()  # its lines keep what fits the new width

    def fit_header(self, text: str) -> str:
        """A header line in a small terminal: the parts (between " · ") that fit whole,
        never one cut mid-word ("kl. 10:00–11:…"); the first part always stays (cut by
        the CSS's ellipsis only when it alone is too long)."""
        if not self.has_class("-focus-mode"):
            return text
        width = self.app.size.width - 2  # the screen's padding
        parts = text.split(" · ")
        while len(parts) > 1 and cell_len(" · ".join(parts)) > width:
            parts.pop()
        return " · ".join(parts).rstrip(" ·")

    def _size_classes(self, size) -> None:
        focus_mode = size.width < NARROW or size.height < SHORT
        if focus_mode != self.has_class("-focus-mode"):
            self.set_class(focus_mode, "-focus-mode")
            if self.is_mounted:  # on_mount sets the first ones
                self._panel_subtitles()

    def _panel_subtitles(self) -> None:
        """Each panel names the key that jumps to it, as the app runs (terminal or
        browser); one panel at a time, it names the keys of the other three instead."""
        keys = {name: key_for(self.app, f"meeting.{binding}", key) for name, (binding, key) in PANEL_KEYS.items()}
        for name in PANEL_NAMES:
            if self.has_class("-focus-mode"):
                subtitle = " · ".join(f"{keys[other]} {t(f'meeting.key.{PANEL_KEYS[other][0]}')}"
                                      for other in PANEL_NAMES if other != name)
            else:
                subtitle = keys[name]
            self.query_one(f"#{name}").border_subtitle = subtitle

    @property
    def shown_panel(self) -> str:
        """The panel a small terminal shows (all four show in a large one)."""
        return next((name for name in PANEL_NAMES if self.has_class(f"-show-{name}")), "log")

    def show_panel(self, name: str) -> None:
        for panel in PANEL_NAMES:
            self.set_class(panel == name, f"-show-{panel}")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A click or Tab into a panel shows it too; the quick-entry line shows the log.
        name = event.widget.id if isinstance(event.widget, PANELS) else None
        if name in PANEL_NAMES:
            self.show_panel(name)
        elif event.widget is self.quick_entry.input and self.shown_panel != "log":
            self.show_panel("log")

    def action_back(self) -> None:
        if self.quick_entry.value.strip() or self.session.queue:
            # Leaving would drop a line the secretary has not stored yet.
            self.notify(t("meeting.back.unsaved"), severity="warning", timeout=6)
            self.action_focus_entry()
            return
        self.app.pop_screen()

    # -- the item's running time ---------------------------------------------------------

    def _item_time(self, item: AgendaItem, short: bool = False) -> tuple[str, bool]:
        """The item's budget ("15 min"); for the item being logged under, the time it has
        run against it ("7/15", "7 av 15 min"), said to be over once it is."""
        elapsed = elapsed_minutes(item, clock.now()) if item.key == self.current_key else None
        if elapsed is None:
            return (t("meeting.agenda.budget", minutes=item.minutes) if item.minutes else ""), False
        if not item.minutes:
            return ("" if short else t("meeting.header.time_only", elapsed=elapsed)), False
        over = elapsed > item.minutes
        if short:
            return t("meeting.agenda.over" if over else "meeting.agenda.running", elapsed=elapsed,
                     minutes=item.minutes), over
        return t("meeting.header.time_over" if over else "meeting.header.time", elapsed=elapsed,
                 minutes=item.minutes), over

    def on_clock_tick(self) -> None:
        """Every quarter minute (``ClockTick``): the running time of the item being logged under."""
        item = self._current_item()
        if item is not None and item.started is not None:
            self.show_header()
            self.show_agenda()

    def _current_item(self) -> AgendaItem | None:
        agenda = self.meeting.agenda if self.meeting else []
        return next((item for item in agenda if item.key == self.current_key), None)
