"""The command line is a contract: JSON keys, exit codes and one-sentence errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from store.demo.build import seed_text
from store.repository import Repository
from tui.cli.main import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_creates_an_empty_store_once(tmp_path: Path, capsys) -> None:
    path = tmp_path / "ny" / "samverkan.json"
    assert run(capsys, "init", "--store", str(path))[0] == 0
    with Repository(path) as repo:
        assert repo.forums() == []
    code, _, err = run(capsys, "init", "--store", str(path))
    assert code == 2 and "finns redan" in err


def test_store_from_environment(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "env.json"
    monkeypatch.setenv("SAMVERKAN_STORE", str(path))
    assert run(capsys, "init")[0] == 0
    code, out, _ = run(capsys, "check", "--format", "json")
    assert code == 0 and json.loads(out)["path"] == str(path)


def test_meetings_lists_series_with_holidays_and_chairs(demo_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "meetings", "--store", str(demo_store), "--forum", "Måndagsmöte",
                       "--from", "2027-03-22", "--to", "2027-04-09", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert set(rows[0]) >= {"id", "forum", "start", "week", "chair", "status"}
    # Annandag påsk 2027-03-29 moves the Monday meeting to Tuesday.
    assert [r["date"] for r in rows] == ["2027-03-22", "2027-03-30", "2027-04-05"]
    assert rows[1]["start"] == "2027-03-30T09:00:00+02:00"
    assert rows[1]["week"] == 13 and rows[1]["chair"] == "Polisen Södertälje"
    assert rows[0]["id"] is None and rows[0]["status"] == "planned"


def test_rotating_chair_of_chefssamrad(demo_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "meetings", "--store", str(demo_store), "--forum", "Chefssamråd",
                       "--from", "2027-01-01", "--to", "2028-12-31", "--format", "json")
    rows = json.loads(out)
    assert len(rows) == 8  # four times a year
    chairs = {r["date"][:4]: r["chair"] for r in rows}
    assert chairs["2027"] == "Erik Holmberg (stadsdirektör)"
    assert chairs["2028"] == "Sara Nyström (brandchef)"


def test_log_then_show(demo_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "log", "--store", str(demo_store), "--forum", "Måndagsmöte",
                       "--date", "2026-11-23", "b", "Polisen", "genomför", "riktad", "insats")
    assert code == 0
    entry_id = int(out.strip())
    code, out, _ = run(capsys, "log", "--store", str(demo_store), "--forum", "Måndagsmöte",
                       "--date", "2026-11-23", "--format", "json",
                       "å Kartlägga belysning i Bårsta @kommunen @Anna !fredag")
    assert code == 0
    action = json.loads(out)
    assert action["kind"] == "action" and action["due"] == "2026-11-27"
    assert action["organisation"] == "Södertälje kommun" and action["owner"] == "Anna Sjöberg"
    code, out, _ = run(capsys, "show", "--store", str(demo_store), "Måndagsmöte@2026-11-23", "--format", "json")
    view = json.loads(out)
    assert [e["text"] for e in view["entries"]] == ["Polisen genomför riktad insats"]
    assert view["entries"][0]["id"] == entry_id and view["entries"][0]["kind"] == "decision"
    assert [a["text"] for a in view["actions"]] == ["Kartlägga belysning i Bårsta"]
    assert view["week"] == 48 and view["weekday"] == "måndag"


def test_confidential_stays_out_of_show_unless_asked(demo_store: Path, capsys) -> None:
    run(capsys, "log", "--store", str(demo_store), "--forum", "SSPF Ronnaskolan", "--date", "2026-12-08",
        "i Oro för en elev i årskurs 8")
    code, out, _ = run(capsys, "show", "--store", str(demo_store), "SSPF Ronnaskolan@2026-12-08")
    assert code == 0 and "Oro för en elev" not in out and "1 sekretessbelagd punkt" in out
    code, out, _ = run(capsys, "show", "--store", str(demo_store), "SSPF Ronnaskolan@2026-12-08",
                       "--include-confidential")
    assert "Oro för en elev" in out


@pytest.mark.parametrize(
    "args, phrase",
    [
        (["log", "--forum", "Okänt forum", "i text"], "Det finns inget forum som heter 'Okänt forum'"),
        (["log", "--forum", "Måndagsmöte", "--date", "2026-13-01", "i text"], "'2026-13-01' är inget datum"),
        (["log", "--forum", "Måndagsmöte", "å Något !30/2"], "30/2"),
        (["log", "--forum", "Måndagsmöte", "å Något @Okändsson"], "ingen ansvarig som heter 'Okändsson'"),
        (["show", "9999"], "inget möte med nummer 9999"),
        (["show", "Måndagsmöte@2026-11-24"], "har inget möte 2026-11-24"),
        (["meetings", "--from", "igår"], "'igår' är inget datum"),
        (["meetings", "--bogus"], "Felaktiga argument"),
    ],
)
def test_errors_are_one_sentence_and_exit_2(demo_store: Path, capsys, args, phrase) -> None:
    before = demo_store.read_bytes()
    code, out, err = run(capsys, *args, "--store", str(demo_store))
    assert code == 2
    assert phrase in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert demo_store.read_bytes() == before


def test_add_owner_creates_the_person(demo_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "log", "--store", str(demo_store), "--forum", "Måndagsmöte", "--add-owner",
                       "--format", "json", "å Ringa bostadsbolaget @Nils_Persson !v. 50")
    assert code == 0
    assert json.loads(out)["owner"] == "Nils Persson" and json.loads(out)["due"] == "2026-12-11"
    with Repository(demo_store) as repo:
        assert any(p.name == "Nils Persson" for p in repo.people())


def test_english_is_a_setting(demo_store: Path, capsys) -> None:
    code, _, err = run(capsys, "--lang", "en", "show", "9999", "--store", str(demo_store))
    assert code == 2 and "There is no meeting number 9999" in err
    assert run(capsys, "config", "--set-lang", "en")[0] == 0
    code, _, err = run(capsys, "show", "9999", "--store", str(demo_store))
    assert "There is no meeting number 9999" in err
    run(capsys, "config", "--set-lang", "sv")




def test_import_promises_dry_run_then_save_then_skip_duplicates(tmp_path: Path, capsys) -> None:
    store = tmp_path / "s.json"
    run(capsys, "init", "--store", str(store))
    seed = tmp_path / "strangnas.txt"
    seed.write_text(seed_text("strangnas-medborgarloften-2019-2020.txt"), encoding="utf-8")
    seed = str(seed)
    code, out, err = run(capsys, "import", "promises", seed, "--dry-run", "--format", "json", "--store", str(store))
    rows = json.loads(out)
    assert code == 0 and len(rows) == 14
    assert set(rows[0]) >= {"text", "period", "focus_area", "parties", "target"}
    assert {r["period"] for r in rows} == {"2020", "2019"}
    assert rows[0]["target"] == {"count": 2, "per": "period"} and rows[0]["parties"] == ["police"]
    with Repository(store) as repo:
        assert repo.promises() == []  # a dry run saves nothing
    code, out, err = run(capsys, "import", "promises", seed, "--format", "json", "--store", str(store))
    assert code == 0 and all(r["saved"] and r["id"] for r in json.loads(out))
    code, out, err = run(capsys, "import", "promises", seed, "--store", str(store))
    assert code == 0 and "0 löften sparades; 14 fanns redan" in err
    with Repository(store) as repo:
        assert len(repo.promises()) == 14


def test_malformed_imports_get_one_sentence(tmp_path: Path, capsys) -> None:
    store = tmp_path / "s.json"
    run(capsys, "init", "--store", str(store))
    binary = tmp_path / "bild.pdf"
    binary.write_bytes(b"%PDF-1.4 \xff\xfe\x00\x81")
    plain = tmp_path / "brev.txt"
    plain.write_text("Hej!\n\nVi ses på måndag.\n", encoding="utf-8")
    for path, phrase in [(binary, "ingen text i UTF-8"), (plain, "Hittade inga medborgarlöften"),
                         (tmp_path / "saknas.txt", "Kunde inte läsa")]:
        code, _, err = run(capsys, "import", "promises", str(path), "--store", str(store))
        assert code == 2 and phrase in err and len(err.strip().splitlines()) == 1


def test_store_option_works_before_the_subcommand(demo_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "--store", str(demo_store), "meetings", "--format", "json")
    assert code == 0 and json.loads(out)[0]["forum"] == "Måndagsmöte Södertälje"


def test_demo_script_builds_the_seed_forums_and_promises(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    path = tmp_path / "demo.json"
    result = subprocess.run([sys.executable, str(root / "examples" / "build_demo.py"), str(path),
                             "--today", "2026-11-23"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with Repository(path) as repo:
        names = {f.name for f in repo.forums()}
        assert {"Chefssamråd Södertälje", "Måndagsmöte Södertälje", "SSPF Ronnaskolan", "SSPF Hovsjöskolan",
                "Trafiksäkerhetsråd Strängnäs", "Centrala brottsförebyggande rådet Strängnäs",
                "Operativ grupp Nykvarn", "Trygghetsvandring Nykvarn"} <= names
        assert all(f.confidential_default for f in repo.forums() if f.kind == "sspf")
        municipalities = {p.municipality for p in repo.promises()}
        assert municipalities == {"Södertälje", "Strängnäs", "Nykvarn"}
        statuses = {doc["status"] for doc in repo.action_docs().values()}
        assert {"open", "done"} <= statuses
        assert repo.overdue_count(date(2026, 11, 23)) > 0
        assert any(doc.get("promise_id") for doc in repo.action_docs().values())


def test_init_demo_today_builds_the_demo_as_of_that_day(tmp_path: Path, capsys) -> None:
    store = tmp_path / "s.json"
    code, _, err = run(capsys, "init", "--today", "2026-11-23", "--store", str(store))
    assert code == 2 and "--today" in err and "--demo" in err and not store.exists()
    code, _, err = run(capsys, "init", "--demo", "--today", "23/11", "--store", str(store))
    assert code == 2 and "'23/11' är inget datum" in err and not store.exists()
    assert run(capsys, "init", "--demo", "--today", "2025-03-10", "--store", str(store))[0] == 0
    with Repository(store) as repo:
        held = sorted(m.day for f in repo.forums() for m in repo.meetings_of_forum(f.id) if m.status == "held")
    assert held and held[-1] < date(2025, 3, 10) and held[-1] >= date(2025, 3, 1)
