"""What came of the promises: outcomes, evaluations, and where follow-ups were
published. Every write is one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from store.model.outcome import PUBLICATION_KINDS, VERDICTS, Evaluation, Outcome, Publication
from store.repository.base import RepositoryBase
from store.rules import clock
from store.text.i18n import UserError


class OutcomeRecords(RepositoryBase):
    # -- outcomes ----------------------------------------------------------------------

    def outcome_docs(self) -> dict[str, Any]:
        """Raw outcome documents by id string: one pass for a listing of every promise."""
        return self._raw("outcomes")

    def outcomes(self, promise_id: int | None = None) -> list[Outcome]:
        """Outcomes (of one promise), oldest first."""
        found = [o for o in self._all("outcomes").values() if promise_id is None or o.promise_id == promise_id]
        return sorted(found, key=lambda o: (o.day or date.min, o.id))

    def outcome(self, outcome_id: int) -> Outcome | None:
        return self._model("outcomes", outcome_id) if outcome_id else None

    def add_outcome(
        self,
        promise_id: int,
        count: int,
        text: str,
        day: date | None = None,
        source: str = "",
        meeting_id: int | None = None,
        action_ids: Iterable[int] = (),
    ) -> Outcome:
        """Record a result on a promise. ``action_ids`` are the promise's actions the
        result stands for (they then do not count again on their own)."""
        if not text.strip():
            raise UserError("outcome.text_missing")
        if count < 0:
            raise UserError("outcome.bad_count", count=count)
        action_ids = list(dict.fromkeys(action_ids))
        with self.transaction():
            if self.promise(promise_id) is None:
                raise UserError("review.unknown_promise", ref=promise_id)
            if meeting_id is not None and self.meeting(meeting_id) is None:
                raise UserError("repo.unknown_meeting", ref=meeting_id)
            for action_id in action_ids:
                action = self.action(action_id)
                if action is None:
                    raise UserError("repo.unknown_action", id=action_id)
                if action.promise_id != promise_id:
                    raise UserError("outcome.action_not_linked", id=action_id, promise=promise_id)
            outcome = Outcome(
                promise_id=promise_id, count=count, text=text.strip(), day=day or clock.today(),
                source=source.strip(), meeting_id=meeting_id, action_ids=action_ids, created=clock.now(),
            )
            return self._insert("outcomes", outcome)

    def delete_outcome(self, outcome_id: int) -> Outcome:
        """Take a recorded outcome back (a mistake); returns what was removed."""
        with self.transaction():
            outcome = self.outcome(outcome_id)
            if outcome is None:
                raise UserError("outcome.unknown", id=outcome_id)
            self._delete("outcomes", outcome_id)
            return outcome

    # -- evaluations -------------------------------------------------------------------

    def evaluations(self, promise_id: int | None = None) -> list[Evaluation]:
        """Evaluations (of one promise), oldest first; every one is kept."""
        found = [e for e in self._all("evaluations").values() if promise_id is None or e.promise_id == promise_id]
        return sorted(found, key=lambda e: (e.day or date.min, e.id))

    def evaluation(self, promise_id: int) -> Evaluation | None:
        """The promise's evaluation: the newest one."""
        found = self.evaluations(promise_id)
        return found[-1] if found else None

    def evaluate(
        self,
        promise_id: int,
        verdict: str,
        justification: str,
        day: date | None = None,
        meeting_id: int | None = None,
    ) -> Evaluation:
        """Judge a promise: done / partly / not_done, with a justification (required:
        a verdict nobody can check is not a follow-up)."""
        if verdict not in VERDICTS:
            raise UserError("outcome.bad_verdict", text=verdict)
        if not justification.strip():
            raise UserError("outcome.justification_missing")
        with self.transaction():
            if self.promise(promise_id) is None:
                raise UserError("review.unknown_promise", ref=promise_id)
            if meeting_id is not None and self.meeting(meeting_id) is None:
                raise UserError("repo.unknown_meeting", ref=meeting_id)
            evaluation = Evaluation(promise_id, verdict, justification.strip(), day or clock.today(),
                                    meeting_id, created=clock.now())
            return self._insert("evaluations", evaluation)

    # -- publications ------------------------------------------------------------------

    def publications(self, kind: str | None = None, period: str | None = None) -> list[Publication]:
        found = [
            p for p in self._all("publications").values()
            if (kind is None or p.kind == kind) and (period is None or p.period == period)
        ]
        return sorted(found, key=lambda p: (p.day or date.min, p.id))

    def record_publication(self, kind: str, period: str, where: str, day: date | None = None,
                           municipality: str = "") -> Publication:
        """Note that a report (or plan) for ``period`` was published at ``where`` on ``day``."""
        if kind not in PUBLICATION_KINDS:
            raise UserError("outcome.bad_publication_kind", kind=kind)
        if not where.strip():
            raise UserError("outcome.where_missing")
        if not period.strip():
            raise UserError("outcome.period_missing")
        publication = Publication(kind, period.strip().upper(), where.strip(), day or clock.today(), municipality.strip())
        with self.transaction():
            return self._insert("publications", publication)
