"""Following up an earlier action: a note for "pågår", the reason it is struck, or a
new due date.

The date is typed in the same Swedish forms as on the quick-entry line (fredag,
v. 50, 1/12, om två veckor …) and read by ``store.rules.quickentry.parse_due_date``; a
date that cannot be read is answered with its sentence and the dialog stays open.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Static

from store.rules.quickentry import format_date, parse_due_date
from store.text.i18n import UserError, t
from tui.modals.confirm import DialogScreen, PromptModal


class ProgressModal(PromptModal):
    """"Pågår" with a note on how it is going; returns the note (may be empty) or None."""

    def __init__(self, action_text: str) -> None:
        super().__init__(
            t("meeting.progress.title"),
            t("meeting.progress.label"),
            hint=t("meeting.progress.hint", text=action_text),
        )


class StrikeModal(PromptModal):
    """"Stryk" with the reason, which the store requires; returns it, or None on Escape."""

    def __init__(self, action_text: str) -> None:
        super().__init__(
            t("meeting.strike.title"),
            t("meeting.strike.label"),
            hint=t("meeting.strike.hint", text=action_text),
            required="meeting.strike.required",
        )


class DueDateModal(DialogScreen[date | None]):
    """A new due date for an action; returns the date, or None on Escape."""

    def __init__(self, action_text: str, current_due: date | None, today: date) -> None:
        super().__init__()
        self.action_text = action_text
        self.current_due = current_due
        self.today = today

    def form_title(self) -> str:
        return t("meeting.due.title")

    def compose_fields(self) -> ComposeResult:
        current = format_date(self.current_due, self.today) if self.current_due else t("meeting.none")
        yield Static(Content(t("meeting.due.action", text=self.action_text, due=current)))
        yield Label(t("meeting.due.label"), classes="field-label")
        yield Input(id="due-input", placeholder=t("meeting.due.placeholder"))
        yield Static(Content(""), id="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#due-input", Input).focus()

    def submit(self) -> date:
        return parse_due_date(self.query_one("#due-input", Input).value, self.today)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        hint = self.query_one("#dialog-hint", Static)
        self.show_error("")
        if not event.value.strip():
            hint.update(Content(""))
            return
        try:
            due = parse_due_date(event.value, self.today)
        except UserError:
            hint.update(Content(""))
            return
        hint.update(Content(t("meeting.due.reads_as", date=format_date(due, self.today),
                              week=due.isocalendar()[1])))
