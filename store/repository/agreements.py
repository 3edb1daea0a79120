"""The samverkansöverenskommelse's activities, and the signatures of agreements and
promises. Every write is one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from store.model.promise import Agreement, Promise
from store.model.signing import AgreementActivity, Signatory
from store.repository.base import RepositoryBase
from store.text.i18n import UserError


class AgreementRecords(RepositoryBase):
    def agreement(self, agreement_id: int | None) -> Agreement | None:
        return self._model("agreements", agreement_id) if agreement_id else None

    def add_activity(self, agreement_id: int, text: str, owner: str = "", target: str = "") -> AgreementActivity:
        """Add an activity to an agreement; its key is one more than the highest so far."""
        if not text.strip():
            raise UserError("repo.empty_text")
        with self.transaction():
            agreement = self.agreement(agreement_id)
            if agreement is None:
                raise UserError("situation.unknown_agreement", id=agreement_id)
            key = max((a.key for a in agreement.activities), default=0) + 1
            activity = AgreementActivity(key, text.strip(), owner.strip(), target.strip())
            agreement.activities.append(activity)
            self._save("agreements", agreement)
            return activity

    def sign_agreement(self, agreement_id: int, signatories: Iterable[Signatory],
                       signed: date | None = None) -> Agreement:
        """Set who signed the agreement (and when it was signed, if not the last signature's day)."""
        with self.transaction():
            agreement = self.agreement(agreement_id)
            if agreement is None:
                raise UserError("situation.unknown_agreement", id=agreement_id)
            agreement.signatories = _checked(signatories)
            agreement.signed = signed
            return self._save("agreements", agreement)

    def sign_promise(self, promise_id: int, signatories: Iterable[Signatory], signed: date | None = None) -> Promise:
        """Set who signed the promise and on which days."""
        with self.transaction():
            promise = self._model("promises", promise_id)
            if promise is None:
                raise UserError("review.unknown_promise", ref=promise_id)
            promise.signatories = _checked(signatories)
            promise.signed = signed
            return self._save("promises", promise)


def _checked(signatories: Iterable[Signatory]) -> list[Signatory]:
    result = list(signatories)
    for signatory in result:
        if not signatory.name.strip():
            raise UserError("situation.signatory_name_missing")
    return result
