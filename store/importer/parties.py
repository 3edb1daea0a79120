"""Who is responsible for a promise, as a text says it.

The three kinds are words (polisen, Områdespoliserna, kommunpolisen, Polismyndigheten,
lokalpolisområde … → police; kommunen, kommunerna, Mullsjö kommun → municipality;
räddningstjänsten, brandförsvaret → fire). Other parties are kept by name as published:
a company or authority as the subject of a sentence ("Kirunabostäder (KBAB) kommer …",
"Gällande trafik kommer Tekniska verken även att:"), or a sub-heading that names who does
the bullets under it (Västtrafik; "Trygga ungdomsmiljöer" above "Trygga Ungdomsmiljöer
ser …").
"""

from __future__ import annotations

import re

from store.model.constants import FIRE, MUNICIPALITY, PARTIES, POLICE

TOKEN = re.compile(r"\w+(?:-\w+)*|,")
_AUX = {"kommer", "ska", "skall", "lovar", "vill", "att", "fortsätter", "kan"}
_JOINERS = {"och", "samt", ",", "gemensamt", "tillsammans", "även", "också"}
_MUNICIPALITY_WORDS = {"kommun", "kommunen", "kommuns", "kommunens", "kommunerna", "kommunernas",
                       "kommunkoncern", "kommunkoncernen", "kommunstyrelsen"}
# Organisations that are parties by name when a sub-heading or subject names them.
KNOWN_ORGANISATIONS = ("Västtrafik", "Trafikverket", "Skånetrafiken", "Östgötatrafiken", "SL",
                       "Länstrafiken", "Region", "Länsstyrelsen", "Systembolaget", "Securitas")
_ORG_SUFFIX = re.compile(r"(?:bostäder|bostad|bostaden|hem|hus|verken|verket|bolaget|bolag|trafik|"
                         r"energi|fastigheter|förvaltningen|nämnden|AB)$", re.I)
_FINITE = {"kommer", "ska", "skall", "lovar", "ansvarar", "åtar", "bjuder", "erbjuder",
           "fortsätter", "arbetar", "jobbar", "genomför"}
_NOT_NAMES = {"vi", "det", "detta", "den", "de", "dessa", "man", "alla", "arbetet", "medborgarna",
              "gruppen", "syftet", "målet", "insatser", "insatserna", "vår", "vårt", "våra",
              "invånarna", "ungdomar", "föräldrar", "skolan", "en", "ett", "under", "för", "i"}
_MARKER = re.compile(r"\s*\(((?:polis(?:en)?|kommun(?:en)?|räddningstjänst(?:en)?)"
                     r"(?:\s*(?:och|,|/)\s*(?:polis(?:en)?|kommun(?:en)?|räddningstjänst(?:en)?))*)\)\s*\.?$",
                     re.I)
_LEAD_VERB = re.compile(r"\b(lovar|åtar sig|kommer|ska|skall|vill)\b", re.I)


def party_of(word: str) -> str | None:
    low = word.lower()
    if low.endswith(("polis", "polisen", "poliserna", "polisens")) or low.startswith(
            ("polismyndighet", "lokalpolisomr")):
        return POLICE
    if low in _MUNICIPALITY_WORDS:
        return MUNICIPALITY
    if low.startswith(("räddningstjänst", "brandförsvar", "brandkår")):
        return FIRE
    return None


def ordered(found) -> list[str]:
    """Kinds in their fixed order, then names in the order found."""
    found = list(dict.fromkeys(found))
    return [p for p in PARTIES if p in found] + [p for p in found if p not in PARTIES]


def parties_in(text: str) -> list[str]:
    """Every kind named in ``text`` ("kommun och polis" → police, municipality)."""
    return ordered(p for w in TOKEN.findall(text[:500]) if (p := party_of(w)))


def party_marker(text: str) -> tuple[str, list[str]]:
    """A bullet's closing "(Polis)" / "(Polisen och kommunen)": (text without it, its parties)."""
    found = _MARKER.search(text)
    if not found:
        return text, []
    return text[:found.start()].rstrip(), parties_in(found.group(1))


_NAME = re.compile(r"([A-ZÅÄÖ][\w-]*(?:[ ][A-ZÅÄÖ][\w-]*){0,2}(?:[ ][a-zåäö]*(?:verken|verket|bolaget|bostäder))?)"
                   r"(\s*\([A-ZÅÄÖ]{2,6}\))?")


