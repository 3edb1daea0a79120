"""Who wrote what: every entry, action (its first history line) and action change records
who made it — the account's name when served, on the command line the name given with
``--by`` (escalate, amend) or the computer's user name — read back from the store file.
Older documents without the field load as written by nobody named. The meeting's log,
the action's history and (asked for) the minutes show it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from store.access.actor import CHAIR, SECRETARY, Actor
from store.exports.registry import AUTHORS, EXPORTS, ExportRequest
from store.model.action import Action, ActionEvent
from store.model.meeting import Entry
from store.persistence.frames import HEADER
from store.repository import Repository
from store.session.meeting_session import MeetingSession
from tests.conftest import FROZEN
from tui.cli.main import main

TODAY = FROZEN.date()


def journal_docs(path: Path) -> list[dict]:
    """Every document the journal's commits carry, as stored."""
    lines = path.with_name(path.name + ".journal").read_text(encoding="utf-8").splitlines()
    # Each line: "<length> <checksum> {"seq":…,"ch":[[table, id, document or null], …]}".
    return [change[2] for line in lines for change in json.loads(line[HEADER:])["ch"] if change[2]]


def test_a_served_session_records_the_account(demo_repo: Repository) -> None:
    mon = demo_repo.forum_by_name("Måndagsmöte")
    meeting = demo_repo.ensure_meeting(mon, TODAY)
    demo_repo.actor = Actor("Anna Berg", SECRETARY, frozenset({mon.id}))
    session = MeetingSession(demo_repo, meeting.id, lambda: TODAY)
    entry, _ = session.log("i Skolan rapporterar lugn vecka")
    action, _ = session.log("å Ring fastighetsägaren @kommunen !fredag")
    demo_repo.actor = Actor("Bo Ordförande", CHAIR, frozenset({mon.id}))
    MeetingSession(demo_repo, meeting.id, lambda: TODAY).change_action(action.record.id, status="in_progress")
    with Repository(demo_repo.path) as stored:
        assert stored.entry(entry.record.id).by == "Anna Berg"
        history = stored.action(action.record.id).history
        assert [(e.status, e.by) for e in history] == [("open", "Anna Berg"), ("in_progress", "Bo Ordförande")]
    raw = json.dumps(journal_docs(demo_repo.path), ensure_ascii=False)
    assert '"by": "Anna Berg"' in raw and '"by": "Bo Ordförande"' in raw


def test_a_corrected_line_is_the_correctors_and_the_same_words_keep_their_writer(demo_repo: Repository) -> None:
    mon = demo_repo.forum_by_name("Måndagsmöte")
    meeting = demo_repo.ensure_meeting(mon, TODAY)
    demo_repo.actor = Actor("Anna Berg", SECRETARY, frozenset({mon.id}))
    entry = demo_repo.add_entry(meeting, "info", "Första lydelsen")
    demo_repo.actor = Actor("Bo Ordförande", CHAIR, frozenset({mon.id}))
    demo_repo.save_entry(demo_repo.entry(entry.id))  # moved, not reworded: still Anna's
    assert demo_repo.entry(entry.id).by == "Anna Berg"
    changed = demo_repo.entry(entry.id)
    changed.text = "Andra lydelsen"
    demo_repo.save_entry(changed)
    assert demo_repo.entry(entry.id).by == "Bo Ordförande"


