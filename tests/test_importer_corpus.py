"""The importer scored over real published promise texts (tests/corpus).

Each ``NN_place_year.txt`` is a page as published (its first line names the source);
``NN_place_year.expected.json`` beside it is the reading a careful person makes of it.
The test matches what the importer reads to that reading promise by promise (by text),
prints a table, and fails when the score falls below the floor below, so a change that
reads one text better and another worse shows up as a regression.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from store.importer.promises import import_promises

CORPUS = Path(__file__).resolve().parent / "corpus"
FIELDS = ("text", "parties", "period", "target", "focus_area", "municipalities", "follow_up_cadence")
# The score reached; lower it only with a reason in the commit message.
FLOOR = {"texts": 21, "promises": 119, "text": 120, "parties": 120, "period": 120, "target": 119,
         "focus_area": 120, "municipalities": 120, "follow_up_cadence": 120}


def corpus_names() -> list[str]:
    return sorted(p.name.removesuffix(".expected.json") for p in CORPUS.glob("*.expected.json"))


def _words(text: str) -> str:
    return " ".join(text.split())


def _focus(text: str) -> str:
    return _words(text).rstrip(".:").casefold()


def _cadence(text: str) -> str:
    """The unit a follow-up phrase names: "tertialvis", "varje tertial" → "tertial"."""
    low = (text or "").casefold()
    for stem, key in (("tertial", "tertial"), ("halvår", "half_year"), ("kvartal", "quarter"),
                      ("månad", "month"), ("vecka", "week"), ("år", "year")):
        if stem in low:
            return key
    return ""


def comparable(promise) -> dict:
    """One importer promise in the terms of the expected files."""
    municipalities = getattr(promise, "municipalities", None) or (
        [promise.municipality] if promise.municipality else [])
    start, end = promise.period_start, promise.period_end
    return {
        "text": _words(promise.text),
        "parties": sorted(p.casefold() for p in promise.parties),
        "period": (start.isoformat() if start else None, end.isoformat() if end else None),
        "target": (promise.target.count, promise.target.per) if promise.target else None,
        "focus_area": _focus(promise.focus_area),
        "municipalities": sorted(m.casefold() for m in municipalities),
        "follow_up_cadence": _cadence(promise.follow_up_cadence),
    }


def expected_comparable(doc: dict, item: dict) -> dict:
    return {
        "text": _words(item["text"]),
        "parties": sorted(p.casefold() for p in item["parties"]),
        "period": tuple(item.get("period", doc["period"])),  # a page may hold two periods
        "target": tuple(item["target"]) if item["target"] else None,
        "focus_area": _focus(item["focus_area"]),
        "municipalities": sorted(m.casefold() for m in doc["municipalities"]),
        "follow_up_cadence": item["follow_up_cadence"],
    }


@dataclass
class TextScore:
    name: str
    expected: int
    found: int
    right: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    @property
    def fully_right(self) -> bool:
        return self.right == self.expected == self.found


def score_text(name: str) -> TextScore:
    doc = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    page = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)[1]  # no source line
    got = [comparable(p) for p in import_promises(page, municipality=doc["municipality_argument"])]
    score = TextScore(name, len(doc["promises"]), len(got))
    unused = list(range(len(got)))
    for index, item in enumerate(doc["promises"]):
        want = expected_comparable(doc, item)
        match = next((i for i in unused if got[i]["text"] == want["text"]), None)
        if match is None:  # the same promise read with other words (a line too many or too few)
            ratios = [(SequenceMatcher(None, got[i]["text"], want["text"]).ratio(), i) for i in unused]
            best = max(ratios, default=(0.0, None))
            match = best[1] if best[0] >= 0.8 else None
        if match is None:
            score.misses.append(f"#{index + 1}: not found")
            continue
        unused.remove(match)
        wrong = [f for f in FIELDS if got[match][f] != want[f]]
        for f in FIELDS:
            score.fields[f] += f not in wrong
        score.right += not wrong
        score.misses += [f"#{index + 1} {f}: {got[match][f]!r} ≠ {want[f]!r}" for f in wrong]
    score.misses += [f"extra: {got[i]['text'][:60]!r}" for i in unused]
    return score


def corpus_table(scores: list[TextScore]) -> tuple[str, dict[str, int], dict[str, int]]:
    lines = [f"{'text':32} {'want':>4} {'got':>4} {'right':>5}  " + " ".join(f[:6] for f in FIELDS)]
    for s in scores:
        lines.append(f"{s.name:32} {s.expected:4} {s.found:4} {s.right:5}  "
                     + " ".join(f"{s.fields[f]:6}" for f in FIELDS))
    total = sum(s.expected for s in scores)
    reached = {"texts": sum(s.fully_right for s in scores), "promises": sum(s.right for s in scores),
               **{f: sum(s.fields[f] for s in scores) for f in FIELDS}}
    lines.append(f"texts fully right {reached['texts']}/{len(scores)}, promises right "
                 f"{reached['promises']}/{total}; per field: "
                 + ", ".join(f"{f} {reached[f]}/{total}" for f in FIELDS))
    return "\n".join(lines), reached, {"texts": len(scores), "promises": total}


def test_corpus_has_twelve_texts_each_with_a_source_and_a_reading():
    names = corpus_names()
    assert len(names) >= 12
    for name in names:
        first = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(("http://", "https://")), name
        doc = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
        assert doc["source"] == first and doc["promises"], name


def test_importer_reads_the_corpus_at_least_as_well_as_before(capsys):
    scores = [score_text(name) for name in corpus_names()]
    table, reached, _ = corpus_table(scores)
    with capsys.disabled():
        print("\n" + table)
        for s in scores:
            for miss in s.misses:
                print(f"  {s.name}: {miss}")
    below = {k: (reached[k], v) for k, v in FLOOR.items() if reached[k] < v}
    assert not below, f"the corpus score fell: {below}"


@pytest.mark.parametrize("name", corpus_names())
def test_each_corpus_text_reads_without_error(name):
    score_text(name)
