"""The chair's review: action filters, sorting, grouping and bulk change; promise
progress and its at-risk rule; and the ``actions`` / ``promises`` command lines.

Today is frozen at Monday 2026-11-23 (ISO week 48): 2026 is 327/365 = 0.896 gone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pendulum
import pytest

from store.model.constants import DONE, FIRE, IN_PROGRESS, MUNICIPALITY, OPEN, POLICE, STRUCK
from store.model.forum import Forum
from store.model.people import Organisation, Person
from store.model.promise import Promise, Target
from store.repository import Repository
from store.review.action_index import ActionIndex
from store.review.action_rows import ActionFilter
from store.review.lookup import find_organisation, resolve_owner
from store.review.promises import (
    elapsed_fraction,
    promise_progress,
    promise_rows,
    promise_state,
    target_total,
)
from store.review.views import action_json
from store.rules.periods import parse_period
from store.text.i18n import UserError, t
from tui.cli.main import main

TODAY = date(2026, 11, 23)


@dataclass
class World:
    repo: Repository
    ids: dict[str, int]  # action name -> id
    people: dict[str, int]
    orgs: dict[str, int]
    forums: dict[str, int]
    promises: dict[str, int]


def build_world(repo: Repository) -> World:
    """A small Södertälje: two forums, four owners, three promises, nine actions."""
    orgs = {
        name: repo.save_organisation(Organisation(name=name, kind=kind, municipality="Södertälje")).id
        for name, kind in (
            ("Polisen Södertälje", POLICE),
            ("Södertälje kommun", MUNICIPALITY),
            ("Södertörns brandförsvarsförbund", FIRE),
        )
    }
    people = {
        name: repo.save_person(Person(name=name, organisation_id=orgs[org])).id
        for name, org in (
            ("Johan Berg", "Polisen Södertälje"),
            ("Amira Haddad", "Södertälje kommun"),
            ("Örjan Åberg", "Södertälje kommun"),
            ("Ali Yilmaz", "Södertörns brandförsvarsförbund"),
        )
    }
    monday = repo.save_forum(Forum(name="Måndagsmöte Södertälje", municipality="Södertälje"))
    sspf = repo.save_forum(Forum(name="SSPF Ronnaskolan", municipality="Södertälje", confidential_default=True))
    forums = {"monday": monday.id, "sspf": sspf.id}
    year = {"period_label": "2026", "period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}
    promises = {
        "walks": repo.save_promise(Promise(
            text="Minst fyra trygghetsvandringar", municipality="Södertälje",
            parties=[POLICE, MUNICIPALITY], target=Target(4), focus_area="Trygghet", **year)).id,
        "jobs": repo.save_promise(Promise(
            text="Fler sommarjobb för unga", municipality="Södertälje", parties=[MUNICIPALITY], **year)).id,
        "visits": repo.save_promise(Promise(
            text="Besöka fritidsgårdarna 1 gång i månaden", municipality="Södertälje",
            parties=[POLICE], target=Target(1, "month"), **year)).id,
    }
    m1 = repo.ensure_meeting(monday, date(2026, 11, 2))
    m2 = repo.ensure_meeting(monday, date(2026, 11, 16))
    s1 = repo.ensure_meeting(sspf, date(2026, 11, 10))
    rows = [
        # name, meeting, text, owner, due, promise, status
        ("lights", m1, "Kartlägga belysningen i Bårsta", "Amira Haddad", date(2026, 11, 20), "walks", OPEN),
        ("graffiti", m1, "Kontakta bostadsbolaget om klotter | trapphus", "Johan Berg", date(2026, 11, 27), None, IN_PROGRESS),
        ("walk1", m1, "Trygghetsvandring i Ronna", "Johan Berg", date(2026, 3, 1), "walks", DONE),
        ("walk2", m2, "Trygghetsvandring i Hovsjö", "Amira Haddad", date(2026, 6, 1), "walks", DONE),
        ("sign", m2, "Se över skyltning vid skolan", "Örjan Åberg", None, None, OPEN),
        ("summer", m2, "Sommarjobb: kontakta företagen", "Ali Yilmaz", date(2026, 12, 1), "jobs", OPEN),
        ("summer2", m2, "Sommarjobb: ansökningar", "Amira Haddad", date(2026, 5, 1), "jobs", DONE),
        ("old", m1, "Gammal punkt", "Ali Yilmaz", date(2026, 10, 1), None, STRUCK),
        ("pupil", s1, "Följa upp elev i årskurs 8", "Johan Berg", date(2026, 11, 18), None, OPEN),
    ]
    ids = {}
    for name, meeting, text, owner, due, promise, status in rows:
        action = repo.add_action(
            meeting, text, owner_person_id=people[owner], due=due,
            promise_id=promises[promise] if promise else None,
        )
        if status != OPEN:
            repo.change_action(action.id, meeting.id, status=status,
                               note="Inte längre aktuell." if status == STRUCK else "")
        ids[name] = action.id
    return World(repo, ids, people, orgs, forums, promises)


@pytest.fixture
def world(repo: Repository) -> World:
    return build_world(repo)


@pytest.fixture
def index(world: World):
    with ActionIndex(world.repo) as built:
        yield built


def names(world: World, ids: list[int]) -> list[str]:
    by_id = {v: k for k, v in world.ids.items()}
    return [by_id[i] for i in ids]


# ------------------------------------------------------------------ filters


def test_default_lists_every_action_but_the_confidential_one(world: World, index: ActionIndex) -> None:
    assert set(names(world, index.query())) == set(world.ids) - {"pupil"}
    everything = index.query(ActionFilter(include_confidential=True))
    assert set(names(world, everything)) == set(world.ids)
    assert index.row(world.ids["pupil"]).confidential is True


def test_hidden_counts_only_the_confidential_ones_the_filter_would_list(world: World, index: ActionIndex) -> None:
    """What `samverkan actions` says under its table: "Sekretessbelagda åtgärder som
    inte visas: N", counted by the same filter in the same pass."""
    ids, hidden = index.query_and_hidden(ActionFilter(text="elev"))
    assert (ids, hidden) == ([], 1)
    ids, hidden = index.query_and_hidden(ActionFilter(text="belysningen"))
    assert (names(world, ids), hidden) == (["lights"], 0)
    ids, hidden = index.query_and_hidden(ActionFilter(status={OPEN}))
    assert (sorted(names(world, ids)), hidden) == (["lights", "sign", "summer"], 1)
    ids, hidden = index.query_and_hidden(ActionFilter(status={OPEN}, include_confidential=True))
    assert (sorted(names(world, ids)), hidden) == (["lights", "pupil", "sign", "summer"], 0)
    assert index.query(ActionFilter(status={OPEN}), sort="owner") == index.query_and_hidden(
        ActionFilter(status={OPEN}), sort="owner")[0]


