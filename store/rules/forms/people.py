"""A person from the person form (and a new organisation typed by name), saved together."""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.model.constants import FIRE, MUNICIPALITY, OTHER, POLICE
from store.model.people import Organisation, Person
from store.rules.forms.fields import FormError, fold_words, parse_name


@dataclass
class PersonDraft:
    """A person to save; ``new_organisation`` is saved first when the organisation was typed new."""

    person: Person
    new_organisation: Organisation | None = None


def guess_organisation_kind(name: str) -> str:
    word = fold_words(name)
    if "polis" in word:
        return POLICE
    if "brand" in word or "raddning" in word:
        return FIRE
    if "kommun" in word or word.endswith(" stad"):
        return MUNICIPALITY
    return OTHER


def person_from_input(fields: dict[str, str], existing: Person | None, repo) -> PersonDraft:
    """A person from name, organisation (id, or a name: a new one is made), role and e-mail."""
    base = existing or Person(name="")
    name = parse_name(fields.get("name", base.name), "forms.person_name_missing")
    org_id, new_org = base.organisation_id, None
    if "organisation" in fields:
        raw = " ".join(fields["organisation"].split())
        org_id = None
        if raw.isdigit():
            if repo.organisation(int(raw)) is None:
                raise FormError("organisation", "forms.organisation_unknown", text=raw)
            org_id = int(raw)
        elif raw:
            known = [o for o in repo.organisations() if o.name.casefold() == raw.casefold()]
            if known:
                org_id = known[0].id
            else:
                new_org = Organisation(name=raw, kind=guess_organisation_kind(raw),
                                       municipality=" ".join(fields.get("municipality", "").split()))
    own_id = existing.id if existing else 0
    if new_org is None:
        for other in repo.people():
            if other.id != own_id and other.name.casefold() == name.casefold() \
                    and other.organisation_id == org_id:
                org = repo.organisation(org_id)
                key = "forms.person_exists" if org else "forms.person_exists_no_org"
                raise FormError("name", key, name=other.name, organisation=org.name if org else "")
    email = fields.get("email", base.email).strip()
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise FormError("email", "forms.email_invalid", text=email)
    person = Person(name=name, organisation_id=org_id, role=" ".join(fields.get("role", base.role).split()),
                    email=email, id=own_id)
    return PersonDraft(person, new_org)


def save_person_draft(repo, draft: PersonDraft) -> Person:
    """Save the new organisation (if any) and the person in one transaction."""
    with repo.transaction():
        if draft.new_organisation is not None:
            org = repo.save_organisation(draft.new_organisation)
            draft.person.organisation_id = org.id
            draft.new_organisation = None
        return repo.save_person(draft.person)
