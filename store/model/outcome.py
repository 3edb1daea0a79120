"""What came of a promise: recorded outcomes (utfall), the evaluation (bedömning) of a
promise, and where and when a follow-up was published."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from store.model.base import Model

DONE_VERDICT, PARTLY, NOT_DONE = "done", "partly", "not_done"  # genomfört / delvis / ej genomfört
VERDICTS = (DONE_VERDICT, PARTLY, NOT_DONE)
PUBLICATION_KINDS = ("report", "plan")


@dataclass
class Outcome(Model):
    """A result recorded on a promise: "303 trafikkontroller", "11 riktade insatser".

    ``action_ids`` are the done actions this outcome stands for: they are not counted
    again on their own (``store.rules.outcomes``).
    """

    promise_id: int
    count: int
    text: str
    day: date | None = None
    source: str = ""  # "Polisens insatsrapporter", "trygghetsmätningen 2026"
    meeting_id: int | None = None
    action_ids: list[int] = field(default_factory=list)
    created: datetime | None = None
    id: int = 0
    DATES = ("day",)
    INSTANTS = ("created",)


@dataclass
class Evaluation(Model):
    """A judgement of a promise: genomfört, delvis genomfört or ej genomfört, and why.

    Every evaluation is kept; the newest is the promise's evaluation.
    """

    promise_id: int
    verdict: str
    justification: str
    day: date | None = None
    meeting_id: int | None = None
    created: datetime | None = None
    id: int = 0
    DATES = ("day",)
    INSTANTS = ("created",)


@dataclass
class Publication(Model):
    """Where and when a follow-up report or a plan was published (polisen.se, the
    municipality's site). ``period`` is the report's ("2026-T1", "2026")."""

    kind: str
    period: str
    where: str
    day: date | None = None
    municipality: str = ""
    id: int = 0
    DATES = ("day",)

