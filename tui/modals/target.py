"""The target dialog of the import review: count and unit of a promise target.

Typed by what it returns: a ``TargetChoice`` (a target, or None for "no measurable
target"), or None on Escape.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from store.model.promise import Target
from store.text.i18n import t

PER_UNITS = ("period", "year", "term", "tertial", "month", "week")


@dataclass
class TargetChoice:
    """What the target dialog returns: a target, or None for "no measurable target"."""

    target: Target | None


class TargetModal(ModalScreen[TargetChoice | None]):
    """Count and unit of a promise target; None on Escape."""

    DEFAULT_CSS = """
    TargetModal {
        align: center middle;
    }
    TargetModal > #target-dialog {
        width: 60;
        max-width: 95%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    TargetModal #target-title {
        text-style: bold;
        margin-bottom: 1;
    }
    TargetModal #target-promise, TargetModal .target-label {
        color: $text-muted;
    }
    TargetModal #target-promise {
        margin-bottom: 1;
    }
    TargetModal Input, TargetModal Select {
        margin-bottom: 1;
    }
    TargetModal #target-error {
        color: $error;
        height: auto;
    }
    TargetModal .target-buttons {
        height: auto;
        align-horizontal: right;
    }
    TargetModal .target-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", t("io.save.cancel"), id="target.cancel", tooltip=t("io.save.cancel.tip")),
    ]

    def __init__(self, promise_text: str, target: Target | None) -> None:
        super().__init__()
        self.promise_text = promise_text
        self.target = target

    def compose(self) -> ComposeResult:
        short = self.promise_text if len(self.promise_text) <= 110 else self.promise_text[:109] + "…"
        with Vertical(id="target-dialog"):
            yield Static(t("io.target.title"), id="target-title", markup=False)
            yield Static(short, id="target-promise", markup=False)
            yield Label(t("io.target.count"), classes="target-label", markup=False)
            yield Input(value=str(self.target.count) if self.target else "", id="target-count",
                        restrict=r"\d*", max_length=4)
            yield Label(t("io.target.per"), classes="target-label", markup=False)
            yield Select([(t(f"io.per.{unit}"), unit) for unit in PER_UNITS], allow_blank=False,
                         value=self.target.per if self.target and self.target.per in PER_UNITS else "period",
                         id="target-per")
            error = Static("", id="target-error", markup=False)
            error.display = False
            yield error
            with Horizontal(classes="target-buttons"):
                yield Button(t("io.save.ok"), id="target-ok", variant="primary")
                yield Button(t("io.save.cancel"), id="target-cancel")

    def on_mount(self) -> None:
        self.query_one("#target-count", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        text = self.query_one("#target-count", Input).value.strip()
        if not text:
            self.dismiss(TargetChoice(None))
            return
        if not text.isdigit() or int(text) < 1:
            error = self.query_one("#target-error", Static)
            error.update(t("io.target.bad_count"))
            error.display = True
            return
        per = self.query_one("#target-per", Select).value
        self.dismiss(TargetChoice(Target(int(text), str(per))))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "target-cancel":
            self.dismiss(None)
        else:
            self.submit()
