"""Correcting a logged line: its text, its kind (information/beslut) and secrecy."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Label, Select

from store.model.constants import DECISION, INFO
from store.text.i18n import UserError, t
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

    SAVE_LABEL = "meeting.dialog.save"

    def __init__(self, current: EntryEdit) -> None:
        super().__init__()
        self.current = current

    def form_title(self) -> str:
        return t("meeting.edit.title")

    def compose_fields(self) -> ComposeResult:
        is_action = self.current.kind == ACTION
        kinds = [ACTION] if is_action else [INFO, DECISION]
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

    def on_mount(self) -> None:
        self.query_one("#edit-text", Input).focus()

    def submit(self) -> EntryEdit:
        text = " ".join(self.query_one("#edit-text", Input).value.split())
        if not text:
            raise UserError("meeting.edit.empty")
        kind = self.query_one("#edit-kind", Select).value
        return EntryEdit(
            text=text,
            kind=kind if isinstance(kind, str) else self.current.kind,
            confidential=self.query_one("#edit-confidential", Checkbox).value,
        )
