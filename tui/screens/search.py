"""Search everything: information, decisions, actions and promise texts of every meeting.

Results are listed as you type (debounced), newest first; Enter opens the meeting
of the highlighted hit (a promise opens the promise dashboard on it). Confidential
entries and actions are left out until the user turns them on with a key; a marker
says so while they show. The search itself is ``store.review.search.SearchIndex``.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static

from store.review.search import PROMISE, SNIPPET_WIDTH, SearchHit, SearchIndex, query_words
from store.rules import calendar as cal
from store.text.i18n import number, t
from tui.events import StoreChanged
from tui.screens.base import StoreScreen, key_bindings
from tui.services import Services
from tui.widgets.fitted_table import Column, FittedTable
from tui.widgets.footer import KeyFooter

DEBOUNCE = 0.15
LIMIT = 200
# The hit's text takes what is left; at 80 columns the forum gives way first.
RESULT_COLUMNS = (
    Column("date"),
    Column("kind"),
    Column("forum", priority=1, most=24),
    Column("snippet", flex=True, least=30, most=SNIPPET_WIDTH + 14),
)


_binding = key_bindings("search")


class SearchScreen(StoreScreen):
    DEFAULT_CSS = """
    SearchScreen #search-input {
        margin: 1 1 0 1;
    }
    SearchScreen #search-status {
        height: 1;
        padding: 0 2;
        color: $text-muted;
    }
    SearchScreen #search-secret {
        height: 1;
        padding: 0 1;
        background: $error;
        color: $text;
        text-style: bold;
        display: none;
    }
    SearchScreen.-confidential #search-secret {
        display: block;
    }
    SearchScreen #search-results {
        height: 1fr;
    }
    """

    BINDINGS = [
        _binding("escape", "back", "back"),
        _binding("enter", "open_hit", "open", priority=True),
        _binding("ctrl+t", "toggle_confidential", "confidential"),
        _binding("ctrl+l", "focus_input", "input"),
        _binding("down", "focus_results", "results", show=False),
    ]

    def __init__(self, services: Services, text: str = "") -> None:
        super().__init__(services)
        self.initial = text
        self.hits: list[SearchHit] = []
        self.total = 0
        self.include_confidential = False
        self.index: SearchIndex | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.initial, placeholder=t("search.placeholder"), id="search-input")
        yield Static(t("search.confidential_on"), id="search-secret")
        yield Static(t("search.hint"), id="search-status")
        yield FittedTable(RESULT_COLUMNS, lambda key: t(f"search.col.{key}"), id="search-results",
                          cursor_type="row", zebra_stripes=True)
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        if not self.repo.history_loaded:
            self.query_one("#search-status", Static).update(Content(t("search.reading_history")))
            self.notify(t("review.tui.reading_history"), timeout=3)
            # Reading the archive takes a while in an old store: after the screen has drawn.
            self.call_after_refresh(self._load_history)
        elif self.initial:
            self.run_search()

    def _load_history(self) -> None:
        if self.index is None:
            self.index = SearchIndex(self.repo)
        self.guard(self.index.load)  # history a year at a time, into the index's columns
        self.query_one("#search-status", Static).update(Content(t("search.hint")))
        if self.query_one("#search-input", Input).value.strip():
            self.run_search()

    def on_unmount(self) -> None:
        if self.index is not None:
            self.index.close()

    # -- searching ---------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.run_search)

    def run_search(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.query_one("#search-input", Input).value
        if self.index is None:
            self.index = SearchIndex(self.repo)
        found = self.guard(self.index.find, text, self.include_confidential, LIMIT)
        if found is None:
            return
        self.hits, self.total = found
        self._fill(query_words(text))

    def _fill(self, words: list[str]) -> None:
        table = self.query_one("#search-results", FittedTable)
        rows = []
        accent = Style(color=self.app.current_theme.accent, bold=True) if self.app.current_theme else "bold"
        warning = Style(color=self.app.current_theme.warning) if self.app.current_theme else ""
        for n, hit in enumerate(self.hits):
            snippet = Text(hit.snippet, no_wrap=True, overflow="ellipsis")
            snippet.highlight_words(words, style=accent, case_sensitive=False)
            if hit.confidential:
                snippet = Text.assemble(("[" + t("review.confidential") + "] ", warning), snippet)
            rows.append((str(n), {
                "date": cal.format_date(hit.date) if hit.date else "–",
                "kind": t(f"search.kind.{hit.kind}"),
                "forum": hit.forum,
                "snippet": snippet,
            }))
        table.show(rows, cursor=0)
        status = self.query_one("#search-status", Static)
        if not words:
            status.update(Content(t("search.hint")))
        elif not self.hits:
            status.update(Content(t("search.none")))
        elif self.total > len(self.hits):
            status.update(Content(t("search.some", shown=number(len(self.hits)), total=self.total)))
        else:
            status.update(Content(t("search.all", count=self.total)))

    def on_store_changed(self, message: StoreChanged) -> None:
        self.run_search()

    # -- opening -------------------------------------------------------------------------

    def _selected(self) -> SearchHit | None:
        if not self.hits:
            return None
        table = self.query_one("#search-results", DataTable)
        return self.hits[min(max(table.cursor_row, 0), len(self.hits) - 1)]

    def open(self, hit: SearchHit) -> None:
        if hit.kind == PROMISE:
            self.app.open("promises", promise_id=hit.id)
            return
        meeting = self.repo.meeting(hit.meeting_id) if hit.meeting_id else None
        if meeting is None:
            self.notify(t("search.no_meeting"), severity="warning")
            return
        self.app.open_meeting(meeting)

    def action_open_hit(self) -> None:
        if self._timer is not None:  # Enter before the pause: search what is typed now
            self.run_search()
        hit = self._selected()
        if hit is not None:
            self.open(hit)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_hit()

    @on(DataTable.RowSelected, "#search-results")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_hit()

    # -- keys ------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_focus_input(self) -> None:
        self.query_one("#search-input", Input).focus()

    def action_focus_results(self) -> None:
        if self.hits:
            self.query_one("#search-results", DataTable).focus()

    def action_toggle_confidential(self) -> None:
        self.include_confidential = not self.include_confidential
        self.set_class(self.include_confidential, "-confidential")
        self.notify(t("search.confidential_shown" if self.include_confidential else "search.confidential_hidden"),
                    severity="warning" if self.include_confidential else "information")
        self.run_search()


__all__ = ["SearchScreen"]
