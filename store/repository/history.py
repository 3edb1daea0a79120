"""History without loading it: what the home screen, the action index and search need
from the yearly archive, and single old documents.

- Promise progress and the overdue count come from the open-work listing and the
  yearly summaries written with the snapshot (``store.persistence.derived``), with the
  few actions changed since read from the open store: the home screen of a
  hundred-year store reads no action at all.
- The action and search indexes read history a year at a time (``history_tables``)
  and keep only their columns, so a hundred years never sit in memory as documents.
- One old meeting, entry or action is read from its own year file (``_model``).

The open store's version of a document always wins over the archive's: a document of
history that was changed is in the open store from then on, one that was deleted is
remembered as deleted (``shadowed``), as ``store.persistence.archive.merge`` rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from store.model.constants import ACTIVE_STATUSES
from store.persistence.gcpause import paused_gc
from store.repository.base import HISTORY_TABLES, RepositoryBase

Facts = tuple[list[tuple[int, str, int | None, int | None]], dict[int, tuple[int, str]]]


def due_number(due: str | None) -> int | None:
    """2026-11-30 → 20261130, as the listing keeps due dates."""
    return int(due[:4] + due[5:7] + due[8:10]) if due else None


def _fact(key: str, doc: dict[str, Any] | None, active: list, linked: dict) -> None:
    if doc is None:
        return
    status = doc.get("status")
    if status in ACTIVE_STATUSES:
        active.append((int(key), status, due_number(doc.get("due")), doc.get("promise_id")))
    elif doc.get("promise_id") is not None:
        linked[int(key)] = (doc["promise_id"], status)


class HistoryRecords(RepositoryBase):
    _facts_cache: tuple[Any, Facts] | None = None

    def shadowed(self, table: str, key: str) -> bool:
        """Whether the open store's word on ``key`` overrides the archive's."""
        return key in self._raw(table) or self.storage.is_deleted(table, key)

    # -- counts without reading actions -------------------------------------------------

    def _action_facts(self) -> Facts:
        """The actions of the open store that are active, as (id, status, due, promise),
        and the closed ones that serve a promise, {id: (promise, status)}."""
        storage = self.storage
        stamp = (storage.seq, storage.history_merged, id(storage.tables.get("actions")))
        if self._facts_cache is not None and self._facts_cache[0] == stamp and not storage.in_transaction:
            return self._facts_cache[1]
        docs = self._raw("actions")
        body = None if storage.history_merged else storage.listing_facts()
        active: list[tuple[int, str, int | None, int | None]] = []
        linked: dict[int, tuple[int, str]] = {}
        if body is None:
            with paused_gc():
                for key, doc in docs.items():
                    _fact(key, doc, active, linked)
        else:
            changed = storage.changed_keys("actions")
            columns = body["active"]
            rows = zip(columns["id"], columns["status"], columns["due"], columns["promise"])
            active = [row for row in rows if str(row[0]) not in changed] if changed else list(rows)
            linked = {int(k): (v[0], v[1]) for k, v in body["linked"].items() if k not in changed}
            for key in changed:
                _fact(key, docs.get(key), active, linked)
        facts = (active, linked)
        self._facts_cache = (stamp, facts)
        return facts

    def overdue_count(self, today: Any = None) -> int:
        from store.rules import clock

        day = int((today or clock.today()).strftime("%Y%m%d"))
        late = [aid for aid, _, due, _ in self._action_facts()[0] if due is not None and due < day]
        if self.sees_everything:
            return len(late)
        raw = self._raw("actions")  # every active action is in the open store
        return sum(1 for aid in late if self.may_see_line("actions", raw[str(aid)]))

    def read_history_summaries(self) -> Iterator[int]:
        """Read what ``promise_links`` and the counts need of history a year at a time,
        yielding each year: the app reads a hundred years between frames (``promise_links``
        then reads nothing); a script need not call it."""
        return self.storage.read_history_summaries()

    def promise_links(self, promise_ids: set[int]) -> dict[int, dict[str, set[int]]]:
        """The ids of every action that serves each promise, by status, history
        included: {promise: {status: {id, …}}}. Reads the listing and the yearly
        summaries, not the actions."""
        links: dict[int, dict[str, set[int]]] = {pid: {} for pid in promise_ids}
        active, linked = self._action_facts()
        for action_id, status, _, promise_id in active:
            if promise_id in links:
                links[promise_id].setdefault(status, set()).add(action_id)
        for action_id, (promise_id, status) in linked.items():
            if promise_id in links:
                links[promise_id].setdefault(status, set()).add(action_id)
        found_years = self.storage.history_summaries()
        if found_years:
            # The open store's word wins over history's: its actions (and those this
            # session deleted) are left out of every year's counts.
            overriding = {int(key) for key in self._raw("actions")}
            overriding |= {int(key) for table, key in self.storage.deleted_keys() if table == "actions"}
            for year, summary in found_years.items():
                by_promise = summary.promises if summary is not None else self._year_promises(year)
                for pid in promise_ids & set(map(int, by_promise)):
                    for status, ids in by_promise[str(pid)].items():
                        links[pid].setdefault(status, set()).update(set(ids) - overriding)
        if not self.sees_everything:  # a served reader: only the actions they may see count
            for by_status in links.values():
                for status, ids in by_status.items():
                    by_status[status] = {aid for aid in ids
                                         if (doc := self._stored("actions", aid)) and self.may_see_line("actions", doc)}
        return links

    def _year_promises(self, year: int) -> dict[str, dict[str, list[int]]]:
        """What a year's summary says of promises, from the year file (no summary to trust)."""
        found: dict[str, dict[str, list[int]]] = {}
        for key, doc in self.storage.history_year(year, keep=False).get("actions", {}).items():
            if doc.get("promise_id") is not None and doc.get("status") not in ACTIVE_STATUSES:
                found.setdefault(str(doc["promise_id"]), {}).setdefault(str(doc.get("status")), []).append(int(key))
        return found

    # -- history a year at a time ---------------------------------------------------

    def history_tables(self) -> Iterator[tuple[int, dict[str, dict[str, Any]]]]:
        """Each archived year's meetings, entries and actions, without the documents the
        open store overrides; nothing once the history is in the open store (then
        everything is in ``_raw``)."""
        for year, tables in self.storage.history_years():
            yield year, {
                table: {key: doc for key, doc in tables.get(table, {}).items() if not self.shadowed(table, key)}
                for table in HISTORY_TABLES
            }

    def _history_meeting_keys(self, first_year: int = 0, last_year: int = 9999) -> list[tuple[int, tuple]]:
        """(meeting id, (forum id, day)) of history's meetings from ``first_year`` to
        ``last_year``, from the summaries (a year without one from its file); the open
        store's own are in ``indexes``, and override these."""
        found = []
        for year, summary in self.storage.history_summaries().items():
            if not first_year <= year <= last_year:
                continue
            if summary is not None:
                meetings = ((key, (forum_id, start[:10])) for key, (forum_id, start) in summary.meetings().items())
            else:
                meetings = ((key, (doc.get("forum_id"), str(doc.get("start", ""))[:10]))
                            for key, doc in self.storage.history_year(year).get("meetings", {}).items())
            found += [(int(key), place) for key, place in meetings if not self.shadowed("meetings", key)]
        return found

    # -- single old documents ---------------------------------------------------------

    def history_doc(self, table: str, key: str) -> dict[str, Any] | None:
        """The raw document ``key`` of ``table`` from history (its year file alone)."""
        return self.storage.archived_doc(table, key)

    def _archived_entries(self, meeting_id: int) -> list[tuple[str, dict[str, Any]]]:
        """The entries of a meeting of history (entries are filed with their meeting)."""
        year = self.storage.year_of("meetings", str(meeting_id))
        if year is None:
            return []
        docs = self.storage.history_year(year).get("entries", {})
        return [(key, doc) for key, doc in docs.items()
                if doc.get("meeting_id") == meeting_id and not self.shadowed("entries", key)]

    def _archived_actions_of(self, meeting_id: int) -> list[str]:
        """Keys of history's actions created or handled in a meeting (an action is filed
        under the year of its last change, which may be later than the meeting's)."""
        return [key for key in self.storage.archived_action_keys(meeting_id) if not self.shadowed("actions", key)]
