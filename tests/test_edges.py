"""The store's edges (issue 12): what init leaves, symlinks, reading on a full disk,
damaged journal lines, restoring a backup, forged listings, exit codes and file modes.

Every test here failed on the code before the fix; the report of that change says how.
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from store.model.forum import Forum
from store.persistence import fileio, frames, layout, listing, listing_source
from store.persistence.backups import backups, newest_backup
from store.repository import Repository
from tui.cli.main import main

CTX = multiprocessing.get_context("fork")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def folder_state(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every file and folder under ``folder``: mode and bytes."""
    state = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        state[str(path.relative_to(folder))] = (st.st_mode, None if path.is_dir() else path.read_bytes())
    return state


def _forum_meeting(repo: Repository):
    forum = repo.forum_by_name("Måndagsmöte") if repo.forums() else repo.save_forum(Forum(name="Måndagsmöte"))
    return repo.ensure_meeting(forum, date(2026, 11, 23))


def _commit_and_die(path: str, count: int) -> None:
    """Child: commit ``count`` entries and die without closing (no compaction)."""
    repo = Repository(path)
    meeting = _forum_meeting(repo)
    for i in range(count):
        repo.add_entry(meeting, "info", f"rad {i}")
    os._exit(0)


def _in_child_that_dies(work, *args) -> None:
    """Run ``work(*args)`` in a child process killed before it closes the store: what it
    committed stays in the journal, not folded into the snapshot."""
    def body() -> None:
        work(*args)
        os._exit(0)

    child = CTX.Process(target=body)
    child.start()
    child.join()
    assert child.exitcode == 0


def store_due_for_compaction(path: Path, count: int = 60) -> None:
    """A store whose journal is past the compaction threshold: its writer was killed."""
    with Repository(path, create=True) as repo:
        _forum_meeting(repo)
    child = CTX.Process(target=_commit_and_die, args=(str(path), count))
    child.start()
    child.join()
    assert child.exitcode == 0
    assert layout.journal_path(path).stat().st_size > 0.25 * path.stat().st_size


def journal_lines(path: Path) -> list[bytes]:
    return layout.journal_path(path).read_bytes().splitlines(keepends=True)


# -- 1. init removes only what it created -----------------------------------------


@pytest.mark.parametrize("failure", ["ctrl-c", "full-disk"])
def test_a_failed_init_removes_only_what_it_created(tmp_path: Path, capsys, monkeypatch, failure: str) -> None:
    store = tmp_path / "s.json"
    mine = {tmp_path / "s.json.bak": b"min egen kopia", tmp_path / "s.json-notes.txt": b"anteckningar"}
    for path, data in mine.items():
        path.write_bytes(data)
    from store.demo import build

    real_build = build._build

    def interrupted(repo, *args):
        real_build(repo, *args)  # everything is made, then the user presses Ctrl-C
        raise KeyboardInterrupt

    def full(repo, *args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build, "_build", interrupted if failure == "ctrl-c" else full)
    code, out, err = run(capsys, "init", "--demo", "--store", str(store))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == mine


def test_a_failed_init_in_a_new_folder_leaves_no_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    from store.demo import build

    monkeypatch.setattr(build, "_build", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt))
    code, _, err = run(capsys, "init", "--demo", "--store", str(tmp_path / "ny" / "mapp" / "s.json"))
    assert code == 2 and "skapades inte" in err
    assert list(tmp_path.iterdir()) == []


# -- 2. a symlinked store is one store --------------------------------------------


def test_a_symlinked_store_keeps_its_files_beside_the_real_one(tmp_path: Path, capsys) -> None:
    real = tmp_path / "real" / "s.json"
    link = tmp_path / "link" / "s.json"
    assert run(capsys, "init", "--store", str(real))[0] == 0
    link.parent.mkdir()
    link.symlink_to(real)
    ids = []
    for i, store in enumerate([link, real, link, real]):
        code, out, err = run(capsys, "log", "--store", str(store), "--forum", "1", "--date", "2026-11-23",
                             "--adhoc", f"i rad {i}") if i else (None, None, None)
        if i == 0:
            with Repository(link) as repo:  # the first forum, made through the link
                repo.save_forum(Forum(name="Måndagsmöte"))
            continue
        assert code == 0, err
        ids.append(int(out))
    with Repository(link) as repo:
        assert repo.storage.compact()  # replaces the real file, not the link
    assert link.is_symlink() and os.path.realpath(link) == str(real)
    assert sorted(p.name for p in link.parent.iterdir()) == ["s.json"]
    for store in (link, real):
        with Repository(store, read_only=True) as repo:
            assert sorted(int(k) for k in repo.storage.tables["entries"]) == ids


