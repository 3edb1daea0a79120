"""What a user typed into a form, turned into model objects, and models back into words.

Every function here is pure (no Textual, no clock except where a default year or
day is needed, which the caller may pass in). Bad input raises :class:`FormError`:
one sentence from the catalogue saying what is wrong and what to write instead,
plus the name of the field it is about, so a form can put the cursor there.

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

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from store.model.constants import (
    AD_HOC,
    FIRE,
    FORUM_KINDS,
    HOLIDAY_IGNORE,
    HOLIDAY_NEXT_WORKING_DAY,
    HOLIDAY_SKIP,
    MONTHLY_NTH_WEEKDAY,
    MUNICIPALITY,
    OTHER,
    PER_TERM,
    PLANNED,
    POLICE,
    ROTATING,
    STANDING_ORG,
    STANDING_PERSON,
    TIMES_PER_YEAR,
    TZ,
    WEEKLY,
)
from store.model.forum import Cadence, ChairRule, Forum
from store.model.meeting import AgendaItem, Meeting
from store.model.people import Organisation, Person
from store.rules import calendar as cal
from store.rules import clock
from store.rules.swedish import fold
from store.text.i18n import UserError, t

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

NAME_MAX = 100
DURATION_MAX = 720
# A school term has 18 to 22 school weeks (see store.rules.calendar): the 18th weekday always exists.
TERM_NTH_MAX = 18
ORDINALS = (1, 2, 3, 4, -1)

_WEEKDAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_WEEKDAY_WORDS = {
    "man": 0, "tis": 1, "ons": 2, "tor": 3, "tors": 3, "fre": 4, "lor": 5, "son": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_MONTH_WORDS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_ORDINAL_WORDS = {"forsta": 1, "andra": 2, "tredje": 3, "fjarde": 4, "sista": -1}
_YES = {"1", "ja", "j", "true", "on", "yes", "y"}
_NO = {"0", "nej", "n", "false", "off", "no"}
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})|(\d{2})(\d{2})")
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")


class FormError(UserError):
    """A field's value cannot be used: the sentence, and which field it is about."""

    def __init__(self, field: str, key: str, **params: object):
        super().__init__(key, **params)
        self.field = field


def _fold(text: str) -> str:
    return " ".join(fold(text).split())


# -- single values ----------------------------------------------------------------


def parse_time(text: str, field: str = "time") -> str:
    """"13:00", "9:00", "9.00", "0900" → "HH:MM"; anything outside 00:00-23:59 is refused."""
    raw = text.strip()
    if not raw:
        raise FormError(field, "forms.time_missing")
    match = _TIME.fullmatch(raw)
    if match:
        hour, minute = (int(match[1]), int(match[2])) if match[1] else (int(match[3]), int(match[4]))
        if hour <= 23 and minute <= 59:
            return f"{hour:02d}:{minute:02d}"
    raise FormError(field, "forms.time_invalid", text=raw)


def parse_weekday(text: str, field: str = "weekday") -> int:
    """0-6 (Monday = 0) or a Swedish weekday name, with or without å/ä/ö."""
    raw = text.strip()
    if not raw:
        raise FormError(field, "forms.weekday_missing")
    if raw.lstrip("-").isdigit():
        if 0 <= int(raw) <= 6:
            return int(raw)
        raise FormError(field, "forms.weekday_unknown", text=raw)
    word = _fold(raw).removeprefix("pa ").rstrip(".")
    names = [_fold(name) for name in _WEEKDAY_NAMES]
    for candidate in (word, word.removesuffix("ar"), word.removesuffix("en")):
        if candidate in names:
            return names.index(candidate)
        if candidate in _WEEKDAY_WORDS:
            return _WEEKDAY_WORDS[candidate]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.75)
    if close:
        suggestion = t(f"calendar.weekday.{names.index(close[0])}")
        raise FormError(field, "forms.weekday_close", text=raw, suggestion=suggestion)
    raise FormError(field, "forms.weekday_unknown", text=raw)


def _int(text: str) -> int | None:
    raw = text.strip()
    return int(raw) if re.fullmatch(r"[-+]?\d{1,6}", raw) else None


