"""Live logging: one quick-entry line becomes one durable commit.

The command line's ``log`` and the TUI's input line both come through here, so the
same text is read the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.model.action import Action
from store.model.constants import DECISION, INFO
from store.model.meeting import Entry, Meeting
from store.model.people import Organisation, Person
from store.model.promise import Promise
from store.repository import Repository
from store.rules.quickentry import QuickEntry, parse_quick_entry
from store.text.i18n import UserError


@dataclass
class Resolved:
    """A parsed line with its @owners and #promises looked up in the store."""

    entry: QuickEntry
    person: Person | None = None
    organisation: Organisation | None = None
    promise: Promise | None = None
    unknown_owners: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    unknown_promises: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.entry.ok
            and not self.unknown_owners
            and not self.ambiguous
            and not self.unknown_promises
        )

    def error(self) -> UserError | None:
        if not self.entry.ok:
            return UserError(self.entry.error or "live.unreadable", **self.entry.error_params)
        if self.ambiguous:
            token, names = next(iter(self.ambiguous.items()))
            return UserError("live.ambiguous_owner", owner=token, names=", ".join(names))
        if self.unknown_owners:
            return UserError("live.unknown_owner", owner=self.unknown_owners[0])
        if self.unknown_promises:
            return UserError("live.unknown_promise", ref=self.unknown_promises[0])
        return None


def resolve(repo: Repository, entry: QuickEntry, meeting: Meeting | None = None) -> Resolved:
    resolved = Resolved(entry)
    forum = repo.forum(meeting.forum_id) if meeting else None
    for token in entry.owners:
        person, org, candidates = repo.find_owner(token, forum.municipality if forum else None)
        if person is None and org is None:
            if candidates:
                resolved.ambiguous[token] = candidates
            else:
                resolved.unknown_owners.append(token)
            continue
        if person is not None and resolved.person is None:
            resolved.person = person
        if org is not None and resolved.organisation is None:
            resolved.organisation = org
    for ref in entry.promise_refs:
        promise = repo.find_promise(ref)
        if promise is None:
            resolved.unknown_promises.append(ref)
        elif resolved.promise is None:
            resolved.promise = promise
    return resolved


def commit(
    repo: Repository, meeting: Meeting, resolved: Resolved, agenda_key: int | None = None
) -> Entry | Action:
    """Store one resolved line: an entry or an action. Raises UserError when unreadable."""
    problem = resolved.error()
    if problem is not None:
        raise problem
    entry = resolved.entry
    confidential = True if entry.confidential else None  # None: the forum's default
    if entry.kind == "action":
        return repo.add_action(
            meeting,
            entry.text,
            owner_person_id=resolved.person.id if resolved.person else None,
            owner_organisation_id=resolved.organisation.id if resolved.organisation else None,
            due=entry.due,
            promise_id=resolved.promise.id if resolved.promise else None,
            confidential=confidential,
            agenda_key=agenda_key,
        )
    kind = DECISION if entry.kind == DECISION else INFO
    promise_ids = [resolved.promise.id] if resolved.promise else []
    return repo.add_entry(
        meeting, kind, entry.text, confidential=confidential, agenda_key=agenda_key, promise_ids=promise_ids
    )


def commit_quick_entry(
    repo: Repository,
    meeting: Meeting,
    line: str,
    today: date,
    create_owners: bool = False,
    agenda_key: int | None = None,
) -> dict[str, Any]:
    """Parse, resolve and store ``line``; the command line's ``log``. Returns its JSON."""
    resolved = resolve(repo, parse_quick_entry(line, today), meeting)
    if create_owners and resolved.unknown_owners and resolved.entry.ok:
        with repo.transaction():
            for token in resolved.unknown_owners:
                person = repo.save_person(Person(name=token.replace("_", " ")))
                resolved.person = resolved.person or person
            resolved.unknown_owners = []
            stored = commit(repo, meeting, resolved, agenda_key)
    else:
        stored = commit(repo, meeting, resolved, agenda_key)
    kind = "action" if isinstance(stored, Action) else stored.kind
    return {
        "id": stored.id,
        "kind": kind,
        "meeting": meeting.id,
        "text": stored.text,
        "confidential": stored.confidential,
        "due": stored.due.isoformat() if isinstance(stored, Action) and stored.due else None,
        "owner": resolved.person.name if resolved.person else None,
        "organisation": resolved.organisation.name if resolved.organisation else None,
        "promise": resolved.promise.id if resolved.promise else None,
    }
