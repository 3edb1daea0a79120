"""The repository: the only code that touches TinyDB tables.

Every thing a user can do (log an entry, change an action, plan a meeting) is one
method here, run as one transaction: one durable journal line. The TUI and the
command line both call these methods.

Raw documents stay in the storage; models are built on demand. Small tables
(organisations, people, forums, promises, agreements) are cached as models; the
large ones (meetings, entries, actions) have indexes kept up to date from the
storage's change notifications, which also carry other processes' commits.
"""

from __future__ import annotations

import inspect
import os
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from tinydb.table import Document

from store.access.actor import Actor, operator_name
from store.model.base import Model
from store.model.references import Broken, broken_references
from store.model.tables import TABLES
from store.persistence import fileio, layout
from store.persistence.errors import StoreError
from store.persistence.tables import StoreDB
from store.repository.access import LINE_TABLES, AccessGuard
from store.repository.indexes import INDEXED, Indexes
from store.rules import clock
from store.text.i18n import UserError

M = TypeVar("M", bound=Model)

# Less free space than this and the app opens read-only: a commit would fail anyway.
FULL_DISK_BYTES = 1024 * 1024
READ_ONLY_BECAUSE = {"store.disk_full": "store.read_only.disk_full"}

HISTORY_TABLES = ("meetings", "entries", "actions")  # what the yearly archive holds
CACHED_TABLES = (
    "organisations", "people", "forums", "promises", "agreements",
    "problems", "situation_pictures", "citizen_dialogues", "measures", "action_plans",
    "outcomes", "evaluations", "publications",
)


