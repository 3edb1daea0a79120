"""Keys in the order they were typed, however fast they come.

Textual hands a key to the focused widget by posting it into that widget's queue, and
a key no widget consumes travels back up to the App, where the bindings run. So when
keys arrive faster than the widgets work through them (a text expander, a paste without
bracketed paste, a remote terminal that delivers keys in bursts), the key after Tab is
handed to the field Tab is about to leave, the key after ctrl+t to the line ctrl+t
is about to leave, and Backspace deletes a letter typed after it.

``OrderedKeys`` (mixed into the App) keeps typing fast and makes the rest orderly:

* a printable character for a focused ``Input`` (typing) goes straight on;
* any other key (Enter, Tab, Backspace, ctrl+…, a panel's letter, a paste) goes on,
  and the keys after it wait until it has been worked through: until every widget on
  its way up to the App, and the App's bindings, have had it;
* a freshly opened screen or dialog gets keys once it is mounted and has focus;
* code that starts something taking longer (a dialog saving and closing) holds the
  keys with ``hold_keys()`` and lets them go with the function it returns;
* a screen may route a key before it is handed on (``route_key``): the meeting screen
  sends a letter typed in a panel to the quick-entry line, a dialog reads Enter.

Waiting keys are handed on in the order they came. Nothing is dropped: if something
never lets go, the keys go on after ``MAX_WAIT`` seconds anyway.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from textual import events
from textual.dom import DOMNode
from textual.widgets import Input

MAX_WAIT = 1.0  # seconds: a safety net, never the normal way keys move on
READY_WAIT = 0.3  # seconds a screen gets to be mounted and focused before keys go on
_KeyEvent = events.Key | events.Paste


class KeyRouter(Protocol):
    def route_key(self, event: events.Key) -> bool:
        """Called as the key arrives, before it is handed on; True when handled here."""


class OrderedKeys:
    """App mixin; see the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._waiting_keys: deque[_KeyEvent] = deque()
        # Tokens of what keys wait for: holds taken by code, keys not yet worked through.
        self._key_holds: set[int] = set()
        self._keys_in_flight: set[int] = set()
        self._tokens = itertools.count()
        self._waiting_since: float | None = None  # last time a waiting key moved on
        self._wake_timer: Any = None

    # -- what screens and dialogs call ------------------------------------------

    def hold_keys(self) -> Callable[[], None]:
        """Keys wait from now until the returned function is called (once is enough)."""
        token = next(self._tokens)
        self._key_holds.add(token)

        def release() -> None:
            if token in self._key_holds:
                self._key_holds.discard(token)
                self._wake()

        return release

    @property
    def keys_waiting(self) -> int:
        """How many typed keys wait to be handed on (0 when typing keeps up)."""
        return len(self._waiting_keys)

    # -- the App's event handling ------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._waiting_keys or self._must_wait():
                self._waiting_keys.append(event)
                self._wake_later()
                return
            await self._hand_on(event)
            return
        await super().on_event(event)  # type: ignore[misc]
        await self._hand_on_waiting()

    async def _hand_on_waiting(self) -> None:
        while self._waiting_keys and not self._must_wait():
            self._waiting_since = time.monotonic()
            await self._hand_on(self._waiting_keys.popleft())
        if not self._waiting_keys:
            self._waiting_since = None

    async def _hand_on(self, event: _KeyEvent) -> None:
        app: Any = self
        screen = app.screen
        if isinstance(event, events.Key):
            router = getattr(screen, "route_key", None)
            if router is not None and router(event):
                return
        target = app.focused or screen
        typing = isinstance(target, Input) and (isinstance(event, events.Paste) or event.is_printable)
        await super().on_event(event)  # type: ignore[misc]
        if not typing and event.is_forwarded:
            self._follow(event, target)

    def _follow(self, event: _KeyEvent, target: DOMNode) -> None:
        """Keys wait until ``event`` has passed every node from ``target`` up to the App,
        twice: the second time behind the message its binding posted on the way
        (an Input's Enter posts ``Submitted``, which a dialog answers by moving on or
        saving).

        A callback queued behind the key in a node's queue runs once the node is done
        with it (and has passed it on to its parent); it then queues the next callback
        in the parent, behind the key again."""
        app: Any = self
        path = [node for node in target.ancestors_with_self if node is not app]
        # Through the App between the two passes: its bindings run when the key gets there.
        path = path + [app] + path
        token = next(self._tokens)
        self._keys_in_flight.add(token)

        def finished() -> None:
            self._keys_in_flight.discard(token)

        def step(index: int) -> None:
            while index < len(path):
                if path[index].call_later(step, index + 1):
                    return
                index += 1  # that node is closing: it has nothing left to do with the key
            if not app.call_later(finished):
                finished()

        step(0)

    # -- when keys may go on ------------------------------------------------------

    def _must_wait(self) -> bool:
        waited = time.monotonic() - self._waiting_since if self._waiting_since is not None else 0.0
        if waited > MAX_WAIT:
            # Nothing moved for a second: better late keys than lost ones.
            self._key_holds.clear()
            self._keys_in_flight.clear()
            self._waiting_since = None
            return False
        if self._key_holds or self._keys_in_flight:
            return True
        return waited <= READY_WAIT and not self._screen_ready()

    def _screen_ready(self) -> bool:
        """A screen just opened takes keys once mounted and focused (if it can be)."""
        screen: Any = self.screen  # type: ignore[attr-defined]
        if not screen.is_mounted:
            return False
        return screen.focused is not None or not screen.focus_chain

    def _wake(self) -> None:
        """Make the App look at the waiting keys again (through its own queue)."""
        if self._waiting_keys:
            self.call_later(_nothing)  # type: ignore[attr-defined]

    def _wake_later(self) -> None:
        if self._waiting_since is None:
            self._waiting_since = time.monotonic()
        if self._keys_in_flight or self._key_holds:
            return  # whoever holds them wakes the App when done
        # Waiting for a screen to be mounted and focused: look again once it has
        # worked through what it has, and in any case a little later.
        try:
            self.screen.call_after_refresh(self._wake)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - no screen yet: the timer below still wakes
            pass
        if self._wake_timer is None:
            self._wake_timer = self.set_interval(0.05, self._tick)  # type: ignore[attr-defined]

    def _tick(self) -> None:
        if not self._waiting_keys and self._wake_timer is not None:
            self._wake_timer.stop()
            self._wake_timer = None


def _nothing() -> None:
    """A callback whose only work is to wake the App's queue."""
