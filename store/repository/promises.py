"""Citizen promises (medborgarlöften) and the actions linked to them.

A promise's number is its id, shown as "L3" (``promise_number``) on the promise
dashboard and typed as ``#3`` or ``#L3`` on a quick-entry line; in a meeting it means
one of the meeting municipality's promises in force on the meeting's day
(``promise_in_force``), and any other gets a sentence saying why not."""

from __future__ import annotations

from datetime import date
from typing import Any

from store.model.action import Action
from store.model.promise import Promise
from store.repository.history import HistoryRecords
from store.text.i18n import UserError, t

SHOWN_IN_SENTENCE = 8  # numbers listed when a #number is refused


def promise_number(promise: Promise) -> str:
    """How people see and type a promise: "L3" (the dashboard, the minutes, ``#L3``)."""
    return t("review.promise_ref", id=promise.id)


class PromiseRecords(HistoryRecords):
    def promises(self) -> list[Promise]:
        return sorted(
            self._all("promises").values(),
            key=lambda p: (p.municipality, p.period_start or date.min, p.id),
        )

    def promise_docs(self) -> dict[str, Any]:
        """Raw promise documents by id string (for scans such as search)."""
        return self._raw("promises")

    def promise(self, promise_id: int | None) -> Promise | None:
        return self._all("promises").get(promise_id) if promise_id else None

    def save_promise(self, promise: Promise) -> Promise:
        if not promise.text.strip():
            raise UserError("repo.empty_text")
        with self.transaction():
            return self._save("promises", promise) if promise.id else self._insert("promises", promise)

    def save_promises(self, promises: list[Promise]) -> list[Promise]:
        with self.transaction():
            return [self._insert("promises", p) for p in promises]

    def find_promise(self, ref: str) -> Promise | None:
        """``#L3`` / ``#3``: a promise by number."""
        digits = "".join(ch for ch in ref if ch.isdigit())
        return self.promise(int(digits)) if digits else None

    def promises_in_force(self, municipality: str, day: date) -> list[Promise]:
        """The municipality's promises whose period includes ``day``, by number."""
        return sorted((p for p in self._all("promises").values()
                       if (not municipality or p.municipality == municipality) and p.in_force(day)),
                      key=lambda p: p.id)

    def promise_in_force(self, ref: str, municipality: str, day: date) -> Promise:
        """The promise ``#ref`` in a meeting of ``municipality`` on ``day``; a sentence when
        there is none, it is another municipality's, or it is not in force that day."""
        promise = self.find_promise(ref)
        if promise is None:
            raise UserError("live.unknown_promise", ref=ref)
        if municipality and promise.municipality and promise.municipality != municipality:
            raise UserError("live.promise_elsewhere", ref=promise_number(promise), elsewhere=promise.municipality,
                            municipality=municipality, date=day.isoformat(),
                            numbers=self._numbers_in_force(municipality, day))
        if not promise.in_force(day):
            key = "live.promise_ahead" if promise.period_start and day < promise.period_start else "live.promise_over"
            raise UserError(key, ref=promise_number(promise), period=promise.period_label or "–",
                            start=promise.period_start, end=promise.period_end, date=day.isoformat(),
                            municipality=municipality or promise.municipality,
                            numbers=self._numbers_in_force(municipality or promise.municipality, day))
        return promise

    def _numbers_in_force(self, municipality: str, day: date) -> str:
        numbers = [promise_number(p) for p in self.promises_in_force(municipality, day)]
        if not numbers:
            return t("live.no_promises_in_force")
        more = len(numbers) - SHOWN_IN_SENTENCE
        return ", ".join(numbers[:SHOWN_IN_SENTENCE]) + (f" (+{more})" if more > 0 else "")

    def actions_of_promise(self, promise_id: int) -> list[Action]:
        """Every action that serves the promise, history's included, by id: found in the
        listing and the yearly summaries, each read from its own year."""
        ids = sorted(set().union(*self.promise_links({promise_id})[promise_id].values()))
        return [action for action in map(self.action, ids) if action is not None]

