"""The agenda's rules (store.rules.agenda): where a line without an item belongs, the
follow-up and "Övrigt" items, time budgets, and the agenda export. The demo store,
today frozen at Monday 2026-11-23 (v. 48)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from store.exports.agenda import agenda_markdown
from store.exports.ical import forum_ics
from store.exports.minutes import minutes_markdown
from store.exports.registry import EXPORTS, ExportRequest
from store.model.constants import TZ
from store.model.meeting import AgendaItem
from store.repository import Repository
from store.review.views import meeting_view
from store.rules.agenda import filed_under, is_follow_up, is_other, parse_minutes, planned_times
from store.session.live import log_to_forum
from store.text.i18n import UserError

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(("title", "follow_up", "other"), [
    ("Uppföljning av tidigare åtgärder", True, False),
    ("Uppföljning", True, False),
    ("Follow-up of earlier actions", True, False),
    ("Uppföljning av medborgarlöften", False, False),
    ("Övrigt", False, True),
    ("Övriga frågor", False, True),
    ("Other business", False, True),
    ("Lägesbild", False, False),
])
def test_which_item_is_the_follow_up_and_which_is_other(title: str, follow_up: bool, other: bool) -> None:
    assert (is_follow_up(title), is_other(title)) == (follow_up, other)


class Line:
    def __init__(self, minute: int | None, key: int | None) -> None:
        self.created = datetime(2026, 11, 23, 9, minute, tzinfo=TZ) if minute is not None else None
        self.agenda_key = key


def test_a_line_without_an_item_is_filed_under_the_one_current_then() -> None:
    agenda = [AgendaItem(1, "Lägesbild"), AgendaItem(2, "Helgens händelser"), AgendaItem(3, "Övriga frågor")]
    lines = [Line(5, None), Line(10, 1), Line(12, None), Line(20, 2), Line(25, None), Line(30, 9), Line(None, None)]
    assert filed_under(agenda, lines) == [3, 1, 1, 2, 2, 2, 3]
    # Without an "Övrigt" item, the section of that name (None).
    assert filed_under(agenda[:2], [Line(5, None)]) == [None]


def test_minutes_and_planned_times() -> None:
    assert [parse_minutes(text) for text in ("15", "15 min", "15min", " 20 minuter ", "", "5 m")] == \
        [15, 15, 15, 20, None, 5]
    for bad in ("femton", "-5", "0", "601", "15 timmar"):
        with pytest.raises(UserError):
            parse_minutes(bad)
    start = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
    times = planned_times(start, [AgendaItem(1, "a", 15), AgendaItem(2, "b", 10), AgendaItem(3, "c"),
                                  AgendaItem(4, "d", 5)])
    assert times[:2] == [(start, start + timedelta(minutes=15)),
                         (start + timedelta(minutes=15), start + timedelta(minutes=25))]
    assert times[2:] == [None, None]  # after an item without a budget the clock is unknown


def test_budgets_and_the_item_clock_are_stored_and_read_back(demo_repo: Repository) -> None:
    forum = demo_repo.forum_by_name("Måndagsmöte Södertälje")
    meeting = demo_repo.ensure_meeting(forum, MONDAY)
    demo_repo.set_agenda_minutes(meeting.id, 1, 15)
    at = datetime(2026, 11, 23, 9, 2, tzinfo=TZ)
    demo_repo.start_agenda_item(meeting.id, 1, at)
    demo_repo.start_agenda_item(meeting.id, 1, at + timedelta(minutes=30))  # coming back: the clock stays
    with Repository(demo_repo.path) as fresh:  # what the file holds
        item = fresh.meeting(meeting.id).agenda[0]
    assert (item.minutes, item.started) == (15, at)
    assert "minutes" not in fresh_doc_of_second_item(demo_repo, meeting.id)  # unset: stored as before
    with pytest.raises(UserError):
        demo_repo.set_agenda_minutes(meeting.id, 1, 0)


def fresh_doc_of_second_item(repo: Repository, meeting_id: int) -> dict:
    return repo.meeting(meeting_id).agenda[1].to_doc()


def test_the_agenda_export_shows_budgets_and_clock_times(demo_repo: Repository) -> None:
    forum = demo_repo.forum_by_name("Måndagsmöte Södertälje")
    meeting = demo_repo.ensure_meeting(forum, date(2026, 12, 7))
    demo_repo.set_agenda_minutes(meeting.id, 1, 15)
    meeting = demo_repo.set_agenda_minutes(meeting.id, 2, 10)
    text = agenda_markdown(demo_repo, meeting)
    assert text.startswith("# Dagordning – Måndagsmöte Södertälje, måndag 7 december 2026 (v. 50)")
    assert "1. 09:00–09:15 Lägesbild (15 min)" in text
    assert "2. 09:15–09:25 Helgens händelser (10 min)" in text
    assert "3. Uppföljning av tidigare åtgärder\n" in text
    assert "Planerad tid: 25 min av mötets 60 min." in text
    kind = EXPORTS["agenda"]
    assert kind.document(demo_repo, ExportRequest(meeting=meeting)).decode() == text
    assert kind.file_name(demo_repo, ExportRequest(meeting=meeting)) == \
        "dagordning-mandagsmote-sodertalje-2026-12-07.md"


def test_a_confidential_forums_agenda_items_stay_out_of_its_calendar_and_agenda(demo_repo: Repository) -> None:
    sspf = demo_repo.forum_by_name("SSPF Ronnaskolan")
    assert sspf.confidential_default
    meeting = demo_repo.ensure_meeting(sspf, date(2026, 12, 8))
    demo_repo.add_agenda_item(meeting.id, "Eleven i 8B")
    public = forum_ics(demo_repo, sspf, MONDAY, date(2027, 1, 31))
    assert b"Eleven" not in public and b"Aktuella elever" not in public
    assert b"Eleven i 8B" in forum_ics(demo_repo, sspf, MONDAY, date(2027, 1, 31), include_confidential=True)
    request = ExportRequest(forum=sspf, start=MONDAY, end=date(2027, 1, 31))
    assert EXPORTS["ics"].count_confidential(demo_repo, request) > 0
    meeting = demo_repo.meeting(meeting.id)
    assert "Eleven" not in agenda_markdown(demo_repo, meeting)
    assert "Eleven i 8B" in agenda_markdown(demo_repo, meeting, include_confidential=True)


def test_a_line_logged_from_the_command_line_goes_under_the_current_item(demo_repo: Repository, frozen) -> None:
    forum = demo_repo.forum_by_name("Måndagsmöte Södertälje")
    meeting = demo_repo.ensure_meeting(forum, MONDAY)
    demo_repo.add_entry(meeting, "info", "Under punkt 2.", agenda_key=2, at=meeting.start - timedelta(minutes=1))
    logged = log_to_forum(demo_repo, "Måndagsmöte", "i Från kommandoraden", MONDAY)
    # Stored as it was logged, without an item; shown and exported under item 2.
    assert demo_repo.entry(logged["id"]).agenda_key is None
    meeting = demo_repo.meeting(meeting.id)
    item_2 = next(item.title for item in meeting.agenda if item.key == 2)
    shown = {e["text"]: e["agenda"] for e in meeting_view(demo_repo, meeting)["entries"]}
    assert shown["Från kommandoraden"] == item_2
    minutes = minutes_markdown(demo_repo, meeting)
    section = minutes.split(f"## 2. {item_2}\n", 1)[1].split("\n## ", 1)[0]
    assert "Under punkt 2." in section and "Från kommandoraden" in section
