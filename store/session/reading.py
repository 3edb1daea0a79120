"""One quick-entry line read in its meeting: parsed once, its @owners and #promises
looked up, and every reason it cannot be stored as a sentence.

The same ``Reading`` feeds the live preview and the commit. Rules:

* owners: ``@Anna @polisen`` keeps both when Anna is police; when they do not agree,
  or name two people or two organisations, the line gets a sentence (an action has
  one owner). An @owner on information or a decision gets a sentence too (only an
  action has an owner), so nothing typed is dropped silently.
* promises: ``#3`` is promise 3 if it is the meeting municipality's and in force on
  the meeting's day (``Repository.promise_in_force``); an action serves one promise.
* an owner nobody is called, or several are, is a question (``owner_questions``) the
  secretary answers with an ``OwnerChoice``: someone existing, or a new person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from store.model.forum import Forum
from store.model.meeting import Meeting
from store.model.people import Organisation, Person
from store.model.promise import Promise
from store.repository import Repository
from store.repository.lines import LineWrite
from store.repository.promises import promise_number
from store.rules.quickentry import ACTION, QuickEntry, parse_quick_entry
from store.text.i18n import UserError


@dataclass
class OwnerChoice:
    """The answer to "who is @token?": someone existing, or a new person."""

    person_id: int | None = None
    organisation_id: int | None = None
    new_name: str = ""
    new_organisation_id: int | None = None

    @property
    def is_new(self) -> bool:
        return bool(self.new_name)


@dataclass
class Reading:
    text: str                    # as typed
    entry: QuickEntry
    seq: int                     # the store's state it was read against
    person: Person | None = None
    organisation: Organisation | None = None
    promises: list[Promise] = field(default_factory=list)
    unknown_owners: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    problem: UserError | None = None  # what keeps it from being stored, owner questions aside
    new_people: list[Person] = field(default_factory=list)

    @property
    def owner_questions(self) -> list[str]:
        """The @owners still to be answered, ambiguous ones first."""
        return [*self.ambiguous, *self.unknown_owners]

    @property
    def ok(self) -> bool:
        return self.error() is None

    def error(self) -> UserError | None:
        """The first reason the line cannot be stored as it stands, or None."""
        if not self.entry.ok:
            return UserError(self.entry.error or "live.unreadable", **self.entry.error_params)
        if self.problem is not None:
            return self.problem
        if self.ambiguous:
            token, names = next(iter(self.ambiguous.items()))
            return UserError("live.ambiguous_owner", owner=token, names=", ".join(names))
        if self.unknown_owners:
            return UserError("live.unknown_owner", owner=self.unknown_owners[0])
        return None

    def write(self, agenda_key: int | None = None) -> LineWrite:
        problem = self.error()
        if problem is not None:
            raise problem
        entry = self.entry
        return LineWrite(
            kind=entry.kind,
            text=entry.text,
            confidential=True if entry.confidential else None,  # None: the forum's default
            owner_person_id=self.person.id if self.person else None,
            owner_organisation_id=self.organisation.id if self.organisation else None,
            due=entry.due,
            promise_ids=[p.id for p in self.promises],
            agenda_key=agenda_key,
            new_people=list(self.new_people),
        )


def read_line(repo: Repository, meeting: Meeting, forum: Forum | None, text: str, today: date,
              choices: dict[str, OwnerChoice] | None = None, allow_past: bool = False) -> Reading:
    """Parse ``text`` and resolve it in ``meeting`` (``choices`` answer owner questions)."""
    reading = Reading(text, parse_quick_entry(text, today, allow_past), repo.storage.seq)
    if not reading.entry.ok:
        return reading
    try:
        _read_owners(repo, reading, forum, choices or {})
        _read_promises(repo, reading, forum, meeting.day)
    except UserError as problem:
        reading.problem = problem
    return reading


def _read_owners(repo: Repository, reading: Reading, forum: Forum | None, choices: dict[str, OwnerChoice]) -> None:
    entry = reading.entry
    if entry.owners and entry.kind != ACTION:
        raise UserError("live.owner_on_entry", owner=entry.owners[0])
    people: dict[int, Person] = {}
    named_orgs: dict[int, Organisation] = {}
    for token in entry.owners:
        choice = choices.get(token)
        if choice is not None:
            person, org = _chosen(repo, reading, choice)
        else:
            person, org, candidates = repo.find_owner(token, forum.municipality if forum else None, forum)
            if person is None and org is None:
                if candidates:
                    reading.ambiguous[token] = candidates
                else:
                    reading.unknown_owners.append(token)
                continue
        if person is not None:
            people[person.id] = person
        elif org is not None:
            named_orgs[org.id] = org
    if len(people) > 1 or len(named_orgs) > 1:
        first, second = [*(p.name for p in people.values()), *(o.name for o in named_orgs.values())][:2]
        raise UserError("live.two_owners", first=first, second=second)
    person = next(iter(people.values()), None)
    named = next(iter(named_orgs.values()), None)
    own = repo.organisation(person.organisation_id) if person else None
    if person is not None and named is not None and own is not None and own.id != named.id:
        raise UserError("live.owners_disagree", person=person.name, person_organisation=own.name,
                        organisation=named.name)
    reading.person = person
    reading.organisation = named or own


def _chosen(repo: Repository, reading: Reading, choice: OwnerChoice) -> tuple[Person | None, Organisation | None]:
    if choice.is_new:
        person = Person(name=choice.new_name, organisation_id=choice.new_organisation_id)
        reading.new_people.append(person)  # stored with the line, in its transaction
        return None, repo.organisation(choice.new_organisation_id)
    person = repo.person(choice.person_id)
    return person, repo.organisation(choice.organisation_id) if person is None else None


def _read_promises(repo: Repository, reading: Reading, forum: Forum | None, day: date) -> None:
    municipality = forum.municipality if forum else ""
    found: dict[int, Promise] = {}
    for ref in reading.entry.promise_refs:
        promise = repo.promise_in_force(ref, municipality, day)
        found.setdefault(promise.id, promise)
    if reading.entry.kind == ACTION and len(found) > 1:
        first, second = [promise_number(p) for p in found.values()][:2]
        raise UserError("live.two_promises", first=first, second=second)
    reading.promises = list(found.values())
