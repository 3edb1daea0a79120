"""store.persistence.sections: a snapshot's tables read when used, a large one a document
or a chunk at a time, with exactly the contents a whole decode gives."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from store.persistence import sections, snapshot
from store.persistence.sections import LazyTable
from store.repository import Repository


def _snapshot(docs: dict[str, dict], other: dict[str, dict] | None = None) -> bytes:
    tables = {"actions": docs, "forums": other or {}, "people": {"1": {"name": "Anna"}}}
    return snapshot.dumps({"format": snapshot.FORMAT, "schema": snapshot.SCHEMA_VERSION, "seq": 3}, tables)


def _docs(n: int) -> dict[str, dict]:
    return {str(i): {"text": f"Åtgärd {i} – \"citat\" \\ och ö", "status": "open" if i % 3 else "done"}
            for i in range(1, n + 1)}


@pytest.fixture(params=["whole", "by document"])
def mode(request, monkeypatch) -> str:
    """Every test runs with the table decoded whole and with it read a document and a
    small chunk at a time (the size limits lowered, as for 100,000 actions)."""
    if request.param == "by document":
        monkeypatch.setattr(sections, "WHOLE", 64)
        monkeypatch.setattr(sections, "CHUNK", 200)
    return request.param


def test_split_finds_every_table_and_a_lazy_read_equals_a_whole_decode(mode) -> None:
    docs = _docs(120)
    raw = _snapshot(docs, {"4": {"name": "Forum"}})
    meta, tables = snapshot.loads(raw, lazy=True)
    assert meta["seq"] == 3 and all(isinstance(t, LazyTable) for t in tables.values())
    expected = json.loads(raw)
    del expected["_meta"]
    assert {name: dict(table.items()) for name, table in tables.items()} == expected
    actions = tables["actions"]
    assert actions["77"] == docs["77"] and "121" not in actions and "0" not in actions
    assert len(actions) == 120 and list(actions) == [str(i) for i in range(1, 121)]
    assert actions.max_key() == 120


def test_changes_win_over_the_section_and_write_back_byte_for_byte(mode) -> None:
    docs = _docs(60)
    _, tables = snapshot.loads(_snapshot(docs), lazy=True)
    actions = tables["actions"]
    actions["200"] = {"text": "ny", "status": "open"}  # added, beyond the section's last key
    actions["5"] = {"text": "ändrad", "status": "done"}  # replaced
    actions["30"]["status"] = "cancelled"  # changed in place, as TinyDB's updaters do
    del actions["12"]
    assert actions.pop("13")["text"].startswith("Åtgärd 13")
    assert actions.pop("999", None) is None
    with pytest.raises(KeyError):
        del actions["12"]
    docs.update({"200": {"text": "ny", "status": "open"}, "5": {"text": "ändrad", "status": "done"}})
    docs["30"] = {**docs["30"], "status": "cancelled"}
    del docs["12"], docs["13"]
    assert dict(actions.items()) == docs and len(actions) == len(docs)
    assert [int(k) for k in actions] == sorted(int(k) for k in docs)
    # Written again, the table is what a snapshot of those documents is: unchanged
    # lines copied as they were, changed ones encoded anew.
    again = snapshot.dumps({"format": snapshot.FORMAT, "schema": 2, "seq": 4}, tables)
    expected = snapshot.dumps({"format": snapshot.FORMAT, "schema": 2, "seq": 4},
                              {"actions": docs, "forums": {}, "people": {"1": {"name": "Anna"}}})
    assert again == expected


def test_a_document_from_a_scan_is_a_copy_but_one_asked_for_by_key_is_the_tables(mode) -> None:
    _, tables = snapshot.loads(_snapshot(_docs(50)), lazy=True)
    actions = tables["actions"]
    owned = actions["7"]
    owned["status"] = "cancelled"
    assert dict(actions.items())["7"]["status"] == "cancelled"  # a scan shows the table's own
    assert actions["7"] is owned


def test_a_file_laid_out_otherwise_is_decoded_whole_and_damage_is_one_error() -> None:
    # TinyDB's own JSONStorage writes everything on one line: no sections, a whole decode.
    plain = json.dumps({"_meta": {"1": {"format": "samverkan", "schema": 2, "seq": 1}},
                        "actions": {"1": {"text": "a"}}}).encode()
    meta, tables = snapshot.loads(plain, lazy=True)
    assert tables == {"actions": {"1": {"text": "a"}}} and not isinstance(tables["actions"], LazyTable)
    with pytest.raises(snapshot.SnapshotError):
        snapshot.loads(plain[:-5], lazy=True)


def test_a_damaged_document_is_found_when_it_is_read(mode) -> None:
    raw = _snapshot(_docs(40)).replace('"text":"Åtgärd 33 '.encode(), '"text":Åtgärd 33 '.encode())
    _, tables = snapshot.loads(raw, lazy=True)
    assert tables["actions"].max_key() == 40  # found and split without decoding a document
    with pytest.raises(sections.Damaged):
        dict(tables["actions"].items())


def test_a_damaged_table_in_a_store_is_one_sentence_naming_the_backup(store_file: Path, frozen) -> None:
    from store.model.forum import Forum
    from store.persistence.errors import StoreError

    with Repository(store_file, create=True) as repo:
        forum = repo.save_forum(Forum(name="Måndagsmöte"))
        meeting = repo.ensure_meeting(forum, date(2026, 11, 23))
        for i in range(5):
            repo.add_action(meeting, f"Åtgärd {i}")
        repo.storage.compact()
    raw = store_file.read_bytes()
    store_file.write_bytes(raw.replace('"text":"Åtgärd 3"'.encode(), '"text":Åtgärd 3"'.encode()))
    with Repository(store_file, read_only=True) as repo:  # opening reads no action
        assert repo.forum_by_name("Måndagsmöte")
        with pytest.raises(StoreError) as failure:
            repo.action_docs(history=False).get("3")
        assert "skadad" in str(failure.value) or "damaged" in str(failure.value)
