"""What a screen needs from outside, handed to it when it is made (as posting's
screens take their collaborators in ``__init__``): the store and the day it is."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from store.repository import Repository


@dataclass(frozen=True)
class Services:
    repo: Repository
    today: Callable[[], date]


@dataclass(frozen=True)
class Served:
    """How the app runs when served to a browser: whose accounts, when a session locks."""

    users: Path
    lock_after: float = 15 * 60.0  # seconds without a key or a click
    clock: Callable[[], float] = time.monotonic  # what the idle lock counts those seconds by
