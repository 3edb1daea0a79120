"""The yearly archive: history kept apart, as Taskwarrior keeps completed tasks.

Meetings from before last year, their entries and their closed actions live in
per-year files (``samverkan.json.archive/2019.json``) that are read only when
something asks for history, so opening ten or a hundred years costs about the same as
opening this year and last. Compaction writes them all (``write_archive``) when the
history was read in the session, otherwise only the years that history changed in the
open store belongs to (``rewrite_years``), each with its summary
(``store.persistence.summaries``).

History is read three ways: a year at a time and let go (``years``: the action and
search indexes take what they keep from each year and drop the rest, so a hundred
years never sit in memory at once), one year for one old document (``read_year``),
or all of it into the open store (``load_archive``, for editing or deleting history).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from store.persistence import fileio, layout, snapshot, summaries

ARCHIVE_FORMAT = snapshot.FORMAT + "-archive"

Tables = dict[str, dict[str, Any]]


def cutoff() -> str:
    """Meetings before this day are history: before the first of January last year."""
    return f"{datetime.now().year - 1}-01-01"


def history_in_hot(tables: Tables) -> int:
    limit = cutoff()
    return sum(1 for d in tables.get("meetings", {}).values() if str(d.get("start", "")) < limit)


def partition(tables: Tables) -> tuple[Tables, dict[int, Tables]]:
    """Split the tables into what opening needs and history by year."""
    limit = cutoff()
    hot: Tables = {name: docs.copy() for name, docs in tables.items()}
    cold: dict[int, Tables] = {}
    cold_meetings: dict[str, int] = {}
    for key, doc in tables.get("meetings", {}).items():
        start = str(doc.get("start", ""))
        if start and start < limit:
            cold_meetings[key] = int(start[:4])

    def move(table: str, key: str, year: int) -> None:
        cold.setdefault(year, {}).setdefault(table, {})[key] = hot[table].pop(key)

    for key in cold_meetings:
        move("meetings", key, cold_meetings[key])
    for key, doc in tables.get("entries", {}).items():
        year = cold_meetings.get(str(doc.get("meeting_id")))
        if year:
            move("entries", key, year)
    for key, doc in tables.get("actions", {}).items():
        year = closed_action_year(doc, lambda m: cold_meetings.get(str(m)), limit)
        if year is not None:
            move("actions", key, year)
    return hot, cold


def closed_action_year(doc: dict[str, Any], meeting_year: Callable[[Any], int | None], limit: str) -> int | None:
    """The year file a closed action belongs in, or None while it stays in the open
    store: it is closed, every meeting it names is history (``meeting_year``), and its
    last change was before ``limit``. Closed in a recent meeting, or changed recently,
    it is still at hand for that meeting's minutes; filed under its last change's year."""
    if doc.get("status") not in ("done", "cancelled"):
        return None
    meetings = {doc.get("origin_meeting_id")} | {e.get("meeting_id") for e in doc.get("history", ())}
    meetings.discard(None)
    if any(meeting_year(m) is None for m in meetings):
        return None
    last_change = max([str(doc.get("created") or "")] + [str(e.get("at") or "") for e in doc.get("history", ())])
    if last_change >= limit or not last_change:
        return None
    return int(last_change[:4])


def archive_files(store: Path) -> list[Path]:
    folder = layout.archive_dir(store)
    return sorted(p for p in folder.glob("*.json") if p.stem.isdigit()) if folder.is_dir() else []


def history_files(store: Path) -> list[Path]:
    """The year files and their summaries: what a backup keeps of history."""
    return archive_files(store) + summaries.summary_files(store)


def read_file(file: Path) -> Tables:
    """One year file's tables; a damaged one raises ``snapshot.SnapshotError`` with
    ``.path`` set to it."""
    try:
        _, tables = snapshot.loads(file.read_bytes(), ARCHIVE_FORMAT)
    except (OSError, snapshot.SnapshotError) as error:
        failure = error if isinstance(error, snapshot.SnapshotError) else snapshot.SnapshotError("corrupt")
        failure.path = file  # type: ignore[attr-defined]
        raise failure from None
    return tables


def read_year(store: Path, year: int) -> Tables:
    return read_file(layout.archive_dir(store) / f"{year}.json")


def years(store: Path) -> Iterator[tuple[int, Tables]]:
    """Each year file's tables in turn, oldest first; nothing is kept between years."""
    for file in archive_files(store):
        yield int(file.stem), read_file(file)


