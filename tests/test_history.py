"""History without loading it (store.repository.history, store.persistence.summaries):
what the home screen, the indexes and one old meeting need from the yearly archive
gives exactly what a store with its whole history read gives, and reads no more of it
than it must."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from store.model.forum import Forum
from store.model.promise import Promise, Target
from store.persistence import archive, summaries
from store.repository import Repository
from store.review.action_index import ActionIndex
from store.review.action_rows import ActionFilter
from store.review.promises import promise_rows
from store.review.search import SearchIndex

TODAY = date(2026, 11, 23)


def _build(path: Path) -> dict[str, int]:
    """Three old years, each with a promise served by done and cancelled actions, and
    this year's work; history moved to the archive."""
    ids: dict[str, int] = {}
    with Repository(path, create=True) as repo:
        forum = repo.save_forum(Forum(name="Måndagsmöte", municipality="Södertälje"))
        for year in (2019, 2020, 2021):
            promise = repo.save_promise(Promise(f"Löfte {year}", "Södertälje", str(year), date(year, 1, 1),
                                                date(year, 12, 31), target=Target(3)))
            meeting = repo.ensure_meeting(forum, date(year, 3, 4))
            repo.add_entry(meeting, "decision", f"Beslut om trygghetsvandring {year}")
            for i in range(4):
                action = repo.add_action(meeting, f"Trygghetsvandring {year} nr {i}", promise_id=promise.id,
                                         at=meeting.start)
                repo.change_action(action.id, meeting.id, status="done" if i else "cancelled",
                                   note="" if i else "Ersatt av en annan vandring", at=meeting.start)
            ids[f"meeting {year}"] = meeting.id
            ids[f"promise {year}"] = promise.id
        ids["still open"] = repo.add_action(repo.meeting(ids["meeting 2019"]), "Gammal öppen åtgärd",
                                            due=date(2019, 5, 1)).id
        current = repo.save_promise(Promise("Löfte 2026", "Södertälje", "2026", date(2026, 1, 1),
                                            date(2026, 12, 31), target=Target(8)))
        ids["promise 2026"] = current.id
        meeting = repo.ensure_meeting(forum, TODAY)
        done = repo.add_action(meeting, "Trygghetsvandring i år", promise_id=current.id)
        repo.change_action(done.id, meeting.id, status="done")
        repo.storage.compact(archive=True)
    assert len(archive.archive_files(path)) == 3 and len(summaries.summary_files(path)) == 3
    return ids


def _whole(path: Path, what):
    """``what(repo)`` with the whole history read into the store first, for comparison."""
    with Repository(path, read_only=True) as repo:
        repo.load_history()
        return what(repo)


def _states(repo: Repository) -> dict[int, tuple]:
    return {row.promise.id: (row.done, row.state, len(row.linked), row.active) for row in promise_rows(repo, TODAY)}


@pytest.fixture
def built(tmp_path: Path, frozen) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "s.json"
    return path, _build(path)


@pytest.fixture
def no_year_file(monkeypatch):
    """Reading a year file fails inside: the summaries alone must answer."""
    def refuse(*args, **kwargs):
        raise AssertionError("a year file was read")

    monkeypatch.setattr(archive, "read_file", refuse)


def test_promise_progress_and_overdue_come_from_the_summaries(built, no_year_file) -> None:
    path, ids = built
    with Repository(path, read_only=True) as repo:
        states = _states(repo)
        overdue = repo.overdue_count(TODAY)
        assert not repo.history_loaded
    assert states[ids["promise 2020"]] == (3, "kept", 4, 0)  # 3 done of 3, one cancelled linked too
    assert states[ids["promise 2026"]][:2] == (1, "at_risk")
    assert overdue == 1  # the old open action, due 2019


def test_summaries_say_what_the_whole_history_says(built) -> None:
    path, _ = built
    with Repository(path, read_only=True) as repo:
        from_summaries = _states(repo), repo.overdue_count(TODAY)
    assert from_summaries == _whole(path, lambda repo: (_states(repo), repo.overdue_count(TODAY)))


def _summary_facts(found: dict) -> dict:
    return {year: (summary.promises, summary.ids) for year, summary in found.items()}


def test_the_summaries_read_a_year_at_a_time_are_the_ones_read_at_once(built, no_year_file) -> None:
    """The home screen reads history's summaries a year between frames: the same summaries
    and the same promise progress as reading them in one go, and nothing read twice."""
    path, _ = built
    with Repository(path, read_only=True) as repo:
        at_once = _summary_facts(repo.storage.history_summaries()), _states(repo)
    with Repository(path, read_only=True) as repo:
        assert list(repo.read_history_summaries()) == [2019, 2020, 2021]
        read = summaries.read
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(summaries, "read", lambda *a: pytest.fail(f"read again: {a}") or read(*a))
            assert (_summary_facts(repo.storage.history_summaries()), _states(repo)) == at_once
            assert list(repo.read_history_summaries()) == []  # read already: nothing to do


