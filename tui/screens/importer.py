"""Import citizen promises: paste (or open) a published text, review, save.

``store.importer.promises.import_promises`` reads the text; nothing reaches the store until
the user has seen every row and pressed save. Per row the user can change the
target, who is responsible, the focus area, or drop it. Saving skips promises the
store already has (same text, period and municipality), as ``samverkan import`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Header, Input, Label, Select, Static, TextArea

from store.importer.promises import import_promises
from store.model.constants import FIRE, MUNICIPALITY, POLICE
from store.model.promise import Promise, Target
from store.text.i18n import UserError, t
from tui.modals.confirm import ConfirmModal, PromptModal
from tui.modals.save_as import PathModal, display_path, documents_folder, reason_text
from tui.screens.base import StoreScreen
from tui.services import Services
from tui.widgets.footer import KeyFooter

PER_UNITS = ("period", "year", "term", "tertial", "month", "week")
# The order the parties key cycles through: the common pairing first.
PARTY_CYCLE = (
    [POLICE, MUNICIPALITY],
    [POLICE],
    [MUNICIPALITY],
    [FIRE],
    [POLICE, FIRE],
    [MUNICIPALITY, FIRE],
    [POLICE, MUNICIPALITY, FIRE],
)
MAX_TEXT_BYTES = 2 * 1024 * 1024  # a published promise text is a few kilobytes
FIXED_WIDTHS = {"period": 11, "focus_area": 22, "parties": 30, "target": 18}


def _binding(key: str, action: str, name: str) -> Binding:
    return Binding(key, action, t(f"io.key.{name}"), id=f"import.{name}", tooltip=t(f"io.key.{name}.tip"))


def target_text(target: Target | None) -> str:
    if target is None:
        return t("io.import.none")
    return t("io.target.text", count=target.count, per=t(f"io.per.{target.per}"))


def parties_text(parties: list[str]) -> str:
    return ", ".join(t(f"party.{p}") for p in parties) or t("io.import.none")


def next_parties(parties: list[str]) -> list[str]:
    current = [p for p in (POLICE, MUNICIPALITY, FIRE) if p in parties]
    index = PARTY_CYCLE.index(current) if current in PARTY_CYCLE else -1
    return list(PARTY_CYCLE[(index + 1) % len(PARTY_CYCLE)])


def read_text_file(path: Path) -> str:
    """The file as text, or one sentence: missing, unreadable, too big or not UTF-8 text."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise UserError("io.open.too_big", path=shown, size=round(size / 1024 / 1024, 1))
        raw = path.read_bytes()
    except OSError as error:
        raise UserError("io.open.unreadable", path=shown, reason=reason_text(error)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError("io.open.not_text", path=shown) from None
    if "\x00" in text:  # UTF-16 or a binary file that happens to decode
        raise UserError("io.open.not_text", path=shown)
    return text


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


@dataclass
class ReviewRow:
    promise: Promise
    kept: bool = True


class ImportScreen(StoreScreen):
    DEFAULT_CSS = """
    ImportScreen #import-title {
        height: 1;
        padding: 0 1;
        background: $primary-background;
        color: $text;
        text-style: bold;
    }
    ImportScreen #import-hint {
        padding: 0 1;
        color: $text-muted;
    }
    ImportScreen #import-municipality {
        width: 60;
    }
    ImportScreen #import-text {
        height: 1fr;
        border-title-color: $text-muted;
    }
    ImportScreen #import-status {
        height: auto;
        padding: 0 1;
    }
    ImportScreen #import-status.-error {
        color: $text-error;
    }
    ImportScreen #import-status.-ok {
        color: $text-success;
    }
    ImportScreen #import-table {
        height: 1fr;
        border: round $primary 50%;
        border-title-color: $text-muted;
    }
    ImportScreen #import-table:focus {
        border: round $primary;
    }
    ImportScreen #import-detail {
        height: 3;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        _binding("escape", "back", "back"),
        _binding("ctrl+r", "read", "read"),
        _binding("ctrl+o", "open_file", "open"),
        _binding("ctrl+s", "save", "save_promises"),
        _binding("d", "drop", "drop"),
        _binding("m", "edit_target", "target"),
        _binding("p", "cycle_parties", "parties"),
        _binding("f", "edit_focus", "focus"),
    ]

    ROW_ACTIONS = {"drop", "edit_target", "cycle_parties", "edit_focus"}

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.rows: list[ReviewRow] = []
        self._text_width = 40

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("io.import.title"), id="import-title", markup=False)
        yield Static(t("io.import.hint"), id="import-hint", markup=False)
        yield Input(placeholder=t("io.import.municipality"), id="import-municipality")
        text = TextArea(id="import-text", soft_wrap=True, show_line_numbers=False)
        text.border_title = t("io.import.text_title")
        yield text
        yield Static("", id="import-status", markup=False)
        table: DataTable = DataTable(id="import-table", cursor_type="row", zebra_stripes=True)
        table.border_title = t("io.import.table_title")
        yield table
        yield Static("", id="import-detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#import-text", TextArea).focus()
        self.show_rows()

    def on_resize(self) -> None:
        self.show_rows(keep_cursor=True)

    @property
    def table(self) -> DataTable:
        return self.query_one("#import-table", DataTable)

    def set_status(self, text: str, style: str = "") -> None:
        status = self.query_one("#import-status", Static)
        status.update(text)
        status.set_class(style == "error", "-error")
        status.set_class(style == "ok", "-ok")

    def show_rows(self, keep_cursor: bool = False, cursor: int | None = None) -> None:
        table = self.table
        row = table.cursor_row if keep_cursor else 0
        if cursor is not None:
            row = cursor
        # cell padding on both sides of every column, the border and the scrollbar
        fixed = sum(FIXED_WIDTHS.values()) + 2 * (len(FIXED_WIDTHS) + 1) + 4
        self._text_width = max(20, (self.size.width or self.app.size.width) - fixed)
        table.clear(columns=True)
        for key, width in (*FIXED_WIDTHS.items(), ("text", self._text_width)):
            table.add_column(t(f"io.import.col.{key}"), width=width, key=key)
        for index, review in enumerate(self.rows):
            table.add_row(*self._cells(review), key=str(index))
        if self.rows:
            table.move_cursor(row=min(max(row, 0), len(self.rows) - 1))
        self.show_detail()
        self.refresh_bindings()

    def _cells(self, review: ReviewRow) -> list[Text]:
        p = review.promise
        text = p.text
        if not review.kept:
            text = f"({t('io.import.dropped')}) {text}"
        if len(text) > self._text_width:
            text = text[: self._text_width - 1] + "…"
        style = "strike dim" if not review.kept else ""
        return [
            Text(p.period_label or t("io.import.none"), style=style),
            Text(p.focus_area or t("io.import.none"), style=style, overflow="ellipsis", no_wrap=True),
            Text(parties_text(p.parties), style=style, overflow="ellipsis", no_wrap=True),
            Text(target_text(p.target), style=style),
            Text(text, style=style, no_wrap=True),
        ]

    def show_detail(self) -> None:
        review = self.current()
        detail = self.query_one("#import-detail", Static)
        if review is None:
            detail.update("")
            return
        p = review.promise
        detail.update(t("io.import.detail", municipality=p.municipality or t("io.import.none"),
                        period=p.period_label or t("io.import.none"), text=p.text))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def current(self) -> ReviewRow | None:
        if not self.rows:
            return None
        index = self.table.cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ROW_ACTIONS:
            return True if self.rows else None  # shown dimmed until something is read
        if action == "save":
            return True if self.rows else None
        return True

    # -- reading ---------------------------------------------------------------------

    def action_read(self) -> None:
        text = self.query_one("#import-text", TextArea).text
        if not text.strip():
            self.rows = []
            self.show_rows()
            self.set_status(t("io.import.empty_text"), "error")
            return
        municipality = self.query_one("#import-municipality", Input).value.strip() or None
        promises = import_promises(text, municipality=municipality)
        self.rows = [ReviewRow(p) for p in promises]
        self.show_rows()
        if not promises:
            self.set_status(t("importer.none_found"), "error")
            return
        periods = ", ".join(dict.fromkeys(p.period_label for p in promises if p.period_label))
        place = next((p.municipality for p in promises if p.municipality), "")
        if place:
            self.set_status(t("io.import.read", count=len(promises), municipality=place, periods=periods),
                            "ok")
        else:
            self.set_status(t("io.import.read_no_place", count=len(promises), periods=periods), "error")
        self.table.focus()

    def action_open_file(self) -> None:
        loaded: dict[str, str] = {}

        def accept(path: Path) -> Path:
            loaded["text"] = read_text_file(path)
            return path

        def opened(path: Path | None) -> None:
            if path is None or "text" not in loaded:
                return
            self.query_one("#import-text", TextArea).load_text(loaded["text"])
            self.notify(t("io.open.loaded", path=display_path(path)))
            self.action_read()

        folder = documents_folder()
        self.app.push_screen(
            PathModal(t("io.open.title"), t("io.open.label"), display_path(folder) + "/", folder,
                      t("io.open.ok"), accept=accept),
            opened,
        )

    # -- editing rows ----------------------------------------------------------------

    def _edit(self, change) -> None:
        review = self.current()
        if review is None:
            return
        index = self.table.cursor_row
        change(review)
        self.show_rows(cursor=index)
        self._show_kept()

    def _show_kept(self) -> None:
        kept = sum(r.kept for r in self.rows)
        if kept < len(self.rows):
            self.set_status(t("io.import.kept", kept=kept, count=len(self.rows)))

    def action_drop(self) -> None:
        def toggle(review: ReviewRow) -> None:
            review.kept = not review.kept

        self._edit(toggle)

    def action_cycle_parties(self) -> None:
        def cycle(review: ReviewRow) -> None:
            review.promise.parties = next_parties(review.promise.parties)

        self._edit(cycle)

    def action_edit_target(self) -> None:
        review = self.current()
        if review is None:
            return

        def chosen(choice: TargetChoice | None) -> None:
            if choice is not None:
                self._edit(lambda r: setattr(r.promise, "target", choice.target))
            self.table.focus()

        self.app.push_screen(TargetModal(review.promise.text, review.promise.target), chosen)

    def action_edit_focus(self) -> None:
        review = self.current()
        if review is None:
            return

        def chosen(text: str | None) -> None:
            if text is not None:
                self._edit(lambda r: setattr(r.promise, "focus_area", text))
            self.table.focus()

        self.app.push_screen(
            PromptModal(t("io.import.focus_title"), t("io.import.focus_label"),
                        value=review.promise.focus_area),
            chosen,
        )

    # -- saving and leaving ----------------------------------------------------------

    def action_save(self) -> None:
        if not self.rows:
            self.set_status(t("io.import.nothing_read"), "error")
            return
        kept = [r.promise for r in self.rows if r.kept]
        if not kept:
            self.set_status(t("io.import.nothing_kept"), "error")
            return
        repo = self.repo
        known = {(p.text, p.period_label, p.municipality) for p in repo.promises()}
        fresh: list[Promise] = []
        for promise in kept:
            key = (promise.text, promise.period_label, promise.municipality)
            if key not in known:
                known.add(key)
                fresh.append(promise)
        saved = self.guard(repo.save_promises, fresh) if fresh else []
        if saved is None:
            return
        count = len(saved)
        if count == 0:
            sentence = t("io.import.saved.none")
        else:
            sentence = t("io.import.saved.one") if count == 1 else t("io.import.saved.many", count=count)
        skipped = len(kept) - count
        if skipped:
            sentence = t("io.import.saved_skipped", saved=sentence, skipped=skipped)
        else:
            sentence += "."
        self.rows = []
        self.show_rows()
        self.set_status(sentence, "ok")
        self.notify(sentence)

    def action_back(self) -> None:
        pending = sum(r.kept for r in self.rows)
        if not pending:
            self.app.pop_screen()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmModal(t("io.import.unsaved_title"), t("io.import.unsaved_question", count=pending),
                         yes=t("io.import.leave")),
            answered,
        )
