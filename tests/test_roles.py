"""Roles, enforced by the store: every public write method of the repository, tried as
a reader, as a secretary and a chair of another forum, and as a member; a refusal is
one sentence naming the role and what to ask for, and the journal is not touched.

The list of writes below is checked against the repository's public methods: a new
method must be named here as a write or as a read, so none slips past these tests.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from store.access.actor import CHAIR, READER, SECRETARY, Actor
from store.access.roles import history_step, refusal
from store.model.meeting import Attendance
from store.model.people import Organisation, Person
from store.model.promise import Promise
from store.model.signing import Signatory
from store.model.situation import CitizenDialogue, Problem
from store.repository import Repository
from store.repository.lines import LineWrite
from store.text.i18n import UserError

TODAY = date(2026, 11, 23)
Write = Callable[[Repository, Any], Any]

# Every public write, grouped by whose it is. FORUM: Måndagsmöte's (its meetings, lines,
# actions, raised matters); ADDRESS: the address book; CHAIR: the shared tables a chair
# keeps; NAMED: an outcome or evaluation recorded in a Måndagsmöte meeting.
FORUM: dict[str, Write] = {
    "ensure_meeting": lambda r, w: r.ensure_meeting(r.forum(w.mon), date(2027, 3, 1)),
    "resolve_meeting": lambda r, w: r.resolve_meeting("Måndagsmöte@2027-03-08", create=True),
    "save_meeting": lambda r, w: r.save_meeting(_with(r.meeting(w.meeting), location="Rum 2")),
    "set_attendance": lambda r, w: r.set_attendance(w.meeting, 0, "absent"),
    "cycle_attendance": lambda r, w: r.cycle_attendance(w.meeting, 1),
    "restore_attendance": lambda r, w: r.restore_attendance(w.meeting, 2, r.meeting(w.meeting).attendance[2], "excused"),
    "add_guest": lambda r, w: r.add_guest(w.meeting, "Gäst Tre"),
    "edit_guest": lambda r, w: r.edit_guest(w.meeting, w.guest_row, "Gäst Ett Rättad"),
    "insert_guest": lambda r, w: r.insert_guest(w.meeting, 0, Attendance("Gäst Fyra", guest=True)),
    "add_agenda_item": lambda r, w: r.add_agenda_item(w.meeting, "Ny punkt"),
    "move_agenda_item": lambda r, w: r.move_agenda_item(w.meeting, r.meeting(w.meeting).agenda[0].key, 1),
    "remove_agenda_item": lambda r, w: r.remove_agenda_item(w.meeting, w.spare_item),
    "set_agenda_minutes": lambda r, w: r.set_agenda_minutes(w.meeting, r.meeting(w.meeting).agenda[0].key, 15),
    "start_agenda_item": lambda r, w: r.start_agenda_item(w.meeting, r.meeting(w.meeting).agenda[0].key,
                                                          r.meeting(w.meeting).start),
    "set_chair": lambda r, w: r.set_chair(w.meeting, "Någon Annan"),
    "set_secretary": lambda r, w: r.set_secretary(w.meeting, "Sekreterare Sekretesson"),
    "mark_held": lambda r, w: r.mark_held(w.meeting),
    "set_justerare": lambda r, w: r.set_justerare(w.past, "Bo Justerare"),
    "approve": lambda r, w: r.approve(w.past, "Bo Justerare"),
    "add_entry": lambda r, w: r.add_entry(r.meeting(w.meeting), "info", "En ny anteckning"),
    "save_entry": lambda r, w: r.save_entry(_with(r.entry(w.entry_a), text="Rättad anteckning")),
    "add_action": lambda r, w: r.add_action(r.meeting(w.meeting), "En ny åtgärd"),
    "change_action": lambda r, w: r.change_action(w.action_a, w.meeting, status="in_progress"),
    "change_actions": lambda r, w: r.change_actions([w.action_c], "done", note="Klart"),
    "revert_action_change": lambda r, w: r.revert_action_change(w.action_b, w.action_b_len, "open", None),
    "save_action": lambda r, w: r.save_action(_with(r.action(w.action_d), text="Rättad åtgärd")),
    "log_line": lambda r, w: r.log_line(w.meeting, LineWrite("info", "Loggad rad")),
    "rewrite_line": lambda r, w: r.rewrite_line("entries", w.line1.record.id, LineWrite("decision", "Omskriven"),
                                                w.line1.stored),
    "restore_line": lambda r, w: r.restore_line(w.line2, w.line2b),
    "escalate": lambda r, w: r.escalate(w.chefs, entry_id=w.entry_c, text=None),
    "decide_escalation": lambda r, w: r.decide_escalation(w.incoming, "Beslut: vi tar det"),
    "remove_guest": lambda r, w: r.remove_guest(w.meeting, w.guest_row2),
    "take_back_line": lambda r, w: r.take_back_line(w.line3),
    "delete_entry": lambda r, w: r.delete_entry(w.entry_b),
    "delete_action": lambda r, w: r.delete_action(w.action_e),
}
ADDRESS: dict[str, Write] = {
    "save_organisation": lambda r, w: r.save_organisation(Organisation("Bostadsbolaget")),
    "save_person": lambda r, w: r.save_person(Person("Ny Person")),
}
CHAIR_WRITES: dict[str, Write] = {
    "save_forum": lambda r, w: r.save_forum(r.forum(w.mon)),
    "save_promise": lambda r, w: r.save_promise(_with(r.promise(w.promise), comments="Kommentar")),
    "save_promises": lambda r, w: r.save_promises([Promise("Ett nytt löfte", "Södertälje")]),
    "save_agreement": lambda r, w: r.save_agreement(r.agreements()[0]),
    "add_activity": lambda r, w: r.add_activity(r.agreements()[0].id, "Ny aktivitet"),
    "sign_agreement": lambda r, w: r.sign_agreement(r.agreements()[0].id, [Signatory("Anna Undertecknare")]),
    "sign_promise": lambda r, w: r.sign_promise(w.promise, [Signatory("Anna Undertecknare")]),
    "save_problem": lambda r, w: r.save_problem(Problem("Buskörning", "Södertälje", 2026)),
    "link_problem": lambda r, w: r.link_problem(w.problem, "promise", w.promise),
    "unlink_problem": lambda r, w: r.unlink_problem(w.linked, "promise", w.promise),
    "set_problem_links": lambda r, w: r.set_problem_links(w.problem, [("promise", w.promise, None)]),
    "delete_problem": lambda r, w: r.delete_problem(w.spare_problem),
    "save_situation_picture": lambda r, w: r.save_situation_picture("Södertälje", 2026, analysis="Analys"),
    "save_dialogue": lambda r, w: r.save_dialogue(CitizenDialogue("Södertälje", 2026, place="Hovsjö")),
    "decide_plan": lambda r, w: r.decide_plan("Södertälje", 2026, "Kommunstyrelsen", TODAY),
    "add_outcome": lambda r, w: r.add_outcome(w.promise, 1, "En insats"),
    "evaluate": lambda r, w: r.evaluate(w.promise, "done", "Alla insatser gjordes"),
    "record_publication": lambda r, w: r.record_publication("report", "2026", "kommunens webbplats"),
    "delete_outcome": lambda r, w: r.delete_outcome(w.outcome),
}
NAMED: dict[str, Write] = {
    "add_outcome": lambda r, w: r.add_outcome(w.promise, 1, "I mötet", meeting_id=w.meeting),
    "evaluate": lambda r, w: r.evaluate(w.promise, "partly", "Hälften gjordes", meeting_id=w.meeting),
    "delete_outcome": lambda r, w: r.delete_outcome(w.meeting_outcome),
}
WRITES = {**FORUM, **ADDRESS, **CHAIR_WRITES}
# What changes no record: state of this session (amending), or nothing at all.
NOT_WRITES = {
    "action", "action_docs", "action_plan", "action_plans", "actions_of_meeting", "actions_of_promise",
    "active_action_ids", "agreement", "agreements", "all_action_plans", "amender", "amending", "attendance_for",
    "begin_amending", "broken_references", "chair_for", "check_measure", "close", "decision_places", "dialogue",
    "line_places",
    "dialogues", "end_amending", "entries", "entry", "entry_docs", "escalated_from", "escalated_to",
    "escalation", "escalation_follow_up", "escalation_outcome", "escalations", "evaluation", "evaluations",
    "find_owner", "find_promise", "for_app", "forum", "forum_by_name", "forums", "held_or_planned_on",
    "history_doc", "history_loaded", "history_tables", "load_history", "logged_line", "may_see", "may_see_in_meeting",
    "may_see_line", "measure", "measures",
    "measures_of_problem", "meeting", "meeting_chair", "meeting_on", "meeting_ref", "meetings_awaiting_approval",
    "meetings_between", "meetings_of_forum", "memory", "municipality_name", "nearest_meeting_days",
    "next_meeting_of", "open_actions_of_forum", "organisation", "organisations", "outcome", "outcome_docs",
    "outcomes", "overdue_count", "people", "person", "problem", "problems", "problems_of", "promise", "promise_docs", "promise_links",
    "promise_in_force", "promises", "promises_in_force", "publications", "read_history_summaries",
    "read_only_reason", "refresh",
    "sees_everything", "shadowed", "situation_picture", "situation_pictures", "subscribe", "transaction", "writer",
}


def _with(model, **changes):
    for name, value in changes.items():
        setattr(model, name, value)
    return model


@pytest.fixture
def world(demo_repo: Repository) -> SimpleNamespace:
    """The demo store and, made by the operator, one of everything the writes need."""
    r = demo_repo
    w = SimpleNamespace()
    w.mon, w.chefs = r.forum_by_name("Måndagsmöte").id, r.forum_by_name("Chefssamråd").id
    w.trafik, w.sspf = r.forum_by_name("Trafiksäkerhetsråd").id, r.forum_by_name("SSPF Ronnaskolan").id
    meeting = r.ensure_meeting(r.forum(w.mon), TODAY)
    w.meeting = meeting.id
    w.past = next(m.id for m in r.meetings_of_forum(w.mon) if m.day < TODAY and m.approved_at is None)
    entries = [r.add_entry(meeting, "info", f"Anteckning {n}").id for n in "abc"]
    w.entry_a, w.entry_b, w.entry_c = entries
    actions = [r.add_action(meeting, f"Åtgärd {n}").id for n in "abcde"]
    w.action_a, w.action_b, w.action_c, w.action_d, w.action_e = actions
    w.action_b_len = len(r.change_action(w.action_b, w.meeting, status="in_progress").history)
    w.guest_row = len(r.add_guest(w.meeting, "Gäst Ett").attendance) - 1
    w.guest_row2 = len(r.add_guest(w.meeting, "Gäst Två").attendance) - 1
    w.spare_item = max(i.key for i in r.add_agenda_item(w.meeting, "Reservpunkt").agenda)
    w.line1 = r.log_line(w.meeting, LineWrite("info", "Rad ett"))
    w.line2 = r.log_line(w.meeting, LineWrite("info", "Rad två"))
    w.line2b = r.rewrite_line("entries", w.line2.record.id, LineWrite("info", "Rad två rättad"), w.line2.stored)
    w.line3 = r.log_line(w.meeting, LineWrite("info", "Rad tre"))
    chefs_meeting = r.ensure_meeting(r.forum(w.chefs), r.next_meeting_of(r.forum(w.chefs)).day)
    raised_here = r.add_entry(chefs_meeting, "info", "Fråga till måndagsmötet")
    # Raised from Chefssamråd to Måndagsmöte's next meeting: today's, not over yet.
    w.incoming = r.escalate(w.mon, entry_id=raised_here.id).id
    w.promise = r.promises()[0].id
    w.problem = r.save_problem(Problem("Nedskräpning", "Södertälje", 2026)).id
    w.linked = r.save_problem(Problem("Klotter", "Södertälje", 2026), [("promise", w.promise, None)]).id
    w.spare_problem = r.save_problem(Problem("Reserv", "Södertälje", 2026)).id
    w.outcome = r.add_outcome(w.promise, 1, "Ett utfall").id
    w.meeting_outcome = r.add_outcome(w.promise, 1, "Ett utfall i mötet", meeting_id=w.meeting).id
    return w


def journal(repo: Repository) -> bytes:
    return repo.path.with_name(repo.path.name + ".journal").read_bytes()


def refused(repo: Repository, world: SimpleNamespace, name: str, write: Write) -> UserError:
    before = journal(repo)
    with pytest.raises(UserError) as error:
        write(repo, world)
    assert journal(repo) == before, f"{name} wrote to the store before it was refused"
    return error.value


def test_every_public_write_method_is_tried_here() -> None:
    public = {name for name, value in inspect.getmembers(Repository)
              if not name.startswith("_") and (callable(value) or isinstance(value, property))}
    assert public - NOT_WRITES == set(WRITES)
    assert not set(WRITES) & NOT_WRITES


def test_a_reader_writes_nothing_at_all(world, demo_repo: Repository) -> None:
    demo_repo.actor = Actor("Cia Läsare", READER, frozenset({world.mon}))  # a member, but a reader
    for name, write in {**WRITES, **{f"{n} (in a meeting)": w for n, w in NAMED.items()}}.items():
        error = refused(demo_repo, world, name, write)
        assert error.key == "access.read_only", name
        assert str(error).startswith("Cia Läsare har rollen läsare") and "be en sekreterare eller ordförande" \
            in str(error)


def test_a_secretary_of_another_forum_writes_nothing_of_mandagsmotet(world, demo_repo: Repository) -> None:
    demo_repo.actor = Actor("Sara Sekreterare", SECRETARY, frozenset({world.trafik}))
    for name, write in {**FORUM, **CHAIR_WRITES, **{f"{n} (in a meeting)": w for n, w in NAMED.items()}}.items():
        error = refused(demo_repo, world, name, write)
        assert error.key in ("access.not_member", "access.chair_only"), (name, error.key)
        assert "Sara Sekreterare är sekreterare" in str(error)
        if error.key == "access.not_member":
            assert "i Trafiksäkerhetsråd Strängnäs och kan inte skriva i" in str(error), name
            assert "be en sekreterare eller ordförande i" in str(error)
        else:
            assert "be en ordförande" in str(error), name
    sentence = str(refused(demo_repo, world, "add_entry", FORUM["add_entry"]))
    assert sentence == ("Sara Sekreterare är sekreterare i Trafiksäkerhetsråd Strängnäs och kan inte skriva i "
                        "Måndagsmöte Södertälje – be en sekreterare eller ordförande i Måndagsmöte Södertälje "
                        "göra det.")
    for write in ADDRESS.values():  # the address book is everyone's who logs
        write(demo_repo, world)
    assert {"Bostadsbolaget"} <= {o.name for o in demo_repo.organisations()}


def test_a_secretary_writes_everything_of_their_own_forum(world, demo_repo: Repository) -> None:
    demo_repo.actor = Actor("Sara Sekreterare", SECRETARY, frozenset({world.mon}))
    before = len(journal(demo_repo))
    for name, write in {**FORUM, **ADDRESS, **NAMED}.items():
        grown = len(journal(demo_repo))
        write(demo_repo, world)
        assert len(journal(demo_repo)) > grown, f"{name} wrote nothing"
    assert len(journal(demo_repo)) > before
    landed = demo_repo.escalated_to(entry_id=world.entry_c)[0]  # raised into Chefssamråd's meeting
    assert demo_repo.forum(landed.target_forum_id).name.startswith("Chefssamråd")
    for name, write in CHAIR_WRITES.items():
        assert refused(demo_repo, world, name, write).key == "access.chair_only", name


def test_a_chair_of_another_forum_follows_up_actions_but_does_not_log(world, demo_repo: Repository) -> None:
    demo_repo.actor = Actor("Erik Ordförande", CHAIR, frozenset({world.trafik}))
    review = ("change_action", "change_actions", "revert_action_change")
    for name, write in FORUM.items():
        if name in review:
            continue
        error = refused(demo_repo, world, name, write)
        assert error.key == "access.not_member", (name, error.key)
        assert "Erik Ordförande är ordförande i Trafiksäkerhetsråd Strängnäs" in str(error)
    for name in review:  # the review work: status, due date, note, taken back
        FORUM[name](demo_repo, world)
    history = demo_repo.action(world.action_a).history
    assert history[-1].status == "in_progress" and history[-1].by == "Erik Ordförande"
    # ...but not the action's text, which is the forum's record.
    assert refused(demo_repo, world, "save_action", FORUM["save_action"]).key == "access.not_member"
    assert refused(demo_repo, world, "save_forum", CHAIR_WRITES["save_forum"]).key == "access.not_member"
    for name, write in {**CHAIR_WRITES, **ADDRESS, **NAMED}.items():
        if name != "save_forum":
            write(demo_repo, world)
    demo_repo.save_forum(_with(demo_repo.forum(world.trafik), location="Stadshuset"))


def test_a_chair_of_the_forum_writes_its_meetings(world, demo_repo: Repository) -> None:
    demo_repo.actor = Actor("Erik Ordförande", CHAIR, frozenset({world.mon}))
    for name in ("add_entry", "log_line", "set_attendance", "approve", "save_action"):
        FORUM[name](demo_repo, world)
    CHAIR_WRITES["save_forum"](demo_repo, world)


def test_raising_to_another_forum_needs_the_raising_forum(world, demo_repo: Repository) -> None:
    """The matter lands in the receiving forum's meeting only as part of a raise by a
    member of the forum it comes from; the decision is the receiving forum's, and its
    note on a raised action reaches the raising forum's action."""
    demo_repo.actor = Actor("Chefssekreteraren", SECRETARY, frozenset({world.chefs}))
    error = refused(demo_repo, world, "escalate", FORUM["escalate"])  # a Måndagsmöte entry
    assert error.key == "access.not_member" and "Måndagsmöte" in str(error)
    demo_repo.actor = None
    action = demo_repo.add_action(demo_repo.meeting(world.meeting), "Lyft till chefssamrådet")
    demo_repo.actor = Actor("Måndagssekreteraren", SECRETARY, frozenset({world.mon}))
    raised = demo_repo.escalate(world.chefs, action_id=action.id)
    assert raised.by == "Måndagssekreteraren"
    demo_repo.actor = Actor("Chefssekreteraren", SECRETARY, frozenset({world.chefs}))
    demo_repo.decide_escalation(raised.id, "Chefssamrådet tar frågan")
    demo_repo.actor = None
    notes = [e.note for e in demo_repo.action(action.id).history]
    assert any("Chefssamrådet tar frågan" in note for note in notes)
    assert demo_repo.action(action.id).history[-1].by == "Chefssekreteraren"


