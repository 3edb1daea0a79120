"""What ``store.review.search.SearchIndex`` keeps of the entries or actions it searches:
column by column, never the documents.

Per document: its id, its searchable text folded (``search.fold``), its meeting, its
kind and whether it is confidential, and an action's creation day (the date of one
logged outside a meeting). The text a hit shows is read again for the hits shown, so
a hundred years of entries and actions take about 120 bytes each here (a dict per
document took about 1 kB). A hit's date comes from its meeting.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from store.model.constants import DECISION, INFO

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ACTION = "action"
KIND_CODES = {INFO: 0, DECISION: 1, ACTION: 2}
KINDS_BY_CODE = {code: kind for kind, code in KIND_CODES.items()}
CONFIDENTIAL = 4  # a bit above the kind's two


def fields(table: str, doc: dict[str, Any], fold: Any) -> tuple[str, int, int, int]:
    """(folded text, meeting id or 0, flags, creation day as yyyymmdd or 0) of a document."""
    text = doc.get("text", "")
    confidential = CONFIDENTIAL if doc.get("confidential") else 0
    if table == "actions":
        notes = [note for event in doc.get("history", ()) if (note := event.get("note"))]
        created = str(doc.get("created") or "")
        day = int(created[:4] + created[5:7] + created[8:10]) if len(created) >= 10 else 0
        return (fold("\n".join([text, *notes])), doc.get("origin_meeting_id") or 0,
                KIND_CODES[ACTION] | confidential, day)
    kind = KIND_CODES.get(doc.get("kind") or INFO, 0)
    return fold(text), doc.get("meeting_id") or 0, kind | confidential, 0


class TextColumns:
    """Documents of one table; ``keyed`` ones can be replaced by id (the open store's)."""

    def __init__(self, keyed: bool):
        self.ids = array("q")
        self.folded: list[str] = []
        self.meetings = array("q")
        self.flags = bytearray()
        self.created = array("l")
        self._positions: dict[int, int] | None = {} if keyed else None
        self.hidden: set[int] = set()  # ids whose word is now the open store's (or gone)

    def __len__(self) -> int:
        return len(self.ids) - len(self.hidden)

    def put(self, doc_id: int, found: tuple[str, int, int, int]) -> None:
        folded, meeting, flags, created = found
        position = self._positions.get(doc_id) if self._positions is not None else None
        if position is None:
            if self._positions is not None:
                self._positions[doc_id] = len(self.ids)
            self.ids.append(doc_id)
            self.folded.append(folded)
            self.meetings.append(meeting)
            self.flags.append(flags)
            self.created.append(created)
        else:
            self.folded[position], self.meetings[position] = folded, meeting
            self.flags[position], self.created[position] = flags, created
        self.hidden.discard(doc_id)

    def hide(self, doc_id: int) -> None:
        self.hidden.add(doc_id)

    def matches(self, first: str, rest: list[str], include_confidential: bool) -> Iterator[int]:
        """Positions of the documents containing every word."""
        hidden, ids, flags = self.hidden, self.ids, self.flags
        for position, haystack in enumerate(self.folded):
            if first in haystack and all(word in haystack for word in rest):
                if (flags[position] & CONFIDENTIAL and not include_confidential) or (
                        hidden and ids[position] in hidden):
                    continue
                yield position

    def kind(self, position: int) -> str:
        return KINDS_BY_CODE[self.flags[position] & 3]

    def confidential(self, position: int) -> bool:
        return bool(self.flags[position] & CONFIDENTIAL)
