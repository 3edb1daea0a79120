"""Read a published citizen-promise text (medborgarlöfte) into promises for review.

The text is what a municipality or the police put on the web: headings, a situation
picture, bullets, page furniture, often pasted from a PDF. ``read_promises`` returns each
promise with the fields it is unsure of (and why) and, on a follow-up page, the outcomes
published under it; ``import_promises`` returns the promises alone. How the lines are
read is in ``store.importer.reader``; parties, targets, periods and municipalities in
their own modules. Per promise:

* **Parties**, first that applies: an "Ansvarig:" line or a closing "(Polis)"; the
  subject of the bullet ("kommer polisen att", "Kirunabostäder (KBAB) kommer" → by name);
  the sub-heading above it (Polis / Västtrafik / Räddningstjänst); the latest lead-in
  ("lovar kommunerna att:"); the page's intro ("Polisen och Habo kommun kommer …"). A
  bullet without subject that works "tillsammans med polisen" adds the police.
* **Municipalities**: the one the text is about and any it shares the promise with (one
  lokalpolisområde, several municipalities); the ``municipality`` argument wins.
* **Target, follow-up and effect** as ``store.importer.targets`` reads them; the
  Uppföljning paragraph is kept in ``Promise.comments``.

Never raises on arbitrary text: nothing recognised gives an empty list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from store.importer import layout
from store.importer.municipalities import canonical, code_of, find_municipalities
from store.importer.parties import parties_in, party_marker, subject_parties, together_with
from store.importer.periods import period_of_years, years_of_work
from store.importer.reader import RESPONSIBLE, PromiseSet, Reader
from store.importer.targets import review_cadence_in, target_of
from store.model.constants import PARTIES
from store.model.promise import Promise
from store.text.i18n import t

# The fields a reading can be unsure of, in the order the review screen lists them.
DOUBT_FIELDS = ("period", "parties", "target", "focus_area", "municipality", "follow_up_cadence")


@dataclass
class ImportedPromise:
    """A promise as read, the fields it is unsure of (field → message key) and the
    outcomes a follow-up page published under it (for the outcome record, not promises)."""

    promise: Promise
    uncertain: dict[str, str] = field(default_factory=dict)
    outcomes: list[str] = field(default_factory=list)


def read_promises(text: str, municipality: str | None = None) -> list[ImportedPromise]:
    """All promises in ``text``, in published order, with what is uncertain; [] if none."""
    if not isinstance(text, str) or not text.strip():
        return []
    lines = layout.read_lines(text[:2_000_000])
    sets = Reader(lines).read()
    given = " ".join((municipality or "").split())
    if given:
        places, how = [canonical(given) or given], "given"
    else:
        headings = [x.text for x in lines if x.kind == layout.TEXT and layout.is_heading(x.text)]
        body = "\n".join(x.text for x in lines if x.kind != layout.BLANK)[:200_000]
        places, how = find_municipalities(headings, body)
    return [item for s in sets for item in _build(s, places, how)]


def import_promises(text: str, municipality: str | None = None) -> list[Promise]:
    """All promises in ``text``, in published order; [] when none are found."""
    return [item.promise for item in read_promises(text, municipality)]


def _words(parts: list[str]) -> str:
    return " ".join(" ".join(parts).split())


def _parties(draft, text: str) -> list[str]:
    if draft.stated:
        return list(draft.stated)
    if own := subject_parties(text):
        return own
    base = list(draft.heading_party or draft.context)
    extra = [p for p in together_with(text) if p not in base]
    return [p for p in PARTIES if p in base + extra] + [p for p in base if p not in PARTIES]


def _build(s: PromiseSet, places: list[str], place_how: str) -> list[ImportedPromise]:
    label, start, end, period_doubt = s.label, s.start, s.end, ""
    if start is None:
        bullets = " ".join(_words(d.fragments) for d in s.drafts)
        if found := period_of_years(years_of_work(bullets)):
            label, start, end = found
            period_doubt = "importer.doubt.period_from_bullets"
        else:
            period_doubt = "importer.doubt.no_period"
    one_year = (end - start).days <= 366 if start and end else False
    effect = "\n".join(_words(parts) for parts in s.effects)
    follow_up = " ".join(word for parts in s.follow_up for part in parts for word in part.split())
    items = []
    bulleted = any(not d.prose for d in s.drafts)  # prose promises only on a page without bullets
    for draft in (d for d in s.drafts if not (d.prose and bulleted)):
        text, marked = party_marker(_words(draft.fragments))
        if marked and not draft.stated:
            draft.stated = marked
        if inline := RESPONSIBLE.search(text):  # "… Ansvarig: polisen" on the bullet itself
            draft.stated = draft.stated or parties_in(inline.group(1))
            text = text[:inline.start()].rstrip(" ;,")
        if not text:
            continue
        subs = [_words(sub) for sub in draft.subs]
        full = " ".join([text, *subs])
        target, several = target_of([text, *subs], one_year)
        parties = _parties(draft, text)
        cadence = review_cadence_in(text) or s.cadence
        promise = Promise(
            text=full, municipality=places[0] if places else "", municipalities=list(places),
            period_label=label, period_start=start, period_end=end, focus_area=draft.focus,
            parties=parties, target=target, follow_up_cadence=cadence, expected_effect=effect,
            comments=follow_up)
        doubts = {
            "period": period_doubt,
            "parties": "" if parties else "importer.doubt.no_parties",
            "target": "importer.doubt.several_targets" if several else "",
            "focus_area": "importer.doubt.several_aims" if draft.focus_doubt else "",
            "municipality": {"": "importer.doubt.no_municipality",
                             "mentioned": "importer.doubt.municipality_guessed"}.get(place_how, ""),
            "follow_up_cadence": "importer.doubt.cadence_from_reports"
            if s.cadence_from_reports and cadence == s.cadence else "",
        }
        items.append(ImportedPromise(promise, {k: v for k, v in doubts.items() if v},
                                     [" ".join(o.split()) for o in draft.outcomes]))
    return items


def doubt_sentence(key: str, promise: Promise) -> str:
    return t(key, period=promise.period_label or "–")


def promise_to_json(p: Promise, uncertain: dict[str, str] | None = None,
                    outcomes: list[str] | None = None) -> dict[str, Any]:
    """A JSON-ready view of a promise; ``follow_up`` reads "where, how often" or "".

    ``parties`` holds the three kinds; ``other_parties`` the parties named otherwise
    (Västtrafik, a housing company); ``uncertain`` maps a field to the sentence saying why
    the reading is unsure; ``outcomes`` are results a follow-up page published.
    """
    follow_up = ", ".join(x for x in (_follow_up_place(p.comments), p.follow_up_cadence) if x)
    places = p.all_municipalities()
    return {
        "text": p.text,
        "period": p.period_label,
        "focus_area": p.focus_area,
        "parties": [x for x in p.parties if x in PARTIES],
        "target": {"count": p.target.count, "per": p.target.per} if p.target else None,
        "municipality": p.municipality,
        "period_start": p.period_start.isoformat() if p.period_start else None,
        "period_end": p.period_end.isoformat() if p.period_end else None,
        "follow_up": follow_up,
        "expected_effect": p.expected_effect,
        "other_parties": [x for x in p.parties if x not in PARTIES],
        "municipalities": places,
        "municipality_codes": [code_of(x) or None for x in places],
        "uncertain": {k: doubt_sentence(v, p) for k, v in (uncertain or {}).items()},
        "outcomes": list(outcomes or []),
    }


def _follow_up_place(comments: str) -> str:
    found = re.search(r"\bvid\s+[^.;]+", comments or "")
    return found.group(0).strip() if found else (comments or "").strip()
