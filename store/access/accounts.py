"""Accounts of the served app, in a file beside the store (``samverkan.json.users``,
mode 0600): a name, a role, the forums the person belongs to and a password hash.

Why a file of its own and not a table in the store: every snapshot, rolling backup,
journal line and history archive of the store would otherwise carry the password
hashes, and a removed account's hash would live on in ten backups. Whoever moves a
store moves its ``samverkan.json*`` files, and the accounts go with them.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from store.access import passwords
from store.access.actor import ROLES, Actor
from store.persistence import fileio, layout
from store.persistence.fileio import Lock
from store.text.i18n import UserError
from store.text.os_errors import os_reason

FORMAT = "samverkan-users"
VERSION = 1
MAX_NAME = 60


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    forums: tuple[int, ...]
    password_hash: str

    def actor(self) -> Actor:
        return Actor(self.name, self.role, frozenset(self.forums))

    def to_doc(self) -> dict:
        return {"name": self.name, "role": self.role, "forums": list(self.forums),
                "password": self.password_hash}


def users_path(store: Path) -> Path:
    """Beside the real store, as every side file (a symlinked store has one file of accounts)."""
    return layout.side(layout.resolve(store), layout.USERS)


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip()).casefold()


def load(path: Path) -> list[Account]:
    """The accounts in ``path``; none when there is no file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise UserError("access.users_unreadable", path=path, reason=os_reason(error)) from None
    try:
        doc = json.loads(raw)
        if doc.get("format") != FORMAT:
            raise ValueError("format")
        if int(doc.get("version", 0)) > VERSION:
            raise UserError("access.users_too_new", path=path)
        return [Account(str(a["name"]), str(a["role"]), tuple(int(f) for f in a.get("forums", ())),
                        str(a["password"])) for a in doc["accounts"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UserError("access.users_corrupt", path=path) from None


def _write(path: Path, accounts: list[Account]) -> None:
    """Write the whole file, all or nothing (``fileio.atomic_write``), mode 0600."""
    data = json.dumps({"format": FORMAT, "version": VERSION, "accounts": [a.to_doc() for a in accounts]},
                      ensure_ascii=False, indent=1).encode("utf-8")
    try:
        fileio.atomic_write(path, data)
    except OSError as error:
        raise UserError("access.users_unwritable", path=path, reason=os_reason(error)) from None


class _Locked:
    """Read, change and write the file under one lock, so that two operators adding
    accounts at the same moment do not lose one of them."""

    def __init__(self, path: Path):
        self.path = path
        self.lock = Lock(path.with_name(path.name + ".lock"))

    def __enter__(self) -> list[Account]:
        if not self.lock.acquire():
            raise UserError("access.users_busy", path=self.path)
        return load(self.path)

    def __exit__(self, *exc: object) -> None:
        self.lock.release()
        self.lock.close()


def find(accounts: list[Account], name: str) -> Account | None:
    key = _key(name)
    return next((a for a in accounts if _key(a.name) == key), None)


def _check_password(password: str) -> None:
    if len(password) < passwords.MIN_LENGTH:
        raise UserError("access.password_short", min=passwords.MIN_LENGTH)


def add(path: Path, name: str, role: str, forums: tuple[int, ...], password: str) -> Account:
    name = unicodedata.normalize("NFC", name.strip())
    if not name or len(name) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in name):
        raise UserError("access.bad_name", max=MAX_NAME)
    if role not in ROLES:
        raise UserError("access.bad_role", role=role, known=", ".join(ROLES))
    _check_password(password)
    account = Account(name, role, tuple(dict.fromkeys(forums)), passwords.hash_password(password))
    with _Locked(path) as accounts:
        if find(accounts, name):
            raise UserError("access.user_exists", name=name)
        _write(path, [*accounts, account])
    return account


def remove(path: Path, name: str) -> Account:
    with _Locked(path) as accounts:
        account = find(accounts, name)
        if account is None:
            raise UserError("access.unknown_user", name=name)
        _write(path, [a for a in accounts if a is not account])
    return account


def set_password(path: Path, name: str, password: str) -> Account:
    _check_password(password)
    with _Locked(path) as accounts:
        account = find(accounts, name)
        if account is None:
            raise UserError("access.unknown_user", name=name)
        changed = Account(account.name, account.role, account.forums, passwords.hash_password(password))
        _write(path, [changed if a is account else a for a in accounts])
    return changed


def authenticate(path: Path, name: str, password: str) -> Account | None:
    """The account when name and password match; otherwise None, after as long a
    wait as a real check, whether the name exists or not."""
    account = find(load(path), name)
    if account is None:
        passwords.burn_time(password)
        return None
    return account if passwords.verify_password(password, account.password_hash) else None
