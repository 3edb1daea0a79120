"""One new status for many actions at once: pick it with a digit (or arrows + Enter),
optionally with a note that goes into every action's history line."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.i18n import t
from store.models import ACTION_STATUSES
from tui.modals.confirm import DialogScreen


@dataclass(frozen=True)
class BulkStatus:
    status: str
    note: str = ""


class BulkStatusModal(DialogScreen[BulkStatus | None]):
    """Returns the chosen status and note, or None on Escape."""

    DEFAULT_CSS = """
    BulkStatusModal #bulk-statuses {
        height: auto;
        max-height: 8;
        margin-bottom: 1;
    }
    """

    BINDINGS = [
        Binding(str(n), f"choose({n})", t(f"status.action.{status}"), id=f"bulk_status.{status}",
                tooltip=t("review.bulk.choose.tip", status=t(f"status.action.{status}")))
        for n, status in enumerate(ACTION_STATUSES, start=1)
    ]

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(t("review.bulk.title", count=self.count)), id="dialog-title")
            yield OptionList(
                *[Option(f"{n}  {t(f'status.action.{status}')}", id=status)
                  for n, status in enumerate(ACTION_STATUSES, start=1)],
                id="bulk-statuses",
            )
            yield Label(t("review.bulk.note"), classes="field-label")
            yield Input(id="bulk-note", placeholder=t("review.bulk.note_placeholder"))
            yield Static(Content(t("review.bulk.hint")), id="dialog-hint")
            yield Static(Content(""), id="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button(t("review.bulk.ok"), id="ok", variant="primary")
                yield Button(t("review.dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        options = self.query_one("#bulk-statuses", OptionList)
        options.highlighted = ACTION_STATUSES.index("done")
        options.focus()

    def action_choose(self, n: int) -> None:
        self._dismiss_with(ACTION_STATUSES[n - 1])

    def _dismiss_with(self, status: str) -> None:
        self.dismiss(BulkStatus(status, self.query_one("#bulk-note", Input).value.strip()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._dismiss_with(str(event.option.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def _submit(self) -> None:
        options = self.query_one("#bulk-statuses", OptionList)
        if options.highlighted is None:
            self.show_error(t("review.bulk.pick"))
            return
        self._dismiss_with(ACTION_STATUSES[options.highlighted])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self._submit()
