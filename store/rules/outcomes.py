"""How far a promise has come, counted from what was recorded (``store.model.outcome``).

**The achieved figure** of a promise is the sum of its recorded outcomes' counts plus
the number of its done linked actions that no outcome *covers*. An outcome covers
exactly the actions it names (``Outcome.action_ids``): those actions are the work the
outcome reports, so they are not counted a second time. An action nobody named counts
one, as before outcomes existed. An outcome that names no action covers none: "303
trafikkontroller" adds 303 and every done linked action still adds its one. Dates
do not change what covers what: a covered action never counts on its own, whatever
period is asked for; the outcome counts in the period of its own date.

**The verdict** of a promise without a number is its newest evaluation: genomfört →
kept, delvis genomfört → partly_kept, ej genomfört → not_kept.

Works on the stored documents (``repo.outcome_docs()``) so a listing of every promise
is one pass over the outcomes, as over the actions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from store.model.outcome import DONE_VERDICT, NOT_DONE, PARTLY, VERDICTS
from store.rules.swedish import NUMBER_WORDS, fold
from store.text.i18n import UserError

VERDICT_STATES = {DONE_VERDICT: "kept", PARTLY: "partly_kept", NOT_DONE: "not_kept"}

_VERDICT_WORDS = {
    DONE_VERDICT: ("done", "genomfört", "kept", "hållet"),
    PARTLY: ("partly", "partly done", "delvis", "delvis genomfört"),
    NOT_DONE: ("not done", "ej genomfört", "inte genomfört", "ej", "inte", "not kept"),
}


def covered_actions(outcomes: Iterable[Mapping[str, Any]]) -> set[int]:
    """Every action some outcome names."""
    return {int(a) for doc in outcomes for a in doc.get("action_ids") or ()}


def outcome_sum(outcomes: Iterable[Mapping[str, Any]]) -> int:
    return sum(int(doc.get("count") or 0) for doc in outcomes)


def achieved(outcomes: Iterable[Mapping[str, Any]], done_actions: Iterable[int],
             covered: set[int] | None = None) -> tuple[int, int]:
    """(achieved figure, how many done actions counted on their own).

    ``covered`` are the actions to leave out, by default those the given outcomes name
    (give all of a promise's outcomes' covered actions when counting only some outcomes,
    e.g. those of one period).
    """
    outcomes = list(outcomes)
    covered = covered_actions(outcomes) if covered is None else covered
    own = sum(1 for action_id in set(done_actions) if action_id not in covered)
    return outcome_sum(outcomes) + own, own


def parse_verdict(text: str) -> str:
    """"genomfört" / "delvis" / "ej genomfört" (or done / partly / not_done)."""
    needle = fold(" ".join(text.replace("_", " ").split()))
    for verdict, words in _VERDICT_WORDS.items():
        if needle in {fold(w) for w in words}:
            return verdict
    raise UserError("outcome.bad_verdict", text=text)


# "40 genomförda hastighetskontroller", "1 200 kontroller": a count first, then words.
_LEADING_COUNT = re.compile(r"(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)\s+(\S.*)")


def parse_outcome_line(text: str) -> tuple[int, str] | None:
    """A result published on a follow-up page as (count, what): "40 genomförda
    hastighetskontroller." → (40, "genomförda hastighetskontroller."), "Två riktade
    narkotikainsatser har genomförts" → (2, …). None when the line does not begin with a
    count: a number further in ("vid minst 200 tillfällen") may be a target or an
    estimate, a year ("2020 års …") is no count, and "en"/"ett" are as often articles,
    so nothing is guessed."""
    line = " ".join(text.split())
    found = _LEADING_COUNT.fullmatch(line)
    if found:
        digits = found.group(1).replace(" ", "").replace("\u00a0", "")
        if len(digits) == 4 and 1900 <= int(digits) <= 2100:
            return None
        return int(digits), found.group(2)
    first, _, rest = line.partition(" ")
    word = first.casefold()
    if word in NUMBER_WORDS and word not in ("en", "ett") and rest:
        return NUMBER_WORDS[word], rest
    return None


__all__ = ["VERDICTS", "VERDICT_STATES", "achieved", "covered_actions", "outcome_sum", "parse_outcome_line",
           "parse_verdict"]