@pytest.mark.parametrize("descending", [False, True])
def test_a_small_list_sorted_on_its_own_is_in_the_kept_orders_order(world: World, descending: bool) -> None:
    """A list of under half the actions, with no order kept for its column, sorts just
    its own keys (`samverkan actions --text`): the same ids in the same order as the
    column's whole permutation gives, empty values last both ways."""
    import random

    from store.review.action_rows import SORT_COLUMNS

    chooser = random.Random(7)
    with ActionIndex(world.repo) as fresh, ActionIndex(world.repo) as kept:
        n = len(world.ids)
        for column in SORT_COLUMNS:
            for _ in range(20):
                mask = [chooser.random() < 0.35 for _ in range(n)]
                if 2 * sum(mask) >= n:
                    continue
                once = fresh.ordered(column, mask, descending)
                assert column not in fresh._orders  # sorted on its own, nothing kept
                assert once == kept._order(column).select(mask, descending), column


def test_active_overdue_and_this_week(world: World, index: ActionIndex) -> None:
    active = index.query(ActionFilter(status={"active"}))
    assert set(names(world, active)) == {"lights", "graffiti", "sign", "summer"}
    # Overdue: active and due before Monday 23 November; done/struck ones never are.
    assert names(world, index.query(ActionFilter(overdue=True))) == ["lights"]
    assert names(world, index.query(ActionFilter(overdue=True, include_confidential=True))) == ["pupil", "lights"]
    # ISO week 48 runs Monday 23 to Sunday 29 November.
    assert names(world, index.query(ActionFilter(due_this_week=True))) == ["graffiti"]
    assert names(world, index.query(ActionFilter(status={DONE}))) == ["walk1", "summer2", "walk2"]
    assert names(world, index.query(ActionFilter(status={STRUCK, IN_PROGRESS}), sort="id")) == ["graffiti", "old"]


