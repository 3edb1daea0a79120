"""One table of exports: the command line and the app both build from it, every kind is
reachable in the app (export screen, command palette, a key where it belongs), and the
confidentiality choice is the same everywhere."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, MarkdownViewer, TextArea

from store.exports.ical import forum_ics
from store.exports.registry import (
    EXPORTS,
    PERIOD,
    ExportKind,
    ExportRequest,
    export_dates,
    parse_dates,
)
from store.exports.reports import actions_markdown, report_markdown
from store.repository import Repository
from store.text.i18n import UserError
from tests.conftest import FROZEN
from tui.cli.main import main
from tui.modals.export_choice import CheckedPromptModal, ExportKindModal
from tui.screens.export import ExportScreen

SIZE = (120, 40)
TODAY = FROZEN.date()


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def preview(screen: ExportScreen) -> str:
    widget = screen.query_one("#export-preview")
    return widget.document.source if isinstance(widget, MarkdownViewer) else widget.text


async def answer(pilot, text: str) -> str:
    """Type ``text`` into the open one-line dialog and press Enter; the dialog's error line
    if it stayed open, else ""."""
    prompt = pilot.app.screen
    assert isinstance(prompt, CheckedPromptModal)
    prompt.query_one("#prompt-input", Input).value = text
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()
    return str(prompt.query_one("#dialog-error").content) if pilot.app.screen is prompt else ""


def enabled(screen) -> set[str]:
    return {b.binding.action for b in screen.active_bindings.values() if b.enabled}


# -- the table -------------------------------------------------------------------------


def test_the_kinds_and_what_they_need() -> None:
    assert list(EXPORTS) == ["minutes", "agenda", "actions", "report", "plan", "ics"]
    assert {name: kind.needs for name, kind in EXPORTS.items()} == {
        "minutes": ("meeting",), "agenda": ("meeting",), "actions": (), "report": ("period",),
        "plan": ("year", "municipality"), "ics": ("forum", "dates"),
    }
    # The calendar and the agenda of a confidential forum (SSPF) keep its agenda items out unless asked.
    assert {name for name, kind in EXPORTS.items() if kind.confidential} == {"minutes", "agenda", "actions", "ics"}
    assert {kind.suffix for kind in EXPORTS.values()} == {".md", ".ics"}


def test_suggested_file_names(demo_repo: Repository) -> None:
    forum = demo_repo.forum_by_name("Måndagsmöte Södertälje")
    meeting = demo_repo.meeting_on(forum.id, date(2026, 11, 16))
    requests = {
        "minutes": ExportRequest(meeting=meeting, today=TODAY),
        "actions": ExportRequest(today=TODAY),
        "report": ExportRequest(period="2026-T3", today=TODAY),
        "ics": ExportRequest(forum=forum, today=TODAY),
    }
    names = {name: EXPORTS[name].file_name(demo_repo, request) for name, request in requests.items()}
    assert names == {
        "minutes": "minnesanteckningar-mandagsmote-sodertalje-2026-11-16.md",
        "actions": "atgarder-2026-11-23.md",
        "report": "loftesuppfoljning-2026-t3.md",
        "ics": "kalender-mandagsmote-sodertalje.ics",
    }


def test_a_kind_that_cannot_carry_confidential_content_ignores_the_request(demo_repo: Repository) -> None:
    report = EXPORTS["report"]
    public = report.document(demo_repo, ExportRequest(period="2026", today=TODAY))
    asked = report.document(demo_repo, ExportRequest(period="2026", today=TODAY, include_confidential=True))
    assert public == asked == report_markdown(demo_repo, "2026", today=TODAY).encode()


def test_dates_default_to_twelve_months_and_are_checked() -> None:
    assert export_dates(None, None, date(2028, 2, 29)) == (date(2028, 2, 29), date(2029, 2, 27))
    assert parse_dates("2026-12-01 – 2027-05-31", TODAY) == (date(2026, 12, 1), date(2027, 5, 31))
    assert parse_dates("2026-12-01", TODAY) == (date(2026, 12, 1), date(2027, 11, 30))
    with pytest.raises(UserError, match="byt plats"):
        parse_dates("2027-05-31 2026-12-01", TODAY)
    with pytest.raises(UserError, match="inga datum"):
        parse_dates("a b c", TODAY)


# -- the command line is built from it -------------------------------------------------------


def test_every_kind_is_a_sub_command_with_the_options_it_needs(demo_store: Path, capsys) -> None:
    for name, kind in EXPORTS.items():
        with pytest.raises(SystemExit):
            main(["export", name, "--help"])
        usage = capsys.readouterr().out
        assert ("--include-confidential" in usage) == kind.confidential, name
        assert ("--period" in usage) == (PERIOD in kind.needs), name
    # A kind that may not carry confidential content does not take the option at all.
    code, out, err = run(capsys, "export", "report", "--period", "2026", "--include-confidential",
                         "--store", str(demo_store))
    assert code == 2 and out == "" and "--include-confidential" in err


async def test_a_new_kind_is_one_row(demo_repo: Repository, make_app, capsys, monkeypatch) -> None:
    """What a later kind (a lägesbild) gets from its row alone: a sub-command with its
    options, the export screen with the confidentiality switch, and a palette command."""

    def make(repo: Repository, request: ExportRequest) -> bytes:
        secret = "med sekretess" if request.include_confidential else "utan sekretess"
        return f"# Lägesbild {request.period}\n\n{secret}\n".encode()

    kind = ExportKind("lagesbild", (PERIOD,), confidential=True, suffix=".md", make=make,
                      file_parts=lambda repo, request: ["lagesbild", request.period or ""],
                      count_confidential=lambda repo, request: 3)
    monkeypatch.setitem(EXPORTS, "lagesbild", kind)
    code, out, _ = run(capsys, "export", "lagesbild", "--period", "2026", "--include-confidential",
                       "--store", str(demo_repo.path))
    assert code == 0 and out == "# Lägesbild 2026\n\nmed sekretess\n"
    code, _, err = run(capsys, "export", "lagesbild", "--period", "2026-T9", "--store", str(demo_repo.path))
    assert code == 2 and err.startswith("'2026-T9' är ingen period")

    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "palette.export.lagesbild" in titles  # its words come from the catalogue
        app.action_export("lagesbild")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen) and screen.kind == "lagesbild"
        assert preview(screen).startswith("# Lägesbild 2026") and "utan sekretess" in preview(screen)
        await pilot.press("t")
        await pilot.pause()
        assert "med sekretess" in preview(screen) and "utan" not in preview(screen)
        assert screen.suggested_path().name == "lagesbild-2026.md"


# -- every kind is reachable in the app -------------------------------------------------------


async def test_palette_offers_every_export(demo_repo: Repository, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for words in ("Exportera minnesanteckningar", "Exportera åtgärdslista", "Exportera löftesuppföljning",
                      "Exportera åtgärdsplan", "Exportera kalender (iCalendar)"):
            assert words in titles


async def test_actions_screen_key_exports_the_action_list_with_the_confidential_switch(
        demo_repo: Repository, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("actions")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen) and screen.kind == "actions"
        assert preview(screen) == actions_markdown(demo_repo, today=TODAY)
        assert "toggle_confidential" in enabled(screen) and "change_period" not in enabled(screen)
        await pilot.press("t")
        await pilot.pause()
        assert preview(screen) == actions_markdown(demo_repo, include_confidential=True, today=TODAY)
        assert "MED" in str(screen.query_one("#export-status").content)


async def test_promises_key_exports_the_report_for_the_period_in_the_filter(demo_repo: Repository, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("promises")
        await pilot.pause()
        app.screen.query_one("#flt-period", Input).value = "2026-T3"
        await pilot.pause(0.5)
        app.screen.query_one("#promises-table").focus()
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen) and screen.kind == "report" and screen.period == "2026-T3"
        assert preview(screen) == report_markdown(demo_repo, "2026-T3", today=TODAY)
        assert "toggle_confidential" not in enabled(screen)


async def test_forums_key_exports_the_highlighted_forums_calendar(demo_repo: Repository, make_app,
                                                                  tmp_path: Path) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("forums")
        await pilot.pause()
        forum = app.screen.current
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen) and screen.kind == "ics"
        assert isinstance(screen.query_one("#export-preview"), TextArea)
        expected = forum_ics(demo_repo, forum, TODAY, date(2027, 11, 22))
        assert screen.text.encode() == expected
        # The same choice as the minutes: a confidential forum's agenda items only with t.
        assert "toggle_confidential" in enabled(screen)
        # p: other dates, checked in the dialog.
        await pilot.press("p")
        await pilot.pause()
        assert "byt plats" in await answer(pilot, "2027-01-01 2026-01-01")
        assert await answer(pilot, "2027-03-22 2027-04-09") == ""
        assert app.screen is screen
        assert screen.text.encode() == forum_ics(demo_repo, forum, date(2027, 3, 22), date(2027, 4, 9))
        assert screen.suggested_path().suffix == ".ics"


async def test_minutes_from_the_palette_ask_which_meeting(demo_repo: Repository, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("actions")  # a screen that shows no meeting
        await pilot.pause()
        app.action_export("minutes")
        await pilot.pause()
        assert "har inget möte 2026-11-24" in await answer(pilot, "Måndagsmöte@2026-11-24")
        assert await answer(pilot, "Måndagsmöte Södertälje@2026-11-16") == ""
        screen = app.screen
        assert isinstance(screen, ExportScreen) and screen.kind == "minutes"
        assert preview(screen).startswith("# Minnesanteckningar – Måndagsmöte Södertälje, måndag 16 november 2026")


async def test_export_screen_switches_to_another_kind(demo_repo: Repository, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("export", "report", period="2026")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportKindModal)
        await pilot.press("up", "enter")  # from report to the action list
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen) and screen.kind == "actions"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)  # the report was replaced, not stacked


async def test_minutes_from_the_palette_in_a_meeting_are_that_meetings(demo_repo: Repository, make_app) -> None:
    forum = demo_repo.forum_by_name("Måndagsmöte Södertälje")
    meeting = demo_repo.ensure_meeting(forum, date(2026, 11, 16))
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("meeting", meeting.id)
        await pilot.pause()
        app.action_export("minutes")  # what the palette's "Exportera minnesanteckningar" runs
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen) and screen.kind == "minutes"
        assert preview(screen).startswith("# Minnesanteckningar – Måndagsmöte Södertälje, måndag 16 november 2026")
