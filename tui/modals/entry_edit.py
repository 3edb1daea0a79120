"""Correcting a line: the whole line in the quick-entry grammar, read again as it is typed.

The line is shown as it would be typed (``å Ringa skolan @kommunen !2026-12-04 #L16
!!``), so kind, owner, due date, promise and secrecy are corrected the same way they
were logged, with the same live preview under it. Enter or ctrl+s saves; a line that
cannot be stored keeps the dialog open with its sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Label, Static

from store.text.i18n import UserError, t
from tui.modals.confirm import DialogScreen

# How a line reads: (the sentence, whether it can be stored).
Reader = Callable[[str], tuple[str, bool]]


class EntryEditModal(DialogScreen[str | None]):
    """Returns the corrected line, or None on Escape."""

    SAVE_LABEL = "meeting.dialog.save"
    DEFAULT_CSS = """
    EntryEditModal #edit-preview {
        height: 2;
        color: $text-muted;
    }
    EntryEditModal #edit-preview.-error {
        color: $error;
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", t("meeting.key.save_line"), id="meeting.edit.save",
                tooltip=t("meeting.key.save_line.tip")),
    ]

    def __init__(self, text: str, reader: Reader, title: str | None = None) -> None:
        super().__init__()
        self.text = text
        self.reader = reader
        self.title_text = title or t("meeting.edit.title")

    def form_title(self) -> str:
        return self.title_text

    def compose_fields(self) -> ComposeResult:
        yield Label(t("meeting.edit.text"), classes="field-label")
        yield Input(value=self.text, id="edit-text")
        yield Static(Content(""), id="edit-preview", markup=False)

    def on_mount(self) -> None:
        field = self.query_one("#edit-text", Input)
        field.focus()
        self._show(field.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_error("")
        self._show(event.value)

    def _show(self, text: str) -> None:
        sentence, ok = self.reader(text)
        preview = self.query_one("#edit-preview", Static)
        preview.set_class(not ok, "-error")
        preview.update(Content(sentence))

    def submit(self) -> str:
        text = " ".join(self.query_one("#edit-text", Input).value.split())
        if not text:
            raise UserError("meeting.edit.empty")
        sentence, ok = self.reader(text)
        if not ok:
            raise UserError("meeting.edit.problem", sentence=sentence)
        return text
