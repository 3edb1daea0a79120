"""The chain in the app: pauses in the forum form and on the home screen, the minutes
waiting for justering on the home screen. Real keys, then the store file is read."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Static

from store.model.forum import Pause
from store.repository import Repository
from tui.widgets.follow_up import FollowUpPanel
from tui.widgets.meeting_log import MeetingLog


async def test_home_lists_unapproved_minutes_and_opens_one(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        title = str(screen.query_one("#unapproved-title", Static).render())
        assert title == "Ej justerade protokoll, äldre än en vecka: 4 · j går hit"
        table = screen.query_one("#unapproved", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0] == ["måndag 9 november 2026", "Måndagsmöte Södertälje", "ingen utsedd"]
        assert [row[1] for row in rows] == ["Måndagsmöte Södertälje", "SSPF Ronnaskolan",
                                            "Chefssamråd Södertälje", "Måndagsmöte Södertälje"]
        await pilot.press("j", "down", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
        assert app.screen.meeting.day == date(2026, 11, 10)


async def test_home_says_until_when_a_forum_pauses(demo_repo, make_app) -> None:
    monday = demo_repo.forum_by_name("Måndagsmöte")
    monday.cadence.pauses = [Pause(name="jul", start="11-28", end="12-06")]
    demo_repo.save_forum(monday)
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        notice = str(app.screen.query_one("#pauses", Static).render())
        assert notice == ("Måndagsmöte Södertälje: uppehåll lördag 28 november–söndag 6 december (jul) – "
                          "nästa möte måndag 7 december")
        days = [m.day for m in app.screen.meetings if m.forum_id == monday.id]
        assert days == [date(2026, 11, 23)]  # 30 November is in the break


async def test_pauses_are_typed_in_the_forum_form(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        forums = app.screen
        row = next(i for i, f in enumerate(forums.forums) if f.name == "Måndagsmöte Södertälje")
        forums.query_one("#forums-table", DataTable).move_cursor(row=row)
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#f-pauses", Input)
        field.focus()
        field.value = "sommaruppehåll juli"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Uppehåll: sommaruppehåll 1 juli–31 juli varje år" in str(
            forums.query_one("#forum-detail", Static).render())
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#f-pauses", Input)
        field.value = "sommaruppehåll"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.focused is field  # the sentence is about this field; nothing typed is lost
        assert "kunde inte läsas" in str(app.screen.query_one("#form-error", Static).render())
    with Repository(demo_repo.path) as other:
        pauses = other.forum_by_name("Måndagsmöte").cadence.pauses
        assert pauses == [Pause(name="sommaruppehåll", start="07-01", end="07-31")]


async def test_the_raise_dialog_asks_for_a_new_text_when_the_line_is_confidential(demo_repo, make_app) -> None:
    from store.rules.escalation import receiving_forums
    from tui.modals.escalate import EscalateModal, EscalationRequest

    ronna = demo_repo.forum_by_name("SSPF Ronnaskolan")
    forums = receiving_forums(ronna, demo_repo.forums())
    answers: list[EscalationRequest | None] = []
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(EscalateModal(forums, "Elev X i 8B har hög frånvaro.", confidential=True), answers.append)
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#escalate-text", Input).value == ""  # the secret is not offered to edit
        await pilot.press("enter")
        await pilot.pause()
        assert "sekretessbelagd" in str(dialog.query_one("#dialog-error", Static).render())
        await pilot.press(*"Hög frånvaro i årskurs 8")
        await pilot.press("enter")
        await pilot.pause()
    assert answers == [EscalationRequest(forums[0].id, "Hög frånvaro i årskurs 8")]
    assert forums[0].name == "Måndagsmöte Södertälje"


# -- the meeting screen ---------------------------------------------------------------------------

SECRET = "Fritid har sett en grupp yngre elever vid gården sena kvällar."
ANONYMISED = "Yngre elever samlas vid fritidsgården sena kvällar."


def _on_row(panel, key: str) -> None:
    panel.move_cursor(row=next(i for i, row in enumerate(panel.rows_data) if panel.row_key(row) == key))


async def _open(pilot, app, meeting_id: int):
    from tui.screens.meeting import MeetingScreen

    app.open_meeting(app.repo.meeting(meeting_id))
    await pilot.pause()
    assert isinstance(app.screen, MeetingScreen) and app.screen.meeting_id == meeting_id
    return app.screen


async def test_justerare_approval_and_a_rattelse_in_the_meeting_screen(demo_repo, make_app) -> None:
    from tui.screens.meeting import MeetingScreen

    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("j", "down", "down", "down", "enter")  # the 16 November måndagsmöte
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.meeting.day == date(2026, 11, 16)
        meeting_id = screen.meeting_id
        await pilot.press("ctrl+y", *"Johan Berg", "enter")
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert app.screen.query_one("#prompt-input", Input).value == "Johan Berg"  # the justerare, offered
        await pilot.press("enter")
        await pilot.pause()
        meta = str(screen.query_one("#meeting-meta", Static).render())
        assert "Justerat 2026-11-23 av Johan Berg · rättelse: ctrl+b" in meta
        count = len(demo_repo.entries(meeting_id))
        await pilot.press(*"i Efterhandsrad", "enter")
        await pilot.pause()
        assert len(demo_repo.entries(meeting_id)) == count  # refused: the minutes are approved
        await pilot.press("ctrl+b", *"Anna Sjöberg", "enter")
        await pilot.pause()
        await pilot.press("enter")  # the line that was refused, tried again: now a rättelse
        await pilot.pause()
        assert "rättelser av Anna Sjöberg" in str(screen.query_one("#meeting-meta", Static).render())
        log = screen.query_one(MeetingLog)
        row = next(r for r in log.rows_data if r.text == "Efterhandsrad")
        assert row.link == "rättelse 2026-11-23 (Anna Sjöberg)"
    with Repository(demo_repo.path) as other:
        stored = other.meeting(meeting_id)
        assert (stored.justerare, stored.approved_by) == ("Johan Berg", "Johan Berg")
        assert [(a.kind, a.text, a.by) for a in stored.amendments] == [("entry_added", "Efterhandsrad", "Anna Sjöberg")]
        assert other.amender(meeting_id) is None  # leaving the screen ended the rättelser


async def test_raise_up_the_chain_and_the_decision_back_in_the_meeting_screen(demo_repo, make_app) -> None:
    from tui.modals.escalate import EscalateModal

    ronna = demo_repo.forum_by_name("SSPF Ronnaskolan")
    sspf = demo_repo.meeting_on(ronna.id, date(2026, 11, 10))
    secret = next(e for e in demo_repo.entries(sspf.id) if e.text == SECRET)
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        screen = await _open(pilot, app, sspf.id)
        await pilot.press("ctrl+l")
        _on_row(screen.query_one(MeetingLog), f"entry:{secret.id}")
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, EscalateModal)
        await pilot.press(*ANONYMISED, "enter")
        await pilot.pause()
        first = demo_repo.escalated_to(entry_id=secret.id)[0]
        row = next(r for r in screen.query_one(MeetingLog).rows_data if r.key == f"entry:{secret.id}")
        assert row.link == "Lyft till Måndagsmöte Södertälje 2026-11-30 – inväntar beslut"

        monday = await _open(pilot, app, first.target_meeting_id)
        await pilot.press("ctrl+l")
        _on_row(monday.query_one(MeetingLog), f"entry:{first.target_entry_id}")
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("tab", "enter")  # the chefssamråd is offered first; the text travels as it is
        await pilot.pause()
        second = demo_repo.escalated_to(entry_id=first.target_entry_id)[0]

        chefs = await _open(pilot, app, second.target_meeting_id)
        await pilot.press("ctrl+l")
        _on_row(chefs.query_one(MeetingLog), f"entry:{second.target_entry_id}")
        await pilot.press("s", *"Kommunen finansierar nattvandring.", "enter")
        await pilot.pause()

        after = await _open(pilot, app, demo_repo.ensure_meeting(ronna, date(2026, 12, 8)).id)
        raised = [r for r in after.query_one(FollowUpPanel).rows_data if r.raised]
        assert [(r.text, r.owner, r.raised) for r in raised] == [(
            f"{ANONYMISED} → beslut i Chefssamråd Södertälje: Kommunen finansierar nattvandring.",
            "Måndagsmöte Södertälje", "beslutat")]
    with Repository(demo_repo.path) as other:
        landed = other.entry(first.target_entry_id)
        assert landed.text == ANONYMISED and not landed.confidential
        decision = other.entry(other.escalation(second.id).decision_entry_id)
        assert decision.text == "Kommunen finansierar nattvandring." and decision.kind == "decision"
        assert SECRET not in str([e.text for e in other.entries(first.target_meeting_id)])
