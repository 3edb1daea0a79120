"""Choose a file: type or edit a path, and stay open until the file is really written.

``SaveAsModal(suggested, write=...)`` returns the path written, or None on Escape.
The screen hands in ``write`` (it knows what to write and how); when that raises a
UserError its sentence is shown and the dialog stays open with the path kept, so the
user fixes one character instead of starting over. An existing file is overwritten
only after a yes. ``PathModal`` is the same dialog without the save rules (opening a
file uses it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from store.text.i18n import UserError, t
from store.text.os_errors import os_reason
from tui.modals.confirm import ConfirmModal


def reason_text(reason: object) -> str:
    """Why a file could not be read or written, in our words (``store.text.os_errors``)."""
    return os_reason(reason) if isinstance(reason, OSError) else str(reason)


def documents_folder() -> Path:
    """Where a new document is suggested: ~/Documents (or ~/Dokument) if it exists, else ~."""
    home = Path.home()
    for name in ("Documents", "Dokument"):
        if (home / name).is_dir():
            return home / name
    return home


def display_path(path: Path) -> str:
    """The path as a person writes it: the home folder as ``~``."""
    home = Path.home()
    try:
        rest = path.relative_to(home)
    except ValueError:
        return str(path)
    return "~" if str(rest) == "." else f"~/{rest}"


def expand_path(text: str, folder: Path) -> Path:
    """``~`` expanded; a bare name or relative path lands in ``folder`` (the cwd is invisible in a TUI)."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else folder / path


class PathModal(ModalScreen[Path | None]):
    """A path on one line. ``accept(path)`` may raise UserError: shown, and the dialog stays."""

    DEFAULT_CSS = """
    PathModal {
        align: center middle;
    }
    PathModal > #path-dialog {
        width: 90;
        max-width: 95%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    PathModal #path-title {
        text-style: bold;
        margin-bottom: 1;
    }
    PathModal .path-label, PathModal #path-hint {
        color: $text-muted;
    }
    PathModal #path-error {
        color: $error;
        height: auto;
    }
    PathModal .path-buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    PathModal .path-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", t("io.save.cancel"), id="path.cancel", tooltip=t("io.save.cancel.tip")),
    ]

    def __init__(self, title: str, label: str, value: str, folder: Path, ok: str,
                 accept: Callable[[Path], Path | None] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.label = label
        self.value = value
        self.folder = folder
        self.ok_label = ok
        self.accept = accept

    def compose(self) -> ComposeResult:
        with Vertical(id="path-dialog"):
            yield Static(self.title_text, id="path-title", markup=False)
            yield Label(self.label, classes="path-label", markup=False)
            yield Input(value=self.value, id="path-input")
            yield Static(t("io.save.hint", folder=display_path(self.folder)), id="path-hint", markup=False)
            error = Static("", id="path-error", markup=False)
            error.display = False
            yield error
            with Horizontal(classes="path-buttons"):
                yield Button(self.ok_label, id="path-ok", variant="primary")
                yield Button(t("io.save.cancel"), id="path-cancel")

    def on_mount(self) -> None:
        self.query_one("#path-input", Input).focus()

    @property
    def error(self) -> str:
        return str(self.query_one("#path-error", Static).content)

    def show_error(self, text: str) -> None:
        error = self.query_one("#path-error", Static)
        error.update(text)
        error.display = bool(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_error("")  # the sentence was about the old path

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "path-cancel":
            self.dismiss(None)
        else:
            self.submit()

    def submit(self) -> None:
        text = self.query_one("#path-input", Input).value
        if not text.strip():
            self.show_error(t("io.save.empty"))
            return
        self.check(expand_path(text, self.folder))

    def check(self, path: Path) -> None:
        """Rules before ``accept``; subclasses add theirs."""
        self.finish(path)

    def finish(self, path: Path) -> None:
        if self.accept is not None:
            try:
                path = self.accept(path) or path
            except UserError as error:
                self.show_error(str(error))
                self.query_one("#path-input", Input).focus()
                return
        self.dismiss(path)


class SaveAsModal(PathModal):
    """Where to save: returns the path written (or chosen, without ``write``), None on Escape."""

    def __init__(self, suggested: Path, write: Callable[[Path], Path | None] | None = None) -> None:
        suggested = Path(suggested).expanduser()
        super().__init__(
            t("io.save.title"), t("io.save.label"), display_path(suggested), suggested.parent,
            t("io.save.ok"), accept=write,
        )

    def check(self, path: Path) -> None:
        if path.is_dir():
            self.show_error(t("io.save.is_directory", path=display_path(path)))
            return
        folder = path.parent
        if not folder.exists():
            self.show_error(t("io.save.no_folder", folder=display_path(folder)))
            return
        if not path.exists():
            self.finish(path)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.finish(path)
            else:
                self.query_one("#path-input", Input).focus()

        self.app.push_screen(
            ConfirmModal(t("io.save.exists_title"), t("io.save.exists_question", path=display_path(path)),
                         yes=t("io.save.overwrite")),
            answered,
        )
