"""A new agenda item (dagordningspunkt): its title and, if the agenda gives one, its
time budget in minutes; and the budget of an item already on the agenda."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Static

from store.rules.agenda import parse_minutes
from store.text.i18n import UserError, t
from tui.modals.confirm import DialogScreen
from tui.modals.export_choice import CheckedPromptModal


@dataclass(frozen=True)
class NewItem:
    title: str
    minutes: int | None = None


class AgendaItemModal(DialogScreen[NewItem | None]):
    """Returns the new item, or None on Escape."""

    def __init__(self, after: str = "") -> None:
        super().__init__()
        self.after = after

    def form_title(self) -> str:
        return t("meeting.agenda_modal.title")

    def compose_fields(self) -> ComposeResult:
        yield Label(t("meeting.agenda_modal.label"), classes="field-label")
        yield Input(id="agenda-title")
        yield Label(t("meeting.agenda_modal.minutes"), classes="field-label")
        yield Input(id="agenda-minutes", placeholder=t("meeting.agenda_modal.minutes_placeholder"))
        if self.after:
            yield Static(Content(t("meeting.agenda_modal.after", title=self.after)), id="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#agenda-title", Input).focus()

    def submit(self) -> NewItem:
        title = self.query_one("#agenda-title", Input).value.strip()
        if not title:
            raise UserError("meeting.agenda_modal.empty")
        return NewItem(title, parse_minutes(self.query_one("#agenda-minutes", Input).value))


def minutes_modal(title: str, minutes: int | None) -> CheckedPromptModal:
    """The time budget of an item on the agenda; returns the minutes (None: no budget)
    wrapped in a tuple, so that "no budget" is not read as Escape."""
    return CheckedPromptModal(t("meeting.minutes_modal.title"), t("meeting.minutes_modal.label", title=title),
                              lambda text: (parse_minutes(text),), value=str(minutes or ""),
                              hint=t("meeting.minutes_modal.hint"))
