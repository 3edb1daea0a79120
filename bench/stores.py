"""The benchmark's stores, built at a path so anyone can measure the same store.

    python bench/benchmark.py --build /tmp/y100/samverkan.json --years 100
    python bench/benchmark.py --build /tmp/k100/samverkan.json --live-actions 100000

``build_years``: a municipality's meetings over N years (~180 meetings a year, 10
attendees, 5 decisions and 5 actions each), history archived as a real store's would be.
``build_live``: N actions in this year's meetings, none of them history (the "everything
still live" extreme), from ``item_plan``, the same items Taskwarrior gets in
``bench/taskwarrior_compare.py``. Both are seeded: the same arguments make the same store.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store.demo.build import ACTION_LINES  # noqa: E402
from store.model.constants import (  # noqa: E402
    DONE,
    FIRE,
    HELD,
    IN_PROGRESS,
    MONTHLY_NTH_WEEKDAY,
    MUNICIPALITY,
    OPEN,
    POLICE,
    STANDING_ORG,
    STRUCK,
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

TODAY = date(2026, 11, 23)
PLACES = ["Ronna", "Hovsjö", "Geneta", "Fornhöjden", "Bårsta", "Saltskog", "Centrum", "Järna"]
FORUMS = ["Måndagsmöte Södertälje", "Chefssamråd Södertälje", "SSPF Ronnaskolan", "BRÅ Strängnäs"]
# open, in progress, done, cancelled: most old work is done, a good part is still open.
STATUS_WEIGHTS = ((OPEN, 45), (IN_PROGRESS, 15), (DONE, 35), (STRUCK, 5))


def build_years(path: Path, years: int, seed: int = 1) -> dict[str, float]:
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


def item_plan(n: int, seed: int = 48) -> list[dict]:
    """n items as plain data, so samverkan and Taskwarrior get exactly the same ones."""
    rng = random.Random(seed)
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    items = []
    for i in range(n):
        due = TODAY + timedelta(days=rng.randint(-120, 90)) if rng.random() < 0.9 else None
        items.append({
            "text": f"{rng.choice(ACTION_LINES)} i {rng.choice(PLACES)} ({i + 1})",
            "forum": i % len(FORUMS),
            "owner": rng.randrange(30),
            "due": due,
            "status": rng.choice(statuses),
            "promise": rng.randrange(12) if rng.random() < 0.4 else None,
            "confidential": rng.random() < 0.05,
            "meeting_week": rng.randrange(52),
        })
    return items


def fill_live(repo: Repository, items: list[dict]) -> None:
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
                # A struck action needs its reason (a store rule).
                repo.change_action(action.id, meeting.id, status=item["status"],
                                   note="Inte längre aktuellt." if item["status"] == STRUCK else "")


def build_live(path: Path, n: int) -> dict[str, float]:
    started = time.perf_counter()
    with Repository(path, create=True) as repo:
        fill_live(repo, item_plan(n))
    # One opening folds the big journal into the snapshot, as a real store would have.
    Repository(path).close()
    return {"build_s": time.perf_counter() - started}
