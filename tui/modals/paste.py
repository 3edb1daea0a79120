"""Several pasted lines: how many, and how each will be read, before they are logged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from store.text.i18n import t
from tui.modals.confirm import DialogScreen


class PasteModal(DialogScreen[bool]):
    """Returns True (log them, one entry per line, in order) or False. One key: Enter."""

    SAVE_ID = "paste-yes"
    CANCEL_ID = "paste-no"
    cancel_value = False
    DEFAULT_CSS = """
    PasteModal #paste-lines {
        height: auto;
        max-height: 14;
        margin-bottom: 1;
    }
    PasteModal .paste-line {
        margin-bottom: 1;
    }
    """

    def __init__(self, readings: list[tuple[str, str]]) -> None:
        """``readings``: each line as pasted, and how it will be read."""
        super().__init__()
        self.readings = readings

    def form_title(self) -> str:
        return t("meeting.paste.title", count=len(self.readings))

    def compose_fields(self) -> ComposeResult:
        with VerticalScroll(id="paste-lines"):
            for number, (line, reads_as) in enumerate(self.readings, start=1):
                yield Static(Content(t("meeting.paste.line", number=number, line=line, reads_as=reads_as)),
                             classes="paste-line", markup=False)

    def buttons(self) -> list[Button]:
        return [Button(t("meeting.paste.yes", count=len(self.readings)), id=self.SAVE_ID, variant="primary"),
                Button(t("meeting.dialog.cancel"), id=self.CANCEL_ID)]

    def on_mount(self) -> None:
        self.query_one(f"#{self.SAVE_ID}", Button).focus()

    def submit(self) -> bool:
        return True