def test_forum_organisation_owner_promise_and_text(world: World, index: ActionIndex) -> None:
    by_forum = index.query(ActionFilter(forum_id=world.forums["sspf"], include_confidential=True))
    assert names(world, by_forum) == ["pupil"]
    assert index.query(ActionFilter(forum_id=world.forums["sspf"])) == []
    kommun = index.query(ActionFilter(organisation_id=world.orgs["Södertälje kommun"]), sort="id")
    assert names(world, kommun) == ["lights", "walk2", "sign", "summer2"]
    johan = index.query(ActionFilter(owner_person_id=world.people["Johan Berg"]), sort="id")
    assert names(world, johan) == ["graffiti", "walk1"]
    walks = index.query(ActionFilter(promise_id=world.promises["walks"]), sort="id")
    assert names(world, walks) == ["lights", "walk1", "walk2"]
    # Every word, in any case, anywhere in the text.
    assert names(world, index.query(ActionFilter(text="TRYGGHETSVANDRING hovsjö"))) == ["walk2"]
    assert names(world, index.query(ActionFilter(text="sommarjobb", status={"active"}))) == ["summer"]


def test_unknown_status_is_one_sentence(index: ActionIndex) -> None:
    with pytest.raises(UserError) as error:
        index.query(ActionFilter(status={"klar"}))
    assert "klar" in str(error.value)


# ------------------------------------------------------------------ sorting


def test_sort_by_due_keeps_empty_due_dates_last_both_ways(world: World, index: ActionIndex) -> None:
    active = ActionFilter(status={"active"})
    assert names(world, index.query(active, sort="due")) == ["lights", "graffiti", "summer", "sign"]
    assert names(world, index.query(active, sort="due", descending=True)) == ["summer", "graffiti", "lights", "sign"]


def test_sort_by_owner_is_swedish_alphabetical_then_due(world: World, index: ActionIndex) -> None:
    ordered = [index.row(i).owner for i in index.query(sort="owner")]
    assert ordered == [
        "Ali Yilmaz", "Ali Yilmaz", "Amira Haddad", "Amira Haddad", "Amira Haddad",
        "Johan Berg", "Johan Berg", "Örjan Åberg",
    ]
    # Within one owner the earliest due date comes first.
    amira = [a for a in index.query(sort="owner") if index.row(a).owner == "Amira Haddad"]
    assert names(world, amira) == ["summer2", "walk2", "lights"]
    assert index.row(index.query(sort="owner", descending=True)[0]).owner == "Örjan Åberg"


def test_sort_by_status_overdue_id_and_text(world: World, index: ActionIndex) -> None:
    statuses = [index.row(i).status for i in index.query(sort="status")]
    assert statuses == [OPEN] * 3 + [IN_PROGRESS] + [DONE] * 3 + [STRUCK]
    assert names(world, index.query(sort="overdue"))[0] == "lights"
    assert index.query(sort="id", descending=True) == sorted(
        (i for n, i in world.ids.items() if n != "pupil"), reverse=True
    )
    texts = [index.row(i).text for i in index.query(sort="text")]
    assert texts[0] == "Gammal punkt" and texts[-1] == "Trygghetsvandring i Ronna"
    with pytest.raises(UserError):
        index.query(sort="färg")


# ------------------------------------------------------------------ rows and groups


