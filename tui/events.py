"""Messages the app sends its screens."""

from __future__ import annotations

from textual.message import Message


class StoreChanged(Message):
    """Another process (or a worker) committed to the store: visible data may be stale."""


class ClockTick(Message):
    """A quarter of a minute has passed: what shows a running time (the meeting's
    current item) updates it. Sent by the app, so no screen keeps a timer of its own
    (a screen's timer kept the closed screen alive through its task's context)."""
