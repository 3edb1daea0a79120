"""The promise form: a citizen promise typed (or corrected) by hand.

Text, municipality, the agreement it belongs to, responsible parties, period
(label as published and first/last day), focus area, measurable target (count
per period/year/term/tertial/quarter/month/week, or none), follow-up forum and
cadence, expected effect and comments. ``promise_from_input`` turns the typed
strings into a ``Promise`` or raises ``FormError`` (one sentence and the field it
is about); the form shows the sentence under the fields, puts the cursor on the
field and keeps everything typed. Saves through ``repo.save_promise``.

``promise_from_input`` (pure, no Textual) lives in ``store.rules.forms.promises``.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select, TextArea

from store.model.constants import PARTIES
from store.model.promise import Agreement, Promise
from store.rules.forms.promises import INPUTS, NO_TARGET, TARGET_UNITS, promise_fields, promise_from_input
from store.text.i18n import t
from tui.modals.form import FormModal, save_cancel_bindings
from tui.services import Services


class PromiseFormModal(FormModal[Promise | None]):
    """A new promise (``promise`` None) or changes to one; returns the saved promise or None."""

    DEFAULT_CSS = """
    PromiseFormModal > #promise-form {
        width: 112;
        max-width: 98%;
        max-height: 98%;
        padding: 0 1;
    }
    PromiseFormModal #promise-form-title {
        padding: 0 1;
    }
    PromiseFormModal .form-columns {
        height: auto;
    }
    PromiseFormModal .form-column {
        width: 1fr;
        height: auto;
        padding: 0 1;
    }
    PromiseFormModal #pf-row-parties {
        padding: 0 1;
    }
    PromiseFormModal .form-row > Label {
        width: 18;
    }
    PromiseFormModal .form-row > #pf-target_count {
        width: 8;
        margin-right: 1;
    }
    PromiseFormModal .form-row > Button {
        margin-left: 1;
        min-width: 6;
    }
    PromiseFormModal TextArea {
        height: 4;
        margin-bottom: 1;
    }
    PromiseFormModal #pf-text {
        height: 5;
    }
    PromiseFormModal .form-label {
        color: $text-muted;
        padding: 0 1;
    }
    PromiseFormModal #promise-form-error {
        color: $text-error;
        text-style: bold;
        height: auto;
        padding: 0 1;
    }
    """

    BINDINGS = save_cancel_bindings("promise_form", "promises.form.key.save", "promises.form.key.save.tip",
                                    "promises.form.key.cancel", "promises.form.key.cancel.tip")

    FORM_ID = "promise-form"
    ERROR_ID = "promise-form-error"
    SAVE_ID = "pf-save"
    CANCEL_ID = "pf-cancel"
    SAVE_LABEL = "promises.form.button.save"
    CANCEL_LABEL = "promises.form.button.cancel"
    ENTER_SAVES = False
    SCROLLING_BODY = True

    def __init__(self, services: Services, promise: Promise | None = None) -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.promise = promise

    def form_title(self) -> str:
        if self.promise and self.promise.id:
            return t("promises.form.title_edit", ref=t("review.promise_ref", id=self.promise.id))
        return t("promises.form.title_new")

    def compose_fields(self) -> ComposeResult:
        repo = self.repo
        values = promise_fields(self.promise)
        municipalities = sorted({p.municipality for p in repo.promises()} | {f.municipality for f in repo.forums()}
                                - {""})
        chosen_parties = set(values["parties"].split(","))

        def row(field: str, *widgets) -> Horizontal:
            return Horizontal(Label(t(f"promises.form.label.{field}")), *widgets, id=f"pf-row-{field}",
                              classes="form-row")

        def field_input(field: str, **kwargs) -> Input:
            return Input(values[field], compact=True, id=f"pf-{field}",
                         placeholder=t(f"promises.form.placeholder.{field}"), **kwargs)

        def select(field: str, options: list[tuple[str, str]], blank: bool) -> Select[str]:
            legal = {value for _, value in options}
            value = values[field] if values[field] in legal else (Select.NULL if blank else options[0][1])
            return Select(options, value=value, allow_blank=blank, compact=True, id=f"pf-{field}",
                          prompt=t("promises.form.choose"))

        with VerticalScroll(id="promise-form-body", classes="form-body"):
            yield Label(t("promises.form.label.text"), classes="form-label")
            yield TextArea(values["text"], id="pf-text", soft_wrap=True, compact=True, show_line_numbers=False)
            yield row("parties", *[
                Checkbox(t(f"party.{party}"), party in chosen_parties, compact=True, id=f"pf-party-{party}")
                for party in PARTIES
            ])
            with Horizontal(classes="form-columns"):
                with Vertical(classes="form-column"):
                    yield row("municipality", field_input(
                        "municipality", suggester=SuggestFromList(municipalities, case_sensitive=False)))
                    yield row("agreement", self._agreement_select(values["agreement"]),
                              Button(t("promises.form.new_agreement"), id="pf-new-agreement", compact=True))
                    yield row("period_label", field_input("period_label"))
                    yield row("period_start", field_input("period_start"))
                    yield row("period_end", field_input("period_end"))
                with Vertical(classes="form-column"):
                    yield row("focus_area", field_input("focus_area"))
                    yield row("target", field_input("target_count"), select(
                        "target_per", [(t(f"promises.per.{u}"), u) for u in (NO_TARGET, *TARGET_UNITS)],
                        blank=False))
                    yield row("follow_up_forum", select(
                        "follow_up_forum", [(f.name, str(f.id)) for f in repo.forums()], blank=True))
                    yield row("follow_up_cadence", field_input("follow_up_cadence"))
                    yield row("expected_effect", field_input("expected_effect"))
            yield Label(t("promises.form.label.comments"), classes="form-label")
            yield TextArea(values["comments"], id="pf-comments", soft_wrap=True, compact=True,
                           show_line_numbers=False)

    def _agreement_select(self, value: str) -> Select[str]:
        options = [(a.name, str(a.id)) for a in self.repo.agreements()]
        legal = {v for _, v in options}
        return Select(options, value=value if value in legal else Select.NULL, allow_blank=True, compact=True,
                      id="pf-agreement", prompt=t("promises.form.no_agreement"))

    def on_mount(self) -> None:
        self.query_one("#pf-text", TextArea).focus()

    def collect(self) -> dict[str, str]:
        fields = {field: self.query_one(f"#pf-{field}", Input).value for field in INPUTS}
        for field in ("agreement", "target_per", "follow_up_forum"):
            value = self.query_one(f"#pf-{field}", Select).value
            fields[field] = "" if value is Select.NULL else str(value)
        fields["parties"] = ",".join(p for p in PARTIES if self.query_one(f"#pf-party-{p}", Checkbox).value)
        fields["text"] = self.query_one("#pf-text", TextArea).text
        fields["comments"] = self.query_one("#pf-comments", TextArea).text
        return fields

    def submit(self) -> Promise:
        return self.repo.save_promise(promise_from_input(self.collect(), self.promise))

    def focus_field(self, field: str) -> None:
        target = {"parties": "#pf-party-police"}.get(field, f"#pf-{field}")
        widgets = self.query(target)
        if widgets:
            widgets.first().focus()

    @on(Button.Pressed, "#pf-new-agreement")
    def _new_agreement(self) -> None:
        from tui.modals.agreement_form import AgreementFormModal

        municipality = self.query_one("#pf-municipality", Input).value.strip()

        def created(agreement: Agreement | None) -> None:
            if agreement is None:
                return
            old = self.query_one("#pf-agreement", Select)
            options = [(a.name, str(a.id)) for a in self.repo.agreements()]
            old.set_options(options)
            old.value = str(agreement.id)

        self.app.push_screen(AgreementFormModal(self.services, None, municipality=municipality), created)


__all__ = ["PromiseFormModal", "promise_fields", "promise_from_input"]
