"""How ``ActionIndex`` sorts and groups: one cached ascending permutation per column,
kept in order as actions change, and the group counts of a list."""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from itertools import compress, filterfalse, repeat

from store.model.constants import ACTIVE_STATUSES
from store.review.action_rows import (
    _HI,
    _NO_DUE,
    _NULL,
    _POS_BITS,
    _POS_MASK,
    _STATUS_RANK,
    GROUP_BY,
    SORT_COLUMNS,
    Group,
    _date_int,
)
from store.rules.swedish import swedish_key
from store.text.i18n import UserError, t

# ``samverkan actions --open`` reads ``store.persistence.listing`` and must start fast: it loads
# neither TinyDB nor the models' dataclasses nor typing (the records here are plain
# named tuples for that reason; typing alone costs a one-shot command ~3 ms, the
# dataclasses module ~8). Names below are for annotations only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any



class _SortedKeys:
    """The keys of the slots of ``perm``, in its order, computed from ``hi`` and ``lo``
    when asked (for bisect)."""

    __slots__ = ("perm", "hi", "lo")

    def __init__(self, perm: array, hi: array, lo: array):
        self.perm, self.hi, self.lo = perm, hi, lo

    def __len__(self) -> int:
        return len(self.perm)

    def __getitem__(self, i: int) -> int:
        pos = self.perm[i]
        return (self.hi[pos] << _HI) | self.lo[pos]


_UNKNOWN = -1  # the key of a slot added since the order was built


class _Order:
    """A column's ascending permutation, kept sorted as actions change.

    A slot's key is ``(primary << _HI) | (due << _POS_BITS) | position``; it is kept as
    two arrays of machine integers (``hi``: the primary, ``lo``: the rest) and the
    permutation as a third, and a selection maps the mask through the permutation: a
    column's order takes about 5 MB at 100,000 actions where a list of Python ints and
    an ``itemgetter`` over them took 11 (the actions screen keeps one per column)."""

    __slots__ = ("hi", "lo", "perm", "ids", "null_from", "pending", "_desc")

    def __init__(self, keys: list[int], ids: list[int], null_key: int):
        n = len(keys)
        self.hi = array("q", map(operator.rshift, keys, repeat(_HI, n)))
        self.lo = array("q", map(operator.and_, keys, repeat((1 << _HI) - 1, n)))
        self.null_from = null_key
        self.pending: list[int] = []  # positions changed since: re-slotted when next used
        self._derive(sorted(keys), ids)

    def _derive(self, ordered: list[int], ids: list[int]) -> None:
        self.perm = array("q", map(operator.and_, ordered, repeat(_POS_MASK, len(ordered))))
        self.ids = list(map(ids.__getitem__, self.perm))
        self._desc = None

    def key(self, pos: int) -> int | None:
        primary = self.hi[pos]
        return None if primary == _UNKNOWN else (primary << _HI) | self.lo[pos]

    def primary(self, pos: int) -> int | None:
        primary = self.hi[pos]
        return None if primary == _UNKNOWN else primary

    def add_slot(self) -> None:
        self.hi.append(_UNKNOWN)
        self.lo.append(0)

    def _set(self, pos: int, key: int) -> None:
        self.hi[pos] = key >> _HI
        self.lo[pos] = key & ((1 << _HI) - 1)

    def update(self, changes: list[tuple[int, int]], ids: list[int]) -> None:
        """Re-slot changed positions, ``(pos, new key)``; new positions are unknown."""
        changes = [(pos, new) for pos, new in changes if self.key(pos) != new]
        if not changes:
            return
        if len(changes) <= 32:  # a few: bisect each out and back in
            view = _SortedKeys(self.perm, self.hi, self.lo)
            for pos, new in changes:
                old = self.key(pos)
                if old is not None:
                    i = bisect_left(view, old)
                    del self.perm[i], self.ids[i]
                self._set(pos, new)
                j = bisect_left(view, new)
                self.perm.insert(j, pos)
                self.ids.insert(j, ids[pos])
            self._desc = None
            return
        # Many (a bulk change): the unchanged slots keep their order; each changed one
        # is put in by bisection, the runs between them copied in one go.
        moved = {pos for pos, _ in changes}
        for pos, new in changes:
            self._set(pos, new)
        kept = array("q", filterfalse(moved.__contains__, self.perm))
        view = _SortedKeys(kept, self.hi, self.lo)
        perm = array("q")
        start = 0
        for new, pos in sorted((new, pos) for pos, new in changes):
            at = bisect_left(view, new, start)
            perm.extend(kept[start:at])
            perm.append(pos)
            start = at
        perm.extend(kept[start:])
        self.perm = perm
        self.ids = list(map(ids.__getitem__, perm))
        self._desc = None

    def select(self, mask: list[bool], descending: bool) -> list[int]:
        if not descending:
            return list(compress(self.ids, map(mask.__getitem__, self.perm)))
        if self._desc is None:
            # Reverse the valued part only: empty values stay last.
            k = bisect_left(_SortedKeys(self.perm, self.hi, self.lo), self.null_from)
            perm = self.perm[:k][::-1] + self.perm[k:]
            self._desc = (perm, self.ids[:k][::-1] + self.ids[k:])
        perm, ids = self._desc
        return list(compress(ids, map(mask.__getitem__, perm)))


