"""What the lägesbild screen writes: a problem (new, changed, removed), the measures
linked to it, an outcome or an evaluation of a promise among them, the lägesbild's
analysis, a medborgardialog and the plan's decision. Each is a form typed by what it
returns, saved through the repository method the command line uses; the screen then
reads again with its cursors kept."""

from __future__ import annotations

from store.model.situation import PROMISE, CitizenDialogue, Problem
from store.text.i18n import t


class SituationEntry:
    """Mixed into ``SituationScreen`` (its store, its municipality and year, its cursors)."""

    def _need_problem(self):
        row = self.current_row()
        if row is None:
            self.notify(t("situation.tui.no_problem_chosen"), severity="warning")
        return row

    def _saved_problem(self, problem: Problem | None) -> None:
        if problem is None:
            return
        self.notify(t("situation.tui.problem_saved", ref=t("situation.ref.problem", id=problem.id),
                      title=problem.title))
        self.municipality, self.year = problem.municipality, problem.year
        self.select_key = f"problem:{problem.id}"
        self.load()

    def action_new_problem(self) -> None:
        from tui.modals.problem_form import ProblemFormModal

        self.app.push_screen(ProblemFormModal(self.services, None, self.municipality or "", self.year
                                              or self.today().year), self._saved_problem)

    def action_edit_problem(self) -> None:
        from tui.modals.problem_form import ProblemFormModal

        row = self._need_problem()
        if row is not None:
            self.app.push_screen(ProblemFormModal(self.services, row.problem), self._saved_problem)

    def action_delete_problem(self) -> None:
        from tui.modals.confirm import ConfirmModal

        row = self._need_problem()
        if row is None:
            return
        ref = t("situation.ref.problem", id=row.problem.id)

        def delete() -> bool:
            self.repo.delete_problem(row.problem.id)
            return True

        def answered(yes: bool | None) -> None:
            if yes and self.guard(delete):
                self.notify(t("situation.tui.problem_deleted", ref=ref))
                self.refresh_keeping()

        self.app.push_screen(ConfirmModal(t("situation.tui.delete_title", ref=ref),
                                          t("situation.tui.delete_question", ref=ref, title=row.problem.title,
                                            count=len(row.measures)), yes=t("situation.tui.delete_yes")),
                             answered)

    def action_link(self) -> None:
        from tui.modals.measure_links import MeasureLinksModal

        row = self._need_problem()
        if row is None:
            return
        problem = row.problem

        def chosen(refs) -> None:
            if refs is None:
                return
            counts = self.guard(self.repo.set_problem_links, problem.id, refs)
            if counts is None:
                return
            self.notify(t("situation.tui.linked", ref=t("situation.ref.problem", id=problem.id),
                          added=counts[0], removed=counts[1]))
            self.refresh_keeping()

        self.app.push_screen(MeasureLinksModal(self.services, problem, self.include_confidential), chosen)

    def _promise_measure(self):
        line = self.current_measure()
        promise = self.repo.promise(line.ref_id) if line is not None and line.kind == PROMISE else None
        if promise is None:
            self.notify(t("situation.tui.choose_promise"), severity="warning")
        return promise

    def action_outcome(self) -> None:
        from tui.modals.outcome_form import record_outcome

        promise = self._promise_measure()
        if promise is not None:
            record_outcome(self, self.services, promise, lambda _promise_id: self.refresh_keeping())

    def action_evaluate(self) -> None:
        from tui.modals.outcome_form import evaluate_promise

        promise = self._promise_measure()
        if promise is not None:
            evaluate_promise(self, self.services, promise, lambda _promise_id: self.refresh_keeping())

    def _need_place(self) -> bool:
        if self.municipality is None or self.year is None:
            self.notify(t("situation.tui.empty"), severity="warning")
            return False
        return True

    def action_analysis(self) -> None:
        from tui.modals.situation_forms import PictureFormModal

        if not self._need_place():
            return

        def saved(picture) -> None:
            if picture is not None:
                self.notify(t("situation.tui.picture_saved", version=picture.version))
                self.refresh_keeping()

        self.app.push_screen(PictureFormModal(self.services, self.municipality, self.year), saved)

    def action_dialogue(self) -> None:
        from tui.modals.situation_forms import DialogueFormModal

        if not self._need_place():
            return

        def saved(dialogue: CitizenDialogue | None) -> None:
            if dialogue is not None:
                self.notify(t("situation.tui.dialogue_saved", id=dialogue.id, place=dialogue.place or "–"))
                self.refresh_keeping()

        self.app.push_screen(DialogueFormModal(self.services, self.municipality, self.year), saved)

    def action_decide(self) -> None:
        from tui.modals.situation_forms import DecisionFormModal

        if not self._need_place():
            return

        def saved(plan) -> None:
            if plan is not None:
                self.notify(t("situation.tui.decided_saved", body=plan.decided_by, year=plan.year))
                self.refresh_keeping()

        self.app.push_screen(DecisionFormModal(self.services, self.municipality, self.year), saved)
