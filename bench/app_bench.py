"""The app's start and memory, each run in a fresh process (``bench/app_probe.py``).

``start_runs`` starts a bare Textual app (one DataTable) and the app on each store in
turns, ``runs`` rounds, so a noisy machine slows them alike; it reports medians and
the spread (the middle half of the runs). ``memory_runs`` opens the actions view and
searches. With ``before`` (another checkout's root), the same is done with its code
on a copy of each store, in the same rounds.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = Path(__file__).with_name("app_probe.py")


def _probe(args: list[str], root: str | None = None) -> dict[str, float]:
    command = [sys.executable, str(PROBE), *(["--root", root] if root else []), *args]
    if args[0] != "memory":
        command.append(repr(time.time()))  # the moment it is started: the user's wait starts here
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600).stdout
    return json.loads(out.strip().splitlines()[-1])


def _copies(stores: dict[str, Path], folder: Path) -> dict[str, Path]:
    """Each store copied whole (an older checkout rewrites what it does not know)."""
    copies = {}
    for label, path in stores.items():
        target = folder / label
        shutil.copytree(path.parent, target, ignore=shutil.ignore_patterns("*.backups"))
        copies[label] = target / path.name
    return copies


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    quarter = len(ordered) // 4
    return {"median": statistics.median(ordered), "low": ordered[quarter], "high": ordered[-1 - quarter]}


def start_runs(stores: dict[str, Path], runs: int = 7, before: str | None = None) -> dict[str, dict]:
    """{label: {measure: {median, low, high}}} for "bare", each store and, with
    ``before``, "<label> before"."""
    folder = Path(tempfile.mkdtemp(prefix="samverkan-before-")) if before else None
    old = _copies(stores, folder) if folder else {}
    raw: dict[str, list[dict[str, float]]] = {}
    try:
        for _ in range(runs):
            raw.setdefault("bare", []).append(_probe(["bare", "-"]))
            for label, path in stores.items():
                raw.setdefault(label, []).append(_probe(["start", str(path)]))
                if label in old:
                    raw.setdefault(f"{label} before", []).append(_probe(["start", str(old[label])], before))
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    result = {}
    bare = statistics.median(r["settled_ms"] for r in raw["bare"])
    for label, found in raw.items():
        result[label] = {key: _summary([r[key] for r in found]) for key in found[0]}
        result[label]["times_bare"] = statistics.median(r["settled_ms"] for r in found) / bare
    return result


def memory_runs(stores: dict[str, Path], words: dict[str, str], before: str | None = None) -> dict[str, dict]:
    """{label: {home_mb, actions_mb, search_mb, …}} (one run each: peaks hardly vary)."""
    folder = Path(tempfile.mkdtemp(prefix="samverkan-before-")) if before else None
    try:
        old = _copies(stores, folder) if folder else {}
        result = {}
        for label, path in stores.items():
            result[label] = _probe(["memory", str(path), words[label]])
            if label in old:
                result[f"{label} before"] = _probe(["memory", str(old[label]), words[label]], before)
        return result
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
