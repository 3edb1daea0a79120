"""Speed of the chair's review and of logging: in process at any size, and against Taskwarrior.

    python bench/taskwarrior_compare.py                          # both parts
    python bench/taskwarrior_compare.py --index 100000           # only the in-process part
    python bench/taskwarrior_compare.py --taskwarrior 10000 100000 --runs 9

``bench_actions(n)``: builds n actions in memory and times ``ActionIndex`` (build,
every filter, every sort both ways, grouping, an incremental update after a bulk
change); the target is 50 ms per filter or sort at 100,000 actions.

``compare_taskwarrior(sizes)``: the same n items (``bench/stores.item_plan``) in a
samverkan store and in a Taskwarrior data folder (``task import``), then each pair of
``pairs`` — the open work (``actions --open`` / ``task list``), one forum
(``--forum`` / ``project:X list``), the done ones (``--status done`` / ``completed``),
a word (``--text`` / ``/word/ list``) and adding one (``log`` / ``task add``) — as
subprocesses with stdout to /dev/null, run in turns (so a noisy machine slows both
alike), median of several runs, and the ratio. Bytecode is compiled first, as
``pip install`` does. Taskwarrior gets a private rc (``confirmation=off``,
``verbose=nothing``, ``hooks=0``, ``gc=0`` after one gc run, ``recurrence=0``,
``defaultwidth=0`` like our unwrapped table) so it does no more work than asked. Needs
the Debian package ``taskwarrior`` (``apt-get install -y taskwarrior``). Prints
results; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.stores import FORUMS, TODAY, fill_live, item_plan  # noqa: E402
from store.model.constants import DONE, IN_PROGRESS, OPEN, STRUCK  # noqa: E402
from store.repository import Repository  # noqa: E402

build_store = fill_live  # the name the in-process part uses


# -- in process -------------------------------------------------------------------


def _median_ms(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_actions(n: int = 100_000, runs: int = 7) -> dict[str, float]:
    """Time ActionIndex over n actions in memory; returns {what: median ms} and prints it."""
    import pendulum

    from store.review.action_index import ActionIndex
    from store.review.action_rows import GROUP_BY, SORT_COLUMNS, ActionFilter


    pendulum.travel_to(pendulum.datetime(TODAY.year, TODAY.month, TODAY.day, 10, tz="Europe/Stockholm"), freeze=True)
    try:
        repo = Repository.memory()
        started = time.perf_counter()
        build_store(repo, item_plan(n))
        print(f"built {n:,} actions through the repository in {time.perf_counter() - started:.1f} s")
        results: dict[str, float] = {}
        started = time.perf_counter()
        index = ActionIndex(repo, today=TODAY)
        results["index build"] = (time.perf_counter() - started) * 1000
        sample_owner = index.row(index.query(sort="id")[0]).owner_person_id
        sample = index.row(index.query(sort="id")[0])
        filters = {
            "all (no confidential)": ActionFilter(),
            "open (active)": ActionFilter(status={"active"}),
            "overdue": ActionFilter(overdue=True),
            "due this week": ActionFilter(due_this_week=True),
            "forum": ActionFilter(forum_id=sample.forum_id),
            "organisation": ActionFilter(organisation_id=sample.organisation_id),
            "owner": ActionFilter(owner_person_id=sample_owner),
            "promise": ActionFilter(promise_id=1),
            "text 'klotter'": ActionFilter(text="klotter"),
            "everything at once": ActionFilter(
                status={"active"}, overdue=True, forum_id=sample.forum_id,
                organisation_id=sample.organisation_id, text="i", include_confidential=True,
            ),
        }
        for column in SORT_COLUMNS:  # first sort of a column builds its permutation
            started = time.perf_counter()
            index.query(ActionFilter(), sort=column)
            results[f"first sort {column}"] = (time.perf_counter() - started) * 1000
        for name, flt in filters.items():
            results[f"filter {name} (sort due)"] = _median_ms(lambda flt=flt: index.query(flt), runs)
        for column in SORT_COLUMNS:
            results[f"sort {column} asc"] = _median_ms(lambda c=column: index.query(ActionFilter(), sort=c), runs)
            results[f"sort {column} desc"] = _median_ms(
                lambda c=column: index.query(ActionFilter(), sort=c, descending=True), runs
            )
        everything = index.query(ActionFilter(include_confidential=True), sort=None)
        for by in GROUP_BY:
            results[f"groups by {by}"] = _median_ms(lambda b=by: index.groups(everything, b), runs)
        page = everything[:60]
        results["60 rows for one screen"] = _median_ms(lambda: index.rows(page), runs)
        overdue = index.query(ActionFilter(overdue=True))[:200]
        started = time.perf_counter()
        repo.change_actions(overdue, DONE, note="bench")
        results["bulk change 200 (store)"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        index.query(ActionFilter(status={"active"}), sort="owner")
        results["first query after bulk change, by owner"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        index.query(ActionFilter(status={"active"}), sort="status")
        results["first query after bulk change, by status (re-slot)"] = (time.perf_counter() - started) * 1000
        index.close()
    finally:
        pendulum.travel_back()
    width = max(len(k) for k in results)
    print(f"ActionIndex at {n:,} actions (median of {runs}, ms):")
    for name, ms in results.items():
        print(f"  {name.ljust(width)}  {ms:8.1f}")
    worst = max(
        (ms, name) for name, ms in results.items()
        if name.startswith(("filter", "sort", "groups", "first query"))
    )
    print(f"  slowest filter/sort/group: {worst[1]} {worst[0]:.1f} ms (target 50 ms)")
    return results


# -- against Taskwarrior ----------------------------------------------------------


def _task_json(item: dict, index: int) -> dict:
    entry = datetime(2026, 1, 5, 9, 0) + timedelta(weeks=item["meeting_week"])
    task = {
        "uuid": str(uuid.UUID(int=random.Random(index).getrandbits(128))),
        "description": item["text"],
        "status": {OPEN: "pending", IN_PROGRESS: "pending", DONE: "completed", STRUCK: "deleted"}[item["status"]],
        "entry": entry.strftime("%Y%m%dT%H%M%SZ"),
        "project": FORUMS[item["forum"]].replace(" ", "_"),
        "tags": [f"owner{item['owner']:02d}"],
    }
    if item["status"] == IN_PROGRESS:
        task["start"] = entry.strftime("%Y%m%dT%H%M%SZ")
    if item["status"] in (DONE, STRUCK):
        task["end"] = (entry + timedelta(days=7)).strftime("%Y%m%dT%H%M%SZ")
    if item["due"]:
        task["due"] = item["due"].strftime("%Y%m%dT000000Z")
    return task


def _run_ms(cmd: list[str], env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return (time.perf_counter() - started) * 1000


def _samverkan_command() -> list[str]:
    script = Path(sys.executable).with_name("samverkan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli.main"]


def _compile_bytecode() -> None:
    """An installed program has its bytecode compiled (pip does it); an editable
    checkout under PYTHONDONTWRITEBYTECODE would compile every module on every call."""
    import compileall

    for package in ("store", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def prepare(n: int, folder: Path) -> tuple[Path, dict[str, str]]:
    """The same n items as a samverkan store and as a Taskwarrior data folder."""
    items = item_plan(n)
    store = folder / "samverkan.json"
    with Repository(store, create=True) as repo:
        build_store(repo, items)
    Repository(store).close()  # one opening folds the big journal in, as a real store has
    data = folder / "task"
    data.mkdir()
    rc = folder / "taskrc"
    rc.write_text(
        f"data.location={data}\nconfirmation=off\nverbose=nothing\nhooks=0\n"
        "recurrence=0\ndefaultwidth=0\nnews.version=2.6.2\n",
        encoding="utf-8",
    )
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    tasks = folder / "tasks.json"
    tasks.write_text(json.dumps([_task_json(item, i) for i, item in enumerate(items)]), encoding="utf-8")
    subprocess.run(["task", "import", str(tasks)], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["task", "rc.gc=1", "list"], env=env, check=True, stdout=subprocess.DEVNULL)  # gc once
    return store, env


def pairs(store: Path) -> list[tuple[str, list[str], list[str]]]:
    """(what, samverkan's command, Taskwarrior's) — the same question of the same items."""
    ours = [*_samverkan_command()]
    at = ["--store", str(store)]
    project = FORUMS[0].replace(" ", "_")
    return [
        ("open work", [*ours, "actions", "--open", *at], ["task", "rc.gc=0", "list"]),
        ("one forum", [*ours, "actions", "--forum", FORUMS[0], *at], ["task", "rc.gc=0", f"project:{project}", "list"]),
        ("done", [*ours, "actions", "--status", "done", *at], ["task", "rc.gc=0", "completed"]),
        ("a word", [*ours, "actions", "--text", "klotter", *at], ["task", "rc.gc=0", "/klotter/", "list"]),
        ("add one", [*ours, "log", "--forum", FORUMS[0], "--adhoc", "å Ny åtgärd från benchmark", *at],
         ["task", "rc.gc=0", "add", "Ny uppgift från benchmark", f"project:{project}"]),
    ]


def compare_taskwarrior(sizes: tuple[int, ...] = (10_000,), runs: int = 15, keep: bool = False) -> dict:
    """Each pair of ``pairs`` at each size: the two commands in turns (a noisy machine
    slows both alike), stdout to /dev/null, medians; prints the ratio task / samverkan."""
    if shutil.which("task") is None:
        print("Taskwarrior is not installed: apt-get install -y taskwarrior")
        return {}
    _compile_bytecode()
    version = subprocess.run(["task", "--version"], capture_output=True, text=True).stdout.strip()
    results: dict = {}
    for n in sizes:
        folder = Path(tempfile.mkdtemp(prefix="samverkan-vs-task-"))
        try:
            store, env = prepare(n, folder)
            print(f"{n:,} items, samverkan and Taskwarrior {version}, {runs} runs each in turns, medians (ms):")
            for what, ours, theirs in pairs(store):
                _run_ms(ours), _run_ms(theirs, env)  # page cache warm for both
                mine, their = [], []
                for _ in range(runs):
                    mine.append(_run_ms(ours))
                    their.append(_run_ms(theirs, env))
                m, t = statistics.median(mine), statistics.median(their)
                spread = max(statistics.quantiles(mine, n=4)[2] - statistics.quantiles(mine, n=4)[0], 0.0)
                results[(n, what)] = {"samverkan_ms": m, "task_ms": t, "ratio": t / m, "iqr_ms": spread}
                print(f"  {what:10} samverkan {m:7.1f}  {' '.join(theirs[2:]):42.42} {t:7.1f}  "
                      f"ratio {t / m:5.2f}x  (samverkan's quartiles {spread:.0f} ms apart)")
        finally:
            if keep:
                print(f"kept {folder}")
            else:
                shutil.rmtree(folder, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=int, metavar="N", help="only time ActionIndex at N actions")
    parser.add_argument("--taskwarrior", type=int, nargs="+", metavar="N", help="only compare with Taskwarrior")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the temporary stores")
    args = parser.parse_args(argv)
    if args.index is None and args.taskwarrior is None:
        args.index, args.taskwarrior = 100_000, [10_000, 100_000]
    if args.taskwarrior:
        compare_taskwarrior(tuple(args.taskwarrior), args.runs, args.keep)
    if args.index:
        bench_actions(args.index, args.runs)


if __name__ == "__main__":
    main()
