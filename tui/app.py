"""The Textual application and the one factory used by the entry point and the tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.filter import LineFilter
from textual.screen import Screen

from store.access.actor import Actor
from store.exports.registry import EXPORTS
from store.model.meeting import Meeting
from store.repository import Repository
from store.rules import clock
from store.text.i18n import UserError, load_all_messages, t
from tui.events import ClockTick, StoreChanged
from tui.keymap import BROWSER_KEYMAP
from tui.keys import OrderedKeys
from tui.palette import AppCommands, Themes
from tui.screens.base import StoreScreen
from tui.services import Served, Services
from tui.terminal_safe import TERMINAL_SAFE

# The app shows every screen's text: merge it now, not when a frame first asks for a key.
load_all_messages()


def _meeting() -> type[Screen]:
    from tui.screens.meeting import MeetingScreen

    return MeetingScreen


def _forums() -> type[Screen]:
    from tui.screens.forums import ForumsScreen

    return ForumsScreen


def _actions() -> type[Screen]:
    from tui.screens.actions import ActionsScreen

    return ActionsScreen


def _promises() -> type[Screen]:
    from tui.screens.promises import PromisesScreen

    return PromisesScreen


def _situation() -> type[Screen]:
    from tui.screens.situation import SituationScreen

    return SituationScreen


def _search() -> type[Screen]:
    from tui.screens.search import SearchScreen

    return SearchScreen


def _import() -> type[Screen]:
    from tui.screens.importer import ImportScreen

    return ImportScreen


def _export() -> type[Screen]:
    from tui.screens.export import ExportScreen

    return ExportScreen


CLOCK_TICK = 15.0  # seconds between ClockTick messages (a running time shown in minutes)

# The screens a user can go to, each imported when first opened so the app starts
# fast; every screen is given the store and the day (``Services``) when it is made.
SCREENS_BY_NAME = {
    "meeting": _meeting,
    "forums": _forums,
    "actions": _actions,
    "promises": _promises,
    "situation": _situation,
    "search": _search,
    "import": _import,
    "export": _export,
}


class SamverkanApp(OrderedKeys, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "samverkan"

    BINDINGS = [
        Binding("f1", "help", t("key.help"), id="help", tooltip=t("key.help.tip")),
        Binding("question_mark", "help", t("key.help"), show=False, id="help_alt"),
        Binding("ctrl+q", "quit", t("key.quit"), id="quit", tooltip=t("key.quit.tip")),
        # Textual adds its own, saying "palette", unless the app has one.
        Binding("ctrl+p", "command_palette", t("key.palette"), show=False, priority=True, id="palette",
                tooltip=t("key.palette.tip")),
    ]
    # Our commands only, in our words (Textual's own system commands are English).
    COMMANDS = {AppCommands}

    def __init__(self, repo: Repository, demo: bool = False, today: date | None = None,
                 served: Served | None = None):
        super().__init__()
        self.repo = repo
        self.demo = demo
        self._today = today
        self.services = Services(repo=repo, today=self.today)
        self.sub_title = t("app.subtitle_demo") if demo else str(repo.path or "")
        reason = repo.read_only_reason
        if reason:
            self.sub_title += " – " + t(reason.replace("store.read_only.", "store.read_only_notice."))
        self.served = served
        # The keys moved where the app runs (see tui.keymap); empty in a terminal.
        self.keymap: dict[str, str] = dict(BROWSER_KEYMAP) if served else {}
        if self.keymap:
            self.set_keymap(self.keymap)
        self.locked = False
        self._last_input = served.clock() if served else 0.0
        if served is not None:
            from tui.screens.login import Throttle

            self.throttle = Throttle()  # wrong passwords in this process, per account name

    def today(self) -> date:
        return self._today or clock.today()

    def get_line_filters(self) -> Sequence[LineFilter]:
        # User text may hold escape sequences; no line reaches the terminal with one.
        return [*super().get_line_filters(), TERMINAL_SAFE]

    def on_mount(self) -> None:
        if self.served is not None and self._accounts_exist():
            self._show_login(self._logged_in)
        else:
            self._open_home()

    def _open_home(self) -> None:
        from tui.screens.home import HomeScreen

        self.push_screen(HomeScreen(self.services))
        if self.repo.read_only_reason:
            self.notify(t(self.repo.read_only_reason), severity="warning", timeout=30)
        # Pick up what a command-line `samverkan log` or a second window commits.
        self.set_interval(2.0, self.poll_store)
        self.set_interval(CLOCK_TICK, lambda: self.screen.post_message(ClockTick()))

    # -- served: login and the lock after a spell without input ------------------------

    def _accounts_exist(self) -> bool:
        from store.access import accounts

        try:
            return bool(accounts.load(self.served.users))
        except UserError:
            return True  # a damaged accounts file must not open the store to everyone

    def _show_login(self, then) -> None:
        from tui.screens.login import LoginScreen

        self.locked = True
        self.use_command_palette = False  # nothing of the store is reachable from here
        actor = self.repo.actor
        self.push_screen(LoginScreen(self.served.users, self.throttle, actor.name if actor else None,
                                     self.served.lock_after / 60), then)

    def _logged_in(self, actor: Actor | None) -> None:
        self.repo.actor = actor
        self.sub_title = t("login.subtitle", name=actor.name, role=t(f"access.role.{actor.role}"))
        self._unlocked(actor)
        self._open_home()
        self.set_interval(max(0.1, min(15.0, self.served.lock_after / 4)), self._lock_if_idle)

    def _unlocked(self, _actor: Actor | None) -> None:
        self.locked = False
        self.use_command_palette = self.ENABLE_COMMAND_PALETTE
        self._last_input = self.served.clock()

    def _lock_if_idle(self) -> None:
        if not self.locked and self.served.clock() - self._last_input >= self.served.lock_after:
            self._show_login(self._unlocked)

    async def on_event(self, event: events.Event) -> None:
        # Any key or click is activity (for the idle lock); the event goes on as before.
        if isinstance(event, (events.Key, events.MouseDown)) and self.served:
            self._last_input = self.served.clock()
        await super().on_event(event)

    def poll_store(self) -> None:
        try:
            changed = self.repo.refresh()
        except UserError as error:
            self.notify(str(error), severity="error")
            return
        if changed:
            self.screen.post_message(StoreChanged())

    def on_unmount(self) -> None:
        self.repo.close()

    # -- navigation --------------------------------------------------------------

    def make_screen(self, name: str, *args: Any, **kwargs: Any) -> Screen:
        return SCREENS_BY_NAME[name]()(self.services, *args, **kwargs)

    def open(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.push_screen(self.make_screen(name, *args, **kwargs))

    def open_meeting(self, meeting: Meeting) -> None:
        """Open a meeting; a planned one from the series is stored first."""
        try:
            if not meeting.id:
                forum = self.repo.forum(meeting.forum_id)
                meeting = self.repo.ensure_meeting(forum, meeting.day)
        except UserError as error:
            self.notify(str(error), severity="error")
            return
        self.open("meeting", meeting.id)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not self.locked and not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(CommandPalette(providers=[Themes], placeholder=t("palette.theme.placeholder")))

    def action_help_quit(self) -> None:
        # ctrl+c: Textual's reminder of how to quit, said in our words.
        quit_key = next(binding for binding in self.BINDINGS if binding.id == "quit")
        self.notify(t("app.quit_hint", key=self.get_key_display(quit_key)), title=t("app.quit_hint.title"))

    def action_go(self, name: str) -> None:
        self.open(name)

    def action_export(self, kind: str) -> None:
        """The export ``kind`` about what the screen in front shows (asked for if it shows none)."""
        screen = self.screen
        subject = screen.export_subject() if isinstance(screen, StoreScreen) else {}
        SCREENS_BY_NAME["export"]().start(self, self.services, kind, subject)

    # -- command palette: every key of the screen and the app, in Swedish --------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        seen: set[str] = set()
        for node in (screen, self):
            for _key, binding in node._bindings:
                # Textual's own bindings carry English words and no id: ours all have one.
                if not binding.id or not binding.description or binding.action in seen \
                        or binding.action == "command_palette":  # the palette does not list itself
                    continue
                seen.add(binding.action)
                yield SystemCommand(
                    binding.description,
                    binding.tooltip or binding.description,
                    lambda node=node, action=binding.action: self.call_later(node.run_action, action),
                )
        for name in ("forums", "actions", "promises", "situation", "search", "import"):
            # A screen's key to it (home: a) runs "app.go(…)": listed once.
            if f"go('{name}')" not in seen and f"app.go('{name}')" not in seen:
                yield SystemCommand(t(f"palette.{name}"), t(f"palette.{name}.tip"), lambda n=name: self.open(n))
        for kind in EXPORTS:  # every export, about what the screen shows
            if f"app.export('{kind}')" not in seen:
                yield SystemCommand(t(f"palette.export.{kind}"), t(f"palette.export.{kind}.tip"),
                                    lambda k=kind: self.call_later(self.action_export, k))
        yield SystemCommand(t("palette.theme"), t("palette.theme.tip"), self.action_change_theme)
        # Our help, not Textual's keys panel: that one names its widgets' keys in English.
        yield SystemCommand(t("palette.keys"), t("palette.keys.tip"), self.action_help)


def create_app(path: str | Path | None = None, demo: bool = False, repo: Repository | None = None,
               today: date | None = None, served: Served | None = None) -> SamverkanApp:
    """The one factory: the entry point passes a path, tests may pass a repository;
    ``served`` when the app runs in a browser (``samverkan serve``)."""
    if repo is None:
        repo = Repository.for_app(path) if path is not None else Repository.memory()
    return SamverkanApp(repo, demo=demo, today=today, served=served)
