"""Import citizen promises: paste (or open) a published text, review, save.

``store.importer.promises.read_promises`` reads the text; nothing reaches the store until
the user has seen every row and pressed save. A field the reading is unsure of is marked
"?" in its cell, and the line under the table says why. Per row the user can change the
target, who is responsible, the focus area (which settles that field), or drop it.
Saving skips promises the store already has (same text, period and municipality), as
``samverkan import`` does; the outcomes a follow-up page published under a promise are
recorded on it, new or already stored (``store.importer.saving``).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static, TextArea

from store.importer.promises import DOUBT_FIELDS, doubt_sentence, read_promises
from store.importer.saving import save_import
from store.text.i18n import t
from tui.modals.confirm import ConfirmModal, PromptModal
from tui.modals.save_as import PathModal, display_path, documents_folder
from tui.modals.target import PER_UNITS, TargetChoice, TargetModal
from tui.screens.base import StoreScreen
from tui.screens.import_rows import ReviewRow, next_parties, parties_text, read_text_file, target_text
from tui.services import Services
from tui.widgets.footer import KeyFooter

__all__ = ["ImportScreen", "PER_UNITS", "TargetChoice", "TargetModal"]
FIXED_WIDTHS = {"period": 11, "focus_area": 22, "parties": 30, "target": 18}
# A narrow window keeps the promise's text readable: these give way, first one first
# (the detail below the table says the period, the keys change the rest).
DROP_ORDER = ("period", "focus_area", "parties")
MIN_TEXT = 24


def import_columns(width: int) -> tuple[dict[str, int], int]:
    """The fixed columns shown in ``width`` cells, and the width left for the text."""
    shown = dict(FIXED_WIDTHS)

    def text_width() -> int:
        # cell padding on both sides of every column, the border and the scrollbar
        return width - sum(shown.values()) - 2 * (len(shown) + 1) - 4

    for key in DROP_ORDER:
        if text_width() >= MIN_TEXT:
            break
        del shown[key]
    return shown, max(20, text_width())


def _binding(key: str, action: str, name: str) -> Binding:
    return Binding(key, action, t(f"io.key.{name}"), id=f"import.{name}", tooltip=t(f"io.key.{name}.tip"))


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
        height: 2;
        padding: 0 1;
        color: $text-muted;
    }
    ImportScreen #import-doubt {
        height: auto;
        max-height: 2;
        padding: 0 1;
        color: $text-warning;
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
        yield Static("", id="import-doubt", markup=False)
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
        shown, self._text_width = import_columns(self.size.width or self.app.size.width)
        table.clear(columns=True)
        for key, width in (*shown.items(), ("text", self._text_width)):
            table.add_column(t(f"io.import.col.{key}"), width=width, key=key)
        for index, review in enumerate(self.rows):
            cells = self._cells(review)
            table.add_row(*(cells[key] for key in (*shown, "text")), key=str(index))
        if self.rows:
            table.move_cursor(row=min(max(row, 0), len(self.rows) - 1))
        self.show_detail()
        self.refresh_bindings()

    def _cells(self, review: ReviewRow) -> dict[str, Text]:
        p = review.promise
        text = p.text
        if not review.kept:
            text = f"({t('io.import.dropped')}) {text}"
        if len(text) > self._text_width:
            cut = text[: self._text_width - 1]
            text = (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"  # between words
        style = "strike dim" if not review.kept else ""

        def cell(value: str, name: str, **options) -> Text:
            doubtful = name in review.uncertain
            shown = Text(value, style=style, **options)
            return shown.append(" ?", style="bold yellow") if doubtful else shown

        return {
            "period": cell(p.period_label or t("io.import.none"), "period"),
            "focus_area": cell(p.focus_area or t("io.import.none"), "focus_area", overflow="ellipsis", no_wrap=True),
            "parties": cell(parties_text(p.parties), "parties", overflow="ellipsis", no_wrap=True),
            "target": cell(target_text(p.target), "target"),
            "text": Text(text, style=style, no_wrap=True),
        }

    def show_detail(self) -> None:
        review = self.current()
        detail = self.query_one("#import-detail", Static)
        doubt = self.query_one("#import-doubt", Static)
        if review is None:
            detail.update("")
            doubt.update("")
            return
        p = review.promise
        places = ", ".join(p.all_municipalities()) or t("io.import.none")
        if "municipality" in review.uncertain:
            places += " ?"
        # The row's every field, those a narrow table leaves out too.
        detail.update(t("io.import.detail", municipality=places, period=p.period_label or t("io.import.none"),
                        parties=parties_text(p.parties), focus_area=p.focus_area or t("io.import.none"),
                        text=p.text))
        reasons = [doubt_sentence(review.uncertain[f], p) for f in DOUBT_FIELDS if f in review.uncertain]
        lines = [t("io.import.doubt", reasons=" ".join(reasons))] if reasons else []
        if review.outcomes:
            lines.append(t("io.import.outcomes", count=len(review.outcomes)))
        doubt.update("\n".join(lines))

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
        items = read_promises(text, municipality=municipality)
        promises = [item.promise for item in items]
        self.rows = [ReviewRow(i.promise, uncertain=dict(i.uncertain), outcomes=list(i.outcomes)) for i in items]
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
            review.settle("parties")

        self._edit(cycle)

    def action_edit_target(self) -> None:
        review = self.current()
        if review is None:
            return

        def chosen(choice: TargetChoice | None) -> None:
            if choice is not None:
                self._edit(lambda r: (setattr(r.promise, "target", choice.target), r.settle("target")))
            self.table.focus()

        self.app.push_screen(TargetModal(review.promise.text, review.promise.target), chosen)

    def action_edit_focus(self) -> None:
        review = self.current()
        if review is None:
            return

        def chosen(text: str | None) -> None:
            if text is not None:
                self._edit(lambda r: (setattr(r.promise, "focus_area", text), r.settle("focus_area")))
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
        # The promises not in the store yet, and the outcomes a follow-up page gave under
        # them (also under a promise the store already has), in one transaction.
        items = [(r.promise, r.outcomes) for r in self.rows if r.kept]
        result = self.guard(save_import, self.repo, items, self.today(), t("importer.outcome_source"))
        if result is None:
            return
        saved = result.promises
        count = len(saved)
        sentence = t("io.import.saved", count=count)
        skipped = len(kept) - count
        if skipped:
            sentence = t("io.import.saved_skipped", saved=sentence, skipped=skipped)
        else:
            sentence += "."
        if result.outcomes or result.without_count or result.repeated:
            sentence += " " + t("io.import.outcomes_saved", count=result.outcomes)
            if result.repeated:
                sentence += " " + t("io.import.outcomes_repeated", count=result.repeated)
            if result.without_count:
                sentence += " " + t("io.import.outcomes_without_count", count=result.without_count)
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
