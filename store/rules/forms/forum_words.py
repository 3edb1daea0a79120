"""A forum in words: its cadence and chair rule as a sentence, and the next meetings
its rules give, each with what a holiday did to it (the forums screen shows them)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from store.model.constants import (
    AD_HOC,
    HOLIDAY_IGNORE,
    HOLIDAY_NEXT_WORKING_DAY,
    HOLIDAY_SKIP,
    MONTHLY_NTH_WEEKDAY,
    PER_TERM,
    ROTATING,
    TIMES_PER_YEAR,
    TZ,
    WEEKLY,
)
from store.model.forum import Cadence, Forum
from store.rules import breaks, clock
from store.rules import calendar as cal
from store.rules.forms.fields import TERM_NTH_MAX
from store.rules.pauses import pause_until
from store.text.i18n import t


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
    holiday rule did to each (moved, cancelled, or held on the holiday) and those a
    pause takes."""
    cadence = forum.cadence
    if cadence.kind == AD_HOC:
        return []
    end = today + timedelta(days=366 * years)
    # The scheduled days, before any holiday moves them; then apply the rule here so
    # that each moved or cancelled meeting can say why.
    scheduled = cal.occurrences(replace(cadence, pauses=[]), HOLIDAY_IGNORE, today - timedelta(days=14), end)
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
        if (paused := breaks.pause_on(cadence.pauses, day)) and day >= today and day not in taken:
            rows.append(Upcoming(day, None, "", t("forums.upcoming.paused", pause=pause_until(paused))))
            taken.add(day)
            continue
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
