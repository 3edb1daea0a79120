"""Reading the open-work listing (``store.persistence.listing``) without opening the store.

``open_listing(store)`` answers for the active actions; ``open_listing(store,
closed=True)`` for every action: the listing's third line (the snapshot's closed
actions) and history's, from the yearly summaries' fourth line
(``store.persistence.summaries``), each vouched for by the snapshot's meta. Either way
the journal is replayed over it exactly as opening the store does, no lock is taken,
and the snapshot's first line is read again at the end: if a compaction came in
between, the listing is not used. When anything cannot be vouched for the answer is
None, and the caller opens the store.

Nothing here imports TinyDB, pendulum, portalocker, orjson or the models.
"""

from __future__ import annotations

import json
import operator
from collections import namedtuple
from datetime import datetime
from pathlib import Path

from store.persistence import frames, layout
from store.persistence.listing import (
    ACTION_COLUMNS,
    FORMAT,
    NAME_TABLES,
    VERSION,
    _action,
    _named,
    columns,
    listing_path,
    row,
    snapshot_meta,
    stamp,
)

TYPE_CHECKING = False  # typing itself costs a one-shot command ~3 ms
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_Person = namedtuple("_Person", "id name organisation_id")
_Named = namedtuple("_Named", "id name")
_Meeting = namedtuple("_Meeting", "id forum_id start")
_Promise = namedtuple("_Promise", "id text")
SUMMARY_SUFFIX = ".summary.json"  # store.persistence.summaries.SUFFIX, without its imports


class ListingSource:
    """The parts of ``Repository`` that ``store.review.action_index.ActionIndex`` reads,
    answered from the listing: the active actions, or with ``closed`` every action."""

    def __init__(self, body: dict[str, Any], old_meetings: dict[str, list] | None = None):
        self._body = body
        self._old_meetings = old_meetings or {}

    def action_columns(self) -> list[list[Any]]:
        """One list per ``ACTION_COLUMNS``, in the store's order (by id)."""
        actions = self._body["actions"]
        return [actions[name] for name in ACTION_COLUMNS]

    def people(self) -> list[_Person]:
        return [_Person(int(k), name, org) for k, (name, org) in self._body["people"].items()]

    def organisations(self) -> list[_Named]:
        return [_Named(int(k), name) for k, name in self._body["organisations"].items()]

    def forums(self) -> list[_Named]:
        """In the store's order: by municipality, then name."""
        found = sorted(self._body["forums"].items(), key=lambda kv: (kv[1][1], kv[1][0]))
        return [_Named(int(k), name) for k, (name, _) in found]

    def meeting(self, meeting_id: int) -> _Meeting | None:
        found = self._body["meetings"].get(str(meeting_id)) or self._old_meetings.get(str(meeting_id))
        if found is None:
            return None
        return _Meeting(meeting_id, found[0], datetime.fromisoformat(found[1]))

    def promise(self, promise_id: int) -> _Promise | None:
        text = self._body["promises"].get(str(promise_id))
        return None if text is None else _Promise(promise_id, text)

    def subscribe(self, listener: Callable[[set[tuple[str, str]]], None]) -> Callable[[], None]:
        return lambda: None  # a one-shot read: nothing changes under it

    def close(self) -> None:
        pass

    def __enter__(self) -> ListingSource:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _replay(body: dict[str, Any], journal: bytes, seq: int, framed: bool, closed: bool) -> dict[str, Any] | None:
    """Apply the journal's commits after ``seq``; the last version of each action they
    changed (None: deleted), or None if a line is damaged or missing."""
    try:
        commits, _, _ = frames.read(journal, framed, json.loads, seq)
    except frames.Damaged:
        return None
    changed: dict[str, dict[str, Any] | None] = {}  # actions: the last version of each
    for _, changes in commits:
        for table, key, doc in changes:
            if table == "actions":
                changed[key] = doc
            elif table in NAME_TABLES:
                if doc is None:
                    body[table].pop(key, None)
                else:
                    body[table][key] = _named(table, doc)
    if changed:
        listed = body["actions"]
        keep = [row for row in zip(*(listed[name] for name in ACTION_COLUMNS)) if str(row[0]) not in changed]
        if closed:
            keep += [row(key, doc) for key, doc in changed.items() if doc is not None]
        else:
            keep += [found for key, doc in changed.items() if (found := _action(key, doc))]
        body["actions"] = columns(keep)
    return changed


