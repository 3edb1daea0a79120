"""What each of the program's speed tricks buys, measured with and without it.

Every figure is a median of runs that alternate the two variants (a noisy machine
slows both alike), each in a fresh process:

- ``os._exit``: ``samverkan actions --open`` through the console script (which ends
  with os._exit after flushing) against the same call ending with sys.exit;
- partial parser: building the parser for one command against the whole command line;
- ``TYPE_CHECKING = False``, hand-written XDG paths, flock without portalocker, the
  Swedish holiday rules: the import (and first use) each one spares, timed in a process
  that has already imported what the command line imports;
- garbage collection paused while decoding: 100,000 actions decoded with the collector
  on and paused, in a process holding the app's modules and a store's worth of objects;
- the meeting screen's two uses of Textual's private names: the screen opened forty
  times with and without each (``bench/app_probe.py meeting``), time and peak memory.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).with_name("app_probe.py")


def _wall_ms(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=ROOT)
    return (time.perf_counter() - started) * 1000


def _pair(with_it: list[str], without: list[str], runs: int) -> dict[str, float]:
    a, b = [], []
    for _ in range(runs):
        a.append(_wall_ms(with_it))
        b.append(_wall_ms(without))
    return {"with_ms": statistics.median(a), "without_ms": statistics.median(b),
            "buys_ms": statistics.median(b) - statistics.median(a)}


def _in_process_ms(setup: str, timed: str, runs: int) -> float:
    """Median time of ``timed`` in fresh processes that ran ``setup`` first."""
    code = (f"{setup}\nimport time\nstarted = time.perf_counter()\n{timed}\n"
            "print((time.perf_counter() - started) * 1000)")
    found = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                  cwd=ROOT).stdout.split()[-1]) for _ in range(runs)]
    return statistics.median(found)


def command_line(store: Path, runs: int = 15) -> dict[str, dict[str, float]]:
    samverkan = str(Path(sys.executable).with_name("samverkan"))
    query = ["actions", "--open", "--store", str(store)]
    plain_exit = [sys.executable, "-c", "import sys; from tui.cli.main import main, utf8_output; utf8_output(); "
                  "sys.exit(main(sys.argv[1:]))", *query]
    cli = "import tui.cli.main, tui.cli.review, store.persistence.listing_source"
    return {
        "os._exit after a listing": _pair([samverkan, *query], plain_exit, runs),
        "parser for one command": _pair(
            [sys.executable, "-c", "from tui.cli.main import build_parser; build_parser('actions')"],
            [sys.executable, "-c", "from tui.cli.main import build_parser; build_parser()"], runs),
        "TYPE_CHECKING = False (typing not imported)": {"buys_ms": _in_process_ms(cli, "import typing", runs)},
        "hand-written XDG paths (platformdirs not imported)": {
            "buys_ms": _in_process_ms(cli, "import platformdirs; platformdirs.user_data_dir('samverkan')", runs)},
        "flock without portalocker": {
            "buys_ms": _in_process_ms(cli + ", store.repository", "import portalocker", runs)},
        "holiday rules without the holidays library": {"buys_ms": _in_process_ms(
            cli, "import holidays; holidays.country_holidays('SE', years=2026, language='sv')", runs)},
    }


GC_PROBE = r"""
import gc, json, sys, time
import tui.app, tui.screens.home, tui.screens.actions  # the objects an app holds
from store.persistence.sections import split
from store.persistence.gcpause import paused_gc
import orjson
raw = open(sys.argv[1], "rb").read()
name, start, end = max(split(raw)[1], key=lambda t: t[2] - t[1])
section = b"{" + raw[start:end] + b"}"
result = {}
for label in ("on", "paused", "on", "paused"):
    gc.collect()
    began = time.perf_counter()
    if label == "paused":
        with paused_gc():
            docs = orjson.loads(section)
    else:
        docs = orjson.loads(section)
    result.setdefault(label, []).append((time.perf_counter() - began) * 1000)
    del docs
print(json.dumps({"table": name, "documents": raw[start:end].count(b'\n  "'),
                  "gc_on_ms": min(result["on"]), "gc_paused_ms": min(result["paused"])}))
"""


def parse_gc(store: Path) -> dict:
    """The store's largest table decoded with the garbage collector on and paused."""
    out = subprocess.run([sys.executable, "-c", GC_PROBE, str(store)], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def meeting_screen(store: Path, runs: int = 5) -> dict[str, dict[str, float]]:
    """Forty openings of the meeting screen per run, as is and with each of its two uses
    of Textual's private names taken away: median ms per opening, and peak MB."""
    variants = ("as_is", "no_style_clear", "no_size_hook")
    found: dict[str, list[dict]] = {v: [] for v in variants}
    for _ in range(runs):
        for variant in variants:
            out = subprocess.run([sys.executable, str(PROBE), "meeting", str(store), f"{variant}:40"],
                                 capture_output=True, text=True, check=True, cwd=ROOT).stdout
            found[variant].append(json.loads(out.strip().splitlines()[-1]))

    def median(variant: str, key: str) -> float:
        return statistics.median(r[key] for r in found[variant])

    names = {"no_style_clear": "meeting screen: style cache cleared on close",
             "no_size_hook": "meeting screen: rows sized in _size_updated"}
    return {names[v]: {"with_ms": median("as_is", "meeting_ms"), "without_ms": median(v, "meeting_ms"),
                       "buys_ms": median(v, "meeting_ms") - median("as_is", "meeting_ms"),
                       "buys_mb": median(v, "peak_mb") - median("as_is", "peak_mb")}
            for v in variants if v != "as_is"}
