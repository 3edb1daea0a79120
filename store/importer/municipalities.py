"""Sweden's 290 municipalities (SCB's codes, ``data/kommuner.csv``) and finding them in a
published promise text.

A text names its municipality in its title ("Habo – medborgarlöften"), as "X kommun"
or in the genitive ("Stenungsunds kommunvapen"), and names the others it shares a promise
with in a list after "kommunerna" ("de tre kommunerna Stenungsund, Orust och Tjörn").
Names inside a police area's name ("lokalpolisområde Storgöteborg Kungälv-Ale") are the
police's, not parties to the promise.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Names that are also ordinary Swedish words: counted only next to "kommun".
_AMBIGUOUS = {"Mark", "Berg", "Vara", "Sala", "Kil", "Eda", "Hjo", "Nora", "Boden", "Lund", "Ale",
              "Orsa", "Mora", "Säter", "Åre", "Bjuv", "Heby", "Tierp", "Ydre", "Osby", "Habo"}
_POLICE_AREA = re.compile(r"\b(?:lokal)?polisområde(?:t|s)?\s+((?:[A-ZÅÄÖ][\w-]*[\s/]*){1,4})")


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county: str


@cache
def municipalities() -> dict[str, Municipality]:
    """Name → municipality, for all 290."""
    source = resources.files("store.importer").joinpath("data", "kommuner.csv")
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {r["kommun"]: Municipality(r["kod"], r["kommun"], r["län"]) for r in rows}


@cache
def _pattern() -> re.Pattern[str]:
    names = sorted(municipalities(), key=len, reverse=True)  # "Upplands Väsby" before "Väsby"
    # A name, in the genitive too ("Kungälvs", "Stenungsunds"); names ending in s take none.
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")s?(?![\w])")


def code_of(name: str) -> str:
    found = municipalities().get(name)
    return found.code if found else ""


def canonical(name: str) -> str:
    """The SCB name for a typed or genitive name ("kungälvs" → "Kungälv"), or "" if none."""
    text = " ".join(name.split()).removesuffix(" kommun")
    by_fold = {n.casefold(): n for n in municipalities()}
    return by_fold.get(text.casefold()) or by_fold.get(text.casefold().removesuffix("s"), "")


def _police_area_spans(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in _POLICE_AREA.finditer(text)]


def mentions(text: str) -> list[tuple[str, int, bool]]:
    """(name, position, next to "kommun") for every municipality named outside a police area."""
    spans = _police_area_spans(text)
    found = []
    for m in _pattern().finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        after = text[m.end():m.end() + 8].lower()
        found.append((m.group(1), m.start(), after.startswith((" kommun", " stad"))))
    return found


_LIST_AFTER = re.compile(r"\bkommunerna\s+((?:[A-ZÅÄÖ][\w-]*(?:\s[A-ZÅÄÖ][\w-]*)?(?:,\s*|\s+(?:och|samt)\s+))+"
                         r"[A-ZÅÄÖ][\w-]*(?:\s[A-ZÅÄÖ][\w-]*)?)")


_LIST = re.compile(r"((?:[A-ZÅÄÖ][\w-]*(?:\s[A-ZÅÄÖ][\w-]*)?,\s*)+[A-ZÅÄÖ][\w-]*(?:\s[A-ZÅÄÖ][\w-]*)?"
                   r"\s+(?:och|samt)\s+[A-ZÅÄÖ][\w-]*(?:\s[A-ZÅÄÖ][\w-]*)?)")


def _names(listing: str) -> list[str]:
    names = [canonical(n) for n in re.split(r",\s*|\s+(?:och|samt)\s+", listing)]
    return list(dict.fromkeys(n for n in names if n))


def listed_together(text: str) -> list[str]:
    """The municipalities in the first list of two or more that a text gives as the promise's:
    "de tre kommunerna Stenungsund, Orust och Tjörn", or "A, B och C" in a sentence about
    "kommunerna"."""
    for m in _LIST_AFTER.finditer(text):
        if len(names := _names(m.group(1))) >= 2:
            return names
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if re.search(r"\bkommuner(?:na)?\b", sentence):
            for m in _LIST.finditer(sentence):
                if len(names := _names(m.group(1))) >= 2:
                    return names
    return []


def find_municipalities(headings: list[str], body: str) -> tuple[list[str], str]:
    """(municipalities, how sure): the text's own first, then those it shares the promise with.

    How sure: "title" (named in a heading), "kommun" (named as "X kommun"), "mentioned"
    (only the most mentioned name) or "" (none found).
    """
    primary, how = "", ""
    for line in headings:
        named = [n for n, _, _ in mentions(line)]
        if named:
            primary, how = named[0], "title"
            break
    everything = mentions(body)
    if not primary:
        primary = next((n for n, _, kommun in everything if kommun), "")
        how = "kommun" if primary else ""
    if not primary:
        counts: dict[str, int] = {}
        for name, _, _ in everything:
            if name not in _AMBIGUOUS:
                counts[name] = counts.get(name, 0) + 1
        if counts:
            primary, how = max(counts, key=lambda n: counts[n]), "mentioned"
    together = listed_together(body)
    if primary and together and primary not in together:
        together = []  # a list of other municipalities (a neighbour's example), not ours
    if together:
        return [primary, *[n for n in together if n != primary]], how
    return ([primary] if primary else []), how
