"""Calendar rules: ISO weeks, Swedish holidays, school terms, meeting series and chairs.

Everything here is a pure function of its arguments (no clock, no store), so the
rules can be tested with fixed dates. All text goes through ``store.text.i18n.t``.

Time
    Meeting times are Europe/Stockholm wall-clock (``store.model.TZ``): a 09:00
    meeting is 09:00 local in winter (+01:00) and in summer (+02:00).
    Naive datetimes passed in are read as Stockholm time.

Cadences (``Cadence.kind``)
    WEEKLY               every week on ``weekday`` (Monday = 0) at ``time``.
    MONTHLY_NTH_WEEKDAY  the ``nth`` ``weekday`` of every month; ``nth`` 1..4, or
                         -1 for the last one (-2 second to last, ...). A month
                         without that weekday (nth = 5) has no meeting.
    TIMES_PER_YEAR       ``times`` meetings a calendar year, in months spread
                         evenly from ``first_month`` (month = first_month +
                         i * 12 // times, wrapped into the same year), each on the
                         ``nth`` ``weekday`` of its month. times=4, first_month=2:
                         February, May, August, November.
    PER_TERM             once per school term, on the ``nth`` ``weekday`` counted
                         from the term's first day (-1: the last one before the
                         term ends).
    AD_HOC               no series; meetings are booked one by one.
    ``cadence.start`` / ``cadence.end`` (inclusive) bound the series: they are
    applied to the scheduled date, before the holiday rule moves it.

School terms (rule of thumb)
    Terms differ per municipality, so we approximate: vårtermin (vt) runs from the
    Monday of ISO week 3 to the Friday of ISO week 24; hösttermin (ht) from the
    Monday of ISO week 34 to the Friday of ISO week 51. ``term_of`` maps January to
    June to vt and July to December to ht, so every date has a term.

Holidays
    Swedish public holidays (röda dagar) from the maintained ``holidays`` library,
    plus midsommarafton, julafton and nyårsafton, which are not public holidays by
    law but are non-working days de facto (the library's DE_FACTO category).
    Ordinary Sundays are weekends, not holidays (the library can list every Sunday
    as a holiday with ``include_sundays``; we turn that off explicitly).
    A scheduled date that is a holiday is, per ``Forum.holiday_rule``:
        HOLIDAY_SKIP              dropped;
        HOLIDAY_NEXT_WORKING_DAY  moved to the next working day (Mon-Fri, not a
                                  holiday): Easter Monday -> Tuesday;
        HOLIDAY_IGNORE            kept.
    Only holidays move a meeting: a series deliberately set on a Saturday stays
    there unless that Saturday is a holiday.

Pauses (``Cadence.pauses``)
    A meeting whose day (after the holiday rule) falls in a pause is not held:
    sommaruppehåll "07-01"–"07-31" every year, jul "12-21"–"01-06" across the new
    year, or one dated period. The rule ``skolloven`` gives the school holidays of
    the term rule: sommarlov and jullov between the terms, höstlov in ISO week 44 and
    sportlov in week 9 (Stockholms län; other counties differ, like the terms do).
    Påsklov moves with Easter and differs per municipality: add it as dates.

Chairs (``ChairRule.kind``)
    STANDING_PERSON  the person, "Name (Organisation)".
    STANDING_ORG     the organisation's name (SSPF: the school).
    ROTATING         ``roles`` rotate yearly from ``start_year``: the chair role in
                     year Y is roles[(Y - start_year) % len(roles)]; the chair is the
                     forum member with that role, "Name (role)", else the role itself.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from store.model.constants import (
    AD_HOC,
    HOLIDAY_IGNORE,
    HOLIDAY_NEXT_WORKING_DAY,
    HOLIDAY_SKIP,
    MONTHLY_NTH_WEEKDAY,
    PER_TERM,
    ROTATING,
    STANDING_ORG,
    STANDING_PERSON,
    TIMES_PER_YEAR,
    TZ,
    WEEKLY,
)
from store.model.forum import Cadence, ChairRule, Forum
from store.model.people import Organisation, Person
from store.rules import swedish_holidays

# The school terms live with the breaks they make; callers find them here as before.
from store.rules.breaks import HT, TERMS, VT, term_bounds, term_of, without_pauses  # noqa: F401
from store.text.i18n import language, t

# A holiday moves a meeting at most a few days (julafton Wed -> Mon 29 Dec at
# worst); scheduled dates this far before the range are generated so that a
# meeting moved *into* the range is not lost.
_MOVE_MARGIN = timedelta(days=14)
# next_occurrence looks ahead one year at a time, and gives up after this many.
_LOOKAHEAD_YEARS = 10


# --- formatting ----------------------------------------------------------------


def _local(dt: datetime) -> datetime:
    """``dt`` as Stockholm wall-clock; naive values already are."""
    return dt.replace(tzinfo=TZ) if dt.tzinfo is None else dt.astimezone(TZ)


def _day(d: date) -> date:
    # A datetime is a date subclass; its day is the Stockholm day, not the UTC one.
    return _local(d).date() if isinstance(d, datetime) else d


def iso_week(d: date) -> int:
    """ISO 8601 week number, the one Swedes plan by (2027-01-01 is in week 53)."""
    return _day(d).isocalendar().week


def week_label(d: date) -> str:
    return t("calendar.week", week=iso_week(d))


def format_date(d: date) -> str:
    return _day(d).isoformat()


def weekday_name(d: date) -> str:
    return t(f"calendar.weekday.{_day(d).weekday()}")


def format_long(d: date) -> str:
    d = _day(d)
    return t(
        "calendar.long",
        weekday=weekday_name(d),
        day=d.day,
        month=t(f"calendar.month.{d.month}"),
    )


def format_short(d: date) -> str:
    """"mån 30 nov" / "Mon 30 Nov": the day where a table has no room for the long form."""
    d = _day(d)
    return t("calendar.short", weekday=weekday_name(d)[:3], day=d.day, month=t(f"calendar.month.{d.month}")[:3])


def format_time(dt: datetime) -> str:
    return _local(dt).strftime("%H:%M")


# --- holidays and working days ---------------------------------------------------


@lru_cache(maxsize=256)
def _holidays_of_year(year: int) -> dict[date, str]:
    """Holidays of one year, name by date. Cached: series span many years."""
    if year >= swedish_holidays.CURRENT_RULES_SINCE:
        return swedish_holidays.holidays_of_year(year)
    # Older years (other rules) from the library: ~110 ms the first time.
    import holidays
    from holidays.constants import DE_FACTO, PUBLIC

    calendar = holidays.country_holidays(
        "SE",
        years=year,
        categories=(PUBLIC, DE_FACTO),  # DE_FACTO: midsommar-, jul- and nyårsafton
        language="sv",
        include_sundays=False,  # a plain Sunday is a weekend, not a röd dag
    )
    return dict(calendar.items())


def is_holiday(d: date) -> bool:
    d = _day(d)
    return d in _holidays_of_year(d.year)


def holiday_name(d: date) -> str | None:
    """The holiday's name on ``d`` in the chosen language ("Annandag påsk", "Easter
    Monday"), else None. Two on one day are both named ("Första maj; Kristi himmelsfärdsdag")."""
    d = _day(d)
    name = _holidays_of_year(d.year).get(d)
    if name is None or language() == "sv":
        return name
    return "; ".join(t(f"holiday.{part.lower().replace(' ', '_')}") for part in name.split("; "))


