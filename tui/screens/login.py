"""The login screen of the served app, also its lock after a spell without input.

A modal screen typed by what it returns: the ``Actor`` whose name and password
matched. It covers what is below it completely (nothing of a locked meeting shows
through), and the password is checked in a worker thread, since scrypt takes a
noticeable fraction of a second. Each wrong answer for a name makes the next answer
for that name wait longer (1, 2, 4 … 30 s) in this app process.

The name and then the password are typed into one field (``LoginField``), which turns
into a password field on Enter: see there why.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from store.access import accounts
from store.access.actor import Actor
from store.text.i18n import t

MAX_DELAY = 30.0
NAME = "name"
PASSWORD = "password"


@dataclass
class Throttle:
    """Wrong passwords per account name, in this process: the wait before the next answer."""

    failures: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def _key(name: str) -> str:
        return " ".join(name.split()).casefold()

    def failed(self, name: str) -> float:
        """Count a wrong answer; the seconds to wait before saying so."""
        count = self.failures[self._key(name)] = self.failures.get(self._key(name), 0) + 1
        return min(2.0 ** (count - 1), MAX_DELAY)

    def succeeded(self, name: str) -> None:
        self.failures.pop(self._key(name), None)


class LoginField(Input):
    """One field for the name, then the password.

    A browser delivers a quick typist's keys faster than the app handles them, and they
    are queued for the field that had the focus when they came. A binding (Enter →
    submit) runs only once the key has gone up to the app, after the keys queued behind
    it: with two fields, the password typed straight after the name landed in the name
    field, in clear. Here Enter is taken in the order the keys came, and the same field
    hides what follows it: nothing is moved between queues."""

    @dataclass
    class Entered(Message):
        stage: str  # NAME or PASSWORD
        value: str

    def __init__(self, stage: str) -> None:
        super().__init__(id="login-field", password=stage == PASSWORD)
        self.stage = stage

    def ask(self, stage: str, value: str = "") -> None:
        self.stage = stage
        self.password = stage == PASSWORD
        self.value = value

    def on_key(self, event: events.Key) -> None:
        if event.key != "enter":
            return
        event.stop()  # not on to the submit binding, which would come after the next keys
        event.prevent_default()
        value, stage = self.value, self.stage
        if stage == NAME and value.strip():
            self.ask(PASSWORD)
        elif stage == PASSWORD:
            self.value = ""
        self.post_message(self.Entered(stage, value))


class LoginScreen(ModalScreen[Actor]):
    DEFAULT_CSS = """
    LoginScreen {
        align: center middle;
        background: $background;
    }
    LoginScreen #login {
        width: 60;
        height: auto;
        border: round $primary;
        padding: 1 2;
        background: $surface;
    }
    LoginScreen #login-title {
        text-style: bold;
        margin-bottom: 1;
    }
    LoginScreen #login-message {
        height: auto;
        margin-top: 1;
        color: $text-muted;
    }
    LoginScreen #login-message.-error {
        color: $error;
    }
    """

    BINDINGS = [
        # A modal screen hides the app's keys: the one way out is named here.
        Binding("ctrl+q", "app.quit", t("key.quit"), id="login.quit", tooltip=t("login.quit.tip")),
        Binding("escape", "change_name", t("login.change_name"), id="login.change_name",
                tooltip=t("login.change_name.tip")),
    ]

    def __init__(self, users: Path, throttle: Throttle, locked_to: str | None = None,
                 lock_minutes: float | None = None) -> None:
        super().__init__()
        self.users = users
        self.throttle = throttle
        self.locked_to = locked_to
        self.lock_minutes = lock_minutes
        self.name_given = locked_to or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="login"):
            title = t("login.locked_title") if self.locked_to else t("login.title")
            yield Static(title, id="login-title", markup=False)
            yield Static(self._who(), id="login-who", markup=False)
            yield Label(t("login.password") if self.locked_to else t("login.name"), id="login-label")
            yield LoginField(PASSWORD if self.locked_to else NAME)
            hint = (t("login.locked_hint", minutes=f"{self.lock_minutes:g}") if self.locked_to
                    else t("login.hint"))
            yield Static(hint, id="login-message", markup=False)
        yield Footer()

    @property
    def field(self) -> LoginField:
        return self.query_one(LoginField)

    def _who(self) -> str:
        return t("login.who", name=self.name_given) if self.name_given else ""

    def on_mount(self) -> None:
        self.field.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "change_name":  # a locked session belongs to its account
            return not self.locked_to and self.field.stage == PASSWORD
        return True

    def action_change_name(self) -> None:
        self.field.ask(NAME, self.name_given)
        self._show_stage(t("login.hint"))

    def _show_stage(self, hint: str, error: bool = False) -> None:
        self.query_one("#login-who", Static).update(self._who() if self.field.stage == PASSWORD else "")
        label = t("login.password") if self.field.stage == PASSWORD else t("login.name")
        self.query_one("#login-label", Label).update(label)
        self._say(hint, error)
        self.refresh_bindings()

    @on(LoginField.Entered)
    def _entered(self, message: LoginField.Entered) -> None:
        if message.stage == NAME:
            if not message.value.strip():
                self._say(t("login.missing"), error=True)
                return
            self.name_given = " ".join(message.value.split())
            self._show_stage(t("login.hint"))
            return
        if not message.value:
            self._say(t("login.missing"), error=True)
            return
        self._set_busy(True)
        self._say(t("login.checking"))
        self.check(self.name_given, message.value)

    @work(thread=True, exclusive=True)
    def check(self, name: str, password: str) -> None:
        account = accounts.authenticate(self.users, name, password)
        if account is not None and self.locked_to and account.name != self.locked_to:
            account = None  # a locked session opens only for the one it belongs to
        if account is None:
            wait = self.throttle.failed(name)
            time.sleep(wait)
            self.app.call_from_thread(self._refused, wait)
        else:
            self.throttle.succeeded(name)
            self.app.call_from_thread(self.dismiss, account.actor())

    def _refused(self, wait: float) -> None:
        self._set_busy(False)
        self.field.focus()
        self._say(t("login.refused", seconds=f"{wait:g}"), error=True)

    def _set_busy(self, busy: bool) -> None:
        self.field.disabled = busy

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#login-message", Static)
        message.update(text)
        message.set_class(error, "-error")
