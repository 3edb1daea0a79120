"""What survives a power cut: only what was synced. A killed process leaves its
written bytes in the operating system's cache, so the kill tests cannot see a missing
sync; this test can: it records how much of each file had been synced when a commit
returned, cuts a copy of the journal there, and opens the copy."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from store.model.forum import Forum
from store.persistence.layout import journal_path
from store.repository import Repository


def test_an_acknowledged_commit_survives_a_power_cut(tmp_path: Path, monkeypatch) -> None:
    store = tmp_path / "store" / "s.json"
    with Repository(store, create=True) as repo:
        repo.ensure_meeting(repo.save_forum(Forum(name="Måndagsmöte")), date(2026, 11, 23))
    synced: dict[int, int] = {}  # inode -> bytes on the disk itself

    def tracking(real):
        def sync(fd: int) -> None:
            real(fd)
            st = os.fstat(fd)
            synced[st.st_ino] = st.st_size

        return sync

    for name in ("fsync", "fdatasync"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, tracking(getattr(os, name)))
    repo = Repository(store)
    meeting = repo.meeting(1)
    for i in range(5):
        entry = repo.add_entry(meeting, "info", f"rad {i}")
        # The power goes now: of the journal, only what was synced is on the disk.
        journal = journal_path(store)
        after = tmp_path / f"after-{i}" / "s.json"
        after.parent.mkdir()
        shutil.copyfile(store, after)
        journal_path(after).write_bytes(journal.read_bytes()[: synced.get(journal.stat().st_ino, 0)])
        with Repository(after, read_only=True) as survivor:
            assert survivor.entry(entry.id) is not None, f"commit {i} was acknowledged but not synced"
    repo.close()