class OrderedColumns:
    """The sorting and grouping half of ``ActionIndex``; it reads the index's columns."""

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
        if column != "text":  # a text's rank is its order's own (see _key): no 100,000-key dict
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
        elif column == "text":
            # A changed text drops the text order (ActionIndex._overwrite), so a slot
            # re-slotted here kept its text, and with it its rank; a new slot has none.
            primary = self._orders["text"].primary(pos)
            if primary is None:
                return None
        else:
            value = {
                "meeting": self._meeting, "owner": self._owner, "organisation": self._org, "forum": self._forum,
            }[column][pos]
            if value is None:
                primary = _NULL
            else:
                ranks = self._rank_cache.get(column, {})
                if value not in ranks:
                    return None
                primary = ranks[value]
        return (primary << _HI) | (due << _POS_BITS) | pos

    def _keys(self, column: str) -> list[int]:
        """Every slot's key for ``column``: (primary << _HI) | (due << _POS_BITS) | position."""
        if column not in SORT_COLUMNS:
            raise UserError("review.bad_sort", column=column, known=", ".join(SORT_COLUMNS))
        primary = self._primary(column)
        n = len(primary)
        return list(map(  # C-level maps: a few milliseconds at 100,000 actions
            operator.or_,
            map(operator.lshift, primary, repeat(_HI, n)),
            map(operator.or_, map(operator.lshift, self._due, repeat(_POS_BITS, n)), range(n)),
        ))

    def ordered(self, column: str, mask: list[bool], descending: bool) -> list[int]:
        """The ids ``mask`` lets through, sorted by ``column``. A column's permutation is
        built and kept when the list is most of the actions, or is kept already; a
        smaller list (a forum's, a word's) with none kept sorts only its own keys, so
        a one-shot command that lists a tenth of the actions does not order them all."""
        if column in self._orders or 2 * sum(mask) >= len(mask):
            return self._order(column).select(mask, descending)
        chosen = sorted(compress(self._keys(column), mask))
        if descending:  # the valued part reversed, empty values last, as _Order.select does
            null_key = (_NO_DUE << _POS_BITS) if column == "due" else (_NULL << _HI)
            k = bisect_left(chosen, null_key)
            chosen = chosen[:k][::-1] + chosen[k:]
        return list(map(self._ids.__getitem__, map(operator.and_, chosen, repeat(_POS_MASK, len(chosen)))))

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
            keys = self._keys(column)
            null_key = (_NO_DUE << _POS_BITS) if column == "due" else (_NULL << _HI)
            order = self._orders[column] = _Order(keys, self._ids, null_key)
        return order

    def _is_overdue(self, pos: int) -> bool:
        return self._status[pos] in ACTIVE_STATUSES and self._due[pos] < _date_int(self.today)

    # -- groups -------------------------------------------------------------------

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
        positions = map(self._pos.__getitem__, ids)
        if not self._sees_everything():  # only what the repository's actor may see is counted
            positions = filter(self._seen, positions)
        counts = Counter(map(values.__getitem__, positions))
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


