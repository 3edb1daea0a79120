"""The lägesbild and the åtgärdsplan: problems, medborgardialoger, the analysis with its
versions, the links from measures to problems, and the plan's decision. Every write
is one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from store.model.situation import (
    ACTION,
    ACTIVITY,
    MEASURE_KINDS,
    PROMISE,
    SOURCE_KINDS,
    ActionPlan,
    CitizenDialogue,
    Measure,
    Problem,
    SituationPicture,
    SituationVersion,
)
from store.repository.base import RepositoryBase
from store.rules import clock
from store.rules.situation import check_year
from store.text.i18n import UserError

MeasureRef = tuple[str, int, "int | None"]  # (kind, promise/agreement/action id, activity key)


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _ref_order(ref: MeasureRef) -> tuple[str, int, int]:
    return (ref[0], ref[1], ref[2] or 0)


class SituationRecords(RepositoryBase):
    # -- problems ----------------------------------------------------------------------

    def problems(self, municipality: str | None = None, year: int | None = None) -> list[Problem]:
        """Problems, by municipality, year and number; filters match case-insensitively."""
        found = [
            p for p in self._all("problems").values()
            if (municipality is None or _same(p.municipality, municipality)) and (year is None or p.year == year)
        ]
        return sorted(found, key=lambda p: (p.municipality.casefold(), p.year, p.id))

    def problem(self, problem_id: int | None) -> Problem | None:
        return self._model("problems", problem_id) if problem_id else None

    def municipality_name(self, name: str) -> str:
        """A municipality as the store already spells it ("södertälje" → "Södertälje"),
        else as typed: a new municipality may start with its lägesbild."""
        known = {p.municipality for p in self._all("promises").values()}
        known |= {p.municipality for p in self._all("problems").values()}
        known |= {f.municipality for f in self._all("forums").values()}
        return next((m for m in known if m and _same(m, name)), name.strip())

    def save_problem(self, problem: Problem, links: Iterable[MeasureRef] = ()) -> Problem:
        """Add or change a problem, and link it to measures, in one transaction."""
        if not problem.title.strip():
            raise UserError("situation.title_missing")
        if not problem.municipality.strip():
            raise UserError("situation.municipality_missing")
        problem.year = check_year(problem.year)
        problem.title = problem.title.strip()
        problem.municipality = self.municipality_name(problem.municipality)
        for source in problem.sources:
            if source not in SOURCE_KINDS:
                raise UserError("situation.bad_source", text=source)
        problem.sources = list(dict.fromkeys(problem.sources))
        for dialogue_id in problem.dialogue_ids:
            if self.dialogue(dialogue_id) is None:
                raise UserError("situation.unknown_dialogue", id=dialogue_id)
        with self.transaction():
            if problem.id:
                if self.problem(problem.id) is None:
                    raise UserError("situation.unknown_problem", id=problem.id)
                self._save("problems", problem)
            else:
                self._insert("problems", problem)
            for kind, ref_id, key in links:
                self.link_problem(problem.id, kind, ref_id, key)
        return problem

    def delete_problem(self, problem_id: int) -> None:
        """Remove a problem and its links to measures."""
        with self.transaction():
            if self.problem(problem_id) is None:
                raise UserError("situation.unknown_problem", id=problem_id)
            for measure in self.measures():
                if problem_id in measure.problem_ids:
                    measure.problem_ids = [p for p in measure.problem_ids if p != problem_id]
                    self._save("measures", measure)
            self._delete("problems", problem_id)

    # -- measures ----------------------------------------------------------------------

    def measures(self) -> list[Measure]:
        """Every measure link, fresh copies (safe to change and save)."""
        return [Measure.from_doc(doc, int(key)) for key, doc in sorted(self._raw("measures").items(),
                                                                         key=lambda kv: int(kv[0]))]

    def measure(self, kind: str, ref_id: int, activity_key: int | None = None) -> Measure | None:
        return next((m for m in self._all("measures").values() if m.ref == (kind, ref_id, activity_key)), None)

    def measures_of_problem(self, problem_id: int) -> list[Measure]:
        return [m for m in self._all("measures").values() if problem_id in m.problem_ids]

    def problems_of(self, kind: str, ref_id: int, activity_key: int | None = None) -> list[Problem]:
        """The problems a promise, an agreement activity or an action addresses."""
        measure = self.measure(kind, ref_id, activity_key)
        problems = [self.problem(pid) for pid in measure.problem_ids] if measure else []
        return [p for p in problems if p is not None]

    def check_measure(self, kind: str, ref_id: int, activity_key: int | None = None) -> None:
        """A UserError unless the promise, agreement activity or action exists."""
        if kind not in MEASURE_KINDS:
            raise UserError("situation.bad_measure_kind", kind=kind)
        if kind == PROMISE and self.promise(ref_id) is None:
            raise UserError("review.unknown_promise", ref=ref_id)
        if kind == ACTION and self.action(ref_id) is None:
            raise UserError("repo.unknown_action", id=ref_id)
        if kind == ACTIVITY:
            agreement = self._all("agreements").get(ref_id)
            if agreement is None or agreement.activity(activity_key) is None:
                raise UserError("situation.unknown_activity", ref=f"{ref_id}:{activity_key}")

    def link_problem(self, problem_id: int, kind: str, ref_id: int, activity_key: int | None = None) -> Measure:
        """Say that a measure addresses a problem (nothing changes if it already does)."""
        if kind != ACTIVITY:
            activity_key = None
        with self.transaction():
            if self.problem(problem_id) is None:
                raise UserError("situation.unknown_problem", id=problem_id)
            self.check_measure(kind, ref_id, activity_key)
            measure = self.measure(kind, ref_id, activity_key)
            if measure is None:
                return self._insert("measures", Measure(kind, ref_id, activity_key, [problem_id]))
            if problem_id in measure.problem_ids:
                return measure
            changed = Measure.from_doc(measure.to_doc(), measure.id)
            changed.problem_ids.append(problem_id)
            return self._save("measures", changed)

    def unlink_problem(self, problem_id: int, kind: str, ref_id: int, activity_key: int | None = None) -> None:
        """Take a measure's link to a problem away; the measure then addresses the others."""
        if kind != ACTIVITY:
            activity_key = None
        with self.transaction():
            measure = self.measure(kind, ref_id, activity_key)
            if measure is None or problem_id not in measure.problem_ids:
                raise UserError("situation.not_linked", id=problem_id)
            changed = Measure.from_doc(measure.to_doc(), measure.id)
            changed.problem_ids.remove(problem_id)
            self._save("measures", changed)

    def set_problem_links(self, problem_id: int, refs: Iterable[MeasureRef]) -> tuple[int, int]:
        """Make ``refs`` exactly the measures that address the problem, in one transaction:
        the links not there yet are added, those not named are taken away. Returns how
        many were added and how many taken away; nothing is written when both are 0."""
        wanted = {(kind, ref_id, key if kind == ACTIVITY else None) for kind, ref_id, key in refs}
        with self.transaction():
            if self.problem(problem_id) is None:
                raise UserError("situation.unknown_problem", id=problem_id)
            current = {m.ref for m in self.measures_of_problem(problem_id)}
            added = sorted(wanted - current, key=_ref_order)
            removed = sorted(current - wanted, key=_ref_order)
            for ref in added:
                self.link_problem(problem_id, *ref)
            for ref in removed:
                self.unlink_problem(problem_id, *ref)
        return len(added), len(removed)

    # -- the lägesbild itself ----------------------------------------------------------

    def situation_pictures(self) -> list[SituationPicture]:
        return sorted(self._all("situation_pictures").values(), key=lambda s: (s.municipality, s.year))

    def situation_picture(self, municipality: str, year: int) -> SituationPicture | None:
        return next((s for s in self._all("situation_pictures").values()
                     if _same(s.municipality, municipality) and s.year == year), None)

    def save_situation_picture(
        self,
        municipality: str,
        year: int,
        analysis: str | None = None,
        other_information: str | None = None,
        focus_areas: list[str] | None = None,
        day: date | None = None,
    ) -> SituationPicture:
        """Write the lägesbild's analysis (and other information, focus areas). A changed
        analysis or other information is a new version; the earlier one is kept."""
        if not municipality.strip():
            raise UserError("situation.municipality_missing")
        year = check_year(year)
        day = day or clock.today()
        with self.transaction():
            current = self.situation_picture(municipality, year)
            if current is None:
                picture = SituationPicture(self.municipality_name(municipality), year, saved=day)
            else:
                picture = SituationPicture.from_doc(current.to_doc(), current.id)
            new_analysis = picture.analysis if analysis is None else analysis.strip()
            new_other = picture.other_information if other_information is None else other_information.strip()
            if current is not None and (new_analysis, new_other) != (picture.analysis, picture.other_information):
                picture.earlier.append(SituationVersion(picture.version, picture.analysis,
                                                        picture.other_information, picture.saved))
                picture.version += 1
                picture.saved = day
            picture.analysis, picture.other_information = new_analysis, new_other
            if focus_areas is not None:
                picture.focus_areas = [f.strip() for f in focus_areas if f.strip()]
            if picture.id:
                return self._save("situation_pictures", picture)
            return self._insert("situation_pictures", picture)

    # -- medborgardialoger -------------------------------------------------------------

    def dialogues(self, municipality: str | None = None, year: int | None = None) -> list[CitizenDialogue]:
        found = [
            d for d in self._all("citizen_dialogues").values()
            if (municipality is None or _same(d.municipality, municipality)) and (year is None or d.year == year)
        ]
        return sorted(found, key=lambda d: (d.municipality.casefold(), d.year, d.day or date.min, d.id))

    def dialogue(self, dialogue_id: int | None) -> CitizenDialogue | None:
        return self._model("citizen_dialogues", dialogue_id) if dialogue_id else None

    def save_dialogue(self, dialogue: CitizenDialogue) -> CitizenDialogue:
        if not dialogue.municipality.strip():
            raise UserError("situation.municipality_missing")
        if dialogue.day is not None:
            dialogue.year = dialogue.day.year
        dialogue.year = check_year(dialogue.year)
        if dialogue.participants is not None and dialogue.participants < 0:
            raise UserError("situation.bad_participants", count=dialogue.participants)
        dialogue.municipality = self.municipality_name(dialogue.municipality)
        with self.transaction():
            if dialogue.id:
                return self._save("citizen_dialogues", dialogue)
            return self._insert("citizen_dialogues", dialogue)

    # -- the åtgärdsplan's decision ----------------------------------------------------

    def all_action_plans(self) -> list[ActionPlan]:
        """Every plan decision of every municipality and year."""
        return sorted(self._all("action_plans").values(), key=lambda p: (p.municipality, p.year, p.id))

    def action_plans(self, municipality: str, year: int) -> list[ActionPlan]:
        """Every decision on the year's plan, oldest first (a revised plan is decided again)."""
        found = [p for p in self._all("action_plans").values() if _same(p.municipality, municipality) and p.year == year]
        return sorted(found, key=lambda p: (p.decided_on or date.min, p.id))

    def action_plan(self, municipality: str, year: int) -> ActionPlan | None:
        """The newest decision on the year's åtgärdsplan, if any."""
        plans = self.action_plans(municipality, year)
        return plans[-1] if plans else None

    def decide_plan(self, municipality: str, year: int, decided_by: str, decided_on: date | None) -> ActionPlan:
        """Record which body decided the year's åtgärdsplan and when. A new decision is a
        new record; the earlier ones are kept."""
        if not decided_by.strip():
            raise UserError("situation.body_missing")
        if not municipality.strip():
            raise UserError("situation.municipality_missing")
        year = check_year(year)
        plan = ActionPlan(self.municipality_name(municipality), year, decided_by.strip(), decided_on)
        with self.transaction():
            return self._insert("action_plans", plan)
