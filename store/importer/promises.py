"""Read a published citizen-promise text (medborgarlöfte) and return ``Promise`` objects.

The text is what a municipality or the police put on the web: headings, a situation
picture, bullets, page furniture. The rules, in the order the parser applies them:

* **Sets.** A heading naming "medborgarlöfte…" *and* a period opens a set: a year
  ("2020"), a pair ("2019/2020", "2021-2022") or ISO dates ("2023-03-01 – 2024-02-29").
  Bullets before the first such heading are never promises, so a general page (seed
  001) yields nothing. Several period headings give several sets.
* **Sections.** Headings switch the section: situation (Lägesbild, Situationen idag),
  effect (Förväntad effekt), follow-up (Uppföljning), focus-area list (Fokusområden),
  promises (Inriktning på …, Aktiviteter, … lovar …) or other (Kommunikation, Det här
  ska vi åstadkomma …). Only bullets in a promises section are promises. An unknown
  heading after promises or a focus-area list is a focus area; elsewhere a sub-heading.
* **Bullets** start with • · ▪ ● ◦ ‣ ⁃, "-", "*" or "1." / "1)"; an en dash starts a
  quote. A line directly under a bullet continues it unless it is an "Ansvarig:" line,
  furniture, a quote or a heading (a known one, or a short capitalised line after a
  bullet that ended its sentence).
* **Parties**, first that applies: the "Ansvarig:" line under the bullet; the subject of
  the bullet's first sentence ("kommer polisen att"; "Strängnäs kommun kommer
  tillsammans med polisen" → both); else the subject of the latest lead-in, heading or
  paragraph outside the situation picture that has one ("Polisen och Strängnäs kommun
  arbetar tillsammans" → both). "Vi" names nobody and falls through.
* **Targets**: the first count in the bullet (digits, två…tolv; en/ett only with minst,
  gång, tillfälle, stycken or per); ages, years, ranges, §, dates, amounts and phone
  numbers are not counts. The unit comes from the same clause ("1 gång i månaden" →
  month, "under året"/"per år" → year, none → period, "per kvartal" → ×4 a year). A
  yearly target in a one-year period is stored per "period", so a one-year promise
  always counts against its whole period. "vid två tillfällen, en per termin" is
  Target(2, "period"): the count of occasions wins; the rate after the comma only says
  how they are spread. "varje månad" without a number is Target(1, "month").
* **Follow-up and effect**: the Uppföljning paragraph is kept verbatim in
  ``Promise.comments`` (the model has no field for where follow-up happens); a "varje
  tertial" phrase in the set's closing sections is ``follow_up_cadence``; Förväntad
  effekt bullets are ``expected_effect``. All three apply to every promise of the set.

Never raises on arbitrary text: nothing recognised gives an empty list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.model.constants import FIRE, MUNICIPALITY, PARTIES, POLICE
from store.model.promise import Promise, Target
from store.rules.swedish import NUMBER_WORDS

NONE, SITUATION, PROMISES, EFFECT, FOLLOW_UP, FOCUS_LIST, OTHER = (
    "none", "situation", "promises", "effect", "follow_up", "focus_list", "other")

_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣⁃]\s*|[*-]\s+|\d{1,2}[.)]\s+)(\S.*)$")
_QUOTE = re.compile(r"^[–—]")
_RESPONSIBLE = re.compile(r"\bansvar(?:ig|iga)?\s*:\s*(.*)$", re.I)
_FURNITURE = re.compile(
    r"^(?:till toppen|toppbild|ort och datum|fotografi\b|foto\s*:|bild\s*:|uppdaterad\s+\d"
    r"|publicerad\s+\d|e-?post\b|mejl\b|vid frågor\b|besöksadress|postadress"
    r"|(?:https?://|www\.)\S+$|\d{4}-\d{2}-\d{2}$)", re.I)
_EMAIL = re.compile(r"[\w.+-]@[\w-]+\.\w")
_PHONE = re.compile(r"\b(?:tel|telefon|fax)\b\.?\s*:?\s*[+\d]", re.I)
_SIGNATURE = re.compile(r"^[A-ZÅÄÖ]\w+(?: [A-ZÅÄÖ]\w+){1,3},$")  # "Bob Wällberg,"
_WEB_WIDGETS = re.compile(r"\bexpand_(?:less|more)\b")

_ISO_DATE = r"(\d{4}-\d{2}-\d{2})"
_DATES = re.compile(_ISO_DATE + r"\s*(?:[-–—]|till|t\.?\s?o\.?\s?m\.?)\s*" + _ISO_DATE)
_YEAR_PAIR = re.compile(r"\b((?:19|20)\d{2})\s*[/\-–—]\s*((?:19|20)\d{2}|\d{2})(?![\d-])")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")

_SITUATION = re.compile(r"lägesbild|lägesrapport|situationen|nuläge")
_EFFECT = re.compile(r"\beffekt(?:er|erna)?\b")
_ACTIVITY = re.compile(r"aktivitet|\blovar\b|löfte|åtagande")
_OTHER = re.compile(r"kommunikation|åstadkomma|följ med|kontakt|medborgardialog|bakgrund|syfte")
_CADENCE = re.compile(r"\bvarje\s+(?:tertial|kvartal|månad|termin|halvår|år|vecka)\b", re.I)

_NUMBER_WORDS = NUMBER_WORDS
_COUNT = re.compile(  # a lone number: not part of a range, date, decimal, § or percentage
    r"(?<![\w\-–/.,:§])(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")(?![\w\-–/§%])(?![.,:]\d)",
    re.I)
_UNITS = {"år": ("year", 1), "termin": ("term", 1), "tertial": ("tertial", 1),
          "månad": ("month", 1), "vecka": ("week", 1), "kvartal": ("year", 4)}
_UNIT = r"(år|året|terminen|termin|tertialet|tertial|månaden|månad|veckan|vecka|kvartal\w*)"
_PER = re.compile(r"\b(?:per|i|om|varje)\s+" + _UNIT + r"\b|\b(under året|årligen)\b", re.I)
_EVERY = re.compile(r"\bvarje\s+" + _UNIT + r"\b", re.I)
# Words next to a number that make it a date, time, span, amount or reference, not a count.
_NOT_BEFORE = {"mellan", "kapitel", "kap", "lagen", "§", "nr", "nummer", "kl", "klockan",
               "vecka", "v", "sidan", "åldern", "ålder", "den", "år"}
_NOT_AFTER = {"%", "procent", "kr", "kronor", "tkr", "mkr", "timmar", "timme", "minuter",
              "dagar", "dag", "veckor", "månader", "§", "och", "eller", "till",
              *"januari februari mars april maj juni juli augusti september oktober november "
               "december jan feb mar apr jun jul aug sep sept okt nov dec".split()}
_QUANTIFIERS = {"minst", "högst", "cirka", "ca", "drygt", "totalt", "åtminstone"}

_TOKEN = re.compile(r"\w+(?:-\w+)*|,")
_AUX = {"kommer", "ska", "skall", "lovar", "vill", "att", "fortsätter"}
_JOINERS = {"och", "samt", ",", "gemensamt", "tillsammans", "även", "också"}
_MUNICIPALITY_WORDS = {"kommun", "kommunen", "kommuns", "kommunens", "kommunerna",
                       "kommunkoncern", "kommunkoncernen", "kommunstyrelsen"}

# Stockholm and Södermanland counties (where the seeds come from) and the largest cities.
KNOWN_MUNICIPALITIES = (
    "Botkyrka Danderyd Ekerö Haninge Huddinge Järfälla Lidingö Nacka Norrtälje Nykvarn "
    "Nynäshamn Salem Sigtuna Sollentuna Solna Stockholm Sundbyberg Södertälje Tyresö Täby "
    "Vallentuna Vaxholm Värmdö Österåker Eskilstuna Flen Gnesta Katrineholm Nyköping Trosa "
    "Oxelösund Strängnäs Vingåker Göteborg Malmö Uppsala Västerås Örebro Linköping Lund "
    "Norrköping Jönköping Umeå").split() + ["Upplands Väsby", "Upplands-Bro"]
_KNOWN = re.compile(r"\b(" + "|".join(map(re.escape, KNOWN_MUNICIPALITIES)) + r")\b")
_NAMED_MUNICIPALITY = re.compile(r"\b([A-ZÅÄÖ]\w+(?:[ -][A-ZÅÄÖ]\w+)?) kommuns?\b")
_NOT_NAMES = {"Vår", "Denna", "Hela", "Varje", "Din", "Er", "Samma", "Egen", "En", "Ett", "Den"}


@dataclass
class _Draft:
    fragments: list[str]
    focus: str
    context: list[str]
    stated: list[str] = field(default_factory=list)  # from an "Ansvarig:" line


@dataclass
class _Set:
    label: str
    start: date | None
    end: date | None
    drafts: list[_Draft] = field(default_factory=list)
    effects: list[list[str]] = field(default_factory=list)
    follow_up: list[list[str]] = field(default_factory=list)
    cadence: str = ""


def import_promises(text: str, municipality: str | None = None) -> list[Promise]:
    """All promises in ``text``, in published order; [] when none are found."""
    if not isinstance(text, str) or not text.strip():
        return []
    lines = [line.strip() for line in text.splitlines()]
    place = (municipality or "").strip() or detect_municipality(lines)
    return [promise for s in _parse(lines) for promise in _build(s, place)]


def promise_to_json(p: Promise) -> dict[str, Any]:
    """A JSON-ready view of a promise; ``follow_up`` reads "where, how often" or ""."""
    follow_up = ", ".join(x for x in (_follow_up_place(p.comments), p.follow_up_cadence) if x)
    return {
        "text": p.text,
        "period": p.period_label,
        "focus_area": p.focus_area,
        "parties": list(p.parties),
        "target": {"count": p.target.count, "per": p.target.per} if p.target else None,
        "municipality": p.municipality,
        "period_start": p.period_start.isoformat() if p.period_start else None,
        "period_end": p.period_end.isoformat() if p.period_end else None,
        "follow_up": follow_up,
        "expected_effect": p.expected_effect,
    }


def _parse(lines: list[str]) -> list[_Set]:
    sets: dict[str, _Set] = {}
    current: _Set | None = None
    section, focus, context = NONE, "", []
    tail: list[str] | None = None  # fragments of the bullet that the next line may continue
    last: _Draft | None = None  # the promise an "Ansvarig:" line applies to
    for raw in lines:
        line = _WEB_WIDGETS.sub("", raw).strip()
        if not line or _is_furniture(line):
            tail = None
            continue
        if responsible := _RESPONSIBLE.match(line):
            if last is not None:
                last.stated = parties_in(responsible.group(1)) or last.stated
            tail = None
            continue
        if bullet := _BULLET.match(line):
            # Bullets outside promises are still collected, so their wrapped lines are eaten.
            tail, last = [bullet.group(1)], None
            if current is not None and section == PROMISES:
                last = _Draft(tail, focus, list(context))
                current.drafts.append(last)
            elif current is not None and section == EFFECT:
                current.effects.append(tail)
            elif current is not None and section == FOLLOW_UP:
                current.follow_up.append(tail)
            continue
        if tail is not None and line == raw and _continues(line, tail[-1]):
            tail.append(line)
            continue
        tail, last = None, None
        if _QUOTE.match(line):
            continue
        if _is_heading(line) or line != raw:  # a fold-out widget title is a heading
            period = parse_period(line) if "medborgarlöft" in line.lower() else None
            if period:
                current = sets.setdefault(period[0], _Set(*period))
                section, focus = PROMISES, ""
                continue
            kind, new_focus = _classify_heading(line)
            if kind is None and section in (PROMISES, FOCUS_LIST):
                kind, new_focus = PROMISES, line
            elif kind is None and section not in (NONE, SITUATION):
                kind = OTHER
            section = kind or section
            focus = focus if new_focus is None else new_focus
        elif current is not None:
            if section == FOLLOW_UP:
                current.follow_up.append([line])
            elif section == EFFECT:
                current.effects.append([line])
            if line.endswith(":") and _ACTIVITY.search(line.lower()):
                section = PROMISES  # a lead-in: "… lovar genomföra följande aktiviteter:"
        if current is not None and section in (FOLLOW_UP, OTHER) and not current.cadence:
            found = _CADENCE.search(line)
            current.cadence = found.group(0).lower() if found else ""
        if section not in (SITUATION, EFFECT):
            context = subject_parties(line) or context
    return list(sets.values())


def _continues(line: str, previous: str) -> bool:
    """Whether a non-bullet line directly under a bullet is more of that bullet."""
    if _QUOTE.match(line):
        return False
    if not _is_heading(line):
        return True
    if ("medborgarlöft" in line.lower() and parse_period(line)) or _classify_heading(line)[0]:
        return False
    return not (line[:1].isupper() and previous.rstrip()[-1:] in ".!?")


def _is_furniture(line: str) -> bool:
    """Page furniture: links, contact and address lines, captions, signatures."""
    address_bar = line.count("|") >= 2 and any(c.isdigit() for c in line)
    contact = "@" in line and _EMAIL.search(line) or _PHONE.search(line)
    return bool(address_bar or contact or _FURNITURE.match(line) or _SIGNATURE.match(line))


def _is_heading(line: str) -> bool:
    return len(line) <= 100 and line[-1] not in ".,;:" and any(c.isalpha() for c in line)


def _classify_heading(line: str) -> tuple[str | None, str | None]:
    """(section, focus area or None) for a known heading; (None, None) when unknown."""
    low = line.lower()
    if _SITUATION.search(low):
        return SITUATION, None
    if _EFFECT.search(low):
        return EFFECT, None
    if low.startswith("uppföljning"):
        return FOLLOW_UP, None
    if named := re.match(r"fokusområde\w*\s*\d*\s*[:–—-]\s*(\S.*)", low):
        return PROMISES, line[named.start(1):]
    if "fokusområde" in low or "prioriterade områden" in low:
        return FOCUS_LIST, None
    if direction := re.match(r"inriktning(?:\s+(?:på|mot))?\s*", low):
        rest = line[direction.end():]
        return PROMISES, rest[:1].upper() + rest[1:]
    if _ACTIVITY.search(low):
        return PROMISES, None
    return (OTHER, None) if _OTHER.search(low) else (None, None)


def parse_period(line: str) -> tuple[str, date, date] | None:
    """(label as published, first day, last day) of the period a heading names."""
    if found := _DATES.search(line):
        try:
            start, end = date.fromisoformat(found.group(1)), date.fromisoformat(found.group(2))
            if start <= end:
                return found.group(0), start, end
        except ValueError:  # "2023-02-30": fall back to the years
            pass
    if found := _YEAR_PAIR.search(line):
        first, second = int(found.group(1)), found.group(2)
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if first <= last <= first + 10:
            return found.group(0), date(first, 1, 1), date(last, 12, 31)
    if found := _YEAR.search(line):
        year = int(found.group(0))
        return found.group(0), date(year, 1, 1), date(year, 12, 31)
    return None


def _party_of(word: str) -> str | None:
    low = word.lower()
    if low.endswith(("polis", "polisen")) or low.startswith(("polismyndighet", "lokalpolisomr")):
        return POLICE
    if low in _MUNICIPALITY_WORDS:
        return MUNICIPALITY
    if low.startswith(("räddningstjänst", "brandförsvar", "brandkår")):
        return FIRE
    return None


def _ordered(found: set[str]) -> list[str]:
    return [p for p in PARTIES if p in found]


def parties_in(text: str) -> list[str]:
    """Every party named in ``text`` ("kommun och polis" → police, municipality)."""
    return _ordered({p for w in _TOKEN.findall(text[:500]) if (p := _party_of(w))})


def subject_parties(text: str) -> list[str]:
    """Parties in the subject of the first sentence, e.g. "kommer polisen och kommunen att".

    Reads party words joined by och/samt/commas, place names next to them ("Strängnäs
    kommun", "polisen i Södertälje"), auxiliaries ("kommer", "ska") and "tillsammans
    med"/"i samverkan med" before the main verb, and stops at the first other word.
    """
    sentence = re.split(r"[.!?(](?:\s|$)", text[:400], maxsplit=1)[0]
    tokens = _TOKEN.findall(sentence)[:40]
    found: set[str] = set()
    i = 0
    while i < len(tokens):
        word, low = tokens[i], tokens[i].lower()
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if party := _party_of(word):
            found.add(party)
        elif low in _JOINERS or low in _AUX:
            pass
        elif low == "med" and i > 0 and tokens[i - 1].lower() in ("tillsammans", "samverkan"):
            pass
        elif low == "i" and after.lower() == "samverkan":
            i += 1
        elif low == "i" and after[:1].isupper():  # a place: "polisen i Södertälje (kommun)"
            while i + 1 < len(tokens) and (tokens[i + 1][:1].isupper()
                                           or tokens[i + 1].lower() in ("kommun", "kommuns")):
                i += 1
        elif word[:1].isupper() and (_party_of(after) or (i > 0 and _party_of(tokens[i - 1]))):
            pass  # the name in "Strängnäs kommun", "lokalpolisområde Eskilstuna"
        else:
            break
        i += 1
    return _ordered(found)


def extract_target(text: str, one_year: bool) -> Target | None:
    """The first measurable count in a promise, or None when the text gives no number."""
    for found in _COUNT.finditer(text):
        word = found.group(1).casefold()
        before = re.findall(r"[\w§]+", text[max(0, found.start() - 30):found.start()])
        after = re.match(r"\s*([\w§%]+)", text[found.end():found.end() + 30])
        prev = before[-1].lower() if before else ""
        nxt = after.group(1).lower() if after else ""
        if not nxt:
            continue  # a count is followed by what it counts
        span_end = prev in ("och", "till", "eller") and len(before) > 1 and before[-2].isdigit()
        if span_end or prev.isdigit() or nxt.isdigit() or nxt.startswith("år"):
            continue  # "12 och 21", phone numbers "114 14", ages "21 år", "15–18 årsåldern"
        if prev in _NOT_BEFORE or nxt in _NOT_AFTER:
            continue
        counted = nxt.startswith(("gång", "tillfälle", "stycke", "st")) or nxt == "per"
        if word in ("en", "ett") and not (prev in _QUANTIFIERS or counted):
            continue  # otherwise the indefinite article
        count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)
        if count:
            per, factor = _unit_of(_clause(text, found.start(), found.end()))
            return Target(count * factor, "period" if per == "year" and one_year else per)
    if every := _EVERY.search(text):
        per, factor = _unit_of(every.group(0))
        return Target(factor, "period" if per == "year" and one_year else per)
    return None


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ",;.()") + 1
    rights = [p for c in ",;.()" if (p := text.find(c, end)) >= 0]
    return text[left:min(rights, default=len(text))]


def _unit_of(clause: str) -> tuple[str, int]:
    found = _PER.search(clause)
    if found and found.group(2):  # "under året", "årligen"
        return "year", 1
    unit = found.group(1).lower() if found else ""
    return next((v for stem, v in _UNITS.items() if unit.startswith(stem)), ("period", 1))


def _follow_up_place(comments: str) -> str:
    found = re.search(r"\bvid\s+[^.;]+", comments or "")
    return found.group(0).strip() if found else (comments or "").strip()


def detect_municipality(lines: list[str]) -> str:
    """A known name in a heading, else the first "X kommun", else any known name."""
    for line in lines:
        if line and _is_heading(line) and (found := _KNOWN.search(line)):
            return found.group(1)
    body = "\n".join(lines)[:200_000]
    for found in _NAMED_MUNICIPALITY.finditer(body):
        name = found.group(1)
        if known := _KNOWN.fullmatch(name) or _KNOWN.fullmatch(name[:-1]):  # "Nykvarns"
            return known.group(1)
        if name not in _NOT_NAMES:
            return name
    found = _KNOWN.search(body)
    return found.group(1) if found else ""


def _build(s: _Set, place: str) -> list[Promise]:
    one_year = (s.end - s.start).days <= 366 if s.start and s.end else False
    effect = "\n".join(" ".join(" ".join(parts).split()) for parts in s.effects)
    follow_up = " ".join(word for parts in s.follow_up for part in parts for word in part.split())
    promises = []
    for draft in s.drafts:
        text = " ".join(" ".join(draft.fragments).split())
        stated = list(draft.stated)
        if inline := _RESPONSIBLE.search(text):  # "… Ansvarig: polisen" on the bullet itself
            stated = stated or parties_in(inline.group(1))
            text = text[:inline.start()].rstrip(" ;,")
        if text:
            parties = stated or subject_parties(text) or list(draft.context)
            promises.append(Promise(
                text=text, municipality=place, period_label=s.label, period_start=s.start,
                period_end=s.end, focus_area=draft.focus, parties=parties,
                target=extract_target(text, one_year), follow_up_cadence=s.cadence,
                expected_effect=effect, comments=follow_up))
    return promises
