"""The base of every screen over the store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from textual.binding import Binding
from textual.screen import Screen

from store.text.i18n import UserError, t
from tui.services import Services

R = TypeVar("R")


def key_bindings(screen: str, words: str | None = None) -> Callable[..., Binding]:
    """A maker of a screen's bindings: ``make("s", "save", "save")`` has the id
    ``{screen}.save`` (what a keymap names) and the catalogue's ``{words}.key.save``
    and ``{words}.key.save.tip`` as its footer word and tooltip."""
    prefix = words or screen

    def make(key: str, action: str, name: str, **kwargs: Any) -> Binding:
        return Binding(key, action, t(f"{prefix}.key.{name}"), id=f"{screen}.{name}",
                       tooltip=t(f"{prefix}.key.{name}.tip"), **kwargs)

    return make


# Below these a screen is in a small terminal (80×24): Textual's breakpoints give it
# the class -narrow / -short, and its CSS folds side panes and shortens lists.
NARROW = 100
SHORT = 32


class StoreScreen(Screen[None]):
    """A screen given the store and the day when it is made; a store refusal
    becomes one notification, never a traceback."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-tall")]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.repo = services.repo

    def today(self) -> date:
        return self.services.today()


    def export_subject(self) -> dict[str, Any]:
        """What an export started on this screen is about (``meeting_id``, ``forum_id``,
        ``period``): a screen showing one says so, and the export does not ask for it."""
        return {}

    def confidential_switched(self, shown: bool) -> None:
        """Mark the screen (class ``-confidential``: its marker shows) and say in words
        that confidential content is now shown, or hidden again."""
        self.set_class(shown, "-confidential")
        self.notify(t("review.tui.confidential_shown" if shown else "review.tui.confidential_hidden"),
                    severity="warning" if shown else "information")

    def guard(self, work: Callable[..., R], *args: Any, **kwargs: Any) -> R | None:
        """Run a store call; a UserError becomes one notification."""
        try:
            return work(*args, **kwargs)
        except UserError as error:
            self.notify(str(error), severity="error", timeout=8)
            return None
