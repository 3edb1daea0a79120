"""The frame every dialog in tui/modals/ shares: a title, the fields, one line for a
problem, a button row; save (button, Enter or ctrl+s) and cancel (button or Escape).

A subclass yields its fields from ``compose_fields()`` and implements ``submit()``:
it returns the value the dialog is typed by, or raises ``UserError``. The sentence
then shows on the error line, a ``FormError`` also puts the cursor on its field
(``focus_field``), and everything typed is kept. Keys stay in each subclass's
``BINDINGS`` (their ids are what a keymap names); ``save_cancel_bindings`` builds
the usual pair.
"""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from store.rules.forms.fields import FormError
from store.text.i18n import UserError, t

T = TypeVar("T")


def save_cancel_bindings(name: str, save: str, save_tip: str, cancel: str, cancel_tip: str) -> list[Binding]:
    """ctrl+s saves, Escape cancels; ids ``{name}.save`` / ``{name}.cancel``, words from the catalogue."""
    return [
        Binding("ctrl+s", "save", t(save), id=f"{name}.save", tooltip=t(save_tip)),
        Binding("escape", "cancel", t(cancel), id=f"{name}.cancel", tooltip=t(cancel_tip)),
    ]


class FormModal(ModalScreen[T]):
    """Returns what ``submit()`` reads, or ``cancel_value`` when cancelled."""

    DEFAULT_CSS = """
    FormModal > .form-frame {
        height: auto;
        border: thick $primary;
        background: $surface;
    }
    FormModal .form-title {
        text-style: bold;
    }
    FormModal .form-buttons {
        height: auto;
        align-horizontal: right;
    }
    FormModal .form-buttons Button {
        margin-left: 1;
    }
    FormModal .form-row {
        height: auto;
        margin-bottom: 1;
    }
    FormModal .form-row > Label {
        color: $text-muted;
    }
    FormModal .form-row > Input, FormModal .form-row > Select {
        width: 1fr;
    }
    FormModal > .form-frame.-scrolling > .form-body {
        height: auto;
        max-height: 1fr;
    }
    FormModal.-short > .form-frame.-scrolling {
        height: 100%;
        max-height: 100%;
    }
    FormModal.-short > .form-frame.-scrolling > .form-body {
        height: 1fr;
        max-height: 100%;
    }
    FormModal.-narrow .form-columns {
        layout: vertical;
    }
    FormModal.-narrow .form-column {
        width: 100%;
    }
    FormModal .form-row > Checkbox {
        border: none;
        padding: 0;
        margin-right: 2;
        background: transparent;
    }
    """

    FORM_ID = "dialog"  # the frame; the title is f"{FORM_ID}-title"
    ERROR_ID: str | None = "dialog-error"
    SAVE_ID = "ok"
    CANCEL_ID = "cancel"
    SAVE_LABEL = "meeting.dialog.ok"  # catalogue keys
    CANCEL_LABEL = "meeting.dialog.cancel"
    ENTER_SAVES = True  # False: Enter in a one-line field moves on to the next field
    cancel_value: object = None
    # A long form puts its fields in a VerticalScroll of class "form-body": in a short
    # window that scrolls and the error line and buttons stay on screen.
    SCROLLING_BODY = False
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    # Narrower than this a form's two columns of fields stand one above the other.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    # -- what a subclass fills in ------------------------------------------------------

    def form_title(self) -> str:
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def submit(self) -> T:
        """The value to return; raise UserError (FormError for a field) to stay open."""
        raise NotImplementedError

    def focus_field(self, field: str) -> None:
        """Put the cursor on the widget a FormError names."""

    def buttons(self) -> list[Button]:
        return [Button(t(self.SAVE_LABEL), id=self.SAVE_ID, variant="primary"),
                Button(t(self.CANCEL_LABEL), id=self.CANCEL_ID)]

    def enter_pressed(self, field: Input) -> None:
        if self.ENTER_SAVES:
            self.action_save()
        else:
            self.focus_next()

    # -- the frame -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id=self.FORM_ID, classes="form-frame -scrolling" if self.SCROLLING_BODY else "form-frame"):
            yield Static(Content(self.form_title()), id=f"{self.FORM_ID}-title", classes="form-title")
            yield from self.compose_fields()
            if self.ERROR_ID:
                yield Static(Content(""), id=self.ERROR_ID)
            yield Horizontal(*self.buttons(), classes="form-buttons")

    def show_error(self, text: str) -> None:
        self.query_one(f"#{self.ERROR_ID}", Static).update(Content(text))

    def show_problem(self, problem: UserError) -> None:
        """The sentence on the error line; a FormError's field gets the cursor."""
        self.show_error(str(problem))
        if isinstance(problem, FormError):
            self.focus_field(problem.field)

    def action_save(self) -> None:
        try:
            value = self.submit()
        except UserError as problem:
            self.show_problem(problem)
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_value)  # type: ignore[arg-type]

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.enter_pressed(event.input)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.SAVE_ID:
            event.stop()
            self.action_save()
        elif event.button.id == self.CANCEL_ID:
            event.stop()
            self.action_cancel()
