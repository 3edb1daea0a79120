"""TinyDB's side of the journal storage: a table whose writes touch only the documents
they change, and the database class that uses it.

TinyDB hands a whole table to an updater and then the whole database to ``write()``;
``JournalTable._update_table`` gives the updater a view that reports every key it
touches instead, so a commit journals those documents and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from store.persistence.journal import JournalStorage


class JournalTable(Table):
    """A TinyDB table whose writes touch only the documents they change."""

    def __init__(self, storage: JournalStorage, name: str, **kwargs: Any):
        super().__init__(storage, name, **kwargs)
        storage.table_objects.append(self)

    def insert(self, document):  # type: ignore[override]
        # The id must be drawn after catching up with other processes' inserts.
        with self._storage.transaction():  # type: ignore[attr-defined]
            return super().insert(document)

    def insert_multiple(self, documents):  # type: ignore[override]
        with self._storage.transaction():  # type: ignore[attr-defined]
            return super().insert_multiple(documents)

    def _get_next_id(self) -> int:
        # TinyDB scans every key once and caches; another process may have inserted
        # since, so the storage keeps the highest id per table up to date instead.
        storage: JournalStorage = self._storage  # type: ignore[assignment]
        return storage.next_id(self.name)

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage: JournalStorage = self._storage  # type: ignore[assignment]
        with storage.transaction():
            raw = storage.tables.setdefault(self.name, {})
            view = _TouchingView(raw, storage, self.name)
            updater(view)  # type: ignore[arg-type]
            # Indexes above us must see the change at once, even mid-transaction.
            storage._notify({(self.name, key) for key in view.touched})
        self.clear_cache()


class _TouchingView(dict):
    """What TinyDB's updaters see: int keys over the raw str-keyed table.

    Every key an updater reads, writes or removes is reported to the storage, so
    the commit journals those documents and nothing else.
    """

    def __init__(self, raw: dict[str, Any], storage: JournalStorage, table: str):
        super().__init__()
        self._raw = raw
        self._storage = storage
        self._table = table
        self.touched: set[str] = set()

    def _touch(self, key: str) -> None:
        self._storage.touch(self._table, key)
        self.touched.add(key)

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._raw

    def __getitem__(self, doc_id: int) -> Any:
        self._touch(str(doc_id))
        return self._raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self._touch(str(doc_id))
        self._raw[str(doc_id)] = doc
        if int(doc_id) > self._storage.max_ids.get(self._table, 0):
            self._storage.max_ids[self._table] = int(doc_id)

    def __delitem__(self, doc_id: int) -> None:
        self._touch(str(doc_id))
        del self._raw[str(doc_id)]

    def pop(self, doc_id: int, *default: Any) -> Any:  # type: ignore[override]
        self._touch(str(doc_id))
        return self._raw.pop(str(doc_id), *default)

    def keys(self):  # type: ignore[override]
        return [int(k) for k in self._raw]

    def __iter__(self):
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self._raw)

    def items(self):  # type: ignore[override]
        return [(int(k), v) for k, v in self._raw.items()]

    def values(self):  # type: ignore[override]
        return list(self._raw.values())

    def clear(self) -> None:
        for key in list(self._raw):
            self._touch(key)
        self._raw.clear()


class StoreDB(TinyDB):
    """TinyDB over the journal storage."""

    table_class = JournalTable
    default_storage_class = JournalStorage

    @property
    def journal(self) -> JournalStorage:
        return self.storage  # type: ignore[return-value]
