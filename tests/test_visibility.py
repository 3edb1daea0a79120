"""Confidential stays confidential, per account: a confidential forum's lines (SSPF) and
``!!`` lines are seen only by that forum's members, on every read path of the served
app — the repository's reads, the action and search indexes, the exports, the promise
report and plan — with "include confidential" asked for or not. The command line,
with no account, sees everything as before.

Two readers: Mia is a member of SSPF Ronnaskolan and Måndagsmöte, Olle of Chefssamråd
only. Every test shows Mia sees what Olle does not, so a read that hid everything
from everyone would fail too.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from store.access.actor import READER, Actor
from store.exports.registry import AUTHORS, EXPORTS, ExportRequest
from store.model.constants import DONE
from store.repository import Repository
from store.repository.lines import LineWrite
from store.review.action_index import ActionIndex
from store.review.action_rows import ActionFilter
from store.review.promises import promise_progress
from store.review.search import SearchIndex, search
from tests.conftest import FROZEN

TODAY = FROZEN.date()
SSPF_LINE = "Fritid har sett en grupp yngre elever vid gården sena kvällar."
SSPF_ACTION = "Kalla vårdnadshavare till möte om eleven i 7B"
BANG_ENTRY = "Uppgift om en namngiven ungdom och narkotika"
BANG_ACTION = "Kontakta socialtjänsten om ungdomen på Bergvägen"
PUBLIC_ENTRY = "Lägesbilden för veckan var lugn i centrum"


@pytest.fixture
def world(demo_repo: Repository) -> SimpleNamespace:
    r = demo_repo
    w = SimpleNamespace(repo=r)
    w.sspf = r.forum_by_name("SSPF Ronnaskolan").id
    w.mon = r.forum_by_name("Måndagsmöte").id
    w.chefs = r.forum_by_name("Chefssamråd").id
    w.sspf_meeting = r.meeting_on(w.sspf, date(2026, 11, 10))
    w.sspf_entry = next(e for e in r.entries(w.sspf_meeting.id) if e.text == SSPF_LINE)
    w.promise = next(p for p in r.promises() if p.municipality == "Södertälje"
                     and (p.period_start or date.min) <= TODAY <= (p.period_end or date.max))
    # A done SSPF action that serves a promise: counted in its progress, for members.
    w.sspf_action = r.add_action(w.sspf_meeting, SSPF_ACTION, due=date(2026, 11, 12), promise_id=w.promise.id)
    r.change_action(w.sspf_action.id, w.sspf_meeting.id, status=DONE)
    w.overdue_sspf = r.add_action(w.sspf_meeting, "Följ upp närvaron", due=date(2026, 11, 16))
    w.meeting = r.ensure_meeting(r.forum(w.mon), TODAY)
    w.public = r.add_entry(w.meeting, "decision", PUBLIC_ENTRY)
    w.bang = r.add_entry(w.meeting, "decision", BANG_ENTRY, confidential=True)
    w.after = r.add_entry(w.meeting, "decision", "Nästa möte flyttas till tisdag")
    w.bang_action = r.add_action(w.meeting, BANG_ACTION, due=date(2026, 11, 1), confidential=True)
    w.member = Actor("Mia Medlem", READER, frozenset({w.sspf, w.mon}))
    w.outsider = Actor("Olle Utanför", READER, frozenset({w.chefs}))
    return w


def as_(repo: Repository, actor: Actor | None) -> Repository:
    repo.actor = actor
    return repo


def test_repository_reads(world) -> None:
    r, sspf_meeting = world.repo, world.sspf_meeting
    hidden_entries = {world.sspf_entry.id, world.bang.id}
    hidden_actions = {world.sspf_action.id, world.overdue_sspf.id, world.bang_action.id}
    counts = {}
    for actor in (world.member, world.outsider):
        as_(r, actor)
        sees = actor is world.member
        assert (SSPF_LINE in [e.text for e in r.entries(sspf_meeting.id)]) is sees
        assert (r.entry(world.sspf_entry.id) is not None) is sees
        assert (r.entry(world.bang.id) is not None) is sees
        assert (r.action(world.bang_action.id) is not None) is sees
        assert ({a.id for a in r.actions_of_meeting(sspf_meeting.id)} >= {world.sspf_action.id}) is sees
        assert ({a.id for a in r.open_actions_of_forum(world.sspf)} >= {world.overdue_sspf.id}) is sees
        assert (hidden_actions <= {int(k) for k in r.action_docs()}) is sees
        assert (hidden_entries <= {int(k) for k in r.entry_docs()}) is sees
        assert (world.sspf_action.id in {a.id for a in r.actions_of_promise(world.promise.id)}) is sees
        assert (world.overdue_sspf.id in r.active_action_ids()) is sees
        assert (r.logged_line(f"entry:{world.sspf_entry.id}") is not None) is sees
        assert (r.logged_line(f"action:{world.bang_action.id}") is not None) is sees
        counts[sees] = r.overdue_count(TODAY)
        # Olle sees Måndagsmöte's ordinary lines, and that SSPF met: not what was said.
        assert PUBLIC_ENTRY in [e.text for e in r.entries(world.meeting.id)]
        seen = r.meeting(sspf_meeting.id)
        assert seen.day == date(2026, 11, 10)
        assert bool(seen.agenda) is sees and bool(seen.attendance) is sees
    assert counts[True] >= counts[False] + 2  # at least the overdue SSPF and !! actions made here
    as_(r, None)
    assert hidden_actions <= {int(k) for k in r.action_docs()}  # the command line sees all


def test_a_rattelse_of_a_confidential_line_stays_with_the_members(world) -> None:
    r = world.repo
    r.approve(world.meeting.id, "Johan Berg")
    with r.amending(world.meeting.id, "Anna Sjöberg"):
        r.add_entry(r.meeting(world.meeting.id), "info", "Rättelse om ungdomen", confidential=True)
    as_(r, world.outsider)
    assert not [a for a in r.meeting(world.meeting.id).amendments if a.confidential]
    as_(r, world.member)
    assert [a.text for a in r.meeting(world.meeting.id).amendments if a.confidential] == ["Rättelse om ungdomen"]


def test_action_index_whatever_it_was_built_with(world) -> None:
    r = world.repo
    everything = ActionFilter(include_confidential=True)  # every status, confidential too
    index = ActionIndex(r, today=TODAY)  # built on the command line's eyes, then the account logs in
    try:
        for actor in (world.member, world.outsider):
            as_(r, actor)
            sees = actor is world.member
            ids = set(index.query(everything))
            assert (world.bang_action.id in ids) is sees and (world.overdue_sspf.id in ids) is sees
            assert (world.bang_action.id in index) is sees
            if sees:
                assert index.row(world.bang_action.id).text == BANG_ACTION
            else:
                with pytest.raises(KeyError):
                    index.row(world.bang_action.id)
                with pytest.raises(KeyError):
                    index.rows([world.overdue_sspf.id])
                with pytest.raises(KeyError):
                    index.columns([world.overdue_sspf.id])
                groups = index.groups([*ids, world.overdue_sspf.id], "forum")
                assert "SSPF Ronnaskolan" not in [g.label for g in groups]
            assert index.count(everything) == len(ids)
    finally:
        index.close()
    as_(r, world.outsider)
    with ActionIndex(r, today=TODAY) as fresh:  # built while the account is logged in
        assert world.bang_action.id not in set(fresh.query(everything))


def test_search_index_whatever_it_was_built_with(world) -> None:
    r = world.repo
    with SearchIndex(r) as index:
        index.find("elever gården", include_confidential=True)  # folded with every text
        for actor in (world.member, world.outsider):
            as_(r, actor)
            sees = actor is world.member
            hits, total = index.find("elever gården", include_confidential=True)
            assert (world.sspf_entry.id in {h.id for h in hits}) is sees
            assert bool(total) is sees
            assert bool(index.find("Bergvägen", include_confidential=True)[1]) is sees
            assert index.find("lugn i centrum")[1] == 1
    as_(r, world.outsider)
    assert search(r, "namngiven ungdom", include_confidential=True) == []


def minutes(repo: Repository, meeting, include_confidential: bool = True, authors: bool = False) -> str:
    request = ExportRequest(meeting=meeting, include_confidential=include_confidential,
                            options=frozenset({AUTHORS}) if authors else frozenset(), today=TODAY)
    return EXPORTS["minutes"].document(repo, request).decode()


def test_minutes_with_confidential_asked_for_still_leave_out_what_the_reader_may_not_see(world) -> None:
    r = world.repo
    for actor in (world.member, world.outsider):
        as_(r, actor)
        sees = actor is world.member
        sspf_text = minutes(r, r.meeting(world.sspf_meeting.id))
        assert (SSPF_LINE in sspf_text) is sees and (SSPF_ACTION in sspf_text) is sees
        text = minutes(r, r.meeting(world.meeting.id))
        assert (BANG_ENTRY in text) is sees and (BANG_ACTION in text) is sees
        assert PUBLIC_ENTRY in text
        count = EXPORTS["minutes"].count_confidential(r, ExportRequest(meeting=r.meeting(world.meeting.id)))
        assert count == (2 if sees else 0)
        # A paragraph has the same number in every copy: the hidden decision keeps its §.
        public = next(line for line in text.splitlines() if PUBLIC_ENTRY in line)
        later = next(line for line in text.splitlines() if "flyttas till tisdag" in line)
        number = int(public.split("§ ")[1].split("*")[0])
        assert f"§ {number + 2}" in later
        actions = EXPORTS["actions"].document(r, ExportRequest(include_confidential=True, today=TODAY)).decode()
        assert (BANG_ACTION in actions) is sees and ("Följ upp närvaron" in actions) is sees


def test_promise_progress_counts_only_what_the_reader_may_see(world) -> None:
    r = world.repo
    as_(r, world.member)
    member = promise_progress(r, r.promise(world.promise.id), TODAY)
    as_(r, world.outsider)
    outsider = promise_progress(r, r.promise(world.promise.id), TODAY)
    assert world.sspf_action.id in member.linked and world.sspf_action.id not in outsider.linked
    assert len(member.linked) == len(outsider.linked) + 1
    year = str(TODAY.year)
    member_report = EXPORTS["report"].document(as_(r, world.member), ExportRequest(period=year, today=TODAY))
    outsider_report = EXPORTS["report"].document(as_(r, world.outsider), ExportRequest(period=year, today=TODAY))
    assert SSPF_ACTION.encode() not in member_report + outsider_report  # published: never described
    assert member_report != outsider_report  # counted for the member only


def test_the_command_line_sees_everything(world) -> None:
    r = as_(world.repo, None)
    assert SSPF_LINE in minutes(r, r.meeting(world.sspf_meeting.id))
    assert search(r, "namngiven ungdom", include_confidential=True)


# -- the screens, as an account sees them ----------------------------------------------


async def test_meeting_screen_of_sspf_shows_a_non_member_nothing_said(world, make_app) -> None:
    from tui.screens.meeting import MeetingScreen
    from tui.widgets.meeting_log import MeetingLog

    for actor in (world.member, world.outsider):
        as_(world.repo, actor)
        app = make_app(world.repo)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.open_meeting(world.repo.meeting(world.sspf_meeting.id))
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen)
            texts = [row.text for row in app.screen.query_one(MeetingLog).rows_data]
            assert (SSPF_LINE in texts) is (actor is world.member)
            assert (SSPF_ACTION in texts) is (actor is world.member)


async def test_actions_and_search_screens_with_confidential_shown(world, make_app) -> None:
    from tests.test_tui_review import open_actions, search_for, settle
    from tui.widgets.action_table import ActionTable

    for actor in (world.member, world.outsider):
        as_(world.repo, actor)
        sees = actor is world.member
        app = make_app(world.repo)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_actions(pilot)
            await pilot.press("k")  # confidential shown
            await pilot.pause()
            shown = {row.id for row in screen.query_one(ActionTable).visible_rows()}
            assert (world.bang_action.id in shown) is sees and (world.overdue_sspf.id in shown) is sees
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            results = await search_for(pilot, "elever gården")
            await pilot.press("ctrl+t")
            await pilot.pause()
            await pilot.pause()
            snippets = [str(results.get_row_at(i)[3]) for i in range(results.row_count)]
            assert any("elever" in s for s in snippets) is sees


def test_a_line_logged_by_a_member_in_sspf_stays_there(world) -> None:
    r = as_(world.repo, Actor("Sara", "secretary", frozenset({world.sspf})))
    line = r.log_line(world.sspf_meeting.id, LineWrite("info", "Ny uppgift om eleven"))
    assert line.record.confidential  # the forum's default
    as_(r, world.outsider)
    assert r.logged_line(line.key) is None and r.entry(line.record.id) is None


def test_a_decision_the_reader_may_not_see_is_still_a_decision(world) -> None:
    """Raised from Måndagsmöte to the SSPF group and decided there: a Måndagsmöte member
    outside SSPF reads that it was decided, not what (nothing invented, nothing leaked)."""
    from store.review.chain import escalated_to_json, to_words

    r = as_(world.repo, None)
    raised = r.escalate(world.sspf, entry_id=world.public.id)
    r.decide_escalation(raised.id, "Skolan kallar till elevhälsomöte")
    as_(r, Actor("Måns Måndag", READER, frozenset({world.mon})))
    link = escalated_to_json(r, entry_id=world.public.id, include_confidential=True)[0]
    assert link["decision"]["confidential"] and link["decision"]["text"] is None
    assert "elevhälsomöte" not in to_words(link) and "beslut" in to_words(link)
    as_(r, world.member)
    link = escalated_to_json(r, entry_id=world.public.id, include_confidential=True)[0]
    assert link["decision"]["text"] == "Skolan kallar till elevhälsomöte"
