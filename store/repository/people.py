"""Organisations, people and agreements; an @owner looked up by name, prefix or kind word."""

from __future__ import annotations

from store.model.forum import Forum
from store.model.people import Organisation, Person
from store.model.promise import Agreement
from store.repository.base import RepositoryBase
from store.rules import quick_words
from store.rules.swedish import fold

# Kind words (``quick_words``: "@polisen", in English also "@police") name the police
# organisation, the meeting's own municipality's when several share the store. Member
# words name parts of a municipality that sit in a forum as members: "@skolan" in an
# SSPF group is the school among its members, "@socialtjänsten" and "@fritid" the
# organisation of its social services' and youth centre's people. Those are read from
# the words of each member's role and organisation name, folded (å ä ö → a a o): a word
# that starts with one of the first or is one of the second.
MEMBER_MARKS = {
    "school": (("skol",), ("rektor", "larare", "specialpedagog")),
    "social": (("social", "falt"), ("socionom",)),
    "youth": (("fritid",), ("fritidsledare",)),
}


class PeopleRecords(RepositoryBase):
    def organisations(self) -> list[Organisation]:
        return sorted(self._all("organisations").values(), key=lambda o: o.name.lower())

    def organisation(self, org_id: int | None) -> Organisation | None:
        return self._all("organisations").get(org_id) if org_id else None

    def save_organisation(self, org: Organisation) -> Organisation:
        with self.transaction():
            return self._save("organisations", org) if org.id else self._insert("organisations", org)

    def people(self) -> list[Person]:
        return sorted(self._all("people").values(), key=lambda p: p.name.lower())

    def person(self, person_id: int | None) -> Person | None:
        return self._all("people").get(person_id) if person_id else None

    def save_person(self, person: Person) -> Person:
        with self.transaction():
            return self._save("people", person) if person.id else self._insert("people", person)

    def agreements(self) -> list[Agreement]:
        return list(self._all("agreements").values())

    def save_agreement(self, agreement: Agreement) -> Agreement:
        with self.transaction():
            if agreement.id:
                return self._save("agreements", agreement)
            return self._insert("agreements", agreement)

    def find_owner(
        self, token: str, municipality: str | None = None, forum: Forum | None = None
    ) -> tuple[Person | None, Organisation | None, list[str]]:
        """Resolve an ``@token``: a person or an organisation by name, prefix or kind word.

        ``@kommunen`` (``@municipality`` in English) means the municipality of the
        meeting's forum when several municipalities share the store, so
        ``municipality`` narrows kind words; in
        ``forum``, ``@skolan``, ``@socialtjänsten`` and ``@fritid`` mean the
        organisation of the members who are the school, social services, youth centre.

        Returns (person, organisation, candidates); candidates lists names when the
        token is ambiguous, and all three are empty when nothing matches.
        """
        needle = token.strip().lower().replace("_", " ")
        if not needle:
            return None, None, []
        orgs = self.organisations()
        for org in orgs:
            if org.name.lower() == needle:
                return None, org, []
        if forum is not None:
            found = self._member_organisations(needle, forum)
            if len(found) == 1:
                return None, found[0], []
            if found:
                return None, None, [o.name for o in found]
        kind_matches = [o for o in orgs if needle in quick_words.words().owner_kinds.get(o.kind, ())]
        if len(kind_matches) > 1 and municipality:
            local = [o for o in kind_matches if o.municipality == municipality]
            kind_matches = local or kind_matches
        if len(kind_matches) == 1:
            return None, kind_matches[0], []
        people = self.people()
        exact = [p for p in people if p.name.lower() == needle]
        if len(exact) == 1:
            return exact[0], self.organisation(exact[0].organisation_id), []
        first_names = [p for p in people if p.name.lower().split()[0] == needle]
        if len(first_names) == 1:
            return first_names[0], self.organisation(first_names[0].organisation_id), []
        prefix = [p for p in people if p.name.lower().startswith(needle)]
        org_prefix = [o for o in orgs if o.name.lower().startswith(needle)]
        if len(prefix) == 1 and not org_prefix:
            return prefix[0], self.organisation(prefix[0].organisation_id), []
        if len(org_prefix) == 1 and not prefix:
            return None, org_prefix[0], []
        candidates = [p.name for p in first_names or prefix] + [o.name for o in org_prefix]
        candidates += [o.name for o in kind_matches]
        return None, None, candidates


    def _member_organisations(self, needle: str, forum: Forum) -> list[Organisation]:
        """The organisations of ``forum``'s members that a member word names."""
        kind = next((k for k, names in quick_words.words().member_kinds.items() if needle in names), None)
        if kind is None:
            return []
        found: dict[int, Organisation] = {}
        for person_id in forum.member_ids:
            person = self.person(person_id)
            org = self.organisation(person.organisation_id) if person else None
            if org is None:
                continue
            starts, whole = MEMBER_MARKS[kind]
            words = fold(person.role).split()
            school_name = kind == "school" and ("skola" in fold(org.name))
            if school_name or any(w.startswith(starts) or w in whole for w in words):
                found[org.id] = org
        return sorted(found.values(), key=lambda o: o.name.lower())