def _name_in(text: str) -> tuple[str, int] | None:
    """A third party's name at the start of ``text``: (name, where it ends) or None."""
    found = _NAME.match(text)
    if not found:
        return None
    name, abbreviation = found.group(1), found.group(2)
    words = name.split()
    if words[0].lower() in _NOT_NAMES or any(party_of(w) for w in words):
        return None
    known = name in KNOWN_ORGANISATIONS or bool(_ORG_SUFFIX.search(name))
    if not (abbreviation or known or len(words) > 1 and words[1][:1].isupper()):
        return None
    return name, found.end()


def named_subject(text: str) -> str:
    """A third party named as the subject: "Kirunabostäder (KBAB) kommer …" → "Kirunabostäder"."""
    found = _name_in(text.lstrip())
    if found:
        verb = re.match(r"\s*(\w+)", text.lstrip()[found[1]:])
        if verb and verb.group(1).lower() in _FINITE:
            return found[0]
    return ""


def subject_parties(text: str) -> list[str]:
    """Parties in the subject of the first sentence, e.g. "kommer polisen och kommunen att".

    Reads party words joined by och/samt/commas, place names next to them ("Strängnäs
    kommun", "polisen i Södertälje"), auxiliaries ("kommer", "ska") and "tillsammans
    med"/"i samverkan med" before the main verb, and stops at the first other word; a
    named third party as the subject counts too.
    """
    if name := named_subject(text):
        return [name]
    sentence = re.split(r"[.!?(](?:\s|$)", text[:400], maxsplit=1)[0]
    tokens = TOKEN.findall(sentence)[:40]
    found: list[str] = []
    i = 0
    while i < len(tokens):
        word, low = tokens[i], tokens[i].lower()
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if party := party_of(word):
            found.append(party)
            if low.startswith("lokalpolisomr"):  # its name: "Piteå älvdal", "Norra Lappland"
                for _ in range(3):
                    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
                    then = tokens[i + 2].lower() if i + 2 < len(tokens) else ""
                    if not (nxt[:1].isupper() and not party_of(nxt)
                            or nxt[:1].islower() and then in _JOINERS | _AUX):
                        break
                    i += 1
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
        elif word[:1].isupper() and (party_of(after) or (i > 0 and party_of(tokens[i - 1]))):
            pass  # the name in "Strängnäs kommun", "lokalpolisområde Eskilstuna"
        else:
            break
        i += 1
    return ordered(found)


def together_with(text: str) -> list[str]:
    """Kinds a subjectless bullet does its work with: "… tillsammans med polisen …"."""
    found = re.search(r"\b(?:tillsammans|gemensamt)\s+med\s+([\wåäö ]+?)(?:\s+(?:gällande|inom|i|på|för|att)\b|[,.]|$)",
                      text, re.I)
    return parties_in(found.group(1)) if found else []


def lead_in_parties(line: str) -> list[str]:
    """Who a lead-in says promises what follows.

    "Under tiden … lovar polisen att:" (the subject after the verb), "Polisen och Luleå
    kommun lovar att …", "Gällande trafik kommer Tekniska verken även att:" (a name).
    """
    verb = _LEAD_VERB.search(line)
    if verb and verb.start() > 0:
        rest = line[verb.end():].lstrip()
        tokens = TOKEN.findall(rest)[:8]
        kinds = []
        for k, word in enumerate(tokens):
            after = tokens[k + 1] if k + 1 < len(tokens) else ""
            if party := party_of(word):
                kinds.append(party)
            elif word.lower() in _JOINERS or word[:1].isupper() and party_of(after):
                continue
            else:
                break
        if kinds:
            return ordered(kinds)
        if found := _name_in(rest):
            return [found[0]]
    return subject_parties(line)


def heading_parties(heading: str, next_bullet: str) -> list[str]:
    """The parties a sub-heading names for the bullets under it, or [] for another heading.

    "Polis", "Kommunerna:", "Polisen lovar att", "Räddningstjänst", "Västtrafik", and a
    heading its first bullet begins with ("Trygga ungdomsmiljöer" / "Trygga Ungdomsmiljöer ser").
    """
    text = re.sub(r"\s*(?:lovar(?: att)?|åtar sig(?: att)?|ska|skall)?\s*:?\s*$", "", heading.strip(), flags=re.I)
    tokens = TOKEN.findall(text)
    if not tokens or len(tokens) > 6:
        return []
    kinds = [party_of(w) for w in tokens]
    if all(k or w.lower() in _JOINERS or w[:1].isupper() and party_of(tokens[-1])
           for k, w in zip(kinds, tokens)) and any(kinds):
        return ordered(k for k in kinds if k)
    if text in KNOWN_ORGANISATIONS or (len(tokens) <= 3 and _ORG_SUFFIX.search(text)):
        return [text]
    if len(tokens) <= 4 and next_bullet.casefold().startswith(text.casefold()):
        return [text]
    return []
