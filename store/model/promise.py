"""Citizen promises (medborgarlöften), their targets, and the cooperation agreement
(samverkansöverenskommelse) they belong to."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from store.model.base import Model, _d, _iso
from store.model.signing import AgreementActivity, Signatory


@dataclass
class Target:
    """A measurable promise target: ``count`` times per ``per``.

    ``per`` is one of: period (the whole promise period), year, term, tertial, month, week.
    """

    count: int
    per: str = "period"

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Promise(Model):
    text: str
    municipality: str = ""
    period_label: str = ""  # as published: "2019/2020", "2021-2022"
    period_start: date | None = None
    period_end: date | None = None
    focus_area: str = ""
    # police | municipality | fire, or another party by name as published ("Västtrafik")
    parties: list[str] = field(default_factory=list)
    target: Target | None = None
    follow_up_forum_id: int | None = None
    follow_up_cadence: str = ""  # e.g. "varje tertial"
    expected_effect: str = ""
    agreement_id: int | None = None
    comments: str = ""
    # Every municipality the promise binds (several share a lokalpolisområde); the first is
    # ``municipality``. Stores written before this field have only ``municipality``.
    municipalities: list[str] = field(default_factory=list)
    id: int = 0
    # Signing (added after the fields above; older documents load without them).
    signed: date | None = None
    signatories: list[Signatory] = field(default_factory=list)

    def in_force(self, day: date) -> bool:
        """Whether ``day`` is within the promise's period (an open end is no bound)."""
        return (self.period_start or date.min) <= day <= (self.period_end or date.max)

    def all_municipalities(self) -> list[str]:
        """The municipalities the promise binds, its own first."""
        found = [self.municipality] if self.municipality else []
        return list(dict.fromkeys(found + [m for m in self.municipalities if m]))

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["period_start"] = _iso(self.period_start)
        doc["period_end"] = _iso(self.period_end)
        doc["target"] = self.target.to_doc() if self.target else None
        doc["signed"] = _iso(self.signed)
        doc["signatories"] = [s.to_doc() for s in self.signatories]
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> Promise:
        promise = super().from_doc(doc, doc_id)
        promise.period_start = _d(doc.get("period_start"))
        promise.period_end = _d(doc.get("period_end"))
        target = doc.get("target")
        promise.target = Target(**target) if target else None
        promise.signed = _d(doc.get("signed"))
        promise.signatories = [Signatory.from_doc(s) for s in doc.get("signatories", ())]
        return promise


@dataclass
class Agreement(Model):
    name: str
    municipality: str = ""
    parties: list[str] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    id: int = 0
    # Activities and signing (added after the fields above; older documents load without them).
    activities: list[AgreementActivity] = field(default_factory=list)
    signed: date | None = None
    signatories: list[Signatory] = field(default_factory=list)

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["start"] = _iso(self.start)
        doc["end"] = _iso(self.end)
        doc["activities"] = [a.to_doc() for a in self.activities]
        doc["signed"] = _iso(self.signed)
        doc["signatories"] = [s.to_doc() for s in self.signatories]
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> Agreement:
        agreement = super().from_doc(doc, doc_id)
        agreement.start = _d(doc.get("start"))
        agreement.end = _d(doc.get("end"))
        agreement.activities = [AgreementActivity.from_doc(a) for a in doc.get("activities", ())]
        agreement.signed = _d(doc.get("signed"))
        agreement.signatories = [Signatory.from_doc(s) for s in doc.get("signatories", ())]
        return agreement

    def activity(self, key: int | None) -> AgreementActivity | None:
        return next((a for a in self.activities if a.key == key), None)
