"""The chair's review screens driven like a user: actions (filter, sort, group, bulk
change, detail, a 20,000-action store), the promise dashboard and its form, and
search. Every assert is about what is on screen or what lands in the store."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Checkbox, DataTable, Input, Select, Static, TextArea

from store.model.constants import ACTIVE_STATUSES, DONE
from store.model.forum import Forum
from store.model.promise import Promise, Target
from store.repository import Repository
from store.review.action_index import ActionIndex
from store.review.action_rows import ActionFilter
from store.rules import calendar as cal
from tests.conftest import FROZEN
from tui.widgets.action_table import ActionTable

TODAY = FROZEN.date()
SIZE = (120, 40)


async def settle(pilot, screen_type=None) -> None:
    """Wait until the screen has read the store (it does so after its first paint)."""
    for _ in range(100):
        await pilot.pause()
        screen = pilot.app.screen
        if (screen_type is None or isinstance(screen, screen_type)) and getattr(screen, "loaded", True):
            break
    await pilot.pause()


def visible_text(widget) -> list[str]:
    """The lines an ActionTable paints, as plain text."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def public_active(repo: Repository) -> dict[int, dict]:
    return {
        int(k): d for k, d in repo.action_docs().items()
        if d["status"] in ACTIVE_STATUSES and not d.get("confidential")
    }


async def open_actions(pilot, **kwargs):
    from tui.screens.actions import ActionsScreen

    pilot.app.open("actions", **kwargs)
    await settle(pilot, ActionsScreen)
    return pilot.app.screen


# -- actions -----------------------------------------------------------------------------


async def test_overdue_filter_shows_exactly_the_overdue_actions(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(pilot)
        table = screen.query_one(ActionTable)
        await pilot.press("o")
        await pilot.pause()
        expected = {i for i, d in public_active(demo_repo).items() if d["due"] and d["due"] < TODAY.isoformat()}
        assert expected, "the demo has overdue actions"
        shown = table.visible_rows()
        assert {row.id for row in shown} == expected
        assert all(row.overdue and row.due < TODAY for row in shown)
        # Most overdue first, and the indicator counts them.
        assert [row.due for row in shown] == sorted(row.due for row in shown)
        assert f"av {len(expected)}" in static_text(screen, "#actions-status")
        assert "försenade" in static_text(screen, "#actions-filters")


async def test_filter_dialog_and_free_text(demo_repo, make_app) -> None:
    from tui.modals.action_filter import ActionFilterModal

    johan = next(p for p in demo_repo.people() if p.name == "Johan Berg")
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(pilot)
        table = screen.query_one(ActionTable)
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionFilterModal)
        for status in ("done", "cancelled"):
            dialog.query_one(f"#st-{status}", Checkbox).value = True
        dialog.query_one("#flt-owner", Select).value = johan.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        expected = {int(k) for k, d in demo_repo.action_docs().items()
                    if d["owner_person_id"] == johan.id and not d.get("confidential")}
        assert {row.id for row in table.visible_rows()} == expected
        assert "ansvarig: Johan Berg" in static_text(screen, "#actions-filters")
        # Free text: every word must be in the text, typed in the line above the table;
        # x first went back to the default view (open and in progress).
        await pilot.press("x", "slash", *"BOKA lokal", "enter")
        await pilot.pause()
        shown = table.visible_rows()
        assert shown and all("boka lokal" in row.text.casefold() for row in shown)
        assert len(shown) == sum(1 for d in demo_repo.action_docs().values()
                                 if "boka lokal" in d["text"].casefold() and not d.get("confidential")
                                 and d["status"] in ("open", "in_progress"))