# -- 4. reading never writes, and works on a full disk ----------------------------

READERS = [
    ("check",),
    ("check", "--format", "json"),
    ("show", "1"),
    ("meetings", "--from", "2026-11-23"),
    ("promises",),
    ("actions", "--open"),
    ("actions", "--status", "done"),
    ("export", "actions", "--all"),
    ("export", "minutes", "1"),
]


def test_reading_writes_nothing_not_even_a_torn_tail_cut(tmp_path: Path, capsys) -> None:
    store = tmp_path / "s.json"
    store_due_for_compaction(store)
    with open(layout.journal_path(store), "ab") as journal:
        journal.write(b"0000ffff 00000000 {\"seq\": 99")  # a writer killed mid-line
    (tmp_path / ".s.json.tmp-deadbeef").write_bytes(b"a crash's leftover")
    listing.listing_path(store).unlink()
    before = folder_state(tmp_path)
    for args in READERS:
        code, out, err = run(capsys, *args, "--store", str(store))
        assert code == 0, (args, err)
        assert out.strip()
        assert folder_state(tmp_path) == before, args


def test_reading_works_on_a_full_disk(tmp_path: Path, capsys, monkeypatch) -> None:
    store = tmp_path / "s.json"
    store_due_for_compaction(store)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    real_open = os.open

    def open_without_creating(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and not os.path.exists(path):
            full()
        return real_open(path, flags, *args, **kwargs)

    for name in ("write", "ftruncate", "replace", "rename", "link", "mkdir", "fsync"):
        monkeypatch.setattr(os, name, full)
    monkeypatch.setattr(os, "open", open_without_creating)
    for args in READERS:
        code, out, err = run(capsys, *args, "--store", str(store))
        assert code == 0, (args, err)
    code, _, err = run(capsys, "log", "--store", str(store), "--forum", "Måndagsmöte", "--date", "2026-11-23", "i ny")
    assert code == 2 and "disken är full" in err


def test_the_app_opens_read_only_on_a_full_disk_and_says_so(tmp_path: Path, monkeypatch) -> None:
    store = tmp_path / "s.json"
    store_due_for_compaction(store)
    before = folder_state(tmp_path)
    monkeypatch.setattr(fileio, "free_bytes", lambda folder: 4096)
    repo = Repository.for_app(store)
    try:
        assert repo.read_only_reason == "store.read_only.disk_full"
        meeting = repo.meeting(1)
        with pytest.raises(Exception) as refused:
            repo.add_entry(meeting, "info", "sparas inte")
        assert str(refused.value).startswith("Skrivskyddad: disken är full")
        assert [e.text for e in repo.entries(1)][:2] == ["rad 0", "rad 1"]  # everything can be read
    finally:
        repo.close()
    assert folder_state(tmp_path) == before


async def test_the_app_shows_it_is_read_only(tmp_path: Path, monkeypatch, frozen) -> None:
    from tui.app import create_app

    store = tmp_path / "s.json"
    store_due_for_compaction(store)
    monkeypatch.setattr(fileio, "free_bytes", lambda folder: 0)
    app = create_app(store)
    said = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.sub_title.endswith("skrivskyddad: disken är full")
        assert any(m.startswith("Skrivskyddad: disken är full") for m in said)


# -- 5. every journal line carries its length and checksum ------------------------


def _changed_field(line: bytes) -> bytes:
    return line.replace(b"rad 3", b"rad 9", 1)


@pytest.mark.parametrize("where", ["last", "middle"])
@pytest.mark.parametrize("damage", ["field-changed", "not-json"])
def test_a_damaged_complete_line_is_refused_and_nothing_is_touched(tmp_path: Path, capsys, where, damage) -> None:
    store = tmp_path / "s.json"
    store_due_for_compaction(store, count=4)
    lines = journal_lines(store)
    index = len(lines) - 1 if where == "last" else 1
    if damage == "field-changed":
        lines[index] = lines[index].replace(b"rad ", b"RAD ", 1)
    else:
        lines[index] = lines[index].replace(b'"ch"', b'"cx', 1)
    layout.journal_path(store).write_bytes(b"".join(lines))
    before = folder_state(tmp_path)
    for args in (("check",), ("log", "--forum", "Måndagsmöte", "--date", "2026-11-23", "i ny rad")):
        code, out, err = run(capsys, *args, "--store", str(store))
        assert code == 2, (args, out, err)
        assert f"skadad på rad {index + 1}" in err and len(err.strip().splitlines()) == 1
        assert folder_state(tmp_path) == before


def test_a_torn_tail_is_cut_only_when_writing(tmp_path: Path, capsys) -> None:
    store = tmp_path / "s.json"
    store_due_for_compaction(store, count=3)
    whole = layout.journal_path(store).read_bytes()
    torn = frames.encode(b'{"seq": 5, "ch": [["entries", "9", {"text": "halv"}]]}')[:30]
    layout.journal_path(store).write_bytes(whole + torn)
    code, _, _ = run(capsys, "check", "--store", str(store))
    assert code == 0 and layout.journal_path(store).read_bytes() == whole + torn
    code, out, err = run(capsys, "log", "--store", str(store), "--forum", "Måndagsmöte", "--date", "2026-11-23",
                         "i efter")
    assert code == 0, err
    with Repository(store, read_only=True) as repo:
        assert [e.text for e in repo.entries(1)] == ["rad 0", "rad 1", "rad 2", "i efter"[2:]]


def test_every_journal_line_carries_length_and_checksum(tmp_path: Path) -> None:
    store = tmp_path / "s.json"
    store_due_for_compaction(store, count=3)
    for line in journal_lines(store):
        length, checksum, payload = line[:8], line[9:17], line[18:-1]
        assert int(length, 16) == len(payload) and int(checksum, 16) == __import__("zlib").crc32(payload)
        assert json.loads(payload)["ch"]


def test_a_store_of_schema_1_opens_and_is_migrated(tmp_path: Path) -> None:
    """An old store: plain journal lines, no listing stamp; it opens as it is, and the
    first opening for writing writes it anew in the current schema."""
    store = tmp_path / "s.json"
    store.write_bytes(
        b'{"_meta": {"1": {"format": "samverkan", "schema": 1, "seq": 1}},\n"forums": {\n  "1": {"name": "Forum"}\n}\n}\n')
    layout.journal_path(store).write_bytes(
        b'{"seq": 2, "at": "2026-11-23T10:00:00+01:00", "ch": [["organisations", "1", {"name": "Polisen"}]]}\n'
        b'{"seq": 3, "at": "2026-11-23T10:00:01+01:00", "ch": [["organisations", "2", {"name": "Kommunen"}]]}\n'
        b'{"seq": 4, "ch": [["organisations"')  # torn
    for lock in (".lock", ".session"):  # made by the version that made the store
        layout.side(store, lock).touch()
    before = folder_state(tmp_path)
    with Repository(store, read_only=True) as repo:
        assert sorted(o.name for o in repo.organisations()) == ["Kommunen", "Polisen"]
    assert folder_state(tmp_path) == before
    with Repository(store) as repo:  # alone: migrated at once
        assert repo.storage.meta["schema"] == 2 and repo.storage.framed
    with Repository(store) as repo:
        repo.save_forum(Forum(name="Nytt forum"))
        line = layout.journal_path(store).read_bytes()
    assert line[8:9] == b" " and int(line[:8], 16) == len(line) - 19


# -- 6. a backup restores a consistent store --------------------------------------


def test_restore_brings_back_every_entry_from_the_newest_backup(tmp_path: Path, capsys, frozen) -> None:
    store = tmp_path / "s.json"
    with Repository(store, create=True) as repo:
        forum = repo.save_forum(Forum(name="Måndagsmöte"))
        old = repo.ensure_meeting(forum, date(2019, 3, 4))
        for i in range(5):
            repo.add_entry(old, "info", f"gammal {i}")
        repo.storage.compact(archive=True)
        meeting = repo.ensure_meeting(forum, date(2026, 11, 16))
        for i in range(6):
            repo.add_entry(meeting, "info", f"rad {i}")

    def later(path: Path) -> None:
        with Repository(path) as repo:
            pass  # the close folds the six lines in; a backup keeps the state before
        repo = Repository(path)
        newest = repo.ensure_meeting(repo.forum(1), date(2026, 11, 30))
        for i in range(4):
            repo.add_entry(newest, "decision", f"ny {i}")

    _in_child_that_dies(later, store)
    assert len(journal_lines(store)) == 5
    newest = 3
    store.write_bytes(store.read_bytes()[:200])  # the snapshot is damaged
    code, _, err = run(capsys, "check", "--store", str(store))
    backup = newest_backup(store)
    assert code == 2 and f"samverkan restore {backup}" in err
    code, out, err = run(capsys, "restore", str(backup), "--store", str(store))
    assert code == 0, err
    assert "Återställde" in out
    code, out, err = run(capsys, "check", "--format", "json", "--store", str(store))
    assert code == 0, err
    assert json.loads(out)["counts"]["entries"] == 15 and json.loads(out)["broken"] == []
    with Repository(store, read_only=True) as repo:
        assert [e.text for e in repo.entries(newest)] == [f"ny {i}" for i in range(4)]
        repo.load_history()
        assert [e.text for e in repo.entries(old.id)] == [f"gammal {i}" for i in range(5)]


def test_a_backup_copied_over_the_store_is_refused_not_mixed_with_the_journal(tmp_path: Path, capsys, frozen) -> None:
    """What the old advice did: copy the backup over the store, keeping the journal of a
    later snapshot. The journal no longer continues the snapshot: refused, not replayed."""
    store = tmp_path / "s.json"
    with Repository(store, create=True) as repo:
        forum = repo.save_forum(Forum(name="Måndagsmöte"))
        first = repo.ensure_meeting(forum, date(2026, 11, 16))
        repo.add_entry(first, "info", "före")
        repo.storage.compact()
        second = repo.ensure_meeting(forum, date(2026, 11, 23))
        repo.add_entry(second, "info", "mellan")
        repo.storage.compact()

    def later(path: Path) -> None:
        Repository(path).add_entry(Repository(path, read_only=True).meeting(2), "info", "efter")

    _in_child_that_dies(later, store)
    oldest = backups(store)[0]
    store.write_bytes(oldest.read_bytes())
    code, _, err = run(capsys, "check", "--store", str(store))
    assert code == 2 and "skadad" in err


def test_restore_of_an_older_backup_gives_the_state_it_saved(tmp_path: Path, capsys, frozen) -> None:
    store = tmp_path / "s.json"
    with Repository(store, create=True) as repo:
        forum = repo.save_forum(Forum(name="Måndagsmöte"))
        meeting = repo.ensure_meeting(forum, date(2026, 11, 16))
        repo.add_entry(meeting, "info", "ett")
        repo.storage.compact()
        repo.add_entry(meeting, "info", "två")
        repo.storage.compact()
        repo.add_entry(meeting, "info", "tre")
        repo.storage.compact()
    code, out, err = run(capsys, "restore", str(backups(store)[-2].parent), "--store", str(store))
    assert code == 0, err
    with Repository(store, read_only=True) as repo:
        assert [e.text for e in repo.entries(meeting.id)] == ["ett", "två"]
    replaced = next(store.parent.glob("s.json.replaced-*"))
    with Repository(replaced / "s.json", read_only=True) as repo:  # what it replaced is kept
        assert [e.text for e in repo.entries(meeting.id)] == ["ett", "två", "tre"]
    assert run(capsys, "check", "--store", str(store))[0] == 0


def test_check_finds_references_to_missing_records(tmp_path: Path, capsys, frozen) -> None:
    store = tmp_path / "s.json"
    with Repository(store, create=True) as repo:
        meeting = repo.ensure_meeting(repo.save_forum(Forum(name="Måndagsmöte")), date(2026, 11, 23))
        repo.add_entry(meeting, "info", "rad")
        repo.add_action(meeting, "Åtgärd")
    data = store.read_text(encoding="utf-8")
    assert '"meeting_id":1' in data
    store.write_text(data.replace('"meeting_id":1', '"meeting_id":7'), encoding="utf-8")
    before = folder_state(tmp_path)
    code, out, err = run(capsys, "check", "--format", "json", "--store", str(store))
    assert code == 2 and "2 trasiga hänvisningar" in err and "entries 1 meeting_id → meetings 7" in err
    assert json.loads(out)["broken"] == [
        {"table": "entries", "id": 1, "field": "meeting_id", "target": "meetings", "target_id": 7},
        {"table": "actions", "id": 1, "field": "history.meeting_id", "target": "meetings", "target_id": 7}]
    assert folder_state(tmp_path) == before


# -- 7. a forged listing is not trusted -------------------------------------------


def test_a_forged_listing_with_its_header_kept_is_not_used(demo_store: Path, capsys) -> None:
    expected = run(capsys, "actions", "--open", "--format", "json", "--store", str(demo_store))
    path = listing.listing_path(demo_store)
    header, body, facts = path.read_bytes().split(b"\n")[:3]
    forged = json.loads(body)
    columns = forged["actions"]
    columns["text"][0] = "Påhittad åtgärd"  # a changed text
    columns["public"] = [True] * len(columns["public"])  # confidential ones shown
    for name in columns:  # a real one hidden
        columns[name] = columns[name][:-1]
    path.write_bytes(header + b"\n" + json.dumps(forged).encode() + b"\n" + facts + b"\n")
    assert listing_source.open_listing(demo_store) is None
    assert run(capsys, "actions", "--open", "--format", "json", "--store", str(demo_store)) == expected


# -- 9. every user error exits 2 --------------------------------------------------


@pytest.mark.parametrize(
    "args, phrase",
    [
        (["log", "--forum", "Måndagsmöte", "i hej \udce5"], "inte text i UTF-8"),
        (["log", "--forum", "M\udce5ndagsm\udcf6te", "i hej"], "inte text i UTF-8"),
        (["log", "--forum", "Måndagsmöte", "--date", "9999-12-31", "i x"], "'9999-12-31' ligger utanför"),
        (["log", "--forum", "Måndagsmöte", "--date", "0001-01-01", "i x"], "'0001-01-01' ligger utanför"),
        (["log", "--forum", "Måndagsmöte", "å Något !9999-12-31"], "'9999-12-31' ligger utanför"),
        (["meetings", "--from", "9999-12-31"], "ligger utanför"),
        (["meetings", "--to", "0001-01-01"], "ligger utanför"),
        (["show", "Måndagsmöte@9999-12-31"], "ligger utanför"),
        (["export", "ics", "Måndagsmöte", "--from", "9999-12-20"], "ligger utanför"),
        (["promises", "--period", "9999-12-31"], "ingen period"),
    ],
)
def test_user_errors_exit_2_with_one_sentence(demo_store: Path, capsys, args, phrase) -> None:
    before = folder_state(demo_store.parent)
    code, out, err = run(capsys, *args, "--store", str(demo_store))
    assert code == 2, err
    assert phrase in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert folder_state(demo_store.parent) == before


def test_a_permission_error_exits_2(demo_store: Path, capsys, monkeypatch) -> None:
    real_read = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path == demo_store:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    code, _, err = run(capsys, "show", "1", "--store", str(demo_store))
    assert code == 2 and "(saknar behörighet)" in err and "Permission denied" not in err and len(err.strip().splitlines()) == 1
    monkeypatch.setattr(Path, "read_bytes", real_read)
    settings = Path(os.environ["XDG_CONFIG_HOME"])
    settings.mkdir(parents=True)

    def readonly(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(settings))

    monkeypatch.setattr(fileio, "atomic_write", readonly)
    code, _, err = run(capsys, "config", "--set-lang", "en")
    assert code == 2 and "(saknar behörighet)" in err and "Permission denied" not in err and len(err.strip().splitlines()) == 1


def test_a_well_framed_line_of_the_wrong_shape_exits_2(tmp_path: Path, capsys) -> None:
    store = tmp_path / "s.json"
    store_due_for_compaction(store, count=2)
    seq = len(journal_lines(store)) + 1
    for shape in ([["entries"]], 5, [["entries", "x1", {}]], [["_meta", "1", {}]]):
        with open(layout.journal_path(store), "ab") as journal:
            journal.write(frames.encode(json.dumps({"seq": seq, "ch": shape}).encode()))
        code, _, err = run(capsys, "check", "--store", str(store))
        assert code == 2 and "skadad på rad" in err, (shape, err)
        layout.journal_path(store).write_bytes(b"".join(journal_lines(store)[:-1]))


# -- 10. modes, whatever the umask ------------------------------------------------


@pytest.fixture
def umask_000():
    old = os.umask(0)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_store_folder_settings_and_confidential_exports_are_private(tmp_path: Path, capsys, umask_000) -> None:
    store = tmp_path / "ny" / "s.json"
    assert run(capsys, "init", "--demo", "--store", str(store))[0] == 0
    assert mode(store.parent) == 0o700 and mode(store) == 0o600
    assert {mode(p) for p in store.parent.iterdir() if p.is_file()} == {0o600}
    assert run(capsys, "config", "--set-lang", "sv")[0] == 0
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "samverkan" / "settings.json"
    assert mode(settings) == 0o600 and mode(settings.parent) == 0o700
    public = tmp_path / "lista.md"
    assert run(capsys, "export", "actions", "-o", str(public), "--store", str(store))[0] == 0
    assert mode(public) == 0o666  # no confidential text: the umask decides, as for any file
    secret = tmp_path / "sekretess.md"
    secret.write_text("gammal\n")
    secret.chmod(0o644)
    code, _, err = run(capsys, "export", "actions", "--include-confidential", "-o", str(secret), "--store", str(store))
    assert code == 0, err
    assert mode(secret) == 0o600 and "[Sekretess]" in secret.read_text(encoding="utf-8")
