"""The quick-entry line: one line the secretary types while the meeting goes on.

MeetBot-style, in Swedish. Grammar (tokens are separated by whitespace)::

    [kind] text words … [@owner …] [!due date] [#promise …] [!!]

* kind, first word only, case-insensitive, optionally followed by ``:``
  (``b:`` or ``b: text`` or ``b:text``): ``b``/``beslut`` → decision,
  ``i``/``info``/``information`` → information, ``å``/``a``/``åtgärd``/``atgard``
  → action. No prefix → information. A leading ``i`` is always the prefix, so
  text that starts with the word "I" needs an explicit prefix: ``i: I Ronna …``.
* ``@owner`` – organisation or person, kept raw (the caller resolves it).
  ``@Anna_Berg`` and ``@"Anna Berg"`` give "Anna Berg".
* ``!date`` – due date; see :func:`parse_due_date`. Multi-word forms work
  unquoted (``!nästa vecka``, ``!v. 50``, ``!om två veckor``): the longest run of
  up to three words after ``!`` that reads as a date is taken, the rest stays
  text. ``!"nästa vecka"`` quotes it explicitly. At most one date per line.
* ``#ref`` – citizen-promise reference, kept raw (``#L3`` → "L3").
* ``!!`` as a word of its own, anywhere → confidential (sekretess).

Markers may stand anywhere in the line; trailing ``,.;:!?`` on them is ignored.
The parser never raises: a problem is reported as a message key in
``QuickEntry.error`` and ``text`` then holds the whole line, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import pendulum

from store.model.constants import DECISION, INFO
from store.rules.swedish import NUMBER_WORDS, fold
from store.text.i18n import UserError, t

ACTION = "action"

_KIND_PREFIXES = {
    "b": DECISION, "beslut": DECISION,
    "i": INFO, "info": INFO, "information": INFO,
    "å": ACTION, "a": ACTION, "åtgärd": ACTION, "atgard": ACTION,
}
CONFIDENTIAL_MARK = "!!"
MAX_DATE_WORDS = 3
_QUOTES = "\"“”"
_TRAILING_PUNCT = ",.;:!?"

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

_UNKNOWN = "quickentry.date_unknown"
_IMPOSSIBLE = "quickentry.date_impossible"
_PAST = "quickentry.date_past"


class DateParseError(UserError):
    """A due date that cannot be read; ``key``/``params`` name the catalogue sentence."""


@dataclass
class QuickEntry:
    kind: str                 # INFO | DECISION | ACTION
    text: str                 # markers removed, whitespace normalised; whole line on error
    confidential: bool = False
    owners: list[str] = field(default_factory=list)
    due: date | None = None
    due_text: str | None = None
    promise_refs: list[str] = field(default_factory=list)
    error: str | None = None
    error_params: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


# --------------------------------------------------------------------- dates

def _fold(phrase: str) -> str:
    """Lower-case, Swedish letters folded, whitespace collapsed, quotes and
    sentence punctuation at the end dropped."""
    phrase = fold(phrase)
    phrase = " ".join(phrase.split()).strip(_QUOTES + " ")
    return phrase.rstrip(_TRAILING_PUNCT + " ")


def _add(start: date, **amount: int) -> date:
    # pendulum knows month ends: 31 January + 1 month → 28/29 February.
    moved = pendulum.Date(start.year, start.month, start.day).add(**amount)
    return date(moved.year, moved.month, moved.day)


def _weeks_in(iso_year: int) -> int:
    # 28 December always lies in the last ISO week of its year.
    return date(iso_year, 12, 28).isocalendar()[1]


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _roll(today: date, month: int, day: int) -> date:
    """Day and month without a year: this year, or next year if already passed."""
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise DateParseError(_IMPOSSIBLE)


def _checked(year: int, month: int, day: int, today: date) -> date:
    """An explicit date with a year: it must exist and must not be past."""
    try:
        result = date(year, month, day)
    except ValueError:
        raise DateParseError(_IMPOSSIBLE) from None
    if result < today:
        raise DateParseError(_PAST)
    return result


def _week_friday(week: int, today: date) -> date:
    """Friday of ISO week ``week``, this ISO year or next if it has passed.
    Friday, because a due date means "by the end of the work week"."""
    if not 1 <= week <= 53:
        raise DateParseError("quickentry.week_impossible", week=week)
    iso_year = today.isocalendar()[0]
    for year in (iso_year, iso_year + 1):
        if week <= _weeks_in(year):
            friday = date.fromisocalendar(year, week, FRIDAY + 1)
            if friday >= today:
                return friday
    missing_year = iso_year if _weeks_in(iso_year) < week else iso_year + 1
    raise DateParseError("quickentry.week_missing", week=week, year=missing_year)


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


def _iso(p: str, today: date) -> date | None:
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", p)
    return _checked(int(m[1]), int(m[2]), int(m[3]), today) if m else None


def _slash(p: str, today: date) -> date | None:
    if re.fullmatch(r"[0-9]+/[0-9]+/[0-9]+", p):
        # 1/2/3: which part is the year? Swedes, Americans and ISO disagree.
        raise DateParseError("quickentry.date_ambiguous")
    m = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})", p)
    return _roll(today, int(m[2]), int(m[1])) if m else None  # day/month order


def _day_month(p: str, today: date) -> date | None:
    m = re.fullmatch(r"([0-9]{1,2}) ?([a-z]+)\.?(?: ([0-9]{4}))?", p)
    if not m or m[2] not in _MONTHS:
        return None
    day, month = int(m[1]), _MONTHS[m[2]]
    return _checked(int(m[3]), month, day, today) if m[3] else _roll(today, month, day)


def _month_end(p: str, today: date) -> date | None:
    if p in _MONTH_END_NOW:
        return _add(date(today.year, today.month, 1), months=1) - timedelta(days=1)
    m = re.fullmatch(r"(?:sista|slutet av) ([a-z]+)", p)
    if not m or m[1] not in _MONTHS:
        return None
    month = _MONTHS[m[1]]
    for year in (today.year, today.year + 1):
        last = _add(date(year, month, 1), months=1) - timedelta(days=1)
        if last >= today:
            return last
    return None  # unreachable: next year's month end is always ahead


def _relative(p: str, today: date) -> date | None:
    m = re.fullmatch(r"\+ ?([0-9]{1,4}) ?([a-z]+)", p) or re.fullmatch(r"om ([0-9]{1,4}|[a-z]+) ([a-z]+)", p)
    if not m or m[2] not in _UNITS:
        return None
    amount = int(m[1]) if m[1].isdigit() else _NUMBER_WORDS.get(m[1])
    if amount is None:
        return None
    return _add(today, **{_UNITS[m[2]]: amount})


_DATE_FORMS = (_named_day, _weekday, _next_week, _week, _iso, _slash, _day_month, _month_end, _relative)


def parse_due_date(words: str, today: date) -> date:
    """Read a Swedish due-date phrase relative to ``today`` (Europe/Stockholm).

    Raises :class:`DateParseError` whose params always include ``text`` (the words
    as given), so the sentence can quote them back to the user.
    """
    display = " ".join(words.split()).strip(_QUOTES).rstrip(_TRAILING_PUNCT)
    phrase = _fold(words)
    if not phrase:
        raise DateParseError("quickentry.due_missing", text=display)
    try:
        for form in _DATE_FORMS:
            result = form(phrase, today)
            if result is not None:
                return result
    except DateParseError as err:
        err.params.setdefault("text", display)
        raise
    except (OverflowError, ValueError):
        # e.g. "+9999m" beyond year 9999: no such date.
        raise DateParseError(_IMPOSSIBLE, text=display) from None
    raise DateParseError(_UNKNOWN, text=display)


# ---------------------------------------------------------------- the line

def _split_kind(words: list[str]) -> tuple[str, list[str]]:
    """Take the kind prefix off the first word (after any leading ``!!``)."""
    lead = 0
    while lead < len(words) and words[lead] == CONFIDENTIAL_MARK:
        lead += 1
    if lead == len(words):
        return INFO, words
    head, colon, tail = words[lead].partition(":")
    kind = _KIND_PREFIXES.get(head.lower())
    if kind is None:
        return INFO, words
    rest = ([tail] if colon and tail else []) + words[lead + 1:]
    return kind, words[:lead] + rest


def _closes_quote(token: str) -> bool:
    rest = token[2:].rstrip(_TRAILING_PUNCT)
    return bool(rest) and rest[-1] in _QUOTES


def _tokenize(words: list[str]) -> list[str]:
    """Join ``@"…"`` and ``!"…"`` back into one token each."""
    tokens: list[str] = []
    i = 0
    while i < len(words):
        token = words[i]
        if len(token) >= 2 and token[0] in "@!" and token[1] in _QUOTES:
            while not _closes_quote(token):
                i += 1
                if i == len(words):
                    raise UserError("quickentry.quote_unclosed", text=token)
                token += " " + words[i]
        tokens.append(token)
        i += 1
    return tokens


def _unquote(body: str) -> str:
    """Marker value: quotes or underscores make multi-word names."""
    body = body.rstrip(_TRAILING_PUNCT)
    if body.startswith(tuple(_QUOTES)):
        body = body.strip(_QUOTES)
    else:
        body = body.replace("_", " ")
    return " ".join(body.split())


def _marker_value(token: str, empty_key: str) -> str:
    value = _unquote(token[1:])
    if not value:
        raise UserError(empty_key)
    return value


def _is_plain(token: str) -> bool:
    return token[:1] not in ("@", "#", "!")


def _take_due(tokens: list[str], i: int, today: date) -> tuple[date, str, int]:
    """Read the date starting at ``tokens[i]`` (a ``!`` token); return the date,
    the words as typed and the index of the first token after them."""
    body = tokens[i][1:]
    if body.startswith(tuple(_QUOTES)):
        phrase = _unquote(body)
        if not phrase:
            raise UserError("quickentry.due_missing")
        return parse_due_date(phrase, today), phrase, i + 1
    # A lone "!" followed by a space still introduces the date words after it.
    first = i if body else i + 1
    words = [body] if body else []
    j = i + 1
    while j < len(tokens) and len(words) < MAX_DATE_WORDS and _is_plain(tokens[j]):
        words.append(tokens[j])
        j += 1
    if not words:
        raise UserError("quickentry.due_missing")
    # Longest first; a specific error (30/2, v. 54) is final, "unknown" lets a
    # shorter run try, so "!fredag Polisen ringer" reads the date "fredag".
    for n in range(len(words), 0, -1):
        phrase = " ".join(words[:n])
        try:
            return parse_due_date(phrase, today), phrase.rstrip(_TRAILING_PUNCT), first + n
        except DateParseError as err:
            if err.key != _UNKNOWN:
                raise
    raise DateParseError(_UNKNOWN, text=words[0])


def _parse_tokens(kind: str, tokens: list[str], today: date) -> QuickEntry:
    entry = QuickEntry(kind=kind, text="")
    text_words: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == CONFIDENTIAL_MARK:
            entry.confidential = True
        elif token.startswith("@"):
            entry.owners.append(_marker_value(token, "quickentry.owner_empty"))
        elif token.startswith("#"):
            entry.promise_refs.append(_marker_value(token, "quickentry.ref_empty"))
        elif token.startswith("!"):
            due, due_text, i = _take_due(tokens, i, today)
            if entry.due_text is not None:
                raise UserError("quickentry.due_twice", first=entry.due_text, second=due_text)
            entry.due, entry.due_text = due, due_text
            continue
        else:
            text_words.append(token)
        i += 1
    entry.text = " ".join(text_words)
    if not entry.text:
        raise UserError(f"quickentry.text_missing.{kind}")
    return entry


def parse_quick_entry(line: str, today: date) -> QuickEntry:
    """Read one quick-entry line. Never raises; see the module docstring."""
    words = line.split()
    whole = " ".join(words)
    if not words:
        return QuickEntry(kind=INFO, text="", error="quickentry.empty")
    kind, rest = _split_kind(words)
    try:
        return _parse_tokens(kind, _tokenize(rest), today)
    except UserError as err:
        # Keep the whole line and, to be safe, any confidentiality mark.
        return QuickEntry(kind=kind, text=whole, confidential=CONFIDENTIAL_MARK in words,
                          error=err.key, error_params=dict(err.params))


# ----------------------------------------------------------------- preview

def format_date(day: date, today: date | None = None) -> str:
    """Swedish-style day: "fredag 27 november"; the year only when it differs from today's."""
    params = {
        "weekday": t(f"quickentry.weekday.{day.weekday()}"),
        "day": day.day,
        "month": t(f"quickentry.month.{day.month}"),
        "year": day.year,
    }
    with_year = today is not None and day.year != today.year
    return t("quickentry.preview.date_year" if with_year else "quickentry.preview.date", **params)


def describe(entry: QuickEntry, today: date | None = None) -> str:
    """One line saying how the entry will be read, or the error sentence."""
    if not entry.ok:
        return t(entry.error or "", **entry.error_params)
    parts = [t(f"quickentry.kind.{entry.kind}")]
    if entry.owners:
        parts.append(t("quickentry.preview.owners", owners=", ".join(entry.owners)))
    if entry.due is not None:
        parts.append(t("quickentry.preview.due", date=format_date(entry.due, today),
                       week=entry.due.isocalendar()[1]))
    if entry.promise_refs:
        key = "quickentry.preview.ref" if len(entry.promise_refs) == 1 else "quickentry.preview.refs"
        parts.append(t(key, refs=", ".join(entry.promise_refs)))
    if entry.confidential:
        parts.append(t("quickentry.preview.confidential"))
    return " · ".join(parts)
