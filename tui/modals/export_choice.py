"""What an export is about, asked for in the app: which kind, which meeting, forum,
period or dates. Each answer is checked by the store function the command line uses
(``repo.resolve_meeting``, ``repo.forum_by_name``, the registry's period and date
rules); a mistake is one sentence in the dialog, which stays open with the text kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.exports.registry import EXPORTS
from store.text.i18n import UserError, t
from tui.modals.confirm import DialogScreen, PromptModal


class CheckedPromptModal(PromptModal):
    """One line, read by ``check``; returns what ``check`` returns, or None on Escape."""

    def __init__(self, title: str, label: str, check: Callable[[str], Any], value: str = "",
                 hint: str = "") -> None:
        super().__init__(title, label, value=value, hint=hint)
        self.check = check

    def submit(self) -> Any:  # type: ignore[override]
        return self.check(super().submit())


class ExportKindModal(DialogScreen[str | None]):
    """Every kind of export; returns the chosen kind's name, or None on Escape."""

    DEFAULT_CSS = """
    ExportKindModal #export-kinds {
        height: auto;
        max-height: 10;
    }
    """

    SAVE_LABEL = "io.export.choose_ok"

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.current = current

    def form_title(self) -> str:
        return t("io.export.choose_title")

    def compose_fields(self) -> ComposeResult:
        yield OptionList(*[Option(t(f"io.export.kind.{name}"), id=name) for name in EXPORTS], id="export-kinds")
        yield Static(Content(t("io.export.choose_hint")), id="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#export-kinds", OptionList)
        names = list(EXPORTS)
        options.highlighted = names.index(self.current) if self.current in names else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(str(event.option.id))

    def submit(self) -> str:
        highlighted = self.query_one("#export-kinds", OptionList).highlighted
        if highlighted is None:
            raise UserError("io.export.choose_pick")
        return list(EXPORTS)[highlighted]
