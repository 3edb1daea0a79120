"""Export preview: the Markdown as it will leave the program, then save or copy it.

Three kinds: the minutes of one meeting, the action list, and the citizen-promise
report for a period. What is previewed is byte for byte what is saved or copied (the
same ``store.exports.files`` call with the same choice). Confidential content is left out
unless the user turns it on with a key, and the screen says in words which it is; the
report is written to be published and has no such switch. Files are written with
``store.exports.files.write_atomic`` (temp file, fsync, rename), never half.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, MarkdownViewer, Static

from store.exports.files import (
    actions_markdown,
    minutes_markdown,
    parse_period,
    report_markdown,
    write_atomic,
)
from store.model.constants import ACTIVE_STATUSES
from store.model.meeting import Meeting
from store.rules import calendar as cal
from store.text.i18n import UserError, t
from tui.events import StoreChanged
from tui.modals.confirm import PromptModal
from tui.modals.save_as import SaveAsModal, display_path, documents_folder, reason_text
from tui.screens.base import StoreScreen
from tui.services import Services
from tui.widgets.footer import KeyFooter

MINUTES, ACTIONS, REPORT = "minutes", "actions", "report"
KINDS = (MINUTES, ACTIONS, REPORT)

_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o"})


def slug(text: str) -> str:
    """"Måndagsmöte Södertälje" → "mandagsmote-sodertalje" (å→a ä→a ö→o, other marks dropped)."""
    text = unicodedata.normalize("NFKD", text.translate(_SWEDISH))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _binding(key: str, action: str, name: str) -> Binding:
    return Binding(key, action, t(f"io.key.{name}"), id=f"export.{name}", tooltip=t(f"io.key.{name}.tip"))


class PeriodModal(PromptModal):
    """A report period; a typo is shown in the dialog, which stays open."""

    def __init__(self, current: str) -> None:
        super().__init__(t("io.export.period_title"), t("io.export.period_label"), value=current)

    def _submit(self) -> None:
        from textual.widgets import Input

        text = self.query_one("#prompt-input", Input).value.strip()
        try:
            parse_period(text)
        except UserError as error:
            self.show_error(str(error))
            return
        self.dismiss(text)


class ExportScreen(StoreScreen):
    DEFAULT_CSS = """
    ExportScreen #export-title {
        height: 1;
        padding: 0 1;
        background: $primary-background;
        color: $text;
        text-style: bold;
    }
    ExportScreen #export-status {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    ExportScreen #export-status.-omitted {
        color: $text-success;
    }
    ExportScreen #export-status.-included {
        background: $warning-muted;
        color: $text-warning;
        text-style: bold;
    }
    ExportScreen #export-preview {
        height: 1fr;
        border-top: solid $primary;
    }
    """

    BINDINGS = [
        _binding("escape", "back", "back"),
        _binding("s", "save", "save"),
        _binding("k", "copy", "copy"),
        _binding("t", "toggle_confidential", "confidential"),
        _binding("p", "change_period", "period"),
    ]

    def __init__(self, services: Services, kind: str, meeting_id: int | None = None, period: str | None = None) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown export kind: {kind!r}")
        super().__init__(services)
        self.kind = kind
        self.meeting_id = meeting_id
        self.period = period
        self.include_confidential = False  # what leaves the room is public unless asked
        self.text = ""

    # -- what is shown ---------------------------------------------------------------

    def _meeting(self) -> Meeting | None:
        return self.repo.meeting(self.meeting_id) if self.meeting_id else None

    def build(self) -> str:
        """The document exactly as it will be saved or copied; a UserError is one sentence."""
        repo = self.repo
        if self.kind == MINUTES:
            meeting = self._meeting()
            if meeting is None:
                raise UserError("io.export.unknown_meeting", id=self.meeting_id)
            return minutes_markdown(repo, meeting, include_confidential=self.include_confidential)
        if self.kind == ACTIONS:
            return actions_markdown(repo, include_confidential=self.include_confidential,
                                    today=self.today())
        return report_markdown(repo, self.period or "", today=self.today())

    def confidential_count(self) -> int:
        """How many confidential items the document leaves out (or carries), as store.exports.files counts them."""
        repo = self.repo
        if self.kind == MINUTES:
            meeting = self._meeting()
            if meeting is None:
                return 0
            items = [*repo.entries(meeting.id), *repo.actions_of_meeting(meeting.id)]
            return sum(1 for item in items if item.confidential)
        if self.kind == ACTIONS:
            return sum(
                1 for doc in repo.action_docs(history=False).values()
                if doc.get("confidential") and doc.get("status") in ACTIVE_STATUSES
            )
        return 0

    def title_text(self) -> str:
        if self.kind == MINUTES:
            meeting = self._meeting()
            forum = self.repo.forum(meeting.forum_id) if meeting else None
            return t("io.export.title.minutes", forum=forum.name if forum else "",
                     date=cal.format_date(meeting.day) if meeting else "")
        if self.kind == ACTIONS:
            return t("io.export.title.actions")
        return t("io.export.title.report", period=self.period or "")

    def status_text(self) -> tuple[str, str]:
        """The sentence about confidential content and its style class."""
        if self.kind == REPORT:
            return t("io.export.report_note"), ""
        count = self.confidential_count()
        if count == 0:
            return t("io.export.no_confidential"), ""
        if self.include_confidential:
            return t("io.export.included", count=count), "-included"
        return t("io.export.omitted", count=count), "-omitted"

    def suggested_path(self) -> Path:
        """~/Documents/minnesanteckningar-mandagsmote-sodertalje-2026-11-23.md and the like."""
        if self.kind == MINUTES:
            meeting = self._meeting()
            forum = self.repo.forum(meeting.forum_id) if meeting else None
            name = forum.name if forum else ""
            if forum and forum.municipality and forum.municipality.casefold() not in name.casefold():
                name = f"{name} {forum.municipality}"
            day = meeting.day.isoformat() if meeting else self.today().isoformat()
            parts = [t("io.file.minutes"), slug(name), day]
        elif self.kind == ACTIONS:
            parts = [t("io.file.actions"), self.today().isoformat()]
        else:
            parts = [t("io.file.report"), slug(self.period or "")]
        return documents_folder() / ("-".join(p for p in parts if p) + ".md")

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="export-title", markup=False)
        yield Static("", id="export-status", markup=False)
        yield MarkdownViewer(id="export-preview", show_table_of_contents=False, open_links=False)
        yield KeyFooter()

    async def on_mount(self) -> None:
        if self.kind == REPORT and not self.period:
            self.period = str(self.today().year)
        if self.kind == MINUTES and self._meeting() is None:
            self.notify(t("io.export.unknown_meeting", id=self.meeting_id), severity="error")
            self.app.pop_screen()
            return
        await self.show()
        self.query_one("#export-preview", MarkdownViewer).document.focus()

    async def show(self) -> None:
        try:
            self.text = self.build()
        except UserError as error:
            self.text = ""
            self.notify(str(error), severity="error", timeout=8)
        self.query_one("#export-title", Static).update(self.title_text())
        sentence, style = self.status_text()
        status = self.query_one("#export-status", Static)
        status.update(sentence)
        status.set_class(style == "-omitted", "-omitted")
        status.set_class(style == "-included", "-included")
        await self.query_one("#export-preview", MarkdownViewer).document.update(self.text)

    async def on_store_changed(self, message: StoreChanged) -> None:
        await self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_confidential":
            return self.kind != REPORT
        if action == "change_period":
            return self.kind == REPORT
        return True

    # -- actions ---------------------------------------------------------------------

    async def action_toggle_confidential(self) -> None:
        if self.kind == REPORT:
            return
        self.include_confidential = not self.include_confidential
        await self.show()

    def action_change_period(self) -> None:
        def chosen(period: str | None) -> None:
            if period and period != self.period:
                self.period = period
                self.run_worker(self.show(), exclusive=True, group="export-preview")

        self.app.push_screen(PeriodModal(self.period or ""), chosen)

    def _carries_confidential(self) -> bool:
        return self.include_confidential and self.confidential_count() > 0

    def action_copy(self) -> None:
        if not self.text:
            return
        self.app.copy_to_clipboard(self.text)
        if self._carries_confidential():
            self.notify(t("io.export.copied_confidential"), severity="warning", timeout=8)
        else:
            self.notify(t("io.export.copied", lines=len(self.text.splitlines())))

    def action_save(self) -> None:
        if not self.text:
            return
        data = self.text.encode("utf-8")
        confidential = self._carries_confidential()

        def write(path: Path) -> Path:
            try:
                return write_atomic(path, data)
            except UserError as error:
                if error.key == "export.is_directory":
                    raise UserError("io.save.is_directory", path=display_path(path)) from None
                reason = reason_text(error.params.get("reason", ""))
                raise UserError("io.save.failed", path=display_path(path), reason=reason) from None

        def saved(path: Path | None) -> None:
            if path is None:
                return
            message = t(f"io.export.saved.{self.kind}", path=display_path(path))
            if confidential:
                self.notify(f"{message} {t('io.export.saved_confidential')}", severity="warning", timeout=10)
            else:
                self.notify(message, timeout=8)

        self.app.push_screen(SaveAsModal(self.suggested_path(), write=write), saved)

    def action_back(self) -> None:
        self.app.pop_screen()