def test_rows_say_what_action_json_says(world: World, index: ActionIndex) -> None:
    for action_id in index.query(ActionFilter(include_confidential=True)):
        row = index.row(action_id).to_json()
        assert row.pop("week") == (row["due"] and date.fromisoformat(row["due"]).isocalendar().week or None)
        assert row == action_json(world.repo, world.repo.action(action_id), TODAY)
    lights = index.row(world.ids["lights"])
    assert (lights.owner, lights.organisation, lights.forum, lights.due, lights.overdue) == (
        "Amira Haddad", "Södertälje kommun", "Måndagsmöte Södertälje", date(2026, 11, 20), True,
    )
    cols = index.columns([world.ids["sign"], world.ids["lights"]])
    assert cols.owner == ["Örjan Åberg", "Amira Haddad"]
    assert cols.due == [None, 20261120] and cols.overdue == [False, True]


def test_groups_count_and_put_the_empty_group_last(world: World, index: ActionIndex) -> None:
    everything = index.query()
    by_owner = index.groups(everything, "owner")
    assert [(g.label, g.count) for g in by_owner] == [
        ("Amira Haddad", 3), ("Ali Yilmaz", 2), ("Johan Berg", 2), ("Örjan Åberg", 1),
    ]
    by_promise = index.groups(everything, "promise")
    assert [g.count for g in by_promise] == [3, 2, 3]
    assert by_promise[-1].key is None and by_promise[-1].label == t("review.group.no_promise")
    by_org = index.groups(index.query(ActionFilter(status={"active"})), "organisation", order="label")
    assert [(g.label, g.count) for g in by_org] == [
        ("Polisen Södertälje", 1), ("Södertälje kommun", 2), ("Södertörns brandförsvarsförbund", 1),
    ]
    grouped = index.grouped(index.query(sort="due"), "forum")
    assert [(g.label, len(ids)) for g, ids in grouped] == [("Måndagsmöte Södertälje", 8)]
    assert [(g.label, g.count) for g in index.groups(everything, "status", order="label")] == [
        ("öppen", 3), ("pågår", 1), ("klar", 3), ("struken", 1),
    ]


# ------------------------------------------------------------------ bulk change and updates


def test_bulk_change_is_one_commit_with_a_history_line_each(world: World, index: ActionIndex) -> None:
    repo = world.repo
    before = repo.storage.seq
    targets = [world.ids["lights"], world.ids["graffiti"], world.ids["walk1"]]  # walk1 is already done
    changed = repo.change_actions(targets, DONE, note="Avklarat på mötet")
    assert changed == 2
    assert repo.storage.seq == before + 1  # one transaction: one journal line
    lights = repo.action(world.ids["lights"])
    assert lights.status == DONE
    assert (lights.history[-1].status, lights.history[-1].note) == (DONE, "Avklarat på mötet")
    assert len(repo.action(world.ids["walk1"]).history) == 2  # untouched: open + done
    # The index heard the commit: no rebuild needed.
    assert names(world, index.query(ActionFilter(status={"active"}), sort="owner")) == ["summer", "sign"]
    assert index.row(world.ids["lights"]).overdue is False


def test_bulk_change_with_an_unknown_id_changes_nothing(world: World) -> None:
    repo = world.repo
    with pytest.raises(UserError):
        repo.change_actions([world.ids["lights"], 9999], DONE)
    assert repo.action(world.ids["lights"]).status == OPEN
    with pytest.raises(UserError):
        repo.change_actions([world.ids["lights"]], "klar")


def test_an_action_is_struck_only_with_a_reason(world: World) -> None:
    repo = world.repo
    lights = world.ids["lights"]
    with pytest.raises(UserError) as refused:
        repo.change_action(lights, status=STRUCK)
    assert refused.value.key == "repo.cancel_needs_note"
    with pytest.raises(UserError):
        repo.change_action(lights, status=STRUCK, note="   ")
    with pytest.raises(UserError) as many:
        repo.change_actions([lights, world.ids["sign"]], STRUCK)
    assert many.value.key == "repo.cancel_needs_note_many"
    assert repo.action(lights).status == OPEN and repo.action(world.ids["sign"]).status == OPEN
    struck = repo.change_action(lights, status=STRUCK, note="Ersatt av åtgärd 150")
    assert (struck.status, struck.history[-1].note) == (STRUCK, "Ersatt av åtgärd 150")
    # Already struck: a later note needs no reason of its own.
    assert repo.change_action(lights, note="Bekräftat av ordföranden").status == STRUCK


