"""Citizen promises (medborgarlöften) and the actions linked to them."""

from __future__ import annotations

from datetime import date

from store.model.action import Action
from store.model.promise import Promise
from store.repository.base import RepositoryBase
from store.text.i18n import UserError


class PromiseRecords(RepositoryBase):
    def promises(self) -> list[Promise]:
        return sorted(
            self._all("promises").values(),
            key=lambda p: (p.municipality, p.period_start or date.min, p.id),
        )

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

    def actions_of_promise(self, promise_id: int) -> list[Action]:
        self.load_history()
        return [
            Action.from_doc(doc, int(key))
            for key, doc in self._raw("actions").items()
            if doc.get("promise_id") == promise_id
        ]

