"""Messages the app sends its screens."""

from __future__ import annotations

from textual.message import Message


class StoreChanged(Message):
    """Another process (or a worker) committed to the store: visible data may be stale."""
