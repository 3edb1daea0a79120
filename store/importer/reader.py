"""Reading a published text into sets of draft promises: one pass over its lines.

* **Sets.** A set is one period. It opens at a heading naming "medborgarlöfte…" and a
  period, at a lead-in that promises and names one ("Under tiden 1 januari 2023 - 31
  december 2024 lovar polisen att:", "ger följande löften för 2021–2022:"), at a sentence
  that gives the promise's period ("Löftet gäller 2018-2019.", "Medborgarlöftet kommer
  att löpa från 2018-07-01—2020-06-30"), or, with none of those, at the first promising
  lead-in (the period then comes from the bullets, "under 2018", or stays open). Bullets
  with nothing promising before them are never promises (a general page yields nothing).
* **Sections.** Headings switch the section: situation, effect, follow-up, focus-area list,
  promises or other; only bullets in a promises section are promises. A heading that
  names who does the bullets under it (Polis, Västtrafik, Räddningstjänst) sets their
  party; another unknown heading among promises is their focus area.
* **Aims.** "Det ska vi åstadkomma genom följande aktiviteter" (or an "Aktiviteter"
  heading) turns the bullets before it into aims: one aim is the focus area of the
  activities after it; several leave the focus area to the user.
* **Follow-up pages.** On a page that follows a promise up ("Uppföljning medborgarlöftet
  …"), a paragraph ending in "(Polis)" is a promise and what comes under it are its
  outcomes; anywhere, bullets after "Utfallet blev:" or "Resultat:" are outcomes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from store.importer import layout, periods
from store.importer.layout import BLANK, BULLET, FURNITURE, QUOTE, Line
from store.importer.parties import heading_parties, lead_in_parties, parties_in, party_marker, subject_parties
from store.importer.targets import cadence_in

NONE, SITUATION, PROMISES, EFFECT, FOLLOW_UP, FOCUS_LIST, OTHER = (
    "none", "situation", "promises", "effect", "follow_up", "focus_list", "other")

RESPONSIBLE = re.compile(r"\bansvar(?:ig|iga)?\s*:\s*(.*)$", re.I)
_SITUATION = re.compile(r"lägesbild|lägesrapport|situationen|nuläge|bakgrund")
_EFFECT = re.compile(r"\beffekt(?:er|erna)?\b")
_ACTIVITY = re.compile(r"aktivitet|\blovar\b|löfte|åtagande|åtar sig|utlova|åtgärder")
_OTHER = re.compile(r"kommunikation|åstadkomma|följ med|kontakt|medborgardialog|syfte")
_PROMISING = re.compile(r"\blovar\b|\blovade\b|löfte|löften|utlova|åtar sig|aktiviteter|åtgärder|innebär")
_AIMS_END = re.compile(r"(?:åstadkomma|göra|gör)\s+(?:\w+\s+){0,3}genom|genom följande aktiviteter|^aktiviteter$", re.I)
_OUTCOMES = re.compile(r"\butfall|\bresultat|\bresulterat|har genomförts|\buppfyllt", re.I)
_FOCUS_LEAD = re.compile(r"^(?:gällande|inom|när det gäller)\s+(.+?)\s+(?:kommer|ska|skall|lovar)\b", re.I)
# "För att minska trafikproblem lovar vi:", "För att öka trafiksäkerheten kommer;"
_PURPOSE_LEAD = re.compile(r"^((?:för att|i syfte att)\s.+?)\s+(?:lovar|kommer|ska|skall)\b", re.I)
# A paragraph that is itself a promise: "Polisen lovar att under 2017 genomföra …"
_PROSE_PROMISE = re.compile(r"^\S.{0,60}?\blovar\s+(?:även\s+)?att\b", re.I)
_TERTIAL_REPORT = re.compile(r"\btertial\b|\bT[1-3]\b")


@dataclass
class Draft:
    fragments: list[str]
    indent: int
    focus: str
    context: list[str]  # parties of the page's intro, a lead-in or a party heading
    heading_party: list[str] = field(default_factory=list)
    stated: list[str] = field(default_factory=list)  # an "Ansvarig:" line or "(Polis)"
    subs: list[list[str]] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    focus_doubt: bool = False
    prose: bool = False  # a paragraph, kept only when its set has no bullet promises


@dataclass
class PromiseSet:
    label: str
    start: date | None
    end: date | None
    how: str  # where the period came from: heading, lead-in, sentence, bullets or ""
    drafts: list[Draft] = field(default_factory=list)
    effects: list[list[str]] = field(default_factory=list)
    follow_up: list[list[str]] = field(default_factory=list)
    cadence: str = ""
    cadence_from_reports: bool = False
    aims_from: int = 0  # drafts before this index are settled (not aims of a later list)


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


def _period_in(text: str) -> periods.Period | None:
    """The promise's period if ``text`` speaks of the promise and names one."""
    low = text.lower()
    if not re.search(r"löft|lovar|lovade|utlova", low):
        return None
    for sentence in reversed(re.split(r"(?<=[.!?])\s+", text)):  # the lead-in ends a paragraph
        if re.search(r"löft|lovar|lovade|utlova|gäller|löpa|pågå", sentence.lower()):
            if found := periods.parse_period(sentence):
                return found
    return None


