"""Live logging at machine speed: every key reaches the widget it was typed into, in
order, however fast and however batched; pasted lines; letters typed into a panel;
Tab across a dialog's fields. Asserts what is in the store file afterwards.

"Machine speed" is the burst a text expander, a paste without bracketed paste or a
remote terminal delivers: here every key event is posted to the App in one go, with
no pause in between (``post_keys``), as the terminal driver does with one read."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input

from store.model.constants import ABSENT, NOT_RECORDED, PRESENT
from store.repository import Repository
from store.text.i18n import t
from tests.test_tui_meeting import SIZE, entry_value, notifications, open_monday
from tui.modals.guest import GuestModal
from tui.modals.paste import PasteModal
from tui.widgets.attendance import AttendancePanel
from tui.widgets.meeting_log import MeetingLog

NAMED = {"\t": "tab", "\n": "enter"}


def key_event(key: str) -> events.Key:
    """The event a terminal gives for ``key``: a character, or a key name ("enter", "ctrl+t")."""
    if len(key) > 1:
        return events.Key(key, "\r" if key == "enter" else "\t" if key == "tab" else None)
    if key in NAMED:
        return key_event(NAMED[key])
    name = key if key.isalnum() else unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    return events.Key({"commercial_at": "at", "solidus": "slash"}.get(name, name), key)


def post_keys(app, keys: list[str]) -> None:
    """All at once: nothing runs between two keys (no await)."""
    for key in keys:
        app.post_message(key_event(key))


def typed(*lines: str) -> list[str]:
    keys: list[str] = []
    for line in lines:
        keys += [*line, "enter"]
    return keys


async def settle(pilot, screen=None) -> None:
    """Until every key has been handed on and every queued line handled."""
    for _ in range(400):
        await pilot.pause()
        busy = pilot.app.keys_waiting or (screen is not None and screen.session.queue
                                          and screen.session.blocked is None)
        if not busy:
            await pilot.pause()
            return
    raise AssertionError("keys or lines still waiting")


def stored_lines(repo: Repository, meeting_id: int) -> list[str]:
    """Entries of the meeting in the store file, in the order they were stored."""
    with Repository(repo.path) as fresh:
        return [e.text for e in fresh.entries(meeting_id)]


# ---------------------------------------------------------------- type-ahead

async def test_twenty_lines_in_one_burst_are_stored_once_each_in_order(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    lines = [f"Rad nummer {n} om trafiken" for n in range(1, 21)]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monday(pilot, app)
        post_keys(app, typed(*(f"i {line}" for line in lines)))
        await settle(pilot, screen)
        assert entry_value(screen) == "" and screen.session.queue == []
        meeting_id = screen.meeting_id
    assert stored_lines(demo_repo, meeting_id) == lines


async def test_pilot_press_of_many_keys_at_once(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    lines = [f"R{n}" for n in range(1, 23)]  # Pilot waits between its keys: short lines
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monday(pilot, app)
        await pilot.press(*typed(*(f"i {line}" for line in lines)))
        await settle(pilot, screen)
        meeting_id = screen.meeting_id
    assert stored_lines(demo_repo, meeting_id) == lines


async def test_sixty_lines_at_80_by_24(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    lines = [f"Rad {n} med å ä ö, siffror 1/2 och (parentes)" for n in range(1, 61)]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_monday(pilot, app)
        post_keys(app, typed(*(f"i {line}" for line in lines)))
        await settle(pilot, screen)
        meeting_id = screen.meeting_id
    assert stored_lines(demo_repo, meeting_id) == lines


async def test_a_line_that_cannot_be_stored_keeps_itself_and_the_lines_after_it(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_monday(pilot, app)
        post_keys(app, typed("i Ett", "å Två !30/2", "i Tre", "i Fyra"))
        await settle(pilot, screen)
        log = screen.query_one(MeetingLog)
        assert [(r.text, r.state) for r in log.rows_data if r.state] == [
            ("å Två !30/2", "failed"), ("i Tre", "pending"), ("i Fyra", "pending")]
        assert t("quickentry.date_impossible", text="30/2") in notifications(app)
        assert stored_lines(demo_repo, screen.meeting_id) == ["Ett"]
        # ↑ brings the line back; corrected, it is stored in its place and the rest follow.
        post_keys(app, ["up", "backspace", "backspace", "backspace", "backspace", *"1/12", "enter"])
        await settle(pilot, screen)
        assert screen.session.queue == [] and entry_value(screen) == ""
        meeting_id = screen.meeting_id
    assert stored_lines(demo_repo, meeting_id) == ["Ett", "Tre", "Fyra"]
    with Repository(demo_repo.path) as fresh:
        (action,) = [a for a in fresh.actions_of_meeting(meeting_id) if a.origin_meeting_id == meeting_id]
        assert (action.text, action.due) == ("Två", date(2026, 12, 1))
        assert action.created <= fresh.entries(meeting_id)[1].created


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöABCÅÄÖ0123456789 ,.-", min_size=1, max_size=30)
                   .filter(lambda s: s.strip()), min_size=1, max_size=12),
    chunks=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=30),
)
def test_any_lines_typed_at_any_speed_are_stored_once_each_in_order(tmp_path_factory, frozen, lines, chunks):
    """Keys arrive in bursts of any size, with the app running between bursts or not."""
    import asyncio

    from store.demo.build import build_demo
    from tui.app import create_app

    path = tmp_path_factory.mktemp("prop") / "samverkan.json"
    repo = Repository(path, create=True)
    build_demo(repo, today=frozen.date())
    keys = typed(*(f"i {line}" for line in lines))

    async def run() -> int:
        app = create_app(repo=repo, today=frozen.date())
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_monday(pilot, app)
            rest, sizes = list(keys), iter(chunks * (len(keys) // len(chunks) + 1))
            while rest:
                size = next(sizes)
                post_keys(app, rest[:size])
                rest = rest[size:]
                if size % 3:  # sometimes the app gets to work between two bursts, sometimes not
                    await pilot.pause()
            await settle(pilot, screen)
            return screen.meeting_id

    meeting_id = asyncio.run(run())
    repo.close()
    assert stored_lines(repo, meeting_id) == [" ".join(line.split()) for line in lines]


# ------------------------------------------------------------------------ paste

async def test_five_pasted_lines_become_five_entries_after_one_key(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    pasted = "i Första raden\nb Andra raden är ett beslut\n\n  i Tredje raden\ni Fjärde raden\nFemte raden\n"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monday(pilot, app)
        screen.quick_entry.input.post_message(events.Paste(pasted))
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, PasteModal)
        assert modal.form_title() == t("meeting.paste.title", count=5)
        shown = [str(w.render()) for w in modal.query(".paste-line")]
        assert len(shown) == 5 and shown[1].startswith("2. b Andra raden är ett beslut\n   → Beslut")
        await pilot.press("enter")  # the one key
        await settle(pilot, screen)
        meeting_id = screen.meeting_id
    with Repository(demo_repo.path) as fresh:
        assert [(e.kind, e.text) for e in fresh.entries(meeting_id)] == [
            ("info", "Första raden"), ("decision", "Andra raden är ett beslut"), ("info", "Tredje raden"),
            ("info", "Fjärde raden"), ("info", "Femte raden")]


async def test_one_pasted_line_is_typed_into_the_line(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monday(pilot, app)
        screen.quick_entry.input.post_message(events.Paste("i En enda rad\n"))
        await pilot.pause()
        assert app.screen is screen and entry_value(screen) == "i En enda rad"


# ------------------------------------------------------------- letters in panels

@pytest.mark.parametrize("panel_key", ["ctrl+t", "ctrl+g", "ctrl+l", "ctrl+f"])
async def test_letters_typed_in_a_panel_go_to_the_line(demo_repo, make_app, panel_key) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monday(pilot, app)
        before = demo_repo.meeting(screen.meeting_id)
        follow_before = {a.id: (a.status, a.due) for a in screen.follow_up}
        post_keys(app, [panel_key, *"i lugn helg i Ronna, nu kl 21", "enter"])
        await settle(pilot, screen)
        assert app.screen is screen  # no dialog opened by a letter
        meeting_id = screen.meeting_id
    assert stored_lines(demo_repo, meeting_id) == ["lugn helg i Ronna, nu kl 21"]
    with Repository(demo_repo.path) as fresh:
        after = fresh.meeting(meeting_id)
        assert [a.status for a in after.attendance] == [a.status for a in before.attendance]
        assert after.agenda == before.agenda
        assert {i: (fresh.action(i).status, fresh.action(i).due) for i in follow_before} == follow_before


async def test_a_panels_own_key_acts_visibly_and_ctrl_z_takes_it_back(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_monday(pilot, app)
        first = demo_repo.meeting(screen.meeting_id).attendance[0]
        post_keys(app, ["ctrl+t", " "])
        await settle(pilot, screen)
        status = t(f"status.attendance.{ABSENT}")
        assert t("meeting.attendance.changed", name=first.name, status=status) in notifications(app)
        assert demo_repo.meeting(screen.meeting_id).attendance[0].status == ABSENT
        post_keys(app, ["ctrl+z"])
        await settle(pilot, screen)
        assert t("meeting.undo.attendance", name=first.name, status=t(f"status.attendance.{PRESENT}")) in (
            notifications(app))
        meeting_id = screen.meeting_id
    with Repository(demo_repo.path) as fresh:
        assert fresh.meeting(meeting_id).attendance[0].status == PRESENT


# ------------------------------------------------------ dialogs, fast across Tab

async def test_a_guest_typed_fast_across_tab_and_the_line_after_it(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monday(pilot, app)
        post_keys(app, ["ctrl+t", "g", *"Sara Nilsson", "tab", *"Telge Bostäder", "enter",
                        *"i Gästen presenterade sig", "enter"])
        await settle(pilot, screen)
        assert app.screen is screen
        meeting_id = screen.meeting_id
    with Repository(demo_repo.path) as fresh:
        guest = fresh.meeting(meeting_id).attendance[-1]
        assert (guest.name, guest.organisation, guest.guest) == ("Sara Nilsson", "Telge Bostäder", True)
    assert stored_lines(demo_repo, meeting_id) == ["Gästen presenterade sig"]


async def test_a_guest_is_corrected_and_removed_and_both_undone(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_monday(pilot, app)
        post_keys(app, ["ctrl+t", "g", *"Sara Nilson", "tab", *"Telge", "enter"])
        await settle(pilot, screen)
        post_keys(app, ["ctrl+t", "e", "ctrl+u", *"Sara Nilsson", "tab", "ctrl+u", *"Telge Bostäder", "enter"])
        await settle(pilot, screen)
        guest = demo_repo.meeting(screen.meeting_id).attendance[-1]
        assert (guest.name, guest.organisation) == ("Sara Nilsson", "Telge Bostäder")
        rows = len(demo_repo.meeting(screen.meeting_id).attendance)
        post_keys(app, ["ctrl+t", "x", "enter"])
        await settle(pilot, screen)
        assert len(demo_repo.meeting(screen.meeting_id).attendance) == rows - 1
        assert t("meeting.guest.removed", name="Sara Nilsson") in notifications(app)
        post_keys(app, ["ctrl+z", "ctrl+z"])  # back in the list, then its old name again
        await settle(pilot, screen)
        meeting_id = screen.meeting_id
    with Repository(demo_repo.path) as fresh:
        guest = fresh.meeting(meeting_id).attendance[-1]
        assert (guest.name, guest.organisation, guest.guest) == ("Sara Nilson", "Telge", True)


async def test_dialog_fields_typed_fast_never_merge(demo_repo, make_app) -> None:
    """The forum form's time and duration, and a new person's name, organisation and role."""
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        post_keys(app, [*"BRÅ Nykvarn", "tab", "tab", *"Nykvarn", "tab", *"Kommunhuset"])
        await settle(pilot)
        form.query_one("#f-time", Input).focus()
        await pilot.pause()
        post_keys(app, ["ctrl+u", *"13:15", "tab", "ctrl+u", *"75"])
        await settle(pilot)
        values = {f: form.query_one(f"#f-{f}", Input).value for f in ("name", "municipality", "location", "time",
                                                                      "duration")}
        assert values == {"name": "BRÅ Nykvarn", "municipality": "Nykvarn", "location": "Kommunhuset",
                          "time": "13:15", "duration": "75"}
        post_keys(app, ["escape", "m", "slash", "ctrl+n", *"Sofia Grön", "tab", *"Polisen Nykvarn", "tab",
                        *"kommunpolis", "ctrl+s"])
        await settle(pilot)
    with Repository(demo_repo.path) as fresh:
        sofia = next(p for p in fresh.people() if p.name == "Sofia Grön")
        assert (sofia.role, fresh.organisation(sofia.organisation_id).name) == ("kommunpolis", "Polisen Nykvarn")


async def test_the_agenda_and_due_date_dialogs_then_the_next_line(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monday(pilot, app)
        follow = screen.follow_up[0]
        post_keys(app, ["ctrl+g", "l", *"Skolavslutningen", "enter", *"i Lugnt inför avslutningen", "enter",
                        "ctrl+f", "d", *"4/12", "enter", *"i Datumet flyttat", "enter"])
        await settle(pilot, screen)
        meeting_id = screen.meeting_id
    with Repository(demo_repo.path) as fresh:
        meeting = fresh.meeting(meeting_id)
        item = next(i for i in meeting.agenda if i.title == "Skolavslutningen")
        entries = fresh.entries(meeting_id)
        assert [(e.text, e.agenda_key) for e in entries] == [("Lugnt inför avslutningen", item.key),
                                                             ("Datumet flyttat", item.key)]
        assert fresh.action(follow.id).due == date(2026, 12, 4)


# --------------------------------------------------- owners made, future meetings

async def test_ctrl_z_takes_back_a_person_made_in_the_owner_dialog(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_monday(pilot, app)
        await pilot.press(*"å Ringa bostadsbolaget @Kalle_Ström", "enter")
        await pilot.pause()
        await pilot.click("#add")
        await pilot.pause()
        assert any(p.name == "Kalle Ström" for p in demo_repo.people())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any("Kalle Ström är borttagen ur personlistan" in n for n in notifications(app))
    with Repository(demo_repo.path) as fresh:
        assert not any(p.name == "Kalle Ström" for p in fresh.people())


async def test_a_future_meeting_opens_with_attendance_not_recorded(demo_repo, make_app) -> None:
    forum = demo_repo.forum_by_name("Måndagsmöte Södertälje")
    ahead = demo_repo.ensure_meeting(forum, date(2026, 11, 30))
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open("meeting", ahead.id)
        await pilot.pause()
        panel = app.screen.query_one(AttendancePanel)
        assert {row.status for row in panel.rows_data} == {NOT_RECORDED}
        assert panel.border_title == t("meeting.attendance.title", present=0, total=len(panel.rows_data))


async def test_the_guest_dialog_is_a_dialog(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_monday(pilot, app)
        await pilot.press("ctrl+t", "g")
        await pilot.pause()
        assert isinstance(app.screen, GuestModal)


async def test_lines_logged_within_one_second_are_listed_in_the_order_typed(demo_repo, make_app) -> None:
    """An action between information lines, all in one burst: the log lists them as
    typed, and reopened from the store file, too (instants keep their microseconds)."""
    import pendulum

    from tests.conftest import FROZEN

    pendulum.travel_back()
    pendulum.travel_to(FROZEN, freeze=False)  # the clock runs, as in a real meeting
    try:
        app = make_app(demo_repo)
        lines = ["i Först kommer information", "å Sedan en åtgärd @polisen", "i Sist mer information"]
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_monday(pilot, app)
            post_keys(app, typed(*lines))
            await settle(pilot, screen)
            screen.show_log()
            shown = [row.text for row in screen.query_one(MeetingLog).rows_data if not row.heading]
            assert shown[-3:] == [line[2:].removesuffix(" @polisen") for line in lines]
    finally:
        pendulum.travel_back()
        pendulum.travel_to(FROZEN, freeze=True)
    with Repository(demo_repo.path) as fresh:
        entries = fresh.entries(screen.meeting_id)
        action = next(a for a in fresh.actions_of_meeting(screen.meeting_id) if a.text == "Sedan en åtgärd")
        first, last = entries[-2], entries[-1]
        assert first.created < action.created < last.created
