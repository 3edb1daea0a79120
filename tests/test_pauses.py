"""Pauses in a series (sommaruppehåll, jul, skolloven): read from the form's words,
applied to the series, shown in the forum screen's upcoming list, on the home
screen and in the iCalendar export, and kept in the store file."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from store.exports.ical import forum_ics
from store.model.constants import HOLIDAY_SKIP, MONTHLY_NTH_WEEKDAY, PAUSE_SCHOOL_HOLIDAYS, TZ, WEEKLY
from store.model.forum import Cadence, Forum, Pause
from store.repository import Repository
from store.rules import breaks
from store.rules import calendar as cal
from store.rules.forms.fields import FormError
from store.rules.forms.forum_words import upcoming
from store.rules.forms.forums import cadence_from_input, forum_fields
from store.rules.pauses import parse_pauses, pause_notice, pause_words, pauses_text
from store.text.i18n import UserError

JULY = Pause(name="sommaruppehåll", start="07-01", end="07-31")


def sspf(*pauses: Pause) -> Forum:
    """Second Tuesday of the month at 14:00, like the demo's SSPF group."""
    return Forum(name="SSPF Ronnaskolan", kind="sspf",
                 cadence=Cadence(kind=MONTHLY_NTH_WEEKDAY, weekday=1, nth=2, time="14:00", pauses=list(pauses)),
                 holiday_rule=HOLIDAY_SKIP)


def days(forum: Forum, start: date, end: date) -> list[str]:
    return [d.date().isoformat() for d in cal.occurrences(forum.cadence, forum.holiday_rule, start, end)]


# -- the words ----------------------------------------------------------------------------


