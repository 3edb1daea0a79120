"""Accounts of the served app: hashes, the accounts file beside the store, and the
store refusing a reader's writes in the one place every write passes."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest

from store.access import accounts, passwords
from store.access.actor import CHAIR, READER, SECRETARY, Actor
from store.repository import Repository
from store.text.i18n import UserError
from tui.cli.main import main

PASSWORD = "hemligt-losen"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real cost (2^17) takes ~0.4 s a hash; the rules tested here do not depend on it."""
    monkeypatch.setattr(passwords, "COST", 2**10)


def test_hash_is_salted_and_verifies_only_the_password() -> None:
    first, second = passwords.hash_password(PASSWORD), passwords.hash_password(PASSWORD)
    assert first != second  # a fresh salt each time
    assert first.startswith("scrypt$1024$8$1$") and PASSWORD not in first
    assert passwords.verify_password(PASSWORD, first)
    assert not passwords.verify_password(PASSWORD + "x", first)
    assert not passwords.verify_password(PASSWORD, "scrypt$broken")
    assert not passwords.verify_password(PASSWORD, "md5$" + first.split("$", 1)[1])


def test_the_default_cost_is_owasps_minimum_for_scrypt() -> None:
    import importlib

    fresh = importlib.reload(passwords)
    try:
        assert (fresh.COST, fresh.BLOCK_SIZE, fresh.PARALLEL) == (2**17, 8, 1)
    finally:
        fresh.COST = 2**10


def test_accounts_file_beside_the_store_private_and_without_passwords(tmp_path: Path) -> None:
    path = accounts.users_path(tmp_path / "samverkan.json")
    assert path.name == "samverkan.json.users"
    accounts.add(path, "Anna Berg", SECRETARY, (3, 5), PASSWORD)
    accounts.add(path, "Bo", CHAIR, (), PASSWORD)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert PASSWORD not in text
    doc = json.loads(text)
    assert [(a["name"], a["role"], a["forums"]) for a in doc["accounts"]] == [
        ("Anna Berg", SECRETARY, [3, 5]), ("Bo", CHAIR, [])]
    assert accounts.authenticate(path, "anna berg", PASSWORD).actor() == Actor("Anna Berg", SECRETARY,
                                                                             frozenset({3, 5}))
    assert accounts.authenticate(path, "Anna Berg", "fel-losenord") is None
    assert accounts.authenticate(path, "Okänd", PASSWORD) is None


def test_account_rules_are_one_sentence_each(tmp_path: Path) -> None:
    path = tmp_path / "s.json.users"
    accounts.add(path, "Bo", CHAIR, (), PASSWORD)
    cases = [
        (lambda: accounts.add(path, "BO", READER, (), PASSWORD), "access.user_exists"),
        (lambda: accounts.add(path, "Ny", READER, (), "kort"), "access.password_short"),
        (lambda: accounts.add(path, "Ny", "chef", (), PASSWORD), "access.bad_role"),
        (lambda: accounts.add(path, " ", READER, (), PASSWORD), "access.bad_name"),
        (lambda: accounts.remove(path, "Ingen"), "access.unknown_user"),
        (lambda: accounts.set_password(path, "Ingen", PASSWORD), "access.unknown_user"),
    ]
    for call, key in cases:
        with pytest.raises(UserError) as error:
            call()
        assert error.value.key == key
    assert [a.name for a in accounts.load(path)] == ["Bo"]


def test_remove_and_new_password(tmp_path: Path) -> None:
    path = tmp_path / "s.json.users"
    accounts.add(path, "Bo", CHAIR, (), PASSWORD)
    accounts.add(path, "Cia", READER, (), PASSWORD)
    accounts.set_password(path, "bo", "ett-nytt-losenord")
    assert accounts.authenticate(path, "Bo", PASSWORD) is None
    assert accounts.authenticate(path, "Bo", "ett-nytt-losenord") is not None
    accounts.remove(path, "cia")
    assert [a.name for a in accounts.load(path)] == ["Bo"]


def test_damaged_accounts_file_is_one_sentence_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.json.users"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError) as error:
        accounts.load(path)
    assert error.value.key == "access.users_corrupt" and str(path) in str(error.value)
    with pytest.raises(UserError):
        accounts.add(path, "Bo", CHAIR, (), PASSWORD)
    assert path.read_text(encoding="utf-8") == "{not json"


