"""A forum from what was typed into its form, and its starting values (the other way).

Pure: no Textual, no clock except where a default year is needed, which the caller
may pass in. Bad input raises ``FormError`` (``store.rules.forms.fields``).

Forum fields (all strings, as typed or as chosen in a list)::

    name, kind, municipality, location,
    cadence            weekly | monthly_nth_weekday | times_per_year | per_term | ad_hoc
    weekday            0-6 (Monday = 0) or a Swedish weekday: "måndag", "mån", "tisdagar"
    nth                1-4 or -1 (last); "första" … "fjärde", "sista". Per term: 1-18 or -1
    times              times per year, 1-12
    first_month        1-12 or a month name ("februari", "feb")
    time               HH:MM 00:00-23:59 ("9:00" and "9.00" are read as 09:00)
    duration           minutes, 1-720
    holiday            skip | next_working_day | ignore
    pauses             "sommaruppehåll 07-01–07-31; skolloven" (store.rules.pauses)
    chair              standing_person | standing_org | rotating
    chair_person       person id or exact name      (standing_person)
    chair_organisation organisation id or exact name (standing_org)
    chair_roles        roles in turn, comma or newline separated (rotating, at least two)
    chair_start_year   the year the first role chairs (rotating; empty: this year)
    confidential       ja/nej, 1/0, true/false; empty: on for SSPF groups
    agenda             one standing agenda item per line
    members            person ids, comma separated

A key that is absent keeps the value of the existing forum (or the default); a key
that is present but empty is a value the user left out. Only the parameters the
chosen cadence and chair rule use are checked, so a half-typed value in a field the
form hides cannot block saving.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from store.model.constants import (
    AD_HOC,
    FORUM_KINDS,
    HOLIDAY_IGNORE,
    HOLIDAY_NEXT_WORKING_DAY,
    HOLIDAY_SKIP,
    MONTHLY_NTH_WEEKDAY,
    PER_TERM,
    ROTATING,
    STANDING_ORG,
    STANDING_PERSON,
    TIMES_PER_YEAR,
    WEEKLY,
)
from store.model.forum import Cadence, ChairRule, Forum
from store.model.people import Organisation, Person
from store.rules import clock
from store.rules.forms.fields import (
    DURATION_MAX,
    FormError,
    agenda_lines,
    bounded,
    parse_month,
    parse_name,
    parse_nth,
    parse_time,
    parse_weekday,
    parse_yes_no,
    role_list,
)
from store.rules.pauses import parse_pauses, pauses_text
from store.text.i18n import UserError, t

R = TypeVar("R", Person, Organisation)

CADENCE_KINDS = (WEEKLY, MONTHLY_NTH_WEEKDAY, TIMES_PER_YEAR, PER_TERM, AD_HOC)
CHAIR_KINDS = (STANDING_PERSON, STANDING_ORG, ROTATING)
HOLIDAY_RULES = (HOLIDAY_SKIP, HOLIDAY_NEXT_WORKING_DAY, HOLIDAY_IGNORE)
SSPF = "sspf"

# Which cadence parameters each kind uses: the form shows these, and only these are checked.
CADENCE_FIELDS: dict[str, tuple[str, ...]] = {
    WEEKLY: ("weekday", "time", "duration"),
    MONTHLY_NTH_WEEKDAY: ("nth", "weekday", "time", "duration"),
    TIMES_PER_YEAR: ("times", "first_month", "nth", "weekday", "time", "duration"),
    PER_TERM: ("nth", "weekday", "time", "duration"),
    AD_HOC: ("time", "duration"),
}
CHAIR_FIELDS: dict[str, tuple[str, ...]] = {
    STANDING_PERSON: ("chair_person",),
    STANDING_ORG: ("chair_organisation",),
    ROTATING: ("chair_roles", "chair_start_year"),
}



def _choice(fields: dict[str, str], key: str, current: str, allowed: tuple[str, ...], error: str,
            label_prefix: str) -> str:
    if key not in fields:
        return current
    value = fields[key].strip()
    if value in allowed:
        return value
    known = ", ".join(t(f"{label_prefix}.{name}") for name in allowed)
    raise FormError(key, error, text=value, known=known)


def _by_id_or_name(text: str, field: str, by_id: Callable[[int], R | None], every: Iterable[R],
                   missing: str, unknown: str) -> R:
    """A person or organisation by its number or its exact name (one sentence if none or several)."""
    raw = text.strip()
    if not raw:
        raise FormError(field, missing)
    found = by_id(int(raw)) if raw.isdigit() else None
    if found is None:
        matches = [item for item in every if item.name.casefold() == raw.casefold()]
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise FormError(field, unknown, text=raw)
    return found


def _person_ref(repo, text: str, field: str) -> Person:
    return _by_id_or_name(text, field, repo.person, repo.people(), "forms.chair_person_missing",
                          "forms.chair_person_unknown")


def _organisation_ref(repo, text: str, field: str) -> Organisation:
    return _by_id_or_name(text, field, repo.organisation, repo.organisations(), "forms.chair_org_missing",
                          "forms.chair_org_unknown")


def cadence_from_input(fields: dict[str, str], base: Cadence | None = None) -> Cadence:
    """Only the cadence part of the forum fields (the form's live preview uses it)."""
    base = base or Cadence()
    kind = _choice(fields, "cadence", base.kind, CADENCE_KINDS, "forms.cadence_unknown", "forums.cadence_kind")
    cadence = Cadence(**{**base.__dict__, "kind": kind})
    used = CADENCE_FIELDS[kind]

    def given(key: str) -> str | None:
        return fields.get(key) if key in used else None

    # Checked in the order the form shows them, so the first sentence is about the top-most field.
    if (value := given("times")) is not None:
        cadence.times = bounded(value, "times", 1, 12, "forms.times_missing", "forms.times_invalid")
    if (value := given("first_month")) is not None:
        cadence.first_month = parse_month(value)
    if (value := given("nth")) is not None:
        cadence.nth = parse_nth(value, kind)
    if (value := given("weekday")) is not None:
        cadence.weekday = parse_weekday(value)
    if (value := given("time")) is not None:
        cadence.time = parse_time(value)
    if (value := given("duration")) is not None:
        cadence.duration_minutes = bounded(
            value, "duration", 1, DURATION_MAX, "forms.duration_missing", "forms.duration_invalid"
        )
    if "pauses" in fields:
        try:
            cadence.pauses = parse_pauses(fields["pauses"])
        except UserError as error:
            raise FormError("pauses", error.key, **error.params) from None
    return cadence


def holiday_from_input(fields: dict[str, str], current: str = HOLIDAY_NEXT_WORKING_DAY) -> str:
    return _choice(fields, "holiday", current, HOLIDAY_RULES, "forms.holiday_unknown", "forums.holiday")


def chair_rule_from_input(fields: dict[str, str], base: ChairRule, repo, today: date | None = None) -> ChairRule:
    """Only the chair part of the forum fields (the form's live preview uses it)."""
    kind = _choice(fields, "chair", base.kind, CHAIR_KINDS, "forms.chair_unknown", "forums.chair_kind")
    rule = ChairRule(kind=kind, person_id=base.person_id, organisation_id=base.organisation_id,
                     roles=list(base.roles), start_year=base.start_year)
    if kind == STANDING_PERSON:
        if "chair_person" in fields:
            person = _person_ref(repo, fields["chair_person"], "chair_person")
            rule.person_id = person.id
            rule.organisation_id = person.organisation_id
        elif repo.person(rule.person_id) is None:
            raise FormError("chair_person", "forms.chair_person_missing")
    elif kind == STANDING_ORG:
        if "chair_organisation" in fields:
            rule.organisation_id = _organisation_ref(repo, fields["chair_organisation"], "chair_organisation").id
        elif repo.organisation(rule.organisation_id) is None:
            raise FormError("chair_organisation", "forms.chair_org_missing")
        rule.person_id = None
    else:
        if "chair_roles" in fields:
            rule.roles = role_list(fields["chair_roles"])
        if not rule.roles:
            raise FormError("chair_roles", "forms.roles_missing")
        if len(rule.roles) < 2:
            raise FormError("chair_roles", "forms.roles_too_few", role=rule.roles[0])
        seen: set[str] = set()
        for role in rule.roles:
            if role.casefold() in seen:
                raise FormError("chair_roles", "forms.roles_repeated", role=role)
            seen.add(role.casefold())
        year_text = fields.get("chair_start_year")
        if year_text is not None:
            if not year_text.strip():
                rule.start_year = (today or clock.today()).year
            else:
                rule.start_year = bounded(year_text, "chair_start_year", 2000, 2100,
                                           "forms.start_year_invalid", "forms.start_year_invalid")
        rule.person_id = None
    return rule


def _members(fields: dict[str, str], current: list[int], repo) -> list[int]:
    if "members" not in fields:
        return list(current)
    ids: list[int] = []
    for part in re.split(r"[,\s]+", fields["members"].strip()):
        if not part:
            continue
        if not part.isdigit() or repo.person(int(part)) is None:
            raise FormError("members", "forms.member_unknown", text=part)
        if int(part) not in ids:
            ids.append(int(part))
    return ids


def forum_from_input(fields: dict[str, str], existing: Forum | None, repo, today: date | None = None) -> Forum:
    """A forum from what was typed; ``existing`` is the forum being edited (None: a new one).

    The result carries ``existing.id``, so ``repo.save_forum`` replaces it.
    """
    base = existing or Forum(name="")
    name = parse_name(fields.get("name", base.name), "forms.name_missing")
    own_id = existing.id if existing else 0
    for other in repo.forums():
        if other.id != own_id and other.name.casefold() == name.casefold():
            raise FormError("name", "forms.name_taken", name=other.name)
    kind = _choice(fields, "kind", base.kind, FORUM_KINDS, "forms.kind_unknown", "forums.kind")
    municipality = " ".join(fields.get("municipality", base.municipality).split())
    if not municipality:
        raise FormError("municipality", "forms.municipality_missing")
    cadence = cadence_from_input(fields, base.cadence)
    holiday = holiday_from_input(fields, base.holiday_rule)
    chair_rule = chair_rule_from_input(fields, base.chair_rule, repo, today)
    default_secret = base.confidential_default if existing else kind == SSPF
    confidential = parse_yes_no(fields.get("confidential", ""), default_secret)
    agenda = agenda_lines(fields["agenda"]) if "agenda" in fields else list(base.standing_agenda)
    return Forum(
        name=name,
        kind=kind,
        municipality=municipality,
        member_ids=_members(fields, base.member_ids, repo),
        cadence=cadence,
        chair_rule=chair_rule,
        holiday_rule=holiday,
        confidential_default=confidential,
        standing_agenda=agenda,
        location=" ".join(fields.get("location", base.location).split()),
        id=own_id,
    )


def forum_fields(forum: Forum | None, repo=None, today: date | None = None) -> dict[str, str]:
    """The form's starting values: the inverse of :func:`forum_from_input`."""
    forum = forum or Forum(name="")
    c, rule = forum.cadence, forum.chair_rule
    new = not forum.id
    return {
        "name": forum.name,
        "kind": forum.kind,
        "municipality": forum.municipality,
        "location": forum.location,
        "cadence": c.kind if not new else WEEKLY,
        "weekday": str(c.weekday),
        "nth": str(c.nth),
        "times": str(c.times),
        "first_month": str(c.first_month),
        "time": c.time,
        "duration": str(c.duration_minutes),
        "holiday": forum.holiday_rule,
        "pauses": pauses_text(c.pauses),
        "chair": rule.kind,
        "chair_person": str(rule.person_id or ""),
        "chair_organisation": str(rule.organisation_id or ""),
        "chair_roles": ", ".join(rule.roles),
        "chair_start_year": str(rule.start_year if rule.roles or not today else today.year),
        "confidential": "ja" if forum.confidential_default else "nej",
        "agenda": "\n".join(forum.standing_agenda),
        "members": ", ".join(str(i) for i in forum.member_ids),
    }
