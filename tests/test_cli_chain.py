"""The chain on the command line: escalate, decide, justering, approve and amend, their
JSON keys, exit codes and one-sentence errors, and what lands in the store file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pendulum

from store.repository import Repository
from tui.cli.main import main

SECRET = "Fritid har sett en grupp yngre elever vid gården sena kvällar."
ANONYMISED = "Yngre elever samlas vid fritidsgården sena kvällar; behov av vuxennärvaro."


def run(capsys, store: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--store", str(store)])
    out, err = capsys.readouterr()
    return code, out, err


def sspf_entry(store: Path) -> int:
    with Repository(store) as repo:
        meeting = repo.meeting_on(repo.forum_by_name("SSPF Ronnaskolan").id, date(2026, 11, 10))
        return next(e.id for e in repo.entries(meeting.id) if e.text == SECRET)


def test_escalate_refuses_a_confidential_line_without_new_text(demo_store: Path, capsys) -> None:
    entry = str(sspf_entry(demo_store))
    code, out, err = run(capsys, demo_store, "escalate", entry, "--to", "Måndagsmöte")
    assert code == 2 and out == ""
    assert err == ("Posten är sekretessbelagd och lyfts inte som den står – skriv en ny, avidentifierad text "
                   "(i kommandoraden: --text).\n")
    code, _, err = run(capsys, demo_store, "escalate", "tolv", "--to", "Måndagsmöte")
    assert code == 2 and err.startswith("'tolv' är inget nummer")
    with Repository(demo_store) as repo:
        assert repo.escalations() == []


def test_the_chain_and_back_on_the_command_line(demo_store: Path, capsys) -> None:
    entry = sspf_entry(demo_store)
    code, out, _ = run(capsys, demo_store, "escalate", f"#{entry}", "--to", "Måndagsmöte", "--text", ANONYMISED,
                       "--by", "Maria Ek", "--format", "json")
    assert code == 0
    first = json.loads(out)
    assert set(first) == {"id", "text", "anonymised", "by", "created", "from", "to", "decision"}
    assert first["from"] == {"forum": "SSPF Ronnaskolan", "meeting": first["from"]["meeting"],
                             "date": "2026-11-10", "entry": entry, "action": None}
    assert first["to"]["forum"] == "Måndagsmöte Södertälje" and first["to"]["date"] == "2026-11-30"
    assert first["to"]["agenda"] == "Ärenden från andra forum" and first["text"] == ANONYMISED
    landed = first["to"]["entry"]

    code, out, _ = run(capsys, demo_store, "show", str(first["to"]["meeting"]), "--format", "json")
    item = next(e for e in json.loads(out)["entries"] if e["id"] == landed)
    assert item["escalated_from"] == {"escalation": first["id"], "forum": "SSPF Ronnaskolan",
                                      "meeting": first["from"]["meeting"], "date": "2026-11-10",
                                      "entry": entry, "action": None, "anonymised": True, "decision": None}
    assert SECRET not in out

    code, out, _ = run(capsys, demo_store, "escalate", str(landed), "--to", "Chefssamråd")
    assert code == 0
    assert out.startswith("Lyft till Chefssamråd Södertälje 2027-02-11 (möte ")
    second_entry = int(out.rstrip(".\n").rsplit(" ", 1)[1])

    pendulum.travel_to(pendulum.datetime(2027, 2, 11, 15, 0, tz="Europe/Stockholm"), freeze=True)
    code, out, _ = run(capsys, demo_store, "decide", str(second_entry), "Kommunen", "finansierar", "nattvandring.")
    assert code == 0 and "Måndagsmöte Södertälje 2026-11-30" in out
    code, _, err = run(capsys, demo_store, "decide", str(entry), "Fel rad")
    assert code == 2 and "är ingen fråga som lyfts" in err

    code, out, _ = run(capsys, demo_store, "show", str(first["from"]["meeting"]), "--format", "json",
                       "--include-confidential")
    origin = next(e for e in json.loads(out)["entries"] if e["id"] == entry)
    [link] = origin["escalated_to"]
    assert link["decision"]["text"] == "Kommunen finansierar nattvandring."
    assert link["decision"]["forum"] == "Chefssamråd Södertälje"
    code, out, _ = run(capsys, demo_store, "show", str(first["from"]["meeting"]), "--include-confidential")
    assert ("↳ Lyft till Måndagsmöte Södertälje 2026-11-30 – beslut i Chefssamråd Södertälje 2027-02-11: "
            "Kommunen finansierar nattvandring.") in out


def test_justerare_approve_and_amend(demo_store: Path, capsys) -> None:
    code, out, _ = run(capsys, demo_store, "justering", "Måndagsmöte@2026-11-16", "--justerare", "Johan Berg")
    assert code == 0 and out.startswith("Möte ") and out.endswith("ej justerat (justerare: Johan Berg).\n")
    code, out, _ = run(capsys, demo_store, "approve", "Måndagsmöte@2026-11-16", "--by", "Anna Sjöberg",
                       "--format", "json")
    assert code == 0
    view = json.loads(out)
    assert view["justering"] == {"justerare": "Johan Berg", "approved": True,
                                 "approved_at": "2026-11-23T10:00:00+01:00", "approved_by": "Anna Sjöberg",
                                 "amendments": []}
    code, _, err = run(capsys, demo_store, "log", "--forum", "Måndagsmöte", "--date", "2026-11-16", "i Efterhand")
    assert code == 2 and "är justerat 2026-11-23 av Anna Sjöberg" in err and "samverkan amend" in err
    code, out, _ = run(capsys, demo_store, "amend", "Måndagsmöte@2026-11-16", "--by", "Johan Berg",
                       "i Mötet avslutades 10:05.")
    assert code == 0 and out.strip().isdigit()
    code, out, _ = run(capsys, demo_store, "show", "Måndagsmöte@2026-11-16")
    assert "Justerat 2026-11-23 av Anna Sjöberg" in out
    assert "Rättelse 2026-11-23 (Johan Berg): tillagd rad: Mötet avslutades 10:05." in out
    with Repository(demo_store) as repo:
        meeting = repo.meeting(view["meeting"])
        assert [(a.by, a.text) for a in meeting.amendments] == [("Johan Berg", "Mötet avslutades 10:05.")]
    code, _, err = run(capsys, demo_store, "approve", "Måndagsmöte@2026-11-16", "--by", "X")
    assert code == 2 and err.count("\n") == 1
    code, _, err = run(capsys, demo_store, "approve", "Måndagsmöte@2026-11-30", "--by", "X")
    assert code == 2 and err.startswith("Mötet har inga anteckningar ännu")
