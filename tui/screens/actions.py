"""Every action of the store: what is late, who owns it, and its whole history.

The chair opens this before a meeting. Filters, sort and grouping are answered by
``store.review.review.ActionIndex`` (milliseconds at 100,000 actions); the table draws
only the visible rows (``tui.widgets.action_table``), so nothing here grows with
the store except one list of ids. Marked rows change status together through
``Repository.change_actions`` (one transaction, one history line each). The detail
pane shows the action under the cursor with its dated history; a key opens the
meeting it came from.

Confidential actions stay hidden until the user turns them on with a key; while
they show, a marker says so at the top of the screen.

The action index reads the history archive, which takes seconds in a store of
many years: it is built after the screen has drawn, with a notice.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Header, Input, Static

from store.review.action_index import ActionIndex
from store.review.action_rows import ActionFilter, ActionRow
from store.text.i18n import number, t
from tui.events import StoreChanged
from tui.screens.action_detail import detail_content, filter_words
from tui.screens.action_view_keys import SORTABLE, ActionViewKeys, default_filter
from tui.screens.base import StoreScreen, key_bindings
from tui.services import Services
from tui.widgets.action_columns import GroupLine, group_line
from tui.widgets.action_table import ActionTable
from tui.widgets.footer import KeyFooter

TEXT_DEBOUNCE = 0.2


_binding = key_bindings("actions", "review")


class ActionsScreen(ActionViewKeys, StoreScreen):
    DEFAULT_CSS = """
    ActionsScreen #actions-bar {
        height: 1;
        background: $primary-background;
    }
    ActionsScreen #actions-filters {
        width: 1fr;
        padding: 0 1;
        color: $text;
    }
    ActionsScreen #actions-secret {
        width: auto;
        padding: 0 1;
        background: $error;
        color: $text;
        text-style: bold;
        display: none;
    }
    ActionsScreen.-confidential #actions-secret {
        display: block;
    }
    ActionsScreen.-confidential ActionTable {
        border-left: thick $error;
    }
    ActionsScreen #actions-text {
        margin: 0 1;
    }
    ActionsScreen #actions-body {
        height: 1fr;
    }
    ActionsScreen #actions-detail {
        width: 46;
        max-width: 40%;
        border-left: solid $primary-darken-2;
        padding: 0 1;
    }
    ActionsScreen #actions-detail.-hidden {
        display: none;
    }
    ActionsScreen #actions-status {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    BINDINGS = [
        _binding("escape", "back", "back", show=False),
        _binding("f", "filter", "filter"),
        _binding("slash", "focus_text", "text"),
        _binding("o", "toggle_overdue", "overdue"),
        _binding("v", "toggle_week", "week"),
        _binding("x", "clear_filter", "clear"),
        _binding("s", "next_sort", "sort"),
        _binding("d", "reverse_sort", "descending"),
        _binding("g", "next_grouping", "group"),
        _binding("space", "mark", "mark", key_display="␣"),
        _binding("b", "bulk_status", "bulk"),
        _binding("m", "open_meeting", "meeting"),
        _binding("i", "toggle_detail", "detail"),
        _binding("k", "toggle_confidential", "confidential"),
        _binding("e", "app.export('actions')", "export"),
    ]

    def __init__(self, services: Services, flt: ActionFilter | None = None, promise_id: int | None = None,
                 action_id: int | None = None, include_confidential: bool = False) -> None:
        super().__init__(services)
        self.flt = flt or default_filter()
        if promise_id is not None:
            self.flt = self.flt._replace(promise_id=promise_id, status=None)
        # Opened at one action (a measure of the lägesbild): every status, the cursor on it.
        self.select_action = action_id
        if action_id is not None:
            self.flt = self.flt._replace(status=None, include_confidential=include_confidential)
        self.sort = "due"
        self.descending = False
        self.group_by: str | None = None
        self.collapsed: set[Any] = set()
        self.index: ActionIndex | None = None
        self._own_index = False
        self.total = 0
        self.groups_shown = 0
        self.loaded = False
        self._viewport = (0, 0, 0)
        self._text_timer: Timer | None = None
        self._to_warm: list[str] = []

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="actions-bar"):
            yield Static(id="actions-filters")
            yield Static(t("review.tui.confidential_on"), id="actions-secret")
        yield Input(self.flt.text, placeholder=t("review.tui.text_placeholder"), compact=True, id="actions-text")
        with Horizontal(id="actions-body"):
            yield ActionTable(self._fetch_rows, id="actions-table")
            with VerticalScroll(id="actions-detail"):
                yield Static(id="actions-detail-body")
        # Painted before the (possibly slow) read, so the wait is explained.
        reading = "review.tui.loading" if self.repo.history_loaded else "review.tui.reading_history"
        yield Static(t(reading), id="actions-status")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(ActionTable).focus()
        self._show_filters()
        if not self.repo.history_loaded:
            self.notify(t("review.tui.reading_history"), timeout=3)
        # The index reads the whole history: draw the screen first, then read.
        self.call_after_refresh(self._load)

    def _load(self) -> None:
        index = getattr(self.app, "action_index", None)
        if callable(index):  # the app may keep one index for the whole session
            self.index = index()
        else:
            # A history file that cannot be read is one sentence, not a traceback.
            self.index = self.guard(ActionIndex, self.repo, today=self.today())
            self._own_index = self.index is not None
        if self.index is None:
            return
        self.loaded = True
        self.requery()
        # The first sort by a column builds its permutation (~0.1 s at 100,000
        # actions): do that now, one column per turn, instead of on the first key.
        self._to_warm = [c for c in SORTABLE if c != self.sort]
        self.set_timer(0.5, self._warm_next)

    def _warm_next(self) -> None:
        if self._to_warm and self.index is not None:
            self.index.warm([self._to_warm.pop(0)])
            self.set_timer(0.05, self._warm_next)

    def on_unmount(self) -> None:
        if self.index is not None and self._own_index:
            self.index.close()

    def _fetch_rows(self, ids: list[int]) -> list[ActionRow]:
        return self.index.rows(ids) if self.index is not None else []

    @property
    def table(self) -> ActionTable:
        return self.query_one(ActionTable)

    # -- the list -----------------------------------------------------------------

    def requery(self, keep_cursor: bool = True) -> None:
        """Run the filter and sort again and hand the table its new lines."""
        if self.index is None:
            return
        table = self.table
        current = table.current_action if keep_cursor else None
        if self.select_action is not None:
            current, self.select_action = self.select_action, None
        current_group = table.current_group if keep_cursor else None
        ids = self.guard(self.index.query, self.flt, self.sort, self.descending)
        if ids is None:
            return
        self.total = len(ids)
        groups: list[GroupLine] = []
        if self.group_by:
            lines: list[int] = []
            for n, (group, members) in enumerate(self.index.grouped(ids, self.group_by)):
                collapsed = group.key in self.collapsed
                groups.append(GroupLine(group.label, group.count, group.key, collapsed))
                lines.append(group_line(n))
                if not collapsed:
                    lines.extend(members)
        else:
            lines = ids
        self.groups_shown = len(groups)
        cursor = 0
        if current is not None and current in lines:
            cursor = lines.index(current)
        elif current_group is not None and any(g.key == current_group.key for g in groups):
            n = next(n for n, g in enumerate(groups) if g.key == current_group.key)
            cursor = lines.index(group_line(n))
        else:  # the row was filtered out: stay at the same height
            cursor = min(table.cursor, max(0, len(lines) - 1))
        table.set_sort(self.sort, self.descending)
        table.show(lines, groups, cursor)
        self._show_filters()
        self._show_status()

    def _show_filters(self) -> None:
        line = filter_words(self.repo, self.flt, self.today())
        if self.group_by:
            line += "   " + t("review.tui.grouped_by", by=t(f"review.col.{self.group_by}"))
        self.query_one("#actions-filters", Static).update(Content(line))
        self.set_class(self.flt.include_confidential, "-confidential")

    def _show_status(self) -> None:
        first, last, lines = self._viewport
        if lines == 0:
            text = t("review.no_actions") if self.loaded else t("review.tui.loading")
        else:
            text = t("review.tui.window", first=number(first), last=number(last),
                     total=number(lines))
            if self.group_by:
                text += "  " + t("review.tui.in_groups", count=self.total, groups=self.groups_shown)
        marked = len(self.table.marked)
        if marked:
            text += "  · " + t("review.tui.marked", count=marked)
        arrow = "▼" if self.descending else "▲"
        text += "  · " + t("review.tui.sorted_by", column=t(f"review.col.{self.sort}"), arrow=arrow)
        self.query_one("#actions-status", Static).update(Content(text))

    @on(ActionTable.ViewportChanged)
    def _viewport_changed(self, event: ActionTable.ViewportChanged) -> None:
        self._viewport = (event.first, event.last, event.total)
        self._show_status()

    @on(ActionTable.CursorMoved)
    def _cursor_moved(self, event: ActionTable.CursorMoved) -> None:
        self._show_detail(event.action_id, event.group)

    @on(ActionTable.Activated)
    def _activated(self, event: ActionTable.Activated) -> None:
        if event.group is not None:
            key = event.group.key
            self.collapsed.symmetric_difference_update({key})
            self.requery()
        elif event.action_id is not None:
            self.action_open_meeting()

    @on(ActionTable.HeaderClicked)
    def _header_clicked(self, event: ActionTable.HeaderClicked) -> None:
        if event.column == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = event.column, False
        self.requery()

    def on_store_changed(self, message: StoreChanged) -> None:
        self.table.forget_rows()
        self.requery()

    def on_screen_resume(self) -> None:
        if self.index is not None:
            self.table.forget_rows()
            self.requery()

    # -- the detail pane ------------------------------------------------------------

    def _show_detail(self, action_id: int | None, group: GroupLine | None) -> None:
        body = self.query_one("#actions-detail-body", Static)
        if group is not None:
            body.update(Content.assemble(
                (group.label, "bold"), "\n",
                t("review.tui.group_detail", count=group.count), "\n\n",
                (t("review.tui.group_toggle"), "$text-muted"),
            ))
            return
        if action_id is None:
            body.update(Content(t("review.no_actions") if self.loaded else ""))
            return
        action = self.repo.action(action_id)
        if action is None:
            body.update(Content(""))
            return
        row = self.index.row(action.id) if self.index is not None and action.id in self.index else None
        body.update(detail_content(self.repo, action, row, self.today()))

    # -- keys -------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.focused is self.query_one("#actions-text", Input):
            self.table.focus()
            return
        self.app.pop_screen()

    def action_focus_text(self) -> None:
        self.query_one("#actions-text", Input).focus()

    @on(Input.Changed, "#actions-text")
    def _text_changed(self, event: Input.Changed) -> None:
        if event.value.strip() == self.flt.text:
            return
        if self._text_timer is not None:
            self._text_timer.stop()
        self._text_timer = self.set_timer(TEXT_DEBOUNCE, self._apply_text)

    def _apply_text(self) -> None:
        self.flt = self.flt._replace(text=self.query_one("#actions-text", Input).value.strip())
        self.requery()

    @on(Input.Submitted, "#actions-text")
    def _text_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._text_timer is not None:
            self._text_timer.stop()
        self._apply_text()
        self.table.focus()

    def action_open_meeting(self) -> None:
        action_id = self.table.current_action
        if action_id is None:
            return
        action = self.repo.action(action_id)
        meeting = self.repo.meeting(action.origin_meeting_id) if action and action.origin_meeting_id else None
        if meeting is None:
            self.notify(t("review.tui.no_origin"), severity="warning")
            return
        self.app.open_meeting(meeting)

    def action_toggle_detail(self) -> None:
        # Narrow, the detail takes the table's place while it is open; wide, it stands beside.
        if self.has_class("-narrow"):
            self.toggle_class("-detail-open")
        else:
            self.query_one("#actions-detail").toggle_class("-hidden")

    def action_toggle_confidential(self) -> None:
        self.flt = self.flt._replace(include_confidential=not self.flt.include_confidential)
        self.notify(t("review.tui.confidential_shown" if self.flt.include_confidential
                      else "review.tui.confidential_hidden"),
                    severity="warning" if self.flt.include_confidential else "information")
        self.requery()


__all__ = ["ActionsScreen", "default_filter"]
