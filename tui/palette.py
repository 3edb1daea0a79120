"""The command palette in the catalogue's words.

Textual's palette says "Search for commands…" and, when nothing matches, "No matches
found". The first is ``CommandPalette``'s ``placeholder``; the second is written by
the palette only when its providers found nothing, so these providers, the only ones
the app's palettes use, say it themselves as a last hit: choosing it just closes the
palette. Both search what ``App.get_system_commands`` yields (our commands), and the
themes, with Textual's own fuzzy matcher.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.theme import ThemeProvider

from store.text.i18n import t


def _nothing() -> None:
    """Choosing "no command matches" only closes the palette."""


def _no_match(query: str) -> Hit:
    text = Content.styled(t("palette.no_matches", query=query), "italic")
    return Hit(0.0, text, _nothing, help=t("palette.no_matches.tip"))


async def _search(provider: Provider, query: str, commands: Iterable[tuple[str, Callable[[], object], str]]) -> Hits:
    matcher = provider.matcher(query)
    found = False
    for name, callback, help_text in commands:
        if (score := matcher.match(name)) > 0:
            found = True
            yield Hit(score, matcher.highlight(name), callback, help=help_text or None)
    if not found:
        yield _no_match(query)


class AppCommands(Provider):
    """Every key of the screen and the app, the screens and the exports (``get_system_commands``)."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        return [(command.title, command.callback, command.help)
                for command in self.app.get_system_commands(self.screen) if command.discover]

    async def discover(self) -> Hits:
        for name, callback, help_text in sorted(self._commands(), key=lambda command: command[0]):
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        async for hit in _search(self, query, self._commands()):
            yield hit


class Themes(ThemeProvider):
    """Textual's themes by name, with our sentence when none matches."""

    async def search(self, query: str) -> Hits:
        async for hit in _search(self, query, ((name, callback, "") for name, callback in self.commands)):
            yield hit
