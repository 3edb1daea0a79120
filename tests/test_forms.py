"""store/forms.py: what a user types becomes a model, or one exact sentence."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from store.model.constants import (
    AD_HOC,
    HOLIDAY_IGNORE,
    HOLIDAY_NEXT_WORKING_DAY,
    HOLIDAY_SKIP,
    MONTHLY_NTH_WEEKDAY,
    MUNICIPALITY,
    PER_TERM,
    POLICE,
    ROTATING,
    STANDING_ORG,
    STANDING_PERSON,
    TIMES_PER_YEAR,
    TZ,
    WEEKLY,
)
from store.model.forum import Cadence, ChairRule, Forum
from store.model.people import Organisation, Person
from store.rules import calendar as cal
from store.rules.forms.fields import FormError, agenda_lines, parse_time, parse_weekday
from store.rules.forms.forum_words import (
    cadence_words,
    chair_words,
    next_meeting,
    rotation,
    spread_months,
    upcoming,
)
from store.rules.forms.forums import forum_fields, forum_from_input
from store.rules.forms.meetings import book_meeting, meeting_from_input
from store.rules.forms.people import person_from_input, save_person_draft
from store.text.i18n import set_language

TODAY = date(2026, 11, 23)  # måndag, v. 48


def bra_fields(**changes: str) -> dict[str, str]:
    fields = {
        "name": "BRÅ Nykvarn",
        "kind": "bra",
        "municipality": "Nykvarn",
        "location": "Nykvarns kommunhus",
        "cadence": MONTHLY_NTH_WEEKDAY,
        "weekday": "tisdag",
        "nth": "2",
        "time": "13:00",
        "duration": "90",
        "holiday": HOLIDAY_SKIP,
        "chair": STANDING_ORG,
        "chair_organisation": "Nykvarns kommun",
        "confidential": "",
        "agenda": "Lägesbild\n\n- Uppföljning av medborgarlöftet\n3. Övrigt\n",
    }
    fields.update(changes)
    return fields


def error_of(fields: dict[str, str], repo, existing: Forum | None = None) -> FormError:
    with pytest.raises(FormError) as caught:
        forum_from_input(fields, existing, repo, today=TODAY)
    return caught.value


# -- good input becomes the right forum -----------------------------------------


def test_monthly_forum_from_typed_fields(demo_repo) -> None:
    nykvarn = next(o for o in demo_repo.organisations() if o.name == "Nykvarns kommun")
    forum = forum_from_input(bra_fields(), None, demo_repo, today=TODAY)
    assert forum.id == 0
    assert forum.name == "BRÅ Nykvarn"
    assert forum.kind == "bra"
    assert forum.municipality == "Nykvarn"
    assert forum.cadence == Cadence(kind=MONTHLY_NTH_WEEKDAY, weekday=1, nth=2, time="13:00", duration_minutes=90)
    assert forum.chair_rule.kind == STANDING_ORG
    assert forum.chair_rule.organisation_id == nykvarn.id
    assert forum.holiday_rule == HOLIDAY_SKIP
    assert forum.confidential_default is False
    assert forum.standing_agenda == ["Lägesbild", "Uppföljning av medborgarlöftet", "Övrigt"]
    saved = demo_repo.save_forum(forum)
    assert demo_repo.forum(saved.id).cadence.nth == 2


def test_weekly_forum_with_standing_person(repo) -> None:
    police = repo.save_organisation(Organisation("Polisen Nykvarn", POLICE, "Nykvarn"))
    chief = repo.save_person(Person("Karin Lindqvist", police.id, "kommunpolis"))
    forum = forum_from_input(
        {"name": "  Måndagsmöte   Nykvarn ", "kind": "mandagsmote", "municipality": "Nykvarn",
         "cadence": WEEKLY, "weekday": "Måndag", "time": "9.00", "duration": "60",
         "holiday": HOLIDAY_NEXT_WORKING_DAY, "chair": STANDING_PERSON, "chair_person": str(chief.id),
         "members": f"{chief.id}, {chief.id}"},
        None, repo, today=TODAY,
    )
    assert forum.name == "Måndagsmöte Nykvarn"
    assert (forum.cadence.kind, forum.cadence.weekday, forum.cadence.time) == (WEEKLY, 0, "09:00")
    assert forum.chair_rule == ChairRule(kind=STANDING_PERSON, person_id=chief.id, organisation_id=police.id)
    assert forum.member_ids == [chief.id]
    assert repo.chair_for(forum, TODAY) == "Karin Lindqvist (Polisen Nykvarn)"


def test_rotating_chair_and_times_per_year(repo) -> None:
    forum = forum_from_input(
        {"name": "Chefssamråd Nykvarn", "kind": "chefssamrad", "municipality": "Nykvarn",
         "cadence": TIMES_PER_YEAR, "times": "4", "first_month": "feb", "weekday": "torsdag", "nth": "andra",
         "time": "13:00", "duration": "120", "chair": ROTATING,
         "chair_roles": "lokalpolisområdeschef, stadsdirektör,\nbrandchef", "chair_start_year": ""},
        None, repo, today=TODAY,
    )
    assert forum.cadence == Cadence(kind=TIMES_PER_YEAR, weekday=3, nth=2, times=4, first_month=2,
                                    time="13:00", duration_minutes=120)
    assert forum.chair_rule.roles == ["lokalpolisområdeschef", "stadsdirektör", "brandchef"]
    assert forum.chair_rule.start_year == 2026
    assert chair_words(forum, repo, TODAY) == (
        "roterar: lokalpolisområdeschef → stadsdirektör → brandchef · 2026: lokalpolisområdeschef"
    )


def test_sspf_is_confidential_by_default_and_can_be_switched_off(demo_repo) -> None:
    school = next(o for o in demo_repo.organisations() if o.name == "Ronnaskolan")
    fields = bra_fields(name="SSPF Geneta", kind="sspf", chair_organisation=str(school.id))
    assert forum_from_input(fields, None, demo_repo, today=TODAY).confidential_default is True
    fields["confidential"] = "nej"
    assert forum_from_input(fields, None, demo_repo, today=TODAY).confidential_default is False
    assert forum_from_input(bra_fields(confidential="ja"), None, demo_repo).confidential_default is True


def test_editing_keeps_id_members_and_hidden_parameters(demo_repo) -> None:
    monday = next(f for f in demo_repo.forums() if f.name == "Måndagsmöte Södertälje")
    edited = forum_from_input({"time": "08:30", "weekday": "tisdag"}, monday, demo_repo, today=TODAY)
    assert edited.id == monday.id
    assert edited.name == monday.name
    assert edited.member_ids == monday.member_ids
    assert edited.cadence.time == "08:30" and edited.cadence.weekday == 1
    assert edited.standing_agenda == monday.standing_agenda
    # A half-typed value in a field the weekly cadence does not use blocks nothing.
    edited = forum_from_input({"times": "tretton", "nth": "x"}, monday, demo_repo, today=TODAY)
    assert edited.cadence.times == monday.cadence.times


def test_form_starting_values_round_trip(demo_repo) -> None:
    for forum in demo_repo.forums():
        again = forum_from_input(forum_fields(forum, demo_repo, TODAY), forum, demo_repo, today=TODAY)
        assert again == forum


# -- bad input: one exact sentence, about the right field -------------------------


@pytest.mark.parametrize(
    ("changes", "field", "sentence"),
    [
        ({"time": "25:00"}, "time",
         "Tiden '25:00' finns inte – skriv klockslaget som TT:MM mellan 00:00 och 23:59, till exempel 13:00."),
        ({"time": "13:60"}, "time",
         "Tiden '13:60' finns inte – skriv klockslaget som TT:MM mellan 00:00 och 23:59, till exempel 13:00."),
        ({"time": ""}, "time", "Tid saknas – skriv klockslaget som TT:MM, till exempel 13:00."),
        ({"weekday": "fredagg"}, "weekday", "'fredagg' är ingen veckodag – menade du fredag?"),
        ({"weekday": "7"}, "weekday",
         "'7' är ingen veckodag – skriv måndag, tisdag, onsdag, torsdag, fredag, lördag eller söndag."),
        ({"weekday": "helg"}, "weekday",
         "'helg' är ingen veckodag – skriv måndag, tisdag, onsdag, torsdag, fredag, lördag eller söndag."),
        ({"name": "   "}, "name", "Forumet saknar namn – skriv ett namn, till exempel BRÅ Nykvarn."),
        ({"municipality": ""}, "municipality",
         "Kommun saknas – skriv vilken kommun forumet hör till, till exempel Nykvarn."),
        ({"nth": "5"}, "nth",
         "'5' går inte som veckodag i månaden – skriv 1–4 (första–fjärde) eller -1 (sista)."),
        ({"duration": "0"}, "duration",
         "Längden '0' går inte – skriv antal minuter från 1 till 720, till exempel 60."),
        ({"kind": "klubb"}, "kind",
         "Forumtypen 'klubb' finns inte – välj en av: Chefssamråd, Måndagsmöte, SSPF-grupp, "
         "Trafiksäkerhetsråd, Brottsförebyggande råd, Operativ grupp, Annat."),
        ({"holiday": "sometimes"}, "holiday",
         "Helgdagsregeln 'sometimes' finns inte – välj en av: hoppa över mötet, flytta till nästa vardag, "
         "håll mötet ändå."),
        ({"chair_organisation": ""}, "chair_organisation",
         "Ingen organisation är vald – välj den organisation som alltid leder mötet."),
        ({"chair": STANDING_PERSON, "chair_person": "Ingen Alls"}, "chair_person",
         "Det finns ingen person 'Ingen Alls' – välj en i listan eller lägg till personen med p."),
        ({"chair": ROTATING, "chair_roles": " , "}, "chair_roles",
         "Roterande ordförande saknar roller – skriv rollerna i tur och ordning med komma emellan, "
         "till exempel lokalpolisområdeschef, stadsdirektör, brandchef."),
        ({"chair": ROTATING, "chair_roles": "kommunchef"}, "chair_roles",
         "Bara en roll (kommunchef) kan inte rotera – skriv minst två roller med komma emellan "
         "eller välj stående ordförande."),
        ({"chair": ROTATING, "chair_roles": "rektor, Rektor"}, "chair_roles",
         "Rollen 'Rektor' står två gånger – skriv varje roll en gång i turordningen."),
        ({"chair": ROTATING, "chair_roles": "a, b", "chair_start_year": "23"}, "chair_start_year",
         "Startåret '23' går inte – skriv det år då den första rollen är ordförande, till exempel 2023."),
        ({"confidential": "kanske"}, "confidential", "'kanske' går inte för sekretess – skriv ja eller nej."),
        ({"members": "999"}, "members", "Det finns ingen person med nummer 999 – välj medlemmarna i listan."),
    ],
)
def test_bad_forum_input_gives_one_sentence(demo_repo, changes, field, sentence) -> None:
    error = error_of(bra_fields(**changes), demo_repo)
    assert str(error) == sentence
    assert error.field == field


def test_duplicate_name_is_refused_but_own_name_is_fine(demo_repo) -> None:
    error = error_of(bra_fields(name="måndagsmöte södertälje"), demo_repo)
    assert str(error) == "Det finns redan ett forum som heter 'Måndagsmöte Södertälje' – välj ett annat namn."
    monday = next(f for f in demo_repo.forums() if f.name == "Måndagsmöte Södertälje")
    assert forum_from_input({"name": "MÅNDAGSMÖTE Södertälje"}, monday, demo_repo).name == "MÅNDAGSMÖTE Södertälje"


def test_times_per_year_and_term_limits(demo_repo) -> None:
    fields = bra_fields(cadence=TIMES_PER_YEAR, times="13", first_month="2")
    assert str(error_of(fields, demo_repo)) == "'13' möten per år går inte – skriv ett heltal från 1 till 12."
    fields = bra_fields(cadence=TIMES_PER_YEAR, times="4", first_month="smarch")
    assert str(error_of(fields, demo_repo)) == (
        "'smarch' är ingen månad – skriv 1–12 eller ett månadsnamn, till exempel februari."
    )
    fields = bra_fields(cadence=PER_TERM, nth="19")
    assert str(error_of(fields, demo_repo)) == "'19' går inte som veckodag i terminen – skriv 1–18 eller -1 (sista)."
    assert forum_from_input(bra_fields(cadence=PER_TERM, nth="6"), None, demo_repo).cadence.nth == 6


def test_the_sentence_is_english_when_the_language_is(demo_repo) -> None:
    set_language("en")
    assert str(error_of(bra_fields(time="25:00"), demo_repo)) == (
        "The time '25:00' does not exist – type it as HH:MM between 00:00 and 23:59, for example 13:00."
    )


@pytest.mark.parametrize(("text", "expected"), [("13:00", "13:00"), ("9:05", "09:05"), ("0930", "09:30"),
                                                ("23:59", "23:59"), ("00:00", "00:00")])
def test_times_that_are_read(text: str, expected: str) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("0", 0), ("6", 6), ("måndag", 0), ("Lördag", 5), ("lordag", 5),
                                                ("tors", 3), ("onsdagar", 2), ("fredagen", 4)])
def test_weekdays_that_are_read(text: str, expected: int) -> None:
    assert parse_weekday(text) == expected


def test_agenda_lines_drop_bullets_numbers_and_blanks() -> None:
    assert agenda_lines("1. Öppnande\n\n * Lägesbild \n- Beslut\n3D-skrivare i skolan") == [
        "Öppnande", "Lägesbild", "Beslut", "3D-skrivare i skolan"]


# -- people -------------------------------------------------------------------------


def test_person_with_a_new_organisation(repo) -> None:
    draft = person_from_input({"name": "Eva  Rosén", "organisation": "Nykvarns kommun", "role": "säkerhetschef",
                               "municipality": "Nykvarn"}, None, repo)
    assert draft.new_organisation == Organisation("Nykvarns kommun", MUNICIPALITY, "Nykvarn")
    person = save_person_draft(repo, draft)
    assert person.name == "Eva Rosén" and person.role == "säkerhetschef"
    assert repo.organisation(person.organisation_id).name == "Nykvarns kommun"
    colleague = person_from_input({"name": "Ola Berg", "organisation": "nykvarns kommun"}, None, repo)
    assert colleague.new_organisation is None  # the organisation is known now
    assert colleague.person.organisation_id == person.organisation_id
    with pytest.raises(FormError) as caught:
        person_from_input({"name": "eva rosén", "organisation": str(person.organisation_id)}, None, repo)
    assert str(caught.value) == "Eva Rosén på Nykvarns kommun finns redan – välj personen i listan i stället."


def test_person_needs_a_name_and_a_real_email(repo) -> None:
    with pytest.raises(FormError) as caught:
        person_from_input({"name": " ", "organisation": ""}, None, repo)
    assert str(caught.value) == "Personen saknar namn – skriv för- och efternamn."
    with pytest.raises(FormError) as caught:
        person_from_input({"name": "Ali Yilmaz", "email": "ali.kommun.se"}, None, repo)
    assert str(caught.value) == (
        "E-postadressen 'ali.kommun.se' ser inte rätt ut – skriv den som namn@kommun.se eller lämna fältet tomt."
    )
    assert caught.value.field == "email"


# -- an extra meeting ---------------------------------------------------------------


def test_extra_meeting_from_swedish_date_words(demo_repo) -> None:
    bra = next(f for f in demo_repo.forums() if f.kind == "bra")
    meeting = meeting_from_input({"forum": str(bra.id), "date": "fredag", "time": "15:30", "location": ""},
                                 demo_repo, TODAY)
    assert meeting.start == datetime(2026, 11, 27, 15, 30, tzinfo=TZ)
    assert meeting.end == datetime(2026, 11, 27, 16, 30, tzinfo=TZ)
    assert [a.name for a in meeting.attendance] == ["Helena Wik", "Daniel Ström"]
    assert [item.title for item in meeting.agenda] == bra.standing_agenda
    saved = book_meeting(demo_repo, meeting)
    assert saved.id and demo_repo.meeting(saved.id).start == meeting.start
    assert book_meeting(demo_repo, meeting_from_input(
        {"forum": str(bra.id), "date": "2026-11-27", "time": "15:30"}, demo_repo, TODAY)).id == saved.id


@pytest.mark.parametrize(("text", "expected"), [("idag", date(2026, 11, 23)), ("i morgon", date(2026, 11, 24)),
                                                ("1/12", date(2026, 12, 1)), ("2026-11-20", date(2026, 11, 20)),
                                                ("3 dec", date(2026, 12, 3))])
def test_extra_meeting_dates(demo_repo, text: str, expected: date) -> None:
    bra = next(f for f in demo_repo.forums() if f.kind == "bra")
    meeting = meeting_from_input({"forum": str(bra.id), "date": text, "time": "10:00"}, demo_repo, TODAY)
    assert meeting.day == expected


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        ({"forum": "", "date": "idag"}, "Inget forum är valt – välj vilket forum mötet hör till."),
        ({"date": "snart"}, "'snart' är inget datum – skriv till exempel 2026-12-03, idag, fredag eller 3/12."),
        ({"date": ""}, "Datum saknas – skriv till exempel 2026-12-03, idag, fredag eller 3/12."),
        ({"date": "2026-02-30"}, "Datumet 2026-02-30 finns inte – skriv ett riktigt datum, till exempel 2026-12-03."),
        ({"date": "idag", "time": "25:00"},
         "Tiden '25:00' finns inte – skriv klockslaget som TT:MM mellan 00:00 och 23:59, till exempel 13:00."),
    ],
)
def test_bad_extra_meeting_gives_one_sentence(demo_repo, fields, sentence) -> None:
    bra = next(f for f in demo_repo.forums() if f.kind == "bra")
    with pytest.raises(FormError) as caught:
        meeting_from_input({"forum": str(bra.id), "time": "10:00", **fields}, demo_repo, TODAY)
    assert str(caught.value) == sentence


# -- a forum in words and its next meetings ------------------------------------------


def test_cadence_in_words() -> None:
    assert cadence_words(Cadence(kind=WEEKLY, weekday=0, time="09:00")) == "varje måndag 09:00"
    assert cadence_words(Cadence(kind=MONTHLY_NTH_WEEKDAY, weekday=1, nth=2, time="13:00")) == (
        "andra tisdagen varje månad 13:00")
    assert cadence_words(Cadence(kind=MONTHLY_NTH_WEEKDAY, weekday=4, nth=-1, time="08:00")) == (
        "sista fredagen varje månad 08:00")
    quarterly = Cadence(kind=TIMES_PER_YEAR, times=4, first_month=2, weekday=3, nth=2, time="13:00")
    assert cadence_words(quarterly) == "4 gånger per år"
    assert cadence_words(quarterly, long=True) == (
        "4 gånger per år: andra torsdagen i februari, maj, augusti och november 13:00")
    assert cadence_words(Cadence(kind=PER_TERM, weekday=1, nth=6, time="18:00")) == "en gång per termin 18:00"
    assert cadence_words(Cadence(kind=PER_TERM, weekday=1, nth=6, time="18:00"), long=True) == (
        "en gång per termin: sjätte tisdagen 18:00")
    assert cadence_words(Cadence(kind=AD_HOC)) == "vid behov"


def test_spread_months_agrees_with_the_calendar() -> None:
    for times in range(1, 13):
        for first in (1, 2, 11):
            cadence = Cadence(kind=TIMES_PER_YEAR, times=times, first_month=first, weekday=0, nth=1)
            held = {d.month for d in cal.occurrences(cadence, HOLIDAY_IGNORE, date(2027, 1, 1), date(2027, 12, 31))}
            assert held == set(spread_months(times, first))


def test_upcoming_shows_what_the_holiday_rule_did(demo_repo) -> None:
    weekly = Forum(name="Torsdagsmöte", municipality="Nykvarn",
                   cadence=Cadence(kind=WEEKLY, weekday=3, time="10:00"), holiday_rule=HOLIDAY_NEXT_WORKING_DAY)
    rows = upcoming(weekly, demo_repo, date(2026, 12, 14), count=4)
    # Julafton (Thu 24 Dec) → Mon 28 Dec; nyårsafton (Thu 31 Dec) → Fri 1 Jan is nyårsdagen → Mon 4 Jan.
    assert [row.day for row in rows] == [date(2026, 12, 17), date(2026, 12, 28), date(2027, 1, 4), date(2027, 1, 7)]
    assert rows[1].note == "flyttat från torsdag 24 december (Julafton)"
    weekly.holiday_rule = HOLIDAY_SKIP
    rows = upcoming(weekly, demo_repo, date(2026, 12, 14), count=3)
    assert [(row.day, row.start is None) for row in rows] == [
        (date(2026, 12, 17), False), (date(2026, 12, 24), True), (date(2026, 12, 31), True)]
    assert rows[1].note == "inställt – Julafton"


def test_next_meeting_counts_today(demo_repo) -> None:
    monday = next(f for f in demo_repo.forums() if f.name == "Måndagsmöte Södertälje")
    assert next_meeting(monday, TODAY) == datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
    assert next_meeting(Forum(name="x", cadence=Cadence(kind=AD_HOC)), TODAY) is None


def test_rotation_names_the_chair_of_each_year(demo_repo) -> None:
    chefssamrad = next(f for f in demo_repo.forums() if f.kind == "chefssamrad")
    assert rotation(chefssamrad, demo_repo, TODAY) == [
        (2026, "Karin Lindqvist (lokalpolisområdeschef)"),
        (2027, "Erik Holmberg (stadsdirektör)"),
        (2028, "Sara Nyström (brandchef)"),
    ]
    monday = next(f for f in demo_repo.forums() if f.kind == "mandagsmote")
    assert rotation(monday, demo_repo, TODAY) == []
