"""Uppföljning av tidigare åtgärder: the forum's open actions, each handled with one key.

The keys run the screen's actions directly (``screen.follow_up(…)``), so a dialog they
open is there before the next key is handed on (see ``tui.keys``)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding

from store.model.constants import DONE, IN_PROGRESS, STRUCK
from store.text.i18n import t
from tui.widgets.action_columns import OVERDUE
from tui.widgets.flex_table import FLEX, FlexTable

DUE = "due"  # not a status: "give it a new due date"
STATUS_COLOURS = {DONE: "success", STRUCK: "text-muted", IN_PROGRESS: "warning"}


@dataclass
class FollowUpLine:
    action_id: int
    text: str
    owner: str = ""
    due: str = ""
    status: str = "open"
    overdue: bool = False
    handled: bool = False  # handled in this meeting: show what was done
    raised: str = ""  # a matter raised to another forum (action_id < 0): its state in words


class FollowUpPanel(FlexTable):
    DEFAULT_CSS = """
    FollowUpPanel {
        height: 1fr;
        border: round $panel;
    }
    FollowUpPanel:focus {
        border: round $accent;
    }
    """

    COLUMNS = (("id", 4), ("text", FLEX), ("owner", 14), ("due", 12), ("status", 20))
    LABELS = "meeting.follow.col."
    WRAP = False  # one line per action: a forum with years of open actions stays fast

    BINDINGS = [
        Binding("k", "screen.follow_up('done')", t("meeting.key.follow_done"), id="meeting.follow.done",
                tooltip=t("meeting.key.follow_done.tip")),
        Binding("p", "screen.follow_up('in_progress')", t("meeting.key.follow_progress"),
                id="meeting.follow.progress", tooltip=t("meeting.key.follow_progress.tip")),
        Binding("d", "screen.follow_up('due')", t("meeting.key.follow_due"), id="meeting.follow.due",
                tooltip=t("meeting.key.follow_due.tip")),
        Binding("s", "screen.follow_up('cancelled')", t("meeting.key.follow_struck"), id="meeting.follow.struck",
                tooltip=t("meeting.key.follow_struck.tip")),
        Binding("l", "screen.raise_follow_up", t("meeting.key.raise"), id="meeting.follow.raise",
                tooltip=t("meeting.key.raise_action.tip")),
        Binding("escape", "screen.focus_entry", t("meeting.key.to_entry"), id="meeting.follow.to_entry",
                tooltip=t("meeting.key.to_entry.tip")),
    ]

    def row_key(self, row: FollowUpLine) -> str:
        return f"action:{row.action_id}"

    def cells(self, row: FollowUpLine) -> list[Text]:
        if row.raised:
            return [Text("↑", style="dim"), self.cell_text(row.text, "italic"), self.cell_text(row.owner),
                    Text(row.due), Text(row.raised, style=self.color("success"))]
        due_style = f"bold {self.color('error')}" if row.overdue else ""
        # Overdue said with a mark and in words, not by colour alone.
        due = f"{OVERDUE} {row.due}" if row.overdue and row.due else row.due
        status = t(f"status.action.{row.status}")
        status = (t("review.overdue_status", status=status) if row.overdue else status) + (" ✓" if row.handled else "")
        status_style = ("bold " if row.handled else "") + self.color(STATUS_COLOURS.get(row.status, ""))
        text_style = "dim" if row.handled and row.status in (DONE, STRUCK) else ""
        return [Text(str(row.action_id), style="dim"), self.cell_text(row.text, text_style),
                self.cell_text(row.owner), Text(due, style=due_style), Text(status, style=status_style)]
