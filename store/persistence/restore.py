"""``samverkan restore BACKUP``: a consistent store brought back from a backup.

1. The backup is read as the store it is a copy of (``store.persistence.backups``): its
   snapshot, the journal lines the compaction that made it folded in, and its yearly
   archive files. A backup made by an earlier version is a single snapshot file; the
   store's own archive files are read with it, if they can be.
2. The store's own journal is added only where it continues the backup exactly:
   commits numbered on from the backup's last, checksummed, up to the first damaged or
   torn line. A journal written after another snapshot is never replayed over the
   backup (that is how following the old advice turned 124 entries into 85).
3. The result must have no broken reference (``samverkan check``'s rule); if it has,
   nothing is changed.
4. With no other process having the store open, the store's files are kept in a
   folder beside it (``samverkan.json.replaced-<time>/``, laid out as a store, so it
   can be opened with ``--store``), and the result is written as a new snapshot with
   its archive, its listing and an empty journal.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from store.model.references import broken_references
from store.persistence import archive, backups, fileio, frames, layout, snapshot
from store.persistence.compaction import write_state
from store.persistence.errors import StoreError, from_os

Tables = dict[str, dict[str, Any]]


class Restored(NamedTuple):
    backup: Path  # the backup's snapshot file
    commits: int  # commits taken from the store's own journal
    replaced: Path | None  # where the files it replaced are kept


class _State:
    def __init__(self, meta: dict[str, Any], tables: Tables):
        self.meta = meta
        self.tables = tables
        self.seq: int = meta.get("seq", 0)
        self.max_ids = snapshot.max_ids(meta, tables)
        self.deleted: set[tuple[str, str]] = set()

    def apply(self, commits: list[tuple[int, list]]) -> None:
        for seq, changes in commits:
            self.seq = seq
            for table, key, doc in changes:
                snapshot.apply(self.tables, self.max_ids, self.deleted, table, key, doc)


def backup_snapshot(backup: str | Path, store: Path) -> Path:
    """The snapshot file of ``backup``: the path itself, or the store's file in a folder."""
    path = layout.resolve(backup)
    if path.is_dir():
        path = path / store.name
    if not path.is_file():
        raise StoreError("restore.no_backup", path=backup)
    return path


def _journal_commits(journal: bytes, after_seq: int, stop_at_damage: bool) -> list[tuple[int, list]]:
    """The commits after ``after_seq``; with ``stop_at_damage``, those before the first
    damaged line or gap (a prefix of history is a state that was), else Damaged."""
    framed = any(line[:1] != b"{" for line in journal.split(b"\n") if line)
    try:
        return frames.read(journal, framed, orjson.loads, after_seq)[0]
    except frames.Damaged as damage:
        if not stop_at_damage:
            raise
        lines = journal.split(b"\n")
        prefix = b"".join(line + b"\n" for line in lines[: damage.line - 1])
        return frames.read(prefix, framed, orjson.loads, after_seq)[0]


def _read_backup(source: Path, store: Path) -> _State:
    try:
        meta, tables = snapshot.loads(source.read_bytes())
    except snapshot.SnapshotError:
        raise StoreError("restore.damaged", path=source) from None
    state = _State(meta, tables)
    journal = layout.journal_path(source)
    if journal.exists():
        try:
            state.apply(_journal_commits(journal.read_bytes(), state.seq, stop_at_damage=False))
        except frames.Damaged:
            raise StoreError("restore.damaged", path=journal) from None
    own_history = layout.archive_dir(source).is_dir()
    try:
        years = archive.read_archive(source if own_history else store)
    except snapshot.SnapshotError as error:
        if own_history:
            raise StoreError("restore.damaged", path=getattr(error, "path", source)) from None
        years = []  # an old backup without history, and the store's own is damaged
    for _, history in years:
        archive.merge(state.tables, state.max_ids, history, state.deleted)
    return state


def restore(store_path: str | Path, backup: str | Path) -> Restored:
    store = layout.resolve(store_path)
    source = backup_snapshot(backup, store)
    state = _read_backup(source, store)
    own_journal = layout.journal_path(store)
    commits: list[tuple[int, list]] = []
    if own_journal.exists() and source != store:
        commits = _journal_commits(own_journal.read_bytes(), state.seq, stop_at_damage=True)
        state.apply(commits)
    broken = broken_references(state.tables)
    if broken:
        first = broken[0]
        raise StoreError("restore.inconsistent", path=source, count=len(broken), table=first.table,
                         id=first.id, target=first.target, target_id=first.target_id)
    fileio.make_private_dir(store.parent)
    commit_lock = fileio.Lock(layout.side(store, layout.LOCK))
    session = fileio.Lock(layout.side(store, layout.SESSION))
    try:
        # The commit lock first, as every opening for writing and every compaction takes it.
        if not commit_lock.acquire() or not session.acquire(exclusive=True, timeout=0):
            raise StoreError("restore.store_open", path=store)
        try:
            replaced = _keep_aside(store)
            write_state(store, state.tables, state.meta, state.seq, state.max_ids, with_history=True)
            fileio.atomic_write(own_journal, b"")
        except OSError as error:
            raise from_os(error, store) from None
    finally:
        commit_lock.close()
        session.close()
    return Restored(source, len(commits), replaced)


def _keep_aside(store: Path) -> Path | None:
    """The store's snapshot, journal and archive as they are now, in a folder beside it."""
    present = [p for p in (store, layout.journal_path(store)) if p.exists()]
    history = archive.history_files(store)
    if not present and not history:
        return None
    folder = store.with_name(f"{store.name}.replaced-{datetime.now().strftime(backups.STAMP)}")
    fileio.make_private_dir(folder)
    for file in present:
        fileio.link_or_copy(file, folder / file.name)
    if history:
        fileio.make_private_dir(layout.archive_dir(folder / store.name))
        for file in history:
            fileio.link_or_copy(file, layout.archive_dir(folder / store.name) / file.name)
    return folder
