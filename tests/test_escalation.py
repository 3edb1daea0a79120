"""Escalation between forums as store calls: SSPF → måndagsmöte → chefssamråd and the
decision back. Each test reads what landed in the store file through a second
Repository on it, as another window or the command line would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pendulum
import pytest

from store.model.constants import INFO
from store.model.forum import Cadence, Forum
from store.repository import Repository
from store.review.chain import escalated_to_json
from store.review.views import meeting_view
from store.text.i18n import UserError

SECRET = "Fritid har sett en grupp yngre elever vid gården sena kvällar."
ANONYMISED = "Yngre elever samlas vid fritidsgården sena kvällar; behov av vuxennärvaro."


@pytest.fixture
def demo(demo_repo: Repository) -> Iterator[Repository]:
    yield demo_repo


def reopened(repo: Repository) -> Repository:
    return Repository(repo.path)


def sspf_entry(repo: Repository) -> int:
    """The SSPF group's confidential line of 2026-11-10 about the youth centre."""
    ronna = repo.forum_by_name("SSPF Ronnaskolan")
    meeting = repo.meeting_on(ronna.id, date(2026, 11, 10))
    return next(e.id for e in repo.entries(meeting.id) if e.text == SECRET)


def refused(key: str, work, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as caught:
        work(*args, **kwargs)
    assert caught.value.key == key and str(caught.value) != key
    return caught.value


def test_a_confidential_line_never_travels_as_it_stands(demo: Repository) -> None:
    monday = demo.forum_by_name("Måndagsmöte")
    entry_id = sspf_entry(demo)
    seq = demo.storage.seq
    error = refused("escalation.confidential_needs_text", demo.escalate, monday.id, entry_id=entry_id)
    assert str(error) == ("Posten är sekretessbelagd och lyfts inte som den står – skriv en ny, avidentifierad "
                          "text (i kommandoraden: --text).")
    refused("escalation.confidential_same_text", demo.escalate, monday.id, entry_id=entry_id, text=f" {SECRET} ")
    assert demo.storage.seq == seq  # nothing written, not even the meeting it would land in
    with reopened(demo) as other:
        assert other.escalations() == []
        assert other.meeting_on(monday.id, date(2026, 11, 30)) is None


def test_a_bang_bang_line_of_an_open_forum_is_confidential_too(demo: Repository) -> None:
    monday = demo.forum_by_name("Måndagsmöte")
    chefs = demo.forum_by_name("Chefssamråd")
    meeting = demo.meeting_on(monday.id, date(2026, 11, 16))
    secret = demo.add_entry(meeting, INFO, "Namngiven elev hotad", confidential=True)
    refused("escalation.confidential_needs_text", demo.escalate, chefs.id, entry_id=secret.id)


def test_raised_line_lands_on_the_next_meeting_under_the_standing_item(demo: Repository) -> None:
    monday = demo.forum_by_name("Måndagsmöte")
    entry_id = sspf_entry(demo)
    seq = demo.storage.seq
    escalation = demo.escalate(monday.id, entry_id=entry_id, text=ANONYMISED, by="Maria Ek")
    assert demo.storage.seq == seq + 1  # one transaction: one journal line
    with reopened(demo) as other:
        # Today's 09:00 meeting is over (it is 10:00): the next Monday, stored from the series.
        target = other.meeting_on(monday.id, date(2026, 11, 30))
        assert target is not None and target.id == escalation.target_meeting_id
        titles = [item.title for item in target.agenda]
        assert titles == ["Lägesbild", "Helgens händelser", "Uppföljning av tidigare åtgärder",
                          "Ärenden från andra forum", "Övriga frågor"]
        [landed] = other.entries(target.id)
        assert (landed.text, landed.kind, landed.confidential) == (ANONYMISED, INFO, False)
        assert landed.agenda_key == target.agenda[3].key
        assert landed.created.strftime("%H:%M") == "09:00"  # on the agenda from the meeting's start
        stored = other.escalations()[0]
        assert (stored.origin_entry_id, stored.origin_meeting_id, stored.target_entry_id) == (
            entry_id, other.entry(entry_id).meeting_id, landed.id)
        assert stored.anonymised and stored.by == "Maria Ek"
        assert other.escalated_from(landed.id).id == stored.id
        assert [e.id for e in other.escalated_to(entry_id=entry_id)] == [stored.id]
        # The confidential original is nowhere in the receiving meeting's view.
        assert SECRET not in str(meeting_view(other, target, include_confidential=True))
    refused("escalation.already_raised", demo.escalate, monday.id, entry_id=entry_id, text=ANONYMISED)


def test_refused_raises(demo: Repository) -> None:
    monday = demo.forum_by_name("Måndagsmöte")
    meeting = demo.meeting_on(monday.id, date(2026, 11, 16))
    entry = demo.entries(meeting.id)[0]
    refused("escalation.same_forum", demo.escalate, monday.id, entry_id=entry.id)
    refused("escalation.unknown_entry", demo.escalate, monday.id, entry_id=99999)
    refused("escalation.entry_or_action", demo.escalate, monday.id)
    adhoc = demo.save_forum(Forum(name="Tillfällig grupp", municipality="Södertälje", cadence=Cadence()))
    refused("escalation.no_next_meeting", demo.escalate, adhoc.id, entry_id=entry.id)


def test_the_decision_travels_back_down_the_chain(demo: Repository) -> None:
    monday = demo.forum_by_name("Måndagsmöte")
    chefs = demo.forum_by_name("Chefssamråd")
    ronna = demo.forum_by_name("SSPF Ronnaskolan")
    first = demo.escalate(monday.id, entry_id=sspf_entry(demo), text=ANONYMISED)
    second = demo.escalate(chefs.id, entry_id=first.target_entry_id, by="Johan Berg")
    assert demo.meeting(second.target_meeting_id).day == date(2027, 2, 11)
    assert second.text == ANONYMISED and not second.anonymised  # the måndagsmöte's line is not secret
    assert demo.escalation_outcome(first) is None
    pendulum.travel_to(pendulum.datetime(2027, 2, 11, 14, 0, tz="Europe/Stockholm"), freeze=True)
    decision = demo.decide_escalation(second.id, "Kommunen finansierar nattvandring fredagar.")
    refused("escalation.already_decided", demo.decide_escalation, second.id, "igen")
    with reopened(demo) as other:
        chefs_meeting = other.meeting(second.target_meeting_id)
        stored = other.entry(decision.id)
        assert stored.meeting_id == chefs_meeting.id and stored.kind == "decision"
        assert stored.agenda_key == other.entry(second.target_entry_id).agenda_key
        # The SSPF line's link shows the chefssamråd's decision, reached through the måndagsmöte.
        [link] = escalated_to_json(other, entry_id=first.origin_entry_id)
        assert link["forum"] == "Måndagsmöte Södertälje" and link["date"] == "2026-11-30"
        assert link["decision"]["text"] == "Kommunen finansierar nattvandring fredagar."
        assert link["decision"]["forum"] == "Chefssamråd Södertälje" and link["decision"]["date"] == "2027-02-11"
        # The SSPF group's next meeting follows it up.
        next_sspf = other.next_meeting_of(ronna)
        assert next_sspf.day == date(2027, 3, 9)
        assert [e.id for e in other.escalation_follow_up(next_sspf)] == [first.id]


def test_follow_up_lists_what_awaits_and_what_was_decided_since_last_time(demo: Repository) -> None:
    monday = demo.forum_by_name("Måndagsmöte")
    chefs = demo.forum_by_name("Chefssamråd")
    meeting = demo.meeting_on(monday.id, date(2026, 11, 16))
    raised = demo.escalate(chefs.id, entry_id=demo.entries(meeting.id)[0].id)
    later = demo.ensure_meeting(monday, date(2026, 11, 30))
    assert [e.id for e in demo.escalation_follow_up(later)] == [raised.id]  # awaiting a decision
    pendulum.travel_to(pendulum.datetime(2027, 2, 11, 14, 0, tz="Europe/Stockholm"), freeze=True)
    demo.decide_escalation(raised.id, "Beslut.")
    after = demo.ensure_meeting(monday, date(2027, 2, 15))
    assert [e.id for e in demo.escalation_follow_up(after)] == [raised.id]  # decided since last Monday
    demo.ensure_meeting(monday, date(2027, 2, 22))
    much_later = demo.ensure_meeting(monday, date(2027, 3, 1))
    assert demo.escalation_follow_up(much_later) == []  # told already


def test_an_action_raised_and_decided_gets_both_in_its_history(demo: Repository) -> None:
    monday = demo.forum_by_name("Måndagsmöte")
    chefs = demo.forum_by_name("Chefssamråd")
    meeting = demo.meeting_on(monday.id, date(2026, 11, 16))
    action = next(a for a in demo.actions_of_meeting(meeting.id) if a.origin_meeting_id == meeting.id)
    escalation = demo.escalate(chefs.id, action_id=action.id)
    assert escalation.origin_action_id == action.id and escalation.text == action.text
    demo.decide_escalation(escalation.id, "Chefssamrådet avsätter medel.")
    with reopened(demo) as other:
        notes = [event.note for event in other.action(action.id).history]
        assert "Lyft till Chefssamråd Södertälje (2027-02-11)." in notes
        assert "Beslut i Chefssamråd Södertälje 2027-02-11: Chefssamrådet avsätter medel." in notes


def test_the_minutes_of_every_meeting_in_the_chain_show_the_link(demo: Repository) -> None:
    from store.exports.minutes import minutes_markdown

    monday = demo.forum_by_name("Måndagsmöte")
    chefs = demo.forum_by_name("Chefssamråd")
    ronna = demo.forum_by_name("SSPF Ronnaskolan")
    first = demo.escalate(monday.id, entry_id=sspf_entry(demo), text=ANONYMISED)
    second = demo.escalate(chefs.id, entry_id=first.target_entry_id)
    pendulum.travel_to(pendulum.datetime(2027, 2, 11, 14, 0, tz="Europe/Stockholm"), freeze=True)
    demo.decide_escalation(second.id, "Kommunen finansierar *nattvandring* fredagar.")
    sspf_meeting = demo.meeting(first.origin_meeting_id)
    full = minutes_markdown(demo, sspf_meeting, include_confidential=True)
    assert ("_Lyft till Måndagsmöte Södertälje 2026-11-30 – beslut i Chefssamråd Södertälje 2027-02-11: "
            "Kommunen finansierar \\*nattvandring\\* fredagar._") in full
    public = minutes_markdown(demo, sspf_meeting)
    assert "Lyft till" not in public and SECRET not in public  # the line and its link stay in the room
    monday_minutes = minutes_markdown(demo, demo.meeting(first.target_meeting_id))
    assert f"- {ANONYMISED} – _Lyft från SSPF Ronnaskolan 2026-11-10; Lyft till Chefssamråd" in monday_minutes
    assert SECRET not in monday_minutes
    chefs_minutes = minutes_markdown(demo, demo.meeting(second.target_meeting_id))
    assert "_Lyft från Måndagsmöte Södertälje 2026-11-30_" in chefs_minutes
    # The SSPF group's next meeting follows up what it raised.
    next_sspf = demo.ensure_meeting(ronna, date(2027, 3, 9))
    follow_up = minutes_markdown(demo, next_sspf).split("## Frågor som lyfts till andra forum")[1]
    assert follow_up.startswith(f"\n\n- {ANONYMISED} – _Lyft till Måndagsmöte Södertälje 2026-11-30 – beslut i ")
