"""Outcomes and evaluations: the achieved figure (outcomes plus done actions no outcome
covers), the state a promise without a number gets from its evaluation, the follow-up
report's "Så gick det", where a report was published, signatures, and old documents.

Today is frozen at Monday 2026-11-23.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from store.exports.files import report_markdown
from store.importer.signatures import parse_signatures
from store.model.constants import DONE, MUNICIPALITY, POLICE
from store.model.forum import Forum
from store.model.promise import Agreement, Promise, Target
from store.model.signing import Signatory, signed_on
from store.repository import Repository
from store.review.promises import promise_progress, promise_rows
from store.rules.outcomes import achieved, parse_verdict
from store.text.i18n import UserError

# The report's fact labels ("Uppnått", "Läge") are in the UI's catalogue today.
import tui  # noqa: F401, E402  isort: skip

YEAR = {"period_label": "2026", "period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}


@dataclass
class World:
    walks: Promise
    jobs: Promise
    meeting_id: int
    done: list[int]  # done actions of walks
    other_done: int  # a done action of jobs


def journal(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def build(repo: Repository) -> World:
    forum = repo.save_forum(Forum(name="Chefssamråd Södertälje", municipality="Södertälje"))
    walks = repo.save_promise(Promise("Minst sex trygghetsvandringar", municipality="Södertälje",
                                      parties=[POLICE, MUNICIPALITY], target=Target(6), **YEAR))
    jobs = repo.save_promise(Promise("Fler sommarjobb för unga", municipality="Södertälje",
                                     parties=[MUNICIPALITY], **YEAR))
    meeting = repo.ensure_meeting(forum, date(2026, 5, 14))
    done = []
    for text in ("Trygghetsvandring i Ronna", "Trygghetsvandring i Hovsjö", "Trygghetsvandring i Geneta"):
        action = repo.add_action(meeting, text, promise_id=walks.id)
        repo.change_action(action.id, meeting.id, status=DONE)
        done.append(action.id)
    repo.add_action(meeting, "Boka trygghetsvandring i Bårsta", promise_id=walks.id)  # still open
    other = repo.add_action(meeting, "Kontakta arbetsförmedlingen", promise_id=jobs.id)
    repo.change_action(other.id, meeting.id, status=DONE)
    return World(walks, jobs, meeting.id, done, other.id)


# -- the rule ---------------------------------------------------------------------------------


def test_achieved_counts_outcomes_and_uncovered_done_actions() -> None:
    outcomes = [{"count": 2, "action_ids": [1, 2]}, {"count": 303, "action_ids": []}]
    assert achieved(outcomes, [1, 2, 3]) == (306, 1)  # 2 + 303 + action 3 alone
    assert achieved([], [1, 2, 3]) == (3, 3)  # no outcomes: as before, every done action
    assert achieved([{"count": 0, "action_ids": [1]}], [1]) == (0, 0)  # covered, even by a count of 0
    assert achieved([{"count": 1}], [1, 2], covered={2}) == (2, 1)  # covered by an outcome of another period


def test_progress_counts_outcomes_and_does_not_count_a_covered_action_twice(repo: Repository) -> None:
    w = build(repo)
    assert promise_progress(repo, w.walks).done == 3
    repo.add_outcome(w.walks.id, 2, "trygghetsvandringar med bostadsbolaget", date(2026, 6, 1),
                     action_ids=w.done[:2])
    progress = promise_progress(repo, w.walks)
    assert (progress.done, progress.actions_done, progress.target_total) == (3, 1, 6)  # 2 + Geneta
    repo.add_outcome(w.walks.id, 4, "trygghetsvandringar i Järna och Hölö", date(2026, 9, 1),
                     source="Säkerhetsavdelningen", meeting_id=w.meeting_id)
    progress = promise_progress(repo, w.walks)
    assert (progress.done, progress.state) == (7, "kept")
    data = progress.to_json()
    assert [o["count"] for o in data["outcomes"]] == [2, 4]
    assert data["outcomes"][1] == {"id": data["outcomes"][1]["id"], "count": 4, "text": "trygghetsvandringar i Järna och Hölö",
                                   "date": "2026-09-01", "source": "Säkerhetsavdelningen",
                                   "meeting": w.meeting_id, "actions": []}
    assert data["done"] == 7 and data["actions_done"] == 1 and data["evaluation"] is None


def test_a_promise_without_a_number_is_judged_by_its_newest_evaluation(repo: Repository) -> None:
    w = build(repo)
    assert promise_progress(repo, w.jobs).state == "no_target"
    repo.evaluate(w.jobs.id, parse_verdict("ej genomfört"), "Inga nya sommarjobb.", date(2026, 6, 1))
    assert promise_progress(repo, w.jobs).state == "not_kept"
    repo.evaluate(w.jobs.id, parse_verdict("delvis"), "Fler sommarjobb i Ronna, inte i Geneta.",
                  date(2026, 11, 12), meeting_id=w.meeting_id)
    row = next(r for r in promise_rows(repo) if r.promise.id == w.jobs.id)
    assert row.state == "partly_kept"
    assert row.to_json()["evaluation"] == {"verdict": "partly", "justification": "Fler sommarjobb i Ronna, inte i Geneta.",
                                           "date": "2026-11-12", "meeting": w.meeting_id}
    assert len(repo.evaluations(w.jobs.id)) == 2  # the first is kept
    # A promise with a number keeps the figures' state; its evaluation is shown beside it.
    repo.evaluate(w.walks.id, "done", "Alla vandringar hölls.")
    assert promise_progress(repo, w.walks).state != "kept"


@pytest.mark.parametrize("call, phrase", [
    (lambda r, w: r.add_outcome(w.walks.id, 1, " "), "Skriv vad utfallet var"),
    (lambda r, w: r.add_outcome(w.walks.id, -1, "vandring"), "kan inte vara -1"),
    (lambda r, w: r.add_outcome(99, 1, "vandring"), "inget medborgarlöfte '99'"),
    (lambda r, w: r.add_outcome(w.walks.id, 1, "vandring", action_ids=[w.other_done]), "hör inte till löfte"),
    (lambda r, w: r.add_outcome(w.walks.id, 1, "vandring", meeting_id=999), "inget möte med nummer 999"),
    (lambda r, w: r.evaluate(w.jobs.id, "done", " "), "motivering"),
    (lambda r, w: r.evaluate(w.jobs.id, "kanske", "x"), "'kanske' är ingen bedömning"),
    (lambda r, w: r.record_publication("report", "2026-T1", " "), "var det publicerades"),
])
def test_bad_outcomes_and_evaluations_change_nothing(store_file: Path, call, phrase) -> None:
    with Repository(store_file, create=True) as repo:
        w = build(repo)
        before = store_file.read_bytes(), journal(store_file).read_bytes(), repo.storage.seq
        with pytest.raises(UserError) as error:
            call(repo, w)
        assert phrase in str(error.value)
        assert (store_file.read_bytes(), journal(store_file).read_bytes(), repo.storage.seq) == before


def test_an_outcome_lands_in_the_store_file_and_can_be_taken_back(store_file: Path) -> None:
    with Repository(store_file, create=True) as repo:
        w = build(repo)
        outcome = repo.add_outcome(w.walks.id, 303, "trafikkontroller", date(2026, 10, 1), "Polisen")
    with Repository(store_file) as repo:
        stored = repo.outcome(outcome.id)
        assert (stored.count, stored.text, stored.day, stored.source) == (303, "trafikkontroller",
                                                                          date(2026, 10, 1), "Polisen")
        assert repo.delete_outcome(outcome.id).text == "trafikkontroller"
    with Repository(store_file) as repo:
        assert repo.outcomes() == []


# -- the follow-up report -----------------------------------------------------------------------


def test_the_report_tells_how_it_went(repo: Repository) -> None:
    w = build(repo)
    repo.add_outcome(w.walks.id, 2, "trygghetsvandringar med bostadsbolaget", date(2026, 6, 1),
                     source="Säkerhetsavdelningen", meeting_id=w.meeting_id, action_ids=w.done[:2])
    repo.add_outcome(w.walks.id, 5, "vandringar under 2025", date(2025, 10, 1))  # another period
    repo.evaluate(w.jobs.id, "partly", "Fler sommarjobb i Ronna, inte i Geneta.", date(2026, 11, 12))
    repo.record_publication("report", "2026-t1", "polisen.se", date(2026, 5, 20))
    text = report_markdown(repo, "2026")
    walks = text.split("Minst sex trygghetsvandringar")[1].split("Fler sommarjobb")[0]
    assert "**Uppnått:** 3 av 6 under perioden (2 enligt utfall, 1 klar åtgärd)" in walks
    assert "### Så gick det" in walks
    assert ("- 2026-06-01: **2** trygghetsvandringar med bostadsbolaget "
            "(källa: Säkerhetsavdelningen; Chefssamråd Södertälje 2026-05-14)") in walks
    assert "vandringar under 2025" not in text
    jobs = text.split("Fler sommarjobb för unga")[1]
    assert "**Läge:** **delvis hållet**" in jobs
    assert "**Bedömning:** **delvis genomfört** (2026-11-12). Fler sommarjobb i Ronna, inte i Geneta." in jobs
    assert "Publicerad" not in text  # that was the first tertial's report
    assert "Publicerad: polisen.se (2026-05-20)." in report_markdown(repo, "2026-T1")


def test_a_report_without_outcomes_reads_as_before(repo: Repository) -> None:
    w = build(repo)
    text = report_markdown(repo, "2026")
    assert "**Uppnått:** 3 av 6 klara åtgärder under perioden" in text
    assert "Inga utfall registrerade under perioden." in text
    assert w.walks.id


# -- signatures and old documents ---------------------------------------------------------------


def test_signatures_are_read_from_a_published_text() -> None:
    text = "Nykvarn 20210111\nOrt och datum\n\n\n\nBob Wällberg,\nKommunstyrelsens ordförande\nNykvarns kommun\n\n" \
           "Ort och datum Södertälje\n2021-01-14\n\nMax Åkerwall,\nLokalpolisområdeschef\nSödertälje lokalpolisområde"
    found = parse_signatures(text)
    assert found == [
        Signatory("Bob Wällberg", "Kommunstyrelsens ordförande", "Nykvarns kommun", date(2021, 1, 11)),
        Signatory("Max Åkerwall", "Lokalpolisområdeschef", "Södertälje lokalpolisområde", date(2021, 1, 14)),
    ]
    assert signed_on(None, found) == date(2021, 1, 14)
    assert parse_signatures("Inget här, bara text.\n- en punkt") == []


def test_signatures_and_activities_are_stored_and_old_documents_still_load(store_file: Path) -> None:
    with Repository(store_file, create=True) as repo:
        w = build(repo)
        repo.sign_promise(w.walks.id, [Signatory("Bob Wällberg", "Kommunstyrelsens ordförande",
                                                 "Nykvarns kommun", date(2021, 1, 11))], date(2021, 1, 14))
        agreement = repo.save_agreement(Agreement("Samverkansöverenskommelse 2023–2026", municipality="Södertälje"))
        repo.add_activity(agreement.id, "Områdesväktare", owner="kommunen")
        # A document written before these fields existed.
        with repo.transaction():
            repo.db.table("promises").insert({"text": "Ett gammalt löfte", "municipality": "Nykvarn"})
    with Repository(store_file) as repo:
        promise = repo.promise(w.walks.id)
        assert promise.signed == date(2021, 1, 14) and promise.signatories[0].day == date(2021, 1, 11)
        assert repo.agreement(agreement.id).activities[0].text == "Områdesväktare"
        old = next(p for p in repo.promises() if p.text == "Ett gammalt löfte")
        assert (old.signed, old.signatories) == (None, [])
        assert promise_progress(repo, old).state == "no_target"


# -- outcomes published on a follow-up page, saved with the import ------------------------------


@pytest.mark.parametrize("line, reading", [
    ("40 genomförda hastighetskontroller.", (40, "genomförda hastighetskontroller.")),
    ("1 200 kontroller  med  kamera", (1200, "kontroller med kamera")),
    ("Två riktade narkotikainsatser har genomförts under året.", (2, "riktade narkotikainsatser har genomförts under året.")),
    ("Polis har uppfyllt sitt löfte genom ökad närvaro vid minst 200 tillfällen.", None),  # not first: a target?
    ("2020 års trygghetsmätning visar en ökning", None),  # a year is no count
    ("Ett antal kontroller har gjorts", None),  # "ett" is as often an article
    ("Omhändertagit personer enligt LOB.", None),
    ("12", None),  # a count of nothing
])
def test_an_outcome_line_is_read_only_when_it_begins_with_a_count(line, reading) -> None:
    from store.rules.outcomes import parse_outcome_line

    assert parse_outcome_line(line) == reading


def test_saving_an_import_records_the_outcomes_once_in_one_commit(store_file: Path) -> None:
    from store.importer.saving import save_import

    with Repository(store_file, create=True) as repo:
        stored = repo.save_promise(Promise("Minst 20 trafikkontroller", municipality="Kungälv", **YEAR))
        lines = journal(store_file).read_bytes().count(b"\n")
        again = Promise("Minst 20 trafikkontroller", municipality="Kungälv", **YEAR)
        new = Promise("Två insatser mot trimmade mopeder", municipality="Kungälv", **YEAR)
        items = [(again, ["40 genomförda hastighetskontroller.", "Flertalet ordningsförelägganden."]),
                 (new, ["Två insatser har genomförts."])]
        result = save_import(repo, items, date(2026, 11, 23), "publicerad uppföljning")
        assert (result.known, [p.text for p in result.promises]) == (1, ["Två insatser mot trimmade mopeder"])
        assert (result.outcomes, result.without_count, result.repeated) == (2, 1, 0)
        assert journal(store_file).read_bytes().count(b"\n") == lines + 1  # one durable line
        # The same page again: nothing new, nothing twice.
        again_result = save_import(repo, [(Promise("Minst 20 trafikkontroller", municipality="Kungälv", **YEAR),
                                           items[0][1])], date(2026, 11, 24), "publicerad uppföljning")
        assert (again_result.outcomes, again_result.repeated, again_result.promises) == (0, 1, [])
        assert journal(store_file).read_bytes().count(b"\n") == lines + 1
    with Repository(store_file) as reopened:
        (outcome,) = reopened.outcomes(stored.id)
        assert (outcome.count, outcome.text, outcome.source) == (40, "genomförda hastighetskontroller.",
                                                                  "publicerad uppföljning")
        mopeds = next(p for p in reopened.promises() if p.text.startswith("Två insatser"))
        assert [(o.count, o.day) for o in reopened.outcomes(mopeds.id)] == [(2, date(2026, 11, 23))]