def test_index_follows_new_changed_and_deleted_actions(world: World, index: ActionIndex) -> None:
    repo = world.repo
    index.query(sort="owner")  # build a permutation that must be kept in order
    index.query(sort="text")
    meeting = repo.meeting(repo.action(world.ids["lights"]).origin_meeting_id)
    new = repo.add_action(meeting, "Bjuda in nattvandrarna", owner_person_id=world.people["Ali Yilmaz"],
                          due=date(2026, 11, 24))
    repo.change_action(world.ids["sign"], status=IN_PROGRESS, due=date(2026, 11, 1))
    repo.delete_action(world.ids["old"])
    assert world.ids["old"] not in index
    owners = [index.row(i).owner for i in index.query(sort="owner")]
    assert owners[:3] == ["Ali Yilmaz", "Ali Yilmaz", "Amira Haddad"]
    assert new.id in index.query(ActionFilter(text="nattvandrarna"))
    assert names(world, index.query(ActionFilter(overdue=True))) == ["sign", "lights"]
    assert index.query(sort="text")[0] == new.id  # "Bjuda …" sorts first
    # A renamed person is renamed in every row.
    person = repo.person(world.people["Örjan Åberg"])
    person.name = "Örjan Åberg-Lind"
    repo.save_person(person)
    assert index.row(world.ids["sign"]).owner == "Örjan Åberg-Lind"


def test_incremental_index_agrees_with_a_fresh_one(world: World) -> None:
    """Single changes re-slot by bisection, bulk ones by merging: both must give what
    a freshly built index gives, for every column and both directions."""
    import random

    from store.review.action_rows import SORT_COLUMNS

    repo = world.repo
    rng = random.Random(7)
    meeting = repo.meeting(repo.action(world.ids["lights"]).origin_meeting_id)
    owners = list(world.people.values())
    for i in range(60):
        repo.add_action(meeting, f"Punkt {rng.choice('abcåäö')}{i}", owner_person_id=rng.choice(owners),
                        due=date(2026, 11, rng.randint(1, 30)) if i % 5 else None)
    with ActionIndex(repo) as index:
        index.warm()
        everything = index.query(ActionFilter(include_confidential=True), sort=None)
        repo.change_actions(rng.sample(everything, 45), DONE)  # many: merged
        for action_id in rng.sample(everything, 5):  # few: bisected
            repo.change_action(action_id, status=IN_PROGRESS, due=date(2026, 11, rng.randint(1, 30)))
        repo.delete_action(everything[3])
        repo.add_action(meeting, "Sist tillagd", owner_person_id=owners[0], due=date(2026, 11, 23))
        flt = ActionFilter(include_confidential=True)
        with ActionIndex(repo) as fresh:
            for column in SORT_COLUMNS:
                for descending in (False, True):
                    assert index.query(flt, column, descending) == fresh.query(flt, column, descending), column
            assert index.groups(index.query(flt), "owner") == fresh.groups(fresh.query(flt), "owner")


def test_index_rolls_over_at_midnight(world: World) -> None:
    with ActionIndex(world.repo) as index:
        assert names(world, index.query(ActionFilter(overdue=True))) == ["lights"]
        pendulum.travel_to(pendulum.datetime(2026, 11, 28, 9, tz="Europe/Stockholm"), freeze=True)
        assert names(world, index.query(ActionFilter(overdue=True))) == ["lights", "graffiti"]
        assert index.today == date(2026, 11, 28)


# ------------------------------------------------------------------ names


def test_owner_and_organisation_names(world: World) -> None:
    repo = world.repo
    assert resolve_owner(repo, "johan") == (world.people["Johan Berg"], None)
    assert resolve_owner(repo, "polisen") == (None, world.orgs["Polisen Södertälje"])
    with pytest.raises(UserError) as error:
        resolve_owner(repo, "Nils")
    assert "Nils" in str(error.value)
    assert find_organisation(repo, "brandförsvar").id == world.orgs["Södertörns brandförsvarsförbund"]
    assert find_organisation(repo, "kommunen").id == world.orgs["Södertälje kommun"]
    with pytest.raises(UserError) as error:
        find_organisation(repo, "Södertälje")  # three organisations carry the name
    assert "flera" in str(error.value)


