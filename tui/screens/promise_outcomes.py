"""The promise dashboard's keys of the law's cycle: record an outcome on the highlighted
promise, take one back (a mistake), evaluate it, and go to the problems of the
lägesbild it addresses (the lägesbild screen opens on the chosen problem; Esc there
comes back)."""

from __future__ import annotations

from store.text.i18n import t


class PromiseOutcomeKeys:
    """Mixed into ``PromisesScreen`` (its store, its highlighted row, its refresh)."""

    def _highlighted_promise(self):
        row = self.current()
        if row is None:
            self.notify(t("promises.none_selected"), severity="warning")
        return row

    def action_outcome(self) -> None:
        from tui.modals.outcome_form import record_outcome

        row = self._highlighted_promise()
        if row is not None:
            record_outcome(self, self.services, row.promise, self._show_promise)

    def action_delete_outcome(self) -> None:
        """Pick one of the promise's outcomes, say yes, and it is gone from the store."""
        from tui.modals.confirm import ConfirmModal
        from tui.modals.measure_links import ChoiceModal

        row = self._highlighted_promise()
        if row is None:
            return
        ref = t("review.promise_ref", id=row.promise.id)
        outcomes = {o.id: o for o in self.repo.outcomes(row.promise.id)}
        if not outcomes:
            self.notify(t("promises.outcome.delete.none", ref=ref), severity="warning")
            return

        def confirmed(outcome_id: int, yes: bool | None) -> None:
            if yes and self.guard(self.repo.delete_outcome, outcome_id) is not None:
                outcome = outcomes[outcome_id]
                self.notify(t("promises.outcome.deleted", count=outcome.count, text=outcome.text, ref=ref))
                self._show_promise(row.promise.id)

        def chosen(outcome_id: int | None) -> None:
            if outcome_id is None:
                return
            outcome = outcomes[outcome_id]
            question = t("promises.outcome.delete.question", count=outcome.count, text=outcome.text, ref=ref)
            self.app.push_screen(ConfirmModal(t("promises.outcome.delete.title", ref=ref), question,
                                              yes=t("promises.outcome.delete.yes")),
                                 lambda yes: confirmed(outcome_id, yes))

        options = [(o.id, t("promises.outcome.delete.row", date=o.day.isoformat() if o.day else "–",
                                count=o.count, text=o.text)) for o in outcomes.values()]
        self.app.push_screen(ChoiceModal(t("promises.outcome.delete.title", ref=ref), options,
                                         ok="promises.outcome.delete.choose"), chosen)

    def action_evaluate(self) -> None:
        from tui.modals.outcome_form import evaluate_promise

        row = self._highlighted_promise()
        if row is not None:
            evaluate_promise(self, self.services, row.promise, self._show_promise)

    def _show_promise(self, promise_id: int) -> None:
        self.select_id = promise_id
        self.refresh_rows()

    def action_problems(self) -> None:
        """The problems the promise addresses: one opens at once, several are offered."""
        from tui.modals.measure_links import ChoiceModal

        row = self._highlighted_promise()
        if row is None:
            return
        ref = t("review.promise_ref", id=row.promise.id)
        shown = [(pid, title) for pid, title, secret in row.problems if self.include_confidential or not secret]
        if not shown:
            key = "promises.problems.hidden" if row.problems else "promises.problems.none"
            self.notify(t(key, ref=ref, count=len(row.problems)), severity="warning", timeout=8)
            return
        if len(shown) == 1:
            self.open_problem(shown[0][0])
            return

        def chosen(problem_id: int | None) -> None:
            if problem_id is not None:
                self.open_problem(problem_id)

        options = [(pid, f"{t('situation.ref.problem', id=pid)}  {title}") for pid, title in shown]
        self.app.push_screen(ChoiceModal(t("promises.problems.title", ref=ref), options), chosen)

    def open_problem(self, problem_id: int) -> None:
        """The lägesbild at that problem: the one this dashboard was opened from, else a new one."""
        from tui.screens.situation import SituationScreen

        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        if isinstance(below, SituationScreen):
            self.app.pop_screen()
            below.show_problem(problem_id)
        else:
            self.app.push_screen(SituationScreen(self.services, problem_id=problem_id,
                                                 include_confidential=self.include_confidential))
