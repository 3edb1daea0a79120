"""The quick-entry line: one Input and, under it, how the line will be read.

The widget only reports what is typed and submitted; the screen parses, resolves
owners, commits, and tells the widget what to show and whether to clear.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from store.text.i18n import t

PREVIEW_STATES = ("hint", "ok", "error", "saved")


class QuickEntry(Vertical):
    DEFAULT_CSS = """
    QuickEntry {
        height: auto;
    }
    QuickEntry > #entry-input {
        border: tall $primary;
        margin: 0;
    }
    QuickEntry > #entry-input:focus {
        border: tall $accent;
    }
    QuickEntry > #entry-preview {
        height: 2;
        padding: 0 1;
    }
    QuickEntry > #entry-preview.-hint {
        color: $text-muted;
    }
    QuickEntry > #entry-preview.-ok {
        color: $text;
    }
    QuickEntry > #entry-preview.-error {
        color: $error;
        text-style: bold;
    }
    QuickEntry > #entry-preview.-saved {
        color: $success;
    }
    """

    @dataclass
    class Changed(Message):
        """The line was edited; the screen answers with ``show_preview``."""

        text: str

    @dataclass
    class Submitted(Message):
        """Enter was pressed on the line; the screen commits it (or keeps it)."""

        text: str

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("meeting.entry.placeholder"), id="entry-input")
        yield Static(Content(""), id="entry-preview", classes="-hint", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#entry-input", Input)

    @property
    def preview(self) -> Static:
        return self.query_one("#entry-preview", Static)

    @property
    def value(self) -> str:
        return self.input.value

    def clear(self) -> None:
        self.input.value = ""

    def focus_input(self) -> None:
        self.input.focus()

    def show_preview(self, text: str, state: str = "ok") -> None:
        preview = self.preview
        for name in PREVIEW_STATES:
            preview.set_class(name == state, f"-{name}")
        # Fixed height: the screen does not reflow under the secretary's fingers, and a
        # keystroke costs a repaint of two lines, not a new layout.
        preview.update(Content(text), layout=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))
