"""One headless run of the app (or of a bare Textual app), in its own process.

    python bench/app_probe.py start  STORE SPAWNED   # the app on STORE
    python bench/app_probe.py bare   -     SPAWNED   # a minimal App with one DataTable
    python bench/app_probe.py memory STORE WORD      # actions view, then a search for WORD
    python bench/app_probe.py meeting STORE VARIANT  # the meeting screen, a trick taken away

``SPAWNED`` is the parent's ``time.time()`` just before it started this process, so the
start figures include the interpreter and every import, as a user waits for them.
Prints one line of JSON:

- ``paint_ms``: the first screen (the home screen; the bare app's only screen) has been
  composed, mounted and refreshed once (a callback given to ``call_after_refresh`` the
  moment the screen is on the stack runs);
- ``settled_ms``: after that, no worker left running and every message handled (the
  deferred counts of the home screen included);
- ``stall_ms``: the longest the event loop went without turning between the first paint
  and settling (a 2 ms ticker measures it), i.e. the longest the app could not answer a key;
- ``peak_mb``: the process's peak resident memory (VmHWM).

``memory`` opens the actions view with the a key, waits until its index is built,
every sort order warmed and the app idle, then opens search (s), types WORD and waits
for the hits: ``actions_mb`` and ``search_mb`` are the peaks after each.

The app is made as the command line makes it (``tui.cli.app.open_app``), so the store is
opened as a user's start opens it. ``--root`` runs another checkout's code (a before/after
in one run); a checkout without ``open_app`` is started as it started then.
"""

from __future__ import annotations

import time

STARTED = time.time()

import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def peak_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def make_app(store: str):
    try:
        from tui.cli.app import open_app
    except ImportError:  # an older checkout: it checked the store, then opened it again
        from store.repository import Repository
        from tui.app import create_app

        Repository.for_app(store).close()
        return create_app(store)
    return open_app(Path(store))


def bare_app():
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("dag", "forum")
            table.add_row("måndag", "Måndagsmöte")

    return Bare()


async def settle(app, pilot) -> None:
    """Until no worker runs and every message is handled."""
    while True:
        await pilot.pause()
        if not len(app.workers):
            await pilot.pause()
            if not len(app.workers):
                return
        await app.workers.wait_for_complete()


async def start(kind: str, store: str, spawned: float) -> dict[str, float]:
    app = bare_app() if kind == "bare" else make_app(store)
    first = "Screen" if kind == "bare" else "HomeScreen"
    marks: dict[str, float] = {}
    ticks: list[tuple[float, float]] = []

    def hook(_message) -> None:
        if "hooked" in marks:
            return
        stack = app.screen_stack
        if stack and type(stack[-1]).__name__ == first:
            marks["hooked"] = time.time()
            stack[-1].call_after_refresh(lambda: marks.setdefault("paint", time.time()))

    async def ticker() -> None:
        last = time.time()
        while True:
            await asyncio.sleep(0.002)
            now = time.time()
            ticks.append((last, now))
            last = now

    task = asyncio.create_task(ticker())
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(app, pilot)
        settled = time.time()
    task.cancel()
    paint = marks.get("paint", settled)
    stall = max((min(end, settled) - max(begin, paint) for begin, end in ticks if end > paint and begin < settled),
                default=0.0)
    return {"paint_ms": (paint - spawned) * 1000, "settled_ms": (settled - spawned) * 1000,
            "stall_ms": stall * 1000, "python_ms": (STARTED - spawned) * 1000, "peak_mb": peak_mb()}


async def memory(store: str, word: str) -> dict[str, float]:
    app = make_app(store)
    result: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        result["home_mb"] = peak_mb()
        await pilot.press("a")
        for _ in range(600):
            await settle(app, pilot)
            if getattr(app.screen, "loaded", False):
                break
            await pilot.pause(0.05)
        # The screen builds every column's sort order in turns after it has drawn:
        # the steady state of an open actions view is after the last one.
        for _ in range(600):
            await pilot.pause(0.1)
            if not getattr(app.screen, "_to_warm", None):
                break
        await settle(app, pilot)
        result["actions_total"] = getattr(app.screen, "total", -1)
        result["actions_mb"] = peak_mb()
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press(*word)
        for _ in range(600):
            await pilot.pause(0.05)
            await settle(app, pilot)
            if getattr(app.screen, "total", 0):
                break
        result["search_hits"] = getattr(app.screen, "total", -1)
        result["search_mb"] = peak_mb()
    return result


async def meeting(store: str, variant: str) -> dict[str, float]:
    """Open the store's newest meeting ten times (``variant:N``: N times), closing it in
    between; median ms from the key to idle, and peak memory. ``variant`` takes one of
    the app's tricks away to see what it buys: ``no_style_clear`` (a closed meeting
    screen leaves Textual's style cache as it is), ``no_size_hook`` (the meeting's tables
    size their rows on Resize, after the first paint, as a plain ScrollView does)."""
    import gc

    variant, _, count = variant.partition(":")  # "as_is:40": forty opens
    if variant == "no_style_clear":
        import tui.screens.meeting as screen

        screen._collect_closed_screen = gc.collect  # noqa: SLF001 - the trick taken away
    if variant == "no_size_hook":
        from tui.widgets.flex_table import FlexTable

        del FlexTable._size_updated  # noqa: SLF001 - our override, taken away
    app = make_app(store)
    meeting_id = max(int(k) for k in app.repo.storage.tables["meetings"])
    timings = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for _ in range(int(count or 10)):
            started = time.perf_counter()
            app.open("meeting", meeting_id)
            await settle(app, pilot)
            timings.append((time.perf_counter() - started) * 1000)
            app.pop_screen()
            await settle(app, pilot)
    timings.sort()
    return {"meeting_ms": timings[len(timings) // 2], "meeting_worst_ms": timings[-1],
            "meeting_p90_ms": timings[int(len(timings) * 0.9)], "peak_mb": peak_mb()}


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--root"]:
        sys.path.insert(0, args[1])
        args = args[2:]
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    mode, store, extra = args
    if mode == "memory":
        out = asyncio.run(memory(store, extra))
    elif mode == "meeting":
        out = asyncio.run(meeting(store, extra))
    else:
        out = asyncio.run(start(mode, store, float(extra)))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
