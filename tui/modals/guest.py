"""A guest at the meeting: a name and the organisation they come from (new, or corrected)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from store.model.constants import PRESENT
from store.model.meeting import Attendance
from store.rules.forms.fields import FormError
from store.text.i18n import t
from tui.modals.confirm import DialogScreen


class GuestModal(DialogScreen[Attendance | None]):
    """Returns ``Attendance(guest=True)``, or None on Escape. With ``current`` the
    guest's row is corrected instead of a new one added."""

    SAVE_LABEL = "meeting.guest.add"

    def __init__(self, organisation_names: Sequence[str] = (), current: Attendance | None = None) -> None:
        super().__init__()
        self.organisation_names = list(organisation_names)
        self.current = current
        if current is not None:
            self.SAVE_LABEL = "meeting.dialog.save"

    def form_title(self) -> str:
        return t("meeting.guest.edit_title" if self.current else "meeting.guest.title")

    def compose_fields(self) -> ComposeResult:
        current = self.current
        yield Label(t("meeting.guest.name"), classes="field-label")
        yield Input(value=current.name if current else "", id="guest-name")
        yield Label(t("meeting.guest.organisation"), classes="field-label")
        yield Input(
            value=current.organisation if current else "",
            id="guest-organisation",
            placeholder=t("meeting.guest.organisation_hint"),
            suggester=SuggestFromList(self.organisation_names, case_sensitive=False),
        )

    def on_mount(self) -> None:
        self.query_one("#guest-name", Input).focus()

    def submit(self) -> Attendance:
        name = " ".join(self.query_one("#guest-name", Input).value.split())
        organisation = " ".join(self.query_one("#guest-organisation", Input).value.split())
        if not name:
            raise FormError("name", "meeting.guest.name_missing")
        return Attendance(name=name, organisation=organisation, status=PRESENT, guest=True)

    def focus_field(self, field: str) -> None:
        self.query_one(f"#guest-{field}", Input).focus()

    def enter_pressed(self, field: Input) -> None:
        organisation = self.query_one("#guest-organisation", Input)
        if field.id == "guest-name" and not organisation.value:
            organisation.focus()
        else:
            self.action_save()
