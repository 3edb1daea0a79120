"""The problem form: a problem of the lägesbild typed (or corrected) by hand.

Title, municipality and year, category (a focus area), place or area, when it was
noted, how it is known (sources, and the medborgardialoger it comes from), a
description and whether it is confidential. ``problem_from_input`` (pure, in
``store.rules.forms.situation``) reads the typed strings or raises a FormError; the
form shows the sentence, puts the cursor on the field and keeps everything typed.
Saves through ``repo.save_problem`` (the links to measures are kept: they are
changed with the lägesbild's link key).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Label, SelectionList, Static, TextArea

from store.model.situation import SOURCE_KINDS, Problem
from store.rules import calendar as cal
from store.rules.forms.situation import PROBLEM_INPUTS, problem_fields, problem_from_input
from store.text.i18n import t
from tui.modals.form import FormModal, save_cancel_bindings
from tui.services import Services


class ProblemFormModal(FormModal[Problem | None]):
    """A new problem (``problem`` None) or changes to one; returns the saved problem or None."""

    DEFAULT_CSS = """
    ProblemFormModal > #problem-form {
        width: 96;
        max-width: 98%;
        max-height: 98%;
        padding: 0 1;
    }
    ProblemFormModal .form-row {
        margin-bottom: 0;
    }
    ProblemFormModal .form-row > Label {
        width: 16;
    }
    ProblemFormModal #prf-sources {
        layout: grid;
        grid-size: 2;
        grid-columns: 2fr 3fr;
        grid-rows: 1;
        height: auto;
        margin: 1 0;
    }
    ProblemFormModal #prf-sources > Checkbox {
        border: none;
        padding: 0;
        background: transparent;
    }
    ProblemFormModal .form-label {
        color: $text-muted;
    }
    ProblemFormModal #prf-dialogues {
        height: auto;
        max-height: 5;
    }
    ProblemFormModal #prf-description {
        height: 4;
    }
    ProblemFormModal #prf-confidential {
        border: none;
        padding: 0;
        background: transparent;
        margin-top: 1;
    }
    ProblemFormModal #problem-form-error {
        color: $text-error;
        text-style: bold;
        height: auto;
    }
    """

    BINDINGS = save_cancel_bindings("problem_form", "situation.form.key.save", "situation.form.key.save.tip",
                                    "situation.form.key.cancel", "situation.form.key.cancel.tip")

    FORM_ID = "problem-form"
    ERROR_ID = "problem-form-error"
    SAVE_ID = "prf-save"
    CANCEL_ID = "prf-cancel"
    SAVE_LABEL = "situation.form.button.save"
    CANCEL_LABEL = "situation.form.button.cancel"
    ENTER_SAVES = False
    SCROLLING_BODY = True

    def __init__(self, services: Services, problem: Problem | None = None, municipality: str = "",
                 year: int | None = None) -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.problem = problem
        self.values = problem_fields(problem, municipality, year)

    def form_title(self) -> str:
        if self.problem and self.problem.id:
            return t("situation.form.title_edit", ref=t("situation.ref.problem", id=self.problem.id))
        return t("situation.form.title_new")

    def compose_fields(self) -> ComposeResult:
        repo, values = self.repo, self.values
        municipalities = sorted({p.municipality for p in repo.problems()} | {p.municipality for p in repo.promises()}
                                - {""})
        categories = sorted({p.category for p in repo.problems()} | {f for s in repo.situation_pictures()
                                                                      for f in s.focus_areas} - {""})

        def row(field: str, **kwargs) -> Horizontal:
            return Horizontal(Label(t(f"situation.form.label.{field}")),
                              Input(values[field], compact=True, id=f"prf-{field}",
                                    placeholder=t(f"situation.form.placeholder.{field}"), **kwargs),
                              classes="form-row")

        with VerticalScroll(id="problem-form-body", classes="form-body"):
            yield row("title")
            yield row("municipality", suggester=SuggestFromList(municipalities, case_sensitive=False))
            yield row("year")
            yield row("category", suggester=SuggestFromList(categories, case_sensitive=False))
            yield row("area")
            yield row("noted")
            chosen = set(values["sources"].split(","))
            yield Label(t("situation.form.label.sources"), classes="form-label")
            with Horizontal(id="prf-sources"):
                for kind in SOURCE_KINDS:
                    yield Checkbox(t(f"situation.source.{kind}"), kind in chosen, compact=True,
                                   id=f"prf-source-{kind}")
            yield Label(t("situation.form.label.dialogues"), classes="form-label")
            linked = {int(d) for d in values["dialogues"].split(",") if d}
            dialogues = [d for d in repo.dialogues(values["municipality"] or None) if values["municipality"]]
            dialogues += [d for d in map(repo.dialogue, sorted(linked)) if d is not None and d not in dialogues]
            if dialogues:
                yield SelectionList[int](*[
                    (t("situation.form.dialogue_row", id=d.id,
                       date=cal.format_date(d.day) if d.day else str(d.year), place=d.place or "–"),
                     d.id, d.id in linked) for d in dialogues
                ], id="prf-dialogues", compact=True)
            else:
                yield Static(t("situation.form.no_dialogues"), classes="form-label")
            yield Label(t("situation.form.label.description"), classes="form-label")
            yield TextArea(values["description"], id="prf-description", soft_wrap=True, compact=True,
                           show_line_numbers=False)
            yield Checkbox(t("situation.form.label.confidential"), values["confidential"] == "ja", compact=True,
                           id="prf-confidential")

    def on_mount(self) -> None:
        self.query_one("#prf-title", Input).focus()

    def collect(self) -> dict[str, str]:
        fields = {field: self.query_one(f"#prf-{field}", Input).value for field in PROBLEM_INPUTS}
        fields["sources"] = ",".join(k for k in SOURCE_KINDS if self.query_one(f"#prf-source-{k}", Checkbox).value)
        dialogues = self.query("#prf-dialogues")
        fields["dialogues"] = ",".join(str(d) for d in dialogues.first().selected) if dialogues else ""
        fields["description"] = self.query_one("#prf-description", TextArea).text
        fields["confidential"] = "ja" if self.query_one("#prf-confidential", Checkbox).value else "nej"
        return fields

    def submit(self) -> Problem:
        return self.repo.save_problem(problem_from_input(self.collect(), self.problem))

    def focus_field(self, field: str) -> None:
        target = {"sources": f"#prf-source-{SOURCE_KINDS[0]}"}.get(field, f"#prf-{field}")
        widgets = self.query(target)
        if widgets:
            widgets.first().focus()


__all__ = ["ProblemFormModal"]
