"""What the chair filters by and what a review table shows of one action: the
filter, the row and the column records ``ActionIndex`` answers with, and the
compact yyyymmdd form due dates take inside the index."""

from __future__ import annotations

from collections import namedtuple
from datetime import date

from store.model.constants import ACTION_STATUSES, ACTIVE_STATUSES
from store.text.i18n import UserError

# ``samverkan actions --open`` reads ``store.persistence.listing`` and must start fast: it loads
# neither TinyDB nor the models' dataclasses nor typing (the records here are plain
# named tuples for that reason; typing alone costs a one-shot command ~3 ms, the
# dataclasses module ~8). Names below are for annotations only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


ACTIVE = "active"  # status shortcut: open + in progress
SORT_COLUMNS = (
    "id", "text", "status", "owner", "organisation", "forum", "meeting", "due",
    "promise", "overdue", "confidential",
)
GROUP_BY = ("owner", "organisation", "forum", "promise", "status")

# Sort keys are single ints, (primary << _HI) | (due << _POS_BITS) | position, so a
# permutation is one sort of plain ints and a changed action is re-slotted by bisect.
_POS_BITS = 24  # 16 million actions
_DUE_BITS = 27  # yyyymmdd < 2**27
_HI = _POS_BITS + _DUE_BITS
_POS_MASK = (1 << _POS_BITS) - 1
_NO_DUE = 99_999_999
_NULL = (1 << 31) - 1
_STATUS_RANK = {status: rank for rank, status in enumerate(ACTION_STATUSES)}


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
        """The keys of ``store.review.views.action_json`` (plus the due date's ISO week)."""
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


