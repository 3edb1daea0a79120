"""Forums, the forum and person forms, the extra-meeting form and help, driven by keys.

Each test types what a user would type and asserts what the user sees on the
screen or what lands in the store file (reopened from disk).
"""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import DataTable, Input, Select, Static

from store.model.constants import HOLIDAY_NEXT_WORKING_DAY, MONTHLY_NTH_WEEKDAY, STANDING_ORG, TZ, WEEKLY
from store.repository import Repository

SIZE = (120, 40)


def screen_text(app) -> str:
    """The active screen as the terminal shows it, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    await pilot.pause()
    await pilot.press("end", "ctrl+u", *text)


async def choose(pilot, selector: str, search: str) -> None:
    """Open a list, type to jump to the option, take it with Enter."""
    pilot.app.screen.query_one(selector, Select).focus()
    await pilot.pause()
    await pilot.press("enter", *search, "enter")
    await pilot.pause()


async def open_forums(pilot) -> None:
    await pilot.press("f")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "ForumsScreen"


async def highlight_forum(pilot, name: str) -> None:
    screen = pilot.app.screen
    for _ in range(len(screen.forums)):
        if screen.current.name == name:
            return
        await pilot.press("down")
    assert screen.current.name == name


async def fill_bra_nykvarn(pilot, time: str = "13:00") -> None:
    """BRÅ Nykvarn: monthly, the second Tuesday, standing chair Nykvarns kommun."""
    await type_into(pilot, "#f-name", "BRÅ Nykvarn")
    await choose(pilot, "#f-kind", "Brott")
    await type_into(pilot, "#f-municipality", "Nykvarn")
    await type_into(pilot, "#f-location", "Nykvarns kommunhus")
    await choose(pilot, "#f-cadence", "Varje m")
    await choose(pilot, "#f-nth", "andra")
    await choose(pilot, "#f-weekday", "tisdag")
    await type_into(pilot, "#f-time", time)
    await type_into(pilot, "#f-duration", "90")
    await choose(pilot, "#f-chair", "organisation")
    await choose(pilot, "#f-chair_organisation", "Nykvarns")


async def test_new_forum_typed_into_the_form_lands_in_the_store(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_forums(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "Nytt forum" in screen_text(app)
        await fill_bra_nykvarn(pilot)
        # The rules show their next meetings before saving: 2nd Tuesday of December 2026.
        assert "tisdag 8 december" in str(app.screen.query_one("#f-preview", Static).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ForumsScreen"
        assert app.screen.current.name == "BRÅ Nykvarn"
        text = screen_text(app)
        assert "andra tisdagen varje månad 13:00" in text
        assert "tisdag 8 december" in text and "tisdag 12 januari 2027" in text

    with Repository(demo_repo.path) as reopened:
        forum = next(f for f in reopened.forums() if f.name == "BRÅ Nykvarn")
        nykvarn = next(o for o in reopened.organisations() if o.name == "Nykvarns kommun")
        assert forum.kind == "bra" and forum.municipality == "Nykvarn"
        assert forum.location == "Nykvarns kommunhus"
        assert (forum.cadence.kind, forum.cadence.nth, forum.cadence.weekday) == (MONTHLY_NTH_WEEKDAY, 2, 1)
        assert (forum.cadence.time, forum.cadence.duration_minutes) == ("13:00", 90)
        assert forum.chair_rule.kind == STANDING_ORG and forum.chair_rule.organisation_id == nykvarn.id
        assert forum.holiday_rule == HOLIDAY_NEXT_WORKING_DAY
        assert forum.confidential_default is False
        assert reopened.chair_for(forum, date(2026, 12, 8)) == "Nykvarns kommun"


async def test_invalid_time_shows_the_sentence_and_keeps_what_was_typed(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_forums(pilot)
        await pilot.press("n")
        await pilot.pause()
        await fill_bra_nykvarn(pilot, time="25:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        modal = app.screen
        assert type(modal).__name__ == "ForumFormModal"
        sentence = ("Tiden '25:00' finns inte – skriv klockslaget som TT:MM mellan 00:00 och 23:59, "
                    "till exempel 13:00.")
        assert str(modal.query_one("#form-error", Static).content) == sentence
        assert "Tiden '25:00' finns inte" in screen_text(app)
        assert modal.query_one("#f-name", Input).value == "BRÅ Nykvarn"
        assert modal.query_one("#f-municipality", Input).value == "Nykvarn"
        assert modal.query_one("#f-time", Input).value == "25:00"
        assert modal.query_one("#f-weekday", Select).value == "1"
        assert app.focused is modal.query_one("#f-time", Input)
        # Correct it where the cursor already is, and save.
        await pilot.press("ctrl+u", *"13:00", "ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ForumsScreen"

    with Repository(demo_repo.path) as reopened:
        assert [f.cadence.time for f in reopened.forums() if f.name == "BRÅ Nykvarn"] == ["13:00"]


async def test_editing_the_cadence_changes_the_listed_next_meetings(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_forums(pilot)
        await highlight_forum(pilot, "Måndagsmöte Södertälje")
        before = screen_text(app)
        assert "varje måndag 09:00" in before
        assert "måndag 30 november" in before and "tisdag 1 december" not in before
        await pilot.press("enter")  # Enter edits, like e
        await pilot.pause()
        assert "Ändra Måndagsmöte Södertälje" in screen_text(app)
        await choose(pilot, "#f-weekday", "tisdag")
        await type_into(pilot, "#f-time", "08:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        after = screen_text(app)
        assert "varje tisdag 08:30" in after
        assert "tisdag 24 november" in after and "tisdag 1 december" in after
        assert "måndag 30 november" not in after
        rows = app.screen.query_one("#upcoming-table", DataTable)
        assert [rows.get_row_at(i)[2] for i in range(rows.row_count)] == ["08:30"] * rows.row_count

    with Repository(demo_repo.path) as reopened:
        monday = next(f for f in reopened.forums() if f.name == "Måndagsmöte Södertälje")
        assert (monday.cadence.kind, monday.cadence.weekday, monday.cadence.time) == (WEEKLY, 1, "08:30")
        assert len(monday.member_ids) == 6  # untouched by the form


async def test_rotating_chair_turns_show_in_the_form_and_the_next_meetings(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_forums(pilot)
        await highlight_forum(pilot, "Chefssamråd Södertälje")
        assert "torsdag 11 februari 2027" in screen_text(app)
        assert "Erik Holmberg (stadsdirektör)" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        hint = str(app.screen.query_one("#f-roles-hint", Static).content)
        assert hint.startswith("Ordförande: 2026: Karin Lindqvist (lokalpolisområdeschef) · "
                               "2027: Erik Holmberg (stadsdirektör) · 2028: Sara Nyström (brandchef)")
        # The fire chief takes 2027: the turn order is what decides.
        await type_into(pilot, "#f-chair_roles", "lokalpolisområdeschef, brandchef, stadsdirektör")
        await type_into(pilot, "#f-chair_start_year", "2026")
        assert "2027: Sara Nyström (brandchef)" in str(app.screen.query_one("#f-roles-hint", Static).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        rows = app.screen.query_one("#upcoming-table", DataTable)
        assert rows.get_row_at(0)[0] == "torsdag 11 februari 2027"
        assert rows.get_row_at(0)[3] == "Sara Nyström (brandchef)"

    with Repository(demo_repo.path) as reopened:
        forum = next(f for f in reopened.forums() if f.name == "Chefssamråd Södertälje")
        assert forum.chair_rule.roles == ["lokalpolisområdeschef", "brandchef", "stadsdirektör"]
        assert forum.chair_rule.start_year == 2026


async def test_holiday_rule_shows_in_the_next_meetings(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_forums(pilot)
        await highlight_forum(pilot, "Operativ grupp Nykvarn")
        # First Wednesday of January 2027 is Trettondedag jul: moved to Thursday.
        assert "flyttat från onsdag 6 januari (Trettondedag jul)" in screen_text(app)
        opened = []
        app.open_meeting = opened.append
        app.screen.query_one("#upcoming-table", DataTable).focus()
        await pilot.press("down", "o")  # o opens the highlighted next meeting
        assert opened[0].day == date(2027, 1, 7) and opened[0].start.hour == 9
        app.screen.query_one("#forums-table", DataTable).focus()
        await pilot.press("e")
        await pilot.pause()
        await choose(pilot, "#f-holiday", "hoppa")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "inställt – Trettondedag jul" in text
        assert "torsdag 7 januari" not in text


async def test_members_and_a_new_person(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_forums(pilot)
        await highlight_forum(pilot, "Operativ grupp Nykvarn")
        await pilot.press("m")
        await pilot.pause()
        assert "Medlemmar i Operativ grupp Nykvarn" in screen_text(app)
        await pilot.press(*"strängnäs", "enter", "space")  # filter, then choose the first
        await pilot.pause()
        assert "2 valda" in screen_text(app)
        await pilot.press("slash", "ctrl+n")  # back to the filter; a new person, chosen at once
        await pilot.pause()
        await type_into(pilot, "#p-name", "Sofia Grön")
        await type_into(pilot, "#p-organisation", "Polisen Nykvarn")
        assert "Ny organisation: Polisen Nykvarn (polisen)" in screen_text(app)
        await type_into(pilot, "#p-role", "kommunpolis")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Sofia Grön · kommunpolis · Polisen Nykvarn" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Medlemmar (3): Eva Rosén, Daniel Ström, Sofia Grön" in screen_text(app)

    with Repository(demo_repo.path) as reopened:
        forum = next(f for f in reopened.forums() if f.name == "Operativ grupp Nykvarn")
        sofia = next(p for p in reopened.people() if p.name == "Sofia Grön")
        org = reopened.organisation(sofia.organisation_id)
        assert (org.name, org.kind, org.municipality) == ("Polisen Nykvarn", "police", "Nykvarn")
        assert sofia.role == "kommunpolis"
        daniel = next(p for p in reopened.people() if p.name == "Daniel Ström")
        assert forum.member_ids[1:] == [daniel.id, sofia.id] and len(forum.member_ids) == 3


async def test_adhoc_meeting_from_home_lands_in_the_store(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    opened = []
    async with app.run_test(size=SIZE) as pilot:
        app.open_meeting = opened.append  # what home does with the new meeting is not under test
        await pilot.press("n")
        await pilot.pause()
        assert "Ett extra möte utanför serien" in screen_text(app)
        await choose(pilot, "#adhoc-forum", "Centrala")
        modal = app.screen
        assert modal.query_one("#adhoc-time", Input).value == "13:00"  # the forum's own time
        await type_into(pilot, "#adhoc-date", "fredagg")
        await type_into(pilot, "#adhoc-time", "15:30")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is modal
        assert str(modal.query_one("#adhoc-error", Static).content) == (
            "'fredagg' är inget datum – skriv till exempel 2026-12-03, idag, fredag eller 3/12.")
        assert modal.query_one("#adhoc-time", Input).value == "15:30"
        assert app.focused is modal.query_one("#adhoc-date", Input)
        await pilot.press("end", "backspace")  # the field comes back selected; keep it, drop one g
        await pilot.pause()
        assert "fredag 27 november 2026 · v. 48" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"

    assert len(opened) == 1 and opened[0].id
    with Repository(demo_repo.path) as reopened:
        meeting = reopened.meeting(opened[0].id)
        forum = reopened.forum(meeting.forum_id)
        assert forum.name == "Centrala brottsförebyggande rådet Strängnäs"
        assert meeting.start == datetime(2026, 11, 27, 15, 30, tzinfo=TZ)
        assert meeting.location == "Strängnäs kommunhus"
        assert [a.name for a in meeting.attendance] == ["Helena Wik", "Daniel Ström"]
        assert [item.title for item in meeting.agenda] == forum.standing_agenda


async def test_adhoc_meeting_today_and_cancel(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    opened = []
    async with app.run_test(size=SIZE) as pilot:
        app.open_meeting = opened.append
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen" and opened == []
        await pilot.press("n")
        await pilot.pause()
        await choose(pilot, "#adhoc-forum", "Operativ")
        await type_into(pilot, "#adhoc-date", "idag")
        await pilot.press("enter")
        await pilot.pause()
    assert opened[0].start == datetime(2026, 11, 23, 9, 30, tzinfo=TZ)


async def test_help_lists_the_keys_of_the_screen_below(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        text = screen_text(app)
        for words in ("Öppna möte", "Öppna det markerade mötet för att logga", "Nytt möte", "Forum",
                      "Åtgärder", "Avsluta", "Hjälp", "f1, ?", "Snabbinmatning i ett möte", "#löfte", "!!"):
            assert words in text, words
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await open_forums(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Nytt forum" in text and "Medlemmar" in text
        assert "Öppna det markerade mötet för att logga" not in text  # home's key, not this screen's
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ForumsScreen"


async def test_sspf_forum_is_confidential_unless_switched_off(demo_repo, make_app) -> None:
    from textual.widgets import Switch

    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_forums(pilot)
        await pilot.press("n")
        await pilot.pause()
        switch = app.screen.query_one("#f-confidential", Switch)
        assert switch.value is False
        await choose(pilot, "#f-kind", "SSPF")
        assert switch.value is True
        assert "på – nya anteckningar är sekretess" in screen_text(app)
        await choose(pilot, "#f-kind", "Annat")
        assert switch.value is False  # followed the kind: the user never touched it
        await choose(pilot, "#f-kind", "SSPF")
        switch.focus()
        await pilot.press("space")  # the user turns it off on purpose …
        await choose(pilot, "#f-kind", "Operativ")
        await choose(pilot, "#f-kind", "SSPF")
        assert switch.value is False  # … and it stays off
        await type_into(pilot, "#f-name", "SSPF Geneta")
        await type_into(pilot, "#f-municipality", "Södertälje")
        await choose(pilot, "#f-chair_organisation", "Ronnaskolan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ForumsScreen"

    with Repository(demo_repo.path) as reopened:
        forum = next(f for f in reopened.forums() if f.name == "SSPF Geneta")
        assert forum.kind == "sspf" and forum.confidential_default is False
