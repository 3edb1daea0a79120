"""A meeting outside the series (or a series meeting at another time): forum, date, time, place.

The date is typed the way the quick-entry line reads dates (idag, imorgon, fredag,
1/12, 3 dec, v. 50) or as 2026-12-03; a line under it says which day that is, so a
misread date is seen before saving. Time and place start from the forum's own.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from store.model.meeting import Meeting
from store.rules import calendar as cal
from store.rules.forms.fields import FormError
from store.rules.forms.meetings import book_meeting, meeting_from_input, parse_meeting_date
from store.text.i18n import UserError, t
from tui.services import Services

FIELDS = ("date", "time", "location")


class AdHocMeetingModal(ModalScreen[Meeting | None]):
    """Returns the stored meeting, or None when cancelled."""

    DEFAULT_CSS = """
    AdHocMeetingModal #adhoc {
        width: 80;
        max-width: 96%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 2;
    }
    AdHocMeetingModal #adhoc-title {
        text-style: bold;
    }
    AdHocMeetingModal #adhoc-intro {
        color: $text-muted;
        margin-bottom: 1;
    }
    AdHocMeetingModal .form-row {
        height: 1;
        margin-bottom: 1;
    }
    AdHocMeetingModal .form-row > Label {
        width: 10;
        color: $text-muted;
    }
    AdHocMeetingModal .form-row > Input, AdHocMeetingModal .form-row > Select {
        width: 1fr;
    }
    AdHocMeetingModal #adhoc-preview {
        color: $accent;
        padding-left: 10;
        height: auto;
        margin-bottom: 1;
    }
    AdHocMeetingModal #adhoc-error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    AdHocMeetingModal .form-buttons {
        height: auto;
        align-horizontal: right;
    }
    AdHocMeetingModal .form-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "create", t("adhoc.key.create"), id="adhoc.create", tooltip=t("adhoc.key.create.tip")),
        Binding("escape", "cancel", t("forms.key.cancel"), id="adhoc.cancel", tooltip=t("forms.key.cancel.tip")),
    ]

    def __init__(self, services: Services, forum_id: int | None = None) -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.forum_id = forum_id
        # Time and place follow the chosen forum until the user types their own.
        self._typed: set[str] = set()

    def compose(self) -> ComposeResult:
        forums = self.repo.forums()
        options = [(f.name, f.id) for f in forums]
        value = self.forum_id if self.forum_id in {f.id for f in forums} else Select.NULL
        with Vertical(id="adhoc"):
            yield Static(t("adhoc.title"), id="adhoc-title")
            yield Static(t("adhoc.intro"), id="adhoc-intro")
            yield Horizontal(Label(t("adhoc.label.forum")),
                             Select(options, value=value, prompt=t("adhoc.prompt_forum"), compact=True,
                                    id="adhoc-forum"),
                             classes="form-row")
            placeholders = {"date": t("adhoc.placeholder.date"), "time": t("forms.placeholder.time"),
                            "location": t("forms.placeholder.location")}
            for field in FIELDS:
                yield Horizontal(Label(t(f"adhoc.label.{field}")),
                                 Input(placeholder=placeholders[field], compact=True, id=f"adhoc-{field}"),
                                 classes="form-row")
                if field == "date":
                    yield Static(id="adhoc-preview")
            yield Static(id="adhoc-error")
            with Horizontal(classes="form-buttons"):
                yield Button(t("adhoc.button.create"), variant="primary", id="adhoc-create")
                yield Button(t("forms.button.cancel"), id="adhoc-cancel")

    def on_mount(self) -> None:
        self._follow_forum()
        start = "#adhoc-date" if self.forum_id is not None else "#adhoc-forum"
        self.query_one(start).focus()

    def _forum(self):
        value = self.query_one("#adhoc-forum", Select).value
        return None if value is Select.NULL else self.repo.forum(value)

    def collect(self) -> dict[str, str]:
        forum = self._forum()
        fields = {field: self.query_one(f"#adhoc-{field}", Input).value for field in FIELDS}
        fields["forum"] = str(forum.id) if forum else ""
        return fields

    def _follow_forum(self) -> None:
        forum = self._forum()
        if forum is None:
            return
        defaults = {"time": forum.cadence.time, "location": forum.location}
        for field, value in defaults.items():
            if field not in self._typed:
                widget = self.query_one(f"#adhoc-{field}", Input)
                with widget.prevent(Input.Changed):
                    widget.value = value
        self._preview()

    def _preview(self) -> None:
        repo, today = self.repo, self.services.today()
        text = ""
        try:
            day = parse_meeting_date(self.query_one("#adhoc-date", Input).value, today)
        except UserError:
            day = None
        if day is not None:
            params = {"date": cal.format_long(day), "year": day.year, "week": cal.week_label(day)}
            text = t("adhoc.preview", **params)
            forum = self._forum()
            if forum is not None:
                stored = repo.meeting_on(forum.id, day)
                series = cal.occurrences(forum.cadence, forum.holiday_rule, day, day)
                if stored is not None:
                    text = t("adhoc.preview.exists", forum=forum.name, time=cal.format_time(stored.start), **params)
                elif series:
                    text = t("adhoc.preview.series", time=cal.format_time(series[0]), **params)
        self.query_one("#adhoc-preview", Static).update(text)

    @on(Select.Changed, "#adhoc-forum")
    def _forum_changed(self) -> None:
        self._follow_forum()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._typed.add((event.input.id or "").removeprefix("adhoc-"))
        self._preview()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    @on(Button.Pressed, "#adhoc-create")
    def _create_pressed(self) -> None:
        self.action_create()

    @on(Button.Pressed, "#adhoc-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_create(self) -> None:
        repo = self.repo
        error = self.query_one("#adhoc-error", Static)
        try:
            meeting = book_meeting(repo, meeting_from_input(self.collect(), repo, self.services.today()))
        except FormError as problem:
            error.update(str(problem))
            self.query_one(f"#adhoc-{problem.field}").focus()
            return
        except UserError as problem:
            error.update(str(problem))
            return
        self.dismiss(meeting)

    def action_cancel(self) -> None:
        self.dismiss(None)
