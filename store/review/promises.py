"""Promises (``promise_progress``, ``promise_rows``)
    Progress is the achieved figure (``store.rules.outcomes``): the counts of the
    promise's recorded outcomes plus its done linked actions (``Action.promise_id``)
    that no outcome covers (names); every done action counts, confidential ones
    included (a count reveals nothing). The published target is scaled to the whole period
    (``target_total``): a "period" target is the count itself; per month / quarter /
    tertial (4 months) / term (6 months) / year it is the count times the calendar
    months of the period over the unit's months, per week times days / 7; rounded
    half up, at least one (as ``store.exports.reports`` scales it). A promise without a
    target has no total: its linked and done counts are shown, never an invented
    number. The state, first rule that applies (``promise_state``):

    no_target    the promise has no measurable target (or a per-unit target and no
                 period to scale it by) and no evaluation; with one, its newest
                 evaluation decides: genomfört kept, delvis genomfört partly_kept,
                 ej genomfört not_kept;
    kept         done >= target total (even before or after the period);
    not_started  today is before the period's first day;
    not_kept     today is after the period's last day and done < target total;
    at_risk      done / target total < elapsed - 0.15, where elapsed is the share of
                 the period's days gone by, today included (0..1);
    on_track     otherwise (also when a whole-period target has no dates to
                 measure time against).
"""

from __future__ import annotations

from collections import Counter, namedtuple
from datetime import date

from store.model.constants import ACTIVE_STATUSES, DONE, PARTIES
from store.rules import clock
from store.rules.periods import parse_party, parse_period, period_label, promise_matches_period
from store.text.i18n import UserError

# ``samverkan actions --open`` reads ``store.persistence.listing`` and must start fast: it loads
# neither TinyDB nor the models' dataclasses nor typing (the records here are plain
# named tuples for that reason; typing alone costs a one-shot command ~3 ms, the
# dataclasses module ~8). Names below are for annotations only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from store.model.promise import Promise, Target
    from store.repository import Repository

AT_RISK_MARGIN = 0.15
PROMISE_STATES = ("on_track", "at_risk", "kept", "partly_kept", "not_kept", "no_target", "not_started")

# How many months one target unit is; "week" counts days and "period" is the count.
_UNIT_MONTHS = {"month": 1, "quarter": 3, "tertial": 4, "term": 6, "year": 12}


def target_total(target: Target | None, start: date | None, end: date | None) -> int | None:
    """The target for the whole period: count × how many ``per`` units the period holds.

    Months are counted as calendar months touched (2026-01-01..2026-12-31 is 12), a
    week is 7 days; the product is rounded half up and never below 1 (the same
    scaling as the follow-up report's ``store.exports.reports.scaled_target``). None when
    there is no target, or a per-unit target and no period to scale it by.
    """
    if target is None or target.count <= 0:
        return None
    if target.per == "week":
        if start is None or end is None:
            return None
        factor = ((end - start).days + 1) / 7
    elif target.per in _UNIT_MONTHS:
        if start is None or end is None:
            return None
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        factor = months / _UNIT_MONTHS[target.per]
    else:  # "period", or a unit we don't know: the count as published
        factor = 1
    return max(1, int(target.count * factor + 0.5))


def elapsed_fraction(start: date | None, end: date | None, today: date) -> float | None:
    """Share of the period gone by, today included, 0..1; None without dates."""
    if start is None or end is None:
        return None
    days = (end - start).days + 1
    return min(1.0, max(0.0, ((today - start).days + 1) / days))


def promise_state(done: int, total: int | None, start: date | None, end: date | None, today: date,
                  verdict: str | None = None) -> str:
    """The rule in the module docstring, first match wins; ``verdict`` is the newest
    evaluation's (done / partly / not_done), used only when there is no target."""
    if total is None:
        from store.rules.outcomes import VERDICT_STATES

        return VERDICT_STATES.get(verdict or "", "no_target")
    if done >= total:
        return "kept"
    if start is not None and today < start:
        return "not_started"
    if end is not None and today > end:
        return "not_kept"
    elapsed = elapsed_fraction(start, end, today)
    if elapsed is not None and done / total < elapsed - AT_RISK_MARGIN:
        return "at_risk"
    return "on_track"


