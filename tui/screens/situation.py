"""The lägesbild screen: a municipality's problems of a year, the measures that address
each one, and what came of them (lag 2023:196: lägesbild → åtgärdsplan → uppföljning).

Above, the lägesbild's version, the plan's decision and the analysis; then the
problems (a flag, symbol and word, on a problem no measure addresses) and a last row
for the plan's measures that address no problem; below, the measures of the row under
the cursor with their state and result, and beside them the detail of what has the
focus. Enter on a problem goes to its measures; Enter on a promise opens it in the
promise dashboard (its outcomes and evaluation), on an action the actions list at
that action; Esc comes back, to the same problem. Which measures are in the plan and
what is flagged is ``store.review.situation``'s rule.

Confidential problems and actions stay hidden until the user turns them on with a key;
while they show, a marker says so.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, Select, Static

from store.model.situation import ACTION, PROMISE
from store.review.promises import PromiseProgress, progress_of
from store.review.situation import (
    MeasureItem,
    ProblemRow,
    measure_flags,
    plan_measures,
    problem_rows,
    situation_choices,
)
from store.text.i18n import t
from tui.events import StoreChanged
from tui.screens.base import StoreScreen, key_bindings
from tui.screens.situation_detail import (
    analysis_text,
    measure_content,
    measure_lines,
    problem_content,
    problem_lines,
    summary_content,
    unlinked_content,
)
from tui.screens.situation_entry import SituationEntry
from tui.services import Services
from tui.widgets.footer import KeyFooter
from tui.widgets.situation_tables import UNLINKED_KEY, MeasureLine, MeasureTable, PriorityTable, ProblemTable

_binding = key_bindings("situation")


class SituationScreen(SituationEntry, StoreScreen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    DEFAULT_CSS = """
    SituationScreen #situation-bar > Select {
        width: 26;
    }
    SituationScreen #sit-year {
        width: 12;
    }
    SituationScreen #situation-secret {
        width: auto;
        margin-left: 2;
    }
    SituationScreen.-confidential ProblemTable {
        border-left: thick $error;
    }
    SituationScreen #situation-summary {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    SituationScreen #situation-analysis {
        height: auto;
        max-height: 4;
        padding: 0 1;
        color: $text-muted;
    }
    SituationScreen.-short #situation-analysis {
        display: none;
    }
    SituationScreen #situation-lower {
        height: 1fr;
        border-top: solid $primary-darken-2;
    }
    SituationScreen.-narrow #situation-lower {
        layout: vertical;
    }
    SituationScreen #situation-measures-box {
        width: 1fr;
    }
    SituationScreen #situation-measures-title {
        height: auto;
        padding: 0 1;
        text-style: bold;
        background: $boost;
    }
    SituationScreen #situation-detail {
        width: 46;
        max-width: 45%;
        border-left: solid $primary-darken-2;
        padding: 0 1;
    }
    SituationScreen.-narrow #situation-detail {
        width: 1fr;
        max-width: 100%;
        height: 1fr;
        border-left: none;
        border-top: solid $primary-darken-2;
    }
    """

    BINDINGS = [
        _binding("escape", "back", "back"),
        _binding("n", "new_problem", "new"),
        _binding("e", "edit_problem", "edit"),
        _binding("l", "link", "link"),
        _binding("u", "outcome", "outcome"),
        _binding("b", "evaluate", "evaluate"),
        _binding("a", "analysis", "analysis", show=False),
        _binding("d", "dialogue", "dialogue", show=False),
        _binding("p", "decide", "decide", show=False),
        _binding("f", "focus_filters", "filter", show=False),
        _binding("k", "toggle_confidential", "confidential"),
        _binding("r", "app.export('plan')", "export"),
        _binding("delete", "delete_problem", "delete", show=False),
    ]

    def __init__(self, services: Services, municipality: str | None = None, year: int | None = None,
                 problem_id: int | None = None, include_confidential: bool = False) -> None:
        super().__init__(services)
        problem = self.repo.problem(problem_id) if problem_id else None
        self.municipality = problem.municipality if problem else municipality
        self.year = problem.year if problem else year
        self.select_key = f"problem:{problem.id}" if problem else None
        self.include_confidential = include_confidential or bool(problem and problem.confidential)
        self.choices: dict[str, list[int]] = {}
        self.rows: list[ProblemRow] = []
        self.unlinked: list[MeasureItem] = []
        self.progress: dict[int, PromiseProgress] = {}
        self.lines: list[MeasureLine] = []
        self.loaded = False

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="situation-bar", classes="filter-bar"):
            yield Label(t("situation.tui.municipality"))
            yield Select([], prompt=t("situation.tui.none"), compact=True, allow_blank=True, id="sit-municipality")
            yield Label(t("situation.tui.year"))
            yield Select([], prompt="–", compact=True, allow_blank=True, id="sit-year")
            yield Static(t("situation.tui.confidential_on"), id="situation-secret", classes="secret-marker")
        yield Static(id="situation-summary")
        yield Static(id="situation-analysis")
        yield ProblemTable(id="situation-problems")
        with Horizontal(id="situation-lower"):
            with Vertical(id="situation-measures-box"):
                yield Static(id="situation-measures-title")
                yield MeasureTable(id="situation-measures")
            with VerticalScroll(id="situation-detail"):
                yield Static(id="situation-detail-body")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.set_class(self.include_confidential, "-confidential")
        self.problems.focus()
        self.query_one("#situation-summary", Static).update(Content(t("promises.loading")))
        # Progress counts every linked action, history included: draw first, then read.
        self.call_after_refresh(self.load)

    @property
    def problems(self) -> ProblemTable:
        return self.query_one(ProblemTable)

    @property
    def measures(self) -> MeasureTable:
        return self.query_one(MeasureTable)

    # -- which municipality and year -------------------------------------------------------

    def load(self) -> None:
        self.choices = situation_choices(self.repo)
        if self.municipality not in self.choices:
            current = self.today().year
            self.municipality = next((m for m, years in self.choices.items() if current in years),
                                     next(iter(self.choices), None))
        years = self.choices.get(self.municipality or "", [])
        if self.year not in years:
            self.year = self.today().year if self.today().year in years else (years[0] if years else None)
        self._fill_selects()
        self.loaded = True
        self.refresh_all()

    def _fill_selects(self) -> None:
        municipality = self.query_one("#sit-municipality", Select)
        year = self.query_one("#sit-year", Select)
        with self.prevent(Select.Changed):
            municipality.set_options([(m, m) for m in self.choices])
            if self.municipality in self.choices:
                municipality.value = self.municipality
            years = self.choices.get(self.municipality or "", [])
            if self.year is not None and self.year not in years:
                years = sorted({*years, self.year}, reverse=True)
            year.set_options([(str(y), y) for y in years])
            if self.year is not None:
                year.value = self.year

    @on(Select.Changed, "#sit-municipality")
    def _municipality_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        self.municipality = str(event.value)
        years = self.choices.get(self.municipality, [])
        if self.year not in years:
            self.year = self.today().year if self.today().year in years else (years[0] if years else None)
        self._fill_selects()
        self.refresh_all()

    @on(Select.Changed, "#sit-year")
    def _year_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL and event.value != self.year:
            self.year = int(event.value)
            self.refresh_all()

    def show_problem(self, problem_id: int) -> None:
        """Put the cursor on a problem (another municipality or year, if it is of one)."""
        problem = self.repo.problem(problem_id)
        if problem is None:
            return
        if problem.confidential and not self.include_confidential:
            self.include_confidential = True
            self.set_class(True, "-confidential")
        self.municipality, self.year = problem.municipality, problem.year
        self.select_key = f"problem:{problem.id}"
        self.load()
        self.problems.focus()

    def export_subject(self) -> dict[str, Any]:
        if self.municipality is None or self.year is None:
            return {}
        return {"year": self.year, "municipality": self.municipality, "period": str(self.year)}

    # -- rows ---------------------------------------------------------------------------

    def refresh_all(self, select_key: str | None = None) -> None:
        """Read the problems, the plan's measures and their progress, and show them."""
        repo = self.repo
        summary = self.query_one("#situation-summary", Static)
        if self.municipality is None or self.year is None:
            self.rows, self.unlinked, self.progress = [], [], {}
            summary.update(Content(t("situation.tui.empty")))
            self.query_one("#situation-analysis", Static).update("")
            self.problems.set_rows([])
            self._show_measures()
            return
        m, y = self.municipality, self.year
        rows = self.guard(problem_rows, repo, m, y, include_confidential=self.include_confidential)
        if rows is None:
            return
        self.rows = rows
        self.unlinked = [item for item in plan_measures(repo, m, y) if measure_flags(item)]
        promise_ids = {i.ref_id for row in rows for i in row.measures if i.kind == PROMISE}
        promise_ids |= {i.ref_id for i in self.unlinked if i.kind == PROMISE}
        self.progress = progress_of(repo, [p for p in map(repo.promise, sorted(promise_ids)) if p], self.today())
        hidden = sum(1 for p in repo.problems(m, y) if p.confidential) if not self.include_confidential else 0
        no_measure = sum(1 for row in rows if row.flags)
        summary.update(summary_content(repo, m, y, len(rows), hidden, no_measure, len(self.unlinked)))
        self.query_one("#situation-analysis", Static).update(Content(analysis_text(repo, m, y)))
        key = select_key or self.select_key
        self.select_key = None
        self.problems.set_rows(problem_lines(rows, len(self.unlinked)), select_key=key)
        self._show_measures()

    def current_row(self) -> ProblemRow | None:
        key = self.problems.selected_key
        return next((r for r in self.rows if f"problem:{r.problem.id}" == key), None)

    def current_measure(self) -> MeasureLine | None:
        return self.measures.selected_row if self.lines else None

    def _show_measures(self, select_key: str | None = None) -> None:
        key = self.problems.selected_key
        row = self.current_row()
        title = self.query_one("#situation-measures-title", Static)
        if key == UNLINKED_KEY:
            items = self.unlinked
            heading = t("situation.tui.unlinked_title", count=len(items))
        elif row is not None:
            items = row.measures
            heading = t("situation.tui.measures_title", ref=t("situation.ref.problem", id=row.problem.id),
                        count=len(items))
        else:
            items, heading = [], t("situation.tui.no_problem_chosen")
        self.lines, hidden = measure_lines(self.repo, items, self.progress, self.today(), self.include_confidential)
        if hidden:
            heading += "  " + t("situation.tui.measures_hidden", count=hidden)
        if row is not None and not items:
            heading = t("situation.tui.measures_none", ref=t("situation.ref.problem", id=row.problem.id))
        title.update(Content(heading))
        self.measures.set_rows(self.lines, select_key=select_key)
        self._show_detail()

    def _show_detail(self) -> None:
        body = self.query_one("#situation-detail-body", Static)
        if self.focused is self.measures and self.lines:
            line = self.current_measure()
            if line is not None:
                body.update(measure_content(self.repo, line, self.progress, self.today(), self.include_confidential))
                return
        if self.problems.selected_key == UNLINKED_KEY:
            body.update(unlinked_content())
            return
        row = self.current_row()
        body.update(problem_content(self.repo, row) if row is not None else Content(""))

    # -- events -----------------------------------------------------------------------

    @on(PriorityTable.Highlighted)
    def _highlighted(self, event: PriorityTable.Highlighted) -> None:
        if event.table is self.problems:
            self._show_measures()
        else:
            self._show_detail()

    @on(PriorityTable.Chosen)
    def _chosen(self, event: PriorityTable.Chosen) -> None:
        if event.table is self.problems:
            if self.lines:
                self.measures.focus()
            else:
                self.notify(t("situation.tui.nothing_to_open"), severity="warning")
        else:
            self.action_open()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.loaded:
            self._show_detail()

    def on_store_changed(self, message: StoreChanged) -> None:
        if self.loaded:
            self.refresh_keeping()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.refresh_keeping()

    def refresh_keeping(self) -> None:
        """Read again, the cursors where they were (after a change here or elsewhere)."""
        measure = self.measures.selected_key
        self.choices = situation_choices(self.repo)
        self._fill_selects()
        self.refresh_all(select_key=self.problems.selected_key)
        if measure is not None:
            self._show_measures(select_key=measure)

    # -- navigation keys ------------------------------------------------------------------

    def action_back(self) -> None:
        if self.focused is self.measures:
            self.problems.focus()
            return
        if isinstance(self.focused, Select):
            self.problems.focus()
            return
        self.app.pop_screen()

    def action_open(self) -> None:
        """A promise in the dashboard (outcomes, evaluation), an action in the actions list."""
        line = self.current_measure()
        if line is None:
            return
        if line.kind == PROMISE:
            self.app.open("promises", promise_id=line.ref_id)
        elif line.kind == ACTION:
            self.app.open("actions", action_id=line.ref_id, include_confidential=self.include_confidential)
        else:
            self.notify(t("situation.tui.activity_has_no_page", ref=line.ref))

    def action_focus_filters(self) -> None:
        self.query_one("#sit-municipality", Select).focus()

    def action_toggle_confidential(self) -> None:
        self.include_confidential = not self.include_confidential
        self.confidential_switched(self.include_confidential)
        self.refresh_keeping()


__all__ = ["SituationScreen"]
