"""Measurable targets and follow-up cadence in promise text.

A target is the first count in a promise: digits, or a number word (två…tjugo; en/ett only
with minst, gång, tillfälle, stycken or per). Numbers that name something are not counts:
ages, years, ranges, dates, amounts, phone numbers, sections of a law ("14§", "LOV 3
områden"), school years ("årskurs 7") and how many of something there are ("våra tre
kommuner"). The unit comes from the same clause ("1 gång i månaden" → month, "per år" →
year, none → period; "per kvartal" → ×4 a year, "varje dygn" → ×7 a week). A yearly
target in a one-year period counts against the period.

``target_of`` also says when a promise's sub-points give different counts: then there is
no one target and the field is left for the user.
"""

from __future__ import annotations

import re

from store.model.promise import Target
from store.rules.swedish import NUMBER_WORDS

_MORE_WORDS = {"tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17,
               "arton": 18, "nitton": 19, "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50}
WORDS = {**NUMBER_WORDS, **_MORE_WORDS}
_COUNT = re.compile(  # a lone number: not part of a range, date, decimal, § or percentage
    r"(?<![\w\-–/.,:§])(\d{1,3}|" + "|".join(WORDS) + r")(?![\w\-–/§%])(?![.,:]\d)", re.I)
_UNITS = {"år": ("year", 1), "termin": ("term", 1), "tertial": ("tertial", 1),
          "månad": ("month", 1), "vecka": ("week", 1), "kvartal": ("year", 4),
          "dygn": ("week", 7), "dag": ("week", 7)}
_UNIT = r"(år|året|terminen|termin|tertialet|tertial|månaden|månad|veckan|vecka|kvartal\w*|dygn\w*|dag)"
_PER = re.compile(r"\b(?:per|i|om|varje)\s+" + _UNIT + r"\b|\b(under året|årligen)\b", re.I)
_EVERY = re.compile(r"\bvarje\s+" + _UNIT + r"\b", re.I)
# Words next to a number that make it a date, time, span, amount or reference, not a count.
_NOT_BEFORE = {"mellan", "kapitel", "kap", "lagen", "§", "nr", "nummer", "kl", "klockan",
               "vecka", "v", "sidan", "åldern", "ålder", "den", "år", "årskurs", "åk", "skolår",
               "klass", "årskurserna", "våra", "dessa", "de", "alla", "samtliga", "sina"}
_NOT_AFTER = {"%", "procent", "kr", "kronor", "tkr", "mkr", "timmar", "timme", "minuter",
              "dagar", "dag", "veckor", "månader", "§", "och", "eller", "till", "kommuner",
              "kommunerna", "kommunernas",
              *"januari februari mars april maj juni juli augusti september oktober november "
               "december jan feb mar apr jun jul aug sep sept okt nov dec".split()}
_QUANTIFIERS = {"minst", "högst", "cirka", "ca", "drygt", "totalt", "åtminstone"}
_LAW = re.compile(r"^[A-ZÅÄÖ]{2,5}$|^[A-ZÅÄÖ][a-zåäö]?[A-ZÅÄÖ]$")  # LOV, LVU, SoL, PL
# A "varje tertial" about evaluation is when the work is followed up, not what is promised.
_REVIEW_WORDS = re.compile(r"utvärder|uppfölj|följs upp|följa upp|redovis|återrapport|stäm\w* av", re.I)
CADENCE = re.compile(r"\b(?:varje|per|en gång per|en gång i)\s+(?:tertial|kvartal|månad|termin|halvår|år|vecka)\b"
                     r"|\b(?:tertialvis|kvartalsvis|halvårsvis|månadsvis|årsvis|årligen)\b", re.I)


def _unit_of(clause: str) -> tuple[str, int]:
    found = _PER.search(clause)
    if found and found.group(2):  # "under året", "årligen"
        return "year", 1
    unit = found.group(1).lower() if found else ""
    return next((v for stem, v in _UNITS.items() if unit.startswith(stem)), ("period", 1))


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ",;.()") + 1
    rights = [p for c in ",;.()" if (p := text.find(c, end)) >= 0]
    return text[left:min(rights, default=len(text))]


