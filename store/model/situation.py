"""The law's cycle before the promises (lag 2023:196): the lägesbild of a municipality
and year (its problems, an analysis, a version), the medborgardialoger it draws on,
the measures that address each problem, and the åtgärdsplan's decision.

A measure is a promise, an activity of a samverkansöverenskommelse or an action; a
``Measure`` record links one of them to the problem(s) it addresses. A problem
without a measure, or a measure without a problem, is a flag (``store.review.situation``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.model.base import Model, _d, _iso

# Where a problem is known from. "intelligence" is the police's underrättelseinformation
# (Strängnäs 2017 names it); "est" the weekly reports of Effektiv samordning för trygghet.
SOURCE_KINDS = (
    "crime_statistics", "safety_survey", "citizen_dialogue", "staff_dialogue", "est", "intelligence", "other",
)
PROMISE, ACTIVITY, ACTION = "promise", "activity", "action"
MEASURE_KINDS = (PROMISE, ACTIVITY, ACTION)


@dataclass
class Problem(Model):
    """A problem of the lägesbild: what, where, how it is known."""

    title: str
    municipality: str = ""
    year: int = 0
    category: str = ""  # the focus area it belongs to: "Trafik", "Droger"
    area: str = ""  # place or area: "Ronna", "centrala Strängnäs"
    description: str = ""
    sources: list[str] = field(default_factory=list)  # SOURCE_KINDS
    dialogue_ids: list[int] = field(default_factory=list)  # medborgardialoger it comes from
    noted: date | None = None
    confidential: bool = False
    id: int = 0
    DATES = ("noted",)


@dataclass
class SituationVersion:
    """An earlier version of a lägesbild's analysis: kept, never overwritten."""

    version: int
    analysis: str
    other_information: str = ""
    saved: date | None = None

    def to_doc(self) -> dict[str, Any]:
        return {"version": self.version, "analysis": self.analysis,
                "other_information": self.other_information, "saved": _iso(self.saved)}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> SituationVersion:
        return cls(version=doc["version"], analysis=doc.get("analysis", ""),
                   other_information=doc.get("other_information", ""), saved=_d(doc.get("saved")))


@dataclass
class SituationPicture(Model):
    """The lägesbild of one municipality and year: the problems are its mapping; this
    record holds the analysis, other relevant information, the focus areas chosen from
    it, and which version it is (each changed analysis is a new version)."""

    municipality: str
    year: int
    version: int = 1
    analysis: str = ""
    other_information: str = ""
    focus_areas: list[str] = field(default_factory=list)
    saved: date | None = None
    earlier: list[SituationVersion] = field(default_factory=list)
    id: int = 0
    DATES = ("saved",)

    def to_doc(self) -> dict[str, Any]:
        doc = super().to_doc()
        doc["earlier"] = [v.to_doc() for v in self.earlier]
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0) -> SituationPicture:
        picture = super().from_doc(doc, doc_id)
        picture.earlier = [SituationVersion.from_doc(v) for v in doc.get("earlier", ())]
        return picture


@dataclass
class CitizenDialogue(Model):
    """A medborgardialog: when, where, how many took part, what was raised."""

    municipality: str
    year: int
    day: date | None = None
    place: str = ""
    participants: int | None = None
    raised: str = ""
    id: int = 0
    DATES = ("day",)


@dataclass
class Measure(Model):
    """One measure of the åtgärdsplan and the problems it addresses.

    ``kind`` is promise, activity or action; ``ref_id`` the promise's, agreement's or
    action's number; ``activity_key`` which activity of the agreement.
    """

    kind: str
    ref_id: int
    activity_key: int | None = None
    problem_ids: list[int] = field(default_factory=list)
    id: int = 0

    @property
    def ref(self) -> tuple[str, int, int | None]:
        return (self.kind, self.ref_id, self.activity_key)


@dataclass
class ActionPlan(Model):
    """The åtgärdsplan's decision for a municipality and year: which body decided it, when."""

    municipality: str
    year: int
    decided_by: str = ""  # "Kommunstyrelsen", "Chefssamråd Södertälje"
    decided_on: date | None = None
    id: int = 0
    DATES = ("decided_on",)

