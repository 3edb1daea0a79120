"""The agenda's rules: where a line without an item belongs, which item is the
follow-up of earlier actions and which is "Övrigt", and the items' time budgets.

A line logged from the command line (``samverkan log``), or filed under an item
that was later removed, has no item of its own. It belongs under the item the
meeting was on when it was logged: the item of the latest line logged before it. A
line with nothing before it goes under "Övrigt": the agenda's own item of that
name (Övrigt, Övriga frågor …) or, without one, a section of that name at the end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from store.model.meeting import AgendaItem
from store.rules.swedish import fold
from store.text.i18n import UserError

MAX_MINUTES = 600  # ten hours: longer is a typing mistake
_MINUTES = re.compile(r"([0-9]{1,4}) ?(?:min|m|minut|minuter|minute|minutes)?\.?")

# Titles as secretaries write them (folded: å ä → a, ö → o), Swedish and English.
_FOLLOW_UP = ("uppfoljning", "follow-up", "follow up", "followup")
_NOT_ACTIONS = ("lofte", "promise")  # "Uppföljning av medborgarlöften" follows up promises
_OTHER = ("ovrigt", "ovriga fragor", "ovriga", "other business", "any other business", "aob", "other matters")


class Line(Protocol):
    created: datetime | None
    agenda_key: int | None


def is_follow_up(title: str) -> bool:
    """"Uppföljning av tidigare åtgärder", "Uppföljning": where the follow-up table goes."""
    folded = fold(title)
    return any(word in folded for word in _FOLLOW_UP) and not any(word in folded for word in _NOT_ACTIONS)


def is_other(title: str) -> bool:
    """"Övrigt", "Övriga frågor": where a line the meeting logged before any item goes."""
    folded = " ".join(fold(title).strip(" .:").split())
    return folded in _OTHER


def follow_up_item(agenda: Sequence[AgendaItem]) -> AgendaItem | None:
    return next((item for item in agenda if is_follow_up(item.title)), None)


def other_item(agenda: Sequence[AgendaItem]) -> AgendaItem | None:
    return next((item for item in agenda if is_other(item.title)), None)


def current_item(agenda: Sequence[AgendaItem], lines: Sequence[Line], before: datetime | None = None) -> int | None:
    """The item the meeting was on: that of the latest line logged under an item of
    this agenda (before ``before``, when given); None when there is none."""
    keys = {item.key for item in agenda}
    filed = [line for line in lines if line.agenda_key in keys and line.created is not None
             and (before is None or line.created < before)]
    return max(filed, key=lambda line: line.created).agenda_key if filed else None


def filed_under(agenda: Sequence[AgendaItem], lines: Sequence[Line]) -> list[int | None]:
    """Each line's item, in the order given: its own, else the one current when it was
    logged, else the agenda's "Övrigt" item; None means the "Övrigt" section."""
    keys = {item.key for item in agenda}
    other = other_item(agenda)
    result: list[int | None] = []
    for line in lines:
        if line.agenda_key in keys:
            result.append(line.agenda_key)
            continue
        key = current_item(agenda, lines, before=line.created) if line.created is not None else None
        result.append(key if key is not None else (other.key if other else None))
    return result


# -- time budgets ----------------------------------------------------------------------------


def check_minutes(minutes: int | None) -> None:
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        raise UserError("repo.bad_minutes", minutes=minutes, most=MAX_MINUTES)


def parse_minutes(text: str) -> int | None:
    """"15", "15 min", "15 minuter", "15 minutes"; empty: no budget."""
    raw = " ".join(text.split()).casefold()
    if not raw:
        return None
    found = _MINUTES.fullmatch(raw)
    if not found:
        raise UserError("repo.bad_minutes_text", text=text.strip())
    minutes = int(found[1])
    check_minutes(minutes)
    return minutes


def elapsed_minutes(item: AgendaItem, now: datetime) -> int | None:
    """Whole minutes since the meeting came to ``item`` (None before it did)."""
    if item.started is None:
        return None
    return max(0, int((now - item.started).total_seconds() // 60))


def planned_times(start: datetime, agenda: Sequence[AgendaItem]) -> list[tuple[datetime, datetime] | None]:
    """Each item's planned start and end from the meeting's start, in agenda order, as
    long as every item before it has a budget (after one without, times are unknown)."""
    times: list[tuple[datetime, datetime] | None] = []
    at: datetime | None = start
    for item in agenda:
        if at is None or item.minutes is None:
            times.append(None)
            at = None
            continue
        end = at + timedelta(minutes=item.minutes)
        times.append((at, end))
        at = end
    return times
