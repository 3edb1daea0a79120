"""The served app: it starts on a login screen, slows down wrong passwords, locks
after a spell without input, and its store refuses a reader's line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from store.access import accounts, passwords
from store.access.actor import CHAIR, READER
from tui.app import create_app
from tui.screens import login
from tui.screens.login import NAME, LoginScreen, Throttle
from tui.screens.login import PASSWORD as PASSWORD_STAGE
from tui.services import Served

SIZE = (120, 40)
PASSWORD = "hemligt-losen"
READER_PASSWORD = "lasarens-losen"


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "COST", 2**10)
    monkeypatch.setattr(login, "MAX_DELAY", 0.05)


@pytest.fixture
def users(demo_repo, tmp_path: Path) -> Path:
    path = accounts.users_path(demo_repo.path)
    accounts.add(path, "Bo", CHAIR, tuple(f.id for f in demo_repo.forums()), PASSWORD)
    accounts.add(path, "Cia", READER, (), READER_PASSWORD)
    return path


async def settle(pilot, done, tries: int = 80) -> None:
    """Wait for the password check (a worker thread) to be answered."""
    for _ in range(tries):
        await pilot.pause(0.025)
        if done():
            return
    raise AssertionError("no answer from the login")


async def log_in(pilot, app, name: str, password: str) -> None:
    screen = app.screen
    assert isinstance(screen, LoginScreen)
    if screen.field.stage == NAME:
        await pilot.press(*name, "enter")
        assert screen.field.password and screen.field.value == ""
    await pilot.press(*password, "enter")


def test_each_wrong_answer_for_a_name_waits_longer() -> None:
    throttle = Throttle()
    assert [throttle.failed("Bo") for _ in range(3)] == [0.05, 0.05, 0.05]  # capped in these tests
    login.MAX_DELAY = 30.0
    try:
        fresh = Throttle()
        assert [fresh.failed(" bo ") for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]
        assert fresh.failed("Cia") == 1  # per account name
        fresh.succeeded("BO")
        assert fresh.failed("Bo") == 1
    finally:
        login.MAX_DELAY = 0.05


async def test_login_then_home_and_the_actor_is_the_stores(demo_repo, frozen, users: Path) -> None:
    app = create_app(repo=demo_repo, today=frozen.date(), served=Served(users=users))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LoginScreen) and app.locked and not app.use_command_palette
        await pilot.press("f1")  # nothing of the app behind the login
        assert app.screen is screen
        await log_in(pilot, app, "Bo", "fel-losenord")
        message = screen.query_one("#login-message")
        await settle(pilot, lambda: "Fel namn" in str(message.render()))
        assert demo_repo.actor is None and app.screen is screen
        assert screen.field.stage == PASSWORD_STAGE and screen.field.value == "" and screen.name_given == "Bo"
        await pilot.press("escape")  # another name: back to the name, as it was typed
        assert screen.field.stage == NAME and not screen.field.password and screen.field.value == "Bo"
        screen.field.value = ""
        await log_in(pilot, app, "bo", PASSWORD)
        await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert demo_repo.actor.name == "Bo" and demo_repo.actor.role == CHAIR
        assert app.sub_title == "Bo · ordförande" and app.use_command_palette and not app.locked


async def test_a_password_typed_straight_after_the_name_never_shows_in_the_name_field(
        demo_repo, frozen, users: Path) -> None:
    from textual import events

    app = create_app(repo=demo_repo, today=frozen.date(), served=Served(users=users))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # As a browser delivers a quick typist's keys: all queued before the Enter is handled.
        for char in f"Bo\r{PASSWORD}\r":
            key = "enter" if char == "\r" else ("minus" if char == "-" else char)
            app.post_message(events.Key(key, None if char == "\r" else char))
        await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.pause()
        assert demo_repo.actor.name == "Bo"


async def test_idle_session_locks_over_the_meeting_and_opens_only_for_its_owner(
        demo_repo, frozen, users: Path) -> None:
    seconds = [0.0]  # the idle lock's clock: moved by the test, not by how busy the machine is
    app = create_app(repo=demo_repo, today=frozen.date(),
                     served=Served(users=users, lock_after=0.5, clock=lambda: seconds[0]))
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, app, "Bo", PASSWORD)
        await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        seconds[0] += 0.25  # a key within lock_after keeps the session open
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        assert type(meeting).__name__ == "MeetingScreen"
        await pilot.press(*"i halvskriven rad")
        seconds[0] += 0.25
        await pilot.pause(0.3)  # the lock looks every lock_after / 4 (0.125 s here; 15 s at most)
        assert meeting is app.screen and not app.locked  # 0.25 s after the last key: still open
        seconds[0] += 0.25
        await settle(pilot, lambda: isinstance(app.screen, LoginScreen))
        lock = app.screen
        assert lock.name_given == "Bo" and lock.field.stage == PASSWORD_STAGE and app.locked
        await pilot.press("escape")  # the name of a locked session cannot be changed
        assert lock.field.stage == PASSWORD_STAGE
        await log_in(pilot, app, "Bo", READER_PASSWORD)  # another account's password does not open it
        await settle(pilot, lambda: "Fel namn" in str(lock.query_one("#login-message").render()))
        assert app.screen is lock
        await log_in(pilot, app, "Bo", PASSWORD)
        await settle(pilot, lambda: app.screen is meeting)
        assert meeting.query_one("#entry-input", Input).value == "i halvskriven rad"


async def test_a_readers_line_is_refused_by_the_store(demo_repo, frozen, users: Path) -> None:
    app = create_app(repo=demo_repo, today=frozen.date(), served=Served(users=users))
    journal = demo_repo.path.with_name(demo_repo.path.name + ".journal")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await log_in(pilot, app, "Cia", READER_PASSWORD)
        await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("enter")  # today's meeting is only planned: storing it is a write
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("läsare" in n.message for n in app._notifications)
        reader, demo_repo.actor = demo_repo.actor, None  # the operator stores it
        demo_repo.ensure_meeting(demo_repo.forum_by_name("Måndagsmöte"), frozen.date())
        demo_repo.actor = reader
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        assert type(meeting).__name__ == "MeetingScreen"
        before = journal.read_bytes()
        await pilot.press(*"i läsaren försöker logga", "enter")
        await pilot.pause()
        assert any("läsare" in n.message for n in app._notifications)
        # Enter takes the line; the store refuses it and the log keeps it as not stored.
        log = meeting.query_one("#log")
        assert [(row.text, row.state) for row in log.rows_data if row.state] == [
            ("i läsaren försöker logga", "failed")]
        assert journal.read_bytes() == before
