"""Due dates as a secretary says them, in Swedish: "fredag", "v. 50", "1/12",
"om två veckor", "sista december", "2026-12-01" …

A date without a year (1/12, 15 dec, v. 50, sista oktober) means the next such day
from today. When that day has already been this year it is read as next year's only
while next year's lies within half a year (``!15/1`` in December); otherwise the
sentence says the date has passed and how to write next year's, so ``!1/11`` typed on
30 November never silently becomes 1 November next year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from store.rules import clock
from store.rules.swedish import NUMBER_WORDS, fold
from store.text.i18n import UserError

MAX_DATE_WORDS = 3
QUOTES = "\"“”"
TRAILING_PUNCT = ",.;:!?"
# How far ahead "next year's" may lie before a passed date is refused instead.
ROLL_AHEAD = timedelta(days=183)

# Date vocabulary, spelled after _fold() (å/ä → a, ö → o) so that people who
# type without Swedish letters ("lordag", "nasta vecka") are understood too.
_WEEKDAYS = {
    "mandag": 0, "man": 0, "tisdag": 1, "tis": 1, "onsdag": 2, "ons": 2,
    "torsdag": 3, "tors": 3, "tor": 3, "fredag": 4, "fre": 4,
    "lordag": 5, "lor": 5, "sondag": 6, "son": 6,
}
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3,
    "april": 4, "apr": 4, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augusti": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Folded like the typed line; relative dates go up to "om tio …".
_NUMBER_WORDS = {fold(word): n for word, n in NUMBER_WORDS.items() if n <= 10}
_UNITS = {
    "d": "days", "dag": "days", "dagar": "days",
    "v": "weeks", "vecka": "weeks", "veckor": "weeks",
    "m": "months", "man": "months", "manad": "months", "manader": "months",
}
_NAMED_DAYS = {"idag": 0, "i dag": 0, "imorgon": 1, "i morgon": 1, "overmorgon": 2, "i overmorgon": 2}
_MONTH_END_NOW = ("slutet av manaden", "manadens slut")
FRIDAY = 4

UNKNOWN = "quickentry.date_unknown"
_IMPOSSIBLE = "quickentry.date_impossible"
_PAST = "quickentry.date_past"
_PASSED = "quickentry.date_passed"


class DateParseError(UserError):
    """A due date that cannot be read; ``key``/``params`` name the catalogue sentence."""


def _fold(phrase: str) -> str:
    """Lower-case, Swedish letters folded, whitespace collapsed, quotes and
    sentence punctuation at the end dropped."""
    phrase = fold(phrase)
    phrase = " ".join(phrase.split()).strip(QUOTES + " ")
    return phrase.rstrip(TRAILING_PUNCT + " ")


def _add(start: date, days: int = 0, weeks: int = 0, months: int = 0) -> date:
    """``start`` moved on; a month on from a day the target month lacks is its last
    day (31 January + 1 month → 28 or 29 February), as pendulum and dateutil count."""
    if months:
        index = start.year * 12 + start.month - 1 + months
        year, month = divmod(index, 12)
        following = date(year + (month == 11), (month + 1) % 12 + 1, 1)
        start = date(year, month + 1, min(start.day, (following - timedelta(days=1)).day))
    return start + timedelta(days=days, weeks=weeks)


def _weeks_in(iso_year: int) -> int:
    # 28 December always lies in the last ISO week of its year.
    return date(iso_year, 12, 28).isocalendar()[1]


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _next_year_or_refuse(passed: date, upcoming: date, today: date) -> date:
    """``passed`` (this year's) is behind us: ``upcoming`` only if it is near."""
    if upcoming - today <= ROLL_AHEAD:
        return upcoming
    raise DateParseError(_PASSED, passed=passed.isoformat(), next=upcoming.isoformat())


def _roll(today: date, month: int, day: int) -> date:
    """Day and month without a year: this year's, or next year's if near."""
    candidates = []
    for year in (today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise DateParseError(_IMPOSSIBLE)
    if candidates[0] >= today:
        return candidates[0]
    if len(candidates) == 1:  # 29/2 of a leap year, passed; next year has none
        raise DateParseError(_IMPOSSIBLE)
    return _next_year_or_refuse(candidates[0], candidates[1], today)


def _checked(year: int, month: int, day: int, today: date, allow_past: bool = False) -> date:
    """An explicit date with a year: it must exist and (unless allowed) not be past."""
    try:
        result = date(year, month, day)
    except ValueError:
        raise DateParseError(_IMPOSSIBLE) from None
    if result < today and not allow_past:
        raise DateParseError(_PAST)
    return result


def _week_friday(week: int, today: date) -> date:
    """Friday of ISO week ``week``, this ISO year's or, if near, next year's.
    Friday, because a due date means "by the end of the work week"."""
    if not 1 <= week <= 53:
        raise DateParseError("quickentry.week_impossible", week=week)
    iso_year = today.isocalendar()[0]
    this = date.fromisocalendar(iso_year, week, FRIDAY + 1) if week <= _weeks_in(iso_year) else None
    if this is not None and this >= today:
        return this
    if week > _weeks_in(iso_year + 1):
        missing_year = iso_year if this is None else iso_year + 1
        raise DateParseError("quickentry.week_missing", week=week, year=missing_year)
    upcoming = date.fromisocalendar(iso_year + 1, week, FRIDAY + 1)
    if this is None:
        return upcoming  # this year has no such week: next year's is the only one
    return _next_year_or_refuse(this, upcoming, today)


def _named_day(p: str, today: date) -> date | None:
    return _add(today, days=_NAMED_DAYS[p]) if p in _NAMED_DAYS else None


def _weekday(p: str, today: date) -> date | None:
    m = re.fullmatch(r"(?:pa )?([a-z]+)", p)
    if not m or m[1] not in _WEEKDAYS:
        return None
    # Strictly after today: "måndag" said on a Monday means next week's Monday.
    ahead = (_WEEKDAYS[m[1]] - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _next_week(p: str, today: date) -> date | None:
    m = re.fullmatch(r"nasta ([a-z]+)", p)
    if not m:
        return None
    next_monday = _monday_of(today) + timedelta(days=7)
    if m[1] in ("vecka", "veckan", "v"):
        return next_monday + timedelta(days=FRIDAY)
    if m[1] in _WEEKDAYS:
        return next_monday + timedelta(days=_WEEKDAYS[m[1]])
    return None


def _week(p: str, today: date) -> date | None:
    m = re.fullmatch(r"(?:vecka|v)\.? ?([0-9]{1,3})", p)
    return _week_friday(int(m[1]), today) if m else None


def _iso(p: str, today: date, allow_past: bool = False) -> date | None:
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", p)
    return _checked(int(m[1]), int(m[2]), int(m[3]), today, allow_past) if m else None


def _slash(p: str, today: date) -> date | None:
    if re.fullmatch(r"[0-9]+/[0-9]+/[0-9]+", p):
        # 1/2/3: which part is the year? Swedes, Americans and ISO disagree.
        raise DateParseError("quickentry.date_ambiguous")
    m = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})", p)
    return _roll(today, int(m[2]), int(m[1])) if m else None  # day/month order


def _day_month(p: str, today: date, allow_past: bool = False) -> date | None:
    m = re.fullmatch(r"([0-9]{1,2}) ?([a-z]+)\.?(?: ([0-9]{4}))?", p)
    if not m or m[2] not in _MONTHS:
        return None
    day, month = int(m[1]), _MONTHS[m[2]]
    return _checked(int(m[3]), month, day, today, allow_past) if m[3] else _roll(today, month, day)


def _month_end(p: str, today: date) -> date | None:
    if p in _MONTH_END_NOW:
        return _add(date(today.year, today.month, 1), months=1) - timedelta(days=1)
    m = re.fullmatch(r"(?:sista|slutet av) ([a-z]+)", p)
    if not m or m[1] not in _MONTHS:
        return None
    month = _MONTHS[m[1]]
    this, upcoming = (_add(date(year, month, 1), months=1) - timedelta(days=1)
                      for year in (today.year, today.year + 1))
    return this if this >= today else _next_year_or_refuse(this, upcoming, today)


def _relative(p: str, today: date) -> date | None:
    m = re.fullmatch(r"\+ ?([0-9]{1,4}) ?([a-z]+)", p) or re.fullmatch(r"om ([0-9]{1,4}|[a-z]+) ([a-z]+)", p)
    if not m or m[2] not in _UNITS:
        return None
    amount = int(m[1]) if m[1].isdigit() else _NUMBER_WORDS.get(m[1])
    if amount is None:
        return None
    return _add(today, **{_UNITS[m[2]]: amount})


_DATE_FORMS = (_named_day, _weekday, _next_week, _week, _slash, _month_end, _relative)


def _in_range(day: date, display: str) -> date:
    if not clock.in_range(day):
        raise DateParseError("date.out_of_range", text=display)
    return day


def parse_due_date(words: str, today: date, allow_past: bool = False) -> date:
    """Read a Swedish due-date phrase relative to ``today`` (Europe/Stockholm).

    ``allow_past`` lets a date written with its year lie before today (correcting an
    old line); a date without a year is never moved into the past or silently far ahead.
    Raises :class:`DateParseError` whose params always include ``text`` (the words
    as given), so the sentence can quote them back to the user.
    """
    display = " ".join(words.split()).strip(QUOTES).rstrip(TRAILING_PUNCT)
    phrase = _fold(words)
    if not phrase:
        raise DateParseError("quickentry.due_missing", text=display)
    try:
        for form in _DATE_FORMS:
            result = form(phrase, today)
            if result is not None:
                return _in_range(result, display)
        for with_year in (_iso, _day_month):
            result = with_year(phrase, today, allow_past)
            if result is not None:
                return _in_range(result, display)
    except DateParseError as err:
        err.params.setdefault("text", display)
        raise
    except (OverflowError, ValueError):
        # e.g. "+9999m" beyond year 9999: no such date.
        raise DateParseError(_IMPOSSIBLE, text=display) from None
    raise DateParseError(UNKNOWN, text=display)
