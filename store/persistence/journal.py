"""Crash-safe persistence for TinyDB: a snapshot plus an append-only journal.

The store is a readable TinyDB JSON file (``samverkan.json``: one document a line)
plus a journal beside it (``samverkan.json.journal``). A commit appends ONE line to
the journal holding every document it changed and fsyncs it before returning, so a
commit costs the same at 1,000 or 100,000 actions. Opening reads the snapshot and
replays the journal; a torn last line (a kill mid-write) was never acknowledged and
is cut off. When the journal grows, it is folded into a new snapshot written to a
temporary file, fsynced and renamed over the old one (the old one is kept as a
rolling backup), so the snapshot on disk is always whole.

Several processes may hold the store open. Every commit takes an exclusive lock
on ``samverkan.json.lock``, first applies whatever other processes appended since
(catch-up), then makes its change on that fresh state and appends it: no lost
updates. Compaction needs every other process gone (an exclusive session lock).

History is split off, as Taskwarrior keeps completed tasks apart: meetings from
before last year, their entries and their closed actions live in per-year archive
files (``samverkan.json.archive/2019.json``) that are read only when something asks
for history (``load_archive``), so opening ten or a hundred years costs about the
same as opening this year and last.

Every snapshot also gets an open-work listing beside it (``store.persistence.listing``): the
active actions and the names they refer to, which ``samverkan actions --open`` reads
with the journal instead of this whole file. It is written after the snapshot, and at
open when it does not belong to the snapshot on disk; it is never the only copy.

This extends TinyDB the way TinyDB extends itself: ``JournalStorage`` is a
``Storage`` and ``JournalTable`` is the database's ``table_class``; the table's
``_update_table`` reports which documents it touched instead of handing the whole
database to ``write()``.
"""

from __future__ import annotations

import copy
import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from store.persistence import listing
from store.persistence.locks import Lock
from store.text.i18n import UserError

FORMAT = "samverkan"
SCHEMA_VERSION = 1
META = "_meta"
BACKUPS_KEPT = 10
# Fold the journal into the snapshot when it holds this many commits, or when it is
# larger than this fraction of the snapshot: replay stays short, commits stay O(1).
COMPACT_LINES = 2000
COMPACT_RATIO = 0.25

Listener = Callable[[set[tuple[str, str]]], None]


class StoreError(UserError):
    """Opening or writing the store failed; ``str()`` is one sentence for the user."""


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def archive_dir(path: Path) -> Path:
    return path.with_name(path.name + ".archive")


def newest_backup(path: Path) -> Path | None:
    folder = backup_dir(path)
    if not folder.is_dir():
        return None
    backups = sorted(folder.glob("*.json"))
    return backups[-1] if backups else None


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _dumps_snapshot(meta: dict[str, Any], tables: dict[str, dict[str, Any]]) -> bytes:
    """TinyDB's JSON layout, one document a line, so people can read and diff it."""
    parts = [b"{", b'"_meta": {"1": ', orjson.dumps(meta), b"}"]
    for name in sorted(tables):
        parts.append(b",\n" + orjson.dumps(name) + b": {")
        docs = tables[name]
        lines = [
            b"\n  " + orjson.dumps(key) + b": " + orjson.dumps(doc)
            for key, doc in sorted(docs.items(), key=lambda kv: int(kv[0]))
        ]
        parts.append(b",".join(lines))
        parts.append(b"\n}" if lines else b"}")
    parts.append(b"\n}\n")
    return b"".join(parts)


