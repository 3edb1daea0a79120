"""The footer every screen uses: Textual's, minus the rebuilds that change nothing."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """Textual's footer, but its keys are built once when nothing they show changed.

    Textual's Footer starts empty and rebuilds all its keys (each one a widget that is
    styled on mount) on every "bindings updated" signal. Opening the meeting screen
    sent three of them for the same keys: the first focus (twice) and the screen resuming.
    Here the keys are composed straight away and rebuilt only when what they would
    show (keys, labels, tooltips, enabled) is different from what is on screen.
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._bindings_ready = True  # compose the keys at once instead of an empty footer
        self._shown: tuple[Any, ...] | None = None
        self._refresh_pending = False

    def _what_to_show(self) -> tuple[Any, ...]:
        app = self.app
        return (
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

    def compose(self) -> ComposeResult:
        self._shown = self._what_to_show()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Born with the class their `compact` watcher would add on mount: that
                # second restyle of every key (and its parts) is saved.
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

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
