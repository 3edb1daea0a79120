"""The åtgärdsplan of a municipality and year as rows: each problem of the lägesbild
with its measures, every measure of the plan with its problems, and the two flags
Brå's follow-ups ask for.

**Which measures are in the plan** of municipality M and year Y: every promise of M
whose period touches Y (or is published as Y); every activity of an agreement of M
whose period touches Y; and every promise, activity or action linked to a problem
of M's lägesbild for Y.

**Flags.** ``no_measure``: a problem of the lägesbild that no measure addresses (a
link to a promise, activity or action that no longer exists does not count).
``no_problem``: a measure of the plan (a promise or an activity) that addresses no
problem at all. Actions are measures only where someone linked them, so an action is
never flagged.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date

from store.model.constants import PARTIES
from store.model.promise import Promise
from store.model.situation import ACTION, ACTIVITY, PROMISE, Measure, Problem
from store.repository import Repository
from store.rules.periods import promise_matches_period
from store.rules.swedish import swedish_key
from store.text.i18n import UserError, t

NO_MEASURE, NO_PROBLEM = "no_measure", "no_problem"


class MeasureItem(namedtuple("MeasureItem", "kind ref_id activity_key text owner target confidential problem_ids")):
    """One measure as the plan shows it: what, who, which target, which problems."""

    __slots__ = ()

    @property
    def ref(self) -> tuple[str, int, int | None]:
        return (self.kind, self.ref_id, self.activity_key)

    def label(self) -> str:
        """"L16", "Å142", "Ö3:2": a promise, an action, an agreement's activity."""
        if self.kind == ACTIVITY:
            return t("situation.ref.activity", id=self.ref_id, key=self.activity_key)
        return t(f"situation.ref.{self.kind}", id=self.ref_id)

    def to_json(self, include_confidential: bool = False) -> dict:
        hidden = self.confidential and not include_confidential
        return {
            "kind": self.kind,
            "id": self.ref_id,
            "activity": self.activity_key,
            "text": None if hidden else self.text,
            "owner": None if hidden else (self.owner or None),
            "target": self.target or None,
            "confidential": self.confidential,
            "problems": list(self.problem_ids),
        }


class ProblemRow(namedtuple("ProblemRow", "problem measures flags")):
    """A problem of the lägesbild, the measures that address it and its flags."""

    __slots__ = ()

    def to_json(self, include_confidential: bool = False) -> dict:
        p = self.problem
        return {
            "id": p.id,
            "title": p.title,
            "category": p.category or None,
            "area": p.area or None,
            "year": p.year,
            "municipality": p.municipality,
            "description": p.description or None,
            "sources": list(p.sources),
            "dialogues": list(p.dialogue_ids),
            "noted": p.noted.isoformat() if p.noted else None,
            "measures": [m.to_json(include_confidential) for m in self.measures],
            "flags": list(self.flags),
            "confidential": p.confidential,
        }


def party_words(parties: list[str]) -> str:
    return ", ".join(t(f"party.{p}") if p in PARTIES else p for p in parties)


def promise_target_words(promise: Promise) -> str:
    if promise.target is None or promise.target.count <= 0:
        return ""
    return t("situation.target", count=promise.target.count, per=t(f"situation.per.{promise.target.per}"))


def _overlaps(start: date | None, end: date | None, year: int) -> bool:
    if start is None and end is None:
        return False
    return (start or date.min) <= date(year, 12, 31) and (end or date.max) >= date(year, 1, 1)


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def measure_item(repo: Repository, kind: str, ref_id: int, activity_key: int | None,
                 problem_ids: list[int]) -> MeasureItem | None:
    """The measure as the plan shows it; None when what it points at is gone."""
    if kind == PROMISE:
        promise = repo.promise(ref_id)
        if promise is None:
            return None
        return MeasureItem(kind, ref_id, None, promise.text, party_words(promise.parties),
                           promise_target_words(promise), False, tuple(problem_ids))
    if kind == ACTIVITY:
        agreement = repo.agreement(ref_id)
        activity = agreement.activity(activity_key) if agreement else None
        if activity is None:
            return None
        return MeasureItem(kind, ref_id, activity_key, activity.text, activity.owner, activity.target, False,
                           tuple(problem_ids))
    action = repo.action(ref_id)
    if action is None:
        return None
    person = repo.person(action.owner_person_id)
    org = repo.organisation(action.owner_organisation_id)
    owner = ", ".join(x for x in (person.name if person else "", org.name if org else "") if x)
    due = t("situation.due", date=action.due.isoformat()) if action.due else ""
    return MeasureItem(kind, ref_id, None, action.text, owner, due, action.confidential, tuple(problem_ids))


def _links(repo: Repository) -> dict[tuple[str, int, int | None], list[int]]:
    return {m.ref: list(m.problem_ids) for m in repo.measures()}


