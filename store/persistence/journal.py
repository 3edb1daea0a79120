"""Crash-safe persistence for TinyDB: a snapshot plus an append-only journal.

The store is a readable TinyDB JSON file (``samverkan.json``: one document a line,
``store.persistence.snapshot``) plus a journal beside it (``samverkan.json.journal``).
A commit appends ONE line to the journal holding every document it changed, with its
length and checksum (``store.persistence.frames``), and syncs it before returning, so
a commit costs the same at 1,000 or 100,000 actions. Opening reads the snapshot and
replays the journal; a torn last line (a kill mid-write) was never acknowledged and a
store opened for writing cuts it off, but a complete line that fails its checksum, or
any bad line before the last, is damage: the store is refused and nothing is touched.
Compaction (``store.persistence.compaction``) folds the journal into a new snapshot.

Several processes may hold the store open; each holds a shared lock on
``samverkan.json.session`` while it does. Every commit takes an exclusive lock on
``samverkan.json.lock``, first applies whatever other processes appended since
(catch-up), then makes its change on that fresh state and appends it: no lost
updates. Compaction needs every other process gone (see ``Compaction.compact``).

Opened with ``read_only`` (``check``, ``show``, the exports …) the store writes
nothing at all: no torn tail cut, no listing, no temporary file removed, no
compaction, so reading works on a full disk or from a folder that cannot be written.

This extends TinyDB the way TinyDB extends itself: ``JournalStorage`` is a
``Storage`` and ``store.persistence.tables.JournalTable`` the database's ``table_class``.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import orjson
from tinydb.storages import Storage
from tinydb.table import Table

from store.persistence import archive, fileio, frames, layout, listing, snapshot
from store.persistence.backups import newest_backup
from store.persistence.compaction import Compaction
from store.persistence.derived import Derived
from store.persistence.errors import StoreError, from_os, unreadable
from store.persistence.gcpause import paused_gc
from store.persistence.sections import LazyTable

FORMAT = snapshot.FORMAT
SCHEMA_VERSION = snapshot.SCHEMA_VERSION
journal_path = layout.journal_path
archive_dir = layout.archive_dir

__all__ = ["JournalStorage", "StoreError", "archive_dir", "journal_path", "newest_backup"]

Listener = Callable[[set[tuple[str, str]]], None]


class JournalStorage(Compaction, Derived, Storage):
    """TinyDB storage: snapshot + synced journal; ``path=None`` keeps it in memory."""

    def __init__(self, path: str | os.PathLike | None = None, create: bool = False, read_only: bool = False):
        self.path = layout.resolve(path) if path is not None else None
        self.read_only = read_only
        # Why a store meant for writing was opened read-only (a catalogue key), if it was.
        self.read_only_reason: str | None = None
        self.tables: dict[str, dict[str, Any]] = {}
        self.meta: dict[str, Any] = {"format": FORMAT, "schema": SCHEMA_VERSION, "seq": 0}
        self.seq = 0
        self.max_ids: dict[str, int] = {}
        self.listeners: list[Listener] = []
        self.table_objects: list[Table] = []
        self._tx_depth = 0
        self._tx_changes: dict[tuple[str, str], Any] = {}  # before-images
        self._journal_fd: int | None = None
        self._offset = 0
        self._journal_lines = 0
        self._snapshot_size = 0
        self._deleted: set[tuple[str, str]] = set()
        self.archive_loaded = True
        self.closing = False
        self.listing_current = True  # the listing on disk is the one the snapshot vouches for
        self._reset_derived()
        if self.path is None:
            return
        self._commit_lock = fileio.Lock(layout.side(self.path, layout.LOCK), readonly=read_only)
        self._session_lock = fileio.Lock(layout.side(self.path, layout.SESSION), readonly=read_only)
        try:
            self._open(create)
        except BaseException as error:
            self._close_files()
            if isinstance(error, OSError):
                raise unreadable(error, self.path) from None
            raise

    @property
    def framed(self) -> bool:
        return self.meta.get("schema", 1) >= frames.FRAMED_SCHEMA

    # -- opening -------------------------------------------------------------

    def _open(self, create: bool) -> None:
        assert self.path is not None
        if self.path.is_dir():
            raise StoreError("store.not_a_store", path=self.path)
        if not self.path.exists():
            if not create or self.read_only:
                raise StoreError("store.missing", path=self.path)
            journal = layout.journal_path(self.path)
            if journal.exists() and journal.stat().st_size:
                # The journal of a store whose snapshot is gone: never replay it into a new one.
                raise StoreError("store.leftover_journal", path=journal)
            fileio.make_private_dir(self.path.parent)
        if self.read_only:
            if not self._session_lock.acquire(exclusive=False):
                raise StoreError("store.busy", path=self.path)
            self._load()
            return
        # The commit lock is also the gate of the session protocol (Compaction.compact):
        # whoever holds it may let go of the session lock and take it again unseen.
        if not self._commit_lock.acquire():
            raise StoreError("store.busy", path=self.path)
        try:
            alone = self._session_lock.acquire(exclusive=True, timeout=0)
            if not alone and not self._session_lock.acquire(exclusive=False):
                raise StoreError("store.busy", path=self.path)
            if alone:
                self._remove_stray_temp_files()
            if not self.path.exists():
                self._write_snapshot()
            self._load()
            if alone:
                try:
                    if self._compaction_due():
                        self._catch_up()
                        self._write_snapshot()
                except StoreError:
                    pass  # a full disk: the journal still holds everything; fold it later
                self._session_lock.release()
                if not self._session_lock.acquire(exclusive=False):
                    raise StoreError("store.busy", path=self.path)
        finally:
            self._commit_lock.release()

    def _remove_stray_temp_files(self) -> None:
        # Temporary files of the store exist only while a process writes a snapshot or
        # its listing, holding the commit lock; with both locks, any we see is a crash's.
        assert self.path is not None
        for folder, name in ((self.path.parent, self.path.name), (layout.archive_dir(self.path), "")):
            for pattern in layout.temp_patterns(name):
                for stray in folder.glob(pattern):
                    stray.unlink(missing_ok=True)

    def _broken(self, key: str, **params: object) -> StoreError:
        assert self.path is not None
        backup = newest_backup(self.path)
        if backup is None:
            return StoreError(key, path=self.path, backup="-", **params)
        return StoreError(key + "_backup", path=self.path, backup=backup, **params)

    def _load(self) -> None:
        """Read the snapshot and replay the journal, in memory only."""
        assert self.path is not None
        raw = self.path.read_bytes()
        self._snapshot_size = len(raw)
        try:
            meta, tables = snapshot.loads(raw, lazy=True)
        except snapshot.SnapshotError as error:
            if error.kind == "too_new":
                raise StoreError("store.too_new", path=self.path, schema=error.schema) from None
            raise self._broken("store.not_a_store" if error.kind == "not_a_store" else "store.corrupt") from None
        self.meta = meta
        self.seq = meta.get("seq", 0)
        self.tables = tables
        for table in tables.values():
            if isinstance(table, LazyTable):
                table.failure = lambda: self._broken("store.corrupt")
        self.max_ids = snapshot.max_ids(meta, tables)
        self.archive_loaded = not archive.archive_files(self.path)
        self.listing_current = "listing" in meta and listing.is_current(self.path, meta["listing"])
        if not self.read_only and "listing" in meta and not self.listing_current:
            # Lost or damaged since its snapshot (a crash between the two renames): the
            # same documents make the same bytes, the very ones the snapshot vouches for.
            # A listing of another version cannot be made so: compaction writes both.
            with paused_gc():
                listing.write(self.path, listing.build(tables), self.seq)
            self.listing_current = listing.is_current(self.path, meta["listing"])
        self._journal_fd = fileio.open_journal(layout.journal_path(self.path), writable=not self.read_only)
        self._offset = 0
        self._journal_lines = 0
        self._catch_up(initial=True)

    def _catch_up(self, initial: bool = False) -> None:
        """Apply journal lines appended since our offset (by us at open, or by others).

        A store opened for writing calls this holding the commit lock, so a line without
        its newline is a dead writer's torn tail and is cut; a reader leaves it alone,
        as it may be a line still being written.
        """
        assert self.path is not None
        if self._journal_fd is None:  # a reader, and no journal yet: maybe there is one now
            self._journal_fd = fileio.open_journal(layout.journal_path(self.path), writable=False)
            if self._journal_fd is None:
                return
        size = fileio.size(self._journal_fd)
        if size < self._offset:
            # Emptied by a compaction while we had the store open: impossible while we
            # hold the session lock, so treat it as damage rather than guess.
            raise self._broken("store.corrupt")
        if size == self._offset:
            return
        chunk = fileio.read_at(self._journal_fd, self._offset, size - self._offset)
        try:
            commits, lines, used = frames.read(chunk, self.framed, orjson.loads, self.seq, self._journal_lines + 1)
        except frames.Damaged as damage:
            raise self._broken("store.journal_damaged", journal=layout.journal_path(self.path),
                               line=damage.line) from None
        if used < len(chunk) and not self.read_only:
            try:
                fileio.cut(self._journal_fd, self._offset + used)
            except OSError as error:
                raise from_os(error, self.path) from None
        changed: set[tuple[str, str]] = set()
        for seq, changes in commits:
            self.seq = seq
            for table, key, doc in changes:
                snapshot.apply(self.tables, self.max_ids, self._deleted, table, key, doc)
                changed.add((table, key))
        self._offset += used
        self._journal_lines += lines
        self._note_changed(changed)
        if changed:
            for table_object in self.table_objects:
                table_object.clear_cache()
            if not initial:
                self._notify(changed)

    def _notify(self, changed: set[tuple[str, str]]) -> None:
        for listener in self.listeners:
            listener(changed)

    # -- TinyDB's Storage contract --------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.tables if any(self.tables.values()) else None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """A whole-database write (TinyDB's drop_tables, or plain Table use)."""
        with self.transaction():
            for name in set(self.tables) | set(data):
                old = self.tables.get(name, {})
                new = data.get(name, {})
                for key in set(old) | set(new):
                    if old.get(key) != new.get(key):
                        self.touch(name, key)
            self.tables = {name: dict(docs) for name, docs in data.items()}
            self._notify(set(self._tx_changes))

    def close(self) -> None:
        if self.path is None or self.closing:
            return
        self.closing = True
        try:
            self.maybe_compact()
        except StoreError:
            pass  # the journal still holds everything; folding can wait for next time
        self._close_files()

    def _close_files(self) -> None:
        if self._journal_fd is not None:
            os.close(self._journal_fd)
            self._journal_fd = None
        self._commit_lock.close()
        self._session_lock.close()

    # -- transactions ---------------------------------------------------------

    def touch(self, table: str, key: str) -> None:
        """Record a document about to change, keeping its before-image for rollback."""
        if self._tx_depth == 0:
            raise RuntimeError("store changes must happen inside a transaction")
        if (table, key) not in self._tx_changes:
            before = self.tables.get(table, {}).get(key)
            self._tx_changes[(table, key)] = copy.deepcopy(before)

    def next_id(self, table: str) -> int:
        self.max_ids[table] = self.max_ids.get(table, 0) + 1
        return self.max_ids[table]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside becomes one journal line, durable when the block exits."""
        if self._tx_depth:
            self._tx_depth += 1
            try:
                yield
            finally:
                self._tx_depth -= 1
            return
        locked = self.path is not None and not self.read_only
        if locked and not self._commit_lock.acquire():
            raise StoreError("store.busy", path=self.path)
        self._tx_depth = 1
        max_ids = dict(self.max_ids)
        try:
            if self.path is not None:
                self._catch_up()
            yield
            changed = set(self._tx_changes)
            if changed and self.path is not None:
                if self.read_only:
                    raise StoreError(self.read_only_reason or "store.read_only", path=self.path)
                self._append(changed)
            self._deleted.update(k for k in changed if k[1] not in self.tables.get(k[0], {}))
            self._note_changed(changed)
            self.seq += 1 if changed else 0
        except BaseException:
            rolled_back = set(self._tx_changes)
            self._rollback()
            self.max_ids = max_ids
            self._tx_changes = {}
            self._tx_depth = 0
            self._notify(rolled_back)
            raise
        finally:
            self._tx_changes = {}
            self._tx_depth = 0
            if locked:
                self._commit_lock.release()
        if changed:
            for table_object in self.table_objects:
                table_object.clear_cache()

    def _rollback(self) -> None:
        for (table, key), before in self._tx_changes.items():
            docs = self.tables.setdefault(table, {})
            if before is None:
                docs.pop(key, None)
            else:
                docs[key] = before

    def _append(self, changed: set[tuple[str, str]]) -> None:
        assert self._journal_fd is not None
        record = {
            "seq": self.seq + 1,
            "at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "ch": [
                [table, key, self.tables.get(table, {}).get(key)]
                for table, key in sorted(changed)
            ],
        }
        payload = orjson.dumps(record)
        # A store still in schema 1 gets plain lines, as the version that made it wrote
        # them; it is framed from its first compaction on.
        line = frames.encode(payload) if self.framed else payload + b"\n"
        try:
            fileio.append(self._journal_fd, line)
        except OSError as error:
            # A full disk or an I/O error: cut the partial line so the journal stays
            # clean (or, if even that fails, the next catch-up cuts it as a torn tail),
            # and let the caller keep the entry on screen.
            try:
                fileio.cut(self._journal_fd, self._offset)
            except OSError:
                pass
            raise from_os(error, self.path) from None
        self._offset += len(line)
        self._journal_lines += 1
