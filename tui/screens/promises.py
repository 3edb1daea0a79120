"""The promise dashboard: is each citizen promise being kept?

One row per promise with a progress bar (done / target for the whole period, from
``store.review.review.promise_rows``) and its state in words and colour. A promise
without a measurable target shows how much work is linked to it, never an
invented number. Below, the highlighted promise in full and the actions linked to
it with the meetings where they were handled (Enter opens the meeting).

Promises and agreements are created and edited in forms (``n``, ``e``, ``o``); an
outcome is recorded with ``u``, an evaluation with ``b``, and ``p`` goes to the
problems of the lägesbild the promise addresses (``promise_outcomes``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Label, Select, Static

from store.exports.registry import check_period
from store.model.action import Action
from store.model.constants import PARTIES
from store.model.promise import Agreement, Promise
from store.repository.promises import promise_number
from store.review.promises import PromiseProgress, promise_rows
from store.rules import calendar as cal
from store.rules.periods import period_label
from store.text.i18n import UserError, t
from tui.events import StoreChanged
from tui.screens.base import StoreScreen, key_bindings
from tui.screens.promise_detail import (
    BAR_WIDTH,
    detail_content,
    handled_words,
    linked_actions,
    parties_words,
    progress_cell,
    short,
    state_cell,
)
from tui.screens.promise_outcomes import PromiseOutcomeKeys
from tui.services import Services
from tui.widgets.action_columns import OVERDUE
from tui.widgets.fitted_table import Column, FittedTable
from tui.widgets.footer import KeyFooter

TEXT_WIDTH = 44
LINKED_LIMIT = 200
PERIOD_DEBOUNCE = 0.3
# The number, the text, the progress and the state stay longest; at 80 columns the
# parties and the period (both in the detail below) give way.
PROMISE_COLUMNS = (
    Column("ref"),
    Column("text", flex=True, least=24, most=TEXT_WIDTH),
    Column("parties", priority=3, most=24),
    Column("period", priority=2, most=10),
    Column("progress", priority=1, most=BAR_WIDTH + 12),
    Column("state", most=17),
)
# A promise's actions: where each was handled stays longest after its number, text and
# status (the action list, a, shows owners and due dates in full).
LINKED_COLUMNS = (
    Column("id"),
    Column("text", flex=True, least=16, most=30),
    Column("status", most=20),
    Column("due", priority=3, most=14),
    Column("handled", priority=1, flex=True, least=16, most=44),
    Column("owner", priority=2, most=20),
)


_binding = key_bindings("promises")


class PromisesScreen(PromiseOutcomeKeys, StoreScreen):
    DEFAULT_CSS = """
    PromisesScreen #promises-filters > Select {
        width: 28;
    }
    PromisesScreen #promises-filters > Input {
        width: 20;
    }
    PromisesScreen #promises-error.-empty {
        display: none;
    }
    PromisesScreen #promises-error {
        height: auto;
        padding: 0 1;
        color: $text-error;
    }
    PromisesScreen #promises-table {
        height: 1fr;
    }
    PromisesScreen #promises-lower {
        height: 1fr;
        border-top: solid $primary-darken-2;
    }
    PromisesScreen #promise-info {
        width: 1fr;
        padding: 0 1;
    }
    PromisesScreen #promise-linked {
        width: 2fr;
    }
    PromisesScreen #promise-linked-title {
        text-style: bold;
        padding: 0 1;
        background: $boost;
    }
    PromisesScreen #promise-linked-table {
        height: 1fr;
    }
    """

    BINDINGS = [
        _binding("escape", "back", "back"),
        _binding("n", "new_promise", "new"),
        _binding("e", "edit_promise", "edit"),
        _binding("o", "agreement", "agreement"),
        _binding("a", "actions", "actions"),
        _binding("m", "open_meeting", "meeting"),
        _binding("f", "focus_filters", "filter"),
        _binding("x", "clear_filters", "clear"),
        _binding("k", "toggle_confidential", "confidential"),
        _binding("r", "app.export('report')", "report"),
        _binding("u", "outcome", "outcome"),
        _binding("U", "delete_outcome", "delete_outcome", show=False),
        _binding("b", "evaluate", "evaluate"),
        _binding("p", "problems", "problems"),
    ]

    def __init__(self, services: Services, promise_id: int | None = None) -> None:
        super().__init__(services)
        self.select_id = promise_id
        self.rows: list[PromiseProgress] = []
        self.linked: list[tuple[Action, int | None]] = []
        self.include_confidential = False
        self.loaded = False
        self._period_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        repo = self.repo
        municipalities = sorted({m for p in repo.promises() for m in p.all_municipalities()})
        yield Header()
        with Horizontal(id="promises-filters", classes="filter-bar"):
            yield Label(t("promises.filter.municipality"))
            yield Select([(m, m) for m in municipalities], prompt=t("promises.filter.all"), compact=True,
                         id="flt-municipality")
            yield Label(t("promises.filter.period"))
            yield Input(placeholder=t("promises.filter.period_placeholder"), compact=True, id="flt-period")
            yield Label(t("promises.filter.party"))
            yield Select([(t(f"party.{p}"), p) for p in PARTIES], prompt=t("promises.filter.all"), compact=True,
                         id="flt-party")
        yield Static(id="promises-error", classes="-empty")
        yield Static(t("promises.confidential_on"), id="promises-secret", classes="secret-marker")
        yield FittedTable(PROMISE_COLUMNS, lambda key: t(f"promises.col.{key}"), id="promises-table",
                          cursor_type="row", zebra_stripes=True)
        with Horizontal(id="promises-lower"):
            with VerticalScroll(id="promise-info"):
                yield Static(id="promise-info-body")
            with Vertical(id="promise-linked"):
                yield Static(t("promises.linked.title"), id="promise-linked-title")
                yield FittedTable(LINKED_COLUMNS, lambda key: t(f"promises.linked.col.{key}"),
                                  id="promise-linked-table", cursor_type="row")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#promises-table", DataTable)
        table.focus()
        info = self.query_one("#promise-info-body", Static)
        info.update(Content(t("promises.loading")))
        # Progress counts every linked action, history included (from the yearly
        # summaries, not the archive itself): draw first, then count.
        self.call_after_refresh(self.refresh_rows)

    # -- rows ------------------------------------------------------------------------

    def _filters(self) -> dict[str, str | None]:
        municipality = self.query_one("#flt-municipality", Select).value
        party = self.query_one("#flt-party", Select).value
        return {
            "municipality": None if municipality is Select.NULL else str(municipality),
            "period": self.query_one("#flt-period", Input).value.strip() or None,
            "party": None if party is Select.NULL else str(party),
        }

    def refresh_rows(self) -> None:
        error = self.query_one("#promises-error", Static)
        try:
            rows = promise_rows(self.repo, self.today(), **self._filters())
        except UserError as problem:
            error.update(Content(str(problem)))
            error.remove_class("-empty")
            return
        error.update("")
        error.add_class("-empty")
        self.loaded = True
        # Per municipality, the newest period first: that is what the next follow-up is about.
        rows.sort(key=lambda r: (r.promise.municipality, -(r.promise.period_start or date.min).toordinal(),
                                 r.promise.id))
        self.rows = rows
        table = self.query_one("#promises-table", FittedTable)
        current = self._current_id()
        cells = [(str(row.promise.id), {
            "ref": promise_number(row.promise),  # the number people type as #16 on a quick-entry line
            "text": short(row.promise.text, TEXT_WIDTH),
            "parties": parties_words(row.promise.parties),
            "period": period_label(row.promise),
            "progress": progress_cell(row, self._colour),
            "state": state_cell(row.state, self._colour),
        }) for row in rows]
        wanted = self.select_id if self.select_id is not None else current
        self.select_id = None
        table.show(cells, cursor=next((i for i, r in enumerate(rows) if r.promise.id == wanted), 0))
        self._show_detail()

    def _colour(self, name: str | None) -> str | None:
        return getattr(self.app.current_theme, name, None) if name else None

    def _current_id(self) -> int | None:
        table = self.query_one("#promises-table", DataTable)
        if not self.rows or table.row_count == 0:
            return None
        index = min(table.cursor_row, len(self.rows) - 1)
        return self.rows[index].promise.id if index >= 0 else None

    def export_subject(self) -> dict[str, Any]:
        """The period in the filter, when it is one a report can cover (a year or a tertial)."""
        period = self.query_one("#flt-period", Input).value.strip()
        try:
            return {"period": check_period(period)} if period else {}
        except UserError:
            return {}

    def current(self) -> PromiseProgress | None:
        promise_id = self._current_id()
        return next((r for r in self.rows if r.promise.id == promise_id), None)

    # -- detail --------------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#promises-table")
    def _row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        body = self.query_one("#promise-info-body", Static)
        linked_table = self.query_one("#promise-linked-table", FittedTable)
        linked_table.show([])
        self.linked = []
        row = self.current()
        if row is None:
            body.update(Content(t("review.no_promises") if self.loaded else t("promises.loading")))
            return
        body.update(detail_content(self.repo, row, self.include_confidential))
        self._fill_linked(row)

    def _fill_linked(self, row: PromiseProgress) -> None:
        repo = self.repo
        table = self.query_one("#promise-linked-table", FittedTable)
        shown, hidden = linked_actions(repo, row, self.include_confidential, LINKED_LIMIT)
        self.linked = shown
        names: dict[int, tuple[str, str]] = {}
        rows = []
        for action, _ in shown:
            owner = repo.person(action.owner_person_id)
            org = repo.organisation(action.owner_organisation_id)
            overdue = action.is_overdue(self.today())
            due = cal.format_date(action.due) if action.due else "–"
            status = t(f"status.action.{action.status}")
            # Overdue said with a mark and in words, not by colour alone.
            rows.append((None, {
                "id": str(action.id),
                "text": ("[" + t("review.confidential") + "] " if action.confidential else "") + action.text,
                "status": t("review.overdue_status", status=status) if overdue else status,
                "due": Text(f"{OVERDUE} {due}" if overdue else due,
                            style=Style(color=self._colour("error"), bold=True) if overdue else ""),
                "handled": handled_words(self.repo, action, names),
                "owner": owner.name if owner else (org.name if org else ""),
            }))
        table.show(rows, cursor=0)
        title = t("promises.linked.count", shown=len(shown), total=len(row.linked))
        if hidden:
            title += "  " + t("promises.linked.hidden", count=hidden)
        self.query_one("#promise-linked-title", Static).update(Content(title))

    # -- events ----------------------------------------------------------------------------

    @on(Select.Changed)
    def _select_changed(self) -> None:
        if self.loaded:
            self.refresh_rows()

    @on(Input.Changed, "#flt-period")
    def _period_changed(self) -> None:
        if self._period_timer is not None:
            self._period_timer.stop()
        self._period_timer = self.set_timer(PERIOD_DEBOUNCE, self.refresh_rows)

    @on(Input.Submitted, "#flt-period")
    def _period_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._period_timer is not None:
            self._period_timer.stop()
        self.refresh_rows()
        self.query_one("#promises-table", DataTable).focus()

    @on(DataTable.RowSelected, "#promise-linked-table")
    def _linked_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_meeting()

    @on(DataTable.RowSelected, "#promises-table")
    def _promise_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.linked:
            self.query_one("#promise-linked-table", DataTable).focus()

    def on_store_changed(self, message: StoreChanged) -> None:
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.refresh_rows()

    # -- keys --------------------------------------------------------------------------------

    def action_back(self) -> None:
        focused = self.focused
        if focused is not None and focused.id in ("flt-period", "flt-municipality", "flt-party",
                                                   "promise-linked-table"):
            self.query_one("#promises-table", DataTable).focus()
            return
        self.app.pop_screen()

    def action_new_promise(self) -> None:
        from tui.modals.promise_form import PromiseFormModal

        self.app.push_screen(PromiseFormModal(self.services, None), self._saved)

    def action_edit_promise(self) -> None:
        from tui.modals.promise_form import PromiseFormModal

        row = self.current()
        if row is None:
            self.notify(t("promises.none_selected"), severity="warning")
            return
        self.app.push_screen(PromiseFormModal(self.services, row.promise), self._saved)

    def _saved(self, promise: Promise | None) -> None:
        if promise is None:
            return
        self.notify(t("promises.saved", ref=t("review.promise_ref", id=promise.id)))
        self.select_id = promise.id
        self._refresh_municipalities()
        self.refresh_rows()

    def _refresh_municipalities(self) -> None:
        select = self.query_one("#flt-municipality", Select)
        value = select.value
        municipalities = sorted({m for p in self.repo.promises() for m in p.all_municipalities()})
        with self.prevent(Select.Changed):
            select.set_options([(m, m) for m in municipalities])
            if value is not Select.NULL and value in municipalities:
                select.value = value

    def action_agreement(self) -> None:
        from tui.modals.agreement_form import AgreementFormModal

        row = self.current()
        agreement = None
        if row is not None and row.promise.agreement_id:
            agreement = next((a for a in self.repo.agreements() if a.id == row.promise.agreement_id), None)

        def saved(result: Agreement | None) -> None:
            if result is not None:
                self.notify(t("promises.agreement.saved", name=result.name))
                self.refresh_rows()

        municipality = row.promise.municipality if row else ""
        self.app.push_screen(AgreementFormModal(self.services, agreement, municipality=municipality), saved)

    def action_actions(self) -> None:
        row = self.current()
        if row is None:
            return
        self.app.open("actions", promise_id=row.promise.id)

    def action_open_meeting(self) -> None:
        linked = self.query_one("#promise-linked-table", DataTable)
        if not self.linked:
            self.notify(t("promises.linked.none"), severity="warning")
            return
        index = min(max(linked.cursor_row, 0), len(self.linked) - 1)
        _action, meeting_id = self.linked[index]
        meeting = self.repo.meeting(meeting_id) if meeting_id else None
        if meeting is None:
            self.notify(t("promises.linked.no_meeting_to_open"), severity="warning")
            return
        self.app.open_meeting(meeting)

    def action_focus_filters(self) -> None:
        self.query_one("#flt-municipality", Select).focus()

    def action_clear_filters(self) -> None:
        with self.prevent(Select.Changed, Input.Changed):
            self.query_one("#flt-municipality", Select).clear()
            self.query_one("#flt-party", Select).clear()
            self.query_one("#flt-period", Input).value = ""
        self.refresh_rows()

    def action_toggle_confidential(self) -> None:
        self.include_confidential = not self.include_confidential
        self.confidential_switched(self.include_confidential)
        self._show_detail()


__all__ = ["PromisesScreen"]
