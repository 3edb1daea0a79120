"""People: the person form (name, organisation, role, e-mail) and the members list of a forum.

The organisation is typed: an existing one is suggested as you type (→ accepts the
suggestion), and a name that does not exist yet becomes a new organisation, its kind
guessed from the name ("Polisen …" → police). The line under the field says which.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, SelectionList, Static

from store.model.constants import PARTIES
from store.model.people import Person
from store.rules.forms.fields import FormError
from store.rules.forms.people import guess_organisation_kind, person_from_input, save_person_draft
from store.text.i18n import UserError, t
from tui.keymap import key_for
from tui.services import Services

FIELDS = ("name", "organisation", "role", "email")


class PersonFormModal(ModalScreen[Person | None]):
    """A new person (or changes to one); returns the saved person or None."""

    DEFAULT_CSS = """
    PersonFormModal #person-form {
        width: 76;
        max-width: 96%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 2;
    }
    PersonFormModal #person-form-title {
        text-style: bold;
        margin-bottom: 1;
    }
    PersonFormModal .form-row {
        height: 1;
        margin-bottom: 1;
    }
    PersonFormModal .form-row > Label {
        width: 14;
        color: $text-muted;
    }
    PersonFormModal .form-row > Input {
        width: 1fr;
    }
    PersonFormModal #p-org-hint {
        color: $text-muted;
        padding-left: 14;
        height: auto;
        margin-bottom: 1;
    }
    PersonFormModal #person-error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    PersonFormModal .form-buttons {
        height: auto;
        align-horizontal: right;
    }
    PersonFormModal .form-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", t("forms.key.save"), id="person_form.save", tooltip=t("forms.key.save.tip")),
        Binding("escape", "cancel", t("forms.key.cancel"), id="person_form.cancel",
                tooltip=t("forms.key.cancel.tip")),
    ]

    def __init__(self, services: Services, person: Person | None = None, municipality: str = "") -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.person = person
        self.municipality = municipality

    def compose(self) -> ComposeResult:
        repo = self.repo
        person = self.person
        org = repo.organisation(person.organisation_id) if person else None
        values = {
            "name": person.name if person else "",
            "organisation": org.name if org else "",
            "role": person.role if person else "",
            "email": person.email if person else "",
        }
        suggestions = {
            "organisation": [o.name for o in repo.organisations()],
            "role": sorted({p.role for p in repo.people() if p.role}),
        }
        title = t("forms.person.title.edit", name=person.name) if person else t("forms.person.title.new")
        label_keys = {"name": "forms.label.person_name"}
        placeholder_keys = {"name": "forms.placeholder.person_name"}
        with Vertical(id="person-form"):
            yield Static(title, id="person-form-title")
            for field in FIELDS:
                suggester = SuggestFromList(suggestions[field], case_sensitive=False) if field in suggestions else None
                widget = Input(values[field], placeholder=t(placeholder_keys.get(field, f"forms.placeholder.{field}")),
                               suggester=suggester, compact=True, id=f"p-{field}")
                yield Horizontal(Label(t(label_keys.get(field, f"forms.label.{field}"))), widget,
                                 classes="form-row")
                if field == "organisation":
                    yield Static(id="p-org-hint")
            yield Static(id="person-error")
            with Horizontal(classes="form-buttons"):
                yield Button(t("forms.button.save"), variant="primary", id="person-save")
                yield Button(t("forms.button.cancel"), id="person-cancel")

    def on_mount(self) -> None:
        self._org_hint()
        self.query_one("#p-name", Input).focus()

    def collect(self) -> dict[str, str]:
        fields = {field: self.query_one(f"#p-{field}", Input).value for field in FIELDS}
        fields["municipality"] = self.municipality
        return fields

    def _org_hint(self) -> None:
        typed = " ".join(self.query_one("#p-organisation", Input).value.split())
        hint = ""
        if typed:
            known = [o for o in self.repo.organisations() if o.name.casefold() == typed.casefold()]
            if known:
                hint = t("forms.person.known_org", name=known[0].name)
            else:
                kind = guess_organisation_kind(typed)
                kind_word = t(f"party.{kind}") if kind in PARTIES else t("forms.person.other_kind")
                hint = t("forms.person.new_org", name=typed, kind=kind_word)
        self.query_one("#p-org-hint", Static).update(hint)

    @on(Input.Changed, "#p-organisation")
    def _organisation_changed(self) -> None:
        self._org_hint()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "p-email":
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#person-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#person-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        repo = self.repo
        error = self.query_one("#person-error", Static)
        try:
            saved = save_person_draft(repo, person_from_input(self.collect(), self.person, repo))
        except FormError as problem:
            error.update(str(problem))
            self.query_one(f"#p-{problem.field}", Input).focus()
            return
        except UserError as problem:
            error.update(str(problem))
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MembersModal(ModalScreen[list[int] | None]):
    """Choose a forum's members among all people; returns the person ids in order, or None."""

    DEFAULT_CSS = """
    MembersModal #members {
        width: 90;
        max-width: 96%;
        height: 80%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    MembersModal #members-title {
        text-style: bold;
    }
    MembersModal #members-filter {
        margin: 1 0;
    }
    MembersModal SelectionList {
        height: 1fr;
    }
    MembersModal #members-count {
        color: $text-muted;
        height: auto;
    }
    MembersModal .form-buttons {
        height: auto;
        align-horizontal: right;
    }
    MembersModal .form-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", t("forms.key.save"), id="members.save", tooltip=t("forms.key.save.tip")),
        Binding("escape", "cancel", t("forms.key.cancel"), id="members.cancel", tooltip=t("forms.key.cancel.tip")),
        Binding("p,ctrl+n", "new_person", t("forms.key.new_person"), id="members.new_person",
                tooltip=t("forms.key.new_person.tip")),
        Binding("slash", "filter", t("forms.key.filter"), id="members.filter", tooltip=t("forms.key.filter.tip")),
        Binding("down", "list", t("forms.key.list"), show=False, id="members.list",
                tooltip=t("forms.key.list.tip")),
    ]

    def __init__(self, services: Services, member_ids: list[int], forum_name: str, municipality: str = "") -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.chosen: list[int] = list(member_ids)
        self.forum_name = forum_name
        self.municipality = municipality

    def compose(self) -> ComposeResult:
        with Vertical(id="members"):
            yield Static(t("forms.members.title", forum=self.forum_name), id="members-title")
            yield Input(placeholder=t("forms.members.filter"), id="members-filter", compact=True)
            yield SelectionList[int](id="members-list")
            yield Static(id="members-count")
            with Horizontal(classes="form-buttons"):
                yield Button(t("forms.button.new_person", key=self._new_key()), id="members-new")
                yield Button(t("forms.button.save"), variant="primary", id="members-save")
                yield Button(t("forms.button.cancel"), id="members-cancel")

    def on_mount(self) -> None:
        self._fill()
        # Typing filters at once; ↓ or Enter goes to the list, space chooses.
        self.query_one("#members-filter", Input).focus()

    def _fill(self) -> None:
        repo = self.repo
        needle = self.query_one("#members-filter", Input).value.strip().casefold()
        listing = self.query_one("#members-list", SelectionList)
        listing.clear_options()
        options = []
        for person in repo.people():
            org = repo.organisation(person.organisation_id)
            text = t("forms.members.row", name=person.name, role=person.role or "–",
                     organisation=org.name if org else "–")
            if needle and needle not in text.casefold():
                continue
            options.append((text, person.id, person.id in self.chosen))
        listing.add_options(options)
        if options:
            listing.highlighted = 0  # so that space toggles at once, also after filtering
        self._count()

    def _new_key(self) -> str:
        return key_for(self.app, "members.new_person", "p,ctrl+n")

    def _count(self) -> None:
        text = t("forms.members.count", count=len(self.chosen), key=self._new_key())
        if not self.repo.people():
            text = t("forms.members.none", key=self._new_key())
        self.query_one("#members-count", Static).update(text)

    @on(Input.Changed, "#members-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#members-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_list()

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled) -> None:
        person_id = event.selection.value
        if person_id in self.chosen:
            self.chosen.remove(person_id)
        else:
            self.chosen.append(person_id)
        self._count()

    @on(Button.Pressed, "#members-new")
    def _new_pressed(self) -> None:
        self.action_new_person()

    @on(Button.Pressed, "#members-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#members-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_filter(self) -> None:
        self.query_one("#members-filter", Input).focus()

    def action_list(self) -> None:
        self.query_one("#members-list", SelectionList).focus()

    def action_new_person(self) -> None:
        def added(person: Person | None) -> None:
            if person is not None:
                self.chosen.append(person.id)
                self.query_one("#members-filter", Input).value = ""
                self._fill()

        self.app.push_screen(PersonFormModal(self.services, municipality=self.municipality), added)

    def action_save(self) -> None:
        known = {p.id for p in self.repo.people()}
        self.dismiss([person_id for person_id in self.chosen if person_id in known])

    def action_cancel(self) -> None:
        self.dismiss(None)
