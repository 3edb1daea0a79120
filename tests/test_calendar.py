"""Rule tests for store.rules.calendar with fixed dates (no real clock)."""

from __future__ import annotations

import time as clock
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.model.constants import (
    AD_HOC,
    HOLIDAY_IGNORE,
    HOLIDAY_NEXT_WORKING_DAY,
    HOLIDAY_SKIP,
    MONTHLY_NTH_WEEKDAY,
    PER_TERM,
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
from store.text.i18n import set_language

MON, TUE, WED, THU, FRI = range(5)


@pytest.fixture(autouse=True)
def swedish():
    set_language("sv")
    yield
    set_language("sv")


def days(occurrences: list[datetime]) -> list[date]:
    return [o.date() for o in occurrences]


def weekly(weekday: int = MON, **kw) -> Cadence:
    return Cadence(kind=WEEKLY, weekday=weekday, **kw)


# --- weeks and formatting ----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "week"),
    [(date(2026, 11, 23), 48), (date(2026, 12, 31), 53), (date(2027, 1, 1), 53), (date(2027, 1, 4), 1)],
)
def test_iso_week(day, week):
    assert cal.iso_week(day) == week


def test_week_label_and_dates_sv():
    d = date(2026, 11, 23)
    assert cal.week_label(d) == "v. 48"
    assert cal.format_date(d) == "2026-11-23"
    assert cal.format_long(d) == "måndag 23 november"
    assert cal.weekday_name(date(2026, 11, 29)) == "söndag"
    assert cal.format_long(date(2027, 5, 6)) == "torsdag 6 maj"


def test_formatting_en():
    set_language("en")
    assert cal.format_long(date(2026, 11, 23)) == "Monday 23 November"
    assert cal.weekday_name(date(2026, 11, 24)) == "Tuesday"
    assert cal.week_label(date(2026, 11, 23)) == "week 48"
    assert cal.format_date(date(2026, 11, 23)) == "2026-11-23"


def test_format_time_is_stockholm_wall_clock():
    assert cal.format_time(datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)) == "09:00"
    assert cal.format_time(datetime(2027, 6, 14, 7, 30, tzinfo=timezone.utc)) == "09:30"
    assert cal.format_time(datetime(2026, 11, 23, 13, 15)) == "13:15"  # naive = local
    # The Stockholm day of a late UTC instant is the next day.
    assert cal.format_date(datetime(2026, 11, 22, 23, 30, tzinfo=timezone.utc)) == "2026-11-23"


# --- holidays ---------------------------------------------------------------------


def test_holidays_2027():
    assert cal.holiday_name(date(2027, 3, 29)) == "Annandag påsk"
    assert cal.holiday_name(date(2027, 6, 25)) == "Midsommarafton"
    assert cal.holiday_name(date(2027, 6, 26)) == "Midsommardagen"
    assert cal.holiday_name(date(2027, 6, 6)) == "Nationaldagen"
    assert cal.holiday_name(date(2026, 12, 24)) == "Julafton"
    assert cal.holiday_name(date(2026, 12, 25)) == "Juldagen"
    assert cal.holiday_name(date(2026, 12, 31)) == "Nyårsafton"
    assert cal.holiday_name(date(2027, 5, 6)) == "Kristi himmelsfärdsdag"
    for d in (date(2027, 3, 29), date(2027, 6, 25), date(2026, 12, 24), date(2026, 12, 31)):
        assert cal.is_holiday(d) and not cal.is_working_day(d)


def test_ordinary_days_are_not_holidays():
    sunday, saturday = date(2026, 11, 29), date(2026, 11, 28)
    assert not cal.is_holiday(sunday) and cal.holiday_name(sunday) is None
    assert not cal.is_holiday(saturday)
    assert not cal.is_working_day(sunday) and not cal.is_working_day(saturday)
    assert cal.is_working_day(date(2026, 11, 23))
    # Not a röd dag: valborgsmässoafton, skärtorsdagen, the day after Ascension.
    for d in (date(2027, 4, 30), date(2027, 3, 25), date(2027, 5, 7)):
        assert cal.is_working_day(d)


def test_next_working_day():
    assert cal.next_working_day(date(2026, 11, 23)) == date(2026, 11, 23)
    assert cal.next_working_day(date(2027, 3, 26)) == date(2027, 3, 30)  # långfredag..annandag
    assert cal.next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)
    assert cal.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)


