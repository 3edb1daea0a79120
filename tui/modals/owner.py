"""An @owner nobody is called, or several are: pick who was meant, or add a new person.

The screen hands over the organisations and the people/organisations to choose
from; the dialog returns what the user chose (``OwnerChoice``), and the session
stores a new person with the line, in the line's transaction — the same store
method the command line's ``--add-owner`` uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from store.session.reading import OwnerChoice
from store.text.i18n import UserError, t
from tui.modals.confirm import DialogScreen


@dataclass
class OwnerOption:
    """Someone who can own an action: a person (with organisation) or an organisation."""

    label: str
    person_id: int | None = None
    organisation_id: int | None = None


class OwnerModal(DialogScreen[OwnerChoice | None]):
    DEFAULT_CSS = """
    OwnerModal #owner-list {
        height: auto;
        max-height: 8;
        margin-bottom: 1;
    }
    OwnerModal .section {
        text-style: bold;
        margin-top: 1;
    }
    """

    SAVE_ID = "add"

    BINDINGS = [
        Binding("down", "list_move(1)", show=False, id="meeting.owner.down"),
        Binding("up", "list_move(-1)", show=False, id="meeting.owner.up"),
    ]

    def __init__(self, token: str, organisations: Sequence[tuple[int, str]],
                 options: Sequence[OwnerOption], candidates: Sequence[str] = ()) -> None:
        """``candidates``: the names ``token`` could mean (it is ambiguous), listed first."""
        super().__init__()
        self.token = token
        self.organisations = list(organisations)
        self.options = list(options)
        self.candidates = list(candidates)
        self.shown: list[OwnerOption] = []

    def form_title(self) -> str:
        if self.candidates:
            return t("meeting.owner.title_ambiguous", owner=self.token)
        return t("meeting.owner.title", owner=self.token)

    def _is_candidate(self, option: OwnerOption) -> bool:
        return any(option.label == name or option.label.startswith(name + " (") for name in self.candidates)

    def compose_fields(self) -> ComposeResult:
        # Several fit: picking one of them is the likely answer, so the list comes
        # first; at 80×24 the section below the first starts off screen.
        if self.candidates:
            yield from self._pick_section("meeting.owner.pick_first")
            yield from self._new_section("meeting.owner.new_second")
        else:
            yield from self._new_section("meeting.owner.new_section")
            yield from self._pick_section("meeting.owner.pick_section")

    def _new_section(self, heading: str) -> ComposeResult:
        yield Static(Content(t(heading)), classes="section")
        yield Label(t("meeting.owner.name"), classes="field-label")
        yield Input(value=self.token, id="owner-name")
        yield Label(t("meeting.owner.organisation"), classes="field-label")
        yield Select(
            [(name, org_id) for org_id, name in self.organisations],
            prompt=t("meeting.owner.no_organisation"),
            id="owner-organisation",
        )
        yield Button(t("meeting.owner.add"), id="add", variant="primary")

    def _pick_section(self, heading: str) -> ComposeResult:
        yield Static(Content(t(heading)), classes="section")
        yield Input(id="owner-filter", placeholder=t("meeting.owner.filter"))
        yield OptionList(id="owner-list")

    def buttons(self) -> list[Button]:
        return [Button(t("meeting.dialog.cancel"), id="cancel")]

    def on_mount(self) -> None:
        self._fill("")
        # Several fit: picking one of them is the likely answer, so the list has focus.
        self.query_one("#owner-filter" if self.candidates else "#owner-name", Input).focus()

    def action_list_move(self, delta: int) -> None:
        option_list = self.query_one("#owner-list", OptionList)
        if option_list.option_count:
            current = option_list.highlighted if option_list.highlighted is not None else -delta
            option_list.highlighted = min(max(current + delta, 0), option_list.option_count - 1)

    @staticmethod
    def _matches(option: OwnerOption, words: list[str]) -> bool:
        label = option.label.casefold()
        return all(word.casefold() in label for word in words)

    def _fill(self, text: str) -> None:
        words = text.split()
        self.shown = [o for o in self.options if self._matches(o, words)]
        if not words:
            # Nothing searched yet: whoever shares a word with the typed name comes first
            # ("@Ström" → Daniel Ström), everyone else is still in the list.
            # When the name could be several, those come first of all.
            typed = [w.casefold() for w in self.token.split()]
            self.shown.sort(key=lambda o: (not self._is_candidate(o), -sum(w in o.label.casefold() for w in typed)))
        option_list = self.query_one("#owner-list", OptionList)
        option_list.clear_options()
        option_list.add_options([Option(Content(o.label)) for o in self.shown])
        if self.shown:
            option_list.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "owner-filter":
            event.stop()
            self._fill(event.value)

    def submit(self) -> OwnerChoice:
        """A new person from the name and organisation typed at the top."""
        name = " ".join(self.query_one("#owner-name", Input).value.split())
        if not name:
            raise UserError("meeting.owner.name_missing")
        org = self.query_one("#owner-organisation", Select).value
        return OwnerChoice(new_name=name, new_organisation_id=org if isinstance(org, int) else None)

    def _pick(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.shown):
            self.show_error(t("meeting.owner.nothing_picked"))
            return
        option = self.shown[index]
        self.dismiss(OwnerChoice(person_id=option.person_id, organisation_id=option.organisation_id))

    def enter_pressed(self, field: Input) -> None:
        if field.id == "owner-filter":
            self._pick(self.query_one("#owner-list", OptionList).highlighted)
        else:
            self.action_save()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)
