"""The base of every screen over the store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from textual.screen import Screen

from store.text.i18n import UserError
from tui.services import Services

R = TypeVar("R")


class StoreScreen(Screen[None]):
    """A screen given the store and the day when it is made; a store refusal
    becomes one notification, never a traceback."""

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

    def guard(self, work: Callable[..., R], *args: Any, **kwargs: Any) -> R | None:
        """Run a store call; a UserError becomes one notification."""
        try:
            return work(*args, **kwargs)
        except UserError as error:
            self.notify(str(error), severity="error", timeout=8)
            return None