# --- weekly series and holiday rules ------------------------------------------------


def test_easter_monday_moves_to_tuesday_or_is_skipped():
    span = (date(2027, 3, 22), date(2027, 4, 5))
    moved = cal.occurrences(weekly(MON), HOLIDAY_NEXT_WORKING_DAY, *span)
    assert days(moved) == [date(2027, 3, 22), date(2027, 3, 30), date(2027, 4, 5)]
    skipped = cal.occurrences(weekly(MON), HOLIDAY_SKIP, *span)
    assert days(skipped) == [date(2027, 3, 22), date(2027, 4, 5)]
    kept = cal.occurrences(weekly(MON), HOLIDAY_IGNORE, *span)
    assert days(kept) == [date(2027, 3, 22), date(2027, 3, 29), date(2027, 4, 5)]
    assert moved[1] == datetime(2027, 3, 30, 9, 0, tzinfo=TZ)


def test_midsommarafton_friday():
    span = (date(2027, 6, 18), date(2027, 7, 2))
    assert days(cal.occurrences(weekly(FRI), HOLIDAY_NEXT_WORKING_DAY, *span)) == [
        date(2027, 6, 18),
        date(2027, 6, 28),
        date(2027, 7, 2),
    ]
    assert days(cal.occurrences(weekly(FRI), HOLIDAY_SKIP, *span)) == [date(2027, 6, 18), date(2027, 7, 2)]


def test_christmas_and_new_year_fridays():
    got = cal.occurrences(weekly(FRI), HOLIDAY_NEXT_WORKING_DAY, date(2026, 12, 18), date(2027, 1, 8))
    assert days(got) == [date(2026, 12, 18), date(2026, 12, 28), date(2027, 1, 4), date(2027, 1, 8)]
    assert days(cal.occurrences(weekly(FRI), HOLIDAY_SKIP, date(2026, 12, 18), date(2027, 1, 8))) == [
        date(2026, 12, 18),
        date(2027, 1, 8),
    ]


def test_nationaldagen_wednesday_2029():
    span = (date(2029, 6, 1), date(2029, 6, 14))
    assert days(cal.occurrences(weekly(WED), HOLIDAY_NEXT_WORKING_DAY, *span)) == [
        date(2029, 6, 7),
        date(2029, 6, 13),
    ]
    assert days(cal.occurrences(weekly(WED), HOLIDAY_SKIP, *span)) == [date(2029, 6, 13)]


def test_meeting_moved_into_range_from_before_it():
    # Easter Monday 29 March is before the range; its meeting on the 30th is in it.
    got = cal.occurrences(weekly(MON), HOLIDAY_NEXT_WORKING_DAY, date(2027, 3, 30), date(2027, 4, 1))
    assert days(got) == [date(2027, 3, 30)]


def test_dst_offsets():
    winter = cal.occurrences(weekly(MON), HOLIDAY_SKIP, date(2026, 11, 23), date(2026, 11, 23))
    summer = cal.occurrences(weekly(MON), HOLIDAY_SKIP, date(2027, 6, 14), date(2027, 6, 14))
    assert winter[0].isoformat() == "2026-11-23T09:00:00+01:00"
    assert summer[0].isoformat() == "2027-06-14T09:00:00+02:00"
    assert winter[0].utcoffset() == timedelta(hours=1)
    assert summer[0].utcoffset() == timedelta(hours=2)


def test_time_of_day():
    got = cal.occurrences(weekly(TUE, time="13:30"), HOLIDAY_SKIP, date(2026, 11, 23), date(2026, 11, 29))
    assert got == [datetime(2026, 11, 24, 13, 30, tzinfo=TZ)]
    assert cal.format_time(got[0]) == "13:30"


def test_cadence_start_and_end_respected():
    c = weekly(MON, start=date(2026, 11, 10), end=date(2026, 12, 7))
    got = cal.occurrences(c, HOLIDAY_SKIP, date(2026, 11, 1), date(2026, 12, 31))
    assert days(got) == [date(2026, 11, 16), date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)]
    assert cal.occurrences(c, HOLIDAY_SKIP, date(2027, 1, 1), date(2027, 12, 31)) == []


