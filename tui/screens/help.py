"""Help: every key of the screen you came from and of the app, and the quick-entry syntax.

The keys are read from the bindings themselves (description and tooltip), so the
help never disagrees with the footer or with a remapped keymap.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Header, Static

from store.text.i18n import t
from tui.keymap import keymap_of
from tui.widgets.footer import KeyFooter

QUICK_LINES = ("b", "i", "a", "owner", "due", "promise", "secret")


def key_rows(app, node: DOMNode) -> list[tuple[str, str, str]]:
    """(keys, description, tooltip) per action of ``node``'s own bindings, in declared order.

    Textual's built-in bindings (focus next, copy, …) carry no id; ours all do, and
    a binding with a description that is shown in the footer is listed too."""
    rows: dict[str, list] = {}
    keymap = keymap_of(app)
    for _key, binding in node._bindings:
        if not binding.description or not (binding.id or binding.show):
            continue
        row = rows.setdefault(binding.action, [[], binding.description, binding.tooltip or ""])
        # A binding the keymap moves is shown with the keys it has where the app runs.
        moved = keymap.get(binding.id) if binding.id else None
        for shown in [binding.with_key(k.strip()) for k in moved.split(",")] if moved else [binding]:
            display = app.get_key_display(shown)
            if display not in row[0]:
                row[0].append(display)
        row[2] = row[2] or binding.tooltip or ""
    return [(", ".join(keys), description, tooltip) for keys, description, tooltip in rows.values()]


def key_table(rows: list[tuple[str, str, str]]) -> Table:
    table = Table(box=None, expand=True, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(t("help.col.key"), style="bold", no_wrap=True, min_width=10)
    table.add_column(t("help.col.description"), no_wrap=True)
    table.add_column(t("help.col.tip"), ratio=1)
    for keys, description, tooltip in rows:
        table.add_row(Text(keys), Text(description), Text(tooltip))
    return table


class HelpScreen(Screen[None]):
    DEFAULT_CSS = """
    HelpScreen #help-body {
        padding: 0 1;
    }
    HelpScreen .help-heading {
        text-style: bold;
        color: $accent;
        margin-top: 1;
    }
    HelpScreen .help-keys, HelpScreen .help-text {
        height: auto;
        padding-left: 2;
    }
    """

    BINDINGS = [
        Binding("escape,q", "close", t("help.key.close"), id="help.close", tooltip=t("help.key.close.tip")),
    ]

    def compose(self) -> ComposeResult:
        stack = self.app.screen_stack
        below = stack[-1] if stack and stack[-1] is not self else (stack[-2] if len(stack) > 1 else None)
        screen_rows = key_rows(self.app, below) if below is not None else []
        app_rows = key_rows(self.app, self.app)  # the palette's key among them (the app's own binding)
        yield Header()
        with VerticalScroll(id="help-body"):
            yield Static(t("help.section.screen"), classes="help-heading")
            if screen_rows:
                yield Static(key_table(screen_rows), classes="help-keys", id="help-screen-keys")
            else:
                yield Static(t("help.none"), classes="help-text")
            yield Static(t("help.section.app"), classes="help-heading")
            yield Static(key_table(app_rows), classes="help-keys", id="help-app-keys")
            yield Static(t("help.section.quick"), classes="help-heading")
            lines = [t("help.quick.intro"), ""] + [t(f"help.quick.{name}") for name in QUICK_LINES]
            yield Static(Text("\n".join(lines)), classes="help-text", id="help-quick")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("help.title")
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.app.pop_screen()
