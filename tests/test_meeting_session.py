"""The live loop of a meeting (store.session): lines read once and stored once each, in
order, one transaction a line; what ctrl+z takes back; how owners and promises are read.

The demo store on disk, today frozen at Monday 2026-11-23 (v. 48)."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from store.model.constants import ABSENT, DONE, NOT_RECORDED, PRESENT
from store.persistence.frames import HEADER
from store.persistence.journal import journal_path
from store.repository import Repository
from store.session.live import log_to_forum
from store.session.meeting_session import FAILED, OWNER, MeetingSession, Saved
from store.session.reading import OwnerChoice
from store.text.i18n import UserError, t

MONDAY = date(2026, 11, 23)


@pytest.fixture
def session(demo_repo: Repository) -> MeetingSession:
    forum = demo_repo.forum_by_name("Måndagsmöte Södertälje")
    meeting = demo_repo.ensure_meeting(forum, MONDAY)
    return MeetingSession(demo_repo, meeting.id, lambda: MONDAY)


def journal_lines(repo: Repository) -> int:
    return journal_path(repo.path).read_bytes().count(b"\n")


def stored_texts(repo: Repository, meeting_id: int) -> list[str]:
    """The meeting's lines in the store file, in the order they were committed."""
    with Repository(repo.path) as fresh:  # the file, as another process reads it
        ids = {("entries", e.id) for e in fresh.entries(meeting_id)}
        ids |= {("actions", a.id) for a in fresh.actions_of_meeting(meeting_id) if a.origin_meeting_id == meeting_id}
    order = []
    for line in journal_path(repo.path).read_bytes().splitlines():
        for table, key, _doc in orjson.loads(line[HEADER:])["ch"]:  # past length and checksum
            if (table, int(key)) in ids and (table, int(key)) not in order:
                order.append((table, int(key)))
    with Repository(repo.path) as fresh:
        return [(fresh.entry(i) if table == "entries" else fresh.action(i)).text for table, i in order]


# ------------------------------------------------------------------ the queue

def test_the_preview_reading_is_the_one_stored_in_one_transaction(session: MeetingSession) -> None:
    repo = session.repo
    reading = session.read("å Kartlägga belysning i Bårsta @Anna_Sjöberg !fredag #16")
    before = journal_lines(repo)
    session.submit("å Kartlägga belysning i Bårsta @Anna_Sjöberg !fredag #16")
    (saved,) = session.run()
    assert isinstance(saved, Saved) and saved.reading is reading  # parsed once
    assert journal_lines(repo) == before + 1  # one durable journal line
    action = saved.logged.record
    assert (action.text, action.due, action.promise_id) == ("Kartlägga belysning i Bårsta", date(2026, 11, 27), 16)
    assert repo.person(action.owner_person_id).name == "Anna Sjöberg"


def test_queued_lines_are_stored_in_order_and_a_bad_one_stops_the_queue(session: MeetingSession) -> None:
    for text in ("i Första", "å Andra !30/2", "b Tredje", "i Fjärde"):
        session.submit(text)
    outcomes = session.run()
    assert [type(o).__name__ for o in outcomes] == ["Saved", "QueuedLine"]
    blocked = session.blocked
    assert (blocked.text, blocked.state) == ("å Andra !30/2", FAILED)
    assert blocked.problem == t("quickentry.date_impossible", text="30/2")
    assert [line.text for line in session.queue] == ["å Andra !30/2", "b Tredje", "i Fjärde"]
    assert stored_texts(session.repo, session.meeting_id) == ["Första"]

    session.submit("å Andra !1/12", replaces=blocked.key)  # corrected in its place
    assert [type(o).__name__ for o in session.run()] == ["Saved", "Saved", "Saved"]
    assert session.queue == []
    assert stored_texts(session.repo, session.meeting_id) == ["Första", "Andra", "Tredje", "Fjärde"]


