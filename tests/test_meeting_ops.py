"""What the meeting screen does to a meeting, as store calls: attendance, guests,
agenda, chair, secretary and closing. Each test asserts what lands in the
store (read back through a fresh Repository when the store is a file)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from store.model.constants import ABSENT, EXCUSED, HELD, PLANNED, PRESENT
from store.model.forum import ChairRule, Forum
from store.model.meeting import Meeting
from store.model.people import Organisation, Person
from store.repository import Repository
from store.text.i18n import UserError, t

DAY = date(2026, 11, 23)


def _setup(repo: Repository) -> Meeting:
    """Måndagsmöte on 2026-11-23: two members (present), two standing agenda items,
    chaired by Södertälje kommun by rule."""
    kommun = repo.save_organisation(Organisation(name="Södertälje kommun", kind="municipality"))
    polisen = repo.save_organisation(Organisation(name="Polisen", kind="police"))
    anna = repo.save_person(Person(name="Anna Sjöberg", organisation_id=kommun.id, role="samordnare"))
    johan = repo.save_person(Person(name="Johan Berg", organisation_id=polisen.id, role="kommunpolis"))
    forum = repo.save_forum(Forum(
        name="Måndagsmöte",
        member_ids=[anna.id, johan.id],
        chair_rule=ChairRule(organisation_id=kommun.id),
        standing_agenda=["Läget", "Övrigt"],
    ))
    return repo.ensure_meeting(forum, DAY)


def _stored(repo: Repository, meeting_id: int) -> Meeting:
    """The meeting as stored: from a second Repository on the file, or from memory."""
    if repo.path is None:
        return repo.meeting(meeting_id)
    with Repository(repo.path) as other:
        return other.meeting(meeting_id)


def _statuses(meeting: Meeting) -> list[str]:
    return [row.status for row in meeting.attendance]


def _titles(meeting: Meeting) -> list[str]:
    return [item.title for item in meeting.agenda]


def _refused(key: str, work, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as caught:
        work(*args, **kwargs)
    assert caught.value.key == key
    assert str(caught.value) != key  # a sentence from the catalogue, not the bare key
    return caught.value


# -- attendance -------------------------------------------------------------------


def test_set_attendance_stores_the_status_of_one_row(repo: Repository) -> None:
    meeting = _setup(repo)
    changed = repo.set_attendance(meeting.id, 1, EXCUSED)
    assert _statuses(changed) == [PRESENT, EXCUSED]
    assert _statuses(_stored(repo, meeting.id)) == [PRESENT, EXCUSED]
    repo.set_attendance(meeting.id, 1, PRESENT)
    assert _statuses(_stored(repo, meeting.id)) == [PRESENT, PRESENT]


def test_set_attendance_refuses_an_unknown_status_or_row(repo: Repository) -> None:
    meeting = _setup(repo)
    _refused("repo.bad_attendance", repo.set_attendance, meeting.id, 0, "maybe")
    _refused("repo.unknown_attendance_row", repo.set_attendance, meeting.id, 2, ABSENT)
    _refused("repo.unknown_attendance_row", repo.set_attendance, meeting.id, -1, ABSENT)
    _refused("repo.unknown_meeting", repo.set_attendance, 999, 0, ABSENT)
    assert _statuses(_stored(repo, meeting.id)) == [PRESENT, PRESENT]


def test_cycle_attendance_goes_present_absent_excused_and_back(repo: Repository) -> None:
    meeting = _setup(repo)
    seen = []
    for _ in range(3):
        repo.cycle_attendance(meeting.id, 0)
        seen.append(_stored(repo, meeting.id).attendance[0].status)
    assert seen == [ABSENT, EXCUSED, PRESENT]
    assert _stored(repo, meeting.id).attendance[1].status == PRESENT  # the other row untouched
    _refused("repo.unknown_attendance_row", repo.cycle_attendance, meeting.id, 5)


def test_cycle_attendance_starts_an_unknown_status_over_at_present(repo: Repository) -> None:
    meeting = _setup(repo)
    meeting.attendance[0].status = "late"  # e.g. written by an older version
    repo.save_meeting(meeting)
    assert repo.cycle_attendance(meeting.id, 0).attendance[0].status == PRESENT
    assert _stored(repo, meeting.id).attendance[0].status == PRESENT


# -- guests -----------------------------------------------------------------------


def test_add_guest_appends_a_present_guest(repo: Repository) -> None:
    meeting = _setup(repo)
    repo.add_guest(meeting.id, "  Sara   Lind ", "Fältgruppen", "fältassistent")
    stored = _stored(repo, meeting.id)
    assert [row.name for row in stored.attendance] == ["Anna Sjöberg", "Johan Berg", "Sara Lind"]
    guest = stored.attendance[-1]
    assert (guest.organisation, guest.role, guest.status, guest.guest, guest.person_id) == (
        "Fältgruppen", "fältassistent", PRESENT, True, None)
    assert not any(row.guest for row in stored.attendance[:2])


def test_add_guest_refuses_an_empty_name(repo: Repository) -> None:
    meeting = _setup(repo)
    error = _refused("repo.guest_name_missing", repo.add_guest, meeting.id, "   ", "Polisen")
    assert str(error) == t("repo.guest_name_missing")
    assert len(_stored(repo, meeting.id).attendance) == 2


# -- agenda -----------------------------------------------------------------------


def test_add_agenda_item_after_an_item_or_last(repo: Repository) -> None:
    meeting = _setup(repo)
    first, last = (item.key for item in meeting.agenda)
    after_first = repo.add_agenda_item(meeting.id, " Trygghetsvandring ", after_key=first)
    assert _titles(after_first) == ["Läget", "Trygghetsvandring", "Övrigt"]
    repo.add_agenda_item(meeting.id, "Nästa möte")
    stored = _stored(repo, meeting.id)
    assert _titles(stored) == ["Läget", "Trygghetsvandring", "Övrigt", "Nästa möte"]
    keys = [item.key for item in stored.agenda]
    assert len(set(keys)) == 4
    assert keys[1] == keys[3] - 1 == max(first, last) + 1  # new keys: one more than the largest
    repo.add_agenda_item(meeting.id, "Okänd efter", after_key=999)  # unknown: last
    assert _titles(_stored(repo, meeting.id))[-1] == "Okänd efter"


def test_add_agenda_item_refuses_an_empty_title(repo: Repository) -> None:
    meeting = _setup(repo)
    _refused("repo.agenda_title_missing", repo.add_agenda_item, meeting.id, "  ")
    assert _titles(_stored(repo, meeting.id)) == ["Läget", "Övrigt"]


def test_move_agenda_item_up_and_down_and_not_past_the_ends(repo: Repository) -> None:
    meeting = _setup(repo)
    meeting = repo.add_agenda_item(meeting.id, "Trygghet")
    key = meeting.agenda[-1].key
    repo.move_agenda_item(meeting.id, key, -1)
    assert _titles(_stored(repo, meeting.id)) == ["Läget", "Trygghet", "Övrigt"]
    repo.move_agenda_item(meeting.id, key, -1)
    assert _titles(_stored(repo, meeting.id)) == ["Trygghet", "Läget", "Övrigt"]
    unchanged = repo.move_agenda_item(meeting.id, key, -1)  # already first
    assert _titles(unchanged) == _titles(_stored(repo, meeting.id)) == ["Trygghet", "Läget", "Övrigt"]
    repo.move_agenda_item(meeting.id, key, 2)
    assert _titles(_stored(repo, meeting.id)) == ["Läget", "Övrigt", "Trygghet"]
    assert [item.key for item in _stored(repo, meeting.id).agenda][-1] == key  # keys travel with titles
    _refused("repo.unknown_agenda_item", repo.move_agenda_item, meeting.id, 999, 1)


# -- chair, secretary, held ---------------------------------------------


def test_set_chair_overrides_and_the_rule_name_clears_the_override(repo: Repository) -> None:
    meeting = _setup(repo)
    assert repo.meeting_chair(meeting) == "Södertälje kommun"
    repo.set_chair(meeting.id, " Johan Berg ")
    stored = _stored(repo, meeting.id)
    assert stored.chair == "Johan Berg"
    assert repo.meeting_chair(stored) == "Johan Berg"
    repo.set_chair(meeting.id, "Södertälje kommun")  # the rule's own name: back to the rule
    assert _stored(repo, meeting.id).chair == ""
    repo.set_chair(meeting.id, "Johan Berg")
    repo.set_chair(meeting.id, "")
    assert _stored(repo, meeting.id).chair == ""


def test_set_secretary(repo: Repository) -> None:
    meeting = _setup(repo)
    repo.set_secretary(meeting.id, " Anna Sjöberg ")
    stored = _stored(repo, meeting.id)
    assert (stored.secretary, stored.chair) == ("Anna Sjöberg", "")
    repo.set_secretary(meeting.id, "")
    assert _stored(repo, meeting.id).secretary == ""


def test_mark_held(repo: Repository) -> None:
    meeting = _setup(repo)
    assert _stored(repo, meeting.id).status == PLANNED
    assert repo.mark_held(meeting.id).status == HELD
    stored = _stored(repo, meeting.id)
    assert stored.status == HELD
    assert _statuses(stored) == [PRESENT, PRESENT]  # nothing else changed
    _refused("repo.unknown_meeting", repo.mark_held, 999)


def test_each_change_is_one_commit(repo: Repository) -> None:
    meeting = _setup(repo)
    commits: list[set] = []
    unsubscribe = repo.subscribe(commits.append)
    repo.cycle_attendance(meeting.id, 0)
    repo.add_guest(meeting.id, "Sara Lind")
    repo.add_agenda_item(meeting.id, "Trygghet")
    repo.mark_held(meeting.id)
    unsubscribe()
    assert commits == [{("meetings", str(meeting.id))}] * 4


# -- two windows on one file ---------------------------------------------------------


@pytest.fixture
def two_windows(store_file: Path, frozen) -> Iterator[tuple[Repository, Repository, int]]:
    first = Repository(store_file, create=True)
    meeting_id = _setup(first).id
    second = Repository(store_file)
    yield first, second, meeting_id
    second.close()
    first.close()


def test_a_change_from_another_window_is_kept(two_windows) -> None:
    first, second, meeting_id = two_windows
    shown = first.meeting(meeting_id)  # what the first window shows
    assert _statuses(shown) == [PRESENT, PRESENT]
    second.set_attendance(meeting_id, 0, EXCUSED)  # between the first window's reads
    second.add_guest(meeting_id, "Sara Lind", "Fältgruppen")
    changed = first.cycle_attendance(meeting_id, 1)
    assert _statuses(changed) == [EXCUSED, ABSENT, PRESENT]
    first.add_agenda_item(meeting_id, "Trygghet", after_key=shown.agenda[0].key)
    second.set_chair(meeting_id, "Johan Berg")
    first.mark_held(meeting_id)
    with Repository(first.path) as third:
        stored = third.meeting(meeting_id)
    assert _statuses(stored) == [EXCUSED, ABSENT, PRESENT]
    assert stored.attendance[-1].name == "Sara Lind"
    assert _titles(stored) == ["Läget", "Trygghet", "Övrigt"]
    assert (stored.chair, stored.status) == ("Johan Berg", HELD)
    assert _statuses(second.meeting(meeting_id)) == [EXCUSED, ABSENT, PRESENT]