def known_municipality(repo: Repository, name: str) -> str:
    """The municipality as the store spells it; a UserError naming the known ones if none."""
    known = sorted({p.municipality for p in repo.promises()} | {p.municipality for p in repo.problems()}
                   | {f.municipality for f in repo.forums()} - {""})
    match = next((m for m in known if m and _same(m, name)), None)
    if match is None:
        raise UserError("situation.unknown_municipality", name=name, known=", ".join(m for m in known if m) or "-")
    return match


def plan_measures(repo: Repository, municipality: str, year: int) -> list[MeasureItem]:
    """Every measure in the plan of ``municipality`` and ``year`` (module docstring)."""
    links = _links(repo)
    problem_ids = {p.id for p in repo.problems(municipality, year)}
    refs: dict[tuple[str, int, int | None], None] = {}
    for promise in repo.promises():
        if _same(promise.municipality, municipality) and promise_matches_period(
                promise, str(year), (date(year, 1, 1), date(year, 12, 31))):
            refs[(PROMISE, promise.id, None)] = None
    for agreement in repo.agreements():
        if _same(agreement.municipality, municipality) and _overlaps(agreement.start, agreement.end, year):
            for activity in agreement.activities:
                refs[(ACTIVITY, agreement.id, activity.key)] = None
    for ref, linked in sorted(links.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0)):
        if problem_ids.intersection(linked):
            refs[ref] = None
    items = [measure_item(repo, kind, ref_id, key, links.get((kind, ref_id, key), []))
             for kind, ref_id, key in refs]
    return [item for item in items if item is not None]


def measure_flags(item: MeasureItem) -> tuple[str, ...]:
    return (NO_PROBLEM,) if item.kind != ACTION and not item.problem_ids else ()


def problem_rows(repo: Repository, municipality: str | None = None, year: int | None = None,
                 include_confidential: bool = True) -> list[ProblemRow]:
    """Each problem (of a municipality, of a year) with its measures and flags."""
    if municipality:
        municipality = known_municipality(repo, municipality)
    by_problem: dict[int, list[Measure]] = {}
    for measure in repo.measures():
        for pid in measure.problem_ids:
            by_problem.setdefault(pid, []).append(measure)
    rows = []
    for problem in repo.problems(municipality, year):
        if problem.confidential and not include_confidential:
            continue
        items = [measure_item(repo, m.kind, m.ref_id, m.activity_key, m.problem_ids)
                 for m in by_problem.get(problem.id, [])]
        measures = [i for i in items if i is not None]
        rows.append(ProblemRow(problem, measures, () if measures else (NO_MEASURE,)))
    return rows


def hidden_problems(repo: Repository, municipality: str | None, year: int | None) -> int:
    return sum(1 for p in repo.problems(municipality, year) if p.confidential)


def plan_municipalities(repo: Repository, year: int) -> list[str]:
    """Municipalities with a lägesbild, problems, a decided plan or promises in ``year``."""
    names = {p.municipality for p in repo.problems(year=year)}
    names |= {s.municipality for s in repo.situation_pictures() if s.year == year}
    names |= {p.municipality for p in repo.promises()
              if p.municipality and promise_matches_period(p, str(year), (date(year, 1, 1), date(year, 12, 31)))}
    return sorted(n for n in names if n)


def problems_of_promise(repo: Repository, promise_id: int) -> list[Problem]:
    return repo.problems_of(PROMISE, promise_id)


def situation_choices(repo: Repository) -> dict[str, list[int]]:
    """Each municipality with the years it has something in (a lägesbild, problems,
    medborgardialoger, a plan decision, promises), newest first; municipalities in order."""
    years: dict[str, set[int]] = {}

    def add(municipality: str, year: int) -> None:
        if municipality:
            years.setdefault(municipality, set()).add(year)

    for problem in repo.problems():
        add(problem.municipality, problem.year)
    for picture in repo.situation_pictures():
        add(picture.municipality, picture.year)
    for dialogue in repo.dialogues():
        add(dialogue.municipality, dialogue.year)
    for plan in repo.all_action_plans():
        add(plan.municipality, plan.year)
    for promise in repo.promises():
        if promise.period_start and promise.period_end:
            for year in range(promise.period_start.year, promise.period_end.year + 1):
                add(promise.municipality, year)
    return {m: sorted(years[m], reverse=True) for m in sorted(years, key=swedish_key)}


def link_candidates(repo: Repository, municipality: str, year: int, problem_id: int | None = None) -> list[MeasureItem]:
    """What a problem of ``municipality`` and ``year`` can be linked to: the plan's measures
    (its promises and agreement activities, and what is linked already), and whatever
    the problem is linked to now (an action, a promise of another year)."""
    items = plan_measures(repo, municipality, year)
    refs = {item.ref for item in items}
    if problem_id:
        for measure in repo.measures_of_problem(problem_id):
            if measure.ref not in refs:
                item = measure_item(repo, measure.kind, measure.ref_id, measure.activity_key, measure.problem_ids)
                if item is not None:
                    items.append(item)
                    refs.add(item.ref)
    order = {PROMISE: 0, ACTIVITY: 1, ACTION: 2}
    return sorted(items, key=lambda i: (order[i.kind], i.ref_id, i.activity_key or 0))