def test_an_unknown_owner_is_a_question_and_the_new_person_is_stored_with_the_line(session) -> None:
    repo = session.repo
    police = next(o for o in repo.organisations() if o.name == "Polisen Södertälje")
    line = session.submit("å Ringa bostadsbolaget @Kalle_Ström !v. 50")
    assert session.run() == [line] and line.state == OWNER
    session.answer_owner(line, "Kalle Ström", OwnerChoice(new_name="Kalle Ström", new_organisation_id=police.id))
    before = journal_lines(repo)
    (saved,) = session.run()
    assert journal_lines(repo) == before + 1  # the person and the line: one transaction
    kalle = repo.person(saved.logged.record.owner_person_id)
    assert (kalle.name, kalle.organisation_id) == ("Kalle Ström", police.id)

    undone = session.undo()  # ctrl+z takes back the line and the person made for it
    assert undone.words["people"] == ["Kalle Ström"]
    with Repository(repo.path) as fresh:
        assert not any(p.name == "Kalle Ström" for p in fresh.people())
        assert stored_texts(fresh, session.meeting_id) == []


def test_no_answer_to_the_owner_question_keeps_the_line_with_a_sentence(session) -> None:
    line = session.submit("å Ringa @Okänd_Person")
    session.run()
    session.answer_owner(line, "Okänd Person", None)
    assert (line.state, line.problem) == (FAILED, t("live.owner_not_chosen", owner="Okänd Person"))
    assert session.queue == [line]


def test_add_owner_on_the_command_line_is_the_same_store_method(demo_repo: Repository) -> None:
    before = journal_lines(demo_repo)
    result = log_to_forum(demo_repo, "Måndagsmöte", "å Ringa @Nils_Persson", today=MONDAY, add_owners=True)
    assert journal_lines(demo_repo) == before + 1
    assert result["owner"] == "Nils Persson"


# ---------------------------------------------------------------------- undo

def test_undo_takes_back_newest_first_and_refuses_what_changed_elsewhere(session: MeetingSession) -> None:
    repo = session.repo
    session.submit("i Rad ett")
    session.submit("i Rad två")
    session.run()
    (first_row, second_row) = session.meeting.attendance[:2]
    assert first_row.status == PRESENT
    session.cycle_attendance(0)
    session.add_guest("Sara Nilsson", "Telge Bostäder")
    guest_row = len(session.meeting.attendance) - 1
    session.edit_guest(guest_row, "Sara Nilsson", "Telge Bostäder AB")
    follow = repo.open_actions_of_forum(session.meeting.forum_id, before=session.meeting.start)[0]
    session.change_action(follow.id, status=DONE)

    assert session.undo().what == "follow_up"
    assert repo.action(follow.id).status == follow.status
    assert session.undo().what == "guest_edited"
    assert session.meeting.attendance[guest_row].organisation == "Telge Bostäder"
    with Repository(repo.path) as other:  # a second window renames the guest
        other.edit_guest(session.meeting_id, guest_row, "Sara Nilsson-Berg", "Telge Bostäder")
    with pytest.raises(UserError) as refused:
        session.undo()  # the guest added: changed since, so not taken back
    assert refused.value.key == "repo.attendance_changed_since"
    assert session.meeting.attendance[guest_row].name == "Sara Nilsson-Berg"
    assert session.undo().what == "attendance"
    assert session.meeting.attendance[0].status == PRESENT
    assert session.undo().words["record"].text == "Rad två"
    assert stored_texts(repo, session.meeting_id) == ["Rad ett"]


def test_a_removed_guest_comes_back_where_it_was(session: MeetingSession) -> None:
    session.add_guest("Sara Nilsson", "Telge Bostäder")
    session.add_guest("Per Ek")
    rows = len(session.meeting.attendance)
    session.remove_guest(rows - 2)
    assert [a.name for a in session.meeting.attendance[-1:]] == ["Per Ek"]
    session.undo()
    assert [a.name for a in session.meeting.attendance[-2:]] == ["Sara Nilsson", "Per Ek"]
    with pytest.raises(UserError) as member:
        session.remove_guest(0)
    assert member.value.key == "repo.not_a_guest"


def test_a_line_changed_elsewhere_is_not_undone(session: MeetingSession) -> None:
    session.submit("i Rad som rättas")
    (saved,) = session.run()
    with Repository(session.repo.path) as other:
        entry = other.entry(saved.logged.record.id)
        entry.text = "Rad som rättats i ett annat fönster"
        other.save_entry(entry)
    with pytest.raises(UserError) as refused:
        session.undo()
    assert refused.value.key == "repo.line_changed_since"
    assert stored_texts(session.repo, session.meeting_id) == ["Rad som rättats i ett annat fönster"]
    with pytest.raises(UserError, match="inget att ångra"):
        session.undo()