def test_ad_hoc_has_no_occurrences():
    assert cal.occurrences(Cadence(kind=AD_HOC), HOLIDAY_SKIP, date(2026, 1, 1), date(2030, 1, 1)) == []
    assert cal.next_occurrence(Cadence(kind=AD_HOC), HOLIDAY_SKIP, datetime(2026, 1, 1, tzinfo=TZ)) is None


def test_weekly_ten_years_is_fast():
    c = weekly(MON)
    # 2035-12-31 is a Monday and nyårsafton: moved to 2 January 2036, out of range.
    got = cal.occurrences(c, HOLIDAY_NEXT_WORKING_DAY, date(2026, 1, 1), date(2035, 12, 31))
    assert len(got) == 521 and got[-1] == datetime(2035, 12, 27, 9, 0, tzinfo=TZ)
    # Years not cached yet; only the library's one-off warm-up above is excluded.
    t0 = clock.perf_counter()
    got = cal.occurrences(c, HOLIDAY_NEXT_WORKING_DAY, date(2050, 1, 1), date(2059, 12, 31))
    elapsed = clock.perf_counter() - t0
    assert len(got) == 522
    assert elapsed < 0.02


# --- monthly, yearly and per-term series -------------------------------------------


def test_monthly_nth_weekday():
    second_tuesday = Cadence(kind=MONTHLY_NTH_WEEKDAY, weekday=TUE, nth=2)
    got = cal.occurrences(second_tuesday, HOLIDAY_SKIP, date(2026, 11, 1), date(2027, 2, 28))
    assert days(got) == [date(2026, 11, 10), date(2026, 12, 8), date(2027, 1, 12), date(2027, 2, 9)]


def test_monthly_last_weekday():
    last_thursday = Cadence(kind=MONTHLY_NTH_WEEKDAY, weekday=THU, nth=-1)
    got = cal.occurrences(last_thursday, HOLIDAY_SKIP, date(2026, 11, 1), date(2027, 2, 28))
    # 31 Dec 2026 is nyårsafton: skipped.
    assert days(got) == [date(2026, 11, 26), date(2027, 1, 28), date(2027, 2, 25)]
    moved = cal.occurrences(last_thursday, HOLIDAY_NEXT_WORKING_DAY, date(2026, 12, 1), date(2027, 1, 31))
    assert days(moved) == [date(2027, 1, 4), date(2027, 1, 28)]


def test_four_times_a_year_2027():
    chefssamrad = Cadence(kind=TIMES_PER_YEAR, times=4, first_month=2, weekday=THU, nth=1, time="13:00")
    got = cal.occurrences(chefssamrad, HOLIDAY_NEXT_WORKING_DAY, date(2027, 1, 1), date(2027, 12, 31))
    # First Thursday in May is Kristi himmelsfärdsdag: moved to Friday.
    assert got == [
        datetime(2027, 2, 4, 13, 0, tzinfo=TZ),
        datetime(2027, 5, 7, 13, 0, tzinfo=TZ),
        datetime(2027, 8, 5, 13, 0, tzinfo=TZ),
        datetime(2027, 11, 4, 13, 0, tzinfo=TZ),
    ]
    skipped = cal.occurrences(chefssamrad, HOLIDAY_SKIP, date(2027, 1, 1), date(2027, 12, 31))
    assert days(skipped) == [date(2027, 2, 4), date(2027, 8, 5), date(2027, 11, 4)]


def test_times_per_year_wraps_into_the_same_year():
    c = Cadence(kind=TIMES_PER_YEAR, times=3, first_month=11, weekday=MON, nth=1)
    got = cal.occurrences(c, HOLIDAY_IGNORE, date(2027, 1, 1), date(2027, 12, 31))
    assert days(got) == [date(2027, 3, 1), date(2027, 7, 5), date(2027, 11, 1)]


def test_terms():
    assert cal.term_bounds(2027, "vt") == (date(2027, 1, 18), date(2027, 6, 18))
    assert cal.term_bounds(2027, "ht") == (date(2027, 8, 23), date(2027, 12, 24))
    assert cal.term_of(date(2027, 3, 1)) == (2027, "vt")
    assert cal.term_of(date(2027, 9, 1)) == (2027, "ht")
    assert cal.term_of(date(2027, 7, 1)) == (2027, "ht")
    with pytest.raises(ValueError):
        cal.term_bounds(2027, "st")