def test_pauses_are_read_from_the_forms_words_and_written_back() -> None:
    pauses = parse_pauses("sommaruppehåll 7-1–7-31; jul: 12-21 - 01-06\nskolloven; "
                          "studiedagar 2027-03-01 till 2027-03-05; sommar juni–augusti")
    assert pauses == [
        JULY,
        Pause(name="jul", start="12-21", end="01-06"),
        Pause(name="skolloven", rule=PAUSE_SCHOOL_HOLIDAYS),
        Pause(name="studiedagar", start="2027-03-01", end="2027-03-05"),
        Pause(name="sommar", start="06-01", end="08-31"),
    ]
    assert parse_pauses(pauses_text(pauses)) == pauses
    assert parse_pauses("sommaruppehåll juli") == [JULY]
    assert pause_words(JULY) == "sommaruppehåll 1 juli–31 juli varje år"
    assert pause_words(pauses[2]) == "skolloven (sportlov v. 9, sommarlov, höstlov v. 44, jullov)"


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("sommaruppehåll", "Uppehållet 'sommaruppehåll' kunde inte läsas – skriv namn och datum, till exempel "
                           "'sommaruppehåll 07-01–07-31', 'jul 12-21–01-06', 'sommaruppehåll juli' eller 'skolloven'."),
        ("07-01–07-31", "Uppehållet '07-01–07-31' saknar namn – skriv till exempel 'sommaruppehåll 07-01–07-31'."),
        ("jul 12-21–13-06", "'jul 12-21–13-06' har ett datum som inte finns – skriv MM-DD för varje år eller "
                            "ÅÅÅÅ-MM-DD för en gång."),
        ("jul 12-21–2027-01-06", "'jul 12-21–2027-01-06' blandar datum med och utan år – skriv båda som MM-DD "
                                 "(varje år) eller båda som ÅÅÅÅ-MM-DD (en gång)."),
        ("lov 2027-03-05–2027-03-01", "Uppehållet 'lov 2027-03-05–2027-03-01' slutar innan det börjar – skriv "
                                      "första dagen först."),
    ],
)
def test_unreadable_pauses_get_one_sentence(text: str, sentence: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_pauses(text)
    assert str(caught.value) == sentence


def test_the_forum_form_reads_pauses_and_points_at_the_field() -> None:
    cadence = cadence_from_input({"cadence": WEEKLY, "pauses": "jul 12-21–01-06"}, Cadence(kind=WEEKLY))
    assert cadence.pauses == [Pause(name="jul", start="12-21", end="01-06")]
    kept = cadence_from_input({"cadence": WEEKLY}, cadence)  # a form without the field keeps them
    assert kept.pauses == cadence.pauses
    with pytest.raises(FormError) as caught:
        cadence_from_input({"cadence": WEEKLY, "pauses": "jul"}, Cadence(kind=WEEKLY))
    assert caught.value.field == "pauses"
    assert forum_fields(sspf(JULY))["pauses"] == "sommaruppehåll 07-01–07-31"


# -- the series -----------------------------------------------------------------------------


def test_a_paused_month_has_no_meeting() -> None:
    assert days(sspf(), date(2027, 6, 1), date(2027, 8, 31)) == ["2027-06-08", "2027-07-13", "2027-08-10"]
    assert days(sspf(JULY), date(2027, 6, 1), date(2027, 8, 31)) == ["2027-06-08", "2027-08-10"]
    start = datetime(2027, 6, 8, 14, 0, tzinfo=TZ)
    assert cal.next_occurrence(sspf(JULY).cadence, HOLIDAY_SKIP, start).date() == date(2027, 8, 10)


def test_a_yearly_pause_crosses_the_new_year_and_a_dated_one_happens_once() -> None:
    weekly = Forum(name="Måndagsmöte", cadence=Cadence(kind=WEEKLY, weekday=0, pauses=[
        Pause(name="jul", start="12-21", end="01-06"),
        Pause(name="studiedagar", start="2027-03-01", end="2027-03-05"),
    ]))
    assert days(weekly, date(2026, 12, 14), date(2027, 1, 12)) == ["2026-12-14", "2027-01-11"]
    assert days(weekly, date(2027, 12, 13), date(2028, 1, 10)) == ["2027-12-13", "2027-12-20", "2028-01-10"]
    assert "2027-03-01" not in days(weekly, date(2027, 2, 22), date(2027, 3, 8))
    assert "2028-02-28" in days(weekly, date(2028, 2, 28), date(2028, 3, 6))


def test_skolloven_follows_the_term_rule() -> None:
    spans = {(name, first.isoformat(), last.isoformat()) for name, first, last in breaks.school_holidays(2027)}
    assert spans == {
        ("sportlov", "2027-03-01", "2027-03-07"),
        ("sommarlov", "2027-06-19", "2027-08-22"),
        ("höstlov", "2027-11-01", "2027-11-07"),
        ("jullov", "2027-12-25", "2028-01-16"),
    }
    school = sspf(Pause(name="skolloven", rule=PAUSE_SCHOOL_HOLIDAYS))
    # 12 January is in jullov (vt begins in week 3), 10 August in sommarlov.
    assert days(school, date(2026, 12, 1), date(2027, 9, 30)) == [
        "2026-12-08", "2027-02-09", "2027-03-09", "2027-04-13", "2027-05-11", "2027-06-08", "2027-09-14"]


def test_the_upcoming_list_shows_a_paused_meeting_and_until_when(repo: Repository) -> None:
    rows = upcoming(sspf(JULY), repo, date(2027, 6, 1), count=3)
    assert [(row.day.isoformat(), row.start is None, row.note) for row in rows] == [
        ("2027-06-08", False, ""),
        ("2027-07-13", True, "uppehåll – sommaruppehåll till lördag 31 juli"),
        ("2027-08-10", False, ""),
    ]


def test_home_notice_says_until_when_and_the_next_meeting() -> None:
    forum = sspf(JULY)
    assert pause_notice(forum, date(2027, 7, 5)) == (
        "SSPF Ronnaskolan: uppehåll till lördag 31 juli (sommaruppehåll) – nästa möte tisdag 10 augusti")
    assert pause_notice(forum, date(2027, 6, 21)) == (
        "SSPF Ronnaskolan: uppehåll torsdag 1 juli–lördag 31 juli (sommaruppehåll) – nästa möte tisdag 10 augusti")
    assert pause_notice(forum, date(2027, 6, 1)) is None  # more than two weeks before it
    assert pause_notice(sspf(), date(2027, 7, 5)) is None


# -- the store and the exports -------------------------------------------------------------


def test_pauses_are_kept_in_the_store_file_and_old_forums_still_load(repo: Repository) -> None:
    forum = repo.save_forum(sspf(JULY, Pause(name="skolloven", rule=PAUSE_SCHOOL_HOLIDAYS)))
    if repo.path is not None:
        with Repository(repo.path) as other:
            assert other.forum(forum.id).cadence.pauses == [JULY, Pause(name="skolloven", rule=PAUSE_SCHOOL_HOLIDAYS)]
    assert repo.forum(forum.id).cadence.pauses[0] == JULY
    old = Forum.from_doc({"name": "Gammalt forum", "cadence": {"kind": WEEKLY, "weekday": 0}}, 7)
    assert old.cadence.pauses == [] and old.cadence.kind == WEEKLY


def test_the_demo_sspf_group_does_not_meet_in_july(demo_repo: Repository) -> None:
    ronna = demo_repo.forum_by_name("SSPF Ronnaskolan")
    summer = demo_repo.meetings_between(date(2027, 6, 1), date(2027, 8, 31), [ronna.id])
    assert [m.day.isoformat() for m in summer] == ["2027-06-08", "2027-08-10"]
    assert ronna.cadence.pauses == [JULY]


def test_ical_has_no_event_in_a_pause_and_says_why(demo_repo: Repository) -> None:
    ronna = demo_repo.forum_by_name("SSPF Ronnaskolan")
    text = forum_ics(demo_repo, ronna, date(2027, 6, 1), date(2027, 9, 30)).decode("utf-8")
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART;TZID=Europe/Stockholm:20270608T140000" in unfolded
    assert "DTSTART;TZID=Europe/Stockholm:202707" not in unfolded
    assert "X-WR-CALDESC:Uppehåll: sommaruppehåll 1 juli–31 juli varje år" in unfolded
    after = unfolded.split("DTSTART;TZID=Europe/Stockholm:20270810T140000")[1].split("END:VEVENT")[0]
    assert "Första mötet efter uppehållet (sommaruppehåll 2027-07-01–2027-07-31)." in after