def test_the_command_line_records_the_computers_user_or_by(demo_store: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LOGNAME", "operatoren")
    store = ["--store", str(demo_store)]
    assert main(["log", *store, "--forum", "Måndagsmöte", "--date", "2026-11-23", "i Från terminalen"]) == 0
    entry_id = int(capsys.readouterr().out.strip())
    assert main(["escalate", str(entry_id), "--to", "Chefssamråd", "--by", "Lena Ek", *store,
                 "--format", "json"]) == 0
    landed = json.loads(capsys.readouterr().out)["to"]["entry"]
    assert main(["show", "Måndagsmöte@2026-11-23", *store, "--format", "json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert next(e for e in view["entries"] if e["id"] == entry_id)["by"] == "operatoren"
    with Repository(demo_store) as stored:
        assert stored.entry(entry_id).by == "operatoren"
        assert stored.entry(landed).by == "Lena Ek"
        assert stored.escalated_to(entry_id=entry_id)[0].by == "Lena Ek"


def test_older_documents_load_with_no_writer() -> None:
    entry = Entry.from_doc({"meeting_id": 1, "kind": "info", "text": "Gammal rad"}, 3)
    event = ActionEvent.from_doc({"at": "2024-03-04T10:00:00+01:00", "status": "open"})
    action = Action.from_doc({"text": "Gammal åtgärd", "history": [{"at": "2024-03-04T10:00:00+01:00"}]}, 4)
    assert (entry.by, event.by, action.history[0].by) == ("", "", "")
    # The new fields come last in the documents, after every older one.
    assert list(Entry(1, "info", "x").to_doc())[-1] == "by"
    assert list(event.to_doc())[-1] == "by"


def test_the_minutes_say_who_wrote_each_line_when_asked(demo_repo: Repository) -> None:
    mon = demo_repo.forum_by_name("Måndagsmöte")
    meeting = demo_repo.ensure_meeting(mon, TODAY)
    demo_repo.actor = Actor("Anna Berg", SECRETARY, frozenset({mon.id}))
    demo_repo.add_entry(meeting, "decision", "Beslut om trygghetsvandring")
    demo_repo.add_action(meeting, "Boka lokal för vandringen", due=date(2026, 12, 4))

    def minutes(authors: bool) -> str:
        request = ExportRequest(meeting=demo_repo.meeting(meeting.id), today=TODAY,
                                options=frozenset({AUTHORS}) if authors else frozenset())
        return EXPORTS["minutes"].document(demo_repo, request).decode()

    plain, named = minutes(False), minutes(True)
    assert "Anna Berg" not in plain
    decision = next(line for line in named.splitlines() if "Beslut om trygghetsvandring" in line)
    action = next(line for line in named.splitlines() if "Boka lokal för vandringen" in line)
    assert decision.endswith("– _av Anna Berg_") and "_av Anna Berg_" in action


def test_export_minutes_authors_on_the_command_line(demo_store: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LOGNAME", "operatoren")
    store = ["--store", str(demo_store)]
    assert main(["log", *store, "--forum", "Måndagsmöte", "--date", "2026-11-23", "b Ett beslut i terminalen"]) == 0
    capsys.readouterr()
    assert main(["export", "minutes", "Måndagsmöte@2026-11-23", "--authors", *store]) == 0
    assert "Ett beslut i terminalen – _av operatoren_" in capsys.readouterr().out


# -- what the screens show ---------------------------------------------------------------


async def test_the_log_names_the_writer_of_anothers_line(demo_repo: Repository, make_app) -> None:
    from tui.screens.meeting import MeetingScreen
    from tui.widgets.meeting_log import MeetingLog

    mon = demo_repo.forum_by_name("Måndagsmöte")
    meeting = demo_repo.ensure_meeting(mon, TODAY)
    demo_repo.actor = Actor("Anna Berg", SECRETARY, frozenset({mon.id}))
    demo_repo.add_entry(meeting, "info", "Annas rad")
    demo_repo.actor = Actor("Bo Ordförande", CHAIR, frozenset({mon.id}))
    demo_repo.add_entry(meeting, "info", "Bos rad")
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_meeting(demo_repo.meeting(meeting.id))
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        log = app.screen.query_one(MeetingLog)
        rows = {row.text: row for row in log.rows_data}
        assert rows["Annas rad"].by == "Anna Berg" and rows["Bos rad"].by == ""  # Bo is looking
        painted = [log.render_line(y).text for y in range(log.size.height)]
        assert any("Annas rad" in line and "av Anna Berg" in line for line in painted)


async def test_the_action_history_names_who_changed_it(demo_repo: Repository, make_app) -> None:
    from tests.test_tui_review import open_actions, static_text
    from tui.widgets.action_table import ActionTable

    mon = demo_repo.forum_by_name("Måndagsmöte")
    meeting = demo_repo.ensure_meeting(mon, TODAY)
    demo_repo.actor = Actor("Anna Berg", SECRETARY, frozenset({mon.id}))
    action = demo_repo.add_action(meeting, "Åtgärd med historia", due=date(2026, 11, 24))
    demo_repo.actor = Actor("Bo Ordförande", CHAIR, frozenset())
    demo_repo.change_action(action.id, note="Påmint per telefon")
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_actions(pilot)
        table = screen.query_one(ActionTable)
        table.move_cursor(table.line_of(action.id))
        await pilot.pause()
        detail = static_text(screen, "#actions-detail-body")
        assert "av Anna Berg" in detail and "av Bo Ordförande" in detail