class RepositoryBase(AccessGuard):
    """The store, its indexes and the raw reads and writes every record kind uses.

    Who uses it (``actor``) and what that lets them write and see: ``AccessGuard``."""

    def __init__(self, path: str | os.PathLike | None = None, create: bool = False, read_only: bool = False):
        """``read_only``: the store is read and nothing is ever written, not even a torn
        tail cut or a compaction (``check``, ``show``, exports, the listings)."""
        self.path = Path(path) if path is not None else None
        if self.path is not None and self.path.is_dir():
            raise StoreError("store.not_a_store", path=self.path, backup="-")
        self.db = StoreDB(self.path, create=create, read_only=read_only)
        self.storage = self.db.journal
        self._cache: dict[str, dict[int, Model]] = {}
        # Each built on first use: `samverkan log` reads no entry and no action for them.
        self.indexes = Indexes(self._raw)
        self.storage.listeners.append(self._on_change)
        # Who is using the store: None is the operator's own shell (the command line),
        # unrestricted; the served app sets the account that logged in.
        self.actor: Actor | None = None
        self._seen_cache = {}
        # Who the command line says is writing (``--by``); without it, the computer's user.
        self.operator = ""

    @classmethod
    def memory(cls):
        return cls(None)

    @classmethod
    def for_app(cls, path: str | os.PathLike):
        """The store for the app: for writing when it can be written, otherwise read-only
        with the reason in ``read_only_reason`` (a full disk, a folder that cannot be
        written): the user can still read everything, and is told why nothing saves."""
        reason = writable_reason(Path(path))
        if reason is None:
            try:
                return cls(path)
            except StoreError as error:
                reason = READ_ONLY_BECAUSE.get(error.key)
                if reason is None:
                    raise
        repo = cls(path, read_only=True)
        repo.storage.read_only_reason = reason
        return repo

    @property
    def read_only_reason(self) -> str | None:
        """Why a store meant for writing is open read-only (a catalogue key), or None."""
        return self.storage.read_only_reason

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self):
        return self.storage.transaction()

    def subscribe(self, listener) -> Callable[[], None]:
        """Call ``listener(changed)`` with the (table, id) pairs of every commit, ours
        or another process's; returns the function that ends the subscription.

        A bound method is held weakly, so an index nobody uses any more is not kept
        alive by the store and stops listening by itself.
        """
        if inspect.ismethod(listener):
            method = weakref.WeakMethod(listener)

            def listener(changed: set[tuple[str, str]]) -> None:
                target = method()
                if target is not None:
                    target(changed)

        self.storage.listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self.storage.listeners:
                self.storage.listeners.remove(listener)

        return unsubscribe

    def writer(self) -> str:
        """The name a line, a history line or a raised matter is recorded as written by:
        the account's when served, else ``operator`` or the computer's user name."""
        if self.actor is not None:
            return self.actor.name
        return self.operator or operator_name()

    def refresh(self) -> bool:
        """Pick up other processes' commits; True if anything changed."""
        before = self.storage.seq
        with self.storage.transaction():
            pass
        return self.storage.seq != before

    # -- raw access and indexes ----------------------------------------------

    def _raw(self, table: str) -> dict[str, Any]:
        return self.storage.tables.get(table, {})

    def _on_change(self, changed: set[tuple[str, str]]) -> None:
        self._changes += 1
        for table, key in changed:
            if table in CACHED_TABLES:
                self._cache.pop(table, None)
            elif table in INDEXED:
                self.indexes.changed(table, key)

    def load_history(self) -> None:
        """Read the yearly archive (older meetings, closed actions) if not yet read."""
        self.storage.load_archive()

    def broken_references(self) -> list[Broken]:
        """Every reference in the store, history included, that points at nothing."""
        self.load_history()
        return broken_references(self.storage.tables)

    @property
    def history_loaded(self) -> bool:
        return self.storage.archive_loaded

    def _model(self, table: str, doc_id: int) -> Any:
        """One record as the actor may see it: a line they may not see is None."""
        doc = self._raw(table).get(str(doc_id))
        doc = self._stored(table, doc_id)
        if doc is None or (table in LINE_TABLES and not self.may_see_line(table, doc)):
            return None
        model = TABLES[table].from_doc(doc, doc_id)
        return self._as_seen(model) if table == "meetings" else model

    def _stored(self, table: str, doc_id: int) -> dict[str, Any] | None:
        """The raw document as stored: the open store's, else its year file's."""
        doc = self._raw(table).get(str(doc_id))
        if doc is None and doc_id and table in HISTORY_TABLES:
            doc = self.storage.archived_doc(table, str(doc_id))  # from its own year file
        return doc

    def _all(self, table: str) -> dict[int, Any]:
        if table not in self._cache:
            model = TABLES[table]
            self._cache[table] = {
                int(k): model.from_doc(doc, int(k)) for k, doc in self._raw(table).items()
            }
        return self._cache[table]

    def _insert(self, table: str, model: M) -> M:
        doc = model.to_doc()
        self._check_write(table, 0, None, doc)
        model.id = self.db.table(table).insert(doc)
        return model

    def _save(self, table: str, model: M) -> M:
        # A document of history is saved into the open store, whose version wins from
        # then on (store.repository.history): nothing needs the whole archive read.
        new = model.to_doc()
        self._check_write(table, model.id, self._stored(table, model.id), new)

        def replace(doc: dict) -> None:
            doc.clear()
            doc.update(new)

        if not self.db.table(table).update(replace, doc_ids=[model.id]):
            self.db.table(table).insert(Document(new, doc_id=model.id))
        return model

    def _delete(self, table: str, doc_id: int) -> None:
        if str(doc_id) not in self._raw(table):
            self.load_history()
        self._check_write(table, doc_id, self._raw(table).get(str(doc_id)), None)
        self.db.table(table).remove(doc_ids=[doc_id])


def writable_reason(path: Path) -> str | None:
    """Why the store at ``path`` cannot be written now (a catalogue key), or None."""
    folder = layout.resolve(path).parent
    free = fileio.free_bytes(folder)
    if free is not None and free < FULL_DISK_BYTES:
        return "store.read_only.disk_full"
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return "store.read_only.not_writable"
    return None


def parse_iso_date(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UserError("repo.bad_date", text=text) from None
    if not clock.in_range(day):
        raise UserError("date.out_of_range", text=text.strip())
    return day
