"""No process compacts while another has the store open (issue 12, item 3).

The old protocol upgraded a shared session lock to an exclusive one to compact; on
Linux a failed flock upgrade drops the shared lock, and another process could then
compact under an open store. These tests run two processes racing to compact, 50
times, and once with a pause injected where the old race window was.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from datetime import date
from pathlib import Path

from store.model.forum import Forum
from store.repository import Repository

try:
    from store.persistence.fileio import Lock
except ImportError:  # the store before the fix, for showing that these tests fail on it
    from store.persistence.locks import Lock

CTX = multiprocessing.get_context("fork")
RUNS = 50
LINES = 3
ATTEMPTS = 20  # compaction attempts after each commit: many chances to hit a window


def _init(path: Path) -> None:
    with Repository(path, create=True) as repo:
        repo.ensure_meeting(repo.save_forum(Forum(name="Måndagsmöte")), date(2026, 11, 23))


def _racer(path: str, tag: str, lines: int, ack, start) -> None:
    """Child: commit, try again and again to compact after every commit, acknowledge each id."""
    repo = Repository(path)
    meeting = repo.meeting(1)
    start.wait(10)
    for i in range(lines):
        entry = repo.add_entry(meeting, "info", f"{tag} {i}")
        ack.send(entry.id)
        for _ in range(ATTEMPTS):
            start.wait(10)  # both at once: each tries while the other may be in its window
            repo.storage.compact()
    repo.close()
    ack.close()
    os._exit(0)


def _spawn(children) -> tuple[list, list]:
    """Start each ``(target, before, after)`` as ``target(*before, ack_pipe, *after)``;
    the pipes to read the acknowledged ids from, and the processes."""
    receivers, processes = [], []
    for target, before, after in children:
        receive, send = CTX.Pipe(duplex=False)
        process = CTX.Process(target=target, args=(*before, send, *after))
        process.start()
        send.close()
        receivers.append(receive)
        processes.append(process)
    return receivers, processes


def _collect(receivers) -> list[int]:
    ids = []
    for receive in receivers:
        while True:
            try:
                ids.append(receive.recv())
            except EOFError:
                break
    return ids


def _check_store(path: Path, acknowledged: list[int], expected_lines: int) -> None:
    assert len(acknowledged) == len(set(acknowledged)) == expected_lines  # no id given twice
    with Repository(path, read_only=True) as repo:
        entries = repo.storage.tables["entries"]
        assert set(acknowledged) <= {int(k) for k in entries}
        assert len(entries) == expected_lines
        assert repo.broken_references() == []


def test_two_processes_racing_to_compact_fifty_times(tmp_path: Path) -> None:
    for run in range(RUNS):
        path = tmp_path / f"run{run}" / "s.json"
        _init(path)
        start = CTX.Barrier(2)
        receivers, children = _spawn([(_racer, (str(path), tag, LINES), (start,)) for tag in ("A", "B")])
        acknowledged = _collect(receivers)
        for child in children:
            child.join()
            assert child.exitcode == 0, f"run {run}: a writer failed"
        _check_store(path, acknowledged, 2 * LINES)


def _pause_in_the_old_window(in_window, pause: float):
    """A Lock.acquire that, when an exclusive attempt on the session lock fails (the
    old upgrade's failure), says so and waits before returning: the old race window."""
    real_acquire = Lock.acquire

    def acquire(self, exclusive: bool = True, timeout: float = 10.0) -> bool:
        got = real_acquire(self, exclusive, timeout)
        if not got and exclusive and self.path.name.endswith(".session"):
            in_window.set()
            time.sleep(pause)
        return got

    return acquire


def _first(path: str, ack, ready, in_window) -> None:
    repo = Repository(path)
    meeting = repo.meeting(1)
    ack.send(repo.add_entry(meeting, "info", "A 0").id)
    ready.wait()
    repo.storage.compact()  # fails (B has the store open) and pauses in the window
    for i in (1, 2):
        ack.send(repo.add_entry(meeting, "info", f"A {i}").id)
    repo.close()
    os._exit(0)


def _second(path: str, ack, ready, in_window) -> None:
    repo = Repository(path)
    meeting = repo.meeting(1)
    ack.send(repo.add_entry(meeting, "info", "B 0").id)
    ready.set()
    in_window.wait(10)
    repo.storage.compact()  # while A is in the window: must not compact under A
    for i in (1, 2):
        ack.send(repo.add_entry(meeting, "info", f"B {i}").id)
    repo.close()
    os._exit(0)


def test_no_compaction_under_an_open_store_with_a_pause_in_the_old_window(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "s.json"
    _init(path)
    ready, in_window = CTX.Event(), CTX.Event()
    monkeypatch.setattr(Lock, "acquire", _pause_in_the_old_window(in_window, 0.5))
    receivers, children = _spawn([(target, (str(path),), (ready, in_window)) for target in (_first, _second)])
    acknowledged = _collect(receivers)
    for child in children:
        child.join(30)
        assert child.exitcode == 0, "a writer failed after the other compacted under it"
    assert in_window.is_set()
    monkeypatch.undo()
    _check_store(path, acknowledged, 6)
    with Repository(path, read_only=True) as repo:
        assert sorted(e.text for e in repo.entries(1)) == ["A 0", "A 1", "A 2", "B 0", "B 1", "B 2"]
