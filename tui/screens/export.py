"""Export preview: the document as it will leave the program, then save or copy it.

Every kind of the export registry (``store.exports.registry``): the minutes of a
meeting, the action list, the promise follow-up for a period, a forum's calendar, and
whatever is added there. What is previewed is byte for byte what is saved or copied
(the same ``ExportKind.document`` call with the same choice). A kind that can carry
confidential content leaves it out unless the user turns it on with a key, and the
screen says in words which it is; the others say why they never carry it. Files are
written with ``store.exports.files.write_atomic`` (temp file, fsync, rename), never half.

``ExportScreen.start`` is how the app, its command palette and the screens' keys open
an export: what the kind needs and the screen in front does not say (a meeting, a
forum) is asked for first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Header, MarkdownViewer, Static, TextArea

from store.exports.files import write_atomic
from store.exports.registry import (
    ALL,
    AUTHORS,
    DATES,
    EXPORTS,
    FORUM,
    MEETING,
    MUNICIPALITY,
    PERIOD,
    YEAR,
    ExportRequest,
    check_period,
    check_year,
    export_dates,
    parse_dates,
)
from store.model.forum import Forum
from store.model.meeting import Meeting
from store.text.i18n import UserError, t
from tui.events import StoreChanged
from tui.modals.export_choice import CheckedPromptModal, ExportKindModal
from tui.modals.save_as import SaveAsModal, display_path, documents_folder, reason_text
from tui.screens.base import StoreScreen, key_bindings
from tui.services import Services
from tui.widgets.footer import KeyFooter

_binding = key_bindings("export", "io")


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
        # The confidentiality choice before the copy: at 80 columns it is the key that must show.
        _binding("t", "toggle_confidential", "confidential"),
        _binding("k", "copy", "copy"),
        _binding("v", "toggle_authors", "authors"),
        _binding("a", "toggle_all", "all"),
        _binding("o", "toggle_empty_items", "empty_items"),
        _binding("p", "change_period", "period"),
        _binding("e", "other_export", "other"),
    ]

    def __init__(self, services: Services, kind: str, meeting_id: int | None = None, period: str | None = None,
                 forum_id: int | None = None, start: date | None = None, end: date | None = None,
                 meeting: Meeting | None = None, year: int | None = None, municipality: str | None = None) -> None:
        if kind not in EXPORTS:
            raise ValueError(f"unknown export kind: {kind!r}")
        super().__init__(services)
        self.kind = kind
        self.export = EXPORTS[kind]
        self.meeting_id = meeting_id if meeting_id is not None else (meeting.id if meeting else None)
        self.planned = meeting if meeting is not None and not meeting.id else None  # not stored yet
        self.forum_id = forum_id
        self.period = period
        self.start = start
        self.end = end
        self.year: int | None = year
        # The plan of one municipality when opened from its lägesbild; else every one.
        self.municipality = municipality if MUNICIPALITY in self.export.needs else None
        self.include_confidential = False  # what leaves the room is public unless asked
        self.options: frozenset[str] = frozenset()
        self.empty_items: str | None = None  # None: the setting (samverkan config)
        self.text = ""

    # -- opening an export from anywhere in the app ----------------------------------------

    @classmethod
    def start(cls, app: App, services: Services, kind: str, subject: dict[str, Any]) -> None:
        """Open the export ``kind`` about ``subject`` (``meeting_id``, ``meeting``,
        ``forum_id``, ``period``, ``year``, ``municipality``); a meeting or forum it needs
        and is not told is asked for."""
        needs = EXPORTS[kind].needs
        repo = services.repo
        if MEETING in needs and not (subject.get("meeting_id") or subject.get("meeting")):
            def meeting_given(meeting: Meeting | None) -> None:
                if meeting is not None:
                    cls.start(app, services, kind, {**subject, "meeting": meeting})

            app.push_screen(CheckedPromptModal(t("io.export.ask.meeting"), t("io.export.ask.meeting_label"),
                                               repo.resolve_meeting, hint=t("io.export.ask.meeting_hint")),
                            meeting_given)
            return
        if FORUM in needs and not subject.get("forum_id"):
            def forum_given(forum: Forum | None) -> None:
                if forum is not None:
                    cls.start(app, services, kind, {**subject, "forum_id": forum.id})

            app.push_screen(CheckedPromptModal(t("io.export.ask.forum"), t("io.export.ask.forum_label"),
                                               repo.forum_by_name), forum_given)
            return
        known = {key: subject[key] for key in ("meeting_id", "meeting", "forum_id", "period", "year", "municipality")
                 if subject.get(key)}
        app.push_screen(cls(services, kind, **known))

    def export_subject(self) -> dict[str, Any]:
        return {"meeting_id": self.meeting_id, "meeting": self.planned, "forum_id": self.forum_id,
                "period": self.period, "year": self.year, "municipality": self.municipality}

    # -- what is shown ---------------------------------------------------------------

    def _meeting(self) -> Meeting | None:
        return self.repo.meeting(self.meeting_id) if self.meeting_id else self.planned

    def request(self) -> ExportRequest:
        return ExportRequest(
            meeting=self._meeting(),
            forum=self.repo.forum(self.forum_id) if self.forum_id else None,
            period=self.period,
            start=self.start,
            end=self.end,
            year=self.year,
            municipality=self.municipality,
            include_confidential=self.include_confidential,
            options=self.options,
            empty_items=self.empty_items,
            today=self.today(),
        )

    def build(self) -> str:
        """The document exactly as it will be saved or copied; a UserError is one sentence."""
        if MEETING in self.export.needs and self._meeting() is None:
            raise UserError("io.export.unknown_meeting", id=self.meeting_id)
        if FORUM in self.export.needs and self.repo.forum(self.forum_id or 0) is None:
            raise UserError("io.export.unknown_forum", id=self.forum_id)
        return self.export.document(self.repo, self.request()).decode("utf-8")

    def confidential_count(self) -> int:
        """How many confidential items the document leaves out (or carries), counted as the registry counts them."""
        return self.export.count_confidential(self.repo, self.request()) if self.export.confidential else 0

    def title_text(self) -> str:
        key = f"io.export.title.{self.kind}" + ("_one" if self.municipality else "")
        return t(key, **self.export.words(self.repo, self.request()))

    def status_text(self) -> tuple[str, str]:
        """The sentence about confidential content and its style class."""
        if not self.export.confidential:
            return t(f"io.export.public.{self.kind}"), ""
        authors = " " + t("io.export.authors") if AUTHORS in self.options else ""
        count = self.confidential_count()
        if count == 0:
            return t("io.export.no_confidential") + authors, ""
        if self.include_confidential:
            return t("io.export.included", count=count) + authors, "-included"
        return t("io.export.omitted", count=count) + authors, "-omitted"

    def suggested_path(self) -> Path:
        """~/Documents/minnesanteckningar-mandagsmote-sodertalje-2026-11-23.md and the like."""
        return documents_folder() / self.export.file_name(self.repo, self.request())

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="export-title", markup=False)
        yield Static("", id="export-status", markup=False)
        if self.export.markdown:
            yield MarkdownViewer(id="export-preview", show_table_of_contents=False, open_links=False)
        else:
            yield TextArea(id="export-preview", read_only=True, show_line_numbers=False)
        yield KeyFooter()

    async def on_mount(self) -> None:
        if PERIOD in self.export.needs and not self.period:
            self.period = str(self.today().year)
        if DATES in self.export.needs:
            self.start, self.end = export_dates(self.start, self.end, self.today())
        if YEAR in self.export.needs and self.year is None:
            self.year = self.today().year
        if MEETING in self.export.needs and self._meeting() is None:
            self.notify(t("io.export.unknown_meeting", id=self.meeting_id), severity="error")
            self.app.pop_screen()
            return
        await self.show()
        preview = self.query_one("#export-preview")
        (preview.document if isinstance(preview, MarkdownViewer) else preview).focus()

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
        preview = self.query_one("#export-preview")
        if isinstance(preview, MarkdownViewer):
            await preview.document.update(self.text)
        else:
            preview.load_text(self.text)

    async def on_store_changed(self, message: StoreChanged) -> None:
        await self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_confidential":
            return self.export.confidential
        if action == "toggle_authors":
            return AUTHORS in self.export.options
        if action == "change_period":
            return bool({PERIOD, DATES, YEAR} & set(self.export.needs))
        if action == "toggle_all":
            return ALL in self.export.options
        if action == "toggle_empty_items":
            return self.export.empty_items
        return True

    # -- actions ---------------------------------------------------------------------

    async def action_toggle_confidential(self) -> None:
        if not self.export.confidential:
            return
        self.include_confidential = not self.include_confidential
        await self.show()

    async def action_toggle_authors(self) -> None:
        if AUTHORS in self.export.options:
            self.options ^= {AUTHORS}
    async def action_toggle_all(self) -> None:
        """The action list: the open ones, or every action (done and struck too)."""
        if ALL in self.export.options:
            self.options = self.options ^ {ALL}
            self.notify(t("io.export.all_on" if ALL in self.options else "io.export.all_off"))
            await self.show()

    async def action_toggle_empty_items(self) -> None:
        """The minutes: an agenda item with nothing under it marked, or left out."""
        if self.export.empty_items:
            from store.persistence import settings

            current = self.empty_items or settings.empty_items()
            self.empty_items = "omit" if current == "mark" else "mark"
            self.notify(t(f"io.export.empty_items.{self.empty_items}"))
            await self.show()

    def action_change_period(self) -> None:
        if PERIOD in self.export.needs:
            modal = CheckedPromptModal(t("io.export.period_title"), t("io.export.period_label"), check_period,
                                       value=self.period or "")
        elif YEAR in self.export.needs:
            modal = CheckedPromptModal(t("io.export.year_title"), t("io.export.year_label"), check_year,
                                       value=str(self.year or ""))
        elif DATES in self.export.needs:
            current = " ".join(d.isoformat() for d in (self.start, self.end) if d)
            modal = CheckedPromptModal(t("io.export.dates_title"), t("io.export.dates_label"),
                                       lambda text: parse_dates(text, self.today()), value=current)
        else:
            return

        def chosen(value: Any) -> None:
            if value is None:
                return
            if isinstance(value, tuple):
                self.start, self.end = value
            elif isinstance(value, int):
                self.year = value
            else:
                self.period = value
            self.run_worker(self.show(), exclusive=True, group="export-preview")

        self.app.push_screen(modal, chosen)

    def action_other_export(self) -> None:
        def chosen(kind: str | None) -> None:
            if kind is not None:
                self.app.pop_screen()
                type(self).start(self.app, self.services, kind, self.export_subject())

        self.app.push_screen(ExportKindModal(self.kind), chosen)

    def _carries_confidential(self) -> bool:
        return self.include_confidential and self.confidential_count() > 0

    def action_copy(self) -> None:
        if not self.text:
            return
        self.app.copy_to_clipboard(self.text)
        if self._carries_confidential():
            self.notify(t("io.export.copied_confidential"), severity="warning", timeout=8)
        else:
            key = "io.export.copied" if self.export.markdown else "io.export.copied_text"
            self.notify(t(key, lines=len(self.text.splitlines())))

    def action_save(self) -> None:
        if not self.text:
            return
        data = self.text.encode("utf-8")
        confidential = self._carries_confidential()

        def write(path: Path) -> Path:
            try:
                return write_atomic(path, data, private=confidential)
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
