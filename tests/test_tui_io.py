"""Export preview, save-as and promise import, driven through the Pilot as a user would.

Assertions are on what the user sees (the preview, the status sentence, the table, the
dialog's error line, the notifications) or on what lands on disk and in the store.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, MarkdownViewer, Select, Static, TextArea

from store.demo.build import seed_text
from store.exports.files import actions_markdown, minutes_markdown, report_markdown
from store.exports.registry import slug
from store.model.constants import HELD, MUNICIPALITY, POLICE
from store.model.meeting import Meeting
from store.model.promise import Target
from store.repository import Repository
from store.text.i18n import t
from tui.modals.confirm import ConfirmModal
from tui.modals.save_as import PathModal, SaveAsModal
from tui.screens.export import ExportScreen
from tui.screens.importer import ImportScreen, TargetModal

NYKVARN = seed_text("nykvarn-medborgarloften-2021-2022.txt")
SECRET = "Eleven i 8B har setts sälja snus vid fritidsgården"
SIZE = (120, 40)


def held_monday_meeting(repo: Repository) -> Meeting:
    forum = next(f for f in repo.forums() if f.kind == "mandagsmote")
    held = [m for m in repo.meetings_between(date(2026, 11, 1), date(2026, 11, 22), [forum.id]) if m.status == HELD]
    return held[-1]


def record_notifications(app) -> list[str]:
    seen: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return seen


def preview(screen) -> str:
    return screen.query_one("#export-preview", MarkdownViewer).document.source


def status(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def save_via_modal(pilot, path: Path | str) -> None:
    await pilot.press("s")
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, SaveAsModal)
    modal.query_one("#path-input", Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()


# -- export ------------------------------------------------------------------------------


def test_suggested_file_names_are_plain_ascii() -> None:
    assert slug("Måndagsmöte Södertälje") == "mandagsmote-sodertalje"
    assert slug("SSPF Hovsjöskolan / Ärende") == "sspf-hovsjoskolan-arende"
    assert slug("2026-T3") == "2026-t3"


async def test_minutes_leave_out_confidential_until_the_user_includes_them(demo_repo, make_app, tmp_path) -> None:
    meeting = held_monday_meeting(demo_repo)
    demo_repo.add_entry(meeting, "info", SECRET, confidential=True)
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        app.open("export", "minutes", meeting_id=meeting.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert SECRET not in preview(screen)
        assert status(screen, "#export-status") == "Sekretessbelagda punkter utelämnas (1 st)."
        assert "Måndagsmöte Södertälje" in status(screen, "#export-title")

        await pilot.press("t")
        await pilot.pause()
        assert SECRET in preview(screen)
        assert "MED" in status(screen, "#export-status")
        assert "dela inte utanför gruppen" in status(screen, "#export-status")
        assert screen.query_one("#export-status").has_class("-included")

        target = tmp_path / "ut" / "protokoll.md"
        target.parent.mkdir()
        await save_via_modal(pilot, target)
        assert app.screen is screen
        assert target.read_text(encoding="utf-8") == minutes_markdown(demo_repo, meeting, include_confidential=True)
        assert any(str(target) in note and "sekretessbelagda" in note for note in notes)

        await pilot.press("t")  # back to the public version: saving again overwrites after a yes
        await pilot.pause()
        await save_via_modal(pilot, target)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#yes")
        await pilot.pause()
        assert app.screen is screen
        public = target.read_text(encoding="utf-8")
        assert public == minutes_markdown(demo_repo, meeting, include_confidential=False)
        assert SECRET not in public
        assert sorted(p.name for p in target.parent.iterdir()) == ["protokoll.md"]  # no temp file left

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)


async def test_declining_overwrite_keeps_the_file_and_the_dialog(demo_repo, make_app, tmp_path) -> None:
    meeting = held_monday_meeting(demo_repo)
    target = tmp_path / "finns.md"
    target.write_text("gammal text\n", encoding="utf-8")
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("export", "minutes", meeting_id=meeting.id)
        await pilot.pause()
        await save_via_modal(pilot, target)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#no")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsModal)
        assert app.screen.query_one("#path-input", Input).value == str(target)
    assert target.read_text(encoding="utf-8") == "gammal text\n"


@pytest.mark.parametrize("where", ["under_a_file", "proc"])
async def test_unwritable_path_is_one_sentence_and_writes_nothing(demo_repo, make_app, tmp_path, where) -> None:
    meeting = held_monday_meeting(demo_repo)
    blocker = tmp_path / "vanlig-fil.txt"
    blocker.write_text("x", encoding="utf-8")
    path = blocker / "protokoll.md" if where == "under_a_file" else Path("/proc/protokoll.md")
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("export", "minutes", meeting_id=meeting.id)
        await pilot.pause()
        await save_via_modal(pilot, path)
        modal = app.screen
        assert isinstance(modal, SaveAsModal)  # still open, path kept
        assert modal.query_one("#path-input", Input).value == str(path)
        error = modal.error
        reason = "en del av sökvägen är en fil, inte en mapp" if where == "under_a_file" else "finns inte"
        assert error == f"Kunde inte spara {path} ({reason}) – ingen fil skrevs; välj en annan plats."
        assert "\n" not in error and "Traceback" not in error
    assert not path.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["vanlig-fil.txt"]


async def test_missing_folder_and_folder_as_file_are_explained(demo_repo, make_app, tmp_path) -> None:
    meeting = held_monday_meeting(demo_repo)
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("export", "minutes", meeting_id=meeting.id)
        await pilot.pause()
        await save_via_modal(pilot, tmp_path / "finns-inte" / "protokoll.md")
        assert "finns inte" in app.screen.error
        app.screen.query_one("#path-input", Input).value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert "är en mapp" in app.screen.error


async def test_copy_puts_exactly_the_preview_on_the_clipboard(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        app.open("export", "actions")
        await pilot.pause()
        screen = app.screen
        assert preview(screen) == actions_markdown(demo_repo, include_confidential=False, today=date(2026, 11, 23))
        await pilot.press("k")
        await pilot.pause()
        assert app.clipboard == preview(screen)
        assert any("kopierad" in note for note in notes)


async def test_report_for_a_year_has_no_confidential_switch_and_a_period_key(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("export", "report", period="2026")
        await pilot.pause()
        screen = app.screen
        text = preview(screen)
        assert text.startswith("# Uppföljning av medborgarlöften – 2026")
        assert text == report_markdown(demo_repo, "2026", today=date(2026, 11, 23))
        assert "aldrig med sekretessbelagda" in status(screen, "#export-status")
        shown = {b.binding.action for b in screen.active_bindings.values() if b.enabled}
        assert "change_period" in shown and "toggle_confidential" not in shown

        await pilot.press("t")  # no switch: nothing changes
        await pilot.pause()
        assert preview(screen) == text

        await pilot.press("p")
        await pilot.pause()
        prompt = app.screen
        prompt.query_one("#prompt-input", Input).value = "2026-T7"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prompt
        assert "ingen period" in str(prompt.query_one("#dialog-error", Static).content)
        prompt.query_one("#prompt-input", Input).value = "2026-T3"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is screen
        assert preview(screen).startswith("# Uppföljning av medborgarlöften – 2026, tertial 3")
        assert "2026-T3" in status(screen, "#export-title")


async def test_unknown_meeting_is_one_sentence(demo_repo, make_app) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        app.open("export", "minutes", meeting_id=99999)
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert "Mötet 99999 finns inte längre." in notes


# -- import ------------------------------------------------------------------------------


async def read_seed(pilot, text: str = NYKVARN) -> ImportScreen:
    pilot.app.open("import")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-text", TextArea).load_text(text)
    await pilot.press("ctrl+r")
    await pilot.pause()
    return screen


def cells(screen, row: int) -> list[str]:
    return [str(cell) for cell in screen.query_one("#import-table", DataTable).get_row_at(row)]


async def test_import_review_drop_edit_and_save(make_app, tmp_path) -> None:
    path = tmp_path / "ny" / "samverkan.json"
    repo = Repository(path, create=True)
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        screen = await read_seed(pilot)
        table = screen.query_one("#import-table", DataTable)
        assert table.row_count == 5
        assert "Nykvarn" in status(screen, "#import-status")
        assert cells(screen, 0)[0] == "2021-2022"
        assert cells(screen, 0)[3] == "2 under perioden"
        assert app.focused is table

        await pilot.press("down", "d")  # drop the second promise
        await pilot.pause()
        dropped_text = screen.rows[1].promise.text
        assert "tas bort" in cells(screen, 1)[4]
        assert status(screen, "#import-status") == "4 av 5 löften sparas."

        await pilot.press("up", "m")  # change the first one's target
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, TargetModal)
        modal.query_one("#target-per", Select).value = "year"
        count = modal.query_one("#target-count", Input)
        count.value = ""
        await pilot.press("3", "enter")
        await pilot.pause()
        assert cells(screen, 0)[3] == "3 per år"

        await pilot.press("p")  # kommun och polis → polisen
        await pilot.pause()
        assert cells(screen, 0)[2] == "polisen"

        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#prompt-input", Input).value = "Trygghet i centrum"
        await pilot.press("enter")
        await pilot.pause()
        assert cells(screen, 0)[1] == "Trygghet i centrum"

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "4 löften sparades." in notes
        assert status(screen, "#import-status") == "4 löften sparades."
        assert table.row_count == 0

    with Repository(path) as reopened:
        promises = reopened.promises()
        assert len(promises) == 4
        assert dropped_text not in [p.text for p in promises]
        first = next(p for p in promises if p.text.startswith("kommer trygghetsvandringar"))
        assert first.target == Target(3, "year")
        assert first.parties == [POLICE]
        assert first.focus_area == "Trygghet i centrum"
        assert first.municipality == "Nykvarn"
        nattvandrare = next(p for p in promises if "nattvandrarerna" in p.text)
        assert nattvandrare.parties == [MUNICIPALITY]


async def test_import_skips_promises_the_store_already_has(demo_repo, make_app) -> None:
    before = len(demo_repo.promises())
    app = make_app(demo_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await read_seed(pilot)
        assert screen.query_one("#import-table", DataTable).row_count == 5
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert status(screen, "#import-status") == "Inga nya löften sparades; 5 fanns redan."
    with Repository(demo_repo.path) as reopened:
        assert len(reopened.promises()) == before


async def test_plain_text_gives_the_importers_sentence(make_app, tmp_path) -> None:
    repo = Repository(tmp_path / "s.json", create=True)
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("import")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"Hej alla, mötet flyttas till tisdag.")
        assert screen.query_one("#import-text", TextArea).text == "Hej alla, mötet flyttas till tisdag."
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert status(screen, "#import-status") == t("importer.none_found")
        assert screen.query_one("#import-table", DataTable).row_count == 0
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert repo.promises() == []


async def test_open_file_reads_utf8_and_explains_what_it_cannot(make_app, tmp_path) -> None:
    repo = Repository(tmp_path / "s.json", create=True)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Medborgarlöften 2024\n- kommer polisen att gå\n".encode("latin-1"))
    good = tmp_path / "nykvarn.txt"
    good.write_text(NYKVARN, encoding="utf-8")
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        app.open("import")
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+o")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, PathModal)
        for path, sentence in ((latin1, "är ingen text i UTF-8"), (tmp_path / "saknas.txt", "(finns inte) – kontrollera sökvägen")):
            modal.query_one("#path-input", Input).value = str(path)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is modal
            assert sentence in modal.error
        modal.query_one("#path-input", Input).value = str(good)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#import-table", DataTable).row_count == 5


async def test_leaving_with_unsaved_rows_asks_first(make_app, tmp_path) -> None:
    repo = Repository(tmp_path / "s.json", create=True)
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await read_seed(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#no")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
    assert repo.promises() == []
