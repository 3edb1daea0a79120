"""Where a store's files are: the snapshot and, beside it, every side file.

The path a user gives is resolved once (``resolve``), symbolic links included, and
every side file is named after the real snapshot: logging through a link and through
the real path is one store, and compaction replaces the real file, not the link.
Nothing here imports more than pathlib, so the open-work listing can use it at no cost.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

JOURNAL = ".journal"
LOCK = ".lock"
SESSION = ".session"
LISTING = ".listing"
BACKUPS = ".backups"
ARCHIVE = ".archive"
USERS = ".users"  # the served app's accounts (store.access.accounts)
SIDE_SUFFIXES = (JOURNAL, LOCK, SESSION, LISTING, BACKUPS, ARCHIVE, USERS)


def resolve(path: str | os.PathLike) -> Path:
    """The real snapshot file behind ``path`` (``~`` expanded, links followed)."""
    return Path(path).expanduser().resolve()


def side(store: Path, suffix: str) -> Path:
    return store.with_name(store.name + suffix)


def journal_path(store: Path) -> Path:
    return side(store, JOURNAL)


def listing_path(store: Path) -> Path:
    return side(store, LISTING)


def backup_dir(store: Path) -> Path:
    return side(store, BACKUPS)


def archive_dir(store: Path) -> Path:
    return side(store, ARCHIVE)


def temp_patterns(name: str) -> tuple[str, ...]:
    """Globs of the temporary files a crash may leave for a file called ``name``
    (``fileio.temp_name``, and the older ``name.tmp-<pid>``)."""
    return (f".{name}*.tmp-*", f"{name}*.tmp-*")


def store_files(store: Path) -> list[Path]:
    """The snapshot and every side file that exists, as they are now."""
    return [p for p in [store, *(side(store, s) for s in SIDE_SUFFIXES)] if p.exists() or p.is_symlink()]


def ours(store: Path, entry: Path) -> bool:
    """Whether ``entry`` (in the store's folder) is the store, a side file or a temporary file of it."""
    name = store.name
    return entry.name == name or entry.name.startswith(name + ".") or entry.name.startswith("." + name + ".")


@contextmanager
def new_store(path: str | os.PathLike) -> Iterator[Path]:
    """Create a store at ``path`` inside the block; if the block fails (a full disk,
    Ctrl-C), remove exactly what it made: the files of this store that were not there
    before, and folders it had to create. Nothing else in the folder is touched, not
    even a file whose name begins with the store's (``samverkan.json.bak``)."""
    store = resolve(path)
    made = []
    folder = store.parent
    while not folder.exists() and folder.parent != folder:
        made.append(folder)
        folder = folder.parent
    before = set(store.parent.iterdir()) if store.parent.is_dir() else set()
    try:
        yield store
    except BaseException:
        from store.persistence import fileio  # a failure is rare; keep this module light

        if store.parent.is_dir():
            for entry in set(store.parent.iterdir()) - before:
                if ours(store, entry):
                    fileio.remove_tree(entry)
        for folder in made:  # innermost first; one the user filled meanwhile stays
            try:
                folder.rmdir()
            except OSError:
                break
        raise
