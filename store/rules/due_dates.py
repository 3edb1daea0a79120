"""Due dates as a secretary says them: "fredag", "v. 50", "1/12", "om två veckor",
"sista december", "2026-12-01" …, and in English "friday", "week 50", "in two weeks",
"end of december", "december 15" (the words: ``store.rules.quick_words``). 1/12 is
day/month in both languages: the Swedish order, which the app writes everywhere.

A date without a year (1/12, 15 dec, v. 50, sista oktober) means the next such day
from today. When that day has already been this year it is read as next year's only
while next year's lies within half a year (``!15/1`` in December); otherwise the
sentence says the date has passed and how to write next year's, so ``!1/11`` typed on
30 November never silently becomes 1 November next year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from store.rules import clock, quick_words
from store.rules.quick_words import Words
from store.rules.swedish import fold
from store.text.i18n import UserError

MAX_DATE_WORDS = 4  # "end of the month"
QUOTES = "\"“”"
TRAILING_PUNCT = ",.;:!?"
# How far ahead "next year's" may lie before a passed date is refused instead.
ROLL_AHEAD = timedelta(days=183)
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


def _named_day(p: str, today: date, w: Words) -> date | None:
    return _add(today, days=w.named_days[p]) if p in w.named_days else None


def _weekday(p: str, today: date, w: Words) -> date | None:
    m = w.on_pattern.fullmatch(p)
    if not m or m[1] not in w.weekdays:
        return None
    # Strictly after today: "måndag" said on a Monday means next week's Monday.
    ahead = (w.weekdays[m[1]] - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _next_week(p: str, today: date, w: Words) -> date | None:
    m = w.next_pattern.fullmatch(p)
    if not m:
        return None
    next_monday = _monday_of(today) + timedelta(days=7)
    if m[1] in w.this_week:
        return next_monday + timedelta(days=FRIDAY)
    if m[1] in w.weekdays:
        return next_monday + timedelta(days=w.weekdays[m[1]])
    return None


def _week(p: str, today: date, w: Words) -> date | None:
    m = w.week_pattern.fullmatch(p)
    return _week_friday(int(m[1]), today) if m else None


def _iso(p: str, today: date, allow_past: bool = False) -> date | None:
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", p)
    return _checked(int(m[1]), int(m[2]), int(m[3]), today, allow_past) if m else None


def _slash(p: str, today: date, w: Words) -> date | None:
    if re.fullmatch(r"[0-9]+/[0-9]+/[0-9]+", p):
        # 1/2/3: which part is the year? Swedes, Americans and ISO disagree.
        raise DateParseError("quickentry.date_ambiguous")
    m = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})", p)
    return _roll(today, int(m[2]), int(m[1])) if m else None  # day/month order


def _day_month(p: str, today: date, w: Words, allow_past: bool = False) -> date | None:
    """"15 dec", "15 december 2026", and the English order "december 15", "dec 15 2026"."""
    m = re.fullmatch(r"([0-9]{1,2}) ?([a-z]+)\.?(?: ([0-9]{4}))?", p)
    if m:
        day, name, year = m[1], m[2], m[3]
    else:
        m = re.fullmatch(r"([a-z]+)\.? ([0-9]{1,2}),?(?: ([0-9]{4}))?", p)
        if not m:
            return None
        name, day, year = m[1], m[2], m[3]
    if name not in w.months:
        return None
    day_number, month = int(day), w.months[name]
    return _checked(int(year), month, day_number, today, allow_past) if year else _roll(today, month, day_number)


def _month_end(p: str, today: date, w: Words) -> date | None:
    if p in w.month_end_now:
        return _add(date(today.year, today.month, 1), months=1) - timedelta(days=1)
    m = w.month_end_pattern.fullmatch(p)
    if not m or m[1] not in w.months:
        return None
    month = w.months[m[1]]
    this, upcoming = (_add(date(year, month, 1), months=1) - timedelta(days=1)
                      for year in (today.year, today.year + 1))
    return this if this >= today else _next_year_or_refuse(this, upcoming, today)


def _relative(p: str, today: date, w: Words) -> date | None:
    plus, spoken = w.relative_patterns
    m = plus.fullmatch(p) or spoken.fullmatch(p)
    if not m or m[2] not in w.units:
        return None
    amount = int(m[1]) if m[1].isdigit() else w.numbers.get(m[1])
    if amount is None:
        return None
    return _add(today, **{w.units[m[2]]: amount})


_DATE_FORMS = (_named_day, _weekday, _next_week, _week, _slash, _month_end, _relative)


def _in_range(day: date, display: str) -> date:
    if not clock.in_range(day):
        raise DateParseError("date.out_of_range", text=display)
    return day


def parse_due_date(words: str, today: date, allow_past: bool = False) -> date:
    """Read a due-date phrase relative to ``today`` (Europe/Stockholm), in the words
    of the current language (``store.rules.quick_words``).

    ``allow_past`` lets a date written with its year lie before today (correcting an
    old line); a date without a year is never moved into the past or silently far ahead.
    Raises :class:`DateParseError` whose params always include ``text`` (the words
    as given), so the sentence can quote them back to the user.
    """
    display = " ".join(words.split()).strip(QUOTES).rstrip(TRAILING_PUNCT)
    phrase = _fold(words)
    if not phrase:
        raise DateParseError("quickentry.due_missing", text=display)
    vocabulary = quick_words.words()
    try:
        for form in _DATE_FORMS:
            result = form(phrase, today, vocabulary)
            if result is not None:
                return _in_range(result, display)
        result = _iso(phrase, today, allow_past) or _day_month(phrase, today, vocabulary, allow_past)
        if result is not None:
            return _in_range(result, display)
    except DateParseError as err:
        err.params.setdefault("text", display)
        raise
    except (OverflowError, ValueError):
        # e.g. "+9999m" beyond year 9999: no such date.
        raise DateParseError(_IMPOSSIBLE, text=display) from None
    raise DateParseError(UNKNOWN, text=display)
