"""The single values of every form: a time, a weekday, an ordinal, a month, yes/no,
lines of an agenda, a list of roles; and ``FormError``, a sentence tied to its field.

Pure (no Textual, no clock). Bad input raises :class:`FormError`: one sentence from
the catalogue saying what is wrong and what to write instead, plus the name of the
field it is about, so a form can put the cursor there.
"""

from __future__ import annotations

import difflib
import re

from store.model.constants import MONTHLY_NTH_WEEKDAY, PER_TERM
from store.rules.swedish import fold
from store.text.i18n import UserError, t

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


def fold_words(text: str) -> str:
    return " ".join(fold(text).split())




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
    word = fold_words(raw).removeprefix("pa ").rstrip(".")
    names = [fold_words(name) for name in _WEEKDAY_NAMES]
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


def whole_number(text: str) -> int | None:
    raw = text.strip()
    return int(raw) if re.fullmatch(r"[-+]?\d{1,6}", raw) else None


def parse_nth(text: str, cadence_kind: str = MONTHLY_NTH_WEEKDAY, field: str = "nth") -> int:
    """Which weekday of the month (1-4, -1 last) or of the term (1-18, -1)."""
    raw = text.strip()
    per_term = cadence_kind == PER_TERM
    key = "forms.nth_invalid_term" if per_term else "forms.nth_invalid"
    if not raw:
        raise FormError(field, key.replace("invalid", "missing"))
    value = whole_number(raw)
    if value is None:
        value = _ORDINAL_WORDS.get(fold_words(raw).rstrip("."))
    top = TERM_NTH_MAX if per_term else 4
    if value is not None and (1 <= value <= top or value == -1):
        return value
    raise FormError(field, key, text=raw)


def bounded(text: str, field: str, low: int, high: int, missing: str, invalid: str) -> int:
    raw = text.strip()
    if not raw:
        raise FormError(field, missing)
    value = whole_number(raw)
    if value is None or not low <= value <= high:
        raise FormError(field, invalid, text=raw)
    return value


def parse_month(text: str, field: str = "first_month") -> int:
    raw = text.strip()
    word = fold_words(raw).rstrip(".")
    if word in _MONTH_WORDS:
        return _MONTH_WORDS[word]
    return bounded(raw, field, 1, 12, "forms.first_month_missing", "forms.first_month_invalid")


def parse_yes_no(text: str, default: bool, field: str = "confidential") -> bool:
    word = fold_words(text)
    if not word:
        return default
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise FormError(field, "forms.confidential_invalid", text=text.strip())


def parse_name(text: str, missing: str, field: str = "name") -> str:
    """A name on one line with single spaces; ``missing`` is the sentence when there is none."""
    name = " ".join(text.split())
    if not name:
        raise FormError(field, missing)
    if len(name) > NAME_MAX:
        raise FormError(field, "forms.name_too_long", length=len(name), max=NAME_MAX)
    return name


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
