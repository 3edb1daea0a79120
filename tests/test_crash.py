"""Nothing acknowledged is lost: the command line, several writers, SIGKILL at random
moments, with the yearly archive in play.

Rounds of three concurrent ``samverkan log`` processes (one of them logging into a
meeting from 2019, which reads the history, so the compactions at their close rewrite
the archive files) are killed at random moments: while starting, committing, closing
or compacting. An id a process printed was acknowledged; every one must survive, the
store must open after every round, and ``samverkan check`` must pass at the end.
The store's snapshot is small (its history is archived), so a few lines make the
journal due for compaction and most closes compact.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from store.model.forum import Forum
from store.repository import Repository

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 60
WRITERS = 3
OLD_DAY = "2019-03-04"
NEW_DAY = "2026-11-23"


def _store_with_history(path: Path) -> None:
    with Repository(path, create=True) as repo:
        forum = repo.save_forum(Forum(name="Måndagsmöte"))
        for year in range(2015, 2020):
            old = repo.ensure_meeting(forum, date(year, 3, 2 + (year - 2015)))
            for i in range(3):
                repo.add_entry(old, "info", f"historia {year} {i}")
        repo.ensure_meeting(forum, date(2019, 3, 4))
        repo.ensure_meeting(forum, date(2026, 11, 23))
        assert repo.storage.compact(archive=True)
    years = sorted(p.name for p in (path.parent / "s.json.archive").iterdir() if p.stem.isdigit())
    assert years[:2] == ["2015.json", "2016.json"]


class Writer:
    def __init__(self, process: subprocess.Popen, text: str, mode: str, kill_at: float | None):
        self.process, self.text, self.mode, self.kill_at = process, text, mode, kill_at
        self.acked: int | None = None

    def kill(self) -> int:
        """SIGKILL it if it still runs; 1 if the kill landed."""
        self.kill_at = None
        if self.process.poll() is not None:
            return 0
        self.process.send_signal(signal.SIGKILL)
        return 1


def _writer(store: Path, day: str, text: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # the id reaches the pipe as soon as it is printed
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli.main", "log", "--store", str(store), "--forum", "Måndagsmöte",
         "--date", day, text],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env,
    )


def test_killed_command_line_writers_lose_no_acknowledged_line(tmp_path: Path) -> None:
    store = tmp_path / "s.json"
    _store_with_history(store)
    rng = random.Random(1923)
    acknowledged: dict[int, str] = {}
    killed = 0
    for round_ in range(ROUNDS):
        writers = []
        for w in range(WRITERS):
            day = OLD_DAY if w == 0 else NEW_DAY
            text = f"i runda {round_} skrivare {w}"
            # Killed at a random moment (starting, opening, committing), right after it
            # acknowledged (closing, compacting, rewriting the archive), or not at all.
            mode = rng.choice(["random", "after-ack", "after-ack", "none"])
            kill_at = time.monotonic() + rng.uniform(0.05, 0.4) if mode == "random" else None
            writers.append(Writer(_writer(store, day, text), text, mode, kill_at))
        while any(w.process.poll() is None for w in writers):
            ready, _, _ = select.select([w.process.stdout for w in writers if not w.acked], [], [], 0.002)
            for w in writers:
                if w.process.stdout in ready:
                    line = w.process.stdout.readline()
                    if line.strip():
                        w.acked = int(line)
                        acknowledged[w.acked] = w.text[2:]
                        if w.mode == "after-ack":
                            killed += w.kill()
                elif w.kill_at is not None and time.monotonic() >= w.kill_at:
                    killed += w.kill()
        for w in writers:
            out, err = w.process.communicate()
            if w.process.returncode == 0:
                assert not err, err
            elif w.process.returncode != -signal.SIGKILL:
                raise AssertionError(f"round {round_}: exit {w.process.returncode}: {err.decode()}")
            if out.strip() and not w.acked:
                acknowledged[int(out)] = w.text[2:]
        # The store opens after every round and holds every acknowledged line.
        with Repository(store, read_only=True) as repo:
            repo.load_history()
            entries = repo.storage.tables["entries"]
            lost = {i: t for i, t in acknowledged.items() if entries.get(str(i), {}).get("text") != t}
            assert not lost, f"round {round_}: lost {lost}"
    assert killed > ROUNDS // 2 and len(acknowledged) > ROUNDS  # kills landed, lines got through
    check = subprocess.run([sys.executable, "-m", "tui.cli.main", "check", "--store", str(store)],
                           capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0, check.stderr
    with Repository(store, read_only=True) as repo:
        repo.load_history()
        old = [e.text for e in repo.entries(6)]
    assert any(text.endswith("skrivare 0") for text in old)  # history was written to, and kept
    # ... and compactions at the writers' close moved those lines to the archive file.
    assert "skrivare 0" in (store.parent / "s.json.archive" / "2019.json").read_text(encoding="utf-8")
    print(f"{len(acknowledged)} acknowledged, {killed} killed")
