"""Home: what the secretary sees first on Monday morning."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from store.review.promises import promise_rows
from tests.conftest import FROZEN


async def test_home_lists_this_week_and_next_with_today_first(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        banner = str(screen.query_one("#today", Static).render())
        assert "måndag 23 november 2026" in banner and "v. 48" in banner and "v. 49" in banner
        table = screen.query_one("#meetings", DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "idag" and first[2] == "Måndagsmöte Södertälje" and first[3] == "v. 48"
        days = [m.day for m in screen.meetings]
        assert days[0] == FROZEN.date() and days[1:] == sorted(days[1:])
        at_risk = sum(1 for r in promise_rows(demo_repo, FROZEN.date()) if r.state == "at_risk")
        counts = str(screen.query_one("#counts", Static).render())
        assert f"Försenade åtgärder: {demo_repo.overdue_count(FROZEN.date())}" in counts
        assert f"Löften i riskzonen: {at_risk}" in counts


async def test_enter_opens_todays_meeting_and_stores_it(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
    stored = demo_repo.meeting_on(demo_repo.forum_by_name("Måndagsmöte").id, FROZEN.date())
    assert stored is not None and stored.id


async def test_palette_finds_screen_commands_in_swedish(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for expected in ("Öppna möte", "Nytt möte", "Forum", "Åtgärder", "Löften", "Sök", "Hjälp", "Avsluta"):
            assert expected in titles
        assert "Quit" not in titles and "Focus Next" not in titles
