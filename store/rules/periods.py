"""Periods and parties as people write them: "2026", "2019/2020", "2021–2022", two ISO
dates; "polisen", "kommunen", "räddningstjänsten"."""

from __future__ import annotations

import re
from datetime import date

from store.model.constants import FIRE, MUNICIPALITY, POLICE
from store.rules import clock
from store.text.i18n import UserError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from store.model.promise import Promise

_PARTY_WORDS = {
    POLICE: ("police", "polisen", "polis"),
    MUNICIPALITY: ("municipality", "kommunen", "kommun"),
    FIRE: ("fire", "brandförsvaret", "brandförsvar", "räddningstjänsten", "räddningstjänst"),
}
# Patterns, compiled (and cached by re) on first use: not on every command's start.
_YEARS = r"^(\d{4})(?:\s*[/\-–—]\s*(\d{4}))?$"
_DATES = r"^(\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|–|—|/|\s-\s)\s*(\d{4}-\d{2}-\d{2}))?$"


def parse_party(text: str) -> str:
    needle = text.strip().casefold()
    for party, words in _PARTY_WORDS.items():
        if needle in words:
            return party
    raise UserError("review.unknown_party", text=text)


def parse_period(text: str) -> tuple[date, date]:
    """"2026", "2019/2020", "2021-2022", "2021–2022", an ISO date or two: first and last day."""
    value = text.strip()
    years = re.match(_YEARS, value)
    try:
        if years:
            first = int(years.group(1))
            last = int(years.group(2) or first)
            if last >= first and clock.in_range(date(first, 1, 1)) and clock.in_range(date(last, 12, 31)):
                return date(first, 1, 1), date(last, 12, 31)
        dates = re.match(_DATES, value)
        if dates:
            start = date.fromisoformat(dates.group(1))
            end = date.fromisoformat(dates.group(2)) if dates.group(2) else start
            if end >= start and clock.in_range(start) and clock.in_range(end):
                return start, end
    except ValueError:
        pass
    raise UserError("review.bad_period", text=text)


def _normal_label(label: str) -> str:
    return re.sub(r"\s*[/\-–—]\s*", "-", label.strip())


def promise_matches_period(promise: Promise, text: str, bounds: tuple[date, date]) -> bool:
    """Same label as published, or the promise's dates overlap the period."""
    if promise.period_label and _normal_label(promise.period_label) == _normal_label(text):
        return True
    start, end = promise.period_start, promise.period_end
    if start is None or end is None:
        return False
    return start <= bounds[1] and end >= bounds[0]



def period_label(promise: Promise) -> str:
    if promise.period_label:
        return promise.period_label
    if promise.period_start and promise.period_end:
        return f"{promise.period_start.isoformat()}–{promise.period_end.isoformat()}"
    return ""


