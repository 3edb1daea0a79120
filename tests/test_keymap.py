"""In a browser, every action has a key the browser lets through: the browser keymap
(tui.keymap) moves each binding that uses a key the browser takes, and the screens
show the key that works where the app runs."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import tui
from store.text.i18n import t
from tui.app import create_app
from tui.keymap import BROWSER_KEYMAP, BROWSER_TAKEN
from tui.screens.help import key_rows
from tui.services import Served
from tui.widgets.attendance import AttendancePanel
from tui.widgets.follow_up import FollowUpPanel
from tui.widgets.meeting_log import MeetingLog

SIZE = (120, 40)


def declared_bindings() -> list[tuple[type, Binding]]:
    """Every Binding declared in the app's own code (screens, modals, widgets, the app)."""
    found: list[tuple[type, Binding]] = []
    for info in pkgutil.walk_packages(tui.__path__, prefix="tui."):
        if info.name.startswith("tui.cli"):
            continue
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                found += [(cls, b) for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding)]
    return found


def keys_in_browser(binding: Binding) -> list[str]:
    keys = BROWSER_KEYMAP.get(binding.id, binding.key) if binding.id else binding.key
    return [key.strip() for key in keys.split(",")]


def test_no_binding_uses_a_key_the_browser_takes() -> None:
    bindings = declared_bindings()
    assert len(bindings) > 100
    in_terminal = {b.id for _, b in bindings if set(b.key.split(",")) & BROWSER_TAKEN}
    assert {"meeting.attendance", "meeting.log", "meeting.follow_up", "search.confidential"} <= in_terminal
    clashes = [(cls.__name__, b.id, key) for cls, b in bindings for key in keys_in_browser(b) if key in BROWSER_TAKEN]
    assert clashes == []


def test_the_keymap_names_real_bindings_and_moves_none_onto_another() -> None:
    bindings = declared_bindings()
    ids = {b.id for _, b in bindings if b.id}
    assert set(BROWSER_KEYMAP) <= ids
    app_keys = {k for cls, b in bindings if cls.__name__ == "SamverkanApp" for k in keys_in_browser(b)}
    for owner in {cls for cls, _ in bindings}:
        seen: dict[str, str] = {}
        for cls, binding in bindings:
            if cls is not owner:
                continue
            for key in keys_in_browser(binding):
                assert seen.setdefault(key, binding.action) == binding.action, (owner.__name__, key)
                if binding.id in BROWSER_KEYMAP:
                    assert key not in app_keys, (owner.__name__, key)


async def test_served_meeting_screen_shows_and_obeys_the_browser_keys(demo_repo, frozen, tmp_path: Path) -> None:
    # No accounts file: served on this machine only, straight to the home screen.
    app = create_app(repo=demo_repo, today=frozen.date(), served=Served(users=tmp_path / "none.users"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "MeetingScreen"
        active = {key: b.id for key, (_, b, _, _) in screen.active_bindings.items()}
        assert active["f3"] == "meeting.attendance" and active["f4"] == "meeting.log"
        assert active["f6"] == "meeting.follow_up" and active["f2"] == "meeting.edit"
        assert not {"ctrl+t", "ctrl+l", "ctrl+f", "ctrl+r", "ctrl+n"} & set(active)
        subtitles = [screen.query_one(f"#{p}").border_subtitle for p in ("attendance", "agenda", "log", "follow-up")]
        assert subtitles == ["f3", "ctrl+g", "f4", "f6"]
        for key, panel in (("f3", AttendancePanel), ("f4", MeetingLog), ("f6", FollowUpPanel)):
            await pilot.press(key)
            assert app.focused is screen.query_one(panel)
        rows = {description: keys for keys, description, _ in key_rows(app, screen)}
        assert rows[t("meeting.key.attendance")] == "f3" and rows[t("meeting.key.edit")] == "f2"
        assert rows[t("meeting.key.agenda")] == "^g"  # not a browser's key: unchanged


async def test_in_a_terminal_the_keys_stay_as_they_were(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#attendance").border_subtitle == "ctrl+t"
        await pilot.press("ctrl+t")
        assert app.focused is screen.query_one(AttendancePanel)