def _counts(text: str, one_year: bool) -> list[Target]:
    found_targets = []
    for found in _COUNT.finditer(text):
        word = found.group(1).casefold()
        before = re.findall(r"[\w§]+", text[max(0, found.start() - 30):found.start()])
        after = re.match(r"\s*([\w§%-]+)", text[found.end():found.end() + 30])
        prev = before[-1] if before else ""
        nxt = after.group(1).lower() if after else ""
        if not nxt:
            continue  # a count is followed by what it counts
        span_end = prev.lower() in ("och", "till", "eller") and len(before) > 1 and before[-2].isdigit()
        if span_end or prev.isdigit() or nxt.isdigit() or nxt.startswith("år"):
            continue  # "12 och 21", phone numbers "114 14", ages "21 år", "15–18 årsåldern"
        if prev.lower() in _NOT_BEFORE or nxt in _NOT_AFTER or (prev and _LAW.match(prev)):
            continue
        clause = _clause(text, found.start(), found.end())
        counted = nxt.startswith(("gång", "ggr", "tillfälle", "stycke", "st")) or nxt == "per"
        rate = re.match(r"\s*[\w-]+\s+(?:per|i|varje)\s+" + _UNIT, text[found.end():], re.I)
        if word in ("en", "ett") and not (prev.lower() in _QUANTIFIERS or counted or rate):
            continue  # otherwise the indefinite article
        count = int(word) if word.isdigit() else WORDS.get(word, 0)
        if count:
            per, factor = _unit_of(clause)
            found_targets.append(Target(count * factor, "period" if per == "year" and one_year else per))
    return found_targets


def target_of(parts: list[str], one_year: bool) -> tuple[Target | None, bool]:
    """(target, doubtful) of a promise given as its text and its sub-points, if any.

    Each part's first count is its target; sub-points that disagree leave no one target
    (doubtful). "vid två tillfällen, en per termin" is one part: the first count wins.
    """
    firsts = [counts[0] for part in parts if (counts := _counts(part, one_year))]
    if firsts:
        distinct = {(c.count, c.per) for c in firsts}
        return (firsts[0], False) if len(distinct) == 1 else (None, True)
    for every in _EVERY.finditer(" ".join(parts)):
        if _REVIEW_WORDS.search(_clause(every.string, every.start(), every.end())):
            continue
        per, factor = _unit_of(every.group(0))
        return Target(factor, "period" if per == "year" and one_year else per), False
    return None, False


def extract_target(text: str, one_year: bool) -> Target | None:
    """The first measurable count in a promise, or None when the text gives no number."""
    return target_of([text], one_year)[0]


def cadence_in(text: str) -> str:
    """A follow-up cadence phrase ("varje tertial", "tertialvis", "halvårsvis") or ""."""
    found = CADENCE.search(text)
    return found.group(0).lower() if found else ""


def review_cadence_in(text: str) -> str:
    """A cadence the promise itself gives for its evaluation ("Utvärdering … sker varje tertial")."""
    for found in CADENCE.finditer(text):
        clause = _clause(text, found.start(), found.end())
        if _REVIEW_WORDS.search(clause) and not _counts(clause, False):  # not "vid två tillfällen per år"
            return found.group(0).lower()
    return ""


_CADENCE_UNITS = (("tertial", "tertial"), ("halvår", "half_year"), ("kvartal", "quarter"),
                  ("månad", "month"), ("vecka", "week"), ("termin", "term"), ("år", "year"))


def cadence_unit(phrase: str) -> str:
    """The unit a cadence phrase names: "tertialvis", "per tertial", "T1-T3" → "tertial"."""
    low = (phrase or "").casefold()
    if re.search(r"\bt[1-3]\b", low):
        return "tertial"
    return next((key for stem, key in _CADENCE_UNITS if stem in low), "")
