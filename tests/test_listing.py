"""The open-work listing beside the store (``samverkan.json.listing``).

``samverkan actions`` for active actions reads it instead of opening the store. What
a user sees must be exactly what the whole store says, whatever happened since the
listing was written: commits in the journal, a torn last line, a listing left from
another snapshot, a damaged or missing file.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from store.persistence import listing, listing_source
from store.repository import Repository
from store.session.live import commit_quick_entry
from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[1]

# Queries the listing answers (active actions, no name to look up), in every format.
ACTIVE_QUERIES = [
    ("--open",),
    ("--overdue",),
    ("--status", "in_progress", "--sort", "owner", "--desc"),
    ("--open", "--format", "json"),
    ("--open", "--group-by", "promise", "--format", "md"),
    ("--open", "--group-by", "owner", "--sort", "meeting"),
    ("--open", "--include-confidential", "--sort", "text"),
    ("--open", "--text", "trygghetsvandring"),
]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    return code, *capsys.readouterr()


@contextmanager
def store_not_opened():
    """Opening the store fails inside this block: the listing alone must answer."""

    def refuse(*args, **kwargs):
        raise AssertionError("the store was opened")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Repository, "__init__", refuse)
        yield


def whole_store(capsys, store: Path, *args: str) -> tuple[int, str, str]:
    """The same command with the listing out of the way: the store is opened whole
    (for reading, which writes nothing, so the listing is put back afterwards)."""
    path = listing.listing_path(store)
    kept = path.read_bytes() if path.exists() else None
    path.unlink(missing_ok=True)
    try:
        return run(capsys, "actions", *args, "--store", str(store))
    finally:
        if kept is not None:
            path.write_bytes(kept)


def test_snapshot_comes_with_a_listing_readable_by_the_owner_only(demo_store: Path) -> None:
    path = listing.listing_path(demo_store)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # confidential actions are in it
    header, body = path.read_bytes().split(b"\n", 1)
    with Repository(demo_store) as repo:
        active = {int(k) for k, d in repo.action_docs().items() if d["status"] in ("open", "in_progress")}
        seq = repo.storage.seq
    assert json.loads(header)["seq"] == seq
    # The snapshot vouches for the listing written with it.
    meta = json.loads(demo_store.read_bytes().split(b"\n", 1)[0].rstrip(b",") + b"}")["_meta"]["1"]
    assert meta["listing"] == listing.stamp(body)
    listed, facts = body.split(b"\n")[:2]
    assert set(json.loads(listed)["actions"]["id"]) == active
    # The facts line the app counts from: the same active actions, and the closed ones
    # that serve a promise, with the promise and status.
    facts = json.loads(facts)
    assert set(facts["active"]["id"]) == active
    with Repository(demo_store) as repo:
        closed_linked = {k: [d["promise_id"], d["status"]] for k, d in repo.action_docs().items()
                         if d["status"] not in ("open", "in_progress") and d.get("promise_id") is not None}
    assert facts["linked"] == closed_linked and closed_linked


@pytest.mark.parametrize("query", ACTIVE_QUERIES, ids=" ".join)
def test_listing_says_what_the_whole_store_says(demo_store: Path, capsys, query) -> None:
    expected = whole_store(capsys, demo_store, *query)
    assert expected[0] == 0 and expected[1].strip()
    with store_not_opened():
        assert run(capsys, "actions", *query, "--store", str(demo_store)) == expected


def test_listing_follows_commits_made_since_its_snapshot(demo_store: Path, capsys, frozen) -> None:
    # The app holds the store open, so nothing is folded into a new snapshot meanwhile.
    repo = Repository(demo_store)
    try:
        forum = repo.forum_by_name("Måndagsmöte Södertälje")
        meeting = repo.ensure_meeting(forum, frozen.date())
        commit_quick_entry(repo, meeting, "å Laga gatlyktan vid Ronna torg @Polisen !fredag", today=frozen.date())
        done = next(k for k, d in repo.action_docs().items() if d["status"] == "open" and not d["confidential"])
        done_text = repo.action_docs()[done]["text"]
        repo.change_action(int(done), meeting.id, status="done")
        journal = demo_store.with_name("samverkan.json.journal").read_bytes()
        assert journal.count(b"\n") >= 2

        with store_not_opened():
            code, out, _ = run(capsys, "actions", "--open", "--store", str(demo_store))
    finally:
        repo.close()
    assert code == 0
    assert "Laga gatlyktan vid Ronna torg" in out
    assert done_text[:40] not in out
    assert whole_store(capsys, demo_store, "--open")[1] == out


def test_a_torn_last_journal_line_is_left_out_as_opening_the_store_does(demo_store: Path, capsys) -> None:
    torn = b'{"seq": 999999, "ch": [["actions", "99999", {"text": "Halvskriven rad", "status": "open"'
    with open(demo_store.with_name("samverkan.json.journal"), "ab") as journal:
        journal.write(torn)
    code, out, _ = run(capsys, "actions", "--open", "--store", str(demo_store))
    assert code == 0 and "Halvskriven rad" not in out
    assert whole_store(capsys, demo_store, "--open")[1] == out


def test_a_listing_from_another_snapshot_is_not_used(demo_store: Path, capsys, frozen) -> None:
    path = listing.listing_path(demo_store)
    old = path.read_bytes()
    with Repository(demo_store) as repo:
        forum = repo.forum_by_name("Måndagsmöte Södertälje")
        meeting = repo.ensure_meeting(forum, frozen.date())
        commit_quick_entry(repo, meeting, "å Ny skylt vid Geneta skola @Polisen", today=frozen.date())
        assert repo.storage.compact()
    # A crash between the new snapshot and its listing leaves the old listing behind.
    path.write_bytes(old)
    code, out, _ = run(capsys, "actions", "--open", "--store", str(demo_store))
    assert code == 0 and "Ny skylt vid Geneta skola" in out
    assert path.read_bytes() == old  # reading never writes
    Repository(demo_store).close()  # opening for writing makes it again, as the snapshot vouches
    meta = json.loads(demo_store.read_bytes().split(b"\n", 1)[0].rstrip(b",") + b"}")["_meta"]["1"]
    assert listing.is_current(demo_store, meta["listing"]) and listing_source.open_listing(demo_store) is not None


@pytest.mark.parametrize("damage", [b"", b"\x00" * 64, b'{"format": "samverkan-listing", "version": 1}\n{"act'])
def test_a_damaged_listing_is_not_used_and_is_written_again(demo_store: Path, capsys, damage: bytes) -> None:
    expected = whole_store(capsys, demo_store, "--open")
    listing.listing_path(demo_store).write_bytes(damage)
    assert run(capsys, "actions", "--open", "--store", str(demo_store)) == expected
    assert listing.listing_path(demo_store).read_bytes() == damage  # reading never writes
    Repository(demo_store).close()
    assert listing_source.open_listing(demo_store) is not None  # opening for writing wrote it anew


# Queries the listing answers with its closed actions (and history's, from the yearly
# summaries) and its names of forums and promises.
CLOSED_QUERIES = [
    ("--status", "done"),
    (),
    ("--forum", "Måndagsmöte", "--sort", "status"),
    ("--forum", "Ronnaskolan", "--include-confidential", "--format", "json"),
    ("--promise", "L40", "--format", "md"),
    ("--text", "trygghetsvandring", "--group-by", "forum"),
    ("--status", "cancelled", "--status", "done", "--sort", "text", "--desc"),
]


@pytest.mark.parametrize("query", CLOSED_QUERIES, ids=" ".join)
def test_listing_says_what_the_whole_store_says_of_closed_actions(demo_store: Path, capsys, query) -> None:
    expected = whole_store(capsys, demo_store, *query)
    assert expected[0] == 0 and expected[1].strip()
    with store_not_opened():
        assert run(capsys, "actions", *query, "--store", str(demo_store)) == expected


def test_an_unknown_forum_is_one_sentence_from_the_listing_too(demo_store: Path, capsys) -> None:
    expected = whole_store(capsys, demo_store, "--forum", "Finns inte")
    assert expected[0] == 2 and "Finns inte" in expected[2]
    with store_not_opened():
        assert run(capsys, "actions", "--forum", "Finns inte", "--store", str(demo_store)) == expected


def test_owner_and_organisation_queries_open_the_store(demo_store: Path, capsys) -> None:
    # Owners and organisations are found by kind words and first names: the store's rules.
    for query in (("--open", "--owner", "Anna"), ("--org", "polisen")):
        with store_not_opened():
            code, _, err = run(capsys, "actions", *query, "--store", str(demo_store))
        assert code == 3 and "the store was opened" in err


def _store_with_history(path: Path) -> None:
    from datetime import date

    from store.model.forum import Forum

    with Repository(path, create=True) as repo:
        forum = repo.save_forum(Forum(name="Måndagsmöte"))
        for year in (2019, 2020, 2021):
            old = repo.ensure_meeting(forum, date(year, 3, 4))
            for i in range(3):
                action = repo.add_action(old, f"Gammal åtgärd {year} nr {i}", at=old.start)
                repo.change_action(action.id, old.id, status="done" if i else "cancelled",
                                   note="" if i else "Ersatt av en annan vandring", at=old.start)
            repo.add_action(old, f"Fortfarande öppen från {year}", at=old.start)
        new = repo.ensure_meeting(forum, date(2026, 11, 23))
        done = repo.add_action(new, "Ny klar åtgärd")
        repo.change_action(done.id, new.id, status="done")
        repo.add_action(new, "Ny öppen åtgärd")
        repo.storage.compact(archive=True)
    assert any(p.name.endswith(".summary.json") for p in (path.parent / "s.json.archive").iterdir())


def test_closed_actions_of_history_come_from_the_yearly_summaries(tmp_path: Path, capsys, frozen) -> None:
    store = tmp_path / "s.json"
    _store_with_history(store)
    with Repository(store) as repo:  # a change of history after the archive was written
        old = next(int(k) for k, d in repo.action_docs().items() if d["text"] == "Gammal åtgärd 2020 nr 1")
        repo.change_action(old, None, status="open", note="öppnad igen")
    for query in (("--status", "done"), (), ("--text", "gammal"), ("--forum", "Måndagsmöte", "--format", "json")):
        expected = whole_store(capsys, store, *query)
        assert expected[0] == 0
        with store_not_opened():
            assert run(capsys, "actions", *query, "--store", str(store)) == expected, query
    out = run(capsys, "actions", "--status", "done", "--format", "json", "--store", str(store))[1]
    assert {a["text"] for a in json.loads(out)} == {
        "Ny klar åtgärd", *(f"Gammal åtgärd {y} nr {i}" for y in (2019, 2020, 2021) for i in (1, 2))
    } - {"Gammal åtgärd 2020 nr 1"}  # reopened: the open store's word wins over history's


def test_a_damaged_summary_makes_the_query_open_the_store(tmp_path: Path, capsys, frozen) -> None:
    store = tmp_path / "s.json"
    _store_with_history(store)
    expected = whole_store(capsys, store, "--status", "done")
    summary = next(p for p in (tmp_path / "s.json.archive").iterdir() if p.name.endswith(".summary.json"))
    summary.write_bytes(summary.read_bytes().replace(b"Gammal", b"Gammel"))
    with store_not_opened():
        code, _, err = run(capsys, "actions", "--status", "done", "--store", str(store))
    assert code == 3 and "the store was opened" in err
    assert run(capsys, "actions", "--status", "done", "--store", str(store)) == expected


@pytest.mark.skipif(bool(os.environ.get("SAMVERKAN_TEST_SURFACE")),
                    reason="a simulated surface imports portalocker into every Python it starts")
@pytest.mark.parametrize("query", [("--open",), ("--status", "done"), ("--forum", "Måndagsmöte", "--text", "möte")],
                         ids=" ".join)
def test_listing_a_query_loads_no_heavy_module(demo_store: Path, query) -> None:
    """What makes `samverkan actions` start fast: neither TinyDB, pendulum, Textual,
    orjson, the models' dataclasses nor typing is imported."""
    probe = (
        "import sys; from tui.cli.main import main; code = main(sys.argv[1:]); "
        "heavy = ('tinydb', 'pendulum', 'textual', 'orjson', 'dataclasses', 'typing', 'store.model.base'); "
        "print(code, sorted(m for m in heavy if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "actions", *query, "--store", str(demo_store)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    assert result.stderr.strip() == "0 []"
    assert result.stdout.count("\n") > 3


def test_console_script_keeps_exit_codes_and_sentences(demo_store: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-c", "from tui.cli.main import run; run()"]
    listed = subprocess.run([*command, "actions", "--open", "--store", str(demo_store)],
                            capture_output=True, text=True, cwd=ROOT)
    assert listed.returncode == 0 and listed.stderr == "" and listed.stdout.count("\n") > 3
    missing = subprocess.run([*command, "actions", "--open", "--store", str(tmp_path / "nej.json")],
                             capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.count("\n") == 1 and "samverkan init" in missing.stderr


def test_a_listing_claiming_another_commit_number_is_not_used(demo_store: Path) -> None:
    # The same body, another commit in its header: the snapshot's own first line decides.
    path = listing.listing_path(demo_store)
    header, body = path.read_bytes().split(b"\n", 1)
    seq = json.loads(header)["seq"]
    assert listing_source.open_listing(demo_store) is not None
    forged = json.dumps({"format": listing.FORMAT, "version": listing.VERSION, "seq": seq + 1})
    path.write_bytes(forged.encode() + b"\n" + body)
    assert listing_source.open_listing(demo_store) is None