class Reader:
    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.sets: dict[tuple, PromiseSet] = {}
        self.current: PromiseSet | None = None
        self.section, self.focus = NONE, ""
        self.page_context: list[str] = []  # parties of the page's intro paragraphs
        self.lead_context: list[str] | None = None  # parties of the latest lead-in
        self.heading_party: list[str] = []
        self.follow_up_page = False
        self.bullet_role = "promise"  # or "outcome", after "Utfallet blev:"
        self.tail: list[str] | None = None  # the fragments a next line may continue
        self.adjacent = False  # the line before was the last draft's (a sub-bullet may follow)
        self.last: Draft | None = None
        self.aims_doubt = False  # the activities follow several aims: no one focus area
        self.focus_from_heading = False  # a purpose lead-in ("För att … lovar vi:") yields to it
        self.pending_focus = ""  # a heading before the promise's period is known
        self.candidates = [(i, p) for i, line in enumerate(lines)
                           if line.kind == layout.TEXT and (p := _period_in(line.text))]

    # -- sets ------------------------------------------------------------------------

    def open_set(self, period: periods.Period | None, how: str) -> PromiseSet:
        key = (period[1], period[2]) if period else ("open",)
        if key not in self.sets:
            label, start, end = period if period else ("", None, None)
            self.sets[key] = PromiseSet(label, start, end, how)
        self.current = self.sets[key]
        if how == "lead-in" and self.pending_focus and not self.focus:
            self.focus = self.pending_focus
        return self.current

    def ensure_set(self, index: int) -> PromiseSet:
        if self.current is not None:
            return self.current
        before = [p for i, p in self.candidates if i <= index]
        after = [p for i, p in self.candidates if i > index]
        if before or after:
            return self.open_set((before[-1:] or after)[0], "sentence")
        return self.open_set(None, "")

    # -- lines -----------------------------------------------------------------------

    def read(self) -> list[PromiseSet]:
        for index, line in enumerate(self.lines):
            self.step(index, line)
        return list(self.sets.values())

    def step(self, index: int, line: Line) -> None:
        if line.kind == BLANK:
            self.tail = None
            return
        if line.kind in (FURNITURE, QUOTE):
            self.tail, self.adjacent = None, False
            return
        if responsible := RESPONSIBLE.match(line.text):
            if self.last is not None:
                self.last.stated = parties_in(responsible.group(1)) or self.last.stated
            self.tail, self.adjacent = None, False
            return
        if line.kind == BULLET:
            self.bullet(index, line)
            return
        if self.tail is not None and not line.widget and self.continues(line.text, self.tail[-1]):
            self.tail.append(line.text)
            return
        self.tail, self.adjacent = None, False
        self.text(index, line)

    def continues(self, text: str, previous: str) -> bool:
        """Whether a line directly under a bullet is more of that bullet."""
        if text.endswith(":") or party_marker(text)[1]:
            return False
        if not layout.is_heading(text):
            return True
        if ("medborgarlöft" in text.lower() and periods.parse_period(text)) or _classify_heading(text)[0]:
            return False
        return not (text[:1].isupper() and previous.rstrip()[-1:] in ".!?")

    def bullet(self, index: int, line: Line) -> None:
        if line.lead:
            self.lead_in(index, line.text, numbered=True)
            self.tail, self.last = None, None
            return
        words = line.text.split()
        self.tail = [line.text]
        if self.bullet_role == "outcome" and self.last is not None:
            self.last.outcomes.append(line.text)
            self.tail = None
            return
        if self.last is not None and self.adjacent and line.indent > self.last.indent and self.section == PROMISES:
            self.last.subs.append(self.tail)
            return
        self.adjacent = True
        if self.current is None and re.search(r"\blovar\b|\båtar sig\b", line.text) and self.candidates:
            self.ensure_set(index)
            self.section = PROMISES
        current = self.current
        self.last = None
        if current is None:
            return
        if self.section == PROMISES and (len(words) > 2 or line.text.endswith(".")):  # not "• Droger"
            self.last = Draft(self.tail, line.indent, self.focus, self.context(),
                              list(self.heading_party), focus_doubt=self.aims_doubt)
            current.drafts.append(self.last)
        elif self.section == EFFECT:
            current.effects.append(self.tail)
        elif self.section == FOLLOW_UP:
            current.follow_up.append(self.tail)
            self.note_cadence(line.text)

    def context(self) -> list[str]:
        return list(self.lead_context if self.lead_context is not None else self.page_context)

    def text(self, index: int, line: Line) -> None:
        text = line.text
        if text.endswith((":", ";")):
            self.lead_in(index, text)
            return
        if party_marker(text)[1]:  # "Minst 20 trafikkontroller … (Polis)": a promise, not a heading
            self.paragraph(index, text)
            return
        if line.widget or layout.is_heading(text):
            self.heading(index, text)
            return
        self.paragraph(index, text)

    def heading(self, index: int, text: str) -> None:
        low = text.lower()
        period = periods.parse_period(text) if "löft" in low else None
        if period and low.startswith("uppföljning") and self.current is not None:
            period = None  # the follow-up section of the promise above
        if period:
            self.open_set(period, "heading")
            self.follow_up_page = low.startswith("uppföljning")
            self.section, self.focus, self.heading_party, self.lead_context = PROMISES, "", [], None
            self.focus_from_heading = False
            self.bullet_role = "promise"
            return
        if self.current is not None and _AIMS_END.search(text.strip()):
            self.aims_end()
        if self.section in (PROMISES, FOCUS_LIST) or (self.current and self.section == NONE):
            if party := heading_parties(text, self.next_bullet(index)):
                self.heading_party, self.section = party, PROMISES
                return
        kind, new_focus = _classify_heading(text)
        self.heading_party = []
        if kind is None and self.section in (PROMISES, FOCUS_LIST):
            kind, new_focus = PROMISES, text
        elif kind is None and self.section not in (NONE, SITUATION):
            kind = OTHER
        self.section = kind or self.section
        if self.current is None:  # the focus area only if a lead-in opens the promise next
            self.pending_focus = new_focus or text
        elif new_focus is not None:
            self.focus, self.aims_doubt, self.focus_from_heading = new_focus, False, True
            self.current.aims_from = len(self.current.drafts)
        if kind == PROMISES:
            self.bullet_role = "promise"
        self.note_cadence(text)

    def lead_in(self, index: int, text: str, numbered: bool = False) -> None:
        low = text.lower()
        if _OUTCOMES.search(low) and self.last is not None:
            self.bullet_role = "outcome"
            return
        period = periods.parse_period(text) if _PROMISING.search(low) else None
        if period and self.current is None:
            self.open_set(period, "lead-in")
        if self.current is not None and _AIMS_END.search(text.rstrip(":; ")):
            self.aims_end()
        promising = bool(_PROMISING.search(low))
        parties = lead_in_parties(text)
        if parties and re.fullmatch(r"[\w ]+", text.rstrip(":; ")) and len(text.split()) <= 4:
            self.heading_party = parties  # "Kommunerna:", "Polisen:"
            promising = True
        else:
            self.heading_party = []
            if parties:
                self.lead_context = parties
            if (purpose := _PURPOSE_LEAD.match(text)) and not self.focus_from_heading:
                self.focus = purpose.group(1)
            elif focus := _FOCUS_LEAD.match(text):
                self.focus = focus.group(1)[:1].upper() + focus.group(1)[1:]
            elif not (parties or promising or re.search(r"\batt\b|\bsom$", low.rstrip(":; "))):
                # a noun phrase ("Förebyggande arbete i temaområden …:"), not "För att …:"
                self.focus = text.rstrip(":; ")
                self.lead_context = None
            elif numbered and re.search(r"\bgenom$", text.rstrip(":; ")):
                self.focus = re.sub(r"\s+genom$", "", text.rstrip(":; "))
            elif numbered:
                self.focus = ""
        if promising or parties:
            if self.current is None:
                self.ensure_set(index)
            self.section, self.bullet_role = PROMISES, "promise"

    def paragraph(self, index: int, text: str) -> None:
        self.pending_focus = ""
        current = self.current
        if current is None and (found := _period_in(text)):
            current = self.open_set(found, "sentence")
            self.section = PROMISES
        bare, marked = party_marker(text)
        if current is not None and marked and self.section in (PROMISES, NONE):
            self.last = Draft([bare], -1, self.focus, self.context(), list(self.heading_party), marked)
            current.drafts.append(self.last)
            self.bullet_role = "outcome" if self.follow_up_page else "promise"
            return
        if self.follow_up_page and self.last is not None and self.section == PROMISES:
            self.last.outcomes.append(text)
            return
        if _PROSE_PROMISE.match(text) and subject_parties(text) and self.section not in (SITUATION, EFFECT):
            current = current or self.ensure_set(index)
            self.last = Draft([text], -1, self.focus, self.context(), list(self.heading_party), prose=True)
            current.drafts.append(self.last)
            return
        if current is not None:
            if self.section == FOLLOW_UP:
                current.follow_up.append([text])
            elif self.section == EFFECT:
                current.effects.append([text])
        self.note_cadence(text)
        if self.section not in (SITUATION, EFFECT):
            self.page_context = subject_parties(text) or self.page_context
            if self.section == NONE or self.current is None:
                self.lead_context = None

    def next_bullet(self, index: int) -> str:
        after = next((x for x in self.lines[index + 1:] if x.kind not in (BLANK, FURNITURE)), None)
        return after.text if after is not None and after.kind == BULLET else ""

    def note_cadence(self, text: str) -> None:
        current = self.current
        if current is None or self.section not in (FOLLOW_UP, OTHER) or current.cadence and not current.cadence_from_reports:
            return
        if phrase := cadence_in(text):
            current.cadence, current.cadence_from_reports = phrase, False
        elif self.section == FOLLOW_UP and not current.cadence and _TERTIAL_REPORT.search(text):
            current.cadence, current.cadence_from_reports = "tertial", True

    def aims_end(self) -> None:
        """The bullets since the last settled one were aims; the activities follow."""
        current = self.current
        assert current is not None
        aims = current.drafts[current.aims_from:]
        del current.drafts[current.aims_from:]
        if len(aims) == 1:
            self.focus = " ".join(" ".join(aims[0].fragments).split()).rstrip(".")
        elif aims:
            self.focus = ""
        self.aims_doubt = len(aims) > 1
        current.aims_from = len(current.drafts)
        self.last = None
