"""The open-work listing: what ``samverkan actions --open`` reads instead of the store.

Taskwarrior answers ``task list`` from its pending file without reading completed
work; this file plays that part. Beside the snapshot (``samverkan.json.listing``) it
holds the active actions (open, in progress) cut down to the fields a listing uses,
and the names they refer to (people, organisations, forums, meetings, promises).

It is derived data and never the only copy of anything:

- written (``write``) with every snapshot, and by a store opened for writing when the
  one on disk does not belong to its snapshot (an upgrade, a crash between the two
  renames, a deleted or damaged file); a store opened for reading never writes it;
- vouched for by the snapshot: the snapshot's ``_meta`` holds the CRC-32 and length of
  the listing's body written with it (``stamp``), and ``open_listing`` uses a listing
  only while its body is exactly that. Keeping the header of an edited, stale or
  foreign listing does not help. The snapshot and the listing belong to the same user,
  so the check has to tell "written together", not resist someone who could rewrite
  both; a CRC does that without the import of hashlib;
- brought up to date by replaying the journal exactly as opening the store does
  (checksummed commits after the snapshot's, without a gap; a torn last line was never
  acknowledged and is skipped). No lock is taken: the snapshot's first line is read
  again at the end, and if a compaction came in between the listing is not used.

Missing, stale or damaged, it is simply not used: the caller opens the whole store,
which reports any real damage in one sentence. Nothing here imports TinyDB, pendulum,
portalocker or the models, and the reader parses with the standard library's json
(orjson is faster to parse but slower to import than a listing takes).
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

from store.model.constants import ACTIVE_STATUSES
from store.persistence import layout

TYPE_CHECKING = False  # typing itself costs a one-shot command ~3 ms
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

FORMAT = "samverkan-listing"
VERSION = 3
# The listing keeps the active actions only: archived actions are always closed, so a
# query for active ones never needs the history files either. Of the closed actions
# in the snapshot it keeps only which promise each one serves, and its status (the
# facts' "linked"): with the yearly summaries (store.persistence.summaries) that is
# every promise's progress without reading a single action.
ACTIVE = ACTIVE_STATUSES
# The body is three lines, as Taskwarrior keeps pending and completed tasks apart: the
# listing of active actions with the names, the facts an open store counts from
# (``read_facts``: the active actions' status, due date and promise, the closed ones'
# promise links), and the closed actions of the snapshot, read only by a query that
# wants them (with history's, from the yearly summaries).
FACT_COLUMNS = ("id", "status", "due", "promise")
# The actions are kept column by column, as ``ActionIndex`` holds them: one JSON list
# a field is quicker to read than a list an action.
ACTION_COLUMNS = ("id", "status", "due", "owner", "organisation", "meeting", "promise", "text", "public")
NAME_TABLES = ("people", "organisations", "forums", "meetings", "promises")


listing_path = layout.listing_path


def stamp(body: bytes) -> list[int]:
    """What the snapshot's meta records of the listing body written with it."""
    return [zlib.crc32(body), len(body)]


def snapshot_meta(store: Path) -> tuple[bytes, dict[str, Any]]:
    """The snapshot's first line (``{"_meta": {"1": {...}},``) and the meta in it."""
    with open(store, "rb") as file:
        line = file.readline(65536)
    return line, json.loads(line.rstrip().rstrip(b",") + b"}")["_meta"]["1"]


def _action(key: str, doc: dict[str, Any] | None) -> tuple | None:
    """An active action as the listing keeps it (``ACTION_COLUMNS``); None if it is not one."""
    if doc is None or doc.get("status") not in ACTIVE:
        return None
    return row(key, doc)


def row(key: str, doc: dict[str, Any]) -> tuple:
    """Any action as the listing keeps it (``ACTION_COLUMNS``)."""
    due = doc.get("due")
    return (
        int(key), doc["status"], int(due[:4] + due[5:7] + due[8:10]) if due else None,
        doc.get("owner_person_id"), doc.get("owner_organisation_id"), doc.get("origin_meeting_id"),
        doc.get("promise_id"), doc.get("text", ""), not doc.get("confidential", False),
    )


def linked(doc: dict[str, Any] | None) -> list | None:
    """A closed action that serves a promise, as the listing keeps it: [promise, status]."""
    if doc is None or doc.get("status") in ACTIVE or doc.get("promise_id") is None:
        return None
    return [doc["promise_id"], doc.get("status")]


