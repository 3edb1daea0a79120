"""The actions filter: statuses, overdue, due this week, forum, organisation, owner,
promise and words in the text. Returns a new ``ActionFilter`` or None on Escape.

The confidentiality switch is not here on purpose: it is its own key on the
actions screen, with a marker on screen while it is on.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store.model.constants import ACTION_STATUSES, ACTIVE_STATUSES
from store.review.action_rows import ACTIVE, ActionFilter
from store.text.i18n import t
from tui.keymap import key_for
from tui.modals.form import FormModal
from tui.services import Services

PROMISE_LABEL = 56


class ActionFilterModal(FormModal[ActionFilter | None]):
    DEFAULT_CSS = """
    ActionFilterModal > #filter-dialog {
        width: 84;
        max-width: 96%;
        max-height: 96%;
        padding: 0 2;
    }
    ActionFilterModal #filter-dialog-title {
        margin-bottom: 1;
    }
    ActionFilterModal .form-row > Label {
        width: 14;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "apply", t("review.filter.apply"), id="action_filter.apply",
                tooltip=t("review.filter.apply.tip")),
        Binding("ctrl+r", "reset", t("review.filter.reset"), id="action_filter.reset",
                tooltip=t("review.filter.reset.tip")),
        Binding("escape", "cancel", t("review.dialog.cancel"), id="action_filter.cancel",
                tooltip=t("review.dialog.cancel.tip")),
    ]

    FORM_ID = "filter-dialog"
    ERROR_ID = None
    SAVE_ID = "apply"

    def __init__(self, services: Services, current: ActionFilter) -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.current = current

    def form_title(self) -> str:
        return t("review.filter.title")

    def compose_fields(self) -> ComposeResult:
        repo = self.repo
        flt = self.current
        statuses = flt.statuses()

        def select(options: list[tuple[str, int]], value: int | None, id: str) -> Select[int]:
            legal = {v for _, v in options}
            return Select(options, value=value if value in legal else Select.NULL, allow_blank=True,
                          prompt=t("review.filter.any"), compact=True, id=id)

        def row(label: str, *widgets) -> Horizontal:
            return Horizontal(Label(t(f"review.filter.{label}")), *widgets, classes="form-row")

        promises = [
            (_short(f"{t('review.promise_ref', id=p.id)} {p.text}", PROMISE_LABEL), p.id) for p in repo.promises()
        ]
        yield row("status", *[
            Checkbox(t(f"status.action.{status}"), status in statuses, compact=True, id=f"st-{status}")
            for status in ACTION_STATUSES
        ])
        yield row("due", Checkbox(t("review.filter.overdue"), flt.overdue, compact=True, id="flt-overdue"),
                  Checkbox(t("review.filter.this_week"), flt.due_this_week, compact=True, id="flt-week"))
        yield row("forum", select([(f.name, f.id) for f in repo.forums()], flt.forum_id, "flt-forum"))
        yield row("organisation", select([(o.name, o.id) for o in repo.organisations()],
                                         flt.organisation_id, "flt-org"))
        yield row("owner", select([(p.name, p.id) for p in repo.people()], flt.owner_person_id, "flt-owner"))
        yield row("promise", select(promises, flt.promise_id, "flt-promise"))
        yield row("text", Input(flt.text, placeholder=t("review.filter.text_placeholder"), compact=True,
                                id="flt-text"))
        yield Static(Content(t("review.filter.hint")), classes="muted")

    def buttons(self) -> list[Button]:
        return [Button(t("review.filter.apply_button"), id="apply", variant="primary"),
                Button(t("review.filter.reset_button", key=key_for(self.app, "action_filter.reset", "ctrl+r")), id="reset"),
                Button(t("review.dialog.cancel_button"), id="cancel")]

    def on_mount(self) -> None:
        self.query_one("#st-open", Checkbox).focus()

    def _value(self, id: str) -> int | None:
        value = self.query_one(f"#{id}", Select).value
        return None if value is Select.NULL else int(value)  # type: ignore[arg-type]

    def collect(self) -> ActionFilter:
        chosen = {s for s in ACTION_STATUSES if self.query_one(f"#st-{s}", Checkbox).value}
        if chosen == set(ACTION_STATUSES) or not chosen:
            status = None
        elif chosen == set(ACTIVE_STATUSES):
            status = {ACTIVE}
        else:
            status = chosen
        return self.current._replace(
            status=status,
            overdue=self.query_one("#flt-overdue", Checkbox).value,
            due_this_week=self.query_one("#flt-week", Checkbox).value,
            forum_id=self._value("flt-forum"),
            organisation_id=self._value("flt-org"),
            owner_person_id=self._value("flt-owner"),
            promise_id=self._value("flt-promise"),
            text=self.query_one("#flt-text", Input).value.strip(),
        )

    def submit(self) -> ActionFilter:
        return self.collect()

    def action_apply(self) -> None:
        self.action_save()

    def action_reset(self) -> None:
        for status in ACTION_STATUSES:
            self.query_one(f"#st-{status}", Checkbox).value = True
        for id in ("flt-overdue", "flt-week"):
            self.query_one(f"#{id}", Checkbox).value = False
        for id in ("flt-forum", "flt-org", "flt-owner", "flt-promise"):
            self.query_one(f"#{id}", Select).clear()
        self.query_one("#flt-text", Input).value = ""

    @on(Button.Pressed, "#reset")
    def _reset_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_reset()


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
