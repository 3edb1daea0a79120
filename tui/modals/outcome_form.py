"""What came of a promise, entered in the app: an outcome (utfall: how many, what,
when, from which source, at which meeting, and which done actions it stands for) and
an evaluation (bedömning: genomfört / delvis genomfört / ej genomfört, and why).

The typed strings are read by ``store.rules.forms.situation`` (a FormError names the
field; everything typed is kept) and saved through ``repo.add_outcome`` and
``repo.evaluate``, as ``samverkan outcome add`` / ``evaluate`` do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Select, SelectionList, TextArea

from store.model.constants import DONE
from store.model.outcome import VERDICTS, Evaluation, Outcome
from store.model.promise import Promise
from store.repository import Repository
from store.rules import calendar as cal
from store.rules.forms.situation import evaluation_from_input, outcome_from_input
from store.text.i18n import t
from tui.modals.form import FormModal, save_cancel_bindings
from tui.services import Services
from tui.widgets.table_cells import at_word

MEETING_DAYS_BACK = 400  # a follow-up is usually of the last year's meetings


def meeting_options(repo: Repository, today: date) -> list[tuple[str, str]]:
    """Stored meetings of the last year up to today, newest first: "2026-11-12 Chefssamråd"."""
    meetings = [m for m in repo.meetings_between(today - timedelta(days=MEETING_DAYS_BACK), today) if m.id]
    meetings.sort(key=lambda m: m.start, reverse=True)
    options = []
    for meeting in meetings:
        forum = repo.forum(meeting.forum_id)
        options.append((f"{cal.format_date(meeting.day)} {forum.name if forum else ''}", str(meeting.id)))
    return options



class PromiseEntryForm(FormModal):
    """The frame both forms share: a promise named in the title, labelled rows, a meeting."""

    DEFAULT_CSS = """
    PromiseEntryForm > .form-frame {
        width: 90;
        max-width: 98%;
        max-height: 98%;
        padding: 0 1;
    }
    PromiseEntryForm .form-row {
        margin-bottom: 0;
    }
    PromiseEntryForm .form-row > Label {
        width: 14;
    }
    PromiseEntryForm .form-label {
        color: $text-muted;
        margin-top: 1;
    }
    PromiseEntryForm TextArea {
        height: 4;
    }
    PromiseEntryForm SelectionList {
        height: auto;
        max-height: 6;
    }
    PromiseEntryForm #outcome-form-error, PromiseEntryForm #evaluation-form-error {
        color: $text-error;
        text-style: bold;
        height: auto;
    }
    """

    ENTER_SAVES = False
    SCROLLING_BODY = True
    SAVE_LABEL = "situation.form.button.save"
    CANCEL_LABEL = "situation.form.button.cancel"
    PREFIX = ""

    def __init__(self, services: Services, promise: Promise, meeting_id: int | None = None) -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo
        self.promise = promise
        self.today = services.today()
        self.meeting_id = meeting_id  # the meeting it is recorded in, chosen already

    def row(self, field: str, widget) -> Horizontal:
        return Horizontal(Label(t(f"outcome.form.label.{field}")), widget, classes="form-row")

    def field_input(self, field: str, value: str = "") -> Input:
        return Input(value, compact=True, id=f"{self.PREFIX}-{field}",
                     placeholder=t(f"outcome.form.placeholder.{field}"))

    def meeting_select(self) -> Select[str]:
        options = meeting_options(self.repo, self.today)
        value = str(self.meeting_id) if self.meeting_id else Select.NULL
        if self.meeting_id and value not in {v for _, v in options}:
            meeting = self.repo.meeting(self.meeting_id)
            forum = self.repo.forum(meeting.forum_id) if meeting else None
            if meeting is not None:
                options.insert(0, (f"{cal.format_date(meeting.day)} {forum.name if forum else ''}", value))
        return Select(options, value=value, prompt=t("outcome.form.no_meeting"), compact=True,
                      allow_blank=True, id=f"{self.PREFIX}-meeting")

    def value(self, field: str) -> str:
        return self.query_one(f"#{self.PREFIX}-{field}", Input).value

    def meeting(self) -> str:
        value = self.query_one(f"#{self.PREFIX}-meeting", Select).value
        return "" if value is Select.NULL else str(value)

    def focus_field(self, field: str) -> None:
        widgets = self.query(f"#{self.PREFIX}-{field}")
        if widgets:
            widgets.first().focus()


class OutcomeFormModal(PromiseEntryForm):
    """A new outcome on ``promise``; returns the saved Outcome, or None."""

    BINDINGS = save_cancel_bindings("outcome_form", "situation.form.key.save", "outcome.form.key.save.tip",
                                    "situation.form.key.cancel", "situation.form.key.cancel.tip")
    FORM_ID = "outcome-form"
    ERROR_ID = "outcome-form-error"
    SAVE_ID = "of-save"
    CANCEL_ID = "of-cancel"
    PREFIX = "of"

    def form_title(self) -> str:
        return t("outcome.form.title", ref=t("review.promise_ref", id=self.promise.id),
                 text=at_word(self.promise.text, 60))

    def compose_fields(self) -> ComposeResult:
        done = [a for a in self.repo.actions_of_promise(self.promise.id) if a.status == DONE]
        with VerticalScroll(classes="form-body"):
            yield self.row("count", self.field_input("count"))
            yield self.row("text", self.field_input("text"))
            yield self.row("date", self.field_input("date", self.today.isoformat()))
            yield self.row("source", self.field_input("source"))
            yield self.row("meeting", self.meeting_select())
            if done:
                yield Label(t("outcome.form.label.covers"), classes="form-label")
                yield SelectionList[int](*[
                    (t("outcome.form.action_row", id=a.id, text=(f"[{t('review.confidential')}]" if a.confidential
                                                                else at_word(a.text, 60))), a.id, False)
                    for a in sorted(done, key=lambda a: a.id)
                ], id="of-covers", compact=True)

    def on_mount(self) -> None:
        self.query_one("#of-count", Input).focus()

    def submit(self) -> Outcome:
        covers = self.query("#of-covers")
        fields = {field: self.value(field) for field in ("count", "text", "date", "source")}
        fields["meeting"] = self.meeting()
        fields["covers"] = ",".join(str(a) for a in covers.first().selected) if covers else ""
        typed = outcome_from_input(fields)
        return self.repo.add_outcome(self.promise.id, typed.count, typed.text, typed.day, typed.source,
                                     typed.meeting_id, typed.action_ids)


class EvaluationFormModal(PromiseEntryForm):
    """An evaluation of ``promise``; returns the saved Evaluation, or None."""

    BINDINGS = save_cancel_bindings("evaluation_form", "situation.form.key.save", "outcome.form.key.evaluate.tip",
                                    "situation.form.key.cancel", "situation.form.key.cancel.tip")
    FORM_ID = "evaluation-form"
    ERROR_ID = "evaluation-form-error"
    SAVE_ID = "ef-save"
    CANCEL_ID = "ef-cancel"
    PREFIX = "ef"

    def form_title(self) -> str:
        return t("outcome.form.evaluate_title", ref=t("review.promise_ref", id=self.promise.id),
                 text=at_word(self.promise.text, 60))

    def compose_fields(self) -> ComposeResult:
        current = self.repo.evaluation(self.promise.id)
        with VerticalScroll(classes="form-body"):
            yield self.row("verdict", Select([(t(f"outcome.verdict.{v}"), v) for v in VERDICTS],
                                             value=current.verdict if current else Select.NULL,
                                             prompt=t("outcome.form.choose"), compact=True, allow_blank=True,
                                             id="ef-verdict"))
            yield Label(t("outcome.form.label.justification"), classes="form-label")
            yield TextArea(current.justification if current else "", id="ef-justification", soft_wrap=True,
                           compact=True, show_line_numbers=False)
            yield self.row("date", self.field_input("date", self.today.isoformat()))
            yield self.row("meeting", self.meeting_select())

    def on_mount(self) -> None:
        self.query_one("#ef-verdict", Select).focus()

    def submit(self) -> Evaluation:
        verdict = self.query_one("#ef-verdict", Select).value
        typed = evaluation_from_input({
            "verdict": "" if verdict is Select.NULL else str(verdict),
            "justification": self.query_one("#ef-justification", TextArea).text,
            "date": self.value("date"),
            "meeting": self.meeting(),
        })
        return self.repo.evaluate(self.promise.id, typed.verdict, typed.justification, typed.day, typed.meeting_id)


def record_outcome(screen: Screen, services: Services, promise: Promise, after: Callable[[int], None],
                   meeting_id: int | None = None) -> None:
    """The outcome form over ``screen`` (in the meeting ``meeting_id``, if given); a saved
    outcome is said in a notification, then ``after(promise id)``."""

    def saved(outcome: Outcome | None) -> None:
        if outcome is not None:
            screen.notify(t("outcome.tui.saved", count=outcome.count, text=outcome.text,
                            ref=t("review.promise_ref", id=outcome.promise_id)))
            after(outcome.promise_id)

    screen.app.push_screen(OutcomeFormModal(services, promise, meeting_id), saved)


def evaluate_promise(screen: Screen, services: Services, promise: Promise, after: Callable[[int], None]) -> None:
    """The evaluation form over ``screen``; a saved evaluation is said, then ``after(promise id)``."""

    def saved(evaluation: Evaluation | None) -> None:
        if evaluation is not None:
            screen.notify(t("outcome.tui.evaluated", verdict=t(f"outcome.verdict.{evaluation.verdict}"),
                            ref=t("review.promise_ref", id=evaluation.promise_id)))
            after(evaluation.promise_id)

    screen.app.push_screen(EvaluationFormModal(services, promise), saved)


__all__ = ["EvaluationFormModal", "OutcomeFormModal", "evaluate_promise", "meeting_options", "record_outcome"]
