"""The lägesbild and the åtgärdsplan: problems and their sources, links from measures
to problems, the two flags, versions of the analysis, the plan's decision, the plan
export (publishable: nothing confidential) and the demo built from the seeds.

Today is frozen at Monday 2026-11-23.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from store.demo.build import SEEDS
from store.demo.situation import bullets_under
from store.exports.plan import plan_markdown
from store.model.constants import MUNICIPALITY, POLICE
from store.model.forum import Forum
from store.model.promise import Agreement, Promise, Target
from store.model.situation import ACTION, ACTIVITY, PROMISE, CitizenDialogue, Problem
from store.repository import Repository
from store.review.situation import NO_MEASURE, NO_PROBLEM, measure_flags, plan_measures, problem_rows
from store.text.i18n import UserError

YEAR = {"period_label": "2026", "period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}


@dataclass
class Plan:
    walks: Promise
    jobs: Promise
    old: Promise
    agreement: Agreement
    action_id: int
    secret_action_id: int


def build_plan(repo: Repository) -> Plan:
    forum = repo.save_forum(Forum(name="Måndagsmöte Södertälje", municipality="Södertälje"))
    walks = repo.save_promise(Promise("Minst sex trygghetsvandringar", municipality="Södertälje",
                                      parties=[POLICE, MUNICIPALITY], target=Target(6), **YEAR))
    jobs = repo.save_promise(Promise("Fler sommarjobb för unga", municipality="Södertälje",
                                     parties=[MUNICIPALITY], **YEAR))
    old = repo.save_promise(Promise("Informationskampanj om mopeder", municipality="Södertälje",
                                    period_label="2019/2020", period_start=date(2019, 1, 1),
                                    period_end=date(2020, 12, 31)))
    agreement = repo.save_agreement(Agreement("Samverkansöverenskommelse 2023–2026", municipality="Södertälje",
                                              start=date(2023, 1, 1), end=date(2026, 12, 31)))
    repo.add_activity(agreement.id, "Föreningsnattvandringar", owner="kommunen")
    meeting = repo.ensure_meeting(forum, date(2026, 11, 23))
    action = repo.add_action(meeting, "Ta fram lägesbild om buskörning", due=date(2026, 12, 4))
    secret = repo.add_action(meeting, "Följa upp elev i årskurs 8", confidential=True)
    return Plan(walks, jobs, old, repo.agreement(agreement.id), action.id, secret.id)


def problem(repo: Repository, title: str, links=(), **fields) -> Problem:
    values = {"municipality": "Södertälje", "year": 2026, **fields}
    return repo.save_problem(Problem(title, **values), links)


# -- problems and their links --------------------------------------------------------------


def test_a_problem_is_stored_with_its_sources_and_links(repo: Repository) -> None:
    plan = build_plan(repo)
    dialogue = repo.save_dialogue(CitizenDialogue("södertälje", 0, date(2026, 3, 14), "Hovsjö centrum", 42,
                                                  "Mörka gångstråk"))
    assert (dialogue.municipality, dialogue.year) == ("Södertälje", 2026)  # spelled as the store does
    saved = problem(repo, "Mörka gångstråk", [(PROMISE, plan.walks.id, None), (ACTION, plan.action_id, None)],
                    municipality="SÖDERTÄLJE", area="Hovsjö", sources=["citizen_dialogue", "safety_survey"],
                    dialogue_ids=[dialogue.id])
    again = repo.problem(saved.id)
    assert (again.title, again.municipality, again.area) == ("Mörka gångstråk", "Södertälje", "Hovsjö")
    assert again.sources == ["citizen_dialogue", "safety_survey"] and again.dialogue_ids == [dialogue.id]
    assert {m.ref for m in repo.measures_of_problem(saved.id)} == {(PROMISE, plan.walks.id, None),
                                                                   (ACTION, plan.action_id, None)}
    assert [p.id for p in repo.problems_of(PROMISE, plan.walks.id)] == [saved.id]


@pytest.mark.parametrize("change, phrase", [
    ({"title": " "}, "måste ha en rubrik"),
    ({"year": 26}, "'26' är inget år"),
    ({"sources": ["ryktet"]}, "'ryktet' är ingen källa"),
    ({"dialogue_ids": [99]}, "ingen medborgardialog 99"),
    ({"municipality": ""}, "vilken kommun"),
])
def test_a_bad_problem_is_refused_with_one_sentence(repo: Repository, change, phrase) -> None:
    values = {"title": "Buskörning", "municipality": "Södertälje", "year": 2026, **change}
    with pytest.raises(UserError) as error:
        repo.save_problem(Problem(**values))
    assert phrase in str(error.value)
    assert repo.problems() == []


@pytest.mark.parametrize("link, phrase", [
    ((PROMISE, 99, None), "inget medborgarlöfte '99'"),
    ((ACTION, 99, None), "ingen åtgärd 99"),
    ((ACTIVITY, 1, 7), "ingen aktivitet '1:7'"),
])
def test_a_problem_with_a_link_to_nothing_is_not_saved_at_all(store_file: Path, link, phrase) -> None:
    """One transaction: the problem and its links, or nothing."""
    with Repository(store_file, create=True) as repo:
        build_plan(repo)
        journal = store_file.with_name(store_file.name + ".journal")
        before = store_file.read_bytes(), journal.read_bytes(), repo.storage.seq
        with pytest.raises(UserError) as error:
            repo.save_problem(Problem("Buskörning", municipality="Södertälje", year=2026), [link])
        assert phrase in str(error.value)
        assert (store_file.read_bytes(), journal.read_bytes(), repo.storage.seq) == before
    with Repository(store_file) as repo:
        assert repo.problems() == [] and repo.measures() == []


def test_linking_twice_is_one_link_and_unlinking_and_deleting_leave_no_trace(repo: Repository) -> None:
    plan = build_plan(repo)
    first = problem(repo, "Buskörning")
    second = problem(repo, "Droger bland unga")
    repo.link_problem(first.id, PROMISE, plan.walks.id)
    repo.link_problem(first.id, PROMISE, plan.walks.id)
    repo.link_problem(second.id, PROMISE, plan.walks.id)
    assert repo.measure(PROMISE, plan.walks.id).problem_ids == [first.id, second.id]
    repo.unlink_problem(first.id, PROMISE, plan.walks.id)
    assert repo.measure(PROMISE, plan.walks.id).problem_ids == [second.id]
    with pytest.raises(UserError, match="inte kopplad till problem"):
        repo.unlink_problem(first.id, PROMISE, plan.walks.id)
    repo.delete_problem(second.id)
    assert repo.measure(PROMISE, plan.walks.id).problem_ids == []
    assert [p.id for p in repo.problems()] == [first.id]


def test_an_agreement_activity_keeps_its_key(repo: Repository) -> None:
    plan = build_plan(repo)
    second = repo.add_activity(plan.agreement.id, "Områdesväktare", owner="kommunen")
    assert [(a.key, a.text) for a in repo.agreement(plan.agreement.id).activities] == [
        (1, "Föreningsnattvandringar"), (2, "Områdesväktare")]
    target = problem(repo, "Skadegörelse", [(ACTIVITY, plan.agreement.id, second.key)])
    assert repo.problems_of(ACTIVITY, plan.agreement.id, 2) == [target]


# -- flags -----------------------------------------------------------------------------------


def test_flags_a_problem_without_measure_and_a_measure_without_problem(repo: Repository) -> None:
    plan = build_plan(repo)
    linked = problem(repo, "Mörka gångstråk", [(PROMISE, plan.walks.id, None), (ACTION, plan.action_id, None)])
    alone = problem(repo, "Skadegörelse vid Bårsta centrum")
    rows = {row.problem.id: row for row in problem_rows(repo, "Södertälje", 2026)}
    assert rows[linked.id].flags == () and rows[alone.id].flags == (NO_MEASURE,)
    flagged = {m.ref: measure_flags(m) for m in plan_measures(repo, "Södertälje", 2026)}
    # The unlinked 2026 promise and the agreement's activity are flagged; the 2019/2020
    # promise is not in the 2026 plan; a linked action is a measure, never flagged.
    assert flagged == {
        (PROMISE, plan.walks.id, None): (),
        (PROMISE, plan.jobs.id, None): (NO_PROBLEM,),
        (ACTIVITY, plan.agreement.id, 1): (NO_PROBLEM,),
        (ACTION, plan.action_id, None): (),
    }


def test_a_link_to_an_action_that_is_gone_is_no_measure(repo: Repository) -> None:
    plan = build_plan(repo)
    target = problem(repo, "Buskörning", [(ACTION, plan.action_id, None)])
    repo.delete_action(plan.action_id)
    row = problem_rows(repo, "Södertälje", 2026)[0]
    assert row.problem.id == target.id and row.measures == [] and row.flags == (NO_MEASURE,)


def test_problem_rows_json_keys_and_an_unknown_municipality(repo: Repository) -> None:
    plan = build_plan(repo)
    problem(repo, "Droger bland unga", [(ACTION, plan.secret_action_id, None)], category="Droger",
            sources=["crime_statistics"])
    problem(repo, "Rekrytering till nätverk", confidential=True)
    rows = problem_rows(repo, "södertälje", 2026, include_confidential=False)
    data = rows[0].to_json()
    assert {"id", "title", "category", "area", "year", "sources", "measures", "confidential"} <= set(data)
    assert data["measures"] == [{"kind": "action", "id": plan.secret_action_id, "activity": None, "text": None,
                                 "owner": None, "target": None, "confidential": True, "problems": [rows[0].problem.id]}]
    assert [r.problem.title for r in rows] == ["Droger bland unga"]
    with pytest.raises(UserError, match="ingen kommun som heter 'Göteborg'.*Södertälje"):
        problem_rows(repo, "Göteborg")


# -- the lägesbild's versions and the plan's decision -----------------------------------------


def test_a_changed_analysis_is_a_new_version_and_the_old_one_is_kept(repo: Repository) -> None:
    first = repo.save_situation_picture("Södertälje", 2026, "Buskörning i Ronna.", day=date(2026, 1, 15))
    same = repo.save_situation_picture("södertälje", 2026, "Buskörning i Ronna.", focus_areas=["Trafik"],
                                       day=date(2026, 1, 20))
    assert (first.id, same.version, same.focus_areas) == (same.id, 1, ["Trafik"])
    second = repo.save_situation_picture("Södertälje", 2026, "Buskörning i Ronna och Hovsjö.",
                                         day=date(2026, 1, 29))
    stored = repo.situation_picture("Södertälje", 2026)
    assert (stored.version, stored.analysis, stored.saved) == (2, "Buskörning i Ronna och Hovsjö.", date(2026, 1, 29))
    assert [(v.version, v.analysis, v.saved) for v in stored.earlier] == [(1, "Buskörning i Ronna.",
                                                                          date(2026, 1, 15))]
    assert second.focus_areas == ["Trafik"]


def test_each_decision_on_the_plan_is_kept_and_the_newest_counts(repo: Repository) -> None:
    repo.decide_plan("Södertälje", 2026, "Chefssamråd Södertälje", date(2026, 2, 12))
    repo.decide_plan("Södertälje", 2026, "Kommunstyrelsen", date(2026, 3, 4))
    assert repo.action_plan("södertälje", 2026).decided_by == "Kommunstyrelsen"
    assert len(repo.action_plans("Södertälje", 2026)) == 2
    with pytest.raises(UserError, match="vilket organ"):
        repo.decide_plan("Södertälje", 2026, " ", None)


# -- the plan export ----------------------------------------------------------------------------


def test_the_plan_lists_problems_measures_flags_and_never_confidential_text(repo: Repository) -> None:
    plan = build_plan(repo)
    repo.decide_plan("Södertälje", 2026, "Chefssamråd Södertälje", date(2026, 2, 12))
    repo.save_situation_picture("Södertälje", 2026, "Buskörningen har flyttat till Ronna.")
    problem(repo, "Mörka gångstråk", [(PROMISE, plan.walks.id, None), (ACTION, plan.secret_action_id, None)],
            area="Hovsjö", sources=["citizen_dialogue"])
    problem(repo, "Skadegörelse vid Bårsta centrum")
    problem(repo, "Rekrytering av unga i Ronna", [(PROMISE, plan.jobs.id, None)], confidential=True)
    text = plan_markdown(repo, 2026, "södertälje")
    assert text.startswith("# Åtgärdsplan 2026 – Södertälje\n")
    assert "**Beslutad av:** Chefssamråd Södertälje, 2026-02-12" in text
    assert "Buskörningen har flyttat till Ronna." in text
    assert "### Pr" in text and "Mörka gångstråk (Hovsjö)" in text and "**Källor:** medborgardialog" in text
    assert "| L1 | Minst sex trygghetsvandringar | polisen, kommunen | minst 6 under perioden |" in text
    assert "**Saknar åtgärd:" in text.split("Skadegörelse vid Bårsta centrum")[1]
    assert "**Saknar problem:" in text and "| Ö1:1 | Föreningsnattvandringar | kommunen | – |" in text
    # Confidential: neither the problem nor the action is described; the plan says so.
    assert "Rekrytering" not in text and "elev i årskurs 8" not in text
    assert "_1 sekretessbelagt problem redovisas inte här._" in text
    assert "_1 sekretessbelagd åtgärd redovisas inte här._" in text
    # The promise linked only to the confidential problem is not "without a problem".
    assert "Fler sommarjobb" not in text
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert sum(1 for tok in tokens if tok.type == "table_open") == 2


def test_the_plan_of_every_municipality_and_an_empty_year(repo: Repository) -> None:
    build_plan(repo)
    problem(repo, "Buskörning", year=2026)
    problem(repo, "Buskörning", municipality="Strängnäs", year=2026)
    text = plan_markdown(repo, 2026)
    assert text.startswith("# Åtgärdsplan 2026\n") and "\n## Strängnäs\n" in text and "\n## Södertälje\n" in text
    assert "Det finns ingen lägesbild" in plan_markdown(repo, 2030)
    with pytest.raises(UserError, match="'26' är inget år"):
        plan_markdown(repo, 26)


def test_user_text_cannot_break_the_plan(repo: Repository) -> None:
    problem(repo, "# Rubrik | med *stjärnor*\n- och en lista", area="<b>Ronna</b>")
    text = plan_markdown(repo, 2026, "Södertälje")
    assert "\\# Rubrik \\| med \\*stjärnor\\* \\- och en lista" in text and "\\<b\\>Ronna\\</b\\>" in text


# -- the demo --------------------------------------------------------------------------------


def test_the_demo_has_sodertaljes_lagesbild_from_its_seed(demo_repo: Repository) -> None:
    seed = (SEEDS / "sodertalje-medborgarloften-2019-2020.txt").read_text(encoding="utf-8")
    page = (SEEDS / "sodertalje-ett-tryggare-sodertalje.txt").read_text(encoding="utf-8")
    rows = problem_rows(demo_repo, "Södertälje", 2019)
    titles = [r.problem.title for r in rows]
    for word in ("Fyrverkerier", "Buskörning", "Narkotika", "Trafik", "belysning", "Nedskräpning"):
        assert any(word.casefold() in title.casefold() for title in titles), word
    for row in rows:  # quoted from the seeds, not retyped
        assert row.problem.description and row.problem.description in seed + page
        assert row.measures and all(m.kind == PROMISE for m in row.measures)
        assert all(demo_repo.promise(m.ref_id).period_label == "2019/2020" for m in row.measures)


def test_the_demo_keeps_strangnas_2017_focus_areas_and_lagesbild_bullets(demo_repo: Repository) -> None:
    seed = (SEEDS / "strangnas-medborgarlofte-2017.txt").read_text(encoding="utf-8")
    picture = demo_repo.situation_picture("Strängnäs", 2017)
    assert picture.focus_areas == ["Förebygga brott bland unga", "Droger", "Trafik", "Våld i offentlig miljö",
                                   "Trygghet i offentlig miljö"]
    problems = demo_repo.problems("Strängnäs", 2017)
    assert [p.description for p in problems] == bullets_under(seed, "Aktuell lägesbild") and len(problems) == 3
    assert all(p.category in picture.focus_areas for p in problems)


def test_the_demo_has_outcomes_an_evaluation_flags_and_signatures(demo_repo: Repository) -> None:
    rows = problem_rows(demo_repo, "Södertälje", 2026)
    assert any(NO_MEASURE in r.flags for r in rows) and any(r.problem.confidential for r in rows)
    assert any(measure_flags(m) for m in plan_measures(demo_repo, "Södertälje", 2026))
    assert len(demo_repo.outcomes()) >= 3 and len(demo_repo.evaluations()) == 1
    assert demo_repo.action_plan("Södertälje", 2026).decided_on == date(2026, 2, 12)
    nykvarn = [p for p in demo_repo.promises() if p.municipality == "Nykvarn"]
    assert nykvarn and all(p.signed == date(2021, 1, 14) for p in nykvarn)
    assert [(s.name, s.day) for s in nykvarn[0].signatories] == [("Bob Wällberg", date(2021, 1, 11)),
                                                                 ("Max Åkerwall", date(2021, 1, 14))]
    assert json.dumps([r.to_json() for r in rows], ensure_ascii=False)  # every row serialisable
