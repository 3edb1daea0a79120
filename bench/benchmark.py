"""Benchmark: synthetic stores of 10 and 100 years and of 100,000 live actions.

    python bench/benchmark.py --build /tmp/y100/samverkan.json --years 100
    python bench/benchmark.py --build /tmp/k100/samverkan.json --live-actions 100000
    python bench/benchmark.py                       # everything, stores in a temporary folder
    python bench/benchmark.py --stores /tmp/bench --parts app memory --runs 9
    python bench/benchmark.py --before ../old-checkout --parts app memory

``--build`` makes one store at a path (``bench/stores.py``: ~180 meetings a year with
10 attendees, 5 decisions and 5 actions each, history archived; or N actions in this
year's meetings), so anyone can measure the same store. Otherwise the stores are made
in ``--stores`` (kept, and reused when there) or a temporary folder, and the parts run:

- ``store``: file sizes, opening in a fresh process, a durable commit, the action
  index with history and the promise progress in process;
- ``app``: the app started and settled against a bare Textual app, in turns
  (``bench/app_bench.py``, ``bench/app_probe.py``), and the longest stall after the
  first paint;
- ``memory``: peak memory with the actions view open and after a search over history;
- ``gc``: the largest table decoded with the garbage collector on and paused;
- ``tricks``: what each speed trick buys (``bench/tricks.py``);
- ``taskwarrior``: every pair against Taskwarrior at 10,000 and 100,000 items
  (``bench/taskwarrior_compare.py``).

``--before CHECKOUT`` runs the app and memory parts with another checkout's code too,
on copies of the stores. Not part of the test suite; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import app_bench, tricks  # noqa: E402
from bench.stores import TODAY, build_live, build_years  # noqa: E402

PARTS = ("store", "app", "memory", "gc", "tricks", "taskwarrior")
# A word in every action of the years stores, and in many of the live store's.
WORDS = {"years": "belysning", "live": "klotter"}

OPEN_PROBE = r"""
import json, sys, time
start = time.perf_counter()
from store.repository import Repository
imported = time.perf_counter()
repo = Repository(sys.argv[1], read_only=True)
opened = time.perf_counter()
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({"import_ms": (imported - start) * 1000, "open_ms": (opened - imported) * 1000, "peak_mb": rss}))
"""


def build(path: Path, years: int | None, live: int | None) -> dict[str, float]:
    return build_live(path, live) if live else build_years(path, years or 1)


def stores(folder: Path, years: list[int], live: list[int]) -> dict[str, Path]:
    """Each store, built in a child process (so this one's memory is the reader's)."""
    found = {}
    for label, option, n in [*((f"{y} y", "--years", y) for y in years),
                             *((f"{n // 1000}k live", "--live-actions", n) for n in live)]:
        path = folder / label.replace(" ", "") / "samverkan.json"
        if not path.exists():
            started = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--build", str(path), option, str(n)], check=True,
                           stdout=subprocess.DEVNULL)
            print(f"built {label} in {time.perf_counter() - started:.0f} s: {path}", flush=True)
        found[label] = path
    return found


def store_part(path: Path) -> dict[str, float]:
    from datetime import date

    from store.repository import Repository
    from store.review.action_index import ActionIndex
    from store.review.action_rows import ActionFilter
    from store.review.promises import promise_rows

    result: dict[str, float] = {"snapshot_mb": path.stat().st_size / 1e6}
    history = path.with_name(path.name + ".archive")
    result["archive_mb"] = sum(f.stat().st_size for f in history.glob("*.json")) / 1e6 if history.is_dir() else 0
    probes = [json.loads(subprocess.run([sys.executable, "-c", OPEN_PROBE, str(path)], capture_output=True,
                                        text=True, check=True, cwd=ROOT).stdout) for _ in range(5)]
    result["open_ms"] = statistics.median(p["open_ms"] for p in probes)
    result["open_peak_mb"] = max(p["peak_mb"] for p in probes)
    with tempfile.TemporaryDirectory() as folder:  # commits go to a copy: the store stays as built
        copy = Path(folder) / "s" / path.name
        shutil.copytree(path.parent, copy.parent, ignore=shutil.ignore_patterns("*.backups"))
        with Repository(copy) as repo:
            meeting = repo.meeting(max(int(k) for k in repo.storage.tables["meetings"]))
            timings = []
            for i in range(300):
                started = time.perf_counter()
                repo.add_entry(meeting, "info", f"Loggad rad {i}")
                timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    result["commit_median_ms"] = statistics.median(timings)
    result["commit_p95_ms"] = timings[int(len(timings) * 0.95)]
    today = date(TODAY.year, 12, 1)
    with Repository(path, read_only=True) as repo:
        started = time.perf_counter()
        promise_rows(repo, today)
        result["promise_progress_ms"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        index = ActionIndex(repo, today)
        result["action_index_with_history_ms"] = (time.perf_counter() - started) * 1000
        result["actions"] = len(index)
        started = time.perf_counter()
        index.query(ActionFilter(text="belysning kvarter 42"))
        result["filter_text_ms"] = (time.perf_counter() - started) * 1000
    return result


def _table(rows: dict[str, dict], keys: list[str] | None = None) -> None:
    labels = list(rows)
    keys = keys or list(dict.fromkeys(k for r in rows.values() for k in r))
    print("| measure | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    for key in keys:
        cells = []
        for label in labels:
            value = rows[label].get(key)
            if isinstance(value, dict):
                value = f"{value['median']:.0f} ({value['low']:.0f}–{value['high']:.0f})"
            elif isinstance(value, float):
                value = f"{value:.1f}"
            cells.append("–" if value is None else str(value))
        print(f"| {key} | " + " | ".join(cells) + " |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", metavar="PATH", help="build one store at PATH and stop")
    parser.add_argument("--years", type=int, nargs="+", default=None)
    parser.add_argument("--live-actions", type=int, nargs="+", default=None, metavar="N")
    parser.add_argument("--stores", metavar="DIR", help="where the stores are kept (made if missing)")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", metavar="CHECKOUT", help="also run the app with another checkout's code")
    args = parser.parse_args()
    if args.build:
        live = args.live_actions[0] if args.live_actions else None
        print(json.dumps(build(Path(args.build), (args.years or [1])[0], live)))
        return
    if args.years is None and args.live_actions is None:
        args.years, args.live_actions = [10, 100], [100_000]
    folder = Path(args.stores) if args.stores else Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
    found = stores(folder, args.years or [], args.live_actions or [])
    if "store" in args.parts:
        print("## The store in process\n")
        _table({label: store_part(path) for label, path in found.items()})
    if "app" in args.parts:
        print(f"## The app started and settled, in turns with a bare Textual app ({args.runs} rounds; "
              "median (middle half), ms from the process's start)\n")
        _table(app_bench.start_runs(found, args.runs, args.before),
               ["paint_ms", "settled_ms", "times_bare", "stall_ms", "peak_mb"])
    if "memory" in args.parts:
        print("## Peak memory (MB): home, the actions view open, after a search over history\n")
        words = {label: WORDS["live" if "live" in label else "years"] for label in found}
        _table(app_bench.memory_runs(found, words, args.before))
    if "gc" in args.parts:
        print("## The largest table decoded with the garbage collector on and paused (ms)\n")
        _table({label: tricks.parse_gc(path) for label, path in found.items()})
    if "tricks" in args.parts:
        live = stores(folder, [], [10_000])["10k live"]  # the size the Taskwarrior targets are set at
        years = next((p for label, p in found.items() if "y" in label.split()[-1]), live)
        print("## What each trick buys (ms; medians of alternating runs)\n")
        found_tricks = {**tricks.command_line(live, args.runs * 2), **tricks.meeting_screen(years, args.runs)}
        print("| trick | with it | without | buys |\n|---|---|---|---|")
        for name, figures in found_tricks.items():
            more = f" ms, {figures['buys_mb']:.0f} MB" if "buys_mb" in figures else " ms"
            print(f"| {name} | {figures.get('with_ms', float('nan')):.1f} | "
                  f"{figures.get('without_ms', float('nan')):.1f} | {figures['buys_ms']:.1f}{more} |")
        print()
    if "taskwarrior" in args.parts:
        from bench.taskwarrior_compare import compare_taskwarrior

        print("## Against Taskwarrior\n")
        compare_taskwarrior((10_000, 100_000), max(args.runs, 9))


if __name__ == "__main__":
    main()