def test_a_reader_writes_nothing_in_the_store(demo_repo: Repository) -> None:
    meeting = next(m for m in demo_repo.meetings_between(*_weeks()) if m.id)
    journal = demo_repo.path.with_name(demo_repo.path.name + ".journal")
    before = journal.read_bytes()
    demo_repo.actor = Actor("Cia", READER)
    for write in (
        lambda: demo_repo.add_entry(meeting, "info", "Läsaren försöker skriva"),
        lambda: demo_repo.save_forum(demo_repo.forums()[0]),
        lambda: demo_repo.delete_entry(demo_repo.entries(meeting.id)[0].id),
    ):
        with pytest.raises(UserError) as error:
            write()
        assert error.value.key == "access.read_only" and "Cia" in str(error.value)
    assert journal.read_bytes() == before
    with Repository(demo_repo.path) as fresh:
        assert "Läsaren försöker skriva" not in [e.text for e in fresh.entries(meeting.id)]
    demo_repo.actor = Actor("Anna", SECRETARY, frozenset({meeting.forum_id}))
    entry = demo_repo.add_entry(meeting, "info", "Sekreteraren skriver")
    assert demo_repo.entry(entry.id).text == "Sekreteraren skriver"


def _weeks():
    from datetime import date

    return date(2026, 11, 16), date(2026, 11, 29)


# -- the command line: samverkan users ---------------------------------------------


def users(capsys, monkeypatch, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["users", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_users_add_list_passwd_remove(demo_store: Path, capsys, monkeypatch) -> None:
    store = ["--store", str(demo_store)]
    twice = f"{PASSWORD}\n{PASSWORD}\n"
    code, _, err = users(capsys, monkeypatch, "add", "Anna Berg", "--role", "secretary",
                         "--forum", "Måndagsmöte", "--forum", "SSPF Ronna", *store, stdin=twice)
    assert code == 0 and "Anna Berg" in err
    assert users(capsys, monkeypatch, "add", "Bo", "--role", "chair", *store, stdin=twice)[0] == 0
    code, out, _ = users(capsys, monkeypatch, "--format", "json", *store)
    assert json.loads(out) == [
        {"name": "Anna Berg", "role": "secretary", "forums": ["Måndagsmöte Södertälje", "SSPF Ronnaskolan"]},
        {"name": "Bo", "role": "chair", "forums": []},
    ]
    code, out, _ = users(capsys, monkeypatch, *store)
    assert "sekreterare" in out and "Måndagsmöte Södertälje, SSPF Ronnaskolan" in out
    new = "ett-annat-losenord"
    assert users(capsys, monkeypatch, "passwd", "bo", *store, stdin=f"{new}\n{new}\n")[0] == 0
    path = accounts.users_path(demo_store)
    assert accounts.authenticate(path, "Bo", new) is not None
    assert users(capsys, monkeypatch, "remove", "Bo", *store)[0] == 0
    assert [a.name for a in accounts.load(path)] == ["Anna Berg"]


def test_users_errors_exit_2_with_one_sentence(demo_store: Path, capsys, monkeypatch) -> None:
    store = ["--store", str(demo_store)]
    cases = [
        (("add", "Bo", "--role", "chair"), f"{PASSWORD}\nannat-losenord\n", "inte lika"),
        (("add", "Bo", "--role", "chair"), "", "Inget lösenord"),
        (("add", "Bo", "--role", "chair"), "kort\nkort\n", "minst 10 tecken"),
        (("add", "Bo", "--role", "chair", "--forum", "SSPF"), "", "passar flera forum"),
        (("add", "Bo", "--role", "boss"), "", "går inte – välj ett av: secretary, chair, reader"),
        (("remove", "Ingen"), "", "inget konto"),
        (("passwd", "Ingen"), "", "inget konto"),
    ]
    for args, stdin, words in cases:
        code, out, err = users(capsys, monkeypatch, *args, *store, stdin=stdin)
        assert code == 2 and words in err and err.count("\n") == 1, (args, err)
    assert not accounts.users_path(demo_store).exists() or accounts.load(accounts.users_path(demo_store)) == []
    code, out, _ = users(capsys, monkeypatch, *store)
    assert code == 0 and "inga konton" in out


def test_every_write_of_every_record_kind_passes_the_one_guard() -> None:
    """Only base.py touches TinyDB's tables; the mixins (people, meetings, situation,
    outcomes … and any added later) write through _insert/_save/_delete, which check
    the actor. A mixin that wrote to a table itself would slip past the reader guard."""
    import re

    folder = Path(__file__).resolve().parents[1] / "store" / "repository"
    direct = re.compile(r"\.db\.table\(|\.storage\.(write|tables\[)|Document\(")
    offenders = [f"{path.name}:{n}" for path in sorted(folder.glob("*.py")) if path.name != "base.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if direct.search(line)]
    assert offenders == []
    writes = {name for path in folder.glob("*.py") if path.name != "base.py"
              for name in re.findall(r"self\._(insert|save|delete)\(", path.read_text(encoding="utf-8"))}
    assert writes == {"insert", "save", "delete"}
