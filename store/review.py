"""The chair's review: which actions are late and who owns them, and whether the
citizen promises are being kept. Shared by ``samverkan actions`` / ``samverkan
promises`` and the TUI's review screens; pure store code, no Textual.

Actions (``ActionIndex``)
    Built once from the raw action documents (``repo.action_docs()``) into parallel
    lists, one slot per action: status, due date as an int (yyyymmdd), owner,
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

Promises (``promise_progress``, ``promise_rows``)
    Progress is counted from the linked actions (``Action.promise_id``) whose status
    is done; every done action counts, confidential ones included (a count reveals
    nothing). The published target is scaled to the whole period
    (``target_total``): a "period" target is the count itself; per month / quarter /
    tertial (4 months) / term (6 months) / year it is the count times the calendar
    months of the period over the unit's months, per week times days / 7; rounded
    half up, at least one (as ``store.reports`` scales it). A promise without a
    target has no total: its linked and done counts are shown, never an invented
    number. The state, first rule that applies (``promise_state``):

    no_target    the promise has no measurable target (or a per-unit target and no
                 period to scale it by);
    kept         done >= target total (even before or after the period);
    not_started  today is before the period's first day;
    not_kept     today is after the period's last day and done < target total;
    at_risk      done / target total < elapsed - 0.15, where elapsed is the share of
                 the period's days gone by, today included (0..1);
    on_track     otherwise (also when a whole-period target has no dates to
                 measure time against).
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left
from collections import Counter, namedtuple
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import compress, filterfalse, repeat

from store import clock
from store.constants import ACTION_STATUSES, ACTIVE_STATUSES, DONE, FIRE, MUNICIPALITY, POLICE
from store.i18n import UserError, t

# ``samverkan actions --open`` reads ``store.listing`` and must start fast: it loads
# neither TinyDB nor the models' dataclasses nor typing (the records here are plain
# named tuples for that reason; typing alone costs a one-shot command ~3 ms, the
# dataclasses module ~8). Names below are for annotations only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from store.models import Organisation, Promise, Target
    from store.repository import Repository

ACTIVE = "active"  # status shortcut: open + in progress
SORT_COLUMNS = (
    "id", "text", "status", "owner", "organisation", "forum", "meeting", "due",
    "promise", "overdue", "confidential",
)
GROUP_BY = ("owner", "organisation", "forum", "promise", "status")
AT_RISK_MARGIN = 0.15
PROMISE_STATES = ("on_track", "at_risk", "kept", "not_kept", "no_target", "not_started")

# Sort keys are single ints, (primary << _HI) | (due << _POS_BITS) | position, so a
# permutation is one sort of plain ints and a changed action is re-slotted by bisect.
_POS_BITS = 24  # 16 million actions
_DUE_BITS = 27  # yyyymmdd < 2**27
_HI = _POS_BITS + _DUE_BITS
_POS_MASK = (1 << _POS_BITS) - 1
_NO_DUE = 99_999_999
_NULL = (1 << 31) - 1
_STATUS_RANK = {status: rank for rank, status in enumerate(ACTION_STATUSES)}
# After z come å, ä, ö in Swedish; é/ü are variants of e/y.
_SWEDISH = (("å", "{"), ("ä", "|"), ("æ", "|"), ("ö", "}"), ("ø", "}"), ("é", "e"), ("è", "e"), ("ü", "y"))
# Changing more than this many actions at once rebuilds instead of re-slotting.
_REBUILD_AT = 5000


def swedish_key(text: str) -> str:
    """Sort key for Swedish: case-insensitive, å ä ö after z."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    # A few str.replace calls beat str.translate's per-character dict lookups.
    for letter, stand_in in _SWEDISH:
        if letter in folded:
            folded = folded.replace(letter, stand_in)
    return folded


def _due_int(value: str | None) -> int:
    return int(value[:4] + value[5:7] + value[8:10]) if value else _NO_DUE


