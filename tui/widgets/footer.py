"""The footer every screen uses: Textual's, minus the rebuilds that change nothing."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """Textual's footer, but its keys are built once when nothing they show changed.

    Textual's Footer starts empty and rebuilds all its keys (each one a widget that is
    styled on mount) on every "bindings updated" signal. Opening the meeting screen
    sent three of them for the same keys: the first focus (twice) and the screen resuming.
    Here the keys are composed straight away and rebuilt only when what they would
    show (keys, labels, tooltips, enabled) is different from what is on screen.
    The palette's key stands at the right end in every footer (docked there, so a
    narrow window never hides it), without Textual's thin bar before it and with a
    blank cell after it and no margin, in the compact footer too: there the last letter
    of a key hidden behind it showed through its margin ("palettei").
    """

    DEFAULT_CSS = """
    KeyFooter FooterKey.-command-palette, KeyFooter.-compact FooterKey.-command-palette {
        border-left: none;
        padding: 0 1 0 1;
        margin: 0;
    }
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._bindings_ready = True  # compose the keys at once instead of an empty footer
        self._shown: tuple[Any, ...] | None = None
        self._refresh_pending = False

    def _what_to_show(self) -> tuple[Any, ...]:
        app = self.app
        return (
            self.app.size.width,  # which keys fit
            self.show_command_palette,
            app.ENABLE_COMMAND_PALETTE,
            app.COMMAND_PALETTE_BINDING,
            tuple(
                (key, binding.key, app.get_key_display(binding), binding.action, binding.description,
                 binding.show, binding.group, enabled, tooltip)
                for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == app.COMMAND_PALETTE_BINDING
            ),
        )

    def _key_width(self, key: FooterKey) -> int:
        """The cells a key takes in this footer (its padding and margin as styled above)."""
        if self.compact:
            return cell_len(key.key_display) + 1 + cell_len(key.description) + 1
        return cell_len(key.key_display) + 2 + cell_len(key.description) + 1

    def _fitting(self, widgets: list[Widget]) -> list[Widget]:
        """The keys that fit the footer's width, whole and in their order: from the first
        that does not fit on they are left out (the help and the palette list every
        key), never shown cut ("f1 H"). The help key and the palette's stay at any width."""
        width = self.app.size.width
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        kept = {id(w) for w in keys if w.has_class("-command-palette") or w.action in ("help", "app.help")}
        room = width - sum(self._key_width(w) for w in keys if id(w) in kept) - 1
        for widget in keys:
            if id(widget) in kept:
                continue
            if self._key_width(widget) > room:
                break
            kept.add(id(widget))
            room -= self._key_width(widget)
        return [w for w in widgets if not isinstance(w, FooterKey) or id(w) in kept]

    def compose(self) -> ComposeResult:
        self._shown = self._what_to_show()
        for widget in self._fitting(list(super().compose())):
            if isinstance(widget, FooterKey):
                # Born with the class their `compact` watcher would add on mount: that
                # second restyle of every key (and its parts) is saved.
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def on_resize(self) -> None:
        if self.is_attached and self._what_to_show() != self._shown:
            self.call_after_refresh(self._refresh_keys)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._refresh_pending:  # several signals in a row: one look after the refresh
            self._refresh_pending = True
            self.call_after_refresh(self._refresh_keys)

    async def _refresh_keys(self) -> None:
        self._refresh_pending = False
        if self.is_attached and self._what_to_show() != self._shown:
            await self.recompose()