def parse_nth(text: str, cadence_kind: str = MONTHLY_NTH_WEEKDAY, field: str = "nth") -> int:
    """Which weekday of the month (1-4, -1 last) or of the term (1-18, -1)."""
    raw = text.strip()
    per_term = cadence_kind == PER_TERM
    key = "forms.nth_invalid_term" if per_term else "forms.nth_invalid"
    if not raw:
        raise FormError(field, key.replace("invalid", "missing"))
    value = _int(raw)
    if value is None:
        value = _ORDINAL_WORDS.get(_fold(raw).rstrip("."))
    top = TERM_NTH_MAX if per_term else 4
    if value is not None and (1 <= value <= top or value == -1):
        return value
    raise FormError(field, key, text=raw)


def _bounded(text: str, field: str, low: int, high: int, missing: str, invalid: str) -> int:
    raw = text.strip()
    if not raw:
        raise FormError(field, missing)
    value = _int(raw)
    if value is None or not low <= value <= high:
        raise FormError(field, invalid, text=raw)
    return value


def parse_month(text: str, field: str = "first_month") -> int:
    raw = text.strip()
    word = _fold(raw).rstrip(".")
    if word in _MONTH_WORDS:
        return _MONTH_WORDS[word]
    return _bounded(raw, field, 1, 12, "forms.first_month_missing", "forms.first_month_invalid")


def parse_yes_no(text: str, default: bool, field: str = "confidential") -> bool:
    word = _fold(text)
    if not word:
        return default
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise FormError(field, "forms.confidential_invalid", text=text.strip())


def agenda_lines(text: str) -> list[str]:
    """One item per line; empty lines, bullets and typed numbers ("1.") are dropped."""
    items = []
    for line in text.splitlines():
        item = _BULLET.sub("", line).strip()
        if item:
            items.append(item)
    return items


def role_list(text: str) -> list[str]:
    return [role.strip() for role in re.split(r"[,;\n]|\s+→\s+|\s+->\s+", text) if role.strip()]


# -- forums -----------------------------------------------------------------------


def _choice(fields: dict[str, str], key: str, current: str, allowed: tuple[str, ...], error: str,
            label_prefix: str) -> str:
    if key not in fields:
        return current
    value = fields[key].strip()
    if value in allowed:
        return value
    known = ", ".join(t(f"{label_prefix}.{name}") for name in allowed)
    raise FormError(key, error, text=value, known=known)


def _person_ref(repo, text: str, field: str) -> Person:
    raw = text.strip()
    if not raw:
        raise FormError(field, "forms.chair_person_missing")
    person = repo.person(int(raw)) if raw.isdigit() else None
    if person is None:
        matches = [p for p in repo.people() if p.name.casefold() == raw.casefold()]
        person = matches[0] if len(matches) == 1 else None
    if person is None:
        raise FormError(field, "forms.chair_person_unknown", text=raw)
    return person


def _organisation_ref(repo, text: str, field: str) -> Organisation:
    raw = text.strip()
    if not raw:
        raise FormError(field, "forms.chair_org_missing")
    org = repo.organisation(int(raw)) if raw.isdigit() else None
    if org is None:
        matches = [o for o in repo.organisations() if o.name.casefold() == raw.casefold()]
        org = matches[0] if len(matches) == 1 else None
    if org is None:
        raise FormError(field, "forms.chair_org_unknown", text=raw)
    return org


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
        cadence.times = _bounded(value, "times", 1, 12, "forms.times_missing", "forms.times_invalid")
    if (value := given("first_month")) is not None:
        cadence.first_month = parse_month(value)
    if (value := given("nth")) is not None:
        cadence.nth = parse_nth(value, kind)
    if (value := given("weekday")) is not None:
        cadence.weekday = parse_weekday(value)
    if (value := given("time")) is not None:
        cadence.time = parse_time(value)
    if (value := given("duration")) is not None:
        cadence.duration_minutes = _bounded(
            value, "duration", 1, DURATION_MAX, "forms.duration_missing", "forms.duration_invalid"
        )
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
                rule.start_year = _bounded(year_text, "chair_start_year", 2000, 2100,
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
    name = " ".join(fields.get("name", base.name).split())
    if not name:
        raise FormError("name", "forms.name_missing")
    if len(name) > NAME_MAX:
        raise FormError("name", "forms.name_too_long", length=len(name), max=NAME_MAX)
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
        "chair": rule.kind,
        "chair_person": str(rule.person_id or ""),
        "chair_organisation": str(rule.organisation_id or ""),
        "chair_roles": ", ".join(rule.roles),
        "chair_start_year": str(rule.start_year if rule.roles or not today else today.year),
        "confidential": "ja" if forum.confidential_default else "nej",
        "agenda": "\n".join(forum.standing_agenda),
        "members": ", ".join(str(i) for i in forum.member_ids),
    }


