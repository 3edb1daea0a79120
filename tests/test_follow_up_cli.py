"""``samverkan action ID``: the meeting screen's follow-up keys on the command line,
through the same store method, checked in the store file afterwards."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from store.model.constants import DONE, IN_PROGRESS, STRUCK
from store.repository import Repository
from tui.cli.main import main

JSON_KEYS = {"id", "text", "confidential", "status", "due", "changed", "event"}
EVENT_KEYS = {"at", "status", "due", "note", "meeting", "by"}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def open_action(store: Path, capsys) -> dict:
    code, out, _ = run(capsys, "actions", "--status", "open", "--format", "json", "--store", str(store))
    assert code == 0
    return json.loads(out)[0]


def saved(store: Path) -> tuple[bytes, bytes]:
    """The store as it is on disk: the snapshot and the journal of commits since."""
    journal = store.with_name(store.name + ".journal")
    return store.read_bytes(), journal.read_bytes() if journal.exists() else b""


def history(store: Path, action_id: int) -> list:
    with Repository(store) as repo:
        return repo.action(action_id).history


@pytest.fixture
def calls(monkeypatch) -> list[dict]:
    """What reaches Repository.change_action, the method of the meeting screen's keys."""
    seen: list[dict] = []
    original = Repository.change_action

    def spy(self, action_id, meeting_id=None, **changes):
        seen.append({"id": action_id, "meeting_id": meeting_id, **changes})
        return original(self, action_id, meeting_id, **changes)

    monkeypatch.setattr(Repository, "change_action", spy)
    return seen


def test_done_in_a_meeting_is_one_history_line(demo_store: Path, capsys, calls) -> None:
    action = open_action(demo_store, capsys)
    before = history(demo_store, action["id"])
    code, out, err = run(capsys, "action", str(action["id"]), "--done", "--note", "Klart enligt Anna",
                         "--meeting", "Måndagsmöte Södertälje@2026-11-23", "--store", str(demo_store))
    assert code == 0 and err == ""
    assert out == f"Åtgärd {action['id']} ({action['text']}): klar, {due_words(action)}.\n"
    with Repository(demo_store) as repo:
        stored = repo.action(action["id"])
        meeting = repo.resolve_meeting("Måndagsmöte Södertälje@2026-11-23")
    assert stored.status == DONE
    assert len(stored.history) == len(before) + 1
    line = stored.history[-1]
    assert (line.status, line.due, line.note, line.meeting_id) == (DONE, None, "Klart enligt Anna", meeting.id)
    assert line.at.date() == date(2026, 11, 23)
    assert calls == [{"id": action["id"], "meeting_id": meeting.id, "status": DONE, "due": None,
                      "note": "Klart enligt Anna"}]


def due_words(action: dict) -> str:
    day = date.fromisoformat(action["due"])
    return f"klart senast {day.isoformat()} (v. {day.isocalendar().week})"


def test_new_due_date_in_swedish_words_and_json(demo_store: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LOGNAME", "operatoren")  # who changed it: the computer's user
    action = open_action(demo_store, capsys)
    code, out, _ = run(capsys, "action", str(action["id"]), "--due", "v. 50", "--format", "json",
                       "--store", str(demo_store))
    assert code == 0
    data = json.loads(out)
    assert set(data) == JSON_KEYS and set(data["event"]) == EVENT_KEYS
    assert (data["due"], data["changed"], data["status"]) == ("2026-12-11", True, "open")
    assert data["event"] == {"at": "2026-11-23T10:00:00+01:00", "status": None, "due": "2026-12-11",
                             "note": "", "meeting": None, "by": "operatoren"}
    line = history(demo_store, action["id"])[-1]
    assert (line.status, line.due, line.meeting_id) == (None, date(2026, 12, 11), None)


def test_start_then_start_again_changes_nothing_the_second_time(demo_store: Path, capsys) -> None:
    action = open_action(demo_store, capsys)
    assert run(capsys, "action", str(action["id"]), "--start", "--store", str(demo_store))[0] == 0
    lines = len(history(demo_store, action["id"]))
    code, out, _ = run(capsys, "action", str(action["id"]), "--start", "--format", "json", "--store", str(demo_store))
    assert code == 0 and json.loads(out)["changed"] is False and json.loads(out)["event"] is None
    assert len(history(demo_store, action["id"])) == lines
    assert history(demo_store, action["id"])[-1].status == IN_PROGRESS


def test_cancel_needs_a_reason(demo_store: Path, capsys) -> None:
    action = open_action(demo_store, capsys)
    before = saved(demo_store)
    code, out, err = run(capsys, "action", str(action["id"]), "--cancel", "--store", str(demo_store))
    assert code == 2 and out == ""
    assert err == f'Skriv varför åtgärd {action["id"]} stryks med --note, till exempel --note "ersatt av åtgärd 150".\n'
    assert saved(demo_store) == before
    code, _, _ = run(capsys, "action", str(action["id"]), "--cancel", "--note", "Ersatt av åtgärd 150",
                     "--store", str(demo_store))
    line = history(demo_store, action["id"])[-1]
    assert code == 0 and (line.status, line.note) == (STRUCK, "Ersatt av åtgärd 150")


@pytest.mark.parametrize(("args", "start"), [
    (["9999", "--done"], "Det finns ingen åtgärd 9999."),
    (["1"], "Säg vad som ska ändras"),
    (["1", "--done", "--cancel"], "Felaktiga argument till samverkan action"),
    (["1", "--due", "30/2"], "30/2"),
    (["1", "--done", "--meeting", "Styrelsen@2026-11-23"], "Det finns inget forum som heter 'Styrelsen'"),
    (["ett", "--done"], "Felaktiga argument till samverkan action"),
])
def test_errors_are_one_sentence_and_exit_2(demo_store: Path, capsys, args: list[str], start: str) -> None:
    before = saved(demo_store)
    code, out, err = run(capsys, "action", *args, "--store", str(demo_store))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert start in err, err
    assert saved(demo_store) == before