# ------------------------------------------------------------------ promise rules


@pytest.mark.parametrize(
    "target, start, end, total",
    [
        (Target(4), date(2026, 1, 1), date(2026, 12, 31), 4),
        (Target(1, "month"), date(2026, 1, 1), date(2026, 12, 31), 12),
        (Target(2, "term"), date(2019, 1, 1), date(2020, 12, 31), 8),
        (Target(1, "tertial"), date(2026, 1, 1), date(2026, 12, 31), 3),
        (Target(2, "year"), date(2021, 1, 1), date(2022, 12, 31), 4),
        (Target(1, "week"), date(2026, 1, 1), date(2026, 12, 31), 52),
        (Target(1, "month"), date(2023, 3, 1), date(2024, 2, 29), 12),
        (Target(4), None, None, 4),
        (Target(1, "month"), None, None, None),
        (None, date(2026, 1, 1), date(2026, 12, 31), None),
    ],
)
def test_target_is_scaled_to_the_whole_period(target, start, end, total) -> None:
    assert target_total(target, start, end) == total


def test_elapsed_share_of_the_period() -> None:
    assert elapsed_fraction(date(2026, 1, 1), date(2026, 12, 31), TODAY) == pytest.approx(327 / 365)
    assert elapsed_fraction(date(2027, 1, 1), date(2027, 12, 31), TODAY) == 0.0
    assert elapsed_fraction(date(2025, 1, 1), date(2025, 12, 31), TODAY) == 1.0
    assert elapsed_fraction(None, None, TODAY) is None


YEAR_2026 = (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    "done, total, period, state",
    [
        (4, 4, YEAR_2026, "kept"),
        (5, 4, (date(2027, 1, 1), date(2027, 12, 31)), "kept"),  # kept wins, even early
        (0, 4, (date(2027, 1, 1), date(2027, 12, 31)), "not_started"),
        (3, 4, (date(2025, 1, 1), date(2025, 12, 31)), "not_kept"),
        # 2026 is 0.896 gone: below 0.896 - 0.15 = 0.746 done is at risk.
        (2, 4, YEAR_2026, "at_risk"),
        (3, 4, YEAR_2026, "on_track"),
        (0, 4, (date(2026, 11, 1), date(2027, 10, 31)), "on_track"),  # 0.066 gone
        (1, 4, (None, None), "on_track"),
        (7, None, YEAR_2026, "no_target"),
    ],
)
def test_promise_state_rule(done, total, period, state) -> None:
    assert promise_state(done, total, *period, TODAY) == state


def test_the_promises_in_force_hold_every_promise_at_risk(world: World, demo_repo) -> None:
    """The home screen counts "Löften i riskzonen" over the promises in force only: on
    any day, the same promises as over all of them."""
    from datetime import timedelta

    for repo in (world.repo, demo_repo):
        day, counted = date(2019, 12, 15), 0
        while day < date(2027, 3, 1):
            every = [r.promise.id for r in promise_rows(repo, day) if r.state == "at_risk"]
            assert [r.promise.id for r in promise_rows(repo, day, in_force=True) if r.state == "at_risk"] == every
            counted += len(every)
            day += timedelta(days=45)
        assert counted  # some days had promises at risk


