"""What the app's lägesbild screen and its forms write, as store rules: the forms'
readings (one sentence per bad field), setting a problem's measures in one
transaction, the municipalities and years the screen offers, what a problem can be
linked to, and the progress of a few promises at once.

Today is frozen at Monday 2026-11-23.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from store.model.situation import ACTION, ACTIVITY, PROMISE, Problem
from store.repository import Repository
from store.review.promises import progress_of, promise_rows
from store.review.situation import link_candidates, situation_choices
from store.rules.forms.fields import FormError
from store.rules.forms.situation import (
    decision_from_input,
    dialogue_from_input,
    evaluation_from_input,
    outcome_from_input,
    picture_from_input,
    problem_fields,
    problem_from_input,
)
from store.text.i18n import UserError
from tests.test_situation import build_plan, problem

GOOD_PROBLEM = {"title": "  Inbrott i  förråd ", "municipality": "Södertälje", "year": "2026",
                "category": "Trygghet", "area": "Geneta", "noted": "2026-03-01",
                "sources": "est,citizen_dialogue", "dialogues": "", "description": " Många anmälningar. ",
                "confidential": "nej"}


# -- the forms, read without the app ----------------------------------------------------------


def test_the_problem_form_reads_what_was_typed() -> None:
    problem = problem_from_input(GOOD_PROBLEM)
    assert (problem.title, problem.municipality, problem.year) == ("Inbrott i förråd", "Södertälje", 2026)
    assert (problem.area, problem.noted, problem.description) == ("Geneta", date(2026, 3, 1), "Många anmälningar.")
    assert problem.sources == ["est", "citizen_dialogue"] and problem.confidential is False
    # A problem as the form shows it, read back, is the same problem.
    again = problem_from_input(problem_fields(problem), problem)
    assert again == problem


@pytest.mark.parametrize("field, typed, phrase", [
    ("title", "  ", "måste ha en rubrik"),
    ("municipality", "", "vilken kommun"),
    ("year", "20x6", "'20x6' är inget år"),
    ("noted", "1 mars", "'1 mars' är inget datum"),
    ("sources", "ryktet", "'ryktet' är ingen källa"),
    ("dialogues", "1, två", "'två' är inget dialognummer"),
    ("confidential", "kanske", "kanske"),
])
def test_a_bad_problem_field_is_one_sentence_naming_the_field(field, typed, phrase) -> None:
    with pytest.raises(FormError) as error:
        problem_from_input({**GOOD_PROBLEM, field: typed})
    assert error.value.field == field
    assert phrase in str(error.value)


def test_the_outcome_and_evaluation_forms() -> None:
    typed = outcome_from_input({"count": " 303 ", "text": "trafikkontroller  i Ronna", "date": "2026-05-06",
                                "source": "Polisen", "meeting": "4", "covers": "12, 14"})
    assert (typed.count, typed.text, typed.day) == (303, "trafikkontroller i Ronna", date(2026, 5, 6))
    assert (typed.source, typed.meeting_id, typed.action_ids) == ("Polisen", 4, [12, 14])
    assert outcome_from_input({"count": "tre", "text": "vandringar"}).count == 3
    for fields, field, phrase in (
        ({"count": "", "text": "x"}, "count", "Skriv hur många"),
        ({"count": "tolv?", "text": "x"}, "count", "'tolv?' är inget antal"),
        ({"count": "3", "text": " "}, "text", "Skriv vad utfallet var"),
        ({"count": "3", "text": "x", "date": "6 maj"}, "date", "inget datum"),
        ({"count": "3", "text": "x", "covers": "Å12"}, "covers", "'Å12' är inget åtgärdsnummer"),
    ):
        with pytest.raises(FormError) as error:
            outcome_from_input(fields)
        assert error.value.field == field and phrase in str(error.value)
    evaluation = evaluation_from_input({"verdict": "partly", "justification": " Inte i Geneta. ", "date": ""})
    assert (evaluation.verdict, evaluation.justification, evaluation.day) == ("partly", "Inte i Geneta.", None)
    with pytest.raises(FormError, match="Välj en bedömning") as error:
        evaluation_from_input({"verdict": "", "justification": "x"})
    assert error.value.field == "verdict"
    with pytest.raises(FormError, match="motivering") as error:
        evaluation_from_input({"verdict": "done", "justification": "  "})
    assert error.value.field == "justification"


def test_the_dialogue_decision_and_analysis_forms() -> None:
    dialogue = dialogue_from_input({"municipality": "Södertälje", "date": "2026-01-20", "year": "",
                                    "place": " Hovsjö  centrum", "participants": "42", "raised": "Mörkt. "})
    assert (dialogue.year, dialogue.day, dialogue.place, dialogue.participants, dialogue.raised) == (
        2026, date(2026, 1, 20), "Hovsjö centrum", 42, "Mörkt.")
    assert dialogue_from_input({"municipality": "Södertälje", "year": "2025"}).day is None
    for fields, field, phrase in (
        ({"municipality": "Södertälje"}, "date", "datum"),
        ({"municipality": "Södertälje", "year": "2026", "participants": "många"}, "participants", "'många'"),
        ({"municipality": "", "year": "2026"}, "municipality", "vilken kommun"),
    ):
        with pytest.raises(FormError) as error:
            dialogue_from_input(fields)
        assert error.value.field == field and phrase in str(error.value)
    assert decision_from_input({"body": " Chefssamråd  Södertälje", "date": "2026-02-12"}) == (
        "Chefssamråd Södertälje", date(2026, 2, 12))
    with pytest.raises(FormError) as error:
        decision_from_input({"body": "Kommunstyrelsen", "date": ""})
    assert error.value.field == "date" and "vilken dag" in str(error.value)
    picture = picture_from_input({"analysis": " Buskörning. ", "other": "", "focus": "- Trafik\n\nTrygghet\n",
                                  "date": "2026-01-29"})
    assert (picture.analysis, picture.focus_areas, picture.day) == ("Buskörning.", ["Trafik", "Trygghet"],
                                                                   date(2026, 1, 29))


# -- setting a problem's measures ---------------------------------------------------------------


def test_set_problem_links_adds_and_takes_away_in_one_commit(store_file: Path) -> None:
    with Repository(store_file, create=True) as repo:
        plan = build_plan(repo)
        saved = problem(repo, "Mörka gångstråk", [(PROMISE, plan.walks.id, None), (ACTION, plan.action_id, None)])
        journal = store_file.with_name(store_file.name + ".journal")
        lines = journal.read_bytes().count(b"\n")
        added, removed = repo.set_problem_links(saved.id, [(PROMISE, plan.walks.id, None),
                                                           (ACTIVITY, plan.agreement.id, 1),
                                                           (PROMISE, plan.jobs.id, None)])
        assert (added, removed) == (2, 1)
        assert journal.read_bytes().count(b"\n") == lines + 1  # one durable line for all three changes
        # The same set again changes nothing and writes nothing.
        assert repo.set_problem_links(saved.id, [(PROMISE, plan.jobs.id, None), (PROMISE, plan.walks.id, None),
                                                 (ACTIVITY, plan.agreement.id, 1)]) == (0, 0)
        assert journal.read_bytes().count(b"\n") == lines + 1
    with Repository(store_file) as reopened:
        assert {m.ref for m in reopened.measures_of_problem(saved.id)} == {
            (PROMISE, plan.walks.id, None), (PROMISE, plan.jobs.id, None), (ACTIVITY, plan.agreement.id, 1)}


def test_set_problem_links_to_something_missing_changes_nothing(store_file: Path) -> None:
    with Repository(store_file, create=True) as repo:
        plan = build_plan(repo)
        saved = problem(repo, "Mörka gångstråk", [(PROMISE, plan.walks.id, None)])
        journal = store_file.with_name(store_file.name + ".journal")
        before = journal.read_bytes()
        with pytest.raises(UserError, match="ingen åtgärd 999"):
            repo.set_problem_links(saved.id, [(PROMISE, plan.jobs.id, None), (ACTION, 999, None)])
        with pytest.raises(UserError, match="inget problem 77"):
            repo.set_problem_links(77, [])
        assert journal.read_bytes() == before
        assert [m.ref for m in repo.measures_of_problem(saved.id)] == [(PROMISE, plan.walks.id, None)]


def test_what_a_problem_can_be_linked_to_and_the_choices_of_the_screen(repo: Repository) -> None:
    plan = build_plan(repo)
    saved = problem(repo, "Buskörning", [(ACTION, plan.action_id, None)])
    problem(repo, "Klotter", municipality="Strängnäs", year=2017)
    refs = [c.ref for c in link_candidates(repo, "Södertälje", 2026, saved.id)]
    # The year's promises, the agreement's activity, and the linked action; not 2019's promise.
    assert refs == [(PROMISE, plan.walks.id, None), (PROMISE, plan.jobs.id, None),
                    (ACTIVITY, plan.agreement.id, 1), (ACTION, plan.action_id, None)]
    repo.decide_plan("Södertälje", 2025, "Kommunstyrelsen", date(2025, 2, 1))
    choices = situation_choices(repo)
    assert list(choices) == ["Strängnäs", "Södertälje"]
    assert choices["Södertälje"] == [2026, 2025, 2020, 2019]
    assert choices["Strängnäs"] == [2017]
    assert [p.year for p in repo.all_action_plans()] == [2025]


def test_progress_of_a_few_promises_is_the_dashboards(repo: Repository) -> None:
    plan = build_plan(repo)
    repo.add_outcome(plan.walks.id, 2, "trygghetsvandringar", date(2026, 5, 6))
    repo.evaluate(plan.jobs.id, "partly", "Inte i Geneta.")
    some = progress_of(repo, [plan.walks, plan.jobs])
    every = {row.promise.id: row for row in promise_rows(repo)}
    assert some[plan.walks.id] == every[plan.walks.id] and some[plan.walks.id].done == 2
    assert some[plan.jobs.id].state == "partly_kept"


def test_an_edited_problem_keeps_its_links(repo: Repository) -> None:
    plan = build_plan(repo)
    saved = problem(repo, "Buskörning", [(PROMISE, plan.walks.id, None)])
    changed = problem_from_input({**problem_fields(saved), "title": "Buskörning med mopeder"}, saved)
    repo.save_problem(changed)
    assert repo.problem(saved.id).title == "Buskörning med mopeder"
    assert [m.ref for m in repo.measures_of_problem(saved.id)] == [(PROMISE, plan.walks.id, None)]
    assert isinstance(repo.problem(saved.id), Problem)


def test_the_promises_a_meeting_can_record_an_outcome_on(repo: Repository) -> None:
    from dataclasses import replace

    from store.model.forum import Forum
    from store.review.promises import promises_of_meeting

    plan = build_plan(repo)
    chefs = repo.save_forum(Forum(name="Chefssamråd Södertälje", municipality="Södertälje"))
    followed = repo.save_promise(replace(plan.old, id=0, text="Följs upp i chefssamrådet",
                                         follow_up_forum_id=chefs.id))
    found = [p.id for p in promises_of_meeting(repo, chefs.id, date(2026, 11, 23))]
    # The forum's own follow-up first (even of another period), then the municipality's current ones.
    assert found == [followed.id, plan.walks.id, plan.jobs.id]
    assert plan.old.id not in found  # 2019/2020 is over
    elsewhere = repo.save_forum(Forum(name="BRÅ Nykvarn", municipality="Nykvarn"))
    assert promises_of_meeting(repo, elsewhere.id, date(2026, 11, 23)) == []