def test_the_command_line_has_no_actor_and_no_limit(world, demo_repo: Repository) -> None:
    assert demo_repo.actor is None
    for write in (FORUM["add_entry"], CHAIR_WRITES["save_promises"], NAMED["add_outcome"]):
        write(demo_repo, world)


# -- the rule itself, without a store ------------------------------------------------


def forum_of(meeting_id: int | None) -> int | None:
    return {10: 1, 20: 2}.get(meeting_id or 0)


@pytest.mark.parametrize(("actor", "table", "old", "new", "key"), [
    (Actor("R", READER, frozenset({1})), "people", None, {"name": "X"}, "access.read_only"),
    (Actor("S", SECRETARY, frozenset({1})), "people", None, {"name": "X"}, None),
    (Actor("S", SECRETARY, frozenset({1})), "entries", None, {"meeting_id": 10}, None),
    (Actor("S", SECRETARY, frozenset({1})), "entries", None, {"meeting_id": 20}, "access.not_member"),
    # An entry moved from a meeting of forum 1 to one of forum 2 touches both.
    (Actor("S", SECRETARY, frozenset({1})), "entries", {"meeting_id": 10}, {"meeting_id": 20}, "access.not_member"),
    (Actor("S", SECRETARY, frozenset({1})), "actions", None, {"origin_meeting_id": None}, "access.no_forum"),
    (Actor("C", CHAIR, frozenset()), "actions", None, {"origin_meeting_id": None}, None),
    (Actor("S", SECRETARY, frozenset({1})), "meetings", None, {"forum_id": 2}, "access.not_member"),
    (Actor("S", SECRETARY, frozenset({1})), "promises", None, {"text": "L"}, "access.chair_only"),
    (Actor("C", CHAIR, frozenset()), "promises", None, {"text": "L"}, None),
    (Actor("C", CHAIR, frozenset()), "forums", None, {"name": "Nytt"}, None),
    (Actor("S", SECRETARY, frozenset({1})), "outcomes", None, {"meeting_id": 10}, None),
    (Actor("S", SECRETARY, frozenset({1})), "outcomes", None, {"meeting_id": None}, "access.chair_only"),
    (Actor("S", SECRETARY, frozenset({1})), "escalations", None, {"origin_forum_id": 1, "target_forum_id": 2}, None),
    (Actor("S", SECRETARY, frozenset({2})), "escalations", None, {"origin_forum_id": 1, "target_forum_id": 2},
     "access.not_member"),
    (Actor("S", SECRETARY, frozenset({2})), "escalations", {"origin_forum_id": 1, "target_forum_id": 2},
     {"origin_forum_id": 1, "target_forum_id": 2, "decision_entry_id": 5}, None),
])
def test_the_rule_per_role_and_table(actor, table, old, new, key) -> None:
    answer = refusal(actor, table, 0, old, new, forum_of)
    assert (answer.key if answer else None) == key


def test_a_follow_up_in_a_meeting_of_ones_own_forum() -> None:
    """An action of forum 1 handled in a meeting of forum 2: a member of forum 2 writes
    the history line (status, due date, note), and nothing else of the action."""
    old = {"text": "T", "origin_meeting_id": 10, "status": "open", "history": [{"meeting_id": 10}]}
    step = {**old, "status": "done", "history": [{"meeting_id": 10}, {"meeting_id": 20, "status": "done"}]}
    secretary = Actor("S", SECRETARY, frozenset({2}))
    assert refusal(secretary, "actions", 1, old, step, forum_of) is None
    assert refusal(secretary, "actions", 1, step, old, forum_of) is None  # taken back
    assert history_step(old, {**step, "text": "Ändrad"}) is None
    assert refusal(secretary, "actions", 1, old, {**step, "text": "Ändrad"}, forum_of).key == "access.not_member"
    elsewhere = {**step, "history": [{"meeting_id": 10}, {"meeting_id": None, "status": "done"}]}
    assert refusal(secretary, "actions", 1, old, elsewhere, forum_of).key == "access.not_member"
    assert refusal(Actor("C", CHAIR, frozenset()), "actions", 1, old, elsewhere, forum_of) is None