def test_per_term_dates():
    second_tuesday = Cadence(kind=PER_TERM, weekday=TUE, nth=2)
    got = cal.occurrences(second_tuesday, HOLIDAY_SKIP, date(2027, 1, 1), date(2027, 12, 31))
    assert days(got) == [date(2027, 1, 26), date(2027, 8, 31)]
    last_monday = Cadence(kind=PER_TERM, weekday=MON, nth=-1)
    got = cal.occurrences(last_monday, HOLIDAY_SKIP, date(2027, 1, 1), date(2027, 12, 31))
    assert days(got) == [date(2027, 6, 14), date(2027, 12, 20)]


# --- next occurrence --------------------------------------------------------------


def test_next_occurrence():
    monday = weekly(MON)
    after = datetime(2027, 3, 22, 9, 0, tzinfo=TZ)  # strictly after: not this one
    moved = cal.next_occurrence(monday, HOLIDAY_NEXT_WORKING_DAY, after)
    assert moved == datetime(2027, 3, 30, 9, 0, tzinfo=TZ)
    assert cal.next_occurrence(monday, HOLIDAY_SKIP, after) == datetime(2027, 4, 5, 9, 0, tzinfo=TZ)
    before = datetime(2027, 3, 22, 8, 59, tzinfo=TZ)
    assert cal.next_occurrence(monday, HOLIDAY_SKIP, before) == datetime(2027, 3, 22, 9, 0, tzinfo=TZ)
    yearly = Cadence(kind=TIMES_PER_YEAR, times=1, first_month=2, weekday=THU)
    assert cal.next_occurrence(yearly, HOLIDAY_SKIP, datetime(2027, 2, 5, tzinfo=TZ)) == datetime(
        2028, 2, 3, 9, 0, tzinfo=TZ
    )


def test_next_occurrence_after_series_end_is_none():
    c = weekly(MON, end=date(2026, 12, 7))
    assert cal.next_occurrence(c, HOLIDAY_SKIP, datetime(2026, 12, 1, tzinfo=TZ)) == datetime(
        2026, 12, 7, 9, 0, tzinfo=TZ
    )
    assert cal.next_occurrence(c, HOLIDAY_SKIP, datetime(2026, 12, 7, 10, 0, tzinfo=TZ)) is None


# --- chairs ------------------------------------------------------------------------

POLICE_ORG = Organisation(name="Polisen Södertälje", kind="police", id=1)
CITY_ORG = Organisation(name="Södertälje kommun", kind="municipality", id=2)
FIRE_ORG = Organisation(name="Södertörns brandförsvarsförbund", kind="fire", id=3)
SCHOOL_ORG = Organisation(name="Wasaskolan", kind="municipality", id=4)
ORGS = {o.id: o for o in (POLICE_ORG, CITY_ORG, FIRE_ORG, SCHOOL_ORG)}
PEOPLE = {
    p.id: p
    for p in (
        Person(name="Anna Lind", organisation_id=1, role="lokalpolisområdeschef", id=10),
        Person(name="Bo Ek", organisation_id=2, role="stadsdirektör", id=11),
        Person(name="Cecilia Berg", organisation_id=3, role="brandchef", id=12),
        Person(name="Dan Holm", organisation_id=None, role="kommunpolis", id=13),
    )
}
ROLES = ["lokalpolisområdeschef", "stadsdirektör", "brandchef"]


def test_rotating_chair_role():
    rule = ChairRule(kind=ROTATING, roles=ROLES, start_year=2023)
    assert [cal.chair_role_for(rule, y) for y in (2022, 2023, 2024, 2025, 2026)] == [
        "brandchef",
        "lokalpolisområdeschef",
        "stadsdirektör",
        "brandchef",
        "lokalpolisområdeschef",
    ]
    assert cal.chair_role_for(ChairRule(kind=STANDING_ORG, organisation_id=1), 2026) is None
    assert cal.chair_role_for(ChairRule(kind=ROTATING, roles=[]), 2026) is None


