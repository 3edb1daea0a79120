"""The repository: the only code that touches TinyDB tables.

Every thing a user can do (log an entry, change an action, plan a meeting) is one
method here, run as one transaction: one durable journal line. The TUI and the
command line both call these methods. The methods live by record kind, one module
each (``people``, ``forums``, ``meetings``, ``entries``, ``actions``, ``promises``,
``agreements``, ``situation`` for the lägesbild and åtgärdsplan, ``outcomes``,
``lines`` for what live logging writes, ``escalations`` between forums and
``justering`` of minutes);
``base`` holds the store, its indexes and the raw reads and writes they share.
"""

from __future__ import annotations

from store.persistence.errors import StoreError
from store.repository.actions import ActionRecords
from store.repository.agreements import AgreementRecords
from store.repository.base import RepositoryBase, parse_iso_date
from store.repository.entries import EntryRecords
from store.repository.escalations import EscalationRecords
from store.repository.forums import ForumRecords
from store.repository.justering import JusteringRecords
from store.repository.lines import LineRecords
from store.repository.meetings import MeetingRecords
from store.repository.outcomes import OutcomeRecords
from store.repository.people import PeopleRecords
from store.repository.promises import PromiseRecords
from store.repository.situation import SituationRecords


class Repository(
    PeopleRecords, ForumRecords, MeetingRecords, EntryRecords, ActionRecords, PromiseRecords,
    AgreementRecords, SituationRecords, OutcomeRecords, LineRecords, EscalationRecords, JusteringRecords,
    RepositoryBase,
):
    """The store as a user sees it: every record kind's reads and writes."""


__all__ = ["Repository", "RepositoryBase", "StoreError", "parse_iso_date"]
