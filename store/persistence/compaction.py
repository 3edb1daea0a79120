"""Compaction: the journal folded into a new snapshot, when no other process has the
store open, after a backup of the state it replaces.

The new snapshot is written to a temporary file, synced and renamed over the old one,
so the snapshot on disk is always whole; history moves to the yearly archive
(``store.persistence.archive``); the open-work listing is written with it
(``store.persistence.listing``); then the journal is emptied. A crash anywhere in
between leaves a store that opens to the same state: journal lines already in the
snapshot are recognised by their commit number and skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.persistence import archive, backups, fileio, listing, snapshot
from store.persistence.archive import Tables
from store.persistence.errors import StoreError, from_os
from store.persistence.gcpause import paused_gc

if TYPE_CHECKING:
    from store.persistence.journal import JournalStorage

# Fold the journal into the snapshot when it holds this many commits, or when it is
# larger than this fraction of the snapshot: replay stays short, commits stay O(1).
COMPACT_LINES = 2000
COMPACT_RATIO = 0.25
COMPACT_BYTES = 64 * 1024 * 1024
# Move history to the archive at a compaction once this many old meetings are at hand.
ARCHIVE_AFTER = 200


class Compaction:
    """The compaction half of ``JournalStorage``."""

    def _compaction_due(self: JournalStorage) -> bool:
        if self.meta.get("schema") != snapshot.SCHEMA_VERSION or "listing" not in self.meta:
            return True  # an older store: written anew in the current schema
        if not self.listing_current:
            return True  # a listing of an older version: written anew with a snapshot
        if self._journal_lines == 0:
            return False
        return (self._journal_lines >= COMPACT_LINES or self._offset >= COMPACT_BYTES
                or self._offset >= COMPACT_RATIO * max(self._snapshot_size, 1))

    def maybe_compact(self: JournalStorage, force: bool = False) -> bool:
        if self.path is None or self.read_only or not (force or self._compaction_due()):
            return False
        return self.compact()

    def compact(self: JournalStorage, archive: bool | None = None) -> bool:
        """Fold the journal into a fresh snapshot; only when no other process has the
        store open. True if it did.

        Every process with the store open holds a shared lock on the session file, so
        "no other process" means: the session lock can be had exclusively. A lock is
        never converted for that (flock's conversion is not atomic: a failed upgrade
        from shared to exclusive drops the shared lock, and another process could then
        compact under us). Instead, holding the commit lock, which every compaction and
        every opening for writing takes, we give up our shared lock, try for an
        exclusive one, and take the shared one back. Nobody can compact in between, as
        that needs the commit lock; a process that has the store open keeps its shared
        lock all along, so the exclusive attempt fails and nothing changes.
        With ``archive`` (or when much of the open file is history) the history is read
        and moved to the yearly archive files.
        """
        if self.path is None or self.read_only:
            return False
        if archive is None:
            archive = _history_in_hot(self) > ARCHIVE_AFTER
        if archive:
            self.load_archive()
        if not self._commit_lock.acquire():
            return False
        try:
            self._session_lock.release()
            alone = self._session_lock.acquire(exclusive=True, timeout=0)
            try:
                if alone:
                    self._catch_up()
                    self._write_snapshot()
            finally:
                if alone:
                    self._session_lock.release()
                if not self.closing and not self._session_lock.acquire(exclusive=False):
                    raise StoreError("store.busy", path=self.path)
        finally:
            self._commit_lock.release()
        return alone

    def _write_snapshot(self: JournalStorage) -> None:
        """Write the state in memory as the new snapshot; holding both locks, alone."""
        assert self.path is not None
        try:
            if self.path.exists():
                journal = fileio.read_at(self._journal_fd, 0, self._offset) if self._journal_fd is not None else b""
                backups.keep(self.path, journal, archive.history_files(self.path))
            moved = None if self.archive_loaded else _moved_history(self)
            self.meta, self._snapshot_size = write_state(
                self.path, self.tables, self.meta, self.seq, self.max_ids, self.archive_loaded, moved)
            # From here on every journal line is framed; the lines now in the snapshot go.
            if self._journal_fd is not None:
                fileio.cut(self._journal_fd, 0)
        except OSError as error:
            raise from_os(error, self.path) from None
        except snapshot.SnapshotError as error:  # a year file to rewrite is damaged
            raise StoreError("store.archive_corrupt", path=getattr(error, "path", self.path)) from None
        self._offset = 0
        self._journal_lines = 0
        self.listing_current = True
        self._snapshot_written(history_rewritten=self.archive_loaded or bool(moved))

    def load_archive(self: JournalStorage) -> None:
        """Read the history files once; what this session already has stays newer."""
        if self.archive_loaded or self.path is None:
            return
        changed: set[tuple[str, str]] = set()
        try:
            years = archive.read_archive(self.path)
        except snapshot.SnapshotError as error:
            raise StoreError("store.archive_corrupt", path=getattr(error, "path", self.path)) from None
        for _, tables in years:
            changed |= archive.merge(self.tables, self.max_ids, tables, self._deleted)
        self.archive_loaded = True
        self.history_merged = True
        for table_object in self.table_objects:
            table_object.clear_cache()
        self._notify(changed)


def write_state(path: Path, tables: Tables, meta: dict[str, Any], seq: int, max_ids: dict[str, int],
                with_history: bool, moved: Moved | None = None) -> tuple[dict[str, Any], int]:
    """Write ``tables`` as the store's snapshot with its listing and, ``with_history``
    (the history was read, so all of it is in ``tables``), its yearly archive files;
    otherwise ``moved`` (``_moved_history``) says which year files to bring up to date.
    Returns the snapshot's meta and size. The snapshot is renamed into place last."""
    with paused_gc():  # every document is read and written: no cycle among them
        return _write_state(path, tables, meta, seq, max_ids, with_history, moved)


