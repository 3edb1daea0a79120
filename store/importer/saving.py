"""Saving what the import review kept: the promises not already in the store, and the
outcomes a follow-up page published under them (under a new promise or one the store
already has), all in one transaction.

A promise is already in the store when its text, period and municipality are the same
(as ``samverkan import promises`` decides). An outcome is recorded only when its line
begins with a count (``store.rules.outcomes.parse_outcome_line``) and the promise has
no outcome with the same count and text yet, so reading the same page twice records
nothing twice; the lines without a count are counted, not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from store.model.promise import Promise
from store.repository import Repository
from store.rules.outcomes import parse_outcome_line


@dataclass
class ImportSaved:
    promises: list[Promise] = field(default_factory=list)  # the new ones, with their numbers
    known: int = 0  # kept promises the store already had
    outcomes: int = 0  # outcomes recorded
    repeated: int = 0  # outcomes the promise already had
    without_count: int = 0  # outcome lines that do not begin with a count: not recorded


def save_import(repo: Repository, items: list[tuple[Promise, list[str]]], day: date, source: str) -> ImportSaved:
    """Save the kept promises and their published outcomes (``items``: promise, outcome lines)."""
    result = ImportSaved()
    with repo.transaction():
        stored = {(p.text, p.period_label, p.municipality): p for p in repo.promises()}
        fresh: list[Promise] = []
        targets: list[tuple[Promise, list[str]]] = []
        for promise, lines in items:
            key = (promise.text, promise.period_label, promise.municipality)
            if key in stored:
                result.known += 1
            else:
                stored[key] = promise
                fresh.append(promise)
            targets.append((stored[key], lines))
        result.promises = repo.save_promises(fresh) if fresh else []
        for promise, lines in targets:
            recorded = {(o.count, o.text) for o in repo.outcomes(promise.id)}
            for line in lines:
                parsed = parse_outcome_line(line)
                if parsed is None:
                    result.without_count += 1
                elif parsed in recorded:
                    result.repeated += 1
                else:
                    repo.add_outcome(promise.id, parsed[0], parsed[1], day, source)
                    recorded.add(parsed)
                    result.outcomes += 1
    return result
