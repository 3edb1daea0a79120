"""What an agreement and a promise carry besides their text: the agreement's activities
and the signatures (undertecknare) of both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from store.model.base import _d, _iso


@dataclass
class Signatory:
    """Who signed, in which role, for whom and on which day ("Bob Wällberg,
    Kommunstyrelsens ordförande, Nykvarns kommun, 2021-01-11")."""

    name: str
    role: str = ""
    organisation: str = ""
    day: date | None = None

    def to_doc(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "organisation": self.organisation, "day": _iso(self.day)}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Signatory:
        return cls(name=doc.get("name", ""), role=doc.get("role", ""),
                   organisation=doc.get("organisation", ""), day=_d(doc.get("day")))


@dataclass
class AgreementActivity:
    """An activity of a samverkansöverenskommelse. ``key`` numbers it within its
    agreement and never changes, so a measure can point at it."""

    key: int
    text: str
    owner: str = ""  # who carries it out, as written: "kommunen", "polisen och kommunen"
    target: str = ""  # a target as written, if the agreement gives one

    def to_doc(self) -> dict[str, Any]:
        return {"key": self.key, "text": self.text, "owner": self.owner, "target": self.target}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> AgreementActivity:
        return cls(key=doc["key"], text=doc.get("text", ""), owner=doc.get("owner", ""),
                   target=doc.get("target", ""))


def signed_on(signed: date | None, signatories: list[Signatory]) -> date | None:
    """The day a text was signed: as recorded, else the last signature's day (a promise
    is valid once everyone has signed)."""
    if signed is not None:
        return signed
    days = [s.day for s in signatories if s.day]
    return max(days) if days else None
