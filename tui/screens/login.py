"""The login screen of the served app, also its lock after a spell without input.

A modal screen typed by what it returns: the ``Actor`` whose name and password
matched. It covers what is below it completely (nothing of a locked meeting shows
through), and the password is checked in a worker thread, since scrypt takes a
noticeable fraction of a second. Each wrong answer for a name makes the next answer
for that name wait longer (1, 2, 4 … 30 s) in this app process.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from store.access import accounts
from store.access.actor import Actor
from store.text.i18n import t

MAX_DELAY = 30.0


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
    ]

    def __init__(self, users: Path, throttle: Throttle, locked_to: str | None = None,
                 lock_minutes: float | None = None) -> None:
        super().__init__()
        self.users = users
        self.throttle = throttle
        self.locked_to = locked_to
        self.lock_minutes = lock_minutes

    def compose(self) -> ComposeResult:
        with Vertical(id="login"):
            title = t("login.locked_title") if self.locked_to else t("login.title")
            yield Static(title, id="login-title", markup=False)
            yield Label(t("login.name"))
            yield Input(self.locked_to or "", id="login-name", disabled=bool(self.locked_to))
            yield Label(t("login.password"))
            yield Input(id="login-password", password=True)
            hint = (t("login.locked_hint", minutes=f"{self.lock_minutes:g}") if self.locked_to
                    else t("login.hint"))
            yield Static(hint, id="login-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#login-password" if self.locked_to else "#login-name", Input).focus()

    @on(Input.Submitted, "#login-name")
    def _name_given(self) -> None:
        self.query_one("#login-password", Input).focus()

    @on(Input.Submitted, "#login-password")
    def _password_given(self) -> None:
        name = " ".join(self.query_one("#login-name", Input).value.split())
        password = self.query_one("#login-password", Input).value
        if not name or not password:
            self._say(t("login.missing"), error=True)
            return
        self._set_busy(True)
        self._say(t("login.checking"))
        self.check(name, password)

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
        password = self.query_one("#login-password", Input)
        password.value = ""
        password.focus()
        self._say(t("login.refused", seconds=f"{wait:g}"), error=True)

    def _set_busy(self, busy: bool) -> None:
        self.query_one("#login-password", Input).disabled = busy
        if not self.locked_to:
            self.query_one("#login-name", Input).disabled = busy

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#login-message", Static)
        message.update(text)
        message.set_class(error, "-error")