# -- people -----------------------------------------------------------------------


@dataclass
class PersonDraft:
    """A person to save; ``new_organisation`` is saved first when the organisation was typed new."""

    person: Person
    new_organisation: Organisation | None = None


def guess_organisation_kind(name: str) -> str:
    word = _fold(name)
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
    name = " ".join(fields.get("name", base.name).split())
    if not name:
        raise FormError("name", "forms.person_name_missing")
    if len(name) > NAME_MAX:
        raise FormError("name", "forms.name_too_long", length=len(name), max=NAME_MAX)
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


# -- a meeting outside the series -------------------------------------------------


def parse_meeting_date(text: str, today: date, field: str = "date") -> date:
    """ISO (past dates too: a meeting held last week can be booked afterwards), or the
    Swedish forms of the quick-entry line: idag, imorgon, fredag, 1/12, 3 dec, v. 50."""
    from store.rules.quickentry import DateParseError, parse_due_date

    raw = " ".join(text.split())
    if not raw:
        raise FormError(field, "forms.date_missing")
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", raw):
        year, month, day = (int(part) for part in raw.split("-"))
        try:
            return date(year, month, day)
        except ValueError:
            raise FormError(field, "forms.date_impossible", text=raw) from None
    try:
        return parse_due_date(raw, today)
    except DateParseError as error:
        if error.key == "quickentry.date_unknown":
            raise FormError(field, "forms.date_unknown", text=raw) from None
        raise FormError(field, error.key, **error.params) from None


def meeting_from_input(fields: dict[str, str], repo, today: date) -> Meeting:
    """An extra meeting (not yet saved): forum id, date, time HH:MM and location.

    Attendance comes from the forum's members and the agenda from its standing
    agenda, as for a meeting of the series.
    """
    raw_forum = fields.get("forum", "").strip()
    if not raw_forum:
        raise FormError("forum", "forms.forum_missing")
    forum = repo.forum(int(raw_forum)) if raw_forum.isdigit() else None
    if forum is None:
        raise FormError("forum", "forms.forum_unknown", text=raw_forum)
    day = parse_meeting_date(fields.get("date", ""), today)
    at = time.fromisoformat(parse_time(fields.get("time", forum.cadence.time)))
    start = datetime.combine(day, at, tzinfo=TZ)
    location = " ".join(fields.get("location", forum.location).split())
    return Meeting(
        forum_id=forum.id,
        start=start,
        end=start + timedelta(minutes=forum.cadence.duration_minutes or 60),
        location=location,
        status=PLANNED,
        attendance=repo.attendance_for(forum),
        agenda=[AgendaItem(i + 1, title) for i, title in enumerate(forum.standing_agenda)],
    )


def book_meeting(repo, meeting: Meeting) -> Meeting:
    """Store an extra meeting; a stored meeting of the forum at that very time is reused."""
    with repo.transaction():
        same_day = repo.meeting_on(meeting.forum_id, meeting.day)
        if same_day is not None and same_day.start == meeting.start:
            return same_day
        return repo.save_meeting(meeting)


# -- the other way: a forum in words --------------------------------------------


def _ordinal(nth: int) -> str:
    return t(f"forums.ordinal.{nth}") if -2 <= nth <= TERM_NTH_MAX and nth else str(nth)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return t("forums.join_last", head=", ".join(items[:-1]), last=items[-1])


