"""Organisations and people: who sits in a forum and who owns an action."""

from __future__ import annotations

from dataclasses import dataclass

from store.model.base import Model
from store.model.constants import (
    OTHER,
)


@dataclass
class Organisation(Model):
    name: str
    kind: str = OTHER  # police | municipality | fire | other
    municipality: str = ""
    id: int = 0


@dataclass
class Person(Model):
    name: str
    organisation_id: int | None = None
    role: str = ""  # e.g. "lokalpolisområdeschef", "stadsdirektör", "rektor"
    email: str = ""
    id: int = 0