def _write_state(path: Path, tables: Tables, meta: dict[str, Any], seq: int, max_ids: dict[str, int],
                 with_history: bool, moved: Moved | None) -> tuple[dict[str, Any], int]:
    if with_history:
        hot, cold = archive.partition(tables)
    elif moved is not None:  # history not read: the open store's history goes to its years
        hot, cold = moved[0], moved[1]
    else:
        hot, cold = tables, {}
    body = listing.build(hot)
    if with_history:
        vouched = archive.write_archive(path, cold)
    else:
        stamps = meta.get("summaries")
        if moved is not None and (cold or moved[2]):
            rewritten = archive.rewrite_years(path, cold, moved[2])
            stamps = {**(stamps if isinstance(stamps, dict) else {}), **rewritten}
        vouched = archive.vouched_summaries(path, stamps)
    meta = {
        **meta, "format": snapshot.FORMAT, "schema": snapshot.SCHEMA_VERSION, "seq": seq,
        "max_ids": dict(max_ids), "listing": listing.stamp(body), "summaries": vouched,
    }
    data = snapshot.dumps(meta, hot)
    listing.write(path, body, seq)
    fileio.atomic_write(path, data)
    return meta, len(data)


# (what stays in the snapshot, history by year, (table, key) to take out of each year)
Moved = tuple[Tables, dict[int, Tables], dict[int, set[tuple[str, str]]]]


def _moved_history(storage: JournalStorage) -> Moved:
    """Without the history read: the open store's documents of history go to their year
    files (a line logged in an old meeting, the meetings the new year made history), and
    a document of history deleted, or now filed under another year, leaves its old one.
    Only what changed since the snapshot is looked at, and only those years are read
    and written; the open store's other documents stay as they are, undecoded."""
    limit = archive.cutoff()
    tables = storage.tables
    changed = storage.changed_since_snapshot
    meetings = tables.get("meetings", {})
    old = {key: int(doc["start"][:4]) for key, doc in meetings.items() if str(doc.get("start", "")) < limit}

    def meeting_year(meeting_id: Any) -> int | None:
        key = str(meeting_id)
        if key in old:
            return old[key]
        return None if meeting_id is None or key in meetings else storage.year_of("meetings", key)

    cold: dict[int, Tables] = {}
    for key, year in old.items():
        cold.setdefault(year, {}).setdefault("meetings", {})[key] = meetings[key]
    entries = tables.get("entries", {})
    for key in (entries if old else changed.get("entries", ())):
        doc = entries.get(key)
        year = meeting_year(doc.get("meeting_id")) if doc is not None else None
        if year is not None:
            cold.setdefault(year, {}).setdefault("entries", {})[key] = doc
    actions = tables.get("actions", {})
    for key in (actions if old else changed.get("actions", ())):
        doc = actions.get(key)
        year = archive.closed_action_year(doc, meeting_year, limit) if doc is not None else None
        if year is not None:
            cold.setdefault(year, {}).setdefault("actions", {})[key] = doc
    hot = dict(tables)
    for docs_by_table in cold.values():
        for table, docs in docs_by_table.items():
            if hot[table] is tables[table]:
                hot[table] = tables[table].copy()
            for key in docs:
                hot[table].pop(key, None)
    removed: dict[int, set[tuple[str, str]]] = {}
    for year, docs_by_table in cold.items():
        for table, docs in docs_by_table.items():
            for key in docs:
                was = storage.year_of(table, key)
                if was is not None and was != year:
                    removed.setdefault(was, set()).add((table, key))
    for table, key in storage.deleted_keys():
        was = storage.year_of(table, key)
        if was is not None:
            removed.setdefault(was, set()).add((table, key))
    return hot, cold, removed


def _history_in_hot(storage: JournalStorage) -> int:
    return archive.history_in_hot(storage.tables)
