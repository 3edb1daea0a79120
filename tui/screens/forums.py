"""Forums: every forum with its rules in words, and the next meetings the rules give.

The upper table lists the forums (cadence, chair rule, confidentiality, next
meeting); the lower part shows the highlighted forum's rules and its next meetings
from the series, with what a holiday did to each and who chairs, so a change of
cadence, holiday rule or chair rule is seen taking effect at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from store.model.constants import ROTATING
from store.model.forum import Forum
from store.model.people import Person
from store.rules import calendar as cal
from store.rules.forms.forum_words import cadence_words, chair_words, next_meeting, upcoming
from store.rules.pauses import pause_words
from store.text.i18n import t
from tui.screens.base import StoreScreen
from tui.services import Services
from tui.widgets.fitted_table import Column, FittedTable
from tui.widgets.footer import KeyFooter
from tui.widgets.table_cells import fit

NAME_WIDTH = 38
CHAIR_WIDTH = 28
# At 80 columns the forum and its rhythm stay; the chair and the secrecy mark (both in
# the detail below) give way. The upcoming dates write the day short before the week goes.
FORUM_COLUMNS = (
    Column("forum", flex=True, least=24, most=NAME_WIDTH),
    Column("cadence", priority=1, most=36),
    Column("chair", priority=2, most=CHAIR_WIDTH),
    Column("secret", priority=3),
)
UPCOMING_COLUMNS = (
    Column("date", short="date_short"),
    Column("week", priority=2),
    Column("time"),
    Column("chair", priority=1, most=36),
    Column("note", flex=True, least=20, most=60),
)


def clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut between words where it can ("…rådet…")."""
    return text if len(text) <= width else fit(text, width).rstrip()


def two_lines(first: str, second: str, width: int = NAME_WIDTH) -> Text:
    text = Text(clip(first, width), no_wrap=True)
    text.append("\n" + clip(second, width), style="dim")
    return text


def next_words(forum: Forum, today: date) -> str:
    start = next_meeting(forum, today)
    if start is None:
        return t("forums.list.no_next")
    return t("forums.list.next", weekday=cal.weekday_name(start), date=cal.format_date(start),
             week=cal.week_label(start))


def chair_lines(forum: Forum, repo, today: date) -> tuple[str, str]:
    """Who chairs now, and the rule: "Sara Nyström (brandchef)" / "roterar årsvis mellan 3 roller"."""
    rule = forum.chair_rule
    name = repo.chair_for(forum, today) or t("forums.chair.none")
    if rule.kind == ROTATING:
        # "Karin Lindqvist (lokalpolisområdeschef)": the role is in the detail below.
        role = cal.chair_role_for(rule, today.year) or ""
        return name.removesuffix(f" ({role})"), t("forums.list.rotating", count=len(rule.roles))
    return name, t("forums.list.standing")


