"""The open-work listing: what ``samverkan actions --open`` reads instead of the store.

Taskwarrior answers ``task list`` from its pending file without reading completed
work; this file plays that part. Beside the snapshot (``samverkan.json.listing``) it
holds the active actions (open, in progress) cut down to the fields a listing uses,
and the names they refer to (people, organisations, forums, meetings, promises).

It is derived data and never the only copy of anything:

- written (``write``) after every snapshot, and at open when it does not belong to
  the snapshot on disk (an upgrade, a crash between the two renames, a deleted file);
- stamped with the snapshot it was made from (inode, size, modification time in ns,
  the snapshot's commit number); ``open_listing`` uses it only while that snapshot is
  still the one on disk;
- brought up to date by replaying the journal exactly as opening the store does
  (records after the snapshot's commit number; a torn last line was never
  acknowledged and is skipped), under the same shared session lock, so a compaction
  cannot swap the snapshot under the reader.

Missing, stale or damaged, it is simply not used: the caller opens the whole store,
which reports any real damage in one sentence and writes the listing anew. Nothing
here imports TinyDB, pendulum or the models, and the reader parses with the standard
library's json (orjson is faster to parse but slower to import than a listing takes).
"""

from __future__ import annotations

import json
import os
from collections import namedtuple
from datetime import datetime
from pathlib import Path

from store.model.constants import ACTIVE_STATUSES
from store.persistence.locks import Lock

TYPE_CHECKING = False  # typing itself costs a one-shot command ~3 ms
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

FORMAT = "samverkan-listing"
VERSION = 1
# The listing keeps the active actions only: archived actions are always closed, so a
# query for active ones never needs the history files either.
ACTIVE = ACTIVE_STATUSES
# The actions are kept column by column, as ``ActionIndex`` holds them: one JSON list
# a field is quicker to read than a list an action.
ACTION_COLUMNS = ("id", "status", "due", "owner", "organisation", "meeting", "promise", "text", "public")
NAME_TABLES = ("people", "organisations", "forums", "meetings", "promises")
LOCK_WAIT = 1.0

_Person = namedtuple("_Person", "id name organisation_id")
_Named = namedtuple("_Named", "id name")
_Meeting = namedtuple("_Meeting", "id forum_id start")
_Promise = namedtuple("_Promise", "id text")


def listing_path(store: Path) -> Path:
    return store.with_name(store.name + ".listing")


def _stamp(store: Path, seq: int) -> list[int]:
    st = os.stat(store)
    return [st.st_ino, st.st_size, st.st_mtime_ns, seq]


def _snapshot_seq(store: Path) -> int:
    """The commit number in the snapshot's first line (``{"_meta": {"1": {...}},``)."""
    with open(store, "rb") as file:
        line = file.readline(65536).rstrip().rstrip(b",")
    return int(json.loads(line + b"}")["_meta"]["1"]["seq"])


def _action(key: str, doc: dict[str, Any] | None) -> tuple | None:
    """An action as the listing keeps it (``ACTION_COLUMNS``); None if it keeps none."""
    if doc is None or doc.get("status") not in ACTIVE:
        return None
    due = doc.get("due")
    return (
        int(key), doc["status"], int(due[:4] + due[5:7] + due[8:10]) if due else None,
        doc.get("owner_person_id"), doc.get("owner_organisation_id"), doc.get("origin_meeting_id"),
        doc.get("promise_id"), doc.get("text", ""), not doc.get("confidential", False),
    )


def _named(table: str, doc: dict[str, Any]) -> Any:
    """What the listing keeps of a person, organisation, forum, meeting or promise."""
    if table == "people":
        return [doc.get("name", ""), doc.get("organisation_id")]
    if table == "meetings":
        return [doc.get("forum_id"), doc.get("start", "")]
    if table == "promises":
        return doc.get("text", "")
    return doc.get("name", "")  # organisations, forums


def _columns(rows: list[tuple]) -> dict[str, list]:
    rows.sort(key=lambda row: row[0])  # the store's order: by id
    columns = list(map(list, zip(*rows))) if rows else [[] for _ in ACTION_COLUMNS]
    return dict(zip(ACTION_COLUMNS, columns))


# -- writing (by store.persistence.journal, holding the commit lock) ----------------------


def build(tables: dict[str, dict[str, Any]], stamp: list[int]) -> bytes:
    import orjson  # the writer is the store, which has it loaded already

    rows = [row for key, doc in tables.get("actions", {}).items() if (row := _action(key, doc))]
    body: dict[str, Any] = {"actions": _columns(rows)}
    for table in NAME_TABLES:
        body[table] = {key: _named(table, doc) for key, doc in tables.get(table, {}).items()}
    header = {"format": FORMAT, "version": VERSION, "snapshot": stamp}
    return orjson.dumps(header) + b"\n" + orjson.dumps(body) + b"\n"


