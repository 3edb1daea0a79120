"""Benchmark: synthetic stores at 1, 10 and 100 years of a municipality's meetings.

~180 meetings a year, ~10 attendees, ~5 decisions and ~5 actions each. Prints commit
median/p95, open time (in a fresh process), file size, peak memory, and the times of
what users wait for: opening a meeting, filtering actions, exporting minutes and a
year's promise report. Not part of the test suite: run it by hand,

    .venv/bin/python bench/benchmark.py            # 1, 10 and 100 years
    .venv/bin/python bench/benchmark.py --years 1 10
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.model.constants import (  # noqa: E402
    DONE,
    HELD,
    MONTHLY_NTH_WEEKDAY,
    MUNICIPALITY,
    POLICE,
    STANDING_ORG,
    TZ,
    WEEKLY,
)
from store.model.forum import Cadence, ChairRule, Forum  # noqa: E402
from store.model.meeting import Attendance, Meeting  # noqa: E402
from store.model.people import Organisation, Person  # noqa: E402
from store.model.promise import Promise, Target  # noqa: E402
from store.repository import Repository  # noqa: E402

MEETINGS_PER_YEAR = 180
ATTENDEES = 10
DECISIONS = 5
ACTIONS = 5
END_YEAR = 2026


def build(path: Path, years: int, seed: int = 1) -> dict[str, float]:
    rng = random.Random(seed)
    started = time.perf_counter()
    repo = Repository(path, create=True)
    with repo.transaction():
        police = repo.save_organisation(Organisation("Polisen", POLICE, "Södertälje"))
        kommun = repo.save_organisation(Organisation("Södertälje kommun", MUNICIPALITY, "Södertälje"))
        people = [
            repo.save_person(Person(f"Person {i}", (police if i % 2 else kommun).id, "handläggare"))
            for i in range(40)
        ]
        forums = [
            repo.save_forum(Forum("Måndagsmöte", "mandagsmote", "Södertälje",
                                  cadence=Cadence(WEEKLY, weekday=0, time="09:00"),
                                  chair_rule=ChairRule(STANDING_ORG, organisation_id=police.id)))
        ] + [
            repo.save_forum(Forum(f"SSPF skola {i}", "sspf", "Södertälje", confidential_default=True,
                                  cadence=Cadence(MONTHLY_NTH_WEEKDAY, weekday=1 + i % 3, nth=1 + i % 3),
                                  chair_rule=ChairRule(STANDING_ORG, organisation_id=kommun.id)))
            for i in range(11)
        ]
        promises = [
            repo.save_promise(Promise(f"Löfte {y}-{i}", "Södertälje", str(y), date(y, 1, 1), date(y, 12, 31),
                                      parties=[POLICE], target=Target(4)))
            for y in range(END_YEAR - years + 1, END_YEAR + 1) for i in range(6)
        ]
    for year in range(END_YEAR - years + 1, END_YEAR + 1):
        with repo.transaction():  # one year of meetings as one commit keeps the build quick
            for n in range(MEETINGS_PER_YEAR):
                day = date(year, 1, 2) + timedelta(days=int(n * 363 / MEETINGS_PER_YEAR))
                forum = forums[n % len(forums)]
                start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ)
                meeting = repo.save_meeting(Meeting(
                    forum.id, start, status=HELD,
                    attendance=[Attendance(p.name, p.id, status="present") for p in rng.sample(people, ATTENDEES)],
                ))
                for i in range(DECISIONS):
                    repo.add_entry(meeting, "decision", f"Beslut {i} om insats i område {rng.randint(1, 50)}",
                                   at=start + timedelta(minutes=i))
                year_promises = [p for p in promises if p.period_label == str(year)]
                for i in range(ACTIONS):
                    action = repo.add_action(
                        meeting, f"Åtgärd {i}: kartlägga belysning kvarter {rng.randint(1, 500)}",
                        owner_person_id=rng.choice(people).id, due=day + timedelta(days=rng.randint(3, 60)),
                        promise_id=rng.choice(year_promises).id if rng.random() < 0.3 else None,
                        at=start + timedelta(minutes=10 + i),
                    )
                    if rng.random() < 0.7 or year < END_YEAR:
                        repo.change_action(action.id, meeting.id, status=DONE, at=start + timedelta(days=7))
    repo.storage.compact()
    repo.close()
    return {"build_s": time.perf_counter() - started}


OPEN_PROBE = r"""
import json, resource, sys, time
start = time.perf_counter()
from store.repository import Repository  # noqa: E402
imported = time.perf_counter()
repo = Repository(sys.argv[1])
opened = time.perf_counter()
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({"import_ms": (imported - start) * 1000, "open_ms": (opened - imported) * 1000, "peak_mb": rss}))
"""


def measure(path: Path) -> dict[str, float]:
    result: dict[str, float] = {}
    result["snapshot_mb"] = path.stat().st_size / 1e6
    archive = path.with_name(path.name + ".archive")
    result["archive_mb"] = sum(f.stat().st_size for f in archive.glob("*.json")) / 1e6 if archive.is_dir() else 0.0
    probes = [json.loads(subprocess.run([sys.executable, "-c", OPEN_PROBE, str(path)], capture_output=True,
                                        text=True, check=True, cwd=ROOT).stdout) for _ in range(3)]
    result["open_ms"] = statistics.median(p["open_ms"] for p in probes)
    result["open_peak_mb"] = max(p["peak_mb"] for p in probes)

    # A typical meeting first (5 decisions, 5 actions); the commit test below then logs
    # 300 more lines into it, and the screen is timed again as a stress case.
    result["meeting_screen_ms"] = screen_open_ms(path)
    repo = Repository(path)
    # The newest meeting, found without reading the history archive, as the app does.
    meeting = repo.meeting(max(int(k) for k in repo.storage.tables["meetings"]))
    timings = []
    for i in range(300):
        started = time.perf_counter()
        repo.add_entry(meeting, "info", f"Loggad rad {i}")
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    result["commit_median_ms"] = statistics.median(timings)
    result["commit_p95_ms"] = timings[int(len(timings) * 0.95)]

    def best_of(fn, runs: int = 5) -> float:
        best = float("inf")
        for _ in range(runs):
            started = time.perf_counter()
            fn()
            best = min(best, (time.perf_counter() - started) * 1000)
        return best

    def open_meeting() -> None:  # what the meeting screen loads
        m = repo.meeting(meeting.id)
        repo.entries(m.id)
        repo.actions_of_meeting(m.id)
        repo.open_actions_of_forum(m.forum_id, before=m.start)
        repo.meeting_chair(m)

    result["open_meeting_ms"] = best_of(open_meeting)
    repo.close()
    result["meeting_screen_310_lines_ms"] = screen_open_ms(path)
    repo = Repository(path)
    started = time.perf_counter()
    repo.load_history()
    result["load_history_ms"] = (time.perf_counter() - started) * 1000
    result["history_peak_mb"] = _hwm_mb()
    extra = _optional_measures(repo, meeting, best_of)
    result.update(extra)
    repo.close()
    return result


SCREEN_PROBE = r"""
import asyncio, json, sys, time
from store.repository import Repository  # noqa: E402
from tui.app import create_app

