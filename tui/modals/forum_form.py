"""The forum form: name, kind, cadence, holiday rule, chair rule, confidentiality, agenda.

Everything typed is checked by ``store.rules.forms.forums.forum_from_input`` on save; a problem
shows as one sentence under the form, the cursor goes to the field it is about and
nothing typed is lost. Fields the chosen cadence or chair rule does not use are
hidden (and not checked). A line under the cadence shows the next meetings the
rules give, so a wrong weekday or holiday rule is seen before saving.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, Switch, TextArea

from store.model.constants import FORUM_KINDS, PER_TERM
from store.model.forum import ChairRule, Forum
from store.rules import calendar as cal
from store.rules.forms.fields import ORDINALS, TERM_NTH_MAX
from store.rules.forms.forum_words import rotation, upcoming
from store.rules.forms.forums import (
    CADENCE_FIELDS,
    CADENCE_KINDS,
    CHAIR_FIELDS,
    CHAIR_KINDS,
    HOLIDAY_RULES,
    SSPF,
    cadence_from_input,
    chair_rule_from_input,
    forum_fields,
    forum_from_input,
    holiday_from_input,
)
from store.text.i18n import UserError, t
from tui.modals.form import FormModal, save_cancel_bindings
from tui.services import Services

SELECTS = ("kind", "cadence", "weekday", "nth", "first_month", "holiday", "chair", "chair_person",
           "chair_organisation")
INPUTS = ("name", "municipality", "location", "times", "time", "duration", "pauses", "chair_roles",
          "chair_start_year")
CADENCE_PARAMS = ("weekday", "nth", "times", "first_month", "time", "duration")
CHAIR_PARAMS = ("chair_person", "chair_organisation", "chair_roles", "chair_start_year")
PLACEHOLDERS = ("name", "municipality", "location", "time", "pauses", "chair_roles")


def nth_options(cadence_kind: str) -> list[tuple[str, str]]:
    values = [*range(1, TERM_NTH_MAX + 1), -1] if cadence_kind == PER_TERM else ORDINALS
    return [(t(f"forums.ordinal.{n}"), str(n)) for n in values]


class ForumFormModal(FormModal[Forum | None]):
    """A new forum (``forum`` None) or changes to one; returns the saved forum or None."""

    DEFAULT_CSS = """
    ForumFormModal #forum-form {
        width: 116;
        max-width: 98%;
        max-height: 98%;
        padding: 0 1;
    }
    ForumFormModal #forum-form-title {
        color: $text;
        padding: 0 1;
    }
    ForumFormModal .form-columns {
        height: auto;
    }
    ForumFormModal .form-column {
        width: 1fr;
        height: auto;
        padding: 0 1;
    }
    ForumFormModal .form-section {
        text-style: bold;
        color: $accent;
        margin-top: 1;
    }
    ForumFormModal .form-row {
        height: 1;
    }
    ForumFormModal .form-row > Label {
        width: 15;
    }
    ForumFormModal .form-row > Switch {
        border: none;
        height: 1;
        padding: 0;
        margin-right: 1;
    }
    ForumFormModal .form-hint {
        color: $text-muted;
        height: auto;
        margin-bottom: 1;
    }
    ForumFormModal #f-confidential-hint {
        width: 1fr;
        color: $text-muted;
    }
    ForumFormModal #f-agenda {
        height: 8;
    }
    ForumFormModal #f-members {
        margin-top: 1;
    }
    ForumFormModal #form-error {
        color: $error;
        text-style: bold;
        height: auto;
        padding: 0 1;
    }
    """

    BINDINGS = save_cancel_bindings("forum_form", "forms.key.save", "forms.key.save.tip",
                                    "forms.key.cancel", "forms.key.cancel.tip")

    FORM_ID = "forum-form"
    ERROR_ID = "form-error"
    SAVE_ID = "form-save"
    CANCEL_ID = "form-cancel"
    SAVE_LABEL = "forms.button.save"
    CANCEL_LABEL = "forms.button.cancel"
    ENTER_SAVES = False
    SCROLLING_BODY = True  # 24 rows: the fields scroll, the buttons stay on screen

    def __init__(self, services: Services, forum: Forum | None = None) -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.forum = forum
        self.member_ids: list[int] = list(forum.member_ids) if forum else []
        self._kind = forum.kind if forum else None
        self._confidential_touched = forum is not None

    # -- layout ---------------------------------------------------------------------

    def _row(self, field: str, widget: Widget) -> Horizontal:
        return Horizontal(Label(t(f"forms.label.{field}")), widget, id=f"row-{field}", classes="form-row")

    def form_title(self) -> str:
        return t("forms.title.edit", name=self.forum.name) if self.forum else t("forms.title.new")

    def compose_fields(self) -> ComposeResult:
        repo = self.repo
        values = forum_fields(self.forum, repo, self.services.today())
        municipalities = sorted({f.municipality for f in repo.forums()} | {o.municipality for o in repo.organisations()}
                                - {""})
        roles = sorted({p.role for p in repo.people() if p.role})
        people = [(f"{p.name} · {p.role}" if p.role else p.name, str(p.id)) for p in repo.people()]
        orgs = [(o.name, str(o.id)) for o in repo.organisations()]

        def select(field: str, options: list[tuple[str, str]], blank: bool = False) -> Select[str]:
            legal = {value for _, value in options}
            value = values[field] if values[field] in legal else (Select.NULL if blank else options[0][1])
            return Select(options, value=value, allow_blank=blank, compact=True, id=f"f-{field}",
                          prompt=t("forms.choose"))

        def field_input(field: str, **kwargs) -> Input:
            placeholder = t(f"forms.placeholder.{field}") if field in PLACEHOLDERS else ""
            return Input(values[field], placeholder=placeholder, compact=True, id=f"f-{field}", **kwargs)

        with VerticalScroll(id="forum-form-body", classes="form-body"):
            with Horizontal(classes="form-columns"):
                with Vertical(classes="form-column"):
                    yield Static(t("forms.section.forum"), classes="form-section")
                    yield self._row("name", field_input("name"))
                    yield self._row("kind", select("kind", [(t(f"forums.kind.{k}"), k) for k in FORUM_KINDS]))
                    yield self._row("municipality", field_input(
                        "municipality", suggester=SuggestFromList(municipalities, case_sensitive=False)))
                    yield self._row("location", field_input("location"))
                    confidential = Switch(values["confidential"] == "ja", id="f-confidential")
                    yield Horizontal(Label(t("forms.label.confidential")), confidential,
                                     Static(id="f-confidential-hint"),
                                     id="row-confidential", classes="form-row")
                    yield Label(t("forms.label.agenda"), classes="form-hint")
                    yield TextArea(values["agenda"], id="f-agenda", show_line_numbers=False, soft_wrap=True)
                    yield Button(t("forms.button.members", count=len(self.member_ids)), id="f-members",
                                 compact=True)
                with Vertical(classes="form-column"):
                    yield Static(t("forms.section.cadence"), classes="form-section")
                    yield self._row("cadence", select(
                        "cadence", [(t(f"forums.cadence_kind.{k}"), k) for k in CADENCE_KINDS]))
                    yield self._row("times", field_input("times"))
                    yield self._row("first_month", select(
                        "first_month", [(t(f"calendar.month.{m}"), str(m)) for m in range(1, 13)]))
                    yield self._row("nth", select("nth", nth_options(values["cadence"])))
                    yield self._row("weekday", select(
                        "weekday", [(t(f"calendar.weekday.{d}"), str(d)) for d in range(7)]))
                    yield self._row("time", field_input("time"))
                    yield self._row("duration", field_input("duration"))
                    yield self._row("holiday", select(
                        "holiday", [(t(f"forums.holiday.{h}"), h) for h in HOLIDAY_RULES]))
                    yield self._row("pauses", field_input("pauses", tooltip=t("forms.tooltip.pauses")))
                    yield Static(id="f-preview", classes="form-hint")
                    yield Static(t("forms.section.chair"), classes="form-section")
                    yield self._row("chair", select("chair", [(t(f"forums.chair_kind.{k}"), k) for k in CHAIR_KINDS]))
                    yield self._row("chair_person", select("chair_person", people, blank=True))
                    yield self._row("chair_organisation", select("chair_organisation", orgs, blank=True))
                    yield self._row("chair_roles", field_input(
                        "chair_roles", suggester=SuggestFromList(roles, case_sensitive=False)))
                    yield self._row("chair_start_year", field_input("chair_start_year"))
                    yield Static(id="f-roles-hint", classes="form-hint")

    def on_mount(self) -> None:
        self._confidential_hint()
        self._show_fields()
        self._update_hints()
        self.query_one("#f-name", Input).focus()

    # -- what the user typed ----------------------------------------------------------

    def collect(self) -> dict[str, str]:
        fields: dict[str, str] = {}
        for field in SELECTS:
            value = self.query_one(f"#f-{field}", Select).value
            fields[field] = "" if value is Select.NULL else str(value)
        for field in INPUTS:
            fields[field] = self.query_one(f"#f-{field}", Input).value
        fields["confidential"] = "ja" if self.query_one("#f-confidential", Switch).value else "nej"
        fields["agenda"] = self.query_one("#f-agenda", TextArea).text
        fields["members"] = ", ".join(str(i) for i in self.member_ids)
        return fields

    def _value(self, field: str) -> str:
        value = self.query_one(f"#f-{field}", Select).value
        return "" if value is Select.NULL else str(value)

    def _show_fields(self) -> None:
        used = set(CADENCE_FIELDS.get(self._value("cadence"), ())) | set(CHAIR_FIELDS.get(self._value("chair"), ()))
        for field in CADENCE_PARAMS + CHAIR_PARAMS:
            self.query_one(f"#row-{field}").display = field in used

    def _update_hints(self) -> None:
        """The next meetings the typed rules give, as soon as the cadence fields make sense."""
        repo, today = self.repo, self.services.today()
        fields = self.collect()
        preview, roles_hint = "", ""
        try:
            base = self.forum.cadence if self.forum else None
            trial = Forum(name="", cadence=cadence_from_input(fields, base),
                          holiday_rule=holiday_from_input(fields), member_ids=self.member_ids)
        except UserError:
            trial = None
        if trial is not None:
            rows = upcoming(trial, repo, today, count=3)
            dates = ", ".join(
                cal.format_long(row.day) + (f" {row.day.year}" if row.day.year != today.year else "")
                + ("" if row.start else " " + t("forums.upcoming.cancelled"))
                for row in rows
            )
            preview = t("forms.hint.preview", dates=dates) if dates else ""
        if self._value("chair") == "rotating":
            hints = []
            try:
                base_rule = self.forum.chair_rule if self.forum else ChairRule()
                rule = chair_rule_from_input(fields, base_rule, repo, today)
            except UserError:
                rule = None
            if rule is not None:
                turns = rotation(Forum(name="", chair_rule=rule, member_ids=self.member_ids), repo, today)
                hints.append(t("forms.hint.rotation", rotation=" · ".join(f"{y}: {who}" for y, who in turns)))
            roles = sorted({p.role for p in (repo.person(i) for i in self.member_ids) if p and p.role})
            if roles:
                hints.append(t("forms.hint.roles", roles=", ".join(roles)))
            roles_hint = "\n".join(hints)
        self.query_one("#f-preview", Static).update(preview)
        self.query_one("#f-roles-hint", Static).update(roles_hint)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        field = (event.select.id or "").removeprefix("f-")
        if field == "cadence":
            nth = self.query_one("#f-nth", Select)
            current = nth.value
            options = nth_options(self._value("cadence"))
            nth.set_options(options)
            legal = {value for _, value in options}
            nth.value = current if current in legal else options[0][1]
        if field == "kind" and self._value("kind") != self._kind:
            self._kind = self._value("kind")
            if not self._confidential_touched:
                switch = self.query_one("#f-confidential", Switch)
                with self.prevent(Switch.Changed):
                    switch.value = self._kind == SSPF
                self._confidential_hint()
        self._show_fields()
        self._update_hints()

    @on(Switch.Changed)
    def _switch_changed(self) -> None:
        self._confidential_touched = True
        self._confidential_hint()

    def _confidential_hint(self) -> None:
        on_ = self.query_one("#f-confidential", Switch).value
        self.query_one("#f-confidential-hint", Static).update(
            t("forms.hint.confidential_on" if on_ else "forms.hint.confidential_off"))

    @on(Input.Changed)
    def _input_changed(self) -> None:
        self._update_hints()

    # -- buttons and keys ----------------------------------------------------------------

    @on(Button.Pressed, "#f-members")
    def _members_pressed(self) -> None:
        from tui.modals.person_form import MembersModal

        name = self.query_one("#f-name", Input).value.strip() or t("forms.title.new")

        def chosen(ids: list[int] | None) -> None:
            if ids is not None:
                self.member_ids = ids
                self.query_one("#f-members", Button).label = t("forms.button.members", count=len(ids))
                self._update_hints()

        self.app.push_screen(MembersModal(self.services, self.member_ids, name), chosen)

    def submit(self) -> Forum:
        repo = self.repo
        return repo.save_forum(forum_from_input(self.collect(), self.forum, repo, today=self.services.today()))

    def focus_field(self, field: str) -> None:
        if field == "members":
            self.query_one("#f-members").focus()
            return
        widgets = self.query(f"#f-{field}")
        if widgets:
            widgets.first().focus()