class PromiseProgress(namedtuple(
        "PromiseProgress", "promise target_total done linked active elapsed state outcomes evaluation problems "
        "actions_done", defaults=((), None, (), 0))):
    """A promise's progress: ``target_total`` (None: no target), ``done`` (the achieved
    figure: outcomes plus done linked actions no outcome covers), ``linked`` (ids of
    every linked action, any status), ``active`` (those still open or in progress),
    ``elapsed`` (share of the period gone, or None), ``state`` (one of
    ``PROMISE_STATES``), ``outcomes`` (the recorded outcomes as JSON-ready dicts),
    ``evaluation`` (the newest, as a dict, or None), ``problems`` ((id, title,
    confidential) of the problems it addresses) and ``actions_done`` (the done
    actions counted on their own)."""

    __slots__ = ()

    @property
    def expected(self) -> float | None:
        """How many should be done by now if the work were spread evenly."""
        if self.target_total is None or self.elapsed is None:
            return None
        return self.target_total * self.elapsed

    def to_json(self) -> dict[str, Any]:
        p = self.promise
        expected = self.expected
        return {
            "id": p.id,
            "text": p.text,
            "parties": [x for x in p.parties if x in PARTIES],
            "period": period_label(p),
            "focus_area": p.focus_area or None,
            "target": self.target_total,
            "done": self.done,
            "state": self.state,
            "municipality": p.municipality or None,
            "period_start": p.period_start.isoformat() if p.period_start else None,
            "period_end": p.period_end.isoformat() if p.period_end else None,
            "target_count": p.target.count if p.target else None,
            "target_per": p.target.per if p.target else None,
            "linked": len(self.linked),
            "active": self.active,
            "elapsed": round(self.elapsed, 3) if self.elapsed is not None else None,
            "expected": round(expected, 1) if expected is not None else None,
            "actions_done": self.actions_done,
            "outcomes": [dict(o) for o in self.outcomes],
            "evaluation": dict(self.evaluation) if self.evaluation else None,
            # A confidential problem's title stays out; its number reveals nothing.
            "problems": [{"id": pid, "title": None if secret else title, "confidential": secret}
                         for pid, title, secret in self.problems],
            "other_parties": [x for x in p.parties if x not in PARTIES],
            "municipalities": p.all_municipalities(),
        }


def _progress(promise: Promise, today: date, linked: list[int], done: int, active: int,
              outcomes: tuple = (), evaluation: dict | None = None, problems: tuple = (),
              actions_done: int = 0) -> PromiseProgress:
    total = target_total(promise.target, promise.period_start, promise.period_end)
    verdict = evaluation["verdict"] if evaluation else None
    return PromiseProgress(
        promise=promise,
        target_total=total,
        done=done,
        linked=tuple(linked),
        active=active,
        elapsed=elapsed_fraction(promise.period_start, promise.period_end, today),
        state=promise_state(done, total, promise.period_start, promise.period_end, today, verdict),
        outcomes=outcomes,
        evaluation=evaluation,
        problems=problems,
        actions_done=actions_done,
    )


def _outcome_json(key: str, doc: dict) -> dict:
    return {
        "id": int(key),
        "count": doc.get("count"),
        "text": doc.get("text", ""),
        "date": doc.get("day"),
        "source": doc.get("source") or None,
        "meeting": doc.get("meeting_id"),
        "actions": list(doc.get("action_ids") or ()),
    }