def test_rotating_chair_resolves_to_members():
    forum = Forum(
        name="Chefssamråd",
        kind="chefssamrad",
        member_ids=[10, 11, 12],
        chair_rule=ChairRule(kind=ROTATING, roles=ROLES, start_year=2023),
    )
    chairs = [cal.chair_for(forum, date(y, 5, 1), PEOPLE, ORGS) for y in (2023, 2024, 2025, 2026)]
    assert chairs == [
        "Anna Lind (lokalpolisområdeschef)",
        "Bo Ek (stadsdirektör)",
        "Cecilia Berg (brandchef)",
        "Anna Lind (lokalpolisområdeschef)",
    ]
    forum.member_ids = [10, 12]  # no city director among the members: the role itself
    assert cal.chair_for(forum, date(2024, 5, 1), PEOPLE, ORGS) == "stadsdirektör"


def test_standing_chairs():
    mandagsmote = Forum(name="Måndagsmöte", chair_rule=ChairRule(kind=STANDING_PERSON, person_id=10))
    assert cal.chair_for(mandagsmote, date(2026, 11, 23), PEOPLE, ORGS) == "Anna Lind (Polisen Södertälje)"
    no_org = Forum(name="x", chair_rule=ChairRule(kind=STANDING_PERSON, person_id=13))
    assert cal.chair_for(no_org, date(2026, 11, 23), PEOPLE, ORGS) == "Dan Holm"
    gone = Forum(name="x", chair_rule=ChairRule(kind=STANDING_PERSON, person_id=99, organisation_id=1))
    assert cal.chair_for(gone, date(2026, 11, 23), PEOPLE, ORGS) == "Polisen Södertälje"
    school = ChairRule(kind=STANDING_ORG, organisation_id=4)
    sspf = Forum(name="SSPF Wasaskolan", kind="sspf", chair_rule=school)
    assert cal.chair_for(sspf, date(2026, 11, 23), PEOPLE, ORGS) == "Wasaskolan"
    unknown = Forum(name="x", chair_rule=ChairRule(kind=STANDING_ORG, organisation_id=None))
    assert cal.chair_for(unknown, date(2026, 11, 23), PEOPLE, ORGS) == ""


# --- properties --------------------------------------------------------------------

cadences = st.one_of(
    st.builds(
        Cadence,
        kind=st.just(WEEKLY),
        weekday=st.integers(0, 4),
        time=st.sampled_from(["07:30", "09:00", "13:15", "18:00"]),
    ),
    st.builds(
        Cadence,
        kind=st.just(MONTHLY_NTH_WEEKDAY),
        weekday=st.integers(0, 4),
        nth=st.sampled_from([1, 2, 3, 4, -1, -2]),
        time=st.sampled_from(["08:00", "09:00", "15:45"]),
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    cadence=cadences,
    rule=st.sampled_from([HOLIDAY_SKIP, HOLIDAY_NEXT_WORKING_DAY, HOLIDAY_IGNORE]),
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    length=st.integers(0, 800),
    split=st.integers(0, 800),
)
def test_occurrences_properties(cadence, rule, start, length, split):
    end = start + timedelta(days=length)
    got = cal.occurrences(cadence, rule, start, end)
    assert got == sorted(got) and len(set(got)) == len(got)
    for occurrence in got:
        assert start <= occurrence.date() <= end
        assert occurrence.tzinfo is TZ and cal.format_time(occurrence) == cadence.time
        if rule == HOLIDAY_NEXT_WORKING_DAY:
            assert cal.is_working_day(occurrence.date())
        if rule == HOLIDAY_SKIP:
            assert not cal.is_holiday(occurrence.date())
    # Splitting the range anywhere gives the same meetings.
    middle = start + timedelta(days=min(split, length))
    left = cal.occurrences(cadence, rule, start, middle)
    right = cal.occurrences(cadence, rule, middle + timedelta(days=1), end)
    assert left + right == got


def test_holidays_by_todays_rules_are_the_librarys_for_every_year_from_2005() -> None:
    """The app's own rules (store.rules.swedish_holidays) spare it the library's ~110 ms
    at start; they must say exactly what the library says, names included (the library
    knows no year after 2100)."""
    import holidays
    from holidays.constants import DE_FACTO, PUBLIC

    from store.rules import swedish_holidays

    for year in range(swedish_holidays.CURRENT_RULES_SINCE, 2101):
        library = holidays.country_holidays("SE", years=year, categories=(PUBLIC, DE_FACTO), language="sv",
                                            include_sundays=False)
        assert swedish_holidays.holidays_of_year(year) == dict(sorted(library.items())), year
