"""The quick-entry line: one Input and, under it, how the line will be read.

Enter takes exactly the text typed so far and empties the line in the same step,
before the next key is looked at (``LineInput.action_submit``): keys typed right after
Enter start the next line, however fast they come. The widget only reports what is
typed, submitted or pasted; the screen reads, queues and stores the lines and tells
the widget what to show.

A line that could not be stored is offered back: ↑ on an empty line puts it in the
input to be corrected (``offer``), and Enter then stores it in its place.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from store.text.i18n import t

PREVIEW_STATES = ("hint", "ok", "error", "saved", "pending")


class LineInput(Input):
    """An Input whose Enter hands over the line and empties it at once."""

    BINDINGS = [
        # Said in the preview when there is a line to fetch: the footer stays for the screen's keys.
        Binding("up", "recall", t("meeting.key.recall"), id="meeting.entry.recall",
                tooltip=t("meeting.key.recall.tip"), show=False),
    ]

    @dataclass
    class Taken(Message):
        text: str
        replaces: str | None  # the key of the queued line this corrects, if any

    @dataclass
    class Pasted(Message):
        lines: list[str]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.offered: tuple[str, str] | None = None  # (queued line's key, its text)
        self.correcting: str | None = None

    def action_submit(self) -> None:
        # Runs while the keys after Enter wait (``tui.keys``): the text is this line's
        # alone and the next key lands in an empty input.
        text, replaces = self.value, self.correcting
        self.correcting = None
        self.value = ""
        self.post_message(self.Taken(text, replaces))

    def action_recall(self) -> None:
        if self.value or self.offered is None:
            self.app.bell()
            return
        self.correcting, text = self.offered
        self.offered = None
        self.value = text
        self.cursor_position = len(text)

    def on_paste(self, event: events.Paste) -> None:
        lines = [line for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            # Several lines: each becomes an entry, after the secretary has seen how.
            event.prevent_default()
            event.stop()
            self.post_message(self.Pasted(lines))

    def watch_value(self, value: str) -> None:
        if not value:
            self.correcting = None


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
    QuickEntry > #entry-preview.-pending {
        color: $warning;
    }
    """

    @dataclass
    class Changed(Message):
        """The line was edited; the screen answers with ``show_preview``."""

        text: str

    @dataclass
    class Submitted(Message):
        """Enter was pressed: ``text`` is the line, already taken out of the input."""

        text: str
        replaces: str | None = None

    @dataclass
    class Pasted(Message):
        """Several lines were pasted; the screen asks before logging them."""

        lines: list[str]

    def compose(self) -> ComposeResult:
        yield LineInput(placeholder=t("meeting.entry.placeholder"), id="entry-input")
        yield Static(Content(""), id="entry-preview", classes="-hint", markup=False)

    @property
    def input(self) -> LineInput:
        return self.query_one("#entry-input", LineInput)

    @property
    def preview(self) -> Static:
        return self.query_one("#entry-preview", Static)

    @property
    def value(self) -> str:
        return self.input.value

    def focus_input(self) -> None:
        self.input.focus()

    def offer(self, key: str | None, text: str = "") -> None:
        """The line ↑ brings back for correcting (None: nothing to bring back)."""
        self.input.offered = (key, text) if key is not None else None

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

    def on_line_input_taken(self, event: LineInput.Taken) -> None:
        event.stop()
        self.post_message(self.Submitted(event.text, event.replaces))

    def on_line_input_pasted(self, event: LineInput.Pasted) -> None:
        event.stop()
        self.post_message(self.Pasted(event.lines))
