"""Bulk reading without the garbage collector.

Decoded JSON and the columns built from it hold no reference cycles, so a collection
in the middle of reading thousands of documents frees nothing; it only walks every
object the process has, again and again as the new objects pile up (about 45% of the
time to decode 100,000 actions, more in the app, which has many objects of its own).
Reading in bulk pauses it; what it would have found, it finds afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection inside: for decoding JSON and building columns from it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
