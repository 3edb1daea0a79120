"""Demo data built from the real source texts shipped in ``store/demo/seeds/``.

Södertälje (chefssamråd four times a year with the rotating chair, måndagsmöte every
Monday chaired by the police, two SSPF groups chaired by their schools and
confidential by default), Strängnäs (trafiksäkerhetsråd, centrala
brottsförebyggande rådet) and Nykvarn (operative group monthly, safety walks once a
term); their promises imported from the seed texts; and the last few months of
meetings with decisions and actions linked to promises, some done, some overdue; and
the lägesbild, åtgärdsplan and outcomes of ``store.demo.situation``.
Dates are relative to today so the demo always looks current. People are invented.
The seed texts are package data, read through importlib.resources, so an installed
wheel builds the same demo as a source checkout.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from importlib import resources

from store.demo.situation import build_situation
from store.importer.promises import import_promises
from store.model.constants import (
    DONE,
    FIRE,
    HELD,
    HOLIDAY_NEXT_WORKING_DAY,
    HOLIDAY_SKIP,
    IN_PROGRESS,
    MONTHLY_NTH_WEEKDAY,
    MUNICIPALITY,
    OTHER,
    PAUSE_SCHOOL_HOLIDAYS,
    PER_TERM,
    POLICE,
    ROTATING,
    STANDING_ORG,
    STRUCK,
    TIMES_PER_YEAR,
    WEEKLY,
)
from store.model.forum import Cadence, ChairRule, Forum, Pause
from store.model.people import Organisation, Person
from store.model.promise import Agreement
from store.repository import Repository
from store.rules import calendar as cal
from store.rules import clock

SEEDS = resources.files(__package__) / "seeds"

SEED_FILES = {
    "sodertalje-medborgarloften-2019-2020.txt": "Södertälje",
    "sodertalje-medborgarloften-2026-exempel.txt": "Södertälje",
    "strangnas-medborgarloften-2019-2020.txt": "Strängnäs",
    "strangnas-medborgarlofte-2017.txt": "Strängnäs",
    "nykvarn-medborgarloften-2021-2022.txt": "Nykvarn",
}

INFO_LINES = [
    "Fältarna rapporterar en lugn helg i Ronna och Hovsjö.",
    "Polisen rapporterar fler anmälningar om buskörning med mopeder i Geneta.",
    "Brandförsvaret har haft tre anlagda containerbränder i Fornhöjden.",
    "Fritidsgårdarna har haft fler besökare efter att öppettiderna förlängdes.",
    "Säkerhetsavdelningen rapporterar skadegörelse vid Bårsta centrum.",
    "Socialtjänsten informerar om nya rutiner för orosanmälningar.",
    "Områdesväktarna har sett ökad nedskräpning vid Saltskog.",
    "Kommunpolisen har besökt tre lokala centrum under veckan.",
]
DECISION_LINES = [
    "Polisen genomför riktad insats mot mopeder i Ronna under helgen.",
    "Kommunen ställer ut extra belysning vid gångtunneln i Bårsta.",
    "Gemensam trygghetsvandring i Hovsjö bokas in.",
    "Fältarna förstärker närvaron vid Södertälje centrum fredag kväll.",
    "Frågan om nattvandrare lyfts till chefssamrådet.",
]
ACTION_LINES = [
    "Kartlägga belysningen i Bårsta",
    "Boka lokal för föräldramöte om droger",
    "Ta fram lägesbild om buskörning till nästa möte",
    "Kontakta bostadsbolaget om klotter i trapphusen",
    "Sammanställa synpunkter från trygghetsvandringen",
    "Se över skyltning vid skolan",
    "Bjuda in nattvandrarna till nästa möte",
    "Följa upp skadegörelsen vid centrum med fastighetsägaren",
]
SSPF_LINES = [
    "Skolan lyfter oro för en elev i årskurs 8 med hög frånvaro.",
    "Socialtjänsten följer upp en tidigare orosanmälan.",
    "Fritid har sett en grupp yngre elever vid gården sena kvällar.",
]


def seed_text(filename: str) -> str:
    """One of the published promise texts shipped with the package."""
    return (SEEDS / filename).read_text(encoding="utf-8")


def _org(repo: Repository, name: str, kind: str, municipality: str) -> Organisation:
    return repo.save_organisation(Organisation(name=name, kind=kind, municipality=municipality))


def _person(repo: Repository, name: str, org: Organisation, role: str) -> Person:
    return repo.save_person(Person(name=name, organisation_id=org.id, role=role))


def build_demo(repo: Repository, today: date | None = None, weeks: int = 12) -> None:
    """Fill an empty store with the demo; deterministic for a given ``today``."""
    today = today or clock.today()
    rng = random.Random(48)
    # The demo's lines are written by its secretaries, not by whoever builds it.
    operator, repo.operator = repo.operator, "Anna Sjöberg"
    try:
        with repo.transaction():
            _build(repo, today, weeks, rng)
    finally:
        repo.operator = operator


def _build(repo: Repository, today: date, weeks: int, rng: random.Random) -> None:
    police = _org(repo, "Polisen Södertälje", POLICE, "Södertälje")
    kommun = _org(repo, "Södertälje kommun", MUNICIPALITY, "Södertälje")
    fire = _org(repo, "Södertörns brandförsvarsförbund", FIRE, "Södertälje")
    ronna = _org(repo, "Ronnaskolan", OTHER, "Södertälje")
    hovsjo = _org(repo, "Hovsjöskolan", OTHER, "Södertälje")
    str_kommun = _org(repo, "Strängnäs kommun", MUNICIPALITY, "Strängnäs")
    str_police = _org(repo, "Polisen Strängnäs", POLICE, "Strängnäs")
    nyk_kommun = _org(repo, "Nykvarns kommun", MUNICIPALITY, "Nykvarn")

    chief = _person(repo, "Karin Lindqvist", police, "lokalpolisområdeschef")
    director = _person(repo, "Erik Holmberg", kommun, "stadsdirektör")
    fire_chief = _person(repo, "Sara Nyström", fire, "brandchef")
    community = _person(repo, "Johan Berg", police, "kommunpolis")
    field = _person(repo, "Amira Haddad", kommun, "fältassistent")
    youth = _person(repo, "Mikael Öberg", kommun, "fritidsgårdschef")
    security = _person(repo, "Anna Sjöberg", kommun, "säkerhetssamordnare")
    social = _person(repo, "Lena Karlsson", kommun, "socialsekreterare")
    fire_rep = _person(repo, "Ali Yilmaz", fire, "brandinspektör")
    ronna_head = _person(repo, "Maria Ek", ronna, "biträdande rektor")
    ronna_counsellor = _person(repo, "Petra Falk", ronna, "skolkurator")
    hovsjo_head = _person(repo, "Oskar Lund", hovsjo, "biträdande rektor")
    str_safety = _person(repo, "Helena Wik", str_kommun, "säkerhetschef")
    str_police_p = _person(repo, "Daniel Ström", str_police, "kommunpolis")
    str_traffic = _person(repo, "Fredrik Alm", str_kommun, "trafikingenjör")
    nyk_safety = _person(repo, "Eva Rosén", nyk_kommun, "säkerhetschef")

    agreement = repo.save_agreement(
        Agreement(
            name="Samverkansöverenskommelse 2023–2026",
            municipality="Södertälje",
            parties=[POLICE, MUNICIPALITY, FIRE],
            start=date(2023, 1, 1),
            end=date(2026, 12, 31),
        )
    )

    def forum(**kwargs) -> Forum:
        return repo.save_forum(Forum(**kwargs))

    chefssamrad = forum(
        name="Chefssamråd Södertälje", kind="chefssamrad", municipality="Södertälje",
        member_ids=[chief.id, director.id, fire_chief.id, security.id],
        cadence=Cadence(kind=TIMES_PER_YEAR, times=4, first_month=2, weekday=3, nth=2, time="13:00", duration_minutes=120),
        chair_rule=ChairRule(kind=ROTATING, roles=["lokalpolisområdeschef", "stadsdirektör", "brandchef"], start_year=2023),
        holiday_rule=HOLIDAY_NEXT_WORKING_DAY, location="Stadshuset, Södertälje",
        standing_agenda=["Mötets öppnande", "Lägesbild", "Uppföljning av medborgarlöften", "Beslut", "Övriga frågor"],
    )
    monday = forum(
        name="Måndagsmöte Södertälje", kind="mandagsmote", municipality="Södertälje",
        member_ids=[community.id, fire_rep.id, field.id, youth.id, security.id, social.id],
        cadence=Cadence(kind=WEEKLY, weekday=0, time="09:00", duration_minutes=60),
        chair_rule=ChairRule(kind=STANDING_ORG, organisation_id=police.id),
        holiday_rule=HOLIDAY_NEXT_WORKING_DAY, location="Polishuset, Södertälje",
        standing_agenda=["Lägesbild", "Helgens händelser", "Uppföljning av tidigare åtgärder", "Övriga frågor"],
    )
    sspf_ronna = forum(
        name="SSPF Ronnaskolan", kind="sspf", municipality="Södertälje",
        member_ids=[ronna_head.id, ronna_counsellor.id, field.id, youth.id, community.id],
        cadence=Cadence(kind=MONTHLY_NTH_WEEKDAY, weekday=1, nth=2, time="14:00"),
        chair_rule=ChairRule(kind=STANDING_ORG, organisation_id=ronna.id),
        holiday_rule=HOLIDAY_SKIP, confidential_default=True, location="Ronnaskolan",
        standing_agenda=["Aktuella elever", "Uppföljning", "Övrigt"],
    )
    forum(
        name="SSPF Hovsjöskolan", kind="sspf", municipality="Södertälje",
        member_ids=[hovsjo_head.id, field.id, youth.id, community.id],
        cadence=Cadence(kind=MONTHLY_NTH_WEEKDAY, weekday=2, nth=3, time="14:00"),
        chair_rule=ChairRule(kind=STANDING_ORG, organisation_id=hovsjo.id),
        holiday_rule=HOLIDAY_SKIP, confidential_default=True, location="Hovsjöskolan",
        standing_agenda=["Aktuella elever", "Uppföljning", "Övrigt"],
    )
    forum(
        name="Trafiksäkerhetsråd Strängnäs", kind="trafiksakerhetsrad", municipality="Strängnäs",
        member_ids=[str_traffic.id, str_police_p.id, str_safety.id],
        cadence=Cadence(kind=TIMES_PER_YEAR, times=4, first_month=3, weekday=1, nth=1, time="10:00"),
        chair_rule=ChairRule(kind=STANDING_ORG, organisation_id=str_kommun.id),
        location="Strängnäs kommunhus",
        standing_agenda=["Medborgarnas synpunkter", "Trafikkontroller", "Övrigt"],
    )
    bra = forum(
        name="Centrala brottsförebyggande rådet Strängnäs", kind="bra", municipality="Strängnäs",
        member_ids=[str_safety.id, str_police_p.id],
        cadence=Cadence(kind=TIMES_PER_YEAR, times=3, first_month=4, weekday=2, nth=2, time="13:00"),
        chair_rule=ChairRule(kind=STANDING_ORG, organisation_id=str_kommun.id),
        location="Strängnäs kommunhus",
        standing_agenda=["Uppföljning av medborgarlöftet", "Lägesbild", "Övrigt"],
    )
    forum(
        name="Operativ grupp Nykvarn", kind="operativ_grupp", municipality="Nykvarn",
        member_ids=[nyk_safety.id],
        cadence=Cadence(kind=MONTHLY_NTH_WEEKDAY, weekday=2, nth=1, time="09:30"),
        chair_rule=ChairRule(kind=STANDING_ORG, organisation_id=nyk_kommun.id),
        holiday_rule=HOLIDAY_NEXT_WORKING_DAY, confidential_default=True, location="Nykvarns kommunhus",
    )
    forum(
        name="Trygghetsvandring Nykvarn", kind="other", municipality="Nykvarn",
        member_ids=[nyk_safety.id],
        cadence=Cadence(kind=PER_TERM, weekday=1, nth=6, time="18:00", duration_minutes=120),
        chair_rule=ChairRule(kind=STANDING_ORG, organisation_id=nyk_kommun.id),
        location="Nykvarns centrum",
    )

    _pauses(repo)

    promises = []
    for filename, municipality in SEED_FILES.items():
        # A missing seed is a broken install: it fails loudly, never a demo without promises.
        for promise in import_promises(seed_text(filename), municipality=municipality):
            if municipality == "Strängnäs":
                promise.follow_up_forum_id = bra.id
            if municipality == "Södertälje":
                promise.follow_up_forum_id = chefssamrad.id
            promises.append(repo.save_promise(promise))
    current = [p for p in promises if p.period_start and p.period_start.year == today.year] or promises

    owners = [community, field, youth, security, social, fire_rep, director]
    _history(repo, monday, today, weeks, rng, owners, current, sspf=False)
    _history(repo, sspf_ronna, today, weeks, rng, [ronna_counsellor, field, community], [], sspf=True)
    _history(repo, chefssamrad, today, 52, rng, [chief, director, fire_chief], current, sspf=False)
    build_situation(repo, SEEDS, promises, agreement, chefssamrad)
    _approve_older(repo, today)


def _approve_older(repo: Repository, today: date) -> None:
    """Minutes are approved a few days after the meeting by one who attended; the
    last fortnight's still wait, so the home screen has some to remind of."""
    for meeting in repo.meetings_between(today - timedelta(weeks=60), today - timedelta(days=15)):
        if meeting.id and meeting.status == HELD:
            present = [row.name for row in meeting.attendance if row.status == "present"]
            by = next((name for name in present if name != meeting.secretary), meeting.secretary)
            repo.approve(meeting.id, by, at=meeting.start + timedelta(days=3))