def _int_date(value: int) -> date | None:
    return None if value == _NO_DUE else date(value // 10000, value // 100 % 100, value % 100)


def _date_int(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


# --------------------------------------------------------------------- filters


class ActionFilter(namedtuple(
    "ActionFilter",
    "status overdue due_this_week forum_id organisation_id owner_person_id promise_id text include_confidential",
    defaults=(None, False, False, None, None, None, None, "", False),
)):
    """What the chair wants to see. Every field left at its default lets all through.

    ``status``: a set of statuses; ``"active"`` in it means open + in progress; None is
    every status. ``overdue``: active and due before today. ``due_this_week``: due in
    today's ISO week (Monday–Sunday). ``forum_id`` … ``promise_id``: only actions of
    that forum, organisation, owner, promise (None: any). ``text``: every word must
    occur in the action text, case-insensitively. Confidential actions are left out
    unless ``include_confidential``. A value: change one with ``flt._replace(text=…)``.
    """

    __slots__ = ()

    def statuses(self) -> frozenset[str]:
        if self.status is None:
            return frozenset(ACTION_STATUSES)
        wanted = {self.status} if isinstance(self.status, str) else set(self.status)
        if ACTIVE in wanted:
            wanted = (wanted - {ACTIVE}) | set(ACTIVE_STATUSES)
        unknown = wanted - set(ACTION_STATUSES)
        if unknown:
            raise UserError("repo.bad_status", status=", ".join(sorted(unknown)))
        return frozenset(wanted)


class ActionRow(namedtuple(
    "ActionRow",
    "id text status owner organisation forum meeting due promise overdue confidential"
    " owner_person_id organisation_id forum_id",
)):
    """One action as a review table shows it; names resolved (owner, organisation and
    forum as text, "" for none), ``due`` a date or None, ids as ints or None."""

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        """The keys of ``store.views.action_json`` (plus the due date's ISO week)."""
        return {
            "id": self.id,
            "text": self.text,
            "status": self.status,
            "owner": self.owner or None,
            "organisation": self.organisation or None,
            "due": self.due.isoformat() if self.due else None,
            "week": self.due.isocalendar().week if self.due else None,
            "forum": self.forum or None,
            "meeting": self.meeting,
            "promise": self.promise,
            "overdue": self.overdue,
            "confidential": self.confidential,
        }


# ``ActionIndex.columns``: one list per field, all in the order of the ids given; the
# fields of ``ActionRow`` up to ``confidential``, but ``due`` as yyyymmdd ints or None.
ActionColumns = namedtuple(
    "ActionColumns", "id text status owner organisation forum meeting due promise overdue confidential"
)


def due_date(value: int | None) -> date | None:
    """A yyyymmdd int from ``ActionColumns.due`` as a date."""
    return None if value is None else _int_date(value)


# One group of a grouped list: its label, how many, and what it stands for (a person,
# organisation, forum or promise id, a status, or None).
Group = namedtuple("Group", "label count key")


class _Order:
    """A column's ascending permutation, kept sorted as actions change."""

    __slots__ = ("keys", "sorted", "perm", "ids", "null_from", "pending", "_getter", "_desc")

    def __init__(self, keys: list[int | None], ids: list[int], null_key: int):
        self.keys = keys
        self.null_from = null_key
        self.pending: list[int] = []  # positions changed since: re-slotted when next used
        self.sorted = sorted(keys)  # type: ignore[type-var]
        self._derive(ids)

    def _derive(self, ids: list[int]) -> None:
        self.perm = list(map(operator.and_, self.sorted, repeat(_POS_MASK, len(self.sorted))))
        self.ids = list(map(ids.__getitem__, self.perm))
        self._getter = None
        self._desc = None

    def update(self, changes: list[tuple[int, int]], ids: list[int]) -> None:
        """Re-slot changed positions, ``(pos, new key)``; new positions have key None."""
        changes = [(pos, new) for pos, new in changes if self.keys[pos] != new]
        if not changes:
            return
        if len(changes) <= 32:  # a few: bisect each out and back in
            for pos, new in changes:
                old = self.keys[pos]
                if old is not None:
                    i = bisect_left(self.sorted, old)
                    del self.sorted[i], self.perm[i], self.ids[i]
                j = bisect_left(self.sorted, new)
                self.sorted.insert(j, new)
                self.perm.insert(j, pos)
                self.ids.insert(j, ids[pos])
                self.keys[pos] = new
            self._getter = self._desc = None
            return
        # Many (a bulk change): drop the old keys, add the new, and let timsort merge
        # the two sorted runs: linear, not one list shift per action.
        old_keys = {self.keys[pos] for pos, _ in changes} - {None}
        kept = list(filterfalse(old_keys.__contains__, self.sorted))
        kept.extend(sorted(new for _, new in changes))
        kept.sort()
        for pos, new in changes:
            self.keys[pos] = new
        self.sorted = kept
        self._derive(ids)

    def select(self, mask: list[bool], descending: bool) -> list[int]:
        if not descending:
            if self._getter is None:
                self._getter = _getter(self.perm)
            return list(compress(self.ids, self._getter(mask)))
        if self._desc is None:
            # Reverse the valued part only: empty values stay last.
            k = bisect_left(self.sorted, self.null_from)
            perm = self.perm[:k][::-1] + self.perm[k:]
            self._desc = (_getter(perm), self.ids[:k][::-1] + self.ids[k:])
        getter, ids = self._desc
        return list(compress(ids, getter(mask)))


def _getter(perm: list[int]):
    """A callable picking ``mask[p] for p in perm`` at C speed."""
    if len(perm) >= 2:
        return operator.itemgetter(*perm)
    return lambda mask: [mask[p] for p in perm]


class ActionIndex:
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
        return len(self._pos)

    def __contains__(self, action_id: object) -> bool:
        self.sync()
        return action_id in self._pos

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
        if ready_made is not None:  # store.listing keeps its actions column by column
            (self._ids, self._status, due, self._owner, self._org_explicit, self._meeting,
             self._promise, self._text, self._public) = ready_made()
            self._due = [_NO_DUE if d is None else d for d in due]
        else:
            self._columns_from_docs(self.repo.action_docs())
        self._pos: dict[int, int] = {action_id: pos for pos, action_id in enumerate(self._ids)}
        person_org = self._person_org
        self._org: list[int | None] = [
            e if e is not None else person_org.get(o) for e, o in zip(self._org_explicit, self._owner)
        ]
        forum_of = self._forum_of
        self._forum: list[int | None] = [forum_of(m) for m in self._meeting]
        self._folded: list[str] | None = None  # made by the first text filter

    def _columns_from_docs(self, docs: dict[str, dict[str, Any]]) -> None:
        # Column by column with comprehensions: about four times faster than a loop
        # that appends one action at a time, which matters for a one-shot CLI call.
        values = list(docs.values())
        self._ids: list[int] = [int(key) for key in docs]
        self._status: list[str | None] = [d.get("status") for d in values]
        self._due: list[int] = [_due_int(d.get("due")) for d in values]
        self._owner: list[int | None] = [d.get("owner_person_id") for d in values]
        self._org_explicit: list[int | None] = [d.get("owner_organisation_id") for d in values]
        self._meeting: list[int | None] = [d.get("origin_meeting_id") for d in values]
        self._promise: list[int | None] = [d.get("promise_id") for d in values]
        self._text: list[str] = [d.get("text", "") for d in values]
        self._public: list[bool] = [not d.get("confidential", False) for d in values]

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
        docs = self.repo.action_docs()
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
                    order.keys.append(None)
            elif doc is None:
                del self._pos[action_id]
            self._overwrite(pos, doc)
            touched.append(pos)
        # Each permutation is re-slotted when a query next sorts by it, so a bulk status
        # change costs nothing for a list sorted by owner.
        for order in self._orders.values():
            order.pending.extend(touched)

    # -- sort keys ---------------------------------------------------------------

    def _ranks(self, column: str) -> dict[Any, int]:
        if column == "text":
            self._sv_text = list(map(swedish_key, self._text))
            return {key: rank for rank, key in enumerate(sorted(set(self._sv_text)))}
        if column == "meeting":
            distinct = sorted((start, mid) for mid, start in self._meeting_start.items())
            return {mid: rank for rank, (_, mid) in enumerate(distinct)}
        names = {
            "owner": self._person_name, "organisation": self._org_name, "forum": self._forum_name,
        }[column]
        ordered = sorted(names, key=lambda i: (swedish_key(names[i]), i))
        return {item: rank for rank, item in enumerate(ordered)}

    def _primary(self, column: str) -> list[int]:
        """The first sort component of every slot, or the ranks used for it."""
        n = len(self._ids)
        if column in ("id", "promise"):
            values = self._ids if column == "id" else self._promise
            return [_NULL if v is None else v for v in values]
        if column == "due":
            return [0] * n
        if column == "status":
            return [_STATUS_RANK.get(s, _NULL) for s in self._status]  # type: ignore[arg-type]
        if column == "confidential":
            return [0 if public else 1 for public in self._public]
        if column == "overdue":
            today = _date_int(self.today)
            return [0 if s in ACTIVE_STATUSES and d < today else 1 for s, d in zip(self._status, self._due)]
        ranks = self._ranks(column)
        self._rank_cache[column] = ranks
        if column == "text":
            primary = list(map(ranks.__getitem__, self._sv_text))
            del self._sv_text
            return primary
        values = {
            "meeting": self._meeting, "owner": self._owner, "organisation": self._org, "forum": self._forum,
        }[column]
        return [_NULL if v is None else ranks.get(v, _NULL) for v in values]

    def _key(self, column: str, pos: int) -> int | None:
        """One slot's key for an existing permutation; None if it needs new ranks."""
        due = self._due[pos]
        if column == "id":
            primary = self._ids[pos]
        elif column == "promise":
            primary = _NULL if self._promise[pos] is None else self._promise[pos]
        elif column == "due":
            primary = 0
        elif column == "status":
            primary = _STATUS_RANK.get(self._status[pos], _NULL)  # type: ignore[arg-type]
        elif column == "confidential":
            primary = 0 if self._public[pos] else 1
        elif column == "overdue":
            primary = 0 if self._is_overdue(pos) else 1
        else:
            value = {
                "text": self._text, "meeting": self._meeting, "owner": self._owner,
                "organisation": self._org, "forum": self._forum,
            }[column][pos]
            if column == "text":
                value = swedish_key(value)
            if value is None:
                primary = _NULL
            else:
                ranks = self._rank_cache.get(column, {})
                if value not in ranks:
                    return None
                primary = ranks[value]
        return (primary << _HI) | (due << _POS_BITS) | pos

    def _order(self, column: str) -> _Order:
        order = self._orders.get(column)
        if order is not None and order.pending:
            touched = dict.fromkeys(order.pending)
            order.pending = []
            changes = [(pos, self._key(column, pos)) for pos in touched]
            if any(new is None for _, new in changes):
                del self._orders[column]  # a value the ranks don't know: build anew
                order = None
            else:
                order.update(changes, self._ids)  # type: ignore[arg-type]
        if order is None:
            if column not in SORT_COLUMNS:
                raise UserError("review.bad_sort", column=column, known=", ".join(SORT_COLUMNS))
            primary = self._primary(column)
            n = len(primary)
            # (primary << _HI) | (due << _POS_BITS) | position, with C-level maps.
            keys: list[int | None] = list(map(
                operator.or_,
                map(operator.lshift, primary, repeat(_HI, n)),
                map(operator.or_, map(operator.lshift, self._due, repeat(_POS_BITS, n)), range(n)),
            ))
            null_key = (_NO_DUE << _POS_BITS) if column == "due" else (_NULL << _HI)
            order = self._orders[column] = _Order(keys, self._ids, null_key)
        return order

    def _is_overdue(self, pos: int) -> bool:
        return self._status[pos] in ACTIVE_STATUSES and self._due[pos] < _date_int(self.today)

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
        for word in flt.text.casefold().split():
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
        return self._order(sort).select(mask, descending)

    def count(self, flt: ActionFilter | None = None) -> int:
        self.sync()
        return sum(self._mask(flt or ActionFilter()))

    def row(self, action_id: int) -> ActionRow:
        """Display fields of one action (KeyError if there is none): O(1).

        ``overdue`` is as of the day of the last ``query`` (or ``sync``): a screen's
        rows agree with the list they came from.
        """
        if self._dirty or self._labels_stale or self._meetings_changed:
            self._sync_store()
        pos = self._pos[action_id]
        owner, org, forum = self._owner[pos], self._org[pos], self._forum[pos]
        return ActionRow(
            id=action_id,
            text=self._text[pos],
            status=self._status[pos] or "",
            owner=self._person_name.get(owner, "") if owner is not None else "",
            organisation=self._org_name.get(org, "") if org is not None else "",
            forum=self._forum_name.get(forum, "") if forum is not None else "",
            meeting=self._meeting[pos],
            due=_int_date(self._due[pos]),
            promise=self._promise[pos],
            overdue=self._is_overdue(pos),
            confidential=not self._public[pos],
            owner_person_id=owner,
            organisation_id=org,
            forum_id=forum,
        )

    def rows(self, ids: Iterable[int]) -> list[ActionRow]:
        """``row`` for many ids (a page of the table, or a whole CLI listing)."""
        if self._dirty or self._labels_stale or self._meetings_changed:
            self._sync_store()
        today = _date_int(self.today)
        person, org_name, forum_name = self._person_name, self._org_name, self._forum_name
        result = []
        for action_id in ids:
            pos = self._pos[action_id]
            owner, org, forum, due, status = (
                self._owner[pos], self._org[pos], self._forum[pos], self._due[pos], self._status[pos]
            )
            result.append(ActionRow(
                action_id,
                self._text[pos],
                status or "",
                person.get(owner, "") if owner is not None else "",
                org_name.get(org, "") if org is not None else "",
                forum_name.get(forum, "") if forum is not None else "",
                self._meeting[pos],
                _int_date(due),
                self._promise[pos],
                status in ACTIVE_STATUSES and due < today,
                not self._public[pos],
                owner,
                org,
                forum,
            ))
        return result

    def columns(self, ids: Iterable[int]) -> ActionColumns:
        """The display fields of many actions as parallel lists: the fastest way to
        print a long listing (no object per row). Dates stay yyyymmdd ints here
        (``due_date`` turns one into a date; no due date is None)."""
        if self._dirty or self._labels_stale or self._meetings_changed:
            self._sync_store()
        ids = list(ids)
        pos = list(map(self._pos.__getitem__, ids))

        def take(values: list) -> list:
            return list(map(values.__getitem__, pos))

        def names(values: list, table: dict[int, str]) -> list[str]:
            return [table.get(v, "") if v is not None else "" for v in take(values)]

        status, due = take(self._status), take(self._due)
        today = _date_int(self.today)
        return ActionColumns(
            id=ids,
            text=take(self._text),
            status=[s or "" for s in status],
            owner=names(self._owner, self._person_name),
            organisation=names(self._org, self._org_name),
            forum=names(self._forum, self._forum_name),
            meeting=take(self._meeting),
            due=[None if d == _NO_DUE else d for d in due],
            promise=take(self._promise),
            overdue=[s in ACTIVE_STATUSES and d < today for s, d in zip(status, due)],
            confidential=[not p for p in take(self._public)],
        )

    def _group_label(self, by: str, key: Any) -> str:
        if key is None:
            return t(f"review.group.no_{by}")
        if by == "owner":
            return self._person_name.get(key, str(key))
        if by == "organisation":
            return self._org_name.get(key, str(key))
        if by == "forum":
            return self._forum_name.get(key, str(key))
        if by == "promise":
            promise = self.repo.promise(key)
            ref = t("review.promise_ref", id=key)
            return f"{ref} {_short(promise.text, 60)}" if promise else ref
        return t(f"status.action.{key}")

    def groups(self, ids: Iterable[int], by: str, order: str = "count") -> list[Group]:
        """Counts of ``ids`` per owner / organisation / forum / promise / status.

        ``order="count"``: largest group first; ``"label"``: by name. The group of
        actions without that field ("(ingen ansvarig)") always comes last.
        """
        self.sync()
        values = self._group_values(by)
        counts = Counter(map(values.__getitem__, map(self._pos.__getitem__, ids)))
        groups = [Group(self._group_label(by, key), count, key) for key, count in counts.items()]
        if order == "label":
            if by == "status":
                groups.sort(key=lambda g: _STATUS_RANK.get(g.key, _NULL))
            else:
                groups.sort(key=lambda g: (g.key is None, swedish_key(g.label)))
        else:
            groups.sort(key=lambda g: (g.key is None, -g.count, swedish_key(g.label)))
        return groups

    def grouped(self, ids: Iterable[int], by: str, order: str = "count") -> list[tuple[Group, list[int]]]:
        """``groups`` with each group's ids, in the order they were given."""
        self.sync()
        ids = list(ids)
        values = self._group_values(by)
        members: dict[Any, list[int]] = {}
        for action_id in ids:
            members.setdefault(values[self._pos[action_id]], []).append(action_id)
        return [(group, members[group.key]) for group in self.groups(ids, by, order)]

    def _group_values(self, by: str) -> list[Any]:
        columns = {
            "owner": self._owner, "organisation": self._org, "forum": self._forum,
            "promise": self._promise, "status": self._status,
        }
        if by not in columns:
            raise UserError("review.bad_group", by=by, known=", ".join(GROUP_BY))
        return columns[by]


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --------------------------------------------------------------------- bulk change


def bulk_change(
    repo: Repository,
    ids: Iterable[int],
    status: str | None,
    meeting_id: int | None = None,
    note: str = "",
    due: date | None = None,
) -> int:
    """Set the status (and/or a new due date) of many actions in ONE transaction.

    Each changed action gets its own dated history line (``repo.change_action``).
    An action already in ``status`` (and with that due date) is left as it is. An
    unknown id or status changes nothing at all (UserError). Returns how many
    actions changed.
    """
    if status is not None and status not in ACTION_STATUSES:
        raise UserError("repo.bad_status", status=status)
    due_text = due.isoformat() if due else None
    changed = 0
    with repo.transaction():
        docs = repo.action_docs()
        for action_id in dict.fromkeys(ids):
            doc = docs.get(str(action_id))
            if doc is None:
                raise UserError("repo.unknown_action", id=action_id)
            new_status = status if status is not None and doc.get("status") != status else None
            new_due = due if due is not None and doc.get("due") != due_text else None
            if new_status is None and new_due is None:
                continue
            repo.change_action(action_id, meeting_id, status=new_status, due=new_due, note=note)
            changed += 1
    return changed


# ------------------------------------------------------------------ name lookups


def resolve_owner(repo: Repository, name: str) -> tuple[int | None, int | None]:
    """(person id, organisation id) for ``--owner``: a person, else an organisation.

    When the name is an organisation (or a kind word like "polisen"), the person id
    is None and the caller filters on the organisation.
    """
    person, org, candidates = repo.find_owner(name)
    if person is not None:
        return person.id, None
    if org is not None:
        return None, org.id
    if candidates:
        raise UserError("review.ambiguous_owner", name=name, names=", ".join(candidates))
    raise UserError("review.unknown_owner", name=name)


def find_organisation(repo: Repository, name: str) -> Organisation:
    """An organisation by id, exact name, unique part of the name, or kind word."""
    orgs = repo.organisations()
    needle = name.strip().casefold()
    if needle.isdigit():
        org = repo.organisation(int(needle))
        if org:
            return org
    exact = [o for o in orgs if o.name.casefold() == needle]
    if len(exact) == 1:
        return exact[0]
    partial = [o for o in orgs if needle and needle in o.name.casefold()]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        _, org, _ = repo.find_owner(name)
        if org is not None:
            return org
    known = ", ".join(o.name for o in (partial or orgs)) or "-"
    key = "review.ambiguous_org" if len(partial) > 1 else "review.unknown_org"
    raise UserError(key, name=name, known=known)


def resolve_promise(repo: Repository, ref: str) -> Promise:
    promise = repo.find_promise(ref)
    if promise is None:
        raise UserError("review.unknown_promise", ref=ref)
    return promise


# ----------------------------------------------------------------------- promises

# How many months one target unit is; "week" counts days and "period" is the count.
_UNIT_MONTHS = {"month": 1, "quarter": 3, "tertial": 4, "term": 6, "year": 12}


def target_total(target: Target | None, start: date | None, end: date | None) -> int | None:
    """The target for the whole period: count × how many ``per`` units the period holds.

    Months are counted as calendar months touched (2026-01-01..2026-12-31 is 12), a
    week is 7 days; the product is rounded half up and never below 1 (the same
    scaling as the follow-up report's ``store.reports.scaled_target``). None when
    there is no target, or a per-unit target and no period to scale it by.
    """
    if target is None or target.count <= 0:
        return None
    if target.per == "week":
        if start is None or end is None:
            return None
        factor = ((end - start).days + 1) / 7
    elif target.per in _UNIT_MONTHS:
        if start is None or end is None:
            return None
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        factor = months / _UNIT_MONTHS[target.per]
    else:  # "period", or a unit we don't know: the count as published
        factor = 1
    return max(1, int(target.count * factor + 0.5))


def elapsed_fraction(start: date | None, end: date | None, today: date) -> float | None:
    """Share of the period gone by, today included, 0..1; None without dates."""
    if start is None or end is None:
        return None
    days = (end - start).days + 1
    return min(1.0, max(0.0, ((today - start).days + 1) / days))


def promise_state(done: int, total: int | None, start: date | None, end: date | None, today: date) -> str:
    """The rule in the module docstring, first match wins."""
    if total is None:
        return "no_target"
    if done >= total:
        return "kept"
    if start is not None and today < start:
        return "not_started"
    if end is not None and today > end:
        return "not_kept"
    elapsed = elapsed_fraction(start, end, today)
    if elapsed is not None and done / total < elapsed - AT_RISK_MARGIN:
        return "at_risk"
    return "on_track"


class PromiseProgress(namedtuple("PromiseProgress", "promise target_total done linked active elapsed state")):
    """A promise's progress: ``target_total`` (None: no target), ``done`` (linked
    actions done), ``linked`` (ids of every linked action, any status), ``active``
    (those still open or in progress), ``elapsed`` (share of the period gone, or
    None) and ``state`` (one of ``PROMISE_STATES``)."""

    __slots__ = ()

    @property
    def expected(self) -> float | None:
        """How many should be done by now if the work were spread evenly."""
        if self.target_total is None or self.elapsed is None:
            return None
        return self.target_total * self.elapsed

    def to_json(self) -> dict[str, Any]:
        p = self.promise
        expected = self.expected
        return {
            "id": p.id,
            "text": p.text,
            "parties": list(p.parties),
            "period": period_label(p),
            "focus_area": p.focus_area or None,
            "target": self.target_total,
            "done": self.done,
            "state": self.state,
            "municipality": p.municipality or None,
            "period_start": p.period_start.isoformat() if p.period_start else None,
            "period_end": p.period_end.isoformat() if p.period_end else None,
            "target_count": p.target.count if p.target else None,
            "target_per": p.target.per if p.target else None,
            "linked": len(self.linked),
            "active": self.active,
            "elapsed": round(self.elapsed, 3) if self.elapsed is not None else None,
            "expected": round(expected, 1) if expected is not None else None,
        }


def period_label(promise: Promise) -> str:
    if promise.period_label:
        return promise.period_label
    if promise.period_start and promise.period_end:
        return f"{promise.period_start.isoformat()}–{promise.period_end.isoformat()}"
    return ""


def _progress(promise: Promise, linked: list[int], done: int, active: int, today: date) -> PromiseProgress:
    total = target_total(promise.target, promise.period_start, promise.period_end)
    return PromiseProgress(
        promise=promise,
        target_total=total,
        done=done,
        linked=tuple(linked),
        active=active,
        elapsed=elapsed_fraction(promise.period_start, promise.period_end, today),
        state=promise_state(done, total, promise.period_start, promise.period_end, today),
    )


def _tally(repo: Repository, promise_ids: set[int]) -> dict[int, tuple[list[int], int, int]]:
    """One pass over the actions: (linked ids, done, active) per promise."""
    linked: dict[int, list[int]] = {pid: [] for pid in promise_ids}
    done: Counter[int] = Counter()
    active: Counter[int] = Counter()
    for key, doc in repo.action_docs().items():
        pid = doc.get("promise_id")
        if pid in linked:
            linked[pid].append(int(key))
            status = doc.get("status")
            if status == DONE:
                done[pid] += 1
            elif status in ACTIVE_STATUSES:
                active[pid] += 1
    return {pid: (sorted(ids), done[pid], active[pid]) for pid, ids in linked.items()}


def promise_progress(repo: Repository, promise: Promise, today: date | None = None) -> PromiseProgress:
    today = today or clock.today()
    linked, done, active = _tally(repo, {promise.id})[promise.id]
    return _progress(promise, linked, done, active, today)


_PARTY_WORDS = {
    POLICE: ("police", "polisen", "polis"),
    MUNICIPALITY: ("municipality", "kommunen", "kommun"),
    FIRE: ("fire", "brandförsvaret", "brandförsvar", "räddningstjänsten", "räddningstjänst"),
}
# Patterns, compiled (and cached by re) on first use: not on every command's start.
_YEARS = r"^(\d{4})(?:\s*[/\-–—]\s*(\d{4}))?$"
_DATES = r"^(\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|–|—|/|\s-\s)\s*(\d{4}-\d{2}-\d{2}))?$"


def parse_party(text: str) -> str:
    needle = text.strip().casefold()
    for party, words in _PARTY_WORDS.items():
        if needle in words:
            return party
    raise UserError("review.unknown_party", text=text)


def parse_period(text: str) -> tuple[date, date]:
    """"2026", "2019/2020", "2021-2022", "2021–2022", an ISO date or two: first and last day."""
    value = text.strip()
    years = re.match(_YEARS, value)
    try:
        if years:
            first = int(years.group(1))
            last = int(years.group(2) or first)
            if last >= first:
                return date(first, 1, 1), date(last, 12, 31)
        dates = re.match(_DATES, value)
        if dates:
            start = date.fromisoformat(dates.group(1))
            end = date.fromisoformat(dates.group(2)) if dates.group(2) else start
            if end >= start:
                return start, end
    except ValueError:
        pass
    raise UserError("review.bad_period", text=text)


def _normal_label(label: str) -> str:
    return re.sub(r"\s*[/\-–—]\s*", "-", label.strip())


def promise_matches_period(promise: Promise, text: str, bounds: tuple[date, date]) -> bool:
    """Same label as published, or the promise's dates overlap the period."""
    if promise.period_label and _normal_label(promise.period_label) == _normal_label(text):
        return True
    start, end = promise.period_start, promise.period_end
    if start is None or end is None:
        return False
    return start <= bounds[1] and end >= bounds[0]


def promise_rows(
    repo: Repository,
    today: date | None = None,
    municipality: str | None = None,
    period: str | None = None,
    party: str | None = None,
) -> list[PromiseProgress]:
    """Progress of every promise the filters let through, in ``repo.promises()`` order.

    One pass over the actions for all promises. ``municipality`` and ``party``
    ("polisen", "police" …) are matched case-insensitively; an unknown one is a
    UserError, as is a period that cannot be read.
    """
    today = today or clock.today()
    promises = repo.promises()
    if municipality:
        known = sorted({p.municipality for p in promises if p.municipality})
        wanted = municipality.strip().casefold()
        if wanted not in {m.casefold() for m in known}:
            raise UserError("review.unknown_municipality", name=municipality, known=", ".join(known) or "-")
        promises = [p for p in promises if p.municipality.casefold() == wanted]
    if period:
        bounds = parse_period(period)
        promises = [p for p in promises if promise_matches_period(p, period, bounds)]
    if party:
        wanted_party = parse_party(party)
        promises = [p for p in promises if wanted_party in p.parties]
    tally = _tally(repo, {p.id for p in promises})
    return [_progress(p, *tally[p.id], today) for p in promises]


__all__ = [
    "ACTIVE",
    "AT_RISK_MARGIN",
    "GROUP_BY",
    "PROMISE_STATES",
    "SORT_COLUMNS",
    "ActionColumns",
    "ActionFilter",
    "ActionIndex",
    "ActionRow",
    "Group",
    "PromiseProgress",
    "bulk_change",
    "due_date",
    "elapsed_fraction",
    "find_organisation",
    "parse_party",
    "parse_period",
    "period_label",
    "promise_matches_period",
    "promise_progress",
    "promise_rows",
    "promise_state",
    "resolve_owner",
    "resolve_promise",
    "swedish_key",
    "target_total",
]
