"""School terms, the school holidays between them, and the pauses of a meeting series,
as spans of dates. Pure functions; ``store.rules.calendar`` applies them to a series
(its docstring has the rules of thumb for terms, holidays and pauses).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from store.model.constants import PAUSE_SCHOOL_HOLIDAYS, TZ
from store.model.forum import Pause
from store.text.i18n import t

VT = "vt"
HT = "ht"
TERMS = (VT, HT)


# --- school terms ----------------------------------------------------------------


def term_of(d: date) -> tuple[int, str]:
    """(year, "vt"|"ht"): January-June is the spring term, July-December the autumn one."""
    d = d.astimezone(TZ).date() if isinstance(d, datetime) and d.tzinfo else d
    return d.year, VT if d.month <= 6 else HT


def term_bounds(year: int, term: str) -> tuple[date, date]:
    """First and last school day of a term (rule of thumb, see store.rules.calendar)."""
    if term == VT:
        return date.fromisocalendar(year, 3, 1), date.fromisocalendar(year, 24, 5)
    if term == HT:
        return date.fromisocalendar(year, 34, 1), date.fromisocalendar(year, 51, 5)
    raise ValueError(f"unknown term: {term!r}")


# --- pauses ----------------------------------------------------------------------

HOSTLOV_WEEK = 44
SPORTLOV_WEEK = 9

PauseSpan = tuple[str, date, date]  # name, first day, last day


def school_holidays(year: int) -> list[PauseSpan]:
    """The school holidays that begin in ``year``, by the term rule of thumb."""
    vt_end = term_bounds(year, VT)[1]
    ht_start, ht_end = term_bounds(year, HT)
    next_vt = term_bounds(year + 1, VT)[0]
    day = timedelta(days=1)

    def week(number: int) -> tuple[date, date]:
        return date.fromisocalendar(year, number, 1), date.fromisocalendar(year, number, 7)

    return [
        (t("calendar.school.sportlov"), *week(SPORTLOV_WEEK)),
        (t("calendar.school.sommarlov"), vt_end + day, ht_start - day),
        (t("calendar.school.hostlov"), *week(HOSTLOV_WEEK)),
        (t("calendar.school.jullov"), ht_end + day, next_vt - day),
    ]


def _month_day(text: str, year: int) -> date:
    month, day = (int(part) for part in text.split("-"))
    if (month, day) == (2, 29) and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 28
    return date(year, month, day)


def _spans_of(pause: Pause, lo: date, hi: date) -> list[PauseSpan]:
    years = range(lo.year - 1, hi.year + 1)  # a pause from last December reaches into January
    if pause.rule == PAUSE_SCHOOL_HOLIDAYS:
        return [span for year in years for span in school_holidays(year)]
    if len(pause.start) == 10:
        return [(pause.name, date.fromisoformat(pause.start), date.fromisoformat(pause.end))]
    spans = []
    for year in years:
        first, last = _month_day(pause.start, year), _month_day(pause.end, year)
        spans.append((pause.name, first, last if last >= first else _month_day(pause.end, year + 1)))
    return spans


def pause_spans(pauses: list[Pause], lo: date, hi: date) -> list[PauseSpan]:
    """The periods of ``pauses`` that touch [lo, hi], by first day.

    A pause whose dates cannot be read (a hand-edited store) has no periods; the
    forum form never saves one.
    """
    spans: list[PauseSpan] = []
    for pause in pauses:
        try:
            spans += _spans_of(pause, lo, hi)
        except ValueError:
            continue
    return sorted((s for s in spans if s[1] <= hi and s[2] >= lo), key=lambda s: (s[1], s[2]))


def pause_on(pauses: list[Pause], d: date) -> PauseSpan | None:
    """The pause ``d`` lies in, with the last day of the whole break: pauses that
    meet or overlap (jullov, then a dated extra week) count as one."""
    spans = pause_spans(pauses, d, d + timedelta(days=400))
    current = next((s for s in spans if s[1] <= d <= s[2]), None)
    if current is None:
        return None
    name, first, last = current
    for _, other_first, other_last in spans:
        if other_first <= last + timedelta(days=1) and other_last > last:
            last = other_last
    return name, first, last


def without_pauses(days: set[date], pauses: list[Pause]) -> set[date]:
    """``days`` less those in a pause."""
    if not pauses or not days:
        return days
    spans = pause_spans(pauses, min(days), max(days))
    return {d for d in days if not any(first <= d <= last for _, first, last in spans)}