def test_a_reading_of_the_summaries_overtaken_by_a_new_history_is_dropped(built) -> None:
    """A year-at-a-time reading that a compaction overtook (it let the summaries go, as
    one that rewrites history does) stops and keeps nothing half-read or stale."""
    path, _ = built
    with Repository(path, read_only=True) as repo:
        stepwise = repo.read_history_summaries()
        assert next(stepwise) == 2019
        repo.storage._snapshot_written(history_rewritten=True)
        assert list(stepwise) == []
        assert repo.storage._summaries is None  # the next question reads them anew
        assert sorted(repo.storage.history_summaries()) == [2019, 2020, 2021]


def test_a_change_to_history_wins_over_the_summary(built) -> None:
    path, ids = built
    with Repository(path) as repo:
        old = next(int(k) for k, d in repo.history_tables().__next__()[1]["actions"].items()
                   if d["text"] == "Trygghetsvandring 2019 nr 1")
        repo.change_action(old, None, status="open", note="öppnad igen")  # done → open
        before = _states(repo)[ids["promise 2019"]]
        assert before == (2, "not_kept", 4, 1)
        assert not repo.history_loaded
    with Repository(path) as repo:  # after the compaction at closing, too
        assert _states(repo)[ids["promise 2019"]] == before
    assert _whole(path, _states)[ids["promise 2019"]] == before


def test_a_summary_that_cannot_be_trusted_is_not_used(built) -> None:
    path, ids = built
    expected = _whole(path, _states)
    damaged = summaries.path(path, 2020)
    damaged.write_bytes(damaged.read_bytes().replace(b'"done"', b'"cancelled"'))
    with Repository(path, read_only=True) as repo:
        assert _states(repo) == expected  # 2020 read from its year file instead
        assert repo.storage.history_summaries()[2020] is None


def test_indexes_read_history_a_year_at_a_time(built, monkeypatch) -> None:
    path, ids = built
    read: list[str] = []
    real = archive.read_file
    monkeypatch.setattr(archive, "read_file", lambda file: (read.append(file.name), real(file))[1])
    with Repository(path, read_only=True) as repo:
        with ActionIndex(repo, today=TODAY) as index:
            every = index.query(ActionFilter(), sort="id")
            texts = [index.row(i).text for i in every]
        assert read == ["2019.json", "2020.json", "2021.json"]  # each year once, in turn
        search = SearchIndex(repo)
        hits, total = search.find("trygghetsvandring 2020")
        # Each year once more for the search index, then the year of the hits shown,
        # for their text: the index itself keeps no document.
        assert read[3:] == ["2019.json", "2020.json", "2021.json", "2020.json"]
        assert not repo.history_loaded
    assert every == sorted(every)
    assert texts == _whole(path, lambda repo: [repo.action(i).text for i in sorted(
        int(k) for k in repo.action_docs())])
    assert total == 5 and {h.kind for h in hits} == {"decision", "action"}
    assert {h.date for h in hits} == {date(2020, 3, 4)} and {h.forum for h in hits} == {"Måndagsmöte"}


def test_an_old_meeting_is_read_from_its_own_year(built, monkeypatch) -> None:
    path, ids = built
    read: list[Path] = []
    real = archive.read_file
    monkeypatch.setattr(archive, "read_file", lambda file: (read.append(file), real(file))[1])
    with Repository(path, read_only=True) as repo:
        meeting = repo.meeting(ids["meeting 2020"])
        entries = [e.text for e in repo.entries(meeting.id)]
        actions = sorted(a.text for a in repo.actions_of_meeting(meeting.id))
        assert not repo.history_loaded
    assert [p.name for p in read] == ["2020.json"]
    assert entries == ["Beslut om trygghetsvandring 2020"]
    assert actions == [f"Trygghetsvandring 2020 nr {i}" for i in range(4)]


def test_a_store_from_before_summaries_gets_them_at_its_next_compaction(built) -> None:
    path, ids = built
    expected = _whole(path, _states)
    for file in summaries.summary_files(path):
        file.unlink()
    with Repository(path) as repo:
        assert _states(repo) == expected  # from the year files meanwhile
        assert repo.storage.compact()
    assert len(summaries.summary_files(path)) == 3
    with Repository(path, read_only=True) as repo:
        assert all(s is not None for s in repo.storage.history_summaries().values())


