"""What a screen or a listing shows of the actions ``ActionIndex`` selected: one row,
a page of rows, or a whole listing as parallel columns (no object per row).

A mixin of ``ActionIndex`` over its parallel lists (``store.review.action_index``);
the names of owners, organisations and forums are looked up here, once per value.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.model.constants import ACTIVE_STATUSES
from store.review.action_rows import _NO_DUE, ActionColumns, ActionRow, _date_int, _int_date

# ``samverkan actions --open`` must start fast: no typing, no dataclasses (see
# store.review.action_index).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date


class ActionDisplay:
    """Display fields of the index's actions; the index's lists are brought up to date first."""

    today: date

    def _sync_store(self) -> bool:
        raise NotImplementedError

    def _check_seen(self, pos: int, action_id: int) -> int:
        raise NotImplementedError

    def _sees_everything(self) -> bool:
        raise NotImplementedError

    def row(self, action_id: int) -> ActionRow:
        """Display fields of one action (KeyError if there is none, or the repository's
        actor may not see it): O(1).

        ``overdue`` is as of the day of the last ``query`` (or ``sync``): a screen's
        rows agree with the list they came from.
        """
        if self._dirty or self._labels_stale or self._meetings_changed:
            self._sync_store()
        pos = self._check_seen(self._pos[action_id], action_id)
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
        check = not self._sees_everything()
        result = []
        for action_id in ids:
            pos = self._pos[action_id]
            if check:
                self._check_seen(pos, action_id)
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
        if not self._sees_everything():
            for p, action_id in zip(pos, ids):
                self._check_seen(p, action_id)

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