def test_a_correction_reads_the_whole_line_again_and_can_be_undone(session: MeetingSession) -> None:
    session.submit("i Polisen rapporterar buskörnig")
    (saved,) = session.run()
    key = saved.logged.key
    assert session.line_text(session.logged(key)) == "i Polisen rapporterar buskörnig"
    after = session.edit(key, "å Polisen kartlägger buskörning @polisen !v. 50 #18 !!")
    action = after.record
    assert after.table == "actions" and action.confidential and action.promise_id == 18
    assert (action.due, session.repo.organisation(action.owner_organisation_id).name) == (
        date(2026, 12, 11), "Polisen Södertälje")
    assert session.line_text(after) == "å Polisen kartlägger buskörning @\"Polisen Södertälje\" !2026-12-11 #18 !!"
    session.undo()
    assert session.logged(after.key) is None
    assert session.logged(key).record.text == "Polisen rapporterar buskörnig"


# ------------------------------------------------------- owners and promises

@pytest.mark.parametrize(
    "line, problem",
    [
        ("å Ringa @Anna @kommunen", None),  # Anna Sjöberg is kommunen's: both kept
        ("å Ringa @Anna @polisen", "live.owners_disagree"),
        ("å Ringa @Anna @Johan", "live.two_owners"),
        ("å Ringa @polisen @kommunen", "live.two_owners"),
        ("i Polisen @polisen rapporterar", "live.owner_on_entry"),
        ("å Ringa #16 #17", "live.two_promises"),
        ("å Ringa #3", "live.promise_over"),
        ("å Ringa #L29", "live.promise_elsewhere"),
        ("å Ringa #999", "live.unknown_promise"),
    ],
)
def test_owners_and_promises_are_never_dropped_silently(session: MeetingSession, line, problem) -> None:
    reading = session.read(line)
    assert (reading.problem.key if reading.problem else None) == problem


def test_the_sentences_name_what_to_type_instead(session: MeetingSession) -> None:
    assert str(session.read("å Ringa @Anna @polisen").error()) == (
        "Anna Sjöberg hör till Södertälje kommun, inte Polisen Södertälje – skriv bara en av dem.")
    assert str(session.read("å Ringa #3").error()) == (
        "L3 (2019/2020) gällde till 2020-12-31 – i Södertälje gäller 2026-11-23 L16, L17, L18, L19, L20, L21.")
    kept = session.read("å Ringa @Anna @kommunen")
    assert (kept.person.name, kept.organisation.name) == ("Anna Sjöberg", "Södertälje kommun")
    assert [p.id for p in session.read("b Fler vandringar #16 #L17").promises] == [16, 17]


def test_school_social_services_and_youth_centre_are_the_forum_members_organisations(demo_repo) -> None:
    forum = demo_repo.forum_by_name("SSPF Ronnaskolan")
    meeting = demo_repo.ensure_meeting(forum, date(2026, 12, 8))
    session = MeetingSession(demo_repo, meeting.id, lambda: MONDAY)
    read = {word: session.read(f"å Ringa @{word}").organisation.name
            for word in ("skolan", "socialtjänsten", "fritid", "kommunen")}
    assert read == {"skolan": "Ronnaskolan", "socialtjänsten": "Södertälje kommun",
                    "fritid": "Södertälje kommun", "kommunen": "Södertälje kommun"}
    monday = MeetingSession(demo_repo, demo_repo.ensure_meeting(
        demo_repo.forum_by_name("Chefssamråd Södertälje"), date(2026, 12, 3)).id, lambda: MONDAY)
    assert monday.read("å Ringa @skolan").unknown_owners == ["skolan"]  # no school among its members


# ------------------------------------------------------- which meeting `log` uses

