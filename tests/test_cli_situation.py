"""The lägesbild, the plan and outcomes on the command line: JSON keys, exit codes,
one-sentence errors, and what lands in the store file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.repository import Repository
from tui.cli.main import main


def store_bytes(path: Path) -> bytes:
    """The snapshot and its journal: a commit is a journal line, the snapshot changes later."""
    journal = path.with_name(path.name + ".journal")
    return path.read_bytes() + b"\0" + (journal.read_bytes() if journal.exists() else b"")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_problems_json_has_the_keys_and_leaves_confidential_out(demo_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "problems", "--store", str(demo_store), "--municipality", "södertälje",
                       "--year", "2026", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows and all({"id", "title", "category", "area", "year", "sources", "measures", "confidential"} <= set(r)
                        for r in rows)
    assert not any(r["confidential"] for r in rows) and all(r["year"] == 2026 for r in rows)
    moped = next(r for r in rows if r["title"].startswith("Buskörning"))
    assert moped["sources"] == ["crime_statistics", "citizen_dialogue", "est"]
    assert {"kind", "id", "activity", "text", "owner", "target", "confidential", "problems"} <= set(moped["measures"][0])
    assert any(r["flags"] == ["no_measure"] for r in rows)
    code, out, _ = run(capsys, "problems", "--store", str(demo_store), "--year", "2026", "--include-confidential",
                       "--format", "json")
    assert any(r["confidential"] for r in json.loads(out))


def test_problems_table_names_flags_unlinked_measures_and_hidden_ones(demo_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "problems", "--store", str(demo_store), "--municipality", "Södertälje",
                       "--year", "2026")
    assert code == 0
    assert "saknar åtgärd" in out and "Åtgärder utan problem: L21" in out
    assert "1 sekretessbelagt problem visas inte" in out and "Rekrytering" not in out


def test_problems_add_links_and_lands_in_the_store_file(demo_store: Path, capsys) -> None:
    code, out, err = run(capsys, "problems", "add", "Klotter", "i", "gångtunneln", "--store", str(demo_store),
                         "--municipality", "södertälje", "--year", "2026", "--area", "Bårsta",
                         "--source", "EST", "--source", "medborgardialog", "--promise", "L16",
                         "--activity", "1:2", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["title"], data["municipality"], data["sources"]) == ("Klotter i gångtunneln", "Södertälje",
                                                                      ["est", "citizen_dialogue"])
    assert [(m["kind"], m["id"], m["activity"]) for m in data["measures"]] == [("promise", 16, None),
                                                                              ("activity", 1, 2)]
    with Repository(demo_store) as repo:
        stored = repo.problem(data["id"])
        assert stored.area == "Bårsta" and {m.ref for m in repo.measures_of_problem(stored.id)} == {
            ("promise", 16, None), ("activity", 1, 2)}
    code, _, err = run(capsys, "problems", "unlink", str(data["id"]), "--store", str(demo_store), "--promise", "16")
    assert code == 0 and "har nu 1 åtgärd." in err
    with Repository(demo_store) as repo:
        assert [m.ref for m in repo.measures_of_problem(data["id"])] == [("activity", 1, 2)]


@pytest.mark.parametrize("args, phrase", [
    (["problems", "add", "X", "--municipality", "Södertälje", "--year", "2026", "--source", "ryktet"],
     "'ryktet' är ingen källa"),
    (["problems", "add", "X", "--municipality", "Södertälje", "--year", "tjugo"], "'tjugo' är inget år"),
    (["problems", "add", "X", "--municipality", "Södertälje", "--year", "2026", "--promise", "L999"],
     "inget medborgarlöfte 'L999'"),
    (["problems", "add", "X", "--municipality", "Södertälje", "--year", "2026", "--activity", "1-2"],
     "'1-2' är ingen aktivitet"),
    (["problems", "link", "10", "--action", "99999"], "ingen åtgärd 99999"),
    (["problems", "link", "10", "--promise", "16", "--promise", "999"], "inget medborgarlöfte '999'"),
    (["problems", "link", "10"], "Ange vad som ska kopplas"),
    (["problems", "unlink", "10", "--promise", "18", "--promise", "17"], "inte kopplad till problem 10"),
    (["problems", "--municipality", "Göteborg"], "ingen kommun som heter 'Göteborg'"),
    (["outcome", "add", "L18", "--count", "-3", "--text", "insatser"], "kan inte vara -3"),
    (["outcome", "add", "L999", "--count", "3", "--text", "insatser"], "inget medborgarlöfte 'L999'"),
    (["outcome", "add", "L18", "--count", "3", "--text", "x", "--date", "2026-02-30"], "'2026-02-30' är inget datum"),
    (["outcome", "evaluate", "L21", "--verdict", "kanske", "--text", "x"], "'kanske' är ingen bedömning"),
    (["outcome", "delete", "999"], "inget utfall 999"),
    (["export", "plan", "--year", "20x6"], "'20x6' är inget år"),
    (["publication", "add", "report", "--period", "2026-T4", "--where", "polisen.se"], "2026-T4"),
])
def test_errors_are_one_sentence_exit_2_and_change_nothing(demo_store: Path, capsys, args, phrase) -> None:
    before = store_bytes(demo_store)
    code, _, err = run(capsys, *args, "--store", str(demo_store))
    assert code == 2, err
    assert phrase in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert store_bytes(demo_store) == before


def test_outcome_add_counts_in_promises_json(demo_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "promises", "--store", str(demo_store), "--format", "json")
    before = next(p for p in json.loads(out) if p["id"] == 18)
    assert {"outcomes", "evaluation", "problems"} <= set(before)
    code, out, err = run(capsys, "outcome", "add", "L18", "--count", "3", "--text", "riktade", "insatser",
                         "--date", "2026-11-20", "--source", "Polisen", "--meeting",
                         "Chefssamråd Södertälje@2026-11-12", "--store", str(demo_store), "--format", "json")
    assert code == 0, err
    outcome = json.loads(out)
    assert set(outcome) == {"id", "promise", "count", "text", "date", "source", "meeting", "actions"}
    assert (outcome["count"], outcome["text"], outcome["date"]) == (3, "riktade insatser", "2026-11-20")
    code, out, _ = run(capsys, "promises", "--store", str(demo_store), "--format", "json")
    after = next(p for p in json.loads(out) if p["id"] == 18)
    assert after["done"] == before["done"] + 3
    assert after["outcomes"][-1]["id"] == outcome["id"] and after["problems"][0]["title"].startswith("Buskörning")
    with Repository(demo_store) as repo:
        assert repo.outcome(outcome["id"]).source == "Polisen"


def test_outcome_evaluate_judges_a_promise_without_a_number(demo_store: Path, capsys) -> None:
    code, out, err = run(capsys, "outcome", "evaluate", "L21", "--verdict", "ej genomfört", "--text", "Inga",
                         "nya", "sommarjobb.", "--date", "2026-11-20", "--store", str(demo_store), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["verdict"] == "not_done"
    code, out, _ = run(capsys, "promises", "--store", str(demo_store), "--format", "json")
    jobs = next(p for p in json.loads(out) if p["id"] == 21)
    assert jobs["state"] == "not_kept" and jobs["evaluation"]["justification"] == "Inga nya sommarjobb."


def test_export_plan_and_the_report_with_its_publication(demo_store: Path, capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", "plan", "--year", "2026", "--municipality", "Södertälje",
                       "--store", str(demo_store))
    assert code == 0 and out.startswith("# Åtgärdsplan 2026 – Södertälje")
    assert "Rekrytering" not in out and "**Saknar åtgärd:" in out
    code, _, _ = run(capsys, "publication", "add", "report", "--period", "2026-t3", "--where", "polisen.se",
                     "--date", "2026-11-20", "--store", str(demo_store))
    assert code == 0
    target = tmp_path / "rapport.md"
    code, out, err = run(capsys, "export", "report", "--period", "2026-T3", "-o", str(target),
                         "--store", str(demo_store))
    assert code == 0 and out == "" and str(target) in err
    text = target.read_text(encoding="utf-8")
    assert "Publicerad: polisen.se (2026-11-20)." in text and "### Så gick det" in text
    code, out, _ = run(capsys, "publication", "--format", "json", "--store", str(demo_store))
    assert json.loads(out) == [{"id": 1, "kind": "report", "period": "2026-T3", "where": "polisen.se",
                                "date": "2026-11-20", "municipality": None}]


def test_situation_dialogues_plan_and_activities(demo_store: Path, capsys) -> None:
    s = str(demo_store)
    code, out, _ = run(capsys, "situation", "--municipality", "Strängnäs", "--year", "2017", "--format", "json",
                       "--store", s)
    assert code == 0 and len(json.loads(out)["focus_areas"]) == 5
    code, out, _ = run(capsys, "situation", "--municipality", "Södertälje", "--year", "2026", "--analysis",
                       "Ny analys.", "--date", "2026-11-23", "--format", "json", "--store", s)
    data = json.loads(out)
    assert (data["version"], data["analysis"], len(data["earlier"])) == (3, "Ny analys.", 2)
    code, out, _ = run(capsys, "dialogues", "add", "--municipality", "Södertälje", "--date", "2026-11-21",
                       "--place", "Geneta", "--participants", "18", "--raised", "Belysning", "--store", s)
    assert code == 0
    code, out, _ = run(capsys, "dialogues", "--year", "2026", "--format", "json", "--store", s)
    assert json.loads(out)[-1] == {"id": json.loads(out)[-1]["id"], "municipality": "Södertälje", "year": 2026,
                                   "date": "2026-11-21", "place": "Geneta", "participants": 18, "raised": "Belysning"}
    code, _, err = run(capsys, "plan", "decide", "--municipality", "Södertälje", "--year", "2027", "--by",
                       "Kommunstyrelsen", "--date", "2027-02-01", "--store", s)
    assert code == 0 and "Kommunstyrelsen" in err
    code, out, _ = run(capsys, "activities", "add", "1", "Trygghetskameror", "--owner", "polisen", "--store", s)
    assert (code, out.strip()) == (0, "1:5")
    code, out, _ = run(capsys, "activities", "--format", "json", "--store", s)
    assert json.loads(out)[-1]["ref"] == "1:5" and json.loads(out)[-1]["owner"] == "polisen"
    with Repository(demo_store) as repo:
        assert repo.action_plan("Södertälje", 2027).decided_by == "Kommunstyrelsen"