async def test_sort_by_due_descending(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(pilot)
        await pilot.press("d")
        await pilot.pause()
        table = screen.query_one(ActionTable)
        latest = max(d["due"] for d in public_active(demo_repo).values() if d["due"])
        first = table.visible_rows()[0]
        assert first.due.isoformat() == latest
        assert "klart senast ▼" in visible_text(table)[0]
        # s steps to the next column; clicking a heading sorts by that column.
        await pilot.press("s")
        await pilot.pause()
        assert screen.sort == "owner" and "ansvarig ▲" in visible_text(table)[0]
        x = next(x for column, x, _ in table._columns_at() if column.key == "text")
        await pilot.click(ActionTable, offset=(x + 1, 0))
        await pilot.pause()
        assert screen.sort == "text"
        texts = [row.text for row in table.visible_rows()]
        assert texts[0].casefold() <= texts[-1].casefold()


async def test_grouping_by_owner_shows_counts(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert screen.group_by == "owner"
        lines = "\n".join(visible_text(screen.query_one(ActionTable)))
        people = {p.id: p.name for p in demo_repo.people()}
        counts: dict[str, int] = {}
        for doc in public_active(demo_repo).values():
            name = people[doc["owner_person_id"]]
            counts[name] = counts.get(name, 0) + 1
        for name, count in counts.items():
            assert f"{name} ({count})" in lines
        assert "Grupperat på ansvarig" in static_text(screen, "#actions-filters")


async def test_bulk_change_of_two_marked_actions(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(pilot)
        table = screen.query_one(ActionTable)
        first, second = [row.id for row in table.visible_rows()[:2]]
        before = {i: len(demo_repo.action(i).history) for i in (first, second)}
        await pilot.press("space", "space")
        assert table.marked == {first, second}
        assert "2 markerade" in static_text(screen, "#actions-status")
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("3")  # 1 öppen, 2 pågår, 3 klar, 4 struken
        await pilot.pause()
        for action_id in (first, second):
            action = demo_repo.action(action_id)
            assert action.status == DONE
            assert len(action.history) == before[action_id] + 1
            assert action.history[-1].status == DONE
        # Done actions leave the default list (open and in progress) and the marks are gone.
        assert not {first, second} & {row.id for row in table.visible_rows()}
        assert table.marked == set()


async def test_detail_pane_shows_the_dated_history(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(pilot)
        table = screen.query_one(ActionTable)
        # An action handled in a later meeting has two dated history lines.
        target = next(i for i in table._lines if len(demo_repo.action(i).history) >= 2)
        table.move_cursor(table.line_of(target))
        await pilot.pause()
        action = demo_repo.action(target)
        detail = static_text(screen, "#actions-detail-body")
        assert f"Åtgärd {target}" in detail
        for event in action.history:
            assert cal.format_date(event.at) in detail
        origin = demo_repo.meeting(action.origin_meeting_id)
        assert cal.format_date(origin.day) in detail
        # m opens the meeting it came from.
        await pilot.press("m")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
        assert app.screen.meeting.id == action.origin_meeting_id


async def test_confidential_actions_only_when_toggled(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(pilot)
        table = screen.query_one(ActionTable)
        secret = {int(k) for k, d in demo_repo.action_docs().items()
                  if d.get("confidential") and d["status"] in ACTIVE_STATUSES}
        assert secret
        assert not secret & {row.id for row in table.visible_rows()}
        assert not screen.query_one("#actions-secret").display
        await pilot.press("k")
        await pilot.pause()
        assert secret <= {row.id for row in table.visible_rows()}
        assert screen.query_one("#actions-secret").display
        assert "SEKRETESS VISAS" in static_text(screen, "#actions-secret")


async def test_twenty_thousand_actions_are_virtualised(make_app, frozen) -> None:
    repo = Repository.memory()
    forum = repo.save_forum(Forum(name="Måndagsmöte"))
    meeting = repo.ensure_meeting(forum, TODAY - timedelta(days=7))
    with repo.transaction():
        for n in range(20_000):
            repo.add_action(meeting, f"Åtgärd nummer {n}", due=TODAY + timedelta(days=n % 400))
    expected = ActionIndex(repo, today=TODAY).query(ActionFilter(status={"active"}), "due")
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(pilot)
        table = screen.query_one(ActionTable)
        assert table.line_count == 20_000
        assert table.cached_rows <= 300
        status = static_text(screen, "#actions-status")
        assert "rad 1–" in status and "av 20\u00a0000" in status
        await pilot.press("end")
        await pilot.pause()
        assert table.visible_rows()[-1].id == expected[-1]
        assert "–20\u00a0000 av 20\u00a0000" in static_text(screen, "#actions-status")
        await pilot.press("pageup", "up", "o", "o", "d")
        await pilot.pause()
        assert table.cached_rows <= 300
    repo.close()


# -- promises ----------------------------------------------------------------------------


async def open_promises(pilot):
    from tui.screens.promises import PromisesScreen

    pilot.app.open("promises")
    await settle(pilot, PromisesScreen)
    return pilot.app.screen


def promise_cells(screen, promise_id: int) -> list[str]:
    table = screen.query_one("#promises-table", DataTable)
    return [str(cell) for cell in table.get_row(str(promise_id))]


async def test_dashboard_shows_state_and_progress(demo_repo, make_app) -> None:
    from store.review.promises import promise_progress

    with_target = next(p for p in demo_repo.promises() if p.target and p.period_label == "2026")
    # Without a number and not evaluated (the demo's 2026 one is evaluated: "delvis hållet").
    without = next(p for p in demo_repo.promises() if p.target is None and demo_repo.evaluation(p.id) is None)
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_promises(pilot)
        progress = promise_progress(demo_repo, with_target, TODAY)
        cells = promise_cells(screen, with_target.id)
        assert f"{progress.done} / {progress.target_total}" in cells[4]
        assert cells[5] == {"at_risk": "i riskzonen", "on_track": "i fas", "kept": "hållet",
                            "not_kept": "inte hållet", "not_started": "inte påbörjat"}[progress.state]
        plain = promise_progress(demo_repo, without, TODAY)
        cells = promise_cells(screen, without.id)
        assert "/" not in cells[4]
        assert f"{len(plain.linked)} åtgärder, {plain.done} klara" in cells[4]
        assert cells[5] == "inget mätbart mål"
        # The detail lists the linked actions and the meetings where they were handled.
        table = screen.query_one("#promises-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(with_target.id)))
        await pilot.pause()
        linked = screen.query_one("#promise-linked-table", DataTable)
        assert linked.row_count == len([i for i in progress.linked if not demo_repo.action(i).confidential])
        first = demo_repo.action(int(str(linked.get_row_at(0)[0])))
        origin = demo_repo.meeting(first.origin_meeting_id)
        assert cal.format_date(origin.day) in str(linked.get_row_at(0)[linked.shown_keys.index("handled")])


async def test_dashboard_filters_by_municipality(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_promises(pilot)
        screen.query_one("#flt-municipality", Select).value = "Nykvarn"
        await pilot.pause()
        table = screen.query_one("#promises-table", DataTable)
        nykvarn = [p for p in demo_repo.promises() if p.municipality == "Nykvarn"]
        assert table.row_count == len(nykvarn)
        screen.query_one("#flt-period", Input).value = "ingen period"
        await pilot.pause(0.5)
        assert "ingen period" in static_text(screen, "#promises-error")


async def test_creating_a_promise_through_the_form(demo_repo, make_app) -> None:
    from tui.modals.promise_form import PromiseFormModal

    app = make_app(demo_repo)
    before = {p.id for p in demo_repo.promises()}
    async with app.run_test(size=SIZE) as pilot:
        await open_promises(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PromiseFormModal)
        # Saving an empty form: one sentence, the form stays open.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PromiseFormModal)
        assert "Skriv löftets text" in static_text(form, "#promise-form-error")
        form.query_one("#pf-text", TextArea).text = "Polisen lovar minst fyra trygghetsvandringar i Hovsjö."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Kryssa i vem som lovar" in static_text(form, "#promise-form-error")
        assert form.query_one("#pf-text", TextArea).text.startswith("Polisen lovar")  # typed text kept
        form.query_one("#pf-party-police", Checkbox).value = True
        form.query_one("#pf-municipality", Input).value = "Södertälje"
        form.query_one("#pf-period_label", Input).value = "2027"
        form.query_one("#pf-target_count", Input).value = "fyra"
        form.query_one("#pf-target_per", Select).value = "year"
        form.query_one("#pf-follow_up_forum", Select).value = str(demo_repo.forums()[0].id)
        form.query_one("#pf-follow_up_cadence", Input).value = "varje tertial"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PromiseFormModal)
        await pilot.pause()
        new = [p for p in demo_repo.promises() if p.id not in before]
        assert len(new) == 1
        promise = new[0]
        assert promise.parties == ["police"]
        assert (promise.period_start, promise.period_end) == (date(2027, 1, 1), date(2027, 12, 31))
        assert promise.target == Target(4, "year")
        assert promise.follow_up_forum_id == demo_repo.forums()[0].id
        assert promise.follow_up_cadence == "varje tertial"
        # It is on the dashboard, as a promise that has not started yet.
        cells = promise_cells(app.screen, promise.id)
        assert "0 / 4" in cells[4] and cells[5] == "inte påbörjat"


async def test_editing_a_promise_and_its_agreement(demo_repo, make_app) -> None:
    from tui.modals.agreement_form import AgreementFormModal

    promise = demo_repo.save_promise(Promise(text="Kommunen lovar bättre belysning", parties=["municipality"],
                                             municipality="Södertälje"))
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_promises(pilot)
        table = screen.query_one("#promises-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(promise.id)))
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AgreementFormModal)
        form.query_one("#af-name", Input).value = "Samverkansöverenskommelse 2027–2029"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = [a for a in demo_repo.agreements() if a.name.endswith("2027–2029")]
        assert saved and saved[0].start == date(2027, 1, 1) and saved[0].end == date(2029, 12, 31)
        await pilot.press("e")
        await pilot.pause()
        edit = app.screen
        edit.query_one("#pf-agreement", Select).value = str(saved[0].id)
        edit.query_one("#pf-period_start", Input).value = "2027-13-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "'2027-13-01' är inget datum" in static_text(edit, "#promise-form-error")
        edit.query_one("#pf-period_start", Input).value = "2027-01-01"
        edit.query_one("#pf-period_end", Input).value = "2027-06-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = demo_repo.promise(promise.id)
        assert stored.agreement_id == saved[0].id
        assert (stored.period_start, stored.period_end) == (date(2027, 1, 1), date(2027, 6, 30))


# -- search --------------------------------------------------------------------------------


async def search_for(pilot, text: str) -> DataTable:
    await pilot.press("ctrl+a", "ctrl+k", *list(text))
    await pilot.pause(0.3)
    await pilot.pause()
    return pilot.app.screen.query_one("#search-results", DataTable)


async def test_search_finds_swedish_words_and_hides_confidential(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")  # from home
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "SearchScreen"
        results = await search_for(pilot, "BÅRSTA")
        assert results.row_count > 0
        snippets = [str(results.get_row_at(i)[3]) for i in range(results.row_count)]
        assert all("bårsta" in s.casefold() for s in snippets)
        assert "träffar" in static_text(screen, "#search-status")
        # SSPF notes about a pupil are confidential: not found until shown on purpose.
        results = await search_for(pilot, "elev årskurs frånvaro")
        assert results.row_count == 0
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.pause()
        assert results.row_count > 0
        assert "sekretess" in str(results.get_row_at(0)[3])
        assert screen.query_one("#search-secret").display
        # Enter opens the meeting of the highlighted hit.
        hit = screen.hits[0]
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
        assert app.screen.meeting.id == hit.meeting_id
