"""Names a chair types on the command line (``--owner``, ``--org``, ``--promise``)
looked up in the store, with one sentence when there is no single match."""

from __future__ import annotations

from store.rules.names import by_name
from store.text.i18n import UserError

# ``samverkan actions --open`` reads ``store.persistence.listing`` and must start fast: it loads
# neither TinyDB nor the models' dataclasses nor typing (the records here are plain
# named tuples for that reason; typing alone costs a one-shot command ~3 ms, the
# dataclasses module ~8). Names below are for annotations only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from store.model.people import Organisation
    from store.model.promise import Promise
    from store.repository import Repository


def resolve_owner(repo: Repository, name: str) -> tuple[int | None, int | None]:
    """(person id, organisation id) for ``--owner``: a person, else an organisation.

    When the name is an organisation (or a kind word like "polisen"), the person id
    is None and the caller filters on the organisation.
    """
    person, org, candidates = repo.find_owner(name)
    if person is not None:
        return person.id, None
    if org is not None:
        return None, org.id
    if candidates:
        raise UserError("review.ambiguous_owner", name=name, names=", ".join(candidates))
    raise UserError("review.unknown_owner", name=name)


def find_organisation(repo: Repository, name: str) -> Organisation:
    """An organisation by id, exact name, unique part of the name, or kind word."""
    orgs = repo.organisations()
    needle = name.strip().casefold()
    if needle.isdigit():
        org = repo.organisation(int(needle))
        if org:
            return org
    exact = [o for o in orgs if o.name.casefold() == needle]
    if len(exact) == 1:
        return exact[0]
    partial = [o for o in orgs if needle and needle in o.name.casefold()]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        _, org, _ = repo.find_owner(name)
        if org is not None:
            return org
    known = ", ".join(o.name for o in (partial or orgs)) or "-"
    key = "review.ambiguous_org" if len(partial) > 1 else "review.unknown_org"
    raise UserError(key, name=name, known=known)


def resolve_promise(repo: Repository, ref: str) -> Promise:
    """``L3`` / ``3``: a promise by number (the store, or the open-work listing)."""
    digits = "".join(ch for ch in ref if ch.isdigit())
    promise = repo.promise(int(digits)) if digits else None
    if promise is None:
        raise UserError("review.unknown_promise", ref=ref)
    return promise


def find_forum(repo: Repository, name: str) -> Any:
    """A forum by number or name (the store, or the open-work listing's names)."""
    return by_name(repo.forums(), name, "repo.unknown_forum", "repo.ambiguous_forum")


