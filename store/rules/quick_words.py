"""The words of the quick-entry line, per language: what a line is (``b``/``d``), when
it is due (``!fredag``/``!friday``) and who owns it (``@polisen``/``@police``).

The current language chooses them (``store.text.i18n.language``):

* Swedish: the Swedish words only, as before;
* English: the English words, and the Swedish ones as well. A secretary who
  switches to English mid-year keeps the words she already types, and no Swedish
  word means something else in English (``b``, ``å``, ``fredag``, ``v. 50`` …), so
  nothing is read differently than she meant. ``a`` is an action in both, so an
  English line that starts with the word "A" needs its kind written: ``i: A car …``,
  as a Swedish line that starts with "I" does (``i: I Ronna …``).

Words are spelled folded (lower case, å/ä → a, ö → o: ``store.rules.swedish.fold``)
where the parser folds the line first (dates); kinds and owners as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from store.model.constants import DECISION, INFO
from store.rules.swedish import NUMBER_WORDS, fold
from store.text.i18n import language

ACTION = "action"


@dataclass(frozen=True)
class Words:
    """One language's words; ``merged`` joins two (English and Swedish)."""

    kinds: dict[str, str]
    letters: dict[str, str]            # the kind's letter a stored line is written back with
    weekdays: dict[str, int]
    months: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]              # pendulum's unit: days, weeks, months
    named_days: dict[str, int]         # days from today
    month_end_now: tuple[str, ...]     # the end of this month
    on: tuple[str, ...]                # "på fredag", "on friday"
    next: tuple[str, ...]              # "nästa vecka", "next week"
    this_week: tuple[str, ...]         # the word after "next" that means the week itself
    week: tuple[str, ...]              # "v. 50", "week 50"
    month_end: tuple[str, ...]         # "sista december", "end of december"
    relative: tuple[str, ...]          # "om två veckor", "in two weeks"
    owner_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)   # @polisen
    member_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)  # @skolan in a forum

    def merged(self, other: Words) -> Words:
        """These words and ``other``'s; where both have a word, this one's meaning wins."""
        def joined(a: dict, b: dict) -> dict:
            return {**b, **a}

        def both(a: tuple, b: tuple) -> tuple:
            return tuple(dict.fromkeys((*a, *b)))

        return Words(
            kinds=joined(self.kinds, other.kinds), letters=self.letters,
            weekdays=joined(self.weekdays, other.weekdays), months=joined(self.months, other.months),
            numbers=joined(self.numbers, other.numbers), units=joined(self.units, other.units),
            named_days=joined(self.named_days, other.named_days),
            month_end_now=both(self.month_end_now, other.month_end_now), on=both(self.on, other.on),
            next=both(self.next, other.next), this_week=both(self.this_week, other.this_week),
            week=both(self.week, other.week), month_end=both(self.month_end, other.month_end),
            relative=both(self.relative, other.relative),
            owner_kinds={k: both(self.owner_kinds.get(k, ()), other.owner_kinds.get(k, ()))
                         for k in {*self.owner_kinds, *other.owner_kinds}},
            member_kinds={k: both(self.member_kinds.get(k, ()), other.member_kinds.get(k, ()))
                          for k in {*self.member_kinds, *other.member_kinds}},
        )

    # The date forms' patterns, made once per vocabulary (phrases are folded first).

    @staticmethod
    def _any(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    @property
    def on_pattern(self) -> re.Pattern[str]:
        return _compiled(rf"(?:(?:{self._any(self.on)}) )?([a-z]+)")

    @property
    def next_pattern(self) -> re.Pattern[str]:
        return _compiled(rf"(?:{self._any(self.next)}) ([a-z]+)")

    @property
    def week_pattern(self) -> re.Pattern[str]:
        return _compiled(rf"(?:{self._any(self.week)})\.? ?([0-9]{{1,3}})")

    @property
    def month_end_pattern(self) -> re.Pattern[str]:
        return _compiled(rf"(?:{self._any(self.month_end)}) ([a-z]+)")

    @property
    def relative_patterns(self) -> tuple[re.Pattern[str], ...]:
        return (_compiled(r"\+ ?([0-9]{1,4}) ?([a-z]+)"),
                _compiled(rf"(?:{self._any(self.relative)}) ([0-9]{{1,4}}|[a-z]+) ([a-z]+)"))


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


SWEDISH = Words(
    kinds={"b": DECISION, "beslut": DECISION, "i": INFO, "info": INFO, "information": INFO,
           "å": ACTION, "a": ACTION, "åtgärd": ACTION, "atgard": ACTION},
    letters={INFO: "i", DECISION: "b", ACTION: "å"},
    weekdays={"mandag": 0, "man": 0, "tisdag": 1, "tis": 1, "onsdag": 2, "ons": 2,
              "torsdag": 3, "tors": 3, "tor": 3, "fredag": 4, "fre": 4,
              "lordag": 5, "lor": 5, "sondag": 6, "son": 6},
    months={"januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3,
            "april": 4, "apr": 4, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
            "augusti": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
            "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12},
    # Folded like the typed line; relative dates go up to "om tio …".
    numbers={fold(word): n for word, n in NUMBER_WORDS.items() if n <= 10},
    units={"d": "days", "dag": "days", "dagar": "days", "v": "weeks", "vecka": "weeks", "veckor": "weeks",
           "m": "months", "man": "months", "manad": "months", "manader": "months"},
    named_days={"idag": 0, "i dag": 0, "imorgon": 1, "i morgon": 1, "overmorgon": 2, "i overmorgon": 2},
    month_end_now=("slutet av manaden", "manadens slut"),
    on=("pa",), next=("nasta",), this_week=("vecka", "veckan", "v"), week=("vecka", "v"),
    month_end=("sista", "slutet av"), relative=("om",),
    owner_kinds={"police": ("polisen", "polis"), "municipality": ("kommunen", "kommun"),
                 "fire": ("brandförsvaret", "brandförsvar", "räddningstjänsten")},
    member_kinds={"school": ("skolan", "skola"), "social": ("socialtjänsten", "socialtjänst", "soc"),
                  "youth": ("fritid", "fritiden", "fritidsgården", "fritidsgård")},
)

ENGLISH = Words(
    kinds={"d": DECISION, "decision": DECISION, "i": INFO, "info": INFO, "information": INFO,
           "a": ACTION, "action": ACTION},
    letters={INFO: "i", DECISION: "d", ACTION: "a"},
    weekdays={"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
              "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
              "saturday": 5, "sat": 5, "sunday": 6, "sun": 6},
    months={"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
            "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
            "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
            "december": 12, "dec": 12},
    numbers={"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10},
    units={"d": "days", "day": "days", "days": "days", "w": "weeks", "wk": "weeks", "week": "weeks",
           "weeks": "weeks", "m": "months", "month": "months", "months": "months"},
    named_days={"today": 0, "tomorrow": 1, "day after tomorrow": 2},
    month_end_now=("end of month", "end of the month", "month end"),
    on=("on",), next=("next",), this_week=("week",), week=("week", "wk", "w"),
    month_end=("end of", "last day of"), relative=("in",),
    owner_kinds={"police": ("police",), "municipality": ("municipality", "council"),
                 "fire": ("fire", "fire service", "rescue service")},
    member_kinds={"school": ("school",), "social": ("social services", "social"),
                  "youth": ("youth", "youth centre", "youth center")},
)

_ENGLISH_AND_SWEDISH = ENGLISH.merged(SWEDISH)


def words() -> Words:
    """The words the quick-entry line understands in the current language."""
    return _ENGLISH_AND_SWEDISH if language() == "en" else SWEDISH
