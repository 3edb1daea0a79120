"""The lägesbild screen driven by keys, at 120×40 and 80×24: from a problem to its
measures to a promise's outcomes and back, a problem added, measures linked, an
outcome recorded and a promise evaluated (then the store file is read again from
disk), confidential problems only with the key, and the plan exported from there.

The demo is built for the frozen Monday 2026-11-23: Södertälje 2026 has five public
problems (one without a measure), one confidential one, and two measures of the plan
that address no problem.
"""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, Select, SelectionList, Static, TextArea

from store.model.situation import ACTION, PROMISE
from store.repository import Repository
from tests.test_tui_io import preview, record_notifications
from tests.test_tui_review import settle
from tui.screens.situation import SituationScreen

SIZES = [(120, 40), (80, 24)]


def lines(table) -> list[str]:
    """What a table paints, header included, one string per screen line."""
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


def rows(table) -> list[str]:
    """Every row's cells as the table would paint them, scrolled into view or not."""
    return [" | ".join(cell.plain for cell in table.cells(row)) for row in table.rows_data]


def content(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def open_situation(pilot) -> SituationScreen:
    await pilot.press("p")  # from home, as the footer says
    await settle(pilot, SituationScreen)
    screen = pilot.app.screen
    assert isinstance(screen, SituationScreen)
    return screen


async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    await pilot.pause()
    await pilot.press("end", "ctrl+u", *text)


async def cursor_to(pilot, table, key: str) -> None:
    """Arrow keys until the row ``key`` is under the cursor."""
    table.focus()
    await pilot.pause()
    for _ in range(table.row_count):
        if table.selected_key == key:
            return
        await pilot.press("down")
    assert table.selected_key == key


def sodertalje_2026(repo: Repository):
    problems = {p.title: p for p in repo.problems("Södertälje", 2026)}
    mopeds = problems["Buskörning med mopeder och epatraktorer"]
    promise_id = next(m.ref_id for m in repo.measures_of_problem(mopeds.id) if m.kind == PROMISE)
    return problems, mopeds, promise_id


@pytest.mark.parametrize("size", SIZES)
async def test_from_a_problem_to_its_measures_to_the_outcomes_and_back(demo_repo, make_app, size) -> None:
    problems, mopeds, promise_id = sodertalje_2026(demo_repo)
    app = make_app(demo_repo)
    async with app.run_test(size=size) as pilot:
        screen = await open_situation(pilot)
        assert (screen.municipality, screen.year) == ("Södertälje", 2026)
        painted = "\n".join(lines(screen.problems))
        assert "Buskörning med mopeder" in painted
        assert any("Skadegörelse vid Bårsta centrum | ⚠ saknar åtgärd" in row for row in rows(screen.problems))
        assert not any("Rekrytering" in row for row in rows(screen.problems))  # confidential: not without k
        summary = content(screen, "#situation-summary")
        assert "version 2" in summary and "Chefssamråd Södertälje" in summary
        assert "⚠ saknar åtgärd: 1" in summary and "dolda med sekretess: 1" in summary
        assert screen.problems.selected_key == f"problem:{mopeds.id}"

        await pilot.press("enter")  # to the measures
        assert screen.focused is screen.measures
        await cursor_to(pilot, screen.measures, f"promise:{promise_id}")
        assert screen.measures.selected_row.state == "i fas"
        detail = content(screen, "#situation-detail-body")
        assert "Så gick det" in detail and "7 riktade insatser mot buskörning" in detail

        await pilot.press("enter")  # the promise in the dashboard
        await settle(pilot)
        dashboard = app.screen
        assert type(dashboard).__name__ == "PromisesScreen"
        assert dashboard.current().promise.id == promise_id
        info = content(dashboard, "#promise-info-body")
        assert "Så gick det" in info and "7 riktade insatser" in info and "Polisens insatsrapporter" in info
        assert "Problem i lägesbilden" in info and f"Pr{mopeds.id} Buskörning med mopeder" in info

        await pilot.press("escape")  # back: the same problem, the same measure
        await settle(pilot, SituationScreen)
        assert app.screen is screen
        assert screen.problems.selected_key == f"problem:{mopeds.id}"
        assert screen.measures.selected_key == f"promise:{promise_id}"
        await pilot.press("escape")
        assert screen.focused is screen.problems
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_from_a_promise_p_opens_the_lagesbild_at_its_problem(demo_repo, make_app) -> None:
    problems, mopeds, promise_id = sodertalje_2026(demo_repo)
    dark = problems["Mörka gångstråk"]
    lights = next(m.ref_id for m in demo_repo.measures_of_problem(dark.id) if m.kind == PROMISE)
    unlinked = next(p for p in demo_repo.promises() if not demo_repo.problems_of(PROMISE, p.id))
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        seen = record_notifications(app)
        await pilot.press("l")
        await settle(pilot)
        dashboard = app.screen
        dashboard.select_id = unlinked.id
        dashboard.refresh_rows()
        await pilot.press("p")  # a promise that addresses no problem says so
        assert app.screen is dashboard
        assert any("tar sig inte an något problem" in s for s in seen)
        dashboard.select_id = lights
        dashboard.refresh_rows()
        await pilot.press("p")
        await settle(pilot, SituationScreen)
        assert isinstance(app.screen, SituationScreen)
        assert app.screen.problems.selected_key == f"problem:{dark.id}"
        await pilot.press("escape")
        assert app.screen is dashboard


@pytest.mark.parametrize("size", SIZES)
async def test_add_a_problem_link_measures_record_an_outcome_and_evaluate(demo_repo, make_app, size) -> None:
    jobs = next(p for p in demo_repo.promises() if p.municipality == "Södertälje" and "sommarjobb" in p.text)
    action = next(a for a in demo_repo.actions_of_promise(jobs.id) if not a.confidential)
    app = make_app(demo_repo)
    async with app.run_test(size=size) as pilot:
        screen = await open_situation(pilot)

        # A new problem: the year typed wrong first, one sentence, the title kept.
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "ProblemFormModal"
        assert form.query_one("#prf-municipality", Input).value == "Södertälje"
        await type_into(pilot, "#prf-title", "Inbrott i förråd")
        await type_into(pilot, "#prf-year", "20x6")
        await type_into(pilot, "#prf-area", "Geneta")
        form.query_one("#prf-source-est", Checkbox).focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "'20x6' är inget år" in content(form, "#problem-form-error")
        assert form.query_one("#prf-title", Input).value == "Inbrott i förråd"
        assert form.focused is form.query_one("#prf-year", Input)
        await type_into(pilot, "#prf-year", "2026")
        await pilot.press("ctrl+s")
        await settle(pilot, SituationScreen)
        with Repository(demo_repo.path) as reopened:
            added = next(p for p in reopened.problems("Södertälje", 2026) if p.title == "Inbrott i förråd")
            assert (added.area, added.sources, added.confidential) == ("Geneta", ["est"], False)
        assert screen.problems.selected_key == f"problem:{added.id}"
        assert "⚠ Saknar åtgärd" in content(screen, "#situation-measures-title")

        # Link the summer-jobs promise and an action by its number.
        await pilot.press("l")
        await pilot.pause()
        links = app.screen
        assert type(links).__name__ == "MeasureLinksModal"
        index = next(n for n, c in enumerate(links.choices) if c.ref == (PROMISE, jobs.id, None))
        listing = links.query_one(SelectionList)
        listing.focus()
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("space")
        await type_into(pilot, "#links-actions", str(action.id))
        await pilot.press("ctrl+s")
        await settle(pilot, SituationScreen)
        with Repository(demo_repo.path) as reopened:
            assert {m.ref for m in reopened.measures_of_problem(added.id)} == {
                (PROMISE, jobs.id, None), (ACTION, action.id, None)}
        assert f"promise:{jobs.id}" in [line.key for line in screen.lines]

        # An outcome on the promise, from the measures.
        await pilot.press("enter")
        await cursor_to(pilot, screen.measures, f"promise:{jobs.id}")
        await pilot.press("u")
        await pilot.pause()
        assert type(app.screen).__name__ == "OutcomeFormModal"
        await type_into(pilot, "#of-count", "12")
        await type_into(pilot, "#of-text", "sommarjobb i Geneta")
        await type_into(pilot, "#of-source", "Kommunens HR")
        await pilot.press("ctrl+s")
        await settle(pilot, SituationScreen)
        with Repository(demo_repo.path) as reopened:
            outcome = reopened.outcomes(jobs.id)[-1]
            assert (outcome.count, outcome.text, outcome.source) == (12, "sommarjobb i Geneta", "Kommunens HR")
            assert outcome.day.isoformat() == "2026-11-23"
        assert "12 sommarjobb i Geneta" in content(screen, "#situation-detail-body")

        # An evaluation: ej genomfört, with a justification.
        await pilot.press("b")
        await pilot.pause()
        evaluation = app.screen
        assert type(evaluation).__name__ == "EvaluationFormModal"
        evaluation.query_one("#ef-verdict", Select).focus()
        await pilot.press("enter", "e", "j", "enter")
        await pilot.pause()
        justification = evaluation.query_one("#ef-justification", TextArea)
        justification.text = ""
        justification.focus()
        await pilot.press(*"Inga sommarjobb i Geneta.")
        await pilot.press("ctrl+s")
        await settle(pilot, SituationScreen)
        with Repository(demo_repo.path) as reopened:
            judged = reopened.evaluation(jobs.id)
            assert (judged.verdict, judged.justification) == ("not_done", "Inga sommarjobb i Geneta.")
        assert screen.measures.selected_row.state == "inte hållet"
        assert "ej genomfört" in content(screen, "#situation-detail-body")


async def test_confidential_problems_only_with_the_key_and_never_in_the_plan(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_situation(pilot)
        marker = screen.query_one("#situation-secret", Static)
        assert not marker.display
        await pilot.press("k")
        await pilot.pause()
        painted = "\n".join(lines(screen.problems))
        assert "[sekretess] Rekrytering av unga" in painted
        assert marker.display
        # The plan leaves the room: no confidential problem, whatever the screen shows.
        await pilot.press("r")
        await settle(pilot)
        export = app.screen
        assert type(export).__name__ == "ExportScreen"
        assert (export.kind, export.municipality, export.year) == ("plan", "Södertälje", 2026)
        assert content(export, "#export-title") == "Åtgärdsplan 2026 – Södertälje – förhandsgranskning"
        assert "aldrig sekretessbelagda" in content(export, "#export-status")
        text = preview(export)
        assert "Skadegörelse vid Bårsta" in text and "Saknar åtgärd" in text
        assert "Rekrytering" not in text and "1 sekretessbelagt problem redovisas inte här" in text
        await pilot.press("t")  # no confidential switch on a publishable kind
        await pilot.pause()
        assert export.include_confidential is False and "Rekrytering" not in preview(export)
        # The year's follow-up report from there: another export, about the same year.
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("up", "enter")  # the kind above the plan: the report
        await settle(pilot)
        report = app.screen
        assert (report.kind, report.period) == ("report", "2026")
        assert "Så gick det" in preview(report) and "Rekrytering" not in preview(report)


async def test_at_80_by_24_no_column_is_cut_and_no_word_is_broken(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_situation(pilot)
        for table in (screen.problems, screen.measures):
            assert table.virtual_size.width <= table.size.width  # nothing to scroll sideways to
            painted = lines(table)
            assert not any("…" in line for line in painted)
        assert screen.problems.column_keys() == ["ref", "title", "flag", "measures"]
        # Every word of every shown title is on screen whole (a title wraps at spaces).
        painted = " ".join(lines(screen.problems)).split()
        for row in screen.problems.rows_data[:3]:
            for word in row.title.split():
                assert word in painted
        await pilot.press("enter")
        assert screen.measures.column_keys() == ["ref", "text", "state", "result"]


async def test_the_promise_dashboard_records_an_outcome_and_an_evaluation(demo_repo, make_app) -> None:
    from rich.color import Color
    from textual.widgets import DataTable

    from store.review.promises import promise_progress
    from tests.conftest import FROZEN

    mopeds = next(p for p in demo_repo.promises() if p.period_label == "2026" and "riktade insatser" in p.text)
    jobs = next(p for p in demo_repo.promises() if p.municipality == "Södertälje" and "sommarjobb" in p.text)
    before = promise_progress(demo_repo, mopeds, FROZEN.date())
    covered = {a for o in demo_repo.outcomes(mopeds.id) for a in o.action_ids}
    own = next(a for a in demo_repo.actions_of_promise(mopeds.id) if a.status == "done" and a.id not in covered)
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        dashboard = app.screen
        table = dashboard.query_one("#promises-table", DataTable)
        # The new state: a word and a colour.
        state = table.get_row(str(jobs.id))[5]
        assert state.plain == "delvis hållet"
        assert state.style.color == Color.parse(app.current_theme.warning)

        dashboard.select_id = mopeds.id
        dashboard.refresh_rows()
        await pilot.press("u")
        await pilot.pause()
        form = app.screen
        await type_into(pilot, "#of-count", "två")
        await type_into(pilot, "#of-text", "insatser i Geneta")
        covers = form.query_one("#of-covers", SelectionList)
        covers.focus()
        await pilot.pause()
        index = next(n for n in range(covers.option_count) if covers.get_option_at_index(n).value == own.id)
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dashboard
        with Repository(demo_repo.path) as reopened:
            outcome = reopened.outcomes(mopeds.id)[-1]
            assert (outcome.count, outcome.text, outcome.action_ids) == (2, "insatser i Geneta", [own.id])
        # Two more, and the action it covers no longer counts on its own.
        assert dashboard.current().done == before.done + 2 - 1
        info = content(dashboard, "#promise-info-body")
        assert "2 insatser i Geneta" in info and f"står för Å{own.id}" in info

        dashboard.select_id = jobs.id
        dashboard.refresh_rows()
        await pilot.press("b")
        await pilot.pause()
        evaluation = app.screen
        assert evaluation.query_one("#ef-verdict", Select).value == "partly"  # the current one, to change
        evaluation.query_one("#ef-verdict", Select).focus()
        await pilot.press("enter", "g", "enter")
        justification = evaluation.query_one("#ef-justification", TextArea)
        justification.text = ""
        justification.focus()
        await pilot.press(*"Alla tre områdena fick sommarjobb.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        with Repository(demo_repo.path) as reopened:
            assert reopened.evaluation(jobs.id).verdict == "done"
            assert len(reopened.evaluations(jobs.id)) == 2  # the earlier one is kept
        assert table.get_row(str(jobs.id))[5].plain == "hållet"
        assert "genomfört" in content(dashboard, "#promise-info-body")


@pytest.mark.asyncio
async def test_an_outcome_recorded_by_mistake_is_taken_back_with_capital_u(demo_repo, make_app) -> None:
    with_outcomes = next(p for p in demo_repo.promises() if demo_repo.outcomes(p.id))
    gone, *kept = demo_repo.outcomes(with_outcomes.id)
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        dashboard = app.screen
        dashboard.select_id = with_outcomes.id
        dashboard.refresh_rows()
        await pilot.pause()
        assert "U tar bort" in content(dashboard, "#promise-info-body")
        await pilot.press("U")
        await pilot.pause()
        assert app.screen is not dashboard  # the choice of outcomes
        await pilot.press("enter")  # the first: the oldest
        await pilot.pause()
        await pilot.press("escape")  # no, after all
        await pilot.pause()
        assert app.screen is dashboard
        with Repository(demo_repo.path) as reopened:
            assert [o.id for o in reopened.outcomes(with_outcomes.id)] == [gone.id] + [o.id for o in kept]
        await pilot.press("U")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # yes
        await settle(pilot)
        assert app.screen is dashboard
        with Repository(demo_repo.path) as reopened:
            assert [o.id for o in reopened.outcomes(with_outcomes.id)] == [o.id for o in kept]
        assert gone.text not in content(dashboard, "#promise-info-body")


async def test_analysis_dialogue_plan_decision_and_removal_land_in_the_store_file(demo_repo, make_app) -> None:
    problems, mopeds, promise_id = sodertalje_2026(demo_repo)
    vandalism = problems["Skadegörelse vid Bårsta centrum"]
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_situation(pilot)

        await pilot.press("a")  # the analysis: a changed one is version 3
        await pilot.pause()
        analysis = app.screen.query_one("#pic-analysis", TextArea)
        assert analysis.text.startswith("Buskörningen med mopeder")
        analysis.text = "Buskörningen har minskat i Ronna men ökat i Geneta."
        await pilot.press("ctrl+s")
        await settle(pilot, SituationScreen)
        assert "version 3, 2026-11-23" in content(screen, "#situation-summary")

        await pilot.press("d")  # a medborgardialog: a bad count first
        await pilot.pause()
        form = app.screen
        await type_into(pilot, "#dlg-date", "2026-10-05")
        await type_into(pilot, "#dlg-place", "Geneta skola")
        await type_into(pilot, "#dlg-participants", "ett tjugotal")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "'ett tjugotal' är inget antal deltagare" in content(form, "#situation-form-error")
        assert form.query_one("#dlg-place", Input).value == "Geneta skola"
        await type_into(pilot, "#dlg-participants", "21")
        await pilot.press("ctrl+s")
        await settle(pilot, SituationScreen)

        await pilot.press("p")  # the plan decided again, by another body
        await pilot.pause()
        await type_into(pilot, "#dec-body", "Kommunstyrelsen")
        await type_into(pilot, "#dec-date", "2026-11-20")
        await pilot.press("ctrl+s")
        await settle(pilot, SituationScreen)
        assert "beslutad av Kommunstyrelsen 2026-11-20" in content(screen, "#situation-summary")

        await cursor_to(pilot, screen.problems, f"problem:{vandalism.id}")
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")  # "Ta bort" has the focus
        await settle(pilot, SituationScreen)
        assert f"problem:{vandalism.id}" not in [row.key for row in screen.problems.rows_data]

    with Repository(demo_repo.path) as reopened:
        picture = reopened.situation_picture("Södertälje", 2026)
        assert picture.version == 3 and picture.analysis.startswith("Buskörningen har minskat")
        assert picture.earlier[-1].analysis.startswith("Buskörningen med mopeder")  # the old one kept
        dialogue = reopened.dialogues("Södertälje", 2026)[-1]
        assert (dialogue.place, dialogue.participants, dialogue.day.isoformat()) == ("Geneta skola", 21, "2026-10-05")
        plan = reopened.action_plan("Södertälje", 2026)
        assert (plan.decided_by, plan.decided_on.isoformat()) == ("Kommunstyrelsen", "2026-11-20")
        assert len(reopened.action_plans("Södertälje", 2026)) == 2
        assert reopened.problem(vandalism.id) is None


async def test_enter_on_an_action_opens_the_action_list_at_it(demo_repo, make_app) -> None:
    from tui.screens.actions import ActionsScreen
    from tui.widgets.action_table import ActionTable

    problems, mopeds, promise_id = sodertalje_2026(demo_repo)
    action_id = next(m.ref_id for m in demo_repo.measures_of_problem(mopeds.id) if m.kind == ACTION)
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_situation(pilot)
        await pilot.press("enter")
        await cursor_to(pilot, screen.measures, f"action:{action_id}")
        assert f"Åtgärd {action_id}" in content(screen, "#situation-detail-body")
        await pilot.press("enter")
        await settle(pilot, ActionsScreen)
        actions = app.screen
        assert actions.query_one(ActionTable).current_action == action_id
        assert "Historik" in content(actions, "#actions-detail-body")
        await pilot.press("escape")
        await settle(pilot, SituationScreen)
        assert app.screen is screen and screen.measures.selected_key == f"action:{action_id}"


async def test_the_dashboard_names_a_confidential_problem_only_with_the_key(demo_repo, make_app) -> None:
    secret = next(p for p in demo_repo.problems("Södertälje", 2026) if p.confidential)
    agreement_activity = next(m for m in demo_repo.measures_of_problem(secret.id))
    assert agreement_activity.kind == "activity"  # the demo links it to an activity, not a promise
    mopeds = next(p for p in demo_repo.promises() if p.period_label == "2026" and "riktade insatser" in p.text)
    demo_repo.link_problem(secret.id, PROMISE, mopeds.id)
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        dashboard = app.screen
        dashboard.select_id = mopeds.id
        dashboard.refresh_rows()
        await pilot.pause()
        info = content(dashboard, "#promise-info-body")
        assert f"Pr{secret.id} [sekretess]" in info and "Rekrytering" not in info
        await pilot.press("k")
        await pilot.pause()
        assert f"Pr{secret.id} [sekretess] Rekrytering av unga" in content(dashboard, "#promise-info-body")


async def test_an_outcome_reported_in_a_meeting_is_recorded_with_that_meeting(demo_repo, make_app) -> None:
    from store.review.promises import promises_of_meeting

    forum = next(f for f in demo_repo.forums() if f.name == "Chefssamråd Södertälje")
    meeting = demo_repo.meetings_of_forum(forum.id)[-1]
    first = promises_of_meeting(demo_repo, forum.id, meeting.day)[0]
    assert first.follow_up_forum_id == forum.id  # the promises the forum follows up come first
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_meeting(meeting)
        await settle(pilot)
        await pilot.press("f8")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceModal"
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "OutcomeFormModal"
        assert form.query_one("#of-meeting", Select).value == str(meeting.id)  # this meeting, chosen
        await type_into(pilot, "#of-count", "4")
        await type_into(pilot, "#of-text", "trygghetsvandringar rapporterade på mötet")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "MeetingScreen"
    with Repository(demo_repo.path) as reopened:
        outcome = reopened.outcomes(first.id)[-1]
        assert (outcome.count, outcome.text, outcome.meeting_id) == (
            4, "trygghetsvandringar rapporterade på mötet", meeting.id)
