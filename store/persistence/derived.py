"""What the files written with the snapshot tell an open store without reading its
big tables or its history: the open-work listing (``store.persistence.listing``) and
the yearly summaries (``store.persistence.summaries``), and history read a year at a
time.

Both derived files describe the state of the snapshot; the storage keeps, per table,
the keys of every document changed since (``changed_since_snapshot``: the journal
replayed at opening, its own commits, other processes' commits), so a reader takes the
derived file's word for everything else and reads those few documents themselves.
After a compaction by this process the files describe the new snapshot again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import orjson

from store.persistence import archive, listing, snapshot, summaries
from store.persistence.errors import StoreError
from store.persistence.gcpause import paused_gc

if TYPE_CHECKING:
    from store.persistence.journal import JournalStorage

Tables = dict[str, dict[str, Any]]
YEARS_KEPT = 3  # year files kept decoded for single old documents (a few MB each)


class Derived:
    """The derived-files half of ``JournalStorage``."""

    _summaries_read = 0  # counts the times the summaries were let go (``read_history_summaries``)

    def _reset_derived(self: JournalStorage) -> None:
        self.history_merged = False  # load_archive put the history into the open store
        self.changed_since_snapshot: dict[str, set[str]] = {}
        self._listing_facts: dict[str, Any] | None | bool = False  # False: not read yet
        self._summaries: dict[int, summaries.Summary | None] | None = None
        self._summaries_read += 1  # a reading begun before this is not kept
        self._years: OrderedDict[int, Tables] = OrderedDict()

    def _note_changed(self: JournalStorage, changed: set[tuple[str, str]]) -> None:
        for table, key in changed:
            self.changed_since_snapshot.setdefault(table, set()).add(key)

    def changed_keys(self: JournalStorage, table: str) -> set[str]:
        """Keys of ``table`` changed since the snapshot, the open transaction's included
        (a store built in one transaction, as the demo is, has nothing committed yet)."""
        keys = self.changed_since_snapshot.get(table, set())
        pending = {key for name, key in self._tx_changes if name == table}
        return keys | pending if pending else keys

    @property
    def in_transaction(self: JournalStorage) -> bool:
        return self._tx_depth > 0

    def _snapshot_written(self: JournalStorage, history_rewritten: bool) -> None:
        self.changed_since_snapshot = {}
        self._listing_facts = False
        if history_rewritten:
            self._summaries = None
            self._summaries_read += 1
            self._years.clear()

    # -- the listing ---------------------------------------------------------------------

    def listing_facts(self: JournalStorage) -> dict[str, Any] | None:
        """The facts written with the snapshot's listing (``listing.read_facts``), or
        None when there is no listing it vouches for."""
        if self._listing_facts is False:
            facts = None
            if self.path is not None and "listing" in self.meta:
                with paused_gc():
                    facts = listing.read_facts(self.path, self.meta["listing"], orjson.loads)
            self._listing_facts = facts
        return self._listing_facts  # type: ignore[return-value]

    # -- history ---------------------------------------------------------------------

    def history_summaries(self: JournalStorage) -> dict[int, summaries.Summary | None]:
        """Each archived year's summary, or None for a year whose summary cannot be used
        (then its year file says it). Empty once the history is in the open store."""
        if self.archive_loaded or self.path is None:
            return {}
        if self._summaries is None:
            for _ in self.read_history_summaries():
                pass
        return self._summaries  # type: ignore[return-value]

    def read_history_summaries(self: JournalStorage) -> Iterator[int]:
        """Read the yearly summaries for ``history_summaries``, yielding after each year,
        so the app can read a hundred of them between frames rather than in one go (50-90
        ms at 100 years). A reading overtaken by a compaction (or done meanwhile) is
        dropped, never kept half or stale."""
        if self.archive_loaded or self.path is None or self._summaries is not None:
            return
        reading = self._summaries_read
        stamps = self.meta.get("summaries")
        stamps = stamps if isinstance(stamps, dict) else {}
        found: dict[int, summaries.Summary | None] = {}
        for file in archive.archive_files(self.path):
            year = int(file.stem)
            found[year] = summaries.read(self.path, year, stamps.get(file.stem))
            yield year
            if reading != self._summaries_read or self._summaries is not None:
                return
        self._summaries = found

    def history_years(self: JournalStorage, only: set[int] | None = None) -> Iterator[tuple[int, Tables]]:
        """Each archived year's tables in turn (``only`` those years), read and let go:
        a hundred years never sit in memory at once. What this session changed or
        deleted is its own business: callers take the open store's word for those keys."""
        if self.archive_loaded or self.path is None:
            return
        for year in sorted(self.history_summaries()):
            if only is None or year in only:
                yield year, self.history_year(year, keep=False)

    def history_year(self: JournalStorage, year: int, keep: bool = True) -> Tables:
        """One archived year's tables; the last few asked for are kept."""
        assert self.path is not None
        if year in self._years:
            self._years.move_to_end(year)
            return self._years[year]
        try:
            tables = archive.read_year(self.path, year)
        except snapshot.SnapshotError as error:
            raise StoreError("store.archive_corrupt", path=getattr(error, "path", self.path)) from None
        if keep:
            self._years[year] = tables
            while len(self._years) > YEARS_KEPT:
                self._years.popitem(last=False)
        return tables

    def deleted_keys(self: JournalStorage) -> set[tuple[str, str]]:
        """(table, key) of every document this session saw deleted."""
        return self._deleted

    def is_deleted(self: JournalStorage, table: str, key: str) -> bool:
        """Whether this session saw document ``key`` of ``table`` deleted."""
        return (table, key) in self._deleted

    def year_of(self: JournalStorage, table: str, key: str) -> int | None:
        """The archived year holding document ``key`` of ``table`` (a year without a
        usable summary is read to find out); None if history has none."""
        if self.archive_loaded or self.path is None or not key.isdigit():
            return None
        number = int(key)
        for year, summary in self.history_summaries().items():
            if summary is not None:
                if summaries.holds(summary, table, number):
                    return year
            elif key in self.history_year(year).get(table, {}):
                return year
        return None

    def archived_doc(self: JournalStorage, table: str, key: str) -> dict[str, Any] | None:
        """Document ``key`` of ``table`` from the history archive, reading only its year;
        None if history has none (or this session deleted it)."""
        if self.is_deleted(table, key):
            return None
        year = self.year_of(table, key)
        return None if year is None else self.history_year(year).get(table, {}).get(key)

    def archived_action_keys(self: JournalStorage, meeting_id: int) -> list[str]:
        """Keys of the archived actions created or handled in meeting ``meeting_id``."""
        keys: list[str] = []
        for year, summary in self.history_summaries().items():
            if summary is not None:
                keys += [str(action) for action in summary.action_meetings().get(str(meeting_id), ())]
            else:
                keys += [key for key, doc in self.history_year(year).get("actions", {}).items()
                         if meeting_id in summaries.action_meeting_ids(doc)]
        return keys