def _tally(repo: Repository, promise_ids: set[int]) -> dict[int, dict[str, Any]]:
    """For each promise its linked action ids, achieved figure, active count, outcomes,
    evaluation and problems."""
    from store.rules.outcomes import achieved

    linked: dict[int, list[int]] = {pid: [] for pid in promise_ids}
    done: dict[int, set[int]] = {pid: set() for pid in promise_ids}
    active: Counter[int] = Counter()
    # From the listing and the yearly summaries: not one action (or year of history) read.
    for pid, by_status in repo.promise_links(set(promise_ids)).items():
        for status, ids in by_status.items():
            linked[pid].extend(ids)
            if status == DONE:
                done[pid] |= ids
            elif status in ACTIVE_STATUSES:
                active[pid] += len(ids)
    outcomes: dict[int, list[tuple[str, dict]]] = {pid: [] for pid in promise_ids}
    for key, doc in repo.outcome_docs().items():
        if doc.get("promise_id") in outcomes:
            outcomes[doc["promise_id"]].append((key, doc))
    evaluations = {pid: repo.evaluation(pid) for pid in promise_ids}
    problems: dict[int, list[tuple[int, str, bool]]] = {pid: [] for pid in promise_ids}
    for measure in repo.measures():
        if measure.kind == "promise" and measure.ref_id in problems:
            for problem in map(repo.problem, measure.problem_ids):
                if problem is not None:
                    problems[measure.ref_id].append((problem.id, problem.title, problem.confidential))
    result = {}
    for pid in promise_ids:
        own_outcomes = sorted(outcomes[pid], key=lambda kv: (kv[1].get("day") or "", int(kv[0])))
        figure, own = achieved([doc for _, doc in own_outcomes], done[pid])
        evaluation = evaluations[pid]
        result[pid] = {
            "linked": sorted(linked[pid]),
            "done": figure,
            "active": active[pid],
            "outcomes": tuple(_outcome_json(key, doc) for key, doc in own_outcomes),
            "evaluation": {
                "verdict": evaluation.verdict,
                "justification": evaluation.justification,
                "date": evaluation.day.isoformat() if evaluation.day else None,
                "meeting": evaluation.meeting_id,
            } if evaluation else None,
            "problems": tuple(sorted(problems[pid])),
            "actions_done": own,
        }
    return result


def promise_progress(repo: Repository, promise: Promise, today: date | None = None) -> PromiseProgress:
    today = today or clock.today()
    return _progress(promise, today, **_tally(repo, {promise.id})[promise.id])


def progress_of(repo: Repository, promises: list[Promise], today: date | None = None) -> dict[int, PromiseProgress]:
    """The progress of a few promises by id, in one pass over the actions (the
    lägesbild's measures)."""
    today = today or clock.today()
    tally = _tally(repo, {p.id for p in promises})
    return {p.id: _progress(p, today, **tally[p.id]) for p in promises}


def promises_of_meeting(repo: Repository, forum_id: int, day: date) -> list[Promise]:
    """The promises a meeting of the forum on ``day`` can record an outcome on: those the
    forum follows up first, then the others of its municipality whose period holds the day
    (or that have no dates), each in number order."""
    forum = repo.forum(forum_id)
    promises = repo.promises()
    own = [p for p in promises if p.follow_up_forum_id == forum_id]
    place = forum.municipality.casefold() if forum and forum.municipality else ""
    current = [
        p for p in promises
        if p not in own and place and place in {m.casefold() for m in p.all_municipalities()}
        and p.in_force(day)
    ]
    return own + current


def promise_rows(
    repo: Repository,
    today: date | None = None,
    municipality: str | None = None,
    period: str | None = None,
    party: str | None = None,
    in_force: bool = False,
) -> list[PromiseProgress]:
    """Progress of every promise the filters let through, in ``repo.promises()`` order;
    with ``in_force`` only of those whose period includes ``today``, the only ones that
    can be at risk (the home screen's count needs no other).

    One pass over the actions for all promises. ``municipality`` and ``party``
    ("polisen", "police" …) are matched case-insensitively; an unknown one is a
    UserError, as is a period that cannot be read.
    """
    today = today or clock.today()
    promises = repo.promises()
    if in_force:
        promises = [p for p in promises if p.in_force(today)]
    if municipality:
        known = sorted({m for p in promises for m in p.all_municipalities()})
        wanted = municipality.strip().casefold()
        if wanted not in {m.casefold() for m in known}:
            raise UserError("review.unknown_municipality", name=municipality, known=", ".join(known) or "-")
        # a promise several municipalities share counts for each of them
        promises = [p for p in promises if wanted in {m.casefold() for m in p.all_municipalities()}]
    if period:
        bounds = parse_period(period)
        promises = [p for p in promises if promise_matches_period(p, period, bounds)]
    if party:
        wanted_party = parse_party(party)
        promises = [p for p in promises if wanted_party in p.parties]
    tally = _tally(repo, {p.id for p in promises})
    return [_progress(p, today, **tally[p.id]) for p in promises]