class JournalStorage(Storage):
    """TinyDB storage: snapshot + fsync'd journal; ``path=None`` keeps it in memory."""

    def __init__(self, path: str | os.PathLike | None = None, create: bool = False):
        self.path = Path(path) if path is not None else None
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
        if self.path is None:
            return
        self._commit_lock = Lock(self.path.with_name(self.path.name + ".lock"))
        self._session_lock = Lock(self.path.with_name(self.path.name + ".session"))
        self._open(create)

    # -- opening -------------------------------------------------------------

    def _open(self, create: bool) -> None:
        assert self.path is not None
        if not self.path.exists():
            if not create:
                raise StoreError("store.missing", path=self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self._session_lock.acquire(exclusive=False):
            raise StoreError("store.busy", path=self.path)
        if not self._commit_lock.acquire():
            raise StoreError("store.busy", path=self.path)
        try:
            self._remove_stray_temp_files()
            if not self.path.exists():
                self._write_snapshot()
            self._load_snapshot()
            if not listing.is_current(self.path, self.seq):
                listing.write(self.path, self.tables, self.seq)  # the snapshot's state, before replay
            self._replay_journal()
            self._migrate()
        finally:
            self._commit_lock.release()
        self.maybe_compact()

    def _remove_stray_temp_files(self) -> None:
        # Temporary files exist only during compaction, which needs every other
        # process gone; holding the session lock, any we see is a crash's leftover.
        assert self.path is not None
        for pattern in (".tmp-*", ".listing.tmp-*"):
            for stray in self.path.parent.glob(self.path.name + pattern):
                stray.unlink(missing_ok=True)
        for stray in archive_dir(self.path).glob("*.tmp-*"):
            stray.unlink(missing_ok=True)

    def _broken(self, key: str) -> StoreError:
        assert self.path is not None
        backup = newest_backup(self.path)
        if backup is None:
            return StoreError(key, path=self.path, backup="-")
        return StoreError(key + "_backup", path=self.path, backup=backup)

    def _load_snapshot(self) -> None:
        assert self.path is not None
        raw = self.path.read_bytes()
        self._snapshot_size = len(raw)
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise self._broken("store.corrupt") from None
        if not isinstance(data, dict):
            raise self._broken("store.not_a_store")
        meta_table = data.pop(META, None)
        meta = meta_table.get("1") if isinstance(meta_table, dict) else None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise self._broken("store.not_a_store")
        if not isinstance(meta.get("schema"), int) or meta["schema"] > SCHEMA_VERSION:
            raise StoreError("store.too_new", path=self.path, schema=meta.get("schema"))
        for docs in data.values():
            if not isinstance(docs, dict) or not all(isinstance(d, dict) for d in docs.values()):
                raise self._broken("store.corrupt")
        self.meta = meta
        self.seq = int(meta.get("seq", 0))
        self.tables = data
        self.max_ids = {
            name: max((int(k) for k in docs), default=0) for name, docs in data.items()
        }
        # Ids stay unique across the archive, which is not read at open.
        for name, highest in (meta.get("max_ids") or {}).items():
            self.max_ids[name] = max(self.max_ids.get(name, 0), int(highest))
        self.archive_loaded = not any(archive_dir(self.path).glob("*.json"))

    def _replay_journal(self) -> None:
        assert self.path is not None
        jpath = journal_path(self.path)
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT
        self._journal_fd = os.open(jpath, flags, 0o600)
        self._offset = 0
        self._journal_lines = 0
        self._catch_up(initial=True)

    def _catch_up(self, initial: bool = False) -> None:
        """Apply journal lines appended since our offset (by us at open, or by others)."""
        assert self._journal_fd is not None
        size = os.fstat(self._journal_fd).st_size
        if size < self._offset:
            # Another process compacted while we were away: impossible while we hold
            # the session lock, so treat it as damage rather than guess.
            raise self._broken("store.corrupt")
        if size == self._offset:
            return
        chunk = os.pread(self._journal_fd, size - self._offset, self._offset)
        changed: set[tuple[str, str]] = set()
        position = 0
        while position < len(chunk):
            end = chunk.find(b"\n", position)
            if end < 0:
                # A torn last line: its writer was killed before fsync returned, so it
                # was never acknowledged. Cut it off so the next append starts clean.
                os.ftruncate(self._journal_fd, self._offset + position)
                break
            line = chunk[position:end]
            try:
                record = orjson.loads(line)
                seq = int(record["seq"])
                changes = record["ch"]
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                if end + 1 >= len(chunk):
                    os.ftruncate(self._journal_fd, self._offset + position)
                    break
                raise self._broken("store.corrupt") from None
            position = end + 1
            self._journal_lines += 1
            if seq <= self.seq:
                continue  # already folded into the snapshot
            self.seq = seq
            for table, key, doc in changes:
                self._apply(table, key, doc)
                changed.add((table, key))
        self._offset += position
        if changed:
            for table_object in self.table_objects:
                table_object.clear_cache()
            if not initial:
                self._notify(changed)

    def _apply(self, table: str, key: str, doc: dict | None) -> None:
        docs = self.tables.setdefault(table, {})
        if doc is None:
            docs.pop(key, None)
            self._deleted.add((table, key))
        else:
            docs[key] = doc
            if int(key) > self.max_ids.get(table, 0):
                self.max_ids[table] = int(key)

    def _migrate(self) -> None:
        # Schema 1 is the first; later versions add steps here and compact after.
        if self.meta.get("schema", SCHEMA_VERSION) < SCHEMA_VERSION:
            self.meta["schema"] = SCHEMA_VERSION

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
        if self.path is None or self._journal_fd is None:
            return
        try:
            self.maybe_compact()
        except StoreError:
            pass  # the journal still holds everything; folding can wait for next time
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
        if self.path is not None:
            if not self._commit_lock.acquire():
                raise StoreError("store.busy", path=self.path)
        self._tx_depth = 1
        max_ids = dict(self.max_ids)
        try:
            if self.path is not None:
                self._catch_up()
            yield
            changed = set(self._tx_changes)
            if changed and self.path is not None:
                self._append(changed)
            self._deleted.update(k for k in changed if k[1] not in self.tables.get(k[0], {}))
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
            if self.path is not None:
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
        line = orjson.dumps(record) + b"\n"
        try:
            written = 0
            while written < len(line):
                written += os.write(self._journal_fd, line[written:])
            os.fdatasync(self._journal_fd)
        except OSError as error:
            # A full disk or an I/O error: cut the partial line so the journal stays
            # clean, and let the caller keep the entry on screen.
            try:
                os.ftruncate(self._journal_fd, self._offset)
            except OSError:
                pass
            key = "store.disk_full" if error.errno == errno.ENOSPC else "store.write_failed"
            raise StoreError(key, path=self.path, reason=error.strerror) from None
        self._offset += len(line)
        self._journal_lines += 1

    # -- compaction -----------------------------------------------------------

    def maybe_compact(self, force: bool = False) -> bool:
        if self.path is None or self._journal_lines == 0:
            return False
        journal_size = self._offset
        if not force and (
            self._journal_lines < COMPACT_LINES
            and journal_size < COMPACT_RATIO * max(self._snapshot_size, 1)
            and journal_size < 64 * 1024 * 1024
        ):
            return False
        return self.compact()

    def compact(self, archive: bool | None = None) -> bool:
        """Fold the journal into a fresh snapshot; only when no other process has it open.

        With ``archive`` (or when much of the open file is history) the history is
        read and moved to the yearly archive files.
        """
        assert self.path is not None
        if archive is None:
            archive = self._history_in_hot() > 200
        if archive:
            self.load_archive()
        if not self._session_lock.acquire(exclusive=True, timeout=0):
            self._session_lock.acquire(exclusive=False)
            return False
        try:
            if not self._commit_lock.acquire():
                return False
            try:
                self._catch_up()
                self._write_snapshot()
                assert self._journal_fd is not None
                os.ftruncate(self._journal_fd, 0)
                os.fsync(self._journal_fd)
                self._offset = 0
                self._journal_lines = 0
            finally:
                self._commit_lock.release()
        finally:
            self._session_lock.acquire(exclusive=False)
        return True

    def load_archive(self) -> None:
        """Read the history files once; what this session already has stays newer."""
        if self.archive_loaded or self.path is None:
            return
        changed: set[tuple[str, str]] = set()
        for file in sorted(archive_dir(self.path).glob("*.json")):
            try:
                data = orjson.loads(file.read_bytes())
                meta = data.pop(META)["1"]
                if meta.get("format") != FORMAT + "-archive":
                    raise ValueError
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                raise StoreError("store.archive_corrupt", path=file) from None
            for table, docs in data.items():
                current = self.tables.setdefault(table, {})
                for key, doc in docs.items():
                    if key in current or (table, key) in self._deleted:
                        continue
                    current[key] = doc
                    changed.add((table, key))
                    if int(key) > self.max_ids.get(table, 0):
                        self.max_ids[table] = int(key)
        self.archive_loaded = True
        for table_object in self.table_objects:
            table_object.clear_cache()
        self._notify(changed)

    def _partition(self) -> tuple[dict[str, dict[str, Any]], dict[int, dict[str, dict[str, Any]]]]:
        """Split the tables into what opening needs and history by year."""
        cutoff = f"{datetime.now().year - 1}-01-01"
        hot: dict[str, dict[str, Any]] = {name: dict(docs) for name, docs in self.tables.items()}
        if not self.archive_loaded:
            return hot, {}  # history not read this session: its files stay as they are
        cold: dict[int, dict[str, dict[str, Any]]] = {}
        cold_meetings: dict[str, int] = {}
        for key, doc in self.tables.get("meetings", {}).items():
            start = str(doc.get("start", ""))
            if start and start < cutoff:
                cold_meetings[key] = int(start[:4])

        def move(table: str, key: str, year: int) -> None:
            cold.setdefault(year, {}).setdefault(table, {})[key] = hot[table].pop(key)

        for key in cold_meetings:
            move("meetings", key, cold_meetings[key])
        for key, doc in self.tables.get("entries", {}).items():
            year = cold_meetings.get(str(doc.get("meeting_id")))
            if year:
                move("entries", key, year)
        for key, doc in self.tables.get("actions", {}).items():
            if doc.get("status") not in ("done", "cancelled"):
                continue
            # Closed in a recent meeting, or changed recently: still at hand for that
            # meeting's minutes. Filed under the year of its last change.
            meetings = {doc.get("origin_meeting_id")} | {e.get("meeting_id") for e in doc.get("history", ())}
            meetings.discard(None)
            years = [cold_meetings.get(str(m)) for m in meetings]
            last_change = max([str(doc.get("created") or "")] + [str(e.get("at") or "") for e in doc.get("history", ())])
            if None in years or last_change >= cutoff or not last_change:
                continue
            move("actions", key, int(last_change[:4]))
        return hot, cold

    def _write_snapshot(self) -> None:
        assert self.path is not None
        hot, cold = self._partition()
        self.meta = {
            **self.meta, "format": FORMAT, "schema": SCHEMA_VERSION, "seq": self.seq,
            "max_ids": dict(self.max_ids),
        }
        try:
            if self.archive_loaded:
                self._write_archive(cold)
            data = _dumps_snapshot(self.meta, hot)
            self._atomic_write(self.path, data, backup=True)
            listing.write(self.path, hot, self.seq)
        except OSError as error:
            key = "store.disk_full" if error.errno == errno.ENOSPC else "store.write_failed"
            raise StoreError(key, path=self.path, reason=error.strerror) from None
        self._snapshot_size = len(data)

    def _write_archive(self, cold: dict[int, dict[str, dict[str, Any]]]) -> None:
        assert self.path is not None
        folder = archive_dir(self.path)
        if cold:
            folder.mkdir(mode=0o700, exist_ok=True)
        for year, tables in cold.items():
            meta = {"format": FORMAT + "-archive", "schema": SCHEMA_VERSION, "year": year}
            self._atomic_write(folder / f"{year}.json", _dumps_snapshot(meta, tables), backup=False)
        for stale in folder.glob("*.json") if folder.is_dir() else ():
            if stale.stem.isdigit() and int(stale.stem) not in cold:
                stale.unlink()

    def _atomic_write(self, target: Path, data: bytes, backup: bool) -> None:
        """Write ``data`` to a temporary file, fsync it and rename it over ``target``."""
        temp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            if backup and target.exists():
                self._keep_backup()
            os.replace(temp, target)
            _fsync_dir(target.parent)
        except OSError:
            temp.unlink(missing_ok=True)
            raise

    def _history_in_hot(self) -> int:
        cutoff = f"{datetime.now().year - 1}-01-01"
        return sum(1 for d in self.tables.get("meetings", {}).values() if str(d.get("start", "")) < cutoff)

    def _keep_backup(self) -> None:
        """The snapshot about to be replaced becomes a backup (a hard link: no copy)."""
        assert self.path is not None
        folder = backup_dir(self.path)
        folder.mkdir(mode=0o700, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{self.path.stem}-{stamp}.json"
        try:
            os.link(self.path, target)
        except OSError:
            return  # a backup is a courtesy; never fail a save for it
        for old in sorted(folder.glob("*.json"))[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)


class JournalTable(Table):
    """A TinyDB table whose writes touch only the documents they change."""

    def __init__(self, storage: JournalStorage, name: str, **kwargs: Any):
        super().__init__(storage, name, **kwargs)
        storage.table_objects.append(self)

    def insert(self, document):  # type: ignore[override]
        # The id must be drawn after catching up with other processes' inserts.
        with self._storage.transaction():  # type: ignore[attr-defined]
            return super().insert(document)

    def insert_multiple(self, documents):  # type: ignore[override]
        with self._storage.transaction():  # type: ignore[attr-defined]
            return super().insert_multiple(documents)

    def _get_next_id(self) -> int:
        # TinyDB scans every key once and caches; another process may have inserted
        # since, so the storage keeps the highest id per table up to date instead.
        storage: JournalStorage = self._storage  # type: ignore[assignment]
        return storage.next_id(self.name)

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage: JournalStorage = self._storage  # type: ignore[assignment]
        with storage.transaction():
            raw = storage.tables.setdefault(self.name, {})
            view = _TouchingView(raw, storage, self.name)
            updater(view)  # type: ignore[arg-type]
            # Indexes above us must see the change at once, even mid-transaction.
            storage._notify({(self.name, key) for key in view.touched})
        self.clear_cache()


class _TouchingView(dict):
    """What TinyDB's updaters see: int keys over the raw str-keyed table.

    Every key an updater reads, writes or removes is reported to the storage, so
    the commit journals those documents and nothing else.
    """

    def __init__(self, raw: dict[str, Any], storage: JournalStorage, table: str):
        super().__init__()
        self._raw = raw
        self._storage = storage
        self._table = table
        self.touched: set[str] = set()

    def _touch(self, key: str) -> None:
        self._storage.touch(self._table, key)
        self.touched.add(key)

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._raw

    def __getitem__(self, doc_id: int) -> Any:
        self._touch(str(doc_id))
        return self._raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self._touch(str(doc_id))
        self._raw[str(doc_id)] = doc
        if int(doc_id) > self._storage.max_ids.get(self._table, 0):
            self._storage.max_ids[self._table] = int(doc_id)

    def __delitem__(self, doc_id: int) -> None:
        self._touch(str(doc_id))
        del self._raw[str(doc_id)]

    def pop(self, doc_id: int, *default: Any) -> Any:  # type: ignore[override]
        self._touch(str(doc_id))
        return self._raw.pop(str(doc_id), *default)

    def keys(self):  # type: ignore[override]
        return [int(k) for k in self._raw]

    def __iter__(self):
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self._raw)

    def items(self):  # type: ignore[override]
        return [(int(k), v) for k, v in self._raw.items()]

    def values(self):  # type: ignore[override]
        return list(self._raw.values())

    def clear(self) -> None:
        for key in list(self._raw):
            self._touch(key)
        self._raw.clear()


class StoreDB(TinyDB):
    """TinyDB over the journal storage."""

    table_class = JournalTable
    default_storage_class = JournalStorage

    @property
    def journal(self) -> JournalStorage:
        return self.storage  # type: ignore[return-value]
