"""The chain in the app: pauses in the forum form and on the home screen, the minutes
waiting for justering on the home screen. Real keys, then the store file is read."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Static

from store.model.forum import Pause
from store.repository import Repository


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