def is_working_day(d: date) -> bool:
    d = _day(d)
    return d.weekday() < 5 and not is_holiday(d)


def next_working_day(d: date) -> date:
    """``d`` itself if it is a working day, else the first working day after it."""
    d = _day(d)
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


# --- series ----------------------------------------------------------------------


def _last_of_month(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def _nth_weekday_from(first: date, last: date, weekday: int, nth: int) -> date | None:
    """The ``nth`` ``weekday`` in [first, last], counted from the end if nth < 0."""
    if nth >= 0:
        d = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (max(nth, 1) - 1))
    else:
        d = last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))
    return d if first <= d <= last else None


def _nth_weekday_of_month(year: int, month: int, weekday: int, nth: int) -> date | None:
    return _nth_weekday_from(date(year, month, 1), _last_of_month(year, month), weekday, nth)


def _months_of(lo: date, hi: date) -> list[tuple[int, int]]:
    first, last = lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month - 1
    return [divmod(i, 12) for i in range(first, last + 1)]


def _spread_months(times: int, first_month: int) -> list[int]:
    times = min(max(times, 0), 12)
    return sorted({(first_month - 1 + i * 12 // times) % 12 + 1 for i in range(times)})


def _scheduled_days(cadence: Cadence, lo: date, hi: date) -> list[date]:
    """Dates the series is scheduled on in [lo, hi], before holidays are applied."""
    kind, weekday, nth = cadence.kind, cadence.weekday, cadence.nth
    days: list[date | None] = []  # None: that month/term has no such weekday
    if kind == WEEKLY:
        # Step a week at a time from the first matching weekday: no per-day loop.
        d = lo + timedelta(days=(weekday - lo.weekday()) % 7)
        while d <= hi:
            days.append(d)
            d += timedelta(days=7)
    elif kind == MONTHLY_NTH_WEEKDAY:
        for year, month0 in _months_of(lo, hi):
            days.append(_nth_weekday_of_month(year, month0 + 1, weekday, nth))
    elif kind == TIMES_PER_YEAR:
        months = _spread_months(cadence.times, cadence.first_month)
        for year in range(lo.year, hi.year + 1):
            days.extend(_nth_weekday_of_month(year, m, weekday, nth) for m in months)
    elif kind == PER_TERM:
        for year in range(lo.year, hi.year + 1):
            for term in TERMS:
                days.append(_nth_weekday_from(*term_bounds(year, term), weekday, nth))
    elif kind != AD_HOC:
        raise ValueError(f"unknown cadence kind: {kind!r}")
    return [d for d in days if d is not None and lo <= d <= hi]


def _apply_holiday_rule(d: date, holiday_rule: str) -> date | None:
    if holiday_rule == HOLIDAY_IGNORE or not is_holiday(d):
        return d
    if holiday_rule == HOLIDAY_SKIP:
        return None
    if holiday_rule == HOLIDAY_NEXT_WORKING_DAY:
        return next_working_day(d)
    raise ValueError(f"unknown holiday rule: {holiday_rule!r}")


def occurrences(cadence: Cadence, holiday_rule: str, start: date, end: date) -> list[datetime]:
    """Meeting starts of the series whose (moved) day lies in [start, end], sorted.

    Aware datetimes in Europe/Stockholm at ``cadence.time``. AD_HOC has none.
    """
    if cadence.kind == AD_HOC:
        return []
    start, end = _day(start), _day(end)
    # Scheduled dates slightly before ``start`` may be moved into the range.
    lo = start - _MOVE_MARGIN if holiday_rule == HOLIDAY_NEXT_WORKING_DAY else start
    hi = end
    if cadence.start is not None:
        lo = max(lo, cadence.start)
    if cadence.end is not None:
        hi = min(hi, cadence.end)
    if lo > hi:
        return []
    at = time.fromisoformat(cadence.time)
    days: set[date] = set()
    for scheduled in _scheduled_days(cadence, lo, hi):
        day = _apply_holiday_rule(scheduled, holiday_rule)
        if day is not None and start <= day <= end:
            days.add(day)  # a set: two dates moved onto one day make one meeting
    days = without_pauses(days, cadence.pauses)
    # combine() with tzinfo gives the right offset per date (DST-aware wall clock).
    return [datetime.combine(day, at, tzinfo=TZ) for day in sorted(days)]


def next_occurrence(cadence: Cadence, holiday_rule: str, after: datetime) -> datetime | None:
    """The first meeting start strictly after ``after``, or None if the series has ended."""
    after = _local(after)
    window_start = after.date()
    for _ in range(_LOOKAHEAD_YEARS):
        window_end = window_start + timedelta(days=366)
        for occurrence in occurrences(cadence, holiday_rule, window_start, window_end):
            if occurrence > after:
                return occurrence
        if cadence.end is not None and window_end > cadence.end + _MOVE_MARGIN:
            return None
        window_start = window_end + timedelta(days=1)
    return None


# --- chairs ----------------------------------------------------------------------


def chair_role_for(rule: ChairRule, year: int) -> str | None:
    """The role that chairs in ``year`` under a rotating rule, else None."""
    if rule.kind != ROTATING or not rule.roles:
        return None
    # Python's % keeps the rotation going backwards too (years before start_year).
    return rule.roles[(year - rule.start_year) % len(rule.roles)]


def _person_label(person: Person, organisations: dict[int, Organisation]) -> str:
    org = organisations.get(person.organisation_id) if person.organisation_id is not None else None
    return f"{person.name} ({org.name})" if org else person.name


def chair_for(
    forum: Forum,
    day: date,
    people: dict[int, Person],
    organisations: dict[int, Organisation],
) -> str:
    """Display name of the chair of ``forum`` on ``day``; "" if the rule names nobody known."""
    rule = forum.chair_rule
    if rule.kind == STANDING_PERSON:
        person = people.get(rule.person_id) if rule.person_id is not None else None
        if person is not None:
            return _person_label(person, organisations)
    if rule.kind in (STANDING_PERSON, STANDING_ORG):
        # A standing person who was removed falls back to the organisation, if set.
        org = organisations.get(rule.organisation_id) if rule.organisation_id is not None else None
        return org.name if org else ""
    if rule.kind == ROTATING:
        role = chair_role_for(rule, _day(day).year)
        if role is None:
            return ""
        wanted = role.strip().casefold()
        for member_id in forum.member_ids:
            member = people.get(member_id)
            if member is not None and member.role.strip().casefold() == wanted:
                return f"{member.name} ({role})"
        return role
    return ""
