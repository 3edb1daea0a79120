"""One new status for many actions at once: pick it with a digit (or arrows + Enter),
optionally with a note that goes into every action's history line."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.model.constants import ACTION_STATUSES, STRUCK
from store.text.i18n import UserError, t
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

    SAVE_LABEL = "review.bulk.ok"
    CANCEL_LABEL = "review.dialog.cancel"

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def form_title(self) -> str:
        return t("review.bulk.title", count=self.count)

    def compose_fields(self) -> ComposeResult:
        yield OptionList(
            *[Option(f"{n}  {t(f'status.action.{status}')}", id=status)
              for n, status in enumerate(ACTION_STATUSES, start=1)],
            id="bulk-statuses",
        )
        yield Label(t("review.bulk.note"), classes="field-label")
        yield Input(id="bulk-note", placeholder=t("review.bulk.note_placeholder"))
        yield Static(Content(t("review.bulk.hint")), id="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#bulk-statuses", OptionList)
        options.highlighted = ACTION_STATUSES.index("done")
        options.focus()

    def _chosen(self, status: str) -> BulkStatus:
        note = self.query_one("#bulk-note", Input).value.strip()
        if status == STRUCK and not note:
            # The store's rule, said here before anything is sent: the note is the reason.
            raise UserError("repo.cancel_needs_note_many")
        return BulkStatus(status, note)

    def _choose(self, status: str) -> None:
        try:
            self.dismiss(self._chosen(status))
        except UserError as error:
            self.show_error(str(error))
            self.query_one("#bulk-note", Input).focus()

    def action_choose(self, n: int) -> None:
        self._choose(ACTION_STATUSES[n - 1])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(str(event.option.id))

    def submit(self) -> BulkStatus:
        highlighted = self.query_one("#bulk-statuses", OptionList).highlighted
        if highlighted is None:
            raise UserError("review.bulk.pick")
        return self._chosen(ACTION_STATUSES[highlighted])
