"""Which table of the store keeps which kind of record."""

from __future__ import annotations

from store.model.action import Action
from store.model.base import Model
from store.model.escalation import Escalation
from store.model.forum import Forum
from store.model.meeting import Entry, Meeting
from store.model.outcome import Evaluation, Outcome, Publication
from store.model.people import Organisation, Person
from store.model.promise import Agreement, Promise
from store.model.situation import ActionPlan, CitizenDialogue, Measure, Problem, SituationPicture

TABLES: dict[str, type[Model]] = {
    "organisations": Organisation,
    "people": Person,
    "forums": Forum,
    "meetings": Meeting,
    "entries": Entry,
    "actions": Action,
    "promises": Promise,
    "agreements": Agreement,
    # The law's cycle: lägesbild, åtgärdsplan, outcomes (store.model.situation, .outcome).
    "problems": Problem,
    "situation_pictures": SituationPicture,
    "citizen_dialogues": CitizenDialogue,
    "measures": Measure,
    "action_plans": ActionPlan,
    "outcomes": Outcome,
    "evaluations": Evaluation,
    "publications": Publication,
    "escalations": Escalation,
}