def spread_months(times: int, first_month: int) -> list[int]:
    """The months of a times-per-year series (the rule in store.rules.calendar's docstring)."""
    times = min(max(times, 1), 12)
    return sorted({(first_month - 1 + i * 12 // times) % 12 + 1 for i in range(times)})


def cadence_words(cadence: Cadence, long: bool = False) -> str:
    """"varje måndag 09:00", "andra tisdagen varje månad 13:00", "4 gånger per år" …"""
    params = {
        "weekday": t(f"calendar.weekday.{cadence.weekday}"),
        "weekday_def": t(f"forums.weekday_def.{cadence.weekday}"),
        "ordinal": _ordinal(cadence.nth),
        "time": cadence.time,
        "times": cadence.times,
    }
    kind = cadence.kind
    if kind == TIMES_PER_YEAR:
        months = [t(f"calendar.month.{m}") for m in spread_months(cadence.times, cadence.first_month)]
        key = "forums.cadence.once_a_year" if cadence.times == 1 else "forums.cadence.times_per_year"
        if long:
            return t(key + ".long", months=_join(months), **params)
        return t(key, **params)
    if kind == PER_TERM and long:
        return t("forums.cadence.per_term.long", **params)
    if kind in (WEEKLY, MONTHLY_NTH_WEEKDAY, PER_TERM):
        return t(f"forums.cadence.{kind}", **params)
    return t("forums.cadence.ad_hoc")


def chair_words(forum: Forum, repo, day: date | None = None) -> str:
    """The chair rule in words; with ``day``, the rotating rule also names that year's chair."""
    rule = forum.chair_rule
    if rule.kind == ROTATING:
        if not rule.roles:
            return t("forums.chair.none")
        text = t("forums.chair.rotating", roles=" → ".join(rule.roles))
        if day is not None:
            text += t("forums.chair.this_year", year=day.year, chair=repo.chair_for(forum, day))
        return text
    name = repo.chair_for(forum, day or clock.today())
    return t("forums.chair.standing", name=name) if name else t("forums.chair.none")


@dataclass
class Upcoming:
    """One meeting of the series as the rules make it: ``start`` is None when a holiday cancels it."""

    day: date
    start: datetime | None
    chair: str
    note: str = ""


def rotation(forum: Forum, repo, today: date) -> list[tuple[int, str]]:
    """Who chairs each year of one full turn from this year: [(2026, "Karin Lindqvist (…)"), …]."""
    if forum.chair_rule.kind != ROTATING or not forum.chair_rule.roles:
        return []
    years = range(today.year, today.year + len(forum.chair_rule.roles))
    return [(year, repo.chair_for(forum, date(year, 7, 1))) for year in years]


def upcoming(forum: Forum, repo, today: date, count: int = 6, years: int = 2) -> list[Upcoming]:
    """The next ``count`` meetings of the series from ``today`` on, with what the
    holiday rule did to each: moved, cancelled, or held on the holiday."""
    cadence = forum.cadence
    if cadence.kind == AD_HOC:
        return []
    end = today + timedelta(days=366 * years)
    # The scheduled days, before any holiday moves them; then apply the rule here so
    # that each moved or cancelled meeting can say why.
    scheduled = cal.occurrences(cadence, HOLIDAY_IGNORE, today - timedelta(days=14), end)
    rows: list[Upcoming] = []
    taken: set[date] = set()
    for start in scheduled:
        day = start.date()
        holiday = cal.holiday_name(day)
        note = ""
        if holiday and forum.holiday_rule == HOLIDAY_SKIP:
            if day >= today:
                rows.append(Upcoming(day, None, "", t("forums.upcoming.skipped", holiday=holiday)))
            continue
        if holiday and forum.holiday_rule == HOLIDAY_NEXT_WORKING_DAY:
            moved = cal.next_working_day(day)
            note = t("forums.upcoming.moved", date=cal.format_long(day), holiday=holiday)
            start = datetime.combine(moved, start.timetz())
            day = moved
        elif holiday:
            note = t("forums.upcoming.on_holiday", holiday=holiday)
        if day < today or day in taken:
            continue
        taken.add(day)
        rows.append(Upcoming(day, start, repo.chair_for(forum, day), note))
    rows.sort(key=lambda row: row.day)
    return rows[:count]


def next_meeting(forum: Forum, today: date) -> datetime | None:
    """The first meeting of the series on or after ``today``."""
    if forum.cadence.kind == AD_HOC:
        return None
    midnight = datetime.combine(today, time.min, tzinfo=TZ) - timedelta(microseconds=1)
    return cal.next_occurrence(forum.cadence, forum.holiday_rule, midnight)
