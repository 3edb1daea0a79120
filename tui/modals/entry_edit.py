"""Correcting a logged line: its text, its kind (information/beslut) and secrecy."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store.i18n import t
from store.models import DECISION, INFO
from tui.modals.confirm import DialogScreen

ACTION = "action"


@dataclass
class EntryEdit:
    """What the line should become. ``kind`` is info, decision or action."""

    text: str
    kind: str
    confidential: bool


class EntryEditModal(DialogScreen[EntryEdit | None]):
    """An action stays an action (its owner and due date live with it); an entry may
    switch between information and decision."""

    def __init__(self, current: EntryEdit) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        is_action = self.current.kind == ACTION
        kinds = [ACTION] if is_action else [INFO, DECISION]
        with Vertical(id="dialog"):
            yield Static(Content(t("meeting.edit.title")), id="dialog-title")
            yield Label(t("meeting.edit.kind"), classes="field-label")
            yield Select(
                [(t(f"kind.{kind}"), kind) for kind in kinds],
                value=self.current.kind,
                allow_blank=False,
                disabled=is_action,
                id="edit-kind",
            )
            yield Label(t("meeting.edit.text"), classes="field-label")
            yield Input(value=self.current.text, id="edit-text")
            yield Checkbox(t("meeting.edit.confidential"), value=self.current.confidential, id="edit-confidential")
            yield Static(Content(""), id="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button(t("meeting.dialog.save"), id="ok", variant="primary")
                yield Button(t("meeting.dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#edit-text", Input).focus()

    def _submit(self) -> None:
        text = " ".join(self.query_one("#edit-text", Input).value.split())
        if not text:
            self.show_error(t("meeting.edit.empty"))
            return
        kind = self.query_one("#edit-kind", Select).value
        self.dismiss(
            EntryEdit(
                text=text,
                kind=kind if isinstance(kind, str) else self.current.kind,
                confidential=self.query_one("#edit-confidential", Checkbox).value,
            )
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self._submit()
