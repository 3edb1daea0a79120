"""Small dialogs: a (typed) yes/no confirmation and a one-line text prompt.

Typed by what they return and closed with ``dismiss(value)``; Escape always cancels.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from store.i18n import t

T = TypeVar("T")


class DialogScreen(ModalScreen[T]):
    """Centred box with a title, a line for errors and Escape to cancel."""

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
    }
    DialogScreen > #dialog {
        width: 76;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    DialogScreen #dialog-title {
        text-style: bold;
        margin-bottom: 1;
    }
    DialogScreen .field-label {
        color: $text-muted;
    }
    DialogScreen Input, DialogScreen Select {
        margin-bottom: 1;
    }
    DialogScreen #dialog-error {
        color: $error;
        height: auto;
    }
    DialogScreen #dialog-hint {
        color: $text-muted;
        height: auto;
    }
    DialogScreen .buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    DialogScreen .buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", t("meeting.key.cancel"), id="dialog.cancel",
                tooltip=t("meeting.key.cancel.tip")),
    ]

    cancel_value: object = None

    def show_error(self, text: str) -> None:
        self.query_one("#dialog-error", Static).update(Content(text))

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_value)  # type: ignore[arg-type]


class ConfirmModal(DialogScreen[bool]):
    """Yes or no. With ``word`` the user must type it (e.g. "ja") before yes counts."""

    cancel_value = False

    def __init__(self, title: str, question: str, word: str | None = None, yes: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.word = word
        self.yes_label = yes or t("meeting.dialog.yes")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.title_text), id="dialog-title")
            yield Static(Content(self.question))
            if self.word:
                yield Label(t("meeting.confirm.type_word", word=self.word), classes="field-label")
                yield Input(id="confirm-word")
            yield Static(Content(""), id="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button(self.yes_label, id="yes", variant="primary")
                yield Button(t("meeting.dialog.no"), id="no")

    def on_mount(self) -> None:
        self.query_one("#confirm-word" if self.word else "#yes").focus()

    def _typed_ok(self) -> bool:
        if not self.word:
            return True
        typed = self.query_one("#confirm-word", Input).value.strip().casefold()
        if typed == self.word.casefold():
            return True
        self.show_error(t("meeting.confirm.wrong_word", word=self.word))
        return False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._typed_ok():
            self.dismiss(True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "no":
            self.dismiss(False)
        elif self._typed_ok():
            self.dismiss(True)


class PromptModal(DialogScreen[str | None]):
    """One line of text. Returns the stripped text, or None on Escape.

    ``required`` names the catalogue sentence shown when the line is left empty;
    without it an empty line is a valid answer (e.g. "back to the rule").
    """

    def __init__(self, title: str, label: str, value: str = "", hint: str = "",
                 required: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.label = label
        self.value = value
        self.hint = hint
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.title_text), id="dialog-title")
            yield Label(self.label, classes="field-label")
            yield Input(value=self.value, id="prompt-input")
            if self.hint:
                yield Static(Content(self.hint), id="dialog-hint")
            yield Static(Content(""), id="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button(t("meeting.dialog.ok"), id="ok", variant="primary")
                yield Button(t("meeting.dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    def _submit(self) -> None:
        text = self.query_one("#prompt-input", Input).value.strip()
        if not text and self.required:
            self.show_error(t(self.required))
            return
        self.dismiss(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self._submit()
