"""Nothing is lost: kills, two writers, full disks and broken files."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import random
import signal
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from store.model.forum import Forum
from store.persistence import journal as persistence
from store.persistence.journal import StoreError, journal_path
from store.repository import Repository

CTX = multiprocessing.get_context("fork")


def _forum_meeting(repo: Repository):
    forum = repo.forum_by_name("Måndagsmöte") if repo.forums() else repo.save_forum(Forum(name="Måndagsmöte"))
    return repo.ensure_meeting(forum, date(2026, 11, 23))


def _writer(path: str, ack, count: int, tag: str, compact_every: int = 0) -> None:
    """Child process: commit entries, acknowledging each id only after commit returned."""
    repo = Repository(path)
    meeting = _forum_meeting(repo)
    for i in range(count):
        entry = repo.add_entry(meeting, "info", f"{tag} rad {i}")
        ack.send(entry.id)
        if compact_every and i % compact_every == compact_every - 1:
            repo.storage.compact()
    repo.close()
    ack.close()
    os._exit(0)


def _init(path: Path) -> None:
    with Repository(path, create=True) as repo:
        _forum_meeting(repo)


def test_commit_is_on_disk_when_it_returns(store_file: Path) -> None:
    _init(store_file)
    repo = Repository(store_file)
    entry = repo.add_entry(_forum_meeting(repo), "decision", "Polisen genomför riktad insats")
    # Read the files from another process without closing ours: the line is there.
    out = subprocess.run(
        [sys.executable, "-c", f"from store.repository import Repository; r=Repository({str(store_file)!r}); "
         f"print(r.entry({entry.id}).text)"],
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "Polisen genomför riktad insats"
    repo.close()


def test_sigkill_at_random_moments_loses_no_acknowledged_entry(store_file: Path) -> None:
    _init(store_file)
    rng = random.Random(2026)
    acknowledged: set[int] = set()
    trials = 60
    for trial in range(trials):
        receive, send = CTX.Pipe(duplex=False)
        child = CTX.Process(target=_writer, args=(str(store_file), send, 400, f"t{trial}", 7))
        child.start()
        send.close()
        deadline = time.monotonic() + rng.uniform(0.005, 0.08)
        while time.monotonic() < deadline:
            if receive.poll(0.001):
                try:
                    acknowledged.add(receive.recv())
                except EOFError:
                    break
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        while receive.poll():
            try:
                acknowledged.add(receive.recv())
            except EOFError:
                break
        # The store opens after every kill and holds every acknowledged entry.
        with Repository(store_file) as repo:
            present = {int(k) for k in repo.storage.tables.get("entries", {})}
        missing = acknowledged - present
        assert not missing, f"trial {trial}: lost {sorted(missing)[:5]}"
    assert len(acknowledged) > trials  # the kills really landed mid-stream
    assert not list(store_file.parent.glob("*.tmp-*"))


def test_two_processes_writing_at_once_keep_every_entry(store_file: Path) -> None:
    _init(store_file)
    pipes, children = [], []
    for tag in ("A", "B"):
        receive, send = CTX.Pipe(duplex=False)
        child = CTX.Process(target=_writer, args=(str(store_file), send, 100, tag))
        child.start()
        send.close()
        pipes.append(receive)
        children.append(child)
    ids = []
    for receive in pipes:
        while True:
            try:
                ids.append(receive.recv())
            except EOFError:
                break
    for child in children:
        child.join()
        assert child.exitcode == 0
    with Repository(store_file) as repo:
        texts = sorted(e.text for e in repo.entries(repo.meetings_of_forum(1)[0].id))
    assert len(ids) == len(set(ids)) == 200
    assert len(texts) == 200
    assert {t.split()[0] for t in texts} == {"A", "B"}


def test_long_open_app_and_command_line_writer_lose_nothing(store_file: Path) -> None:
    _init(store_file)
    app_repo = Repository(store_file)  # like the TUI: open for the whole meeting
    meeting = _forum_meeting(app_repo)
    app_repo.add_entry(meeting, "info", "från appen 1")
    env = {**os.environ, "SAMVERKAN_STORE": str(store_file)}
    for i in range(3):
        result = subprocess.run(
            [sys.executable, "-m", "tui.cli.main", "log", "--forum", "Måndagsmöte", "--date", "2026-11-23",
             f"i från kommandoraden {i}"],
            capture_output=True, text=True, env=env,
        )
        assert result.returncode == 0, result.stderr
    app_repo.add_entry(meeting, "info", "från appen 2")  # catches up before writing
    texts = [e.text for e in app_repo.entries(meeting.id)]
    assert texts == ["från appen 1", "från kommandoraden 0", "från kommandoraden 1",
                     "från kommandoraden 2", "från appen 2"]
    app_repo.close()
    with Repository(store_file) as repo:
        assert len(repo.entries(meeting.id)) == 5


def test_full_disk_keeps_previous_store_and_reports_it(store_file: Path, monkeypatch) -> None:
    _init(store_file)
    repo = Repository(store_file)
    meeting = _forum_meeting(repo)
    repo.add_entry(meeting, "info", "sparad före")
    real_write = os.write

    def full(fd, data):
        real_write(fd, data[: len(data) // 2])  # half a line reaches the disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(persistence.os, "write", full)
    with pytest.raises(StoreError) as caught:
        repo.add_entry(meeting, "info", "skrevs när disken var full")
    assert "disken är full" in str(caught.value)
    assert [e.text for e in repo.entries(meeting.id)] == ["sparad före"]  # rolled back in memory
    monkeypatch.setattr(persistence.os, "write", real_write)
    repo.add_entry(meeting, "info", "sparad efter")  # the same session goes on
    repo.close()
    with Repository(store_file) as again:
        assert [e.text for e in again.entries(meeting.id)] == ["sparad före", "sparad efter"]


def test_full_disk_during_compaction_leaves_old_snapshot(store_file: Path, monkeypatch) -> None:
    _init(store_file)
    repo = Repository(store_file)
    repo.add_entry(_forum_meeting(repo), "info", "en rad")
    before = store_file.read_bytes()
    monkeypatch.setattr(persistence.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(StoreError):
        repo.storage.compact()
    monkeypatch.undo()
    assert store_file.read_bytes() == before
    assert not list(store_file.parent.glob("*.tmp-*"))
    repo.close()
    with Repository(store_file) as again:
        assert [e.text for e in again.entries(1)] == ["en rad"]


def test_torn_last_journal_line_is_cut_and_the_rest_kept(store_file: Path) -> None:
    _init(store_file)
    with Repository(store_file) as repo:
        repo.storage.compact()
    repo = Repository(store_file)
    repo.add_entry(_forum_meeting(repo), "info", "hel rad")
    os.close(repo.storage._journal_fd)  # simulate a crash: no close, no compaction
    with open(journal_path(store_file), "ab") as journal:
        journal.write(b'{"seq": 99, "ch": [["entries", "9", {"meeting_id"')
    with Repository(store_file) as again:
        assert [e.text for e in again.entries(1)] == ["hel rad"]
    assert journal_path(store_file).read_bytes().endswith(b"\n") or not journal_path(store_file).read_bytes()


def _cli(*args: str, store: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli.main", *args, "--store", str(store)],
        capture_output=True, text=True,
    )


@pytest.mark.parametrize(
    "content, phrase",
    [
        (b'{"_meta": {"1": {"format": "samverkan", "schema": 1', "är skadad"),
        (b"\x00\x01garbage", "är skadad"),
        (b"[1, 2, 3]", "ingen samverkansdatabas"),
        (b'{"_default": {"1": {"a": 1}}}', "ingen samverkansdatabas"),
        (b'{"_meta": {"1": {"format": "samverkan", "schema": 99, "seq": 0}}}', "nyare version"),
    ],
    ids=["truncated", "garbage", "array", "plain-tinydb", "newer-schema"],
)
def test_bad_store_files_get_one_sentence_and_stay_untouched(tmp_path: Path, content: bytes, phrase: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    result = _cli("check", store=bad)
    assert result.returncode == 2
    assert phrase in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert bad.read_bytes() == content


def test_corrupt_store_names_the_newest_backup(store_file: Path) -> None:
    _init(store_file)
    with Repository(store_file) as repo:
        repo.add_entry(_forum_meeting(repo), "info", "rad")
        repo.storage.compact()
    store_file.write_bytes(store_file.read_bytes()[:40])
    result = _cli("check", store=store_file)
    assert result.returncode == 2
    backup = persistence.newest_backup(store_file)
    assert backup is not None and str(backup) in result.stderr


def test_missing_store_and_stray_temp_files(store_file: Path) -> None:
    result = _cli("meetings", store=store_file)
    assert result.returncode == 2 and "samverkan init" in result.stderr
    _init(store_file)
    stray = store_file.with_name(store_file.name + ".tmp-12345")
    stray.write_bytes(b"half a snapshot")
    Repository(store_file).close()
    assert not stray.exists()


def test_store_and_backups_are_private(store_file: Path) -> None:
    _init(store_file)
    with Repository(store_file) as repo:
        repo.add_entry(_forum_meeting(repo), "info", "rad")
        repo.storage.compact()
    for path in [store_file, journal_path(store_file), persistence.newest_backup(store_file)]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_snapshot_is_readable_json_with_schema(store_file: Path) -> None:
    _init(store_file)
    with Repository(store_file) as repo:
        repo.add_entry(_forum_meeting(repo), "decision", "Ett beslut")
        repo.storage.compact()
    data = json.loads(store_file.read_text(encoding="utf-8"))
    assert data["_meta"]["1"]["schema"] == persistence.SCHEMA_VERSION
    assert data["entries"]["1"]["text"] == "Ett beslut"
    assert store_file.read_text(encoding="utf-8").count("\n") > 3  # one document a line


def test_history_goes_to_yearly_archive_read_only_when_asked(store_file: Path, frozen) -> None:
    with Repository(store_file, create=True) as repo:
        forum = repo.save_forum(Forum(name="Måndagsmöte"))
        old = repo.ensure_meeting(forum, date(2019, 3, 4))
        old_entry = repo.add_entry(old, "decision", "Gammalt beslut")
        done = repo.add_action(old, "Gammal klar åtgärd", at=old.start)
        repo.change_action(done.id, old.id, status="done", at=old.start)
        still_open = repo.add_action(old, "Gammal öppen åtgärd", at=old.start)
        gone = repo.add_action(old, "Raderas", at=old.start)
        repo.change_action(gone.id, old.id, status="done", at=old.start)
        new = repo.ensure_meeting(forum, date(2026, 11, 23))
        repo.add_entry(new, "info", "Ny rad")
        repo.storage.compact(archive=True)
    assert (store_file.parent / "samverkan.json.archive" / "2019.json").exists()
    hot = json.loads(store_file.read_text(encoding="utf-8"))
    assert "Gammalt beslut" not in store_file.read_text(encoding="utf-8")
    assert set(hot["actions"]) == {str(still_open.id)}  # the open one stays at hand

    with Repository(store_file) as repo:
        assert not repo.history_loaded
        assert repo.overdue_count() == 0 and len(repo.entries(new.id)) == 1
        assert repo.meeting(old.id).day == date(2019, 3, 4)  # asking for history reads its year
        assert not repo.history_loaded  # only that year, not the whole archive
        assert [e.text for e in repo.entries(old.id)] == ["Gammalt beslut"]
        assert [a.text for a in repo.actions_of_meeting(old.id)] == [
            "Gammal klar åtgärd", "Gammal öppen åtgärd", "Raderas"]
        repo.delete_action(gone.id)
        fresh = repo.add_entry(new, "info", "Ännu en rad")
        assert fresh.id > old_entry.id
        repo.storage.compact()
    with Repository(store_file) as repo:
        repo.load_history()
        assert repo.action(gone.id) is None
        assert repo.action(done.id).status == "done"
        assert repo.entry(old_entry.id).text == "Gammalt beslut"


def test_deleting_history_without_reading_it_first_sticks(store_file: Path, frozen) -> None:
    with Repository(store_file, create=True) as repo:
        forum = repo.save_forum(Forum(name="Forum"))
        old = repo.ensure_meeting(forum, date(2018, 5, 7))
        entry = repo.add_entry(old, "info", "att ta bort")
        repo.storage.compact(archive=True)
    with Repository(store_file) as repo:
        repo.delete_entry(entry.id)  # the id lookup reads the archive first
    with Repository(store_file) as repo:
        repo.load_history()
        assert repo.entry(entry.id) is None


def test_old_action_closed_in_a_recent_meeting_stays_at_hand(store_file: Path, frozen) -> None:
    with Repository(store_file, create=True) as repo:
        forum = repo.save_forum(Forum(name="Måndagsmöte"))
        old = repo.ensure_meeting(forum, date(2019, 3, 4))
        action = repo.add_action(old, "Gammal åtgärd", at=old.start)
        recent = repo.ensure_meeting(forum, date(2026, 11, 16))
        repo.change_action(action.id, recent.id, status="done")
        repo.storage.compact(archive=True)
    with Repository(store_file) as repo:
        assert not repo.history_loaded
        assert [a.text for a in repo.actions_of_meeting(recent.id)] == ["Gammal åtgärd"]
