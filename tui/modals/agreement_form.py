"""The agreement form: the cooperation agreement (samverkansöverenskommelse) promises
belong to. Name, municipality, parties and its first and last day; a problem is one
sentence under the form with everything typed kept. Saves via ``repo.save_agreement``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from store.forms import FormError
from store.i18n import UserError, t
from store.models import PARTIES, Agreement
from store.review import parse_period

INPUTS = ("name", "municipality", "start", "end")


def _date(text: str, field: str) -> date | None:
    value = text.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FormError(field, "promises.form.bad_date", text=value) from None


def agreement_from_input(fields: dict[str, str], existing: Agreement | None = None) -> Agreement:
    """Typed strings as an Agreement; FormError (sentence + field) when one cannot be used."""
    name = " ".join(fields.get("name", "").split())
    if not name:
        raise FormError("name", "promises.agreement.name_missing")
    start = _date(fields.get("start", ""), "start")
    end = _date(fields.get("end", ""), "end")
    if start is None and end is None:
        try:  # "Samverkansöverenskommelse 2023–2026": the years are in the name
            years = name.split()[-1]
            start, end = parse_period(years)
        except (UserError, IndexError):
            pass
    if start and end and end < start:
        raise FormError("end", "promises.form.end_before_start", start=start.isoformat(), end=end.isoformat())
    parties = [p for p in PARTIES if p in {x.strip() for x in fields.get("parties", "").split(",")}]
    if len(parties) < 2:
        raise FormError("parties", "promises.agreement.parties_missing")
    base = existing or Agreement(name="")
    return replace(base, name=name, municipality=" ".join(fields.get("municipality", "").split()),
                   parties=parties, start=start, end=end)


class AgreementFormModal(ModalScreen[Agreement | None]):
    """A new agreement (``agreement`` None) or changes to one; returns the saved one or None."""

    DEFAULT_CSS = """
    AgreementFormModal {
        align: center middle;
    }
    AgreementFormModal > #agreement-form {
        width: 76;
        max-width: 96%;
        height: auto;
        max-height: 96%;
        border: thick $primary;
        background: $surface;
        padding: 0 2;
    }
    AgreementFormModal #agreement-form-title {
        text-style: bold;
        margin-bottom: 1;
    }
    AgreementFormModal .form-row {
        height: auto;
        margin-bottom: 1;
    }
    AgreementFormModal .form-row > Label {
        width: 14;
        color: $text-muted;
    }
    AgreementFormModal .form-row > Input {
        width: 1fr;
    }
    AgreementFormModal Checkbox {
        border: none;
        padding: 0;
        margin-right: 2;
        background: transparent;
    }
    AgreementFormModal #agreement-form-error {
        color: $text-error;
        text-style: bold;
        height: auto;
    }
    AgreementFormModal .form-buttons {
        height: auto;
        align-horizontal: right;
    }
    AgreementFormModal .form-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", t("promises.form.key.save"), id="agreement_form.save",
                tooltip=t("promises.agreement.key.save.tip")),
        Binding("escape", "cancel", t("promises.form.key.cancel"), id="agreement_form.cancel",
                tooltip=t("promises.form.key.cancel.tip")),
    ]

    def __init__(self, agreement: Agreement | None = None, municipality: str = "") -> None:
        super().__init__()
        self.agreement = agreement
        self.municipality = municipality

    def compose(self) -> ComposeResult:
        a = self.agreement or Agreement(name="", municipality=self.municipality, parties=list(PARTIES))
        values = {
            "name": a.name, "municipality": a.municipality,
            "start": a.start.isoformat() if a.start else "", "end": a.end.isoformat() if a.end else "",
        }
        title = (t("promises.agreement.title_edit", name=a.name) if self.agreement and self.agreement.id
                 else t("promises.agreement.title_new"))

        def row(field: str, *widgets) -> Horizontal:
            return Horizontal(Label(t(f"promises.agreement.label.{field}")), *widgets, classes="form-row")

        with Vertical(id="agreement-form"):
            yield Static(Content(title), id="agreement-form-title")
            for field in INPUTS:
                yield row(field, Input(values[field], compact=True, id=f"af-{field}",
                                       placeholder=t(f"promises.agreement.placeholder.{field}")))
            yield row("parties", *[
                Checkbox(t(f"party.{party}"), party in a.parties, compact=True, id=f"af-party-{party}")
                for party in PARTIES
            ])
            yield Static(id="agreement-form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(t("promises.form.button.save"), variant="primary", id="af-save")
                yield Button(t("promises.form.button.cancel"), id="af-cancel")

    def on_mount(self) -> None:
        self.query_one("#af-name", Input).focus()

    def collect(self) -> dict[str, str]:
        fields = {field: self.query_one(f"#af-{field}", Input).value for field in INPUTS}
        fields["parties"] = ",".join(p for p in PARTIES if self.query_one(f"#af-party-{p}", Checkbox).value)
        return fields

    def action_save(self) -> None:
        error = self.query_one("#agreement-form-error", Static)
        try:
            agreement = agreement_from_input(self.collect(), self.agreement)
            saved = self.app.repo.save_agreement(agreement)
        except FormError as problem:
            error.update(Content(str(problem)))
            target = "#af-party-police" if problem.field == "parties" else f"#af-{problem.field}"
            self.query_one(target).focus()
            return
        except UserError as problem:
            error.update(Content(str(problem)))
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#af-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#af-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


__all__ = ["AgreementFormModal", "agreement_from_input"]
