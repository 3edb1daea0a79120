"""Small dialogs: a (typed) yes/no confirmation and a one-line text prompt.

Typed by what they return and closed with ``dismiss(value)``; Escape always cancels.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from store.text.i18n import UserError, t
from tui.modals.form import FormModal

T = TypeVar("T")


class DialogScreen(FormModal[T]):
    """Centred box with a title, a line for errors and Escape to cancel."""

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
    }
    DialogScreen > #dialog {
        width: 76;
        max-width: 95%;
        max-height: 90%;
        padding: 1 2;
    }
    DialogScreen #dialog-title {
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
    DialogScreen .form-buttons {
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", t("meeting.key.cancel"), id="dialog.cancel",
                tooltip=t("meeting.key.cancel.tip")),
    ]


class ConfirmModal(DialogScreen[bool]):
    """Yes or no. With ``word`` the user must type it (e.g. "ja") before yes counts."""

    SAVE_ID = "yes"
    CANCEL_ID = "no"
    cancel_value = False

    def __init__(self, title: str, question: str, word: str | None = None, yes: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.word = word
        self.yes_label = yes or t("meeting.dialog.yes")

    def form_title(self) -> str:
        return self.title_text

    def compose_fields(self) -> ComposeResult:
        yield Static(Content(self.question))
        if self.word:
            yield Label(t("meeting.confirm.type_word", word=self.word), classes="field-label")
            yield Input(id="confirm-word")

    def buttons(self) -> list[Button]:
        return [Button(self.yes_label, id="yes", variant="primary"), Button(t("meeting.dialog.no"), id="no")]

    def on_mount(self) -> None:
        self.query_one("#confirm-word" if self.word else "#yes").focus()

    def submit(self) -> bool:
        if self.word and self.query_one("#confirm-word", Input).value.strip().casefold() != self.word.casefold():
            raise UserError("meeting.confirm.wrong_word", word=self.word)
        return True


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

    def form_title(self) -> str:
        return self.title_text

    def compose_fields(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        yield Input(value=self.value, id="prompt-input")
        if self.hint:
            yield Static(Content(self.hint), id="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    def submit(self) -> str:
        text = self.query_one("#prompt-input", Input).value.strip()
        if not text and self.required:
            raise UserError(self.required)
        return text
