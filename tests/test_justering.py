"""Justering as store calls: the justerare, the approval (who, when), and the lock on
approved minutes: a later change is refused, or with a name it is a rättelse recorded
with date and who. Read back from the store file through a second Repository."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest

from store.model.constants import ABSENT, CANCELLED, DONE, HELD, INFO
from store.model.forum import ChairRule, Forum
from store.model.justering import ACTION_ADDED, ACTION_CHANGED, ENTRY_ADDED, ENTRY_CHANGED, ENTRY_DELETED
from store.model.meeting import Meeting
from store.model.people import Organisation, Person
from store.repository import Repository
from store.review.views import meeting_view
from store.text.i18n import UserError

DAY = date(2026, 11, 16)  # a week before the frozen Monday


def setup(repo: Repository) -> Meeting:
    kommun = repo.save_organisation(Organisation(name="Södertälje kommun", kind="municipality"))
    anna = repo.save_person(Person(name="Anna Berg", organisation_id=kommun.id, role="samordnare"))
    johan = repo.save_person(Person(name="Johan Berg", organisation_id=kommun.id, role="fältassistent"))
    forum = repo.save_forum(Forum(name="Måndagsmöte", member_ids=[anna.id, johan.id],
                                  chair_rule=ChairRule(organisation_id=kommun.id), standing_agenda=["Läget"]))
    meeting = repo.ensure_meeting(forum, DAY)
    repo.add_entry(meeting, INFO, "Lugn helg i Ronna.")
    return repo.mark_held(meeting.id)


def stored(repo: Repository, meeting_id: int) -> Meeting:
    if repo.path is None:
        return repo.meeting(meeting_id)
    with Repository(repo.path) as other:
        return other.meeting(meeting_id)


def refused(key: str, work, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as caught:
        work(*args, **kwargs)
    assert caught.value.key == key and str(caught.value) != key
    return caught.value


def test_justerare_and_approval_are_stored_with_who_and_when(repo: Repository) -> None:
    meeting = setup(repo)
    repo.set_justerare(meeting.id, "  Johan   Berg ")
    approved = repo.approve(meeting.id, "Anna Berg")
    assert approved.approved_at.isoformat() == "2026-11-23T10:00:00+01:00"
    after = stored(repo, meeting.id)
    assert (after.justerare, after.approved_by, after.status) == ("Johan Berg", "Anna Berg", HELD)
    assert after.approved_at == approved.approved_at
    error = refused("justering.already_approved", repo.approve, meeting.id, "Anna Berg")
    assert str(error) == ("Protokollet för möte 1 är redan justerat 2026-11-23 av Anna Berg – ändringar görs nu "
                          "som rättelser.")
    refused("justering.already_approved", repo.set_justerare, meeting.id, "Någon Annan")


def test_the_approver_becomes_justerare_when_none_was_named(repo: Repository) -> None:
    meeting = setup(repo)
    repo.approve(meeting.id, "Anna Berg")
    assert stored(repo, meeting.id).justerare == "Anna Berg"


def test_approval_is_refused_before_the_meeting_when_cancelled_or_without_a_name(repo: Repository) -> None:
    meeting = setup(repo)
    refused("justering.by_missing", repo.approve, meeting.id, "  ")
    future = repo.ensure_meeting(repo.forum(meeting.forum_id), date(2026, 11, 30))
    refused("justering.not_yet", repo.approve, future.id, "Anna Berg")
    refused("justering.nothing_logged", repo.approve, 0, "Anna Berg")
    cancelled = repo.ensure_meeting(repo.forum(meeting.forum_id), date(2026, 11, 9))
    cancelled.status = CANCELLED
    repo.save_meeting(cancelled)
    refused("justering.cancelled", repo.approve, cancelled.id, "Anna Berg")


def test_approved_minutes_refuse_a_silent_change(repo: Repository) -> None:
    meeting = setup(repo)
    line = repo.entries(meeting.id)[0]
    action = repo.add_action(meeting, "Kartlägga belysningen")
    repo.approve(meeting.id, "Anna Berg")
    seq = repo.storage.seq
    error = refused("justering.locked", repo.add_entry, meeting, INFO, "Efterhandsrad")
    assert str(error) == ("Protokollet från Måndagsmöte 2026-11-16 (möte 1) är justerat 2026-11-23 av Anna Berg "
                          "och ändras inte i efterhand – gör ändringen som en rättelse med namn (i kommandoraden: "
                          "samverkan amend 1 --by NAMN).")
    line.text = "Ändrad i smyg"
    refused("justering.locked", repo.save_entry, line)
    refused("justering.locked", repo.delete_entry, line.id)
    refused("justering.locked", repo.set_attendance, meeting.id, 0, ABSENT)
    refused("justering.locked", repo.add_agenda_item, meeting.id, "Ny punkt")
    refused("justering.locked", repo.set_chair, meeting.id, "Någon")
    refused("justering.locked", repo.add_action, meeting, "Ny åtgärd")
    refused("justering.locked", repo.change_action, action.id, meeting.id, status=DONE)
    refused("justering.locked", repo.delete_action, action.id)
    assert repo.storage.seq == seq  # not one line written
    after = stored(repo, meeting.id)
    assert after.amendments == [] and after.attendance[0].status == "present"
    assert [e.text for e in repo.entries(meeting.id)] == ["Lugn helg i Ronna."]


def test_a_named_change_is_a_rattelse_with_date_and_who(repo: Repository) -> None:
    meeting = setup(repo)
    line = repo.entries(meeting.id)[0]
    action = repo.add_action(meeting, "Kartlägga belysningen")
    repo.approve(meeting.id, "Anna Berg")
    pendulum.travel_to(pendulum.datetime(2026, 11, 25, 8, 30, tz="Europe/Stockholm"), freeze=True)
    with repo.amending(meeting.id, "Johan Berg"):
        repo.add_entry(meeting, INFO, "Mötet avslutades 10:05.")
        line.text = "Lugn helg i Ronna och Hovsjö."
        repo.save_entry(line)
        repo.set_attendance(meeting.id, 1, ABSENT)
        repo.add_action(meeting, "Boka lokal")
        repo.change_action(action.id, meeting.id, status=DONE)
    after = stored(repo, meeting.id)
    assert [(a.kind, a.text, a.before, a.by, a.at.date().isoformat()) for a in after.amendments] == [
        (ENTRY_ADDED, "Mötet avslutades 10:05.", "", "Johan Berg", "2026-11-25"),
        (ENTRY_CHANGED, "Lugn helg i Ronna och Hovsjö.", "Lugn helg i Ronna.", "Johan Berg", "2026-11-25"),
        ("meeting_changed", "Johan Berg: närvarande → frånvarande", "", "Johan Berg", "2026-11-25"),
        (ACTION_ADDED, "Boka lokal", "", "Johan Berg", "2026-11-25"),
        (ACTION_CHANGED, "Kartlägga belysningen: klar", "", "Johan Berg", "2026-11-25"),
    ]
    assert after.approved_by == "Anna Berg"  # still approved: the corrections are on record
    with repo.amending(meeting.id, "Johan Berg"):
        repo.delete_entry(line.id)
    assert stored(repo, meeting.id).amendments[-1].kind == ENTRY_DELETED
    refused("justering.amend_by_missing", repo.amending(meeting.id, " ").__enter__)


def test_following_up_an_action_later_does_not_touch_its_approved_meeting(repo: Repository) -> None:
    meeting = setup(repo)
    action = repo.add_action(meeting, "Kartlägga belysningen")
    repo.approve(meeting.id, "Anna Berg")
    later = repo.ensure_meeting(repo.forum(meeting.forum_id), date(2026, 11, 23))
    repo.change_action(action.id, later.id, status=DONE)
    assert stored(repo, meeting.id).amendments == []
    assert repo.action(action.id).status == DONE


def test_saving_an_older_copy_never_undoes_the_approval(repo: Repository) -> None:
    meeting = setup(repo)
    old_copy = repo.meeting(meeting.id)
    repo.approve(meeting.id, "Anna Berg")
    old_copy.secretary = "Lena Karlsson"
    refused("justering.locked", repo.save_meeting, old_copy)
    with repo.amending(meeting.id, "Johan Berg"):
        repo.save_meeting(old_copy)
    after = stored(repo, meeting.id)
    assert after.approved_by == "Anna Berg" and after.secretary == "Lena Karlsson"
    assert [a.text for a in after.amendments] == ["Sekreterare: – → Lena Karlsson"]


def test_a_confidential_rattelse_stays_out_of_the_public_view(repo: Repository) -> None:
    meeting = setup(repo)
    repo.approve(meeting.id, "Anna Berg")
    with repo.amending(meeting.id, "Johan Berg"):
        repo.add_entry(meeting, INFO, "Namngiven elev", confidential=True)
    assert stored(repo, meeting.id).amendments[0].confidential
    public = meeting_view(repo, repo.meeting(meeting.id))
    assert public["justering"]["amendments"] == [] and "Namngiven" not in str(public)
    full = meeting_view(repo, repo.meeting(meeting.id), include_confidential=True)
    assert full["justering"]["amendments"][0]["text"] == "Namngiven elev"


def test_held_meetings_unapproved_after_a_week_are_listed(demo_repo: Repository) -> None:
    waiting = [(m.day.isoformat(), demo_repo.forum(m.forum_id).name)
               for m in demo_repo.meetings_awaiting_approval(date(2026, 11, 23))]
    assert waiting == [("2026-11-09", "Måndagsmöte Södertälje"), ("2026-11-10", "SSPF Ronnaskolan"),
                       ("2026-11-12", "Chefssamråd Södertälje"), ("2026-11-16", "Måndagsmöte Södertälje")]
    monday = demo_repo.meeting_on(demo_repo.forum_by_name("Måndagsmöte").id, date(2026, 11, 16))
    demo_repo.approve(monday.id, "Johan Berg")
    assert len(demo_repo.meetings_awaiting_approval(date(2026, 11, 23))) == 3


def test_the_minutes_say_justerat_or_not_and_list_the_rattelser(repo: Repository) -> None:
    from store.exports.minutes import minutes_markdown

    meeting = setup(repo)
    assert "\n**Ej justerat**\n" in minutes_markdown(repo, repo.meeting(meeting.id))
    repo.approve(meeting.id, "Anna Berg")
    pendulum.travel_to(pendulum.datetime(2026, 11, 25, 8, 30, tz="Europe/Stockholm"), freeze=True)
    with repo.amending(meeting.id, "Johan Berg"):
        repo.add_entry(meeting, INFO, "Mötet avslutades 10:05.")
        repo.add_entry(meeting, INFO, "Namngiven elev", confidential=True)
    text = minutes_markdown(repo, repo.meeting(meeting.id))
    assert "\n**Justerat 2026-11-23 av Anna Berg**\n" in text
    assert "## Rättelser\n\n- Rättelse 2026-11-25 (Johan Berg): tillagd rad: Mötet avslutades 10:05.\n" in text
    assert "Namngiven" not in text and "2 sekretessbelagda punkter är utelämnade." in text


def test_lines_logged_live_meet_the_same_lock(repo: Repository) -> None:
    from store.session.meeting_session import MeetingSession

    meeting = setup(repo)
    session = MeetingSession(repo, meeting.id, lambda: DAY)
    logged, _ = session.log("i Före justeringen")
    repo.approve(meeting.id, "Anna Berg")
    seq = repo.storage.seq
    refused("justering.locked", session.log, "i Efter justeringen")
    refused("justering.locked", session.edit, logged.key, "i Ändrad i smyg")
    refused("justering.locked", session.undo)
    assert repo.storage.seq == seq
    with repo.amending(meeting.id, "Johan Berg"):
        added, _ = session.log("b Rättelse: beslutet gäller från januari")
        session.edit(logged.key, "i Före justeringen, rättad")
        session.undo()  # takes back the correction: a rättelse too
    after = stored(repo, meeting.id)
    assert [(a.kind, a.text, a.before) for a in after.amendments] == [
        (ENTRY_ADDED, "Rättelse: beslutet gäller från januari", ""),
        (ENTRY_CHANGED, "Före justeringen, rättad", "Före justeringen"),
        (ENTRY_CHANGED, "Före justeringen", "Före justeringen, rättad"),
    ]
    assert {a.by for a in after.amendments} == {"Johan Berg"}
