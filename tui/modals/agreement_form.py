"""The agreement form: the cooperation agreement (samverkansöverenskommelse) promises
belong to. Name, municipality, parties and its first and last day; a problem is one
sentence under the form with everything typed kept. Saves via ``repo.save_agreement``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Label

from store.model.constants import PARTIES
from store.model.promise import Agreement
from store.rules.forms.promises import agreement_from_input
from store.text.i18n import t
from tui.modals.form import FormModal, save_cancel_bindings
from tui.services import Services

INPUTS = ("name", "municipality", "start", "end")


class AgreementFormModal(FormModal[Agreement | None]):
    """A new agreement (``agreement`` None) or changes to one; returns the saved one or None."""

    DEFAULT_CSS = """
    AgreementFormModal > #agreement-form {
        width: 76;
        max-width: 96%;
        max-height: 96%;
        padding: 0 2;
    }
    AgreementFormModal #agreement-form-title {
        margin-bottom: 1;
    }
    AgreementFormModal .form-row > Label {
        width: 14;
    }
    AgreementFormModal #agreement-form-error {
        color: $text-error;
        text-style: bold;
        height: auto;
    }
    """

    BINDINGS = save_cancel_bindings("agreement_form", "promises.form.key.save", "promises.agreement.key.save.tip",
                                    "promises.form.key.cancel", "promises.form.key.cancel.tip")

    FORM_ID = "agreement-form"
    ERROR_ID = "agreement-form-error"
    SAVE_ID = "af-save"
    CANCEL_ID = "af-cancel"
    SAVE_LABEL = "promises.form.button.save"
    CANCEL_LABEL = "promises.form.button.cancel"
    ENTER_SAVES = False

    def __init__(self, services: Services, agreement: Agreement | None = None, municipality: str = "") -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.agreement = agreement
        self.municipality = municipality

    def form_title(self) -> str:
        if self.agreement and self.agreement.id:
            return t("promises.agreement.title_edit", name=self.agreement.name)
        return t("promises.agreement.title_new")

    def compose_fields(self) -> ComposeResult:
        a = self.agreement or Agreement(name="", municipality=self.municipality, parties=list(PARTIES))
        values = {
            "name": a.name, "municipality": a.municipality,
            "start": a.start.isoformat() if a.start else "", "end": a.end.isoformat() if a.end else "",
        }

        def row(field: str, *widgets) -> Horizontal:
            return Horizontal(Label(t(f"promises.agreement.label.{field}")), *widgets, classes="form-row")

        for field in INPUTS:
            yield row(field, Input(values[field], compact=True, id=f"af-{field}",
                                   placeholder=t(f"promises.agreement.placeholder.{field}")))
        yield row("parties", *[
            Checkbox(t(f"party.{party}"), party in a.parties, compact=True, id=f"af-party-{party}")
            for party in PARTIES
        ])

    def on_mount(self) -> None:
        self.query_one("#af-name", Input).focus()

    def collect(self) -> dict[str, str]:
        fields = {field: self.query_one(f"#af-{field}", Input).value for field in INPUTS}
        fields["parties"] = ",".join(p for p in PARTIES if self.query_one(f"#af-party-{p}", Checkbox).value)
        return fields

    def submit(self) -> Agreement:
        return self.repo.save_agreement(agreement_from_input(self.collect(), self.agreement))

    def focus_field(self, field: str) -> None:
        self.query_one("#af-party-police" if field == "parties" else f"#af-{field}").focus()


__all__ = ["AgreementFormModal", "agreement_from_input"]