def _pauses(repo: Repository) -> None:
    """The SSPF groups follow the school year: Ronnaskolan does not meet in July,
    Hovsjöskolan not in any school holiday."""
    for forum in repo.forums():
        if forum.name == "SSPF Ronnaskolan":
            forum.cadence.pauses = [Pause(name="sommaruppehåll", start="07-01", end="07-31")]
        elif forum.name == "SSPF Hovsjöskolan":
            forum.cadence.pauses = [Pause(name="skolloven", rule=PAUSE_SCHOOL_HOLIDAYS)]
        else:
            continue
        repo.save_forum(forum)


def _history(repo, forum, today, weeks, rng, owners, promises, sspf: bool) -> None:
    """Held meetings in the last ``weeks`` weeks with entries and actions."""
    start = today - timedelta(weeks=weeks)
    for when in cal.occurrences(forum.cadence, forum.holiday_rule, start, today - timedelta(days=1)):
        meeting = repo.ensure_meeting(forum, when.date())
        meeting.status = HELD
        meeting.secretary = repo.operator = "Anna Sjöberg" if not sspf else "Petra Falk"
        for row in meeting.attendance:
            roll = rng.random()
            row.status = "present" if roll < 0.8 else ("excused" if roll < 0.93 else "absent")
        repo.save_meeting(meeting)
        agenda_keys = [item.key for item in meeting.agenda] or [None]
        lines = SSPF_LINES if sspf else INFO_LINES
        minute = timedelta(minutes=1)
        for n, text in enumerate(rng.sample(lines, k=min(2, len(lines)))):
            repo.add_entry(meeting, "info", text, agenda_key=agenda_keys[0], at=when + (3 + 4 * n) * minute)
        if not sspf:
            repo.add_entry(meeting, "decision", rng.choice(DECISION_LINES), agenda_key=agenda_keys[-1],
                           at=when + 25 * minute)
        for _ in range(rng.randint(1, 2)):
            owner = rng.choice(owners)
            promise = rng.choice(promises) if promises and rng.random() < 0.6 else None
            due = when.date() + timedelta(days=rng.choice([4, 7, 14, 21, 28]))
            action = repo.add_action(
                meeting, rng.choice(ACTION_LINES), owner_person_id=owner.id, due=due,
                promise_id=promise.id if promise else None, at=when + timedelta(minutes=40),
            )
            _age(repo, forum, action, due, today, rng)


def _age(repo, forum, action, due, today, rng) -> None:
    """Handle an action in a later meeting of its forum: most are done, some linger."""
    later = cal.occurrences(forum.cadence, forum.holiday_rule, due - timedelta(days=3), today - timedelta(days=1))
    if not later:
        return
    follow_up = repo.ensure_meeting(forum, later[0].date())
    at = later[0] + timedelta(minutes=15)
    roll = rng.random()
    if roll < 0.6:
        repo.change_action(action.id, follow_up.id, status=DONE, note="Klart och återrapporterat.", at=at)
    elif roll < 0.75:
        repo.change_action(action.id, follow_up.id, status=IN_PROGRESS, note="Påbörjat, återkommer.", at=at)
    elif roll < 0.8:
        repo.change_action(action.id, follow_up.id, status=STRUCK, note="Inte längre aktuellt.", at=at)