def _named(table: str, doc: dict[str, Any]) -> Any:
    """What the listing keeps of a person, organisation, forum, meeting or promise."""
    if table == "people":
        return [doc.get("name", ""), doc.get("organisation_id")]
    if table == "meetings":
        return [doc.get("forum_id"), doc.get("start", "")]
    if table == "promises":
        return doc.get("text", "")
    if table == "forums":  # the municipality orders them as the store does (Repository.forums)
        return [doc.get("name", ""), doc.get("municipality", "")]
    return doc.get("name", "")  # organisations


def columns(rows: list[tuple]) -> dict[str, list]:
    rows.sort(key=lambda row: row[0])  # the store's order: by id
    columns = list(map(list, zip(*rows))) if rows else [[] for _ in ACTION_COLUMNS]
    return dict(zip(ACTION_COLUMNS, columns))


# -- writing (by the store, holding the commit lock) -----------------------------------


def _by_id(docs: dict[str, Any]) -> list[tuple[str, Any]]:
    return sorted(docs.items(), key=lambda kv: int(kv[0]))


def build(tables: dict[str, dict[str, Any]]) -> bytes:
    """The body for a snapshot whose state is ``tables``: the same documents always give
    the same bytes, so a store opened for writing can make it again for an old snapshot."""
    import orjson  # the writer is the store, which has it loaded already

    active, closed = [], []
    links = {}
    for key, doc in tables.get("actions", {}).items():
        (active if doc.get("status") in ACTIVE else closed).append(row(key, doc))
        if link := linked(doc):
            links[key] = link
    body: dict[str, Any] = {"actions": columns(active)}
    for table in NAME_TABLES:
        body[table] = {key: _named(table, doc) for key, doc in _by_id(tables.get(table, {}))}
    facts = {"active": {name: body["actions"][name] for name in FACT_COLUMNS}, "linked": dict(_by_id(links))}
    lines = (body, facts, {"actions": columns(closed)})
    return b"".join(orjson.dumps(line) + b"\n" for line in lines)


def _vouched_body(store: Path, body_stamp: list[int] | None) -> bytes | None:
    """The listing's body, if it is the one the snapshot's meta vouches for."""
    try:
        data = listing_path(store).read_bytes()
        header, body = data.split(b"\n", 1)
        fields = json.loads(header)
        if fields.get("format") == FORMAT and fields.get("version") == VERSION and stamp(body) == body_stamp:
            return body
    except (OSError, ValueError, AttributeError):
        pass
    return None


def is_current(store: Path, body_stamp: list[int] | None) -> bool:
    """Whether the listing on disk has the body the snapshot's meta vouches for."""
    return _vouched_body(store, body_stamp) is not None


def read_facts(store: Path, body_stamp: list[int] | None, loads: Callable[[bytes], Any]) -> dict[str, Any] | None:
    """The facts line of the body the snapshot's meta vouches for, as of that snapshot
    (the journal not replayed: a store that has it open knows what changed since):
    ``{"active": {column: [...]}, "linked": {id: [promise, status]}}``; None if it
    cannot say."""
    body = _vouched_body(store, body_stamp)
    if body is None:
        return None
    try:
        data = loads(body.split(b"\n")[1])
        active = data["active"]
        if isinstance(data.get("linked"), dict) and all(
            isinstance(active[name], list) and len(active[name]) == len(active["id"]) for name in FACT_COLUMNS
        ):
            return data
    except (ValueError, KeyError, TypeError, IndexError):
        pass
    return None


def write(store: Path, body: bytes, seq: int) -> None:
    """Write the listing for the snapshot of commit ``seq`` (``body`` from ``build``).

    Atomic but not synced: after a crash it is at worst missing or stale, and then not
    used. A failure is ignored for the same reason; the store itself is already safe.
    Readable by the owner only, like the store: confidential actions are in it.
    """
    from store.persistence import fileio  # the writer is the store, which has it loaded

    header = json.dumps({"format": FORMAT, "version": VERSION, "seq": seq}).encode()
    try:
        fileio.atomic_write(listing_path(store), header + b"\n" + body, durable=False)
    except OSError:
        pass


# The reading half (by the command line, without opening the store) is
# store.persistence.listing_source.
