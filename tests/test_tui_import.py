"""The import review shows what the reading is unsure of, and keeps parties by name and
shared municipalities when it saves — driven through the Pilot as a user would."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static, TextArea

from store.model.constants import MUNICIPALITY, POLICE
from store.repository import Repository
from tui.screens.importer import ImportScreen

CORPUS = Path(__file__).resolve().parent / "corpus"
SIZE = (120, 40)


def page(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)[1]


def cells(screen, row: int) -> list[str]:
    return [str(cell) for cell in screen.query_one("#import-table", DataTable).get_row_at(row)]


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def read(pilot, text: str) -> ImportScreen:
    pilot.app.open("import")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-text", TextArea).load_text(text)
    await pilot.press("ctrl+r")
    await pilot.pause()
    return screen


async def test_uncertain_fields_are_marked_and_settled_by_the_user(make_app, tmp_path) -> None:
    text = ("Medborgarlöfte 2024\n• att öka tryggheten i centrum.\n• att minska narkotikabruket.\n\n"
            "Aktiviteter\n• Polisen ska genomföra minst 30 trafikkontroller.\n"
            "• Arbeta med information om grannsamverkan i byarna.\n")
    path = tmp_path / "s.json"
    app = make_app(Repository(path, create=True))
    async with app.run_test(size=SIZE) as pilot:
        screen = await read(pilot, text)
        assert screen.query_one("#import-table", DataTable).row_count == 2
        assert cells(screen, 0)[1] == "– ?"  # several aims: the focus area is the user's
        assert cells(screen, 1)[2] == "– ?"  # nobody named as responsible
        assert "Osäkert: Texten har flera syften före aktiviteterna" in shown(screen, "#import-doubt")
        assert "Texten nämner ingen kommun" in shown(screen, "#import-doubt")

        await pilot.press("down", "p")  # the user chooses the parties: no longer a guess
        await pilot.pause()
        assert cells(screen, 1)[2] == "polisen, kommunen"
        assert "ansvarar" not in shown(screen, "#import-doubt")
        assert "flera syften" in shown(screen, "#import-doubt")


async def test_named_parties_and_shared_municipalities_are_shown_and_saved(make_app, tmp_path) -> None:
    path = tmp_path / "s.json"
    app = make_app(Repository(path, create=True))
    async with app.run_test(size=SIZE) as pilot:
        screen = await read(pilot, page("08_kungalv_2020"))
        assert [cells(screen, i)[2] for i in (0, 1, 6, 7)] == [
            "polisen", "Västtrafik", "Trygga ungdomsmiljöer", "brandförsvaret"]
        await pilot.press("down", "p")  # Västtrafik stays; the police and the municipality join
        await pilot.pause()
        assert cells(screen, 1)[2] == "polisen, kommunen, Västtrafik"
        await pilot.press("ctrl+s")
        await pilot.pause()

        follow_up = await read(pilot, page("09_kungalv_uppfoljning_2020"))
        assert "5 utfall hör till löftet" in shown(follow_up, "#import-doubt")

        shared = await read(pilot, page("01_stenungsund_2023"))
        assert "Stenungsund, Orust, Tjörn" in shown(shared, "#import-detail")
        await pilot.press("ctrl+s")
        await pilot.pause()

    with Repository(path) as reopened:
        promises = reopened.promises()
        vasttrafik = next(p for p in promises if p.text.startswith("Ökad närvaro av ordningsvakter"))
        assert vasttrafik.parties == [POLICE, MUNICIPALITY, "Västtrafik"]
        shared_one = next(p for p in promises if p.text.startswith("Fokusera och prioritera"))
        assert shared_one.all_municipalities() == ["Stenungsund", "Orust", "Tjörn"]


async def test_a_follow_up_pages_outcomes_are_recorded_on_their_promises(make_app, tmp_path) -> None:
    path = tmp_path / "s.json"
    app = make_app(Repository(path, create=True))
    async with app.run_test(size=SIZE) as pilot:
        screen = await read(pilot, page("09_kungalv_uppfoljning_2020"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = shown(screen, "#import-status")
        assert "4 löften sparades" in status and "Utfall registrerade: 3." in status
        assert "Utan antal först, inte registrerade: 11" in status
        # The same page again: its promises are there, and so are their outcomes.
        again = await read(pilot, page("09_kungalv_uppfoljning_2020"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = shown(again, "#import-status")
        assert "4 fanns redan" in status and "Utfall registrerade: 0." in status and "Fanns redan: 3." in status
    with Repository(path) as repo:
        outcomes = {(o.count, o.text) for o in repo.outcomes()}
        assert outcomes == {(2, "riktade narkotikainsatser har genomförts under året."),
                            (40, "genomförda hastighetskontroller med fokus på de platser där medborgarna "
                                 "påtalat att behovet finns."),
                            (10, "kontroller utförda av trafikpolisen med hjälp mobil trafiksäkerhetskamera.")}
        checks = next(p for p in repo.promises() if p.text.startswith("Minst 20 trafikkontroller"))
        assert {o.count for o in repo.outcomes(checks.id)} == {40, 10}


async def test_at_80_columns_the_promise_text_stays_and_the_other_columns_give_way_to_the_detail(make_app, tmp_path) -> None:
    text = ("Medborgarlöfte 2024\n• att öka tryggheten i centrum.\n\nAktiviteter\n"
            "• Polisen ska genomföra minst 30 trafikkontroller vid skolorna under hösten och våren.\n")
    app = make_app(Repository(tmp_path / "s.json", create=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await read(pilot, text)
        table = screen.query_one("#import-table", DataTable)
        assert [str(c.label) for c in table.ordered_columns] == ["Mål", "Löfte"]
        row = cells(screen, 0)
        assert row[0] == "30 under perioden"
        assert row[1].startswith("Polisen ska genomföra minst 30 trafikkontroller") and row[1].endswith("…")
        assert f" {row[1][:-1].split()[-1]} " in text  # cut between words
        # What the table leaves out, the line under it says.
        assert "polisen · " in shown(screen, "#import-detail")
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= 80
