"""Actions (``ActionIndex``)
    Built once from the raw action documents into parallel lists: those of the open
    store in batches, then history a year at a time (``repo.history_tables()``), so no
    more documents than one batch or one year are in memory while it is built; one slot
    per action: status, due date as an int (yyyymmdd), owner,
    organisation, forum of the meeting it came from, meeting, promise, case-folded
    text, confidential. A filter is a handful of C-level ``map`` passes over those
    lists combined into one mask; a sort is a cached permutation per column, so
    "filter then sort" is ``compress(permutation, mask)``: well under 50 ms at
    100,000 actions. The index listens to the store's change notifications and
    applies changed actions incrementally (re-slotting them in the cached
    permutations), so the TUI keeps one index for the whole session.

    Sorting: every column sorts ascending with the due date and then the store
    order as tie-breakers, so "by owner" lists each owner's earliest work first.
    Names sort the Swedish way (… x y z å ä ö). Empty values (no owner, no due
    date …) sort last in both directions. ``overdue`` ascending puts overdue
    actions first.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from itertools import compress, repeat

from store.model.constants import ACTIVE_STATUSES
from store.persistence.gcpause import paused_gc
from store.review.action_display import ActionDisplay
from store.review.action_orders import OrderedColumns, _Order
from store.review.action_rows import (
    _NO_DUE,
    SORT_COLUMNS,
    ActionFilter,
    _date_int,
    _due_int,
)
from store.rules import clock
from store.rules.swedish import search_words

# ``samverkan actions --open`` reads ``store.persistence.listing`` and must start fast: it loads
# neither TinyDB nor the models' dataclasses nor typing (the records here are plain
# named tuples for that reason; typing alone costs a one-shot command ~3 ms, the
# dataclasses module ~8). Names below are for annotations only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from store.repository import Repository

# Changing more than this many actions at once rebuilds instead of re-slotting.
_REBUILD_AT = 5000
# Documents of the open store taken at a time while building (history goes by year).
_BATCH = 4096


class ActionIndex(ActionDisplay, OrderedColumns):
    """Every action of the store, ready to filter, sort and group in milliseconds.

    ``today`` pins the day for overdue / this week; None follows the clock, so an
    index left open overnight rolls over. Call ``close()`` (or use ``with``) when done
    to stop listening to the store.
    """

    def __init__(self, repo: Repository, today: date | None = None):
        self.repo = repo
        self._pinned_today = today
        self.today = today or clock.today()
        self._dirty: set[str] = set()
        self._labels_stale = False
        self._meetings_changed: set[int] = set()
        self._rebuild()
        # Commits (ours and other processes') reach the index like the repository's own.
        self._unsubscribe = repo.subscribe(self._on_change)

    # -- lifecycle --------------------------------------------------------------

    def close(self) -> None:
        self._unsubscribe()

    def __enter__(self) -> ActionIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        self.sync()
        if self._sees_everything():
            return len(self._pos)
        return sum(self._seen(pos) for pos in self._pos.values())

    def __contains__(self, action_id: object) -> bool:
        self.sync()
        pos = self._pos.get(action_id)  # type: ignore[call-overload]
        return pos is not None and self._seen(pos)

    # -- what the repository's actor may see -----------------------------------------
    # Checked here, at the index's public surface, whatever the lists were loaded from:
    # a confidential forum's actions and ``!!`` actions are its members' only.

    def _sees_everything(self) -> bool:
        return getattr(self.repo, "actor", None) is None  # the listing's stand-in has none

    def _seen(self, pos: int) -> bool:
        return self._sees_everything() or self.repo.may_see(self._forum[pos], not self._public[pos])

    def _seen_mask(self) -> Iterable[bool]:
        return map(self.repo.may_see, self._forum, map(operator.not_, self._public))

    def _check_seen(self, pos: int, action_id: int) -> int:
        if not self._seen(pos):
            raise KeyError(action_id)
        return pos

    def warm(self, columns: Iterable[str] = SORT_COLUMNS) -> None:
        """Build (or bring up to date) every sort permutation now, e.g. in a TUI worker
        after loading or after a bulk change, so no first sort waits."""
        self.sync()
        for column in columns:
            self._order(column)

    # -- building ---------------------------------------------------------------

    def _load_labels(self) -> None:
        repo = self.repo
        people = repo.people()
        self._person_name = {p.id: p.name for p in people}
        self._person_org = {p.id: p.organisation_id for p in people}
        self._org_name = {o.id: o.name for o in repo.organisations()}
        self._forum_name = {f.id: f.name for f in repo.forums()}
        self._labels_stale = False

    def _rebuild(self) -> None:
        self._load_labels()
        self._meeting_forum: dict[int, int | None] = {}
        self._meeting_start: dict[int, str] = {}
        self._orders: dict[str, _Order] = {}
        self._rank_cache: dict[str, dict[Any, int]] = {}
        self._dirty.clear()
        self._meetings_changed.clear()
        ready_made = getattr(self.repo, "action_columns", None)
        if ready_made is not None:  # store.persistence.listing keeps its actions column by column
            (self._ids, self._status, due, self._owner, self._org_explicit, self._meeting,
             self._promise, self._text, self._public) = ready_made()
            self._due = [_NO_DUE if d is None else d for d in due]
        else:
            with paused_gc():  # thousands of new objects and no cycle among them
                self._columns_from_docs(self._batches())
                self._in_id_order()
        self._pos: dict[int, int] = {action_id: pos for pos, action_id in enumerate(self._ids)}
        person_org = self._person_org
        self._org: list[int | None] = [
            e if e is not None else person_org.get(o) for e, o in zip(self._org_explicit, self._owner)
        ]
        for meeting_id in set(self._meeting) - self._meeting_forum.keys():  # a few hundred meetings
            self._forum_of(meeting_id)
        self._forum: list[int | None] = list(map(self._meeting_forum.get, self._meeting))
        self._folded: list[str] | None = None  # made by the first text filter

    def _batches(self) -> Iterator[dict[str, dict[str, Any]]]:
        """The actions in batches: the open store's, then each year of history's (whose
        meetings are noted on the way, so an old action's forum needs no lookup)."""
        batch: dict[str, dict[str, Any]] = {}
        for key, doc in self.repo.action_docs(history=False).items():
            batch[key] = doc
            if len(batch) == _BATCH:
                yield batch
                batch = {}
        yield batch
        for _, tables in getattr(self.repo, "history_tables", tuple)():
            for key, doc in tables["meetings"].items():
                self._meeting_forum[int(key)] = doc.get("forum_id")
                self._meeting_start[int(key)] = doc.get("start", "")
            yield tables["actions"]

    def _columns_from_docs(self, batches: Iterable[dict[str, dict[str, Any]]]) -> None:
        # Column by column with comprehensions: about four times faster than a loop
        # that appends one action at a time, which matters for a one-shot CLI call.
        self._ids: list[int] = []
        self._status: list[str | None] = []
        self._due: list[int] = []
        self._owner: list[int | None] = []
        self._org_explicit: list[int | None] = []
        self._meeting: list[int | None] = []
        self._promise: list[int | None] = []
        self._text: list[str] = []
        self._public: list[bool] = []
        for docs in batches:
            values = list(docs.values())
            self._ids += [int(key) for key in docs]
            self._status += [d.get("status") for d in values]
            self._due += [_due_int(d.get("due")) for d in values]
            self._owner += [d.get("owner_person_id") for d in values]
            self._org_explicit += [d.get("owner_organisation_id") for d in values]
            self._meeting += [d.get("origin_meeting_id") for d in values]
            self._promise += [d.get("promise_id") for d in values]
            self._text += [d.get("text", "") for d in values]
            self._public += [not d.get("confidential", False) for d in values]

    def _in_id_order(self) -> None:
        """The store's order is by id, as the open-work listing has it: history (read
        after the open store) and changed old actions (added last) are put in place."""
        ids = self._ids
        if not any(map(operator.ge, ids, ids[1:])):
            return
        order = sorted(range(len(ids)), key=ids.__getitem__)
        for name in ("_ids", "_status", "_due", "_owner", "_org_explicit", "_meeting", "_promise", "_text",
                     "_public"):
            setattr(self, name, list(map(getattr(self, name).__getitem__, order)))

    def _forum_of(self, meeting_id: int | None) -> int | None:
        if meeting_id is None:
            return None
        try:
            return self._meeting_forum[meeting_id]
        except KeyError:
            meeting = self.repo.meeting(meeting_id)
            forum_id = meeting.forum_id if meeting else None
            self._meeting_forum[meeting_id] = forum_id
            self._meeting_start[meeting_id] = meeting.start.isoformat() if meeting else ""
            return forum_id

    def _append(self, action_id: int, doc: dict[str, Any]) -> int:
        pos = len(self._ids)
        self._pos[action_id] = pos
        self._ids.append(action_id)
        owner = doc.get("owner_person_id")
        explicit = doc.get("owner_organisation_id")
        meeting = doc.get("origin_meeting_id")
        text = doc.get("text", "")
        self._status.append(doc.get("status"))
        self._due.append(_due_int(doc.get("due")))
        self._owner.append(owner)
        self._org_explicit.append(explicit)
        self._org.append(explicit if explicit is not None else self._person_org.get(owner))
        self._meeting.append(meeting)
        self._forum.append(self._forum_of(meeting))
        self._promise.append(doc.get("promise_id"))
        self._text.append(text)
        if self._folded is not None:
            self._folded.append(text.casefold())
        self._public.append(not doc.get("confidential", False))
        return pos

    def _overwrite(self, pos: int, doc: dict[str, Any] | None) -> None:
        if doc is None:  # deleted: no status passes any filter
            self._status[pos] = None
            self._public[pos] = False
            return
        owner = doc.get("owner_person_id")
        explicit = doc.get("owner_organisation_id")
        meeting = doc.get("origin_meeting_id")
        text = doc.get("text", "")
        self._status[pos] = doc.get("status")
        self._due[pos] = _due_int(doc.get("due"))
        self._owner[pos] = owner
        self._org_explicit[pos] = explicit
        self._org[pos] = explicit if explicit is not None else self._person_org.get(owner)
        self._meeting[pos] = meeting
        self._forum[pos] = self._forum_of(meeting)
        self._promise[pos] = doc.get("promise_id")
        if text != self._text[pos]:
            self._text[pos] = text
            if self._folded is not None:
                self._folded[pos] = text.casefold()
            self._orders.pop("text", None)  # text ranks shift: rebuilt on next use
        self._public[pos] = not doc.get("confidential", False)

    # -- change notifications -----------------------------------------------------

    def _on_change(self, changed: set[tuple[str, str]]) -> None:
        # Only note what changed: the work happens in sync(), on the caller's turn.
        for table, key in changed:
            if table == "actions":
                self._dirty.add(key)
            elif table in ("people", "organisations", "forums", "promises"):
                self._labels_stale = True
            elif table == "meetings":
                self._meetings_changed.add(int(key))

    def sync(self) -> bool:
        """Apply the store's changes and a new day since the last call; True if anything changed."""
        changed = False
        today = self._pinned_today or clock.today()
        if today != self.today:
            self.today = today
            self._orders.pop("overdue", None)
            changed = True
        if self._dirty or self._labels_stale or self._meetings_changed:
            changed = self._sync_store() or changed
        return changed

    def _sync_store(self) -> bool:
        changed = False
        if self._labels_stale:
            self._load_labels()
            person_org = self._person_org
            self._org = [
                e if e is not None else person_org.get(o) for e, o in zip(self._org_explicit, self._owner)
            ]
            for column in ("owner", "organisation", "forum"):
                self._orders.pop(column, None)
            changed = True
        if self._meetings_changed:
            for meeting_id in self._meetings_changed:
                old = self._meeting_forum.pop(meeting_id, None)
                self._meeting_start.pop(meeting_id, None)
                if self._forum_of(meeting_id) != old and meeting_id in self._meeting:
                    self._rebuild()  # a meeting moved forum: rare enough to start over
                    return True
            self._meetings_changed.clear()
            self._orders.pop("meeting", None)
            changed = True
        if self._dirty:
            self._apply_dirty()
            changed = True
        return changed

    def _apply_dirty(self) -> None:
        dirty, self._dirty = self._dirty, set()
        if len(dirty) > max(_REBUILD_AT, len(self._ids) // 4):
            self._rebuild()
            return
        docs = self.repo.action_docs(history=False)  # a change always lands in the open store
        touched: list[int] = []
        for key in dirty:
            action_id = int(key)
            doc = docs.get(key)
            pos = self._pos.get(action_id)
            if pos is None:
                if doc is None:
                    continue
                pos = self._append(action_id, doc)
                for order in self._orders.values():
                    order.add_slot()
            elif doc is None:
                del self._pos[action_id]
            self._overwrite(pos, doc)
            touched.append(pos)
        # Each permutation is re-slotted when a query next sorts by it, so a bulk status
        # change costs nothing for a list sorted by owner.
        for order in self._orders.values():
            order.pending.extend(touched)

    # -- queries ------------------------------------------------------------------

    def _mask(self, flt: ActionFilter) -> list[bool]:
        n = len(self._ids)
        wanted = flt.statuses()
        if flt.overdue:
            wanted &= frozenset(ACTIVE_STATUSES)
        mask: Iterable[bool] = map(wanted.__contains__, self._status)
        parts: list[Iterable[bool]] = []
        if not flt.include_confidential:
            parts.append(self._public)
        if not self._sees_everything():
            parts.append(self._seen_mask())
        if flt.overdue:
            parts.append(map(operator.gt, repeat(_date_int(self.today), n), self._due))
        if flt.due_this_week:
            monday = self.today - timedelta(days=self.today.weekday())
            parts.append(map(operator.le, repeat(_date_int(monday), n), self._due))
            parts.append(map(operator.ge, repeat(_date_int(monday + timedelta(days=6)), n), self._due))
        for wanted_id, values in (
            (flt.forum_id, self._forum),
            (flt.organisation_id, self._org),
            (flt.owner_person_id, self._owner),
            (flt.promise_id, self._promise),
        ):
            if wanted_id is not None:
                parts.append(map(operator.eq, values, repeat(wanted_id, n)))
        # Each word in its Swedish forms, as the search screen reads it ("skolor" finds "skolan").
        for word in search_words(flt.text):
            if self._folded is None:
                self._folded = [text.casefold() for text in self._text]
            parts.append(map(operator.contains, self._folded, repeat(word, n)))
        for part in parts:
            mask = map(operator.and_, mask, part)
        return list(mask)

    def query(
        self, flt: ActionFilter | None = None, sort: str | None = "due", descending: bool = False
    ) -> list[int]:
        """Ids of the actions ``flt`` lets through, sorted by ``sort`` (None: store order)."""
        self.sync()
        mask = self._mask(flt or ActionFilter())
        if sort is None:
            return list(compress(self._ids, mask))
        return self.ordered(sort, mask, descending)

    def query_and_hidden(
        self, flt: ActionFilter, sort: str | None = "due", descending: bool = False
    ) -> tuple[list[int], int]:
        """``query``, and how many more it would list if the confidential ones were shown
        (0 when they are): the filter runs once, not once for each answer."""
        if flt.include_confidential:
            return self.query(flt, sort, descending), 0
        self.sync()
        shown_all = self._mask(flt._replace(include_confidential=True))
        mask = list(map(operator.and_, shown_all, self._public))
        hidden = sum(shown_all) - sum(mask)
        if sort is None:
            return list(compress(self._ids, mask)), hidden
        return self.ordered(sort, mask, descending), hidden

    def count(self, flt: ActionFilter | None = None) -> int:
        self.sync()
        return sum(self._mask(flt or ActionFilter()))
