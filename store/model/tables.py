"""Which table of the store keeps which kind of record."""

from __future__ import annotations

from store.model.action import Action
from store.model.base import Model
from store.model.forum import Forum
from store.model.meeting import Entry, Meeting
from store.model.people import Organisation, Person
from store.model.promise import Agreement, Promise

TABLES: dict[str, type[Model]] = {
    "organisations": Organisation,
    "people": Person,
    "forums": Forum,
    "meetings": Meeting,
    "entries": Entry,
    "actions": Action,
    "promises": Promise,
    "agreements": Agreement,
}
