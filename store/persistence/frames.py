"""One journal line, as SQLite frames a page in its write-ahead log: its length and a
checksum before the commit itself.

    0000012f 8c1d4e2a {"seq":42,"at":"2026-11-23T10:00:00+01:00","ch":[["entries","7",{…}]]}\\n

The first field is the length of the JSON in hex, the second its CRC-32. A line is
complete once its newline is written, and the writer syncs the whole line before it
acknowledges the commit, so:

- bytes after the last newline are a **torn tail**: a writer killed mid-line (or, seen
  by a reader, one still writing). It was never acknowledged; a writer cuts it, a
  reader leaves it alone and does not read it;
- a **complete line** whose length, checksum, JSON or shape is wrong is damage: the
  store is refused, nothing is cut, nothing is guessed. Wherever it is, last or middle.

Stores of schema 1 have journal lines without the two fields (plain JSON); they are
read as before, and the first compaction writes the store in the new schema.
Nothing here imports more than zlib, so the open-work listing reads the journal too.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

HEADER = 18  # "0000012f 8c1d4e2a "
_HEX = frozenset(b"0123456789abcdef")
FRAMED_SCHEMA = 2  # stores from this schema on frame every journal line


class Damaged(Exception):
    """A complete journal line that is not what was written; ``line`` counts from 1."""

    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def encode(payload: bytes) -> bytes:
    return b"%08x %08x " % (len(payload), zlib.crc32(payload)) + payload + b"\n"


def read(chunk: bytes, framed: bool, loads: Callable[[bytes], object], after_seq: int,
         first_line: int = 1) -> tuple[list[tuple[int, list]], int, int]:
    """The commits in ``chunk`` after commit ``after_seq``, how many complete lines it
    holds and how many bytes they take (what follows is a torn tail).

    Commits numbered up to ``after_seq`` are already in the snapshot and are skipped;
    the rest must follow each other without a gap. Raises ``Damaged`` for a complete
    line that fails its length, its checksum, its JSON or its shape, or leaves a gap.
    """
    commits: list[tuple[int, list]] = []
    expected = after_seq + 1
    position = 0
    line = first_line
    while True:
        end = chunk.find(b"\n", position)
        if end < 0:
            return commits, line - first_line, position
        text = chunk[position:end]
        legacy = not framed or text[:1] == b"{"
        payload = text if legacy else _unframe(text, line)
        try:
            record = loads(payload)
        except ValueError:
            raise Damaged(line) from None
        seq, changed = changes(record, line)
        if seq > after_seq:
            # A plain line in a framed store can only be one a compaction already
            # folded (a crash before the journal was emptied), never a new commit.
            if seq != expected or (legacy and framed):
                raise Damaged(line)
            commits.append((seq, changed))
            expected += 1
        position = end + 1
        line += 1


def _unframe(text: bytes, line: int) -> bytes:
    payload = text[HEADER:]
    header = text[:HEADER]
    # Exactly as written: lowercase hex, one space after each field (int() alone would
    # also take "0000012F" or " 000012f", and a changed byte would go unseen).
    if len(header) != HEADER or header[8] != 32 or header[17] != 32 or not _HEX.issuperset(header[:8] + header[9:17]):
        raise Damaged(line)
    if int(header[:8], 16) != len(payload) or int(header[9:17], 16) != zlib.crc32(payload):
        raise Damaged(line)
    return payload


def changes(record: object, line: int) -> tuple[int, list[tuple[str, str, dict | None]]]:
    """The commit number and the changed documents of one parsed line."""
    try:
        seq = record["seq"]  # type: ignore[index]
        found = record["ch"]  # type: ignore[index]
        if type(seq) is not int or seq < 1 or not isinstance(found, list):
            raise ValueError
        result = []
        for table, key, doc in found:
            if not (isinstance(table, str) and table and not table.startswith("_")
                    and isinstance(key, str) and key.isdigit() and key.isascii()
                    and (doc is None or isinstance(doc, dict))):
                raise ValueError
            result.append((table, key, doc))
    except (KeyError, TypeError, ValueError):
        raise Damaged(line) from None
    return seq, result
