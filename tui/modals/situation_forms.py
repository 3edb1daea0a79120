"""The lägesbild's own forms: its analysis (a changed analysis is a new version, the
earlier one kept), a medborgardialog, and the åtgärdsplan's decision (which body, which
day). Each reads the typed strings with ``store.rules.forms.situation`` (a FormError
names the field; everything typed is kept) and saves through the repository method
the command line uses."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static, TextArea

from store.model.situation import ActionPlan, CitizenDialogue, SituationPicture
from store.rules import calendar as cal
from store.rules.forms.situation import decision_from_input, dialogue_from_input, picture_from_input
from store.text.i18n import t
from tui.modals.form import FormModal, save_cancel_bindings
from tui.services import Services


class SituationForm(FormModal):
    """The frame of the three: a municipality and year, labelled rows, text areas."""

    DEFAULT_CSS = """
    SituationForm > .form-frame {
        width: 90;
        max-width: 98%;
        max-height: 98%;
        padding: 0 1;
    }
    SituationForm .form-row {
        margin-bottom: 0;
    }
    SituationForm .form-row > Label {
        width: 16;
    }
    SituationForm .form-label {
        color: $text-muted;
        margin-top: 1;
    }
    SituationForm TextArea {
        height: 4;
    }
    SituationForm #situation-form-error {
        color: $text-error;
        text-style: bold;
        height: auto;
    }
    """

    BINDINGS = save_cancel_bindings("situation_form", "situation.form.key.save", "situation.form.key.save.tip",
                                    "situation.form.key.cancel", "situation.form.key.cancel.tip")
    ENTER_SAVES = False
    SCROLLING_BODY = True
    SAVE_LABEL = "situation.form.button.save"
    CANCEL_LABEL = "situation.form.button.cancel"
    ERROR_ID = "situation-form-error"
    PREFIX = "sf"

    def __init__(self, services: Services, municipality: str, year: int) -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.municipality = municipality
        self.year = year

    def row(self, field: str, value: str = "", **kwargs) -> Horizontal:
        return Horizontal(Label(t(f"situation.form.label.{field}")),
                          Input(value, compact=True, id=f"{self.PREFIX}-{field}",
                                placeholder=t(f"situation.form.placeholder.{field}"), **kwargs),
                          classes="form-row")

    def area(self, field: str, value: str = "") -> ComposeResult:
        yield Label(t(f"situation.form.label.{field}"), classes="form-label")
        yield TextArea(value, id=f"{self.PREFIX}-{field}", soft_wrap=True, compact=True, show_line_numbers=False)

    def value(self, field: str) -> str:
        widget = self.query_one(f"#{self.PREFIX}-{field}")
        return widget.text if isinstance(widget, TextArea) else widget.value

    def focus_field(self, field: str) -> None:
        widgets = self.query(f"#{self.PREFIX}-{field}")
        if widgets:
            widgets.first().focus()


class PictureFormModal(SituationForm):
    """The lägesbild's analysis, other information and focus areas; returns the saved picture."""

    FORM_ID = "picture-form"
    SAVE_ID = "pic-save"
    CANCEL_ID = "pic-cancel"
    PREFIX = "pic"

    def form_title(self) -> str:
        return t("situation.form.picture_title", municipality=self.municipality, year=self.year)

    def compose_fields(self) -> ComposeResult:
        picture = self.repo.situation_picture(self.municipality, self.year)
        with VerticalScroll(classes="form-body"):
            if picture is not None:
                saved = cal.format_date(picture.saved) if picture.saved else "–"
                yield Static(Content(t("situation.form.picture_version", version=picture.version, date=saved)),
                             classes="form-label")
            yield from self.area("analysis", picture.analysis if picture else "")
            yield from self.area("other", picture.other_information if picture else "")
            yield from self.area("focus", "\n".join(picture.focus_areas) if picture else "")
            yield self.row("date", self.services.today().isoformat())

    def on_mount(self) -> None:
        self.query_one("#pic-analysis", TextArea).focus()

    def submit(self) -> SituationPicture:
        typed = picture_from_input({f: self.value(f) for f in ("analysis", "other", "focus", "date")})
        return self.repo.save_situation_picture(self.municipality, self.year, typed.analysis,
                                                typed.other_information, typed.focus_areas, typed.day)


class DialogueFormModal(SituationForm):
    """A new medborgardialog of the municipality; returns the saved dialogue."""

    FORM_ID = "dialogue-form"
    SAVE_ID = "dlg-save"
    CANCEL_ID = "dlg-cancel"
    PREFIX = "dlg"

    def form_title(self) -> str:
        return t("situation.form.dialogue_title", municipality=self.municipality)

    def compose_fields(self) -> ComposeResult:
        with VerticalScroll(classes="form-body"):
            yield self.row("date")
            yield self.row("dialogue_year", str(self.year))
            yield self.row("place")
            yield self.row("participants")
            yield from self.area("raised")

    def on_mount(self) -> None:
        self.query_one("#dlg-date", Input).focus()

    def submit(self) -> CitizenDialogue:
        fields = {f: self.value(f) for f in ("date", "place", "participants", "raised")}
        fields.update(municipality=self.municipality, year=self.value("dialogue_year"))
        return self.repo.save_dialogue(dialogue_from_input(fields))

    def focus_field(self, field: str) -> None:
        super().focus_field("dialogue_year" if field == "year" else field)


class DecisionFormModal(SituationForm):
    """Which body decided the year's åtgärdsplan, and when; returns the recorded decision."""

    FORM_ID = "decision-form"
    SAVE_ID = "dec-save"
    CANCEL_ID = "dec-cancel"
    PREFIX = "dec"

    def form_title(self) -> str:
        return t("situation.form.decision_title", municipality=self.municipality, year=self.year)

    def compose_fields(self) -> ComposeResult:
        current = self.repo.action_plan(self.municipality, self.year)
        bodies = sorted({f.name for f in self.repo.forums()} | {t("situation.form.body_suggestion")})
        with VerticalScroll(classes="form-body"):
            if current is not None:
                day = cal.format_date(current.decided_on) if current.decided_on else "–"
                yield Static(Content(t("situation.form.decision_current", body=current.decided_by, date=day)),
                             classes="form-label")
            yield self.row("body", current.decided_by if current else "",
                           suggester=SuggestFromList(bodies, case_sensitive=False))
            yield self.row("date", self.services.today().isoformat())

    def on_mount(self) -> None:
        self.query_one("#dec-body", Input).focus()

    def submit(self) -> ActionPlan:
        body, day = decision_from_input({"body": self.value("body"), "date": self.value("date")})
        return self.repo.decide_plan(self.municipality, self.year, body, day)


__all__ = ["DecisionFormModal", "DialogueFormModal", "PictureFormModal"]