def test_promise_progress_counts_done_linked_actions(world: World) -> None:
    repo = world.repo
    walks = promise_progress(repo, repo.promise(world.promises["walks"]))
    assert (walks.target_total, walks.done, walks.active, walks.state) == (4, 2, 1, "at_risk")
    assert sorted(walks.linked) == sorted([world.ids["lights"], world.ids["walk1"], world.ids["walk2"]])
    assert walks.expected == pytest.approx(4 * 327 / 365)
    repo.change_actions([world.ids["lights"]], DONE)
    walks = promise_progress(repo, repo.promise(world.promises["walks"]))
    assert (walks.done, walks.state) == (3, "on_track")
    # No target: the linked work is shown, no number is invented.
    jobs = promise_progress(repo, repo.promise(world.promises["jobs"]))
    assert (jobs.target_total, jobs.done, len(jobs.linked), jobs.state) == (None, 1, 2, "no_target")
    assert jobs.to_json()["target"] is None and jobs.to_json()["expected"] is None
    visits = promise_progress(repo, repo.promise(world.promises["visits"]))
    assert (visits.target_total, visits.done, visits.state) == (12, 0, "at_risk")


def test_promise_rows_filter_by_municipality_period_and_party(world: World) -> None:
    repo = world.repo
    old = repo.save_promise(Promise(
        text="Trafikkontroller", municipality="Strängnäs", parties=[POLICE], period_label="2019/2020",
        period_start=date(2019, 1, 1), period_end=date(2020, 12, 31), target=Target(2, "term"),
    ))
    rows = promise_rows(repo)
    assert len(rows) == 4
    by_id = {r.promise.id: r for r in rows}
    assert (by_id[old.id].target_total, by_id[old.id].state) == (8, "not_kept")
    assert [r.promise.id for r in promise_rows(repo, municipality="strängnäs")] == [old.id]
    assert [r.promise.id for r in promise_rows(repo, period="2019/2020")] == [old.id]
    assert [r.promise.id for r in promise_rows(repo, period="2019-2020")] == [old.id]
    assert [r.promise.id for r in promise_rows(repo, period="2020")] == [old.id]  # overlaps
    assert {r.promise.id for r in promise_rows(repo, period="2026")} == set(world.promises.values())
    assert promise_rows(repo, period="2021–2022") == []
    police = promise_rows(repo, party="polisen")
    assert {r.promise.id for r in police} == {world.promises["walks"], world.promises["visits"], old.id}
    for bad in ({"period": "förra året"}, {"party": "skolan"}, {"municipality": "Nykvarn"}):
        with pytest.raises(UserError):
            promise_rows(repo, **bad)


def test_parse_period() -> None:
    assert parse_period("2026") == (date(2026, 1, 1), date(2026, 12, 31))
    assert parse_period("2019/2020") == (date(2019, 1, 1), date(2020, 12, 31))
    assert parse_period("2023-03-01..2024-02-29") == (date(2023, 3, 1), date(2024, 2, 29))
    with pytest.raises(UserError):
        parse_period("2022/2021")


# ------------------------------------------------------------------ command line


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def world_store(store_file: Path, frozen) -> tuple[Path, World]:
    with Repository(store_file, create=True) as repo:
        built = build_world(repo)
    return store_file, built


ACTION_KEYS = {"id", "text", "status", "owner", "organisation", "due", "forum", "meeting", "promise",
               "overdue", "confidential"}
PROMISE_KEYS = {"id", "text", "parties", "period", "focus_area", "target", "done", "state"}