def _header(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as file:
            header = json.loads(file.readline())
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
        return None
    return header


def is_current(store: Path, seq: int) -> bool:
    header = _header(listing_path(store))
    try:
        return header is not None and header.get("snapshot") == _stamp(store, seq)
    except OSError:
        return False


def write(store: Path, tables: dict[str, dict[str, Any]], seq: int) -> None:
    """Write the listing for the snapshot now on disk (whose state is ``tables``).

    Atomic (a temporary file renamed over the old one) but not fsynced: after a crash
    it is at worst unreadable or stale, and then not used. A failure is ignored for
    the same reason; the store itself is already safe.
    """
    target = listing_path(store)
    temp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    try:
        data = build(tables, _stamp(store, seq))
        # Readable by the owner only, like the store: confidential actions are in it.
        with open(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as file:
            file.write(data)
        os.replace(temp, target)
    except OSError:
        temp.unlink(missing_ok=True)


# -- reading (by the command line, without opening the store) ---------------------


class ListingSource:
    """The parts of ``Repository`` that ``store.review.action_index.ActionIndex`` reads, answered
    from the listing: only active actions, so only for queries that want no others."""

    def __init__(self, body: dict[str, Any]):
        self._body = body

    def action_columns(self) -> list[list[Any]]:
        """One list per ``ACTION_COLUMNS``, in the store's order (by id)."""
        actions = self._body["actions"]
        return [actions[name] for name in ACTION_COLUMNS]

    def people(self) -> list[_Person]:
        return [_Person(int(k), name, org) for k, (name, org) in self._body["people"].items()]

    def organisations(self) -> list[_Named]:
        return [_Named(int(k), name) for k, name in self._body["organisations"].items()]

    def forums(self) -> list[_Named]:
        return [_Named(int(k), name) for k, name in self._body["forums"].items()]

    def meeting(self, meeting_id: int) -> _Meeting | None:
        found = self._body["meetings"].get(str(meeting_id))
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


def _replay(body: dict[str, Any], journal: bytes, seq: int) -> bool:
    """Apply the journal's committed records after ``seq``; False if one is damaged."""
    changed: dict[str, dict[str, Any] | None] = {}  # actions: the last version of each
    position = 0
    while True:
        end = journal.find(b"\n", position)
        if end < 0:
            break  # nothing more, or a torn last line that was never acknowledged
        try:
            record = json.loads(journal[position:end])
            record_seq = int(record["seq"])
            changes = record["ch"]
        except (KeyError, TypeError, ValueError):
            return False
        position = end + 1
        if record_seq <= seq:
            continue
        for table, key, doc in changes:
            if table == "actions":
                changed[key] = doc
            elif table in NAME_TABLES:
                if doc is None:
                    body[table].pop(key, None)
                else:
                    body[table][key] = _named(table, doc)
    if changed:
        columns = body["actions"]
        keep = [row for row in zip(*(columns[name] for name in ACTION_COLUMNS)) if str(row[0]) not in changed]
        keep += [row for key, doc in changed.items() if (row := _action(key, doc))]
        body["actions"] = _columns(keep)
    return True


def open_listing(store: Path) -> ListingSource | None:
    """The store's active actions as of now, or None when the listing cannot say."""
    path = listing_path(store)
    if not path.exists():
        return None
    # Shared, as every process with the store open holds it: no compaction meanwhile.
    session = Lock(store.with_name(store.name + ".session"))
    try:
        if not session.acquire(exclusive=False, timeout=LOCK_WAIT):
            return None
        data = path.read_bytes()  # one read: a writer replaces the file, never edits it
        split = data.index(b"\n")
        header = json.loads(data[:split])
        if header.get("format") != FORMAT or header.get("version") != VERSION:
            return None
        stamp = header["snapshot"]
        if stamp != _stamp(store, stamp[3]) or stamp[3] != _snapshot_seq(store):
            return None  # made for another snapshot than the one on disk
        body = json.loads(data[split + 1:])
        actions = body["actions"]
        if not all(isinstance(body[t], dict) for t in NAME_TABLES) or not all(
            isinstance(actions[name], list) and len(actions[name]) == len(actions["id"]) for name in ACTION_COLUMNS
        ):
            return None
        try:
            journal = Path(str(store) + ".journal").read_bytes()
        except FileNotFoundError:
            journal = b""
        if not _replay(body, journal, stamp[3]):
            return None
        return ListingSource(body)
    except (OSError, AttributeError, TypeError, IndexError, KeyError, ValueError):
        return None
    finally:
        session.close()
