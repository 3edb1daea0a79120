"""A series' pauses as a person types and reads them.

One line in the forum form holds them all, separated by ``;`` (or new lines)::

    sommaruppehåll 07-01–07-31; jul 12-21–01-06; skolloven; studiedagar 2027-03-01–2027-03-05

``NAME MM-DD–MM-DD`` pauses every year (the end may be in the next year),
``NAME YYYY-MM-DD–YYYY-MM-DD`` once, ``NAME juli`` a whole month every year,
``NAME juni–augusti`` whole months, and ``skolloven`` the school holidays the
term rule gives (see ``store.rules.calendar``). The dash may be "–", "-" or "till".
"""

from __future__ import annotations

import calendar as month_calendar
import re
from datetime import date, datetime, time, timedelta

from store.model.constants import AD_HOC, PAUSE_SCHOOL_HOLIDAYS, TZ
from store.model.forum import Forum, Pause
from store.rules import breaks
from store.rules import calendar as cal
from store.rules.swedish import fold
from store.text.i18n import CATALOGUES, UserError, t

_DAY = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}"
_WORD = r"[^\W\d_]+"
_DATES = re.compile(rf"^(?P<name>.*?)\s*(?P<start>{_DAY})(?:\s*(?:–|—|-|\.\.|till|to)\s*(?P<end>{_DAY}))?$")
_MONTHS = re.compile(rf"^(?P<name>.*?)\s+(?P<start>{_WORD})(?:\s*(?:–|—|-|till|to)\s*(?P<end>{_WORD}))?$")
_SCHOOL_WORDS = {"skolloven", "skollov", "school holidays", "school holiday"}


def _month(word: str) -> int | None:
    folded = fold(word)
    for catalogue in CATALOGUES.values():
        for month in range(1, 13):
            name = fold(catalogue.get(f"calendar.month.{month}", ""))
            if name and (folded == name or (len(folded) >= 3 and name.startswith(folded))):
                return month
    return None


def _normal(text: str) -> str:
    """A typed day as the store keeps it ("7-1" -> "07-01"); ValueError if it is no day."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts).isoformat()
    date(2024, *parts)  # a leap year: 02-29 is a day some years have
    return f"{parts[0]:02d}-{parts[1]:02d}"


def _from_months(part: str) -> Pause | None:
    found = _MONTHS.match(part)
    if not found or not found["name"].strip():
        return None
    first = _month(found["start"])
    last = _month(found["end"]) if found["end"] else first
    if first is None or last is None:
        return None
    end_day = month_calendar.monthrange(2023, last)[1]  # February: the 28th, which every year has
    return Pause(name=found["name"].strip(), start=f"{first:02d}-01", end=f"{last:02d}-{end_day:02d}")


def parse_pause(part: str) -> Pause:
    """One pause from its words; one sentence (UserError) when they cannot be read."""
    part = " ".join(part.split())
    if fold(part) in _SCHOOL_WORDS:
        return Pause(name=part, rule=PAUSE_SCHOOL_HOLIDAYS)
    found = _DATES.match(part)
    if found is None:
        by_month = _from_months(part)
        if by_month is None:
            raise UserError("pause.unreadable", text=part)
        return by_month
    name = found["name"].strip(" :,")
    if not name:
        raise UserError("pause.name_missing", text=part)
    try:
        start = _normal(found["start"])
        end = _normal(found["end"] or found["start"])
    except (TypeError, ValueError):
        raise UserError("pause.bad_day", text=part) from None
    if len(start) != len(end):
        raise UserError("pause.mixed", text=part)
    if len(start) == 10 and end < start:
        raise UserError("pause.reversed", text=part)
    return Pause(name=name, start=start, end=end)


def parse_pauses(text: str) -> list[Pause]:
    return [parse_pause(part) for part in re.split(r"[;\n]", text) if part.strip()]


def pause_text(pause: Pause) -> str:
    if pause.rule:
        return pause.name or pause.rule
    return f"{pause.name} {pause.start}–{pause.end}" if pause.end != pause.start else f"{pause.name} {pause.start}"


def pauses_text(pauses: list[Pause]) -> str:
    """What the form shows: the inverse of :func:`parse_pauses`."""
    return "; ".join(pause_text(p) for p in pauses)


def _short(day_text: str) -> str:
    month, day = (int(p) for p in day_text.split("-"))
    return t("pause.day", day=day, month=t(f"calendar.month.{month}"))


def pause_words(pause: Pause) -> str:
    """"sommaruppehåll 1 juli–31 juli varje år", "skolloven (sportlov v. 9, …)"."""
    if pause.rule == PAUSE_SCHOOL_HOLIDAYS:
        return t("pause.words.school", name=pause.name or pause.rule,
                 sportlov=breaks.SPORTLOV_WEEK, hostlov=breaks.HOSTLOV_WEEK)
    if len(pause.start) == 10:
        return t("pause.words.once", name=pause.name, first=pause.start, last=pause.end)
    if pause.start == pause.end:
        return t("pause.words.yearly_day", name=pause.name, day=_short(pause.start))
    return t("pause.words.yearly", name=pause.name, first=_short(pause.start), last=_short(pause.end))


def pause_until(span: breaks.PauseSpan) -> str:
    """"sommaruppehåll till 31 juli": a pause a forum is in now."""
    name, _, last = span
    return t("pause.until", name=name, date=cal.format_long(last), iso=last.isoformat())


def _long(d: date, today: date) -> str:
    text = cal.format_long(d)
    return text if d.year == today.year else f"{text} {d.year}"


def pause_ahead(forum: Forum, today: date, days: int = 14) -> tuple[breaks.PauseSpan, datetime | None] | None:
    """The break the forum's series is in today, or the first that begins within
    ``days``, with the series' first meeting after it (None: the series has ended)."""
    if forum.cadence.kind == AD_HOC or not forum.cadence.pauses:
        return None
    spans = breaks.pause_spans(forum.cadence.pauses, today, today + timedelta(days=days))
    if not spans:
        return None
    span = breaks.pause_on(forum.cadence.pauses, max(spans[0][1], today)) or spans[0]
    after = datetime.combine(span[2], time.max, tzinfo=TZ)
    return span, cal.next_occurrence(forum.cadence, forum.holiday_rule, after)


def pause_notice(forum: Forum, today: date, days: int = 14) -> str | None:
    """"SSPF Ronnaskolan: uppehåll till fredag 31 juli (sommaruppehåll) – nästa möte tisdag 10 augusti"."""
    found = pause_ahead(forum, today, days)
    if found is None:
        return None
    (name, first, last), start = found
    when = (t("pause.notice.until", last=_long(last, today)) if first <= today
            else t("pause.notice.between", first=_long(first, today), last=_long(last, today)))
    after = t("pause.notice.next", date=_long(start.date(), today)) if start else t("pause.notice.no_next")
    return t("pause.notice", forum=forum.name, when=when, name=name, after=after)
