"""Backups: before a compaction replaces the snapshot, the state it replaces is kept whole.

A backup is a folder laid out as a store (``samverkan.json.backups/<time>/``): the old
snapshot (a hard link: no copy), the journal lines folded into the new snapshot, and
the yearly archive files as they were (hard links too). Opening that folder's
``samverkan.json`` gives exactly the state the compaction saved, history included, and
``samverkan restore`` brings it back (``store.persistence.restore``). Ten are kept.

Backups made by earlier versions are single snapshot files in the same folder; they
are still listed and restored, without a journal of their own.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from store.persistence import fileio, layout

BACKUPS_KEPT = 10
STAMP = "%Y%m%d-%H%M%S-%f"
STAMP_LENGTH = 22


def _order(path: Path) -> tuple[str, int]:
    """Backups in the order they were made: by time, then by the number that tells
    apart two made within the same clock reading (``<time>.1``)."""
    if path.is_dir():
        stamp, _, number = path.name.partition(".")
        return stamp, int(number) if number.isdigit() else 0
    return path.stem[-STAMP_LENGTH:], 0


def backups(store: Path) -> list[Path]:
    """The snapshot file of every backup of ``store``, oldest first."""
    folder = layout.backup_dir(store)
    if not folder.is_dir():
        return []
    found = [entry for entry in folder.iterdir()
             if (entry.is_dir() and (entry / store.name).is_file()) or (entry.is_file() and entry.suffix == ".json")]
    found.sort(key=_order)
    return [entry / store.name if entry.is_dir() else entry for entry in found]


def newest_backup(store: Path) -> Path | None:
    found = backups(store)
    return found[-1] if found else None


def keep(store: Path, journal: bytes, archive_files: list[Path]) -> Path | None:
    """Keep the store's current state (snapshot, ``journal`` lines, archive files) as
    a backup; its snapshot path, or None if it could not be made. A backup is a
    courtesy: a failure never stops the save it precedes."""
    folders = layout.backup_dir(store)
    stamp = datetime.now().strftime(STAMP)
    folder = folders / stamp
    number = 0
    while folder.exists():
        number += 1
        folder = folders / f"{stamp}.{number}"
    try:
        fileio.make_private_dir(folder)
        fileio.link_or_copy(store, folder / store.name)
        if journal:
            fileio.atomic_write(layout.journal_path(folder / store.name), journal)
        if archive_files:
            history = layout.archive_dir(folder / store.name)
            fileio.make_private_dir(history)
            for file in archive_files:
                fileio.link_or_copy(file, history / file.name)
    except OSError:
        fileio.remove_tree(folder)
        return None
    for old in backups(store)[:-BACKUPS_KEPT]:
        fileio.remove_tree(old.parent if old.parent != layout.backup_dir(store) else old)
    return folder / store.name