async def main():
    repo = Repository(sys.argv[1])
    meeting_id = max(int(k) for k in repo.storage.tables["meetings"])
    app = create_app(repo=repo)
    timings = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(5):
            started = time.perf_counter()
            app.open("meeting", meeting_id)
            await pilot.pause()  # until the screen is mounted and has painted
            timings.append((time.perf_counter() - started) * 1000)
            app.pop_screen()
            await pilot.pause()
    print(json.dumps({"screen_ms": sorted(timings)[len(timings) // 2]}))

asyncio.run(main())
"""


def screen_open_ms(path: Path) -> float:
    """Opening the meeting screen end to end in a headless app (Textual's layout included)."""
    out = subprocess.run([sys.executable, "-c", SCREEN_PROBE, str(path)], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["screen_ms"]


def _hwm_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def _optional_measures(repo, meeting, best_of) -> dict[str, float]:
    """Measures of modules that other issues add; skipped where they are absent."""
    out: dict[str, float] = {}
    today = date(END_YEAR, 11, 23)
    try:
        from store.review.action_index import ActionIndex
        from store.review.action_rows import ActionFilter
    except ImportError:
        pass
    else:
        started = time.perf_counter()
        index = ActionIndex(repo, today)
        out["action_index_build_ms"] = (time.perf_counter() - started) * 1000
        out["filter_open_ms"] = best_of(lambda: index.query(ActionFilter(status={"open", "in_progress"})))
        out["filter_text_ms"] = best_of(lambda: index.query(ActionFilter(text="belysning kvarter 42")))
        out["sort_text_ms"] = best_of(lambda: index.query(ActionFilter(), sort="text"))
        out["sort_due_desc_ms"] = best_of(lambda: index.query(ActionFilter(), sort="due", descending=True))
    try:
        from store.exports.files import minutes_markdown, report_markdown
    except ImportError:
        pass
    else:
        out["minutes_ms"] = best_of(lambda: minutes_markdown(repo, meeting))
        out["report_year_ms"] = best_of(lambda: report_markdown(repo, str(END_YEAR), today=today), runs=3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--build-only", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        print(json.dumps(build(Path(args.build_only), args.years[0])))
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="samverkan-bench-") as folder:
        for years in args.years:
            path = Path(folder) / f"y{years}" / "samverkan.json"
            # Built in a child process so this one's peak memory is the reader's alone.
            info = json.loads(subprocess.run(
                [sys.executable, __file__, "--build-only", str(path), "--years", str(years)],
                capture_output=True, text=True, check=True).stdout)
            with Repository(path) as repo:
                repo.load_history()
                info["meetings"] = len(repo.storage.tables.get("meetings", {}))
                info["actions"] = len(repo.storage.tables.get("actions", {}))
            info.update(measure(path))
            info["years"] = years
            rows.append(info)
            print(json.dumps(info), flush=True)
    keys = [k for k in rows[0] if k != "years"]
    print()
    print("| measure | " + " | ".join(f"{r['years']} y" for r in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for key in keys:
        print(f"| {key} | " + " | ".join(f"{r.get(key, float('nan')):.2f}" for r in rows) + " |")


if __name__ == "__main__":
    main()