def read_archive(store: Path) -> list[tuple[Path, Tables]]:
    """Every year file's tables at once (see ``years`` for a year at a time)."""
    return [(file, read_file(file)) for file in archive_files(store)]


def write_archive(store: Path, cold: dict[int, Tables]) -> dict[str, list[int]]:
    """Write the year files and their summaries; the summaries' stamps by year."""
    folder = layout.archive_dir(store)
    if cold:
        fileio.make_private_dir(folder)
    stamps = {}
    for year, tables in sorted(cold.items()):
        meta = {"format": ARCHIVE_FORMAT, "schema": snapshot.SCHEMA_VERSION, "year": year}
        fileio.atomic_write(folder / f"{year}.json", snapshot.dumps(meta, tables))
        stamps[str(year)] = summaries.write(store, year, tables)
    for stale in archive_files(store):
        if int(stale.stem) not in cold:
            stale.unlink()
    for stale in summaries.summary_files(store):
        if int(stale.name[: -len(summaries.SUFFIX)]) not in cold:
            stale.unlink(missing_ok=True)
    return stamps


def rewrite_years(store: Path, cold: dict[int, Tables], removed: dict[int, set[tuple[str, str]]]) -> dict[str, list[int]]:
    """Bring the year files ``cold`` and ``removed`` touch up to date without reading the
    others: each is read, loses the ``removed`` (table, key) pairs, takes the ``cold``
    documents over its own, and is written back with its summary. The summaries'
    stamps by year. A crash before the snapshot is renamed leaves a year file newer than
    the snapshot's word on it: merging takes the open store's version, and its summary
    no longer matches the old stamp, so the year file itself is read."""
    folder = layout.archive_dir(store)
    if cold:
        fileio.make_private_dir(folder)
    stamps = {}
    for year in sorted(set(cold) | set(removed)):
        file = folder / f"{year}.json"
        tables = read_file(file) if file.exists() else {}
        for table, key in removed.get(year, ()):
            tables.get(table, {}).pop(key, None)
        for table, docs in cold.get(year, {}).items():
            tables.setdefault(table, {}).update(docs)
        meta = {"format": ARCHIVE_FORMAT, "schema": snapshot.SCHEMA_VERSION, "year": year}
        fileio.atomic_write(file, snapshot.dumps(meta, tables))
        stamps[str(year)] = summaries.write(store, year, tables)
    return stamps


def vouched_summaries(store: Path, stamps: object) -> dict[str, list[int]]:
    """The stamps of the summaries that are as ``stamps`` says, each year file having
    one: a year file without a good one (a store from before summaries, a crash) gets
    it written now, read on its own."""
    stamps = stamps if isinstance(stamps, dict) else {}
    result = {}
    for file in archive_files(store):
        year = int(file.stem)
        if summaries.read(store, year, stamps.get(str(year))) is not None:
            result[str(year)] = stamps[str(year)]
            continue
        try:
            result[str(year)] = summaries.write(store, year, read_file(file))
        except (OSError, snapshot.SnapshotError):
            continue  # a damaged year file: found when history is read, not here
    return result


def merge(tables: Tables, max_ids: dict[str, int], history: Tables, deleted: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Add ``history`` to ``tables`` where this session has nothing newer; the keys added."""
    added: set[tuple[str, str]] = set()
    for table, docs in history.items():
        current = tables.setdefault(table, {})
        for key, doc in docs.items():
            if key in current or (table, key) in deleted:
                continue
            current[key] = doc
            added.add((table, key))
            if int(key) > max_ids.get(table, 0):
                max_ids[table] = int(key)
    return added