def test_cli_actions_json_leaves_confidential_out_unless_asked(world_store, capsys) -> None:
    path, w = world_store
    code, out, _ = run(capsys, "actions", "--store", str(path), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert all(set(r) >= ACTION_KEYS for r in rows)
    assert {r["id"] for r in rows} == set(w.ids.values()) - {w.ids["pupil"]}
    assert "elev" not in out
    code, out, _ = run(capsys, "actions", "--store", str(path), "--format", "json", "--include-confidential")
    pupil = [r for r in json.loads(out) if r["id"] == w.ids["pupil"]]
    assert pupil and pupil[0]["confidential"] is True and pupil[0]["forum"] == "SSPF Ronnaskolan"


def test_cli_actions_filters(world_store, capsys) -> None:
    path, w = world_store

    def ids(*args: str) -> list[int]:
        code, out, err = run(capsys, "actions", "--store", str(path), "--format", "json", *args)
        assert code == 0, err
        return [r["id"] for r in json.loads(out)]

    assert ids("--open") == [w.ids[n] for n in ("lights", "graffiti", "summer", "sign")]
    assert ids("--overdue") == [w.ids["lights"]]
    assert ids("--open", "--owner", "Johan Berg") == [w.ids["graffiti"]]
    assert ids("--open", "--owner", "kommunen") == [w.ids["lights"], w.ids["sign"]]
    assert ids("--org", "brandförsvar") == [w.ids["old"], w.ids["summer"]]
    assert ids("--forum", "SSPF", "--include-confidential") == [w.ids["pupil"]]
    assert ids("--promise", f"L{w.promises['jobs']}") == [w.ids["summer2"], w.ids["summer"]]
    assert ids("--open", "--status", "done") == []
    assert ids("--text", "trygghetsvandring", "--sort", "due", "--desc") == [w.ids["walk2"], w.ids["walk1"]]
    code, out, _ = run(capsys, "actions", "--store", str(path), "--format", "json", "--group-by", "owner")
    groups = json.loads(out)
    assert [(g["group"], g["count"]) for g in groups][0] == ("Amira Haddad", 3)
    assert all(set(a) >= ACTION_KEYS for g in groups for a in g["actions"])


def test_cli_actions_unknown_names_exit_2_with_one_sentence(world_store, capsys) -> None:
    path, _ = world_store
    for args, word in (
        (("--owner", "Nils Nilsson"), "Nils Nilsson"),
        (("--org", "Skolverket"), "Skolverket"),
        (("--forum", "Styrelsen"), "Styrelsen"),
        (("--promise", "99"), "99"),
    ):
        code, out, err = run(capsys, "actions", "--store", str(path), *args)
        assert code == 2 and out == ""
        assert word in err and err.count("\n") == 1


def test_cli_actions_table_and_markdown(world_store, capsys) -> None:
    path, w = world_store
    code, out, _ = run(capsys, "actions", "--store", str(path), "--open")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["nr", "åtgärd", "ansvarig", "organisation", "klart", "senast", "status", "forum", "löfte"]
    lights = next(line for line in lines if "belysningen" in line)
    assert "2026-11-20 v. 47" in lights and "öppen, försenad" in lights and f"L{w.promises['walks']}" in lights
    # Columns line up: the owner column starts at the same place on every row.
    starts = {line.index(owner) for line in lines[1:] for owner in ("Amira", "Johan", "Ali", "Örjan") if owner in line}
    assert len(starts) == 1
    code, out, _ = run(capsys, "actions", "--store", str(path), "--format", "md", "--owner", "Johan")
    assert code == 0
    md_lines = out.splitlines()
    assert md_lines[0] == "| nr | åtgärd | ansvarig | organisation | klart senast | status | forum | löfte |"
    assert md_lines[1] == "|---|---|---|---|---|---|---|---|"
    assert any("Kontakta bostadsbolaget om klotter \\| trapphus" in line for line in md_lines)
    assert "Sekretessbelagda åtgärder som inte visas: 1" in out  # the SSPF pupil, counted not shown
    assert "elev" not in out


def test_cli_promises(world_store, capsys) -> None:
    path, w = world_store
    code, out, _ = run(capsys, "promises", "--store", str(path), "--format", "json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert all(set(r) >= PROMISE_KEYS for r in rows.values())
    walks = rows[w.promises["walks"]]
    assert (walks["target"], walks["done"], walks["state"], walks["period"]) == (4, 2, "at_risk", "2026")
    assert walks["parties"] == ["police", "municipality"] and walks["focus_area"] == "Trygghet"
    assert (rows[w.promises["jobs"]]["target"], rows[w.promises["jobs"]]["state"]) == (None, "no_target")
    code, out, _ = run(capsys, "promises", "--store", str(path), "--period", "2026")
    assert code == 0
    assert "2 av 4" in out and "i riskzonen" in out and "1 klar av 2 åtgärder" in out
    assert out.splitlines()[0].split()[:3] == ["löfte", "medborgarlöfte", "ansvariga"]
    code, out, _ = run(capsys, "promises", "--store", str(path), "--period", "2019/2020", "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out, err = run(capsys, "promises", "--store", str(path), "--period", "snart")
    assert code == 2 and out == "" and "snart" in err