def _valid(actions: dict[str, Any]) -> bool:
    return all(isinstance(actions[name], list) and len(actions[name]) == len(actions["id"])
               for name in ACTION_COLUMNS)


def _line_ends(data: bytes, count: int) -> list[int]:
    """Where each of the first ``count`` lines of ``data`` ends (its newline, or the end)."""
    ends: list[int] = []
    start = 0
    for _ in range(count):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        ends.append(end)
        start = min(end + 1, len(data))
    return ends


def _merged(first: dict[str, list], second: dict[str, list]) -> dict[str, list]:
    """Two listings' actions as one, column by column, in the store's order (by id)."""
    ids = first["id"] + second["id"]
    if not any(map(operator.ge, ids, ids[1:])):
        return {name: first[name] + second[name] for name in ACTION_COLUMNS}
    order = sorted(range(len(ids)), key=ids.__getitem__)
    return {name: list(map((first[name] + second[name]).__getitem__, order)) for name in ACTION_COLUMNS}


def _history(store: Path, meta: dict[str, Any], hot: set[int]) -> tuple[list[tuple], dict[str, list]] | None:
    """The actions and meetings of every archived year whose summary the snapshot vouches
    for, leaving out the ids the open store has (its word wins); None if a year file
    has no usable summary."""
    folder = layout.archive_dir(store)
    years = sorted(p.name for p in folder.glob("*.json") if p.stem.isdigit()) if folder.is_dir() else []
    vouched = meta.get("summaries") or {}
    rows: list[tuple] = []
    meetings: dict[str, list] = {}
    for name in years:
        year = name[:-5]
        body = (folder / (year + SUMMARY_SUFFIX)).read_bytes()
        if stamp(body) != vouched.get(year):
            return None
        lines = body.split(b"\n")
        meetings.update(json.loads(lines[1])["meetings"])
        actions = json.loads(lines[3])["actions"]
        if not _valid(actions):
            return None
        rows += [found for found in zip(*(actions[name] for name in ACTION_COLUMNS)) if found[0] not in hot]
    return rows, meetings


def open_listing(store: Path, closed: bool = False) -> ListingSource | None:
    """The store's active actions (with ``closed``, all its actions, history included)
    as of now, or None when the listing cannot say."""
    store = layout.resolve(store)
    try:
        first_line, meta = snapshot_meta(store)
        data = listing_path(store).read_bytes()  # one read: a writer replaces it, never edits it
        ends = _line_ends(data, 4)  # the header, the listing, the facts (the app's), the closed
        header = json.loads(data[:ends[0]])
        if header.get("format") != FORMAT or header.get("version") != VERSION:
            return None
        seq = meta["seq"]
        with memoryview(data) as view:  # the body is 1 MB at 10,000 actions: not copied to check it
            checked = stamp(view[ends[0] + 1:])
        if meta.get("listing") != checked or header.get("seq") != seq or type(seq) is not int:
            return None  # not the listing this snapshot was written with
        body = json.loads(data[ends[0] + 1:ends[1]])
        if not all(isinstance(body[t], dict) for t in NAME_TABLES) or not _valid(body["actions"]) or not all(
            isinstance(value, list) and len(value) == 2
            for table in ("people", "forums", "meetings") for value in body[table].values()
        ):
            return None
        if closed:
            done = json.loads(data[ends[2] + 1:ends[3]])["actions"]
            if not _valid(done):
                return None
            body["actions"] = _merged(body["actions"], done)
        try:
            journal = layout.journal_path(store).read_bytes()
        except FileNotFoundError:
            journal = b""
        changed = _replay(body, journal, seq, meta.get("schema", 1) >= frames.FRAMED_SCHEMA, closed)
        if changed is None:
            return None
        old_meetings = None
        if closed:
            hot = set(body["actions"]["id"]) | {int(key) for key in changed}
            found = _history(store, meta, hot)
            if found is None:
                return None
            rows, old_meetings = found
            if rows:
                body["actions"] = columns(list(zip(*(body["actions"][n] for n in ACTION_COLUMNS))) + rows)
        if snapshot_meta(store)[0] != first_line:
            return None  # compacted meanwhile: the journal read may belong to the new snapshot
        return ListingSource(body, old_meetings)
    except (OSError, AttributeError, TypeError, IndexError, KeyError, ValueError):
        return None
