"""Lines of a published text as the reader sees them: bullets (with their marker and
indent), headings, lead-ins, paragraphs, page furniture and quotes.

Bullets start with • · ▪ ● ◦ ‣ ⁃, "-", "*", "–" or "1." / "1)"; a dash line that
quotes someone ("– Nu börjar vi, säger ordföranden.") is a quote. A numbered item that
ends mid-sentence ("1. Polisen skall öka synligheten … genom") followed by bullets of
another kind is a lead-in to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^(\s*)(?:([•·▪●◦‣⁃])\s*|([*-])\s+|([–—])\s+|(\d{1,2}[.)])\s+)(\S.*)$")
_SPEECH = re.compile(r",\s*(?:säger|sa|menar|berättar|konstaterar|betonar|fortsätter)\b|[”\"]\s*$", re.I)
_FURNITURE = re.compile(
    r"^(?:till toppen|toppbild|ort och datum|fotografi\b|foto\s*:|bild\s*:|uppdaterad\s+\d"
    r"|publicerad\s*:?\s*\d*$|publicerat\s*\d*|senast (?:publicerad|uppdaterad)\b|e-?post\b|mejl\b"
    r"|vid frågor\b|besöksadress|postadress|återställ$|visa kontaktuppgifter|hjälp oss bli bättre"
    r"|sök$|stäng meny|dela\b|skriv ut\b|lyssna\b|pdf$|på bilden\b"
    r"|(?:https?://|www\.)\S+$|\d{4}-\d{2}-\d{2}$)", re.I)
_EMAIL = re.compile(r"[\w.+-]@[\w-]+\.\w")
_PHONE = re.compile(r"\b(?:tel|telefon|fax)\b\.?\s*:?\s*[+\d]", re.I)
_SIGNATURE = re.compile(r"^[A-ZÅÄÖ]\w+(?: [A-ZÅÄÖ]\w+){1,3},$")  # "Bob Wällberg,"
_COLUMNS = re.compile(r"\S\s{5,}\S")  # names side by side under a signature
_WEB_WIDGETS = re.compile(r"\bexpand_(?:less|more)\b")
_OPEN_END = re.compile(r"(?:\bgenom|\btillsammans|\batt|:)$", re.I)

BLANK, BULLET, TEXT, QUOTE, FURNITURE = "blank", "bullet", "text", "quote", "furniture"


@dataclass
class Line:
    kind: str
    text: str
    indent: int = 0
    marker: str = ""  # "symbol", "dash" or "number" for bullets
    widget: bool = False  # a fold-out title: the page's own heading
    lead: bool = False  # a numbered item that introduces the bullets under it


def is_heading(text: str) -> bool:
    return len(text) <= 100 and text[-1] not in ".,;:" and any(c.isalpha() for c in text)


def is_furniture(text: str) -> bool:
    """Page furniture: links, contact and address lines, captions, signatures, buttons."""
    address_bar = text.count("|") >= 2 and any(c.isdigit() for c in text)
    contact = "@" in text and _EMAIL.search(text) or _PHONE.search(text)
    return bool(address_bar or contact or _FURNITURE.match(text) or _SIGNATURE.match(text)
                or _COLUMNS.search(text))


def classify(raw: str) -> Line:
    widget = bool(_WEB_WIDGETS.search(raw))
    text = _WEB_WIDGETS.sub("", raw).strip()
    if not text:
        return Line(BLANK, "")
    if bullet := _BULLET.match(raw):
        indent, symbol, plain, dash, number, rest = bullet.groups()
        rest = _WEB_WIDGETS.sub("", rest).strip()
        if dash and _SPEECH.search(rest):
            return Line(QUOTE, text)
        marker = "number" if number else "dash" if dash else "symbol"
        return Line(BULLET, rest, len(indent.expandtabs(4)), marker)
    if is_furniture(text):
        return Line(FURNITURE, text)
    return Line(TEXT, text, widget=widget)


def read_lines(text: str) -> list[Line]:
    lines = [classify(raw) for raw in text.splitlines()]
    for i, line in enumerate(lines):
        if line.kind == BULLET and line.marker == "number":
            after = next((x for x in lines[i + 1:] if x.kind not in (BLANK, FURNITURE)), None)
            if after and after.kind == BULLET and after.marker != "number" and (
                    _OPEN_END.search(line.text) or line.text[-1] not in ".!?"):
                line.lead = True
    return lines