def test_old_meetings_and_a_promises_actions_without_reading_history_whole(built) -> None:
    path, ids = built
    with Repository(path) as repo:
        forum = repo.forum_by_name("Måndagsmöte")
        old = repo.meetings_between(date(2020, 3, 1), date(2020, 3, 31), [forum.id])
        assert [m.id for m in old if m.id] == [ids["meeting 2020"]]
        assert repo.meeting_on(forum.id, date(2021, 3, 4)).id == ids["meeting 2021"]
        assert [m.id for m in repo.meetings_of_forum(forum.id)][:3] == [ids[f"meeting {y}"] for y in (2019, 2020, 2021)]
        linked = repo.actions_of_promise(ids["promise 2019"])
        assert sorted(a.text for a in linked) == [f"Trygghetsvandring 2019 nr {i}" for i in range(4)]
        # A bulk change that reaches into history reads only the years it touches.
        assert repo.change_actions([linked[1].id], "cancelled", note="fel") == 1
        assert not repo.history_loaded
    assert _whole(path, lambda repo: repo.action(linked[1].id).status) == "cancelled"


def test_a_line_logged_in_an_old_meeting_goes_to_its_year_file_only(built, monkeypatch) -> None:
    path, ids = built
    with Repository(path) as repo:
        old = repo.meeting(ids["meeting 2019"])
        entry = repo.add_entry(old, "info", "Tillägg i efterhand")
        touched: list[str] = []
        read, write = archive.read_file, archive.fileio.atomic_write
        monkeypatch.setattr(archive, "read_file", lambda file: (touched.append(f"read {file.name}"), read(file))[1])
        monkeypatch.setattr(archive.fileio, "atomic_write", lambda file, data, **kw: (
            touched.append(f"wrote {file.name}") if file.parent.name.endswith(".archive") else None,
            write(file, data, **kw))[1])
        assert repo.storage.compact()
        assert not repo.history_loaded
    monkeypatch.undo()
    # The other years were neither read nor written.
    assert touched == ["read 2019.json", "wrote 2019.json", "wrote 2019.summary.json"]
    assert "Tillägg i efterhand" in (archive.layout.archive_dir(path) / "2019.json").read_text(encoding="utf-8")
    assert "Tillägg i efterhand" not in path.read_text(encoding="utf-8")
    with Repository(path, read_only=True) as repo:
        assert entry.id in [e.id for e in repo.entries(ids["meeting 2019"])]
        assert repo.storage.year_of("entries", str(entry.id)) == 2019  # its summary says so too


def test_history_deleted_while_another_process_has_the_store_leaves_its_year_file(built) -> None:
    path, ids = built
    with Repository(path) as other:  # holds the store open: the deleting process cannot compact
        with Repository(path) as repo:
            old = repo.entries(ids["meeting 2020"])[0]
            repo.delete_entry(old.id)
        other.refresh()
        assert not other.history_loaded
        assert other.storage.compact()  # the other process, history never read, folds the delete in
    assert "Beslut om trygghetsvandring 2020" not in archive.read_year(path, 2020).get("entries", {}).get(
        str(old.id), {}).get("text", "")
    with Repository(path, read_only=True) as repo:
        assert repo.entry(old.id) is None and not repo.entries(ids["meeting 2020"])
    assert _whole(path, lambda repo: repo.entry(old.id)) is None


def test_counts_inside_a_transaction_see_what_it_wrote(tmp_path: Path, frozen) -> None:
    """The demo is built in one transaction: nothing is committed when it links its
    measures to a promise's actions, and the listing's facts know none of them yet."""
    with Repository(tmp_path / "s.json", create=True) as repo:
        forum = repo.save_forum(Forum(name="Måndagsmöte", municipality="Södertälje"))
        promise = repo.save_promise(Promise("Löfte", "Södertälje", "2026", date(2026, 1, 1), date(2026, 12, 31),
                                            target=Target(2)))
        with repo.transaction():
            meeting = repo.ensure_meeting(forum, TODAY)
            late = repo.add_action(meeting, "Sen åtgärd", promise_id=promise.id, due=date(2026, 11, 1))
            assert repo.overdue_count(TODAY) == 1
            done = repo.add_action(meeting, "Klar åtgärd", promise_id=promise.id)
            repo.change_action(done.id, meeting.id, status="done")
            assert [a.id for a in repo.actions_of_promise(promise.id)] == [late.id, done.id]
            assert repo.promise_links({promise.id})[promise.id] == {"open": {late.id}, "done": {done.id}}
