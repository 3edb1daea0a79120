"""The yearly summaries: what the history archive can tell without being read.

Beside each yearly archive file (``2019.json``) the compaction that writes it writes a
small summary (``2019.summary.json``) of the same documents:

- ``promises``: the closed actions that serve each promise, by status,
  ``{promise: {status: [id, …]}}``, so every promise's progress is known without
  reading an action of the year;
- ``ids``: which documents the year file holds, per table, as ranges ``[[first, last], …]``,
  so one old meeting or action is read from its own year file, not from all of them;
- ``meetings``: each meeting's forum and start, ``{id: [forum, start]}``, for the forum
  of an old action and the meetings of an old day;
- ``action_meetings``: the meetings each action of the year came from or was handled in,
  turned round, ``{meeting: [action, …]}``: an action is filed under the year of its last
  change, so an old meeting's actions may be in a later year's file.

- ``actions``: every action of the year as the open-work listing keeps actions, column
  by column (``store.persistence.listing``), so ``samverkan actions --status done``
  answers from the summaries without opening the store.

The file is four lines of JSON: the first (format, year, ``promises``, ``ids``) is all
the home screen needs; the others (``meetings``, ``action_meetings``, ``actions``) are
decoded only when something asks for them.

A summary is derived data, never the only copy of anything, and it is used only when
the snapshot's meta vouches for it (``summaries``: year → [CRC-32, length] of the file,
written with the archive by the same compaction, the snapshot renamed into place last),
as the open-work listing is. One that is missing, damaged or from another compaction is
not used: whoever needs that year reads its year file. A compaction that finds a year
file without a good summary (a store made before summaries) writes one.

Nothing here imports more than the standard library, ``fileio`` and the snapshot format.
"""

from __future__ import annotations

import zlib
from bisect import bisect_right
from pathlib import Path
from typing import Any

import orjson

from store.persistence import fileio, layout, listing

FORMAT = "samverkan-archive-summary"
VERSION = 1
SUFFIX = ".summary.json"
ACTIVE = ("open", "in_progress")

Tables = dict[str, dict[str, Any]]


def path(store: Path, year: int) -> Path:
    return layout.archive_dir(store) / f"{year}{SUFFIX}"


def summary_files(store: Path) -> list[Path]:
    folder = layout.archive_dir(store)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"*{SUFFIX}") if p.name[: -len(SUFFIX)].isdigit())


def stamp(body: bytes) -> list[int]:
    return [zlib.crc32(body), len(body)]


def _ranges(keys: Any) -> list[list[int]]:
    ranges: list[list[int]] = []
    for number in sorted(int(key) for key in keys):
        if ranges and ranges[-1][1] == number - 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return ranges


def summarise(year: int, tables: Tables) -> bytes:
    """The summary of one year file's ``tables``: the same documents give the same bytes."""
    promises: dict[int, dict[str, list[int]]] = {}
    action_meetings: dict[int, list[int]] = {}
    for key, doc in sorted(tables.get("actions", {}).items(), key=lambda kv: int(kv[0])):
        if doc.get("promise_id") is not None and doc.get("status") not in ACTIVE:
            promises.setdefault(doc["promise_id"], {}).setdefault(str(doc.get("status")), []).append(int(key))
        for meeting in action_meeting_ids(doc):
            action_meetings.setdefault(meeting, []).append(int(key))
    meetings = {
        key: [doc.get("forum_id"), doc.get("start", "")]
        for key, doc in sorted(tables.get("meetings", {}).items(), key=lambda kv: int(kv[0]))
    }
    head = {
        "format": FORMAT, "version": VERSION, "year": year,
        "promises": {str(pid): by_status for pid, by_status in sorted(promises.items())},
        "ids": {name: _ranges(docs) for name, docs in sorted(tables.items())},
    }
    actions = listing.columns([listing.row(key, doc) for key, doc in tables.get("actions", {}).items()])
    lines = (head, {"meetings": meetings},
             {"action_meetings": {str(m): ids for m, ids in sorted(action_meetings.items())}},
             {"actions": actions})
    return b"".join(orjson.dumps(line) + b"\n" for line in lines)


class Summary:
    """One year's summary: its first line decoded, the other two when first asked for."""

    def __init__(self, head: dict[str, Any], rest: list[bytes]):
        self.promises: dict[str, dict[str, list[int]]] = head["promises"]
        self.ids: dict[str, list[list[int]]] = head["ids"]
        self._rest = rest
        self._meetings: dict[str, list] | None = None
        self._action_meetings: dict[str, list[int]] | None = None

    def meetings(self) -> dict[str, list]:
        """{meeting id: [forum id, start]}."""
        if self._meetings is None:
            self._meetings = orjson.loads(self._rest[0])["meetings"]
        return self._meetings

    def action_meetings(self) -> dict[str, list[int]]:
        """{meeting id: [ids of the actions created or handled in it]}."""
        if self._action_meetings is None:
            self._action_meetings = orjson.loads(self._rest[1])["action_meetings"]
        return self._action_meetings


def action_meeting_ids(doc: dict[str, Any]) -> set[int]:
    """The meetings an action came from or was handled in."""
    found = {event.get("meeting_id") for event in doc.get("history", ())}
    found.add(doc.get("origin_meeting_id"))
    return {m for m in found if isinstance(m, int) and m}


def write(store: Path, year: int, tables: Tables) -> list[int]:
    """Write the summary of the year file just written from ``tables``; its stamp.
    Atomic but not synced: after a crash it is at worst missing or stale, and then
    not used."""
    body = summarise(year, tables)
    fileio.atomic_write(path(store, year), body, durable=False)
    return stamp(body)


def read(store: Path, year: int, vouched: Any) -> Summary | None:
    """The year's summary if it is the one the snapshot vouches for, else None."""
    try:
        body = path(store, year).read_bytes()
    except OSError:
        return None
    if stamp(body) != vouched:
        return None
    lines = body.split(b"\n")
    try:
        head = orjson.loads(lines[0])
        if (head.get("format") != FORMAT or head.get("version") != VERSION or head.get("year") != year
                or not isinstance(head.get("promises"), dict) or not isinstance(head.get("ids"), dict)
                or len(lines) != 5):
            return None
    except (orjson.JSONDecodeError, AttributeError):
        return None
    return Summary(head, lines[1:3])


def holds(summary: Summary, table: str, key: int) -> bool:
    """Whether the summarised year file holds document ``key`` of ``table``."""
    ranges = summary.ids.get(table) or []
    at = bisect_right(ranges, [key, float("inf")]) - 1
    return at >= 0 and ranges[at][0] <= key <= ranges[at][1]
