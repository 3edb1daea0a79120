"""Home: this week and next in order of time, the cursor on today's (or the next)
meeting, and what needs the chair's eye."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from store.model.meeting import Meeting
from store.rules import calendar as cal
from store.rules.pauses import pause_notice
from store.text.i18n import t
from tui.screens.base import StoreScreen
from tui.services import Services
from tui.widgets.fitted_table import Column, FittedTable
from tui.widgets.footer import KeyFooter

# At 80 columns: the day in short, then the week (the banner says it) drops, then the chair.
HOME_COLUMNS = (
    Column("day", short="day_short"),
    Column("time"),
    Column("forum", flex=True, least=24, most=60),
    Column("week", priority=3),
    Column("chair", priority=2, most=24),
    Column("status"),
)


class HomeScreen(StoreScreen):
    DEFAULT_CSS = """
    HomeScreen #pauses {
        height: auto;
    }
    """

    BINDINGS = [
        Binding("enter", "open_meeting", t("key.open_meeting"), id="home.open", tooltip=t("key.open_meeting.tip"),
                priority=True),
        Binding("n", "new_meeting", t("key.new_meeting"), id="home.new", tooltip=t("key.new_meeting.tip")),
        Binding("f", "app.go('forums')", t("key.forums"), id="home.forums", tooltip=t("key.forums.tip")),
        Binding("a", "app.go('actions')", t("key.actions"), id="home.actions", tooltip=t("key.actions.tip")),
        Binding("l", "app.go('promises')", t("key.promises"), id="home.promises", tooltip=t("key.promises.tip")),
        Binding("p", "app.go('situation')", t("key.situation"), id="home.situation",
                tooltip=t("key.situation.tip")),
        Binding("s", "app.go('search')", t("key.search"), id="home.search", tooltip=t("key.search.tip")),
        Binding("i", "app.go('import')", t("key.import"), id="home.import", tooltip=t("key.import.tip")),
        Binding("j", "focus_unapproved", t("home.key.unapproved"), id="home.unapproved",
                tooltip=t("home.key.unapproved.tip")),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.meetings: list[Meeting] = []
        self.unapproved: list[Meeting] = []
        self._shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="today", classes="banner")
        yield Static(id="counts", classes="counts")
        yield Static(id="pauses", classes="counts")
        yield FittedTable(HOME_COLUMNS, lambda key: t(f"home.col.{key}"), id="meetings", cursor_type="row",
                          zebra_stripes=True)
        yield Static(id="unapproved-title", classes="section-title")
        yield DataTable(id="unapproved", cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        for key in ("day", "forum", "justerare"):
            self.query_one("#unapproved", DataTable).add_column(t(f"home.unapproved.col.{key}"), key=key)
        self.query_one("#meetings", DataTable).focus()

    def on_screen_resume(self) -> None:
        # Also when the screen is first shown, right after mounting: filled once, not twice.
        self.refresh_data()

    def on_store_changed(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        repo = self.repo
        today = self.today()
        monday = today - timedelta(days=today.weekday())
        meetings = repo.meetings_between(monday, monday + timedelta(days=13))
        # In order of time, as a calendar reads; the cursor starts on today's first meeting.
        self.meetings = sorted(meetings, key=lambda m: (m.start, m.forum_id))
        self.query_one("#today", Static).update(
            t("home.today", date=cal.format_long(today), year=today.year, week=cal.week_label(today),
              next=cal.week_label(monday + timedelta(days=7)))
        )
        # Forums in a break now or from within the two weeks shown: when they meet again.
        notices = [notice for forum in repo.forums() if (notice := pause_notice(forum, today))]
        pauses = self.query_one("#pauses", Static)
        pauses.update("\n".join(notices))
        pauses.display = bool(notices)
        overdue = repo.overdue_count(today)
        self.query_one("#counts", Static).update(t("home.counts", overdue=overdue, at_risk="…"))
        # Promise progress reads a summary of each year of history: after the first paint,
        # a year at a time, so no key waits for a hundred of them.
        self.call_after_refresh(lambda: self.run_worker(self._count_at_risk(overdue), exclusive=True,
                                                        group="at-risk"))
        table = self.query_one("#meetings", FittedTable)
        row = table.cursor_row if self._shown else self._first_from_today(today)
        self._shown = True
        rows = []
        for meeting in self.meetings:
            forum = repo.forum(meeting.forum_id)
            today_word = t("home.today_word") if meeting.day == today else None
            rows.append((None, {
                "day": today_word or cal.format_long(meeting.day),
                "day_short": today_word or cal.format_short(meeting.day),
                "time": cal.format_time(meeting.start),
                "forum": forum.name if forum else "",
                "week": cal.week_label(meeting.day),
                "chair": repo.meeting_chair(meeting),
                "status": t(f"status.meeting.{meeting.status}"),
            }))
        table.show(rows, cursor=row)
        self._show_unapproved()

    def _show_unapproved(self) -> None:
        """Held meetings whose minutes are still not approved a week later."""
        self.unapproved = self.repo.meetings_awaiting_approval(self.today())
        title = self.query_one("#unapproved-title", Static)
        table = self.query_one("#unapproved", DataTable)
        title.update(t("home.unapproved", count=len(self.unapproved)))
        title.display = table.display = bool(self.unapproved)
        table.styles.height = min(len(self.unapproved), 5) + 1  # the header and up to five meetings
        row = table.cursor_row
        table.clear()
        for meeting in self.unapproved:
            forum = self.repo.forum(meeting.forum_id)
            table.add_row(f"{cal.format_long(meeting.day)} {meeting.day.year}", forum.name if forum else "",
                          meeting.justerare or t("home.unapproved.no_justerare"))
        if self.unapproved:
            table.move_cursor(row=min(row, len(self.unapproved) - 1))

    def action_focus_unapproved(self) -> None:
        if self.unapproved:
            self.query_one("#unapproved", DataTable).focus()
        else:
            self.notify(t("home.unapproved.none"))

    def _first_from_today(self, today) -> int:
        return next((n for n, meeting in enumerate(self.meetings) if meeting.day >= today), 0)

    def export_subject(self) -> dict[str, Any]:
        table = self.query_one("#meetings", DataTable)
        if self.meetings and 0 <= table.cursor_row < len(self.meetings):
            return {"meeting": self.meetings[table.cursor_row]}
        return {}

    async def _count_at_risk(self, overdue: int) -> None:
        from store.review.promises import promise_rows

        for _ in self.repo.read_history_summaries():
            await asyncio.sleep(0)  # a frame or a key between two years
        at_risk = sum(1 for row in promise_rows(self.repo, self.today(), in_force=True) if row.state == "at_risk")
        text = t("home.counts", overdue=overdue, at_risk=at_risk)
        if not self.meetings:
            text += "  " + t("home.no_meetings")
        self.query_one("#counts", Static).update(text)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        waiting = self.query_one("#unapproved", DataTable)
        table, meetings = (waiting, self.unapproved) if self.focused is waiting else (
            self.query_one("#meetings", DataTable), self.meetings)
        if meetings and 0 <= table.cursor_row < len(meetings):
            self.app.open_meeting(meetings[table.cursor_row])

    def action_new_meeting(self) -> None:
        from tui.modals.adhoc import AdHocMeetingModal

        def opened(meeting: Meeting | None) -> None:
            if meeting is not None:
                self.app.open_meeting(meeting)

        self.app.push_screen(AdHocMeetingModal(self.services), opened)
