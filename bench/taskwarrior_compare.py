"""Speed of the chair's review: in process at any size, and against Taskwarrior.

    python bench/taskwarrior_compare.py                 # both parts, 10,000 / 100,000
    python bench/taskwarrior_compare.py --index 100000  # only the in-process part
    python bench/taskwarrior_compare.py --taskwarrior 10000 --runs 7

``bench_actions(n)``: builds n actions in memory and times ``ActionIndex`` (build,
every filter, every sort both ways, grouping, an incremental update after a bulk
change); the target is 50 ms per filter or sort at 100,000 actions.

``compare_taskwarrior(n)``: the same n items in a samverkan store and in a Taskwarrior
data folder (``task import``), then ``samverkan actions --open --store X`` against
``task list``, both as subprocesses with stdout to /dev/null, run in turns (so a noisy
machine slows both alike), median of several runs; with the listing current, after
twenty lines logged through ``samverkan log`` (the listing replays the journal), and
with the listing file deleted (the store is opened whole and writes it again).
Bytecode is compiled first, as ``pip install`` does.
Taskwarrior gets a private rc (``confirmation=off``, ``verbose=nothing``, ``hooks=0``,
``gc=0`` after one gc run, ``recurrence=0``, ``defaultwidth=0`` like our unwrapped
table) so it does no more work than listing. Needs the Debian package
``taskwarrior`` (``apt-get install -y taskwarrior``). Prints results; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store.demo.build import ACTION_LINES  # noqa: E402
from store.model.constants import DONE, FIRE, IN_PROGRESS, MUNICIPALITY, OPEN, POLICE, STRUCK, TZ  # noqa: E402
from store.model.forum import Forum  # noqa: E402
from store.model.meeting import Meeting  # noqa: E402
from store.model.people import Organisation, Person  # noqa: E402
from store.model.promise import Promise, Target  # noqa: E402
from store.repository import Repository  # noqa: E402

TODAY = date(2026, 11, 23)
TEXTS = ACTION_LINES  # the demo's action texts
PLACES = ["Ronna", "Hovsjö", "Geneta", "Fornhöjden", "Bårsta", "Saltskog", "Centrum", "Järna"]
FORUMS = ["Måndagsmöte Södertälje", "Chefssamråd Södertälje", "SSPF Ronnaskolan", "BRÅ Strängnäs"]
# open, in progress, done, cancelled: most old work is done, a good part is still open.
STATUS_WEIGHTS = ((OPEN, 45), (IN_PROGRESS, 15), (DONE, 35), (STRUCK, 5))


def item_plan(n: int, seed: int = 48) -> list[dict]:
    """n items as plain data, so samverkan and Taskwarrior get exactly the same ones."""
    rng = random.Random(seed)
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    items = []
    for i in range(n):
        due = TODAY + timedelta(days=rng.randint(-120, 90)) if rng.random() < 0.9 else None
        items.append({
            "text": f"{rng.choice(TEXTS)} i {rng.choice(PLACES)} ({i + 1})",
            "forum": i % len(FORUMS),
            "owner": rng.randrange(30),
            "due": due,
            "status": rng.choice(statuses),
            "promise": rng.randrange(12) if rng.random() < 0.4 else None,
            "confidential": rng.random() < 0.05,
            "meeting_week": rng.randrange(52),
        })
    return items


def build_store(repo: Repository, items: list[dict]) -> None:
    """The items as actions through the repository API, in one transaction."""
    with repo.transaction():
        orgs = [
            repo.save_organisation(Organisation(name=name, kind=kind, municipality="Södertälje"))
            for name, kind in (
                ("Polisen Södertälje", POLICE),
                ("Södertälje kommun", MUNICIPALITY),
                ("Södertörns brandförsvarsförbund", FIRE),
            )
        ]
        people = [
            repo.save_person(Person(name=f"Person {i:02d} Test", organisation_id=orgs[i % 3].id))
            for i in range(30)
        ]
        forums = [repo.save_forum(Forum(name=name, municipality="Södertälje")) for name in FORUMS]
        promises = [
            repo.save_promise(Promise(
                text=f"Löfte {i}", municipality="Södertälje", period_label="2026",
                period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
                parties=[POLICE, MUNICIPALITY], target=Target(4 + i) if i % 3 else None,
            ))
            for i in range(12)
        ]
        meetings: dict[tuple[int, int], Meeting] = {}
        for item in items:
            key = (item["forum"], item["meeting_week"])
            meeting = meetings.get(key)
            if meeting is None:
                start = datetime(2026, 1, 5, 9, 0, tzinfo=TZ) + timedelta(weeks=item["meeting_week"])
                meeting = meetings[key] = repo.save_meeting(
                    Meeting(forum_id=forums[item["forum"]].id, start=start, status="held")
                )
            action = repo.add_action(
                meeting,
                item["text"],
                owner_person_id=people[item["owner"]].id,
                due=item["due"],
                promise_id=promises[item["promise"]].id if item["promise"] is not None else None,
                confidential=item["confidential"],
            )
            if item["status"] != OPEN:
                repo.change_action(action.id, meeting.id, status=item["status"])


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


def _interleaved(ours: list[str], theirs: list[str], env: dict, runs: int) -> tuple[list[float], list[float]]:
    """Alternate the two commands, so a noisy neighbour slows both alike."""
    our_times, their_times = [], []
    for _ in range(runs):
        our_times.append(_run_ms(ours))
        their_times.append(_run_ms(theirs, env))
    return our_times, their_times


def _samverkan_command() -> list[str]:
    script = Path(sys.executable).with_name("samverkan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli.main"]


def _compile_bytecode() -> None:
    """An installed program has its bytecode compiled (pip does it); an editable
    checkout under PYTHONDONTWRITEBYTECODE would compile every module on every call."""
    import compileall

    for package in ("store", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def compare_taskwarrior(n: int = 10_000, runs: int = 15, keep: bool = False) -> dict[str, float]:
    import os

    task = shutil.which("task")
    if task is None:
        print("Taskwarrior is not installed: apt-get install -y taskwarrior")
        return {}
    _compile_bytecode()
    version = subprocess.run([task, "--version"], capture_output=True, text=True).stdout.strip()
    folder = Path(tempfile.mkdtemp(prefix="samverkan-vs-task-"))
    results: dict[str, float] = {}
    try:
        items = item_plan(n)
        store = folder / "samverkan.json"
        with Repository(store, create=True) as repo:
            build_store(repo, items)
        # One open folds the big journal into the snapshot, as a real store would have.
        Repository(store).close()

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
        started = time.perf_counter()
        subprocess.run([task, "import", str(tasks)], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"task import of {n:,} tasks: {time.perf_counter() - started:.1f} s")
        subprocess.run([task, "rc.gc=1", "list"], env=env, check=True, stdout=subprocess.DEVNULL)  # gc once

        ours = [*_samverkan_command(), "actions", "--open", "--store", str(store)]
        theirs = [task, "rc.gc=0", "list"]
        listed_ours = subprocess.run(ours, capture_output=True, text=True, check=True).stdout.count("\n")
        listed_theirs = subprocess.run(theirs, env=env, capture_output=True, text=True, check=True).stdout.count("\n")
        _interleaved(ours, theirs, env, 2)  # warm the page cache for both
        print(f"{n:,} items, {runs} runs each, interleaved, stdout to /dev/null "
              f"({version and 'Taskwarrior ' + version}); medians:")
        cases = (
            ("listing current", None),
            # The app or `samverkan log` committed since the last snapshot: the listing
            # replays the journal, as opening the store would.
            ("after 20 logged lines", "log"),
            # No listing (deleted, or a crash between snapshot and listing): the whole
            # store is opened, which writes the listing again; timed on that one call.
            ("listing missing (one call)", "missing"),
        )
        for label, case in cases:
            if case == "log":
                forum = FORUMS[0]
                for i in range(20):
                    subprocess.run(
                        [*_samverkan_command(), "log", "--store", str(store), "--forum", forum,
                         f"å Ny åtgärd {i} !fredag"],
                        check=True, stdout=subprocess.DEVNULL,
                    )
                ours_ms, theirs_ms = _interleaved(ours, theirs, env, runs)
            elif case == "missing":
                ours_ms, theirs_ms = [], []
                for _ in range(max(3, runs // 3)):
                    (folder / "samverkan.json.listing").unlink()
                    ours_ms.append(_run_ms(ours))
                    theirs_ms.append(_run_ms(theirs, env))
            else:
                ours_ms, theirs_ms = _interleaved(ours, theirs, env, runs)
            mine, their = statistics.median(ours_ms), statistics.median(theirs_ms)
            print(f"  {label:28} samverkan {mine:6.1f} ms  task list {their:6.1f} ms  "
                  f"ratio {their / mine:.2f}x")
            results[label] = their / mine
            if case is None:
                results.update(samverkan_ms=mine, task_ms=their, ratio=their / mine)
        print(f"  lines listed: samverkan {listed_ours}, task {listed_theirs}; target: ratio at least 3x")
    finally:
        if keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=int, metavar="N", help="only time ActionIndex at N actions")
    parser.add_argument("--taskwarrior", type=int, metavar="N", help="only compare with Taskwarrior at N items")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the temporary stores")
    args = parser.parse_args(argv)
    if args.index is None and args.taskwarrior is None:
        args.index, args.taskwarrior = 100_000, 10_000
    if args.taskwarrior:
        compare_taskwarrior(args.taskwarrior, args.runs, args.keep)
    if args.index:
        bench_actions(args.index, args.runs)


if __name__ == "__main__":
    main()
