"""A guest at the meeting: a name and the organisation they come from."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from store.i18n import t
from store.models import PRESENT, Attendance
from tui.modals.confirm import DialogScreen


class GuestModal(DialogScreen[Attendance | None]):
    """Returns ``Attendance(guest=True)``, or None on Escape."""

    def __init__(self, organisation_names: Sequence[str] = ()) -> None:
        super().__init__()
        self.organisation_names = list(organisation_names)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(t("meeting.guest.title")), id="dialog-title")
            yield Label(t("meeting.guest.name"), classes="field-label")
            yield Input(id="guest-name")
            yield Label(t("meeting.guest.organisation"), classes="field-label")
            yield Input(
                id="guest-organisation",
                placeholder=t("meeting.guest.organisation_hint"),
                suggester=SuggestFromList(self.organisation_names, case_sensitive=False),
            )
            yield Static(Content(""), id="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button(t("meeting.guest.add"), id="ok", variant="primary")
                yield Button(t("meeting.dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#guest-name", Input).focus()

    def _submit(self) -> None:
        name = " ".join(self.query_one("#guest-name", Input).value.split())
        organisation = " ".join(self.query_one("#guest-organisation", Input).value.split())
        if not name:
            self.show_error(t("meeting.guest.name_missing"))
            self.query_one("#guest-name", Input).focus()
            return
        self.dismiss(Attendance(name=name, organisation=organisation, status=PRESENT, guest=True))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "guest-name" and not self.query_one("#guest-organisation", Input).value:
            self.query_one("#guest-organisation", Input).focus()
            return
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self._submit()