def test_log_refuses_a_day_without_a_meeting_and_names_the_nearest(demo_repo: Repository) -> None:
    before = journal_lines(demo_repo)
    with pytest.raises(UserError) as refused:
        log_to_forum(demo_repo, "Måndagsmöte", "i Rad", today=date(2026, 11, 24))
    assert str(refused.value) == (
        "Måndagsmöte Södertälje har inget möte 2026-11-24 – närmaste mötesdagar: 2026-11-23, 2026-11-30, "
        "2026-11-16. Ange --date med en av dem, eller --adhoc för ett extra möte.")
    assert journal_lines(demo_repo) == before
    result = log_to_forum(demo_repo, "Måndagsmöte", "i Extra möte", today=date(2026, 11, 24), adhoc=True)
    meeting = demo_repo.meeting(result["meeting"])
    assert meeting.day == date(2026, 11, 24)


def test_a_line_that_cannot_be_stored_leaves_no_meeting_behind(demo_repo: Repository) -> None:
    forum = demo_repo.forum_by_name("Måndagsmöte Södertälje")
    assert demo_repo.meeting_on(forum.id, date(2026, 11, 30)) is None
    with pytest.raises(UserError):
        log_to_forum(demo_repo, "Måndagsmöte", "å Något !30/2", today=MONDAY, day=date(2026, 11, 30))
    with Repository(demo_repo.path) as fresh:
        assert fresh.meeting_on(forum.id, date(2026, 11, 30)) is None


def test_a_future_meetings_attendance_starts_not_recorded(demo_repo: Repository) -> None:
    forum = demo_repo.forum_by_name("Måndagsmöte Södertälje")
    ahead = demo_repo.ensure_meeting(forum, date(2026, 11, 30))
    assert {a.status for a in ahead.attendance} == {NOT_RECORDED}
    assert {a.status for a in demo_repo.ensure_meeting(forum, MONDAY).attendance} == {PRESENT}
    cycled = demo_repo.cycle_attendance(ahead.id, 0)
    assert cycled.attendance[0].status == PRESENT
    assert demo_repo.cycle_attendance(ahead.id, 0).attendance[0].status == ABSENT


def test_an_attendance_change_made_again_elsewhere_is_not_undone(session: MeetingSession) -> None:
    session.cycle_attendance(1)  # present → absent
    with Repository(session.repo.path) as other:  # a second window marks the row excused
        other.set_attendance(session.meeting_id, 1, "excused")
    with pytest.raises(UserError) as refused:
        session.undo()
    assert refused.value.key == "repo.attendance_changed_since"
    assert session.meeting.attendance[1].status == "excused"


def test_agenda_items_added_or_moved_are_taken_back(session: MeetingSession) -> None:
    titles = [item.title for item in session.meeting.agenda]
    session.add_agenda_item("Skolavslutningen", after_key=session.meeting.agenda[0].key)
    added = max(item.key for item in session.meeting.agenda)
    session.move_agenda_item(added, -1)
    assert [i.title for i in session.meeting.agenda][:2] == ["Skolavslutningen", titles[0]]
    assert session.undo().what == "agenda_moved"
    assert [i.title for i in session.meeting.agenda][:2] == [titles[0], "Skolavslutningen"]
    with Repository(session.repo.path) as other:  # a line filed under it from another window
        other.add_entry(other.meeting(session.meeting_id), "info", "Rad under punkten", agenda_key=added)
    with pytest.raises(UserError) as in_use:
        session.undo()
    assert in_use.value.key == "repo.agenda_item_in_use"
    assert "Skolavslutningen" in [i.title for i in session.meeting.agenda]


def test_english_owner_and_line_words_in_english_mode(session: MeetingSession) -> None:
    from store.text.i18n import set_language

    set_language("en")
    try:
        reading = session.read("a Call the field workers @police !friday")
        assert reading.ok and reading.entry.due == date(2026, 11, 27)
        assert reading.organisation.name == "Polisen Södertälje"
        assert session.read("a Call @municipality").organisation.name == "Södertälje kommun"
        assert session.read("a Call @polisen").organisation.name == "Polisen Södertälje"  # Swedish still works
        decision = session.read("decision The police act")
        assert decision.ok and decision.entry.kind == "decision"
    finally:
        set_language("sv")
    assert session.read("å Ringa @police").unknown_owners == ["police"]  # an English word in Swedish mode