class ForumsScreen(StoreScreen):
    DEFAULT_CSS = """
    ForumsScreen #forums-table {
        height: 1fr;
    }
    ForumsScreen #forum-detail {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    ForumsScreen #upcoming-title {
        margin-top: 1;
    }
    ForumsScreen #upcoming-box {
        height: 9;
    }
    """

    BINDINGS = [
        Binding("n", "new_forum", t("forums.key.new"), id="forums.new", tooltip=t("forums.key.new.tip")),
        Binding("e", "edit_forum", t("forums.key.edit"), id="forums.edit", tooltip=t("forums.key.edit.tip")),
        Binding("m", "members", t("forums.key.members"), id="forums.members", tooltip=t("forums.key.members.tip")),
        Binding("p", "new_person", t("forums.key.person"), id="forums.person", tooltip=t("forums.key.person.tip")),
        Binding("o", "open_meeting", t("forums.key.open"), id="forums.open", tooltip=t("forums.key.open.tip")),
        Binding("i", "app.export('ics')", t("forums.key.calendar"), id="forums.calendar",
                tooltip=t("forums.key.calendar.tip")),
        Binding("escape", "back", t("key.back"), id="forums.back", tooltip=t("key.back.tip")),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.forums: list[Forum] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="forums-banner", classes="banner")
        yield FittedTable(FORUM_COLUMNS, lambda key: t(f"forums.col.{key}"), id="forums-table", cursor_type="row",
                          zebra_stripes=True)
        yield Static(id="upcoming-title", classes="section-title")
        yield Static(id="forum-detail")
        with Vertical(id="upcoming-box"):
            yield FittedTable(UPCOMING_COLUMNS, lambda key: t(f"forums.upcoming.col.{key}"), id="upcoming-table",
                              cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#forums-table", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def on_store_changed(self) -> None:
        self.refresh_data()

    # -- data -------------------------------------------------------------------------

    @property
    def current(self) -> Forum | None:
        table = self.query_one("#forums-table", DataTable)
        if self.forums and 0 <= table.cursor_row < len(self.forums):
            return self.forums[table.cursor_row]
        return None

    def export_subject(self) -> dict[str, Any]:
        forum = self.current
        return {"forum_id": forum.id} if forum else {}

    def refresh_data(self, select_id: int | None = None) -> None:
        repo, today = self.repo, self.today()
        keep = select_id if select_id is not None else (self.current.id if self.current else None)
        self.forums = repo.forums()
        self.query_one("#forums-banner", Static).update(
            t("forums.banner", count=len(self.forums)) if self.forums else t("forums.none")
        )
        rows = []
        for forum in self.forums:
            # Two lines a forum, so that more fits without a side scroll.
            rows.append((str(forum.id), {
                "forum": two_lines(forum.name, t("forums.list.where", municipality=forum.municipality or "–",
                                                 kind=t(f"forums.kind.{forum.kind}"))),
                "cadence": two_lines(cadence_words(forum.cadence), next_words(forum, today)),
                "chair": two_lines(*chair_lines(forum, repo, today), width=CHAIR_WIDTH),
                "secret": t("forums.secret_mark") if forum.confidential_default else "",
            }))
        row = next((i for i, f in enumerate(self.forums) if f.id == keep), 0)
        self.query_one("#forums-table", FittedTable).show(rows, cursor=row)
        self.show_forum()

    def show_forum(self) -> None:
        repo, today = self.repo, self.today()
        forum = self.current
        title = self.query_one("#upcoming-title", Static)
        detail = self.query_one("#forum-detail", Static)
        table = self.query_one("#upcoming-table", FittedTable)
        if forum is None:
            table.show([])
            title.update("")
            detail.update(t("forums.no_forum"))
            return
        title.update(t("forums.upcoming.title", forum=forum.name))
        members = [p for p in (repo.person(i) for i in forum.member_ids) if p is not None]
        lines = [
            t("forums.detail.rules", cadence=cadence_words(forum.cadence, long=True),
              duration=forum.cadence.duration_minutes, holiday=t(f"forums.holiday.{forum.holiday_rule}")),
            t("forums.detail.chair", chair=chair_words(forum, repo, today)),
            *([t("forums.detail.pauses", pauses="; ".join(map(pause_words, forum.cadence.pauses)))]
              if forum.cadence.pauses else []),
            t("forums.detail.place", location=forum.location or "–")
            + (t("forums.detail.secret") if forum.confidential_default else ""),
            t("forums.detail.members", count=len(members), names=", ".join(p.name for p in members))
            if members else t("forums.detail.no_members"),
        ]
        rows = upcoming(forum, repo, today, count=6)
        if not rows:
            lines.append(t("forums.upcoming.none", forum=forum.name))
        detail.update("\n".join(lines))
        upcoming_rows = []
        for row in rows:
            label, short = cal.format_long(row.day), cal.format_short(row.day)
            if row.day.year != today.year:
                label, short = f"{label} {row.day.year}", f"{short} {row.day.year}"
            upcoming_rows.append((None, {
                "date": label,
                "date_short": short,
                "week": cal.week_label(row.day),
                "time": cal.format_time(row.start) if row.start else t("forums.upcoming.cancelled"),
                "chair": row.chair,
                "note": row.note,
            }))
        table.show(upcoming_rows, cursor=0)

    @on(DataTable.RowHighlighted, "#forums-table")
    def _forum_highlighted(self) -> None:
        self.show_forum()

    @on(DataTable.RowSelected, "#forums-table")
    def _forum_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_forum()

    @on(DataTable.RowSelected, "#upcoming-table")
    def _meeting_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_meeting()

    # -- actions ----------------------------------------------------------------------

    def _saved(self, forum: Forum | None) -> None:
        if forum is not None:
            self.refresh_data(select_id=forum.id)
            self.notify(t("forums.saved", name=forum.name))

    def action_new_forum(self) -> None:
        from tui.modals.forum_form import ForumFormModal

        self.app.push_screen(ForumFormModal(self.services, None), self._saved)

    def action_edit_forum(self) -> None:
        from tui.modals.forum_form import ForumFormModal

        forum = self.current
        if forum is None:
            self.notify(t("forums.no_forum"), severity="warning")
            return
        self.app.push_screen(ForumFormModal(self.services, forum), self._saved)

    def action_members(self) -> None:
        from tui.modals.person_form import MembersModal

        forum = self.current
        if forum is None:
            self.notify(t("forums.no_forum"), severity="warning")
            return

        def chosen(ids: list[int] | None) -> None:
            if ids is None:
                return
            fresh = self.repo.forum(forum.id) or forum
            fresh.member_ids = ids
            saved = self.guard(self.repo.save_forum, fresh)
            if saved is not None:
                self.refresh_data(select_id=saved.id)
                self.notify(t("forums.members_saved", forum=saved.name, count=len(ids)))

        self.app.push_screen(MembersModal(self.services, forum.member_ids, forum.name, forum.municipality), chosen)

    def action_new_person(self) -> None:
        from tui.modals.person_form import PersonFormModal

        forum = self.current

        def added(person: Person | None) -> None:
            if person is not None:
                self.refresh_data()
                self.notify(t("forums.person_saved", name=person.name))

        self.app.push_screen(PersonFormModal(self.services, municipality=forum.municipality if forum else ""), added)

    def action_open_meeting(self) -> None:
        """Open the meeting highlighted in the lower table (stored first if only planned)."""
        forum = self.current
        if forum is None:
            return
        rows = upcoming(forum, self.repo, self.today(), count=6)
        row = self.query_one("#upcoming-table", DataTable).cursor_row
        if 0 <= row < len(rows) and rows[row].start is not None:
            day = rows[row].day
            planned = [m for m in self.repo.meetings_between(day, day, [forum.id]) if m.day == day]
            if planned:
                self.app.open_meeting(planned[0])

    def action_back(self) -> None:
        self.app.pop_screen()
