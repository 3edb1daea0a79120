"""The snapshot's tables, each decoded when something first needs it.

``snapshot.dumps`` writes one table after another, one document a line::

    {"_meta": {"1": {…}},
    "actions": {
      "1": {…},
      "2": {…}
    },
    "forums": {}
    }

A JSON string holds no raw newline, so a line that starts with ``"`` starts a table and
a table's documents run to the next line ``}``: ``split`` finds every table's bytes
(its *section*) without decoding any document. ``LazyTable`` is a table over its section:

- a table of up to ``WHOLE`` bytes is decoded in one go the first time it is used;
- a larger one (100,000 actions are 44 MB) decodes a document when it is asked for by
  key, through an index of where each line starts, built on first need; a scan
  (``items``, ``values``) decodes it a chunk at a time and keeps nothing, so reading
  every action does not hold 170 MB of dicts;
- a key beyond the section's last (every new document) is known to be absent without
  any of that, so a commit that only adds costs nothing here.

Documents set or removed are kept apart and win over the section. A document handed
out by key is the table's own (TinyDB's updaters change it in place); one handed out by
a scan of a large table is a copy, for reading.

A damaged section is found when the part of it that is damaged is decoded (``check``
decodes everything): it raises what ``failure`` makes, the storage's one sentence.

Decoding runs with the garbage collector paused (``store.persistence.gcpause``).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import orjson

from store.persistence.gcpause import paused_gc

LINE = b'\n  "'  # how every document's line begins
WHOLE = 8 * 1024 * 1024  # a section up to this size is decoded in one go
CHUNK = 256 * 1024  # what a scan of a larger one decodes at a time
META_START = b'{"_meta": {"1": '


class Damaged(Exception):
    """A section that is not what its snapshot wrote (checksum, JSON or shape)."""


def split(raw: bytes) -> tuple[bytes, list[tuple[str, int, int]]] | None:
    """The first line (with the meta) and each table's (name, start, end) in ``raw``; None
    when ``raw`` is not laid out as ``snapshot.dumps`` writes (the caller then decodes it
    whole, which says precisely what is wrong with it)."""
    if not raw.startswith(META_START):
        return None
    newline = raw.find(b"\n")
    if newline < 0:
        return None
    first = raw[:newline]
    tables: list[tuple[str, int, int]] = []
    if not first.endswith(b","):
        return (first, tables) if raw[newline:] == b"\n}\n" else None
    position = newline + 1
    while True:
        header_end = raw.find(b"\n", position)
        if header_end < 0 or raw[position:position + 1] != b'"':
            return None
        header = raw[position:header_end]
        if header.endswith(b": {}") or header.endswith(b": {},"):
            name_bytes, start, end = header[:header.rindex(b": {")], header_end, header_end
            after = position + len(header)
            following = after if not header.endswith(b",") else after - 1
            rest = raw[following:following + 3]
        elif header.endswith(b": {"):
            name_bytes, start = header[:-3], header_end
            end = raw.find(b"\n}", header_end)
            if end < 0:
                return None
            following = end + 2
            rest = raw[following:following + 3]
        else:
            return None
        try:
            name = orjson.loads(name_bytes)
        except orjson.JSONDecodeError:
            return None
        if not isinstance(name, str):
            return None
        tables.append((name, start, end))
        if rest == b"\n}\n" and following + 3 == len(raw):
            return first, tables
        if rest[:2] != b",\n":
            return None
        position = following + 2


def _key_at(raw: bytes, line: int) -> int:
    """The key of the document line starting at ``line`` (its newline)."""
    quote = raw.find(b'"', line + 4)
    return int(raw[line + 4:quote])


def _check(docs: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(docs, dict) or not all(
        isinstance(doc, dict) and key.isdigit() and key.isascii() for key, doc in docs.items()
    ):
        raise Damaged
    return docs


class LazyTable(MutableMapping):
    """A table of the snapshot over its section of the file (see the module's docstring)."""

    def __init__(self, raw: bytes, start: int, end: int):
        # What a damaged section raises: the storage names the store and its newest backup.
        self.failure: Callable[[], Exception] = Damaged
        self._raw: bytes | None = raw if end > start else None
        self._start = start
        self._end = end
        self._docs: dict[str, dict[str, Any]] = {}  # decoded, set or added: wins over the section
        self._gone: set[str] = set()  # removed from the section
        self._keys: array | None = None  # the section's keys and where each line starts
        self._lines: array | None = None
        if self._raw is not None:
            self._first = _key_at(raw, start)
            self._last = _key_at(raw, raw.rfind(LINE, start, end))

    # -- the section ------------------------------------------------------------------

    @property
    def decoded(self) -> bool:
        """Whether every document is in memory (no section left to read)."""
        return self._raw is None

    def _decode(self, start: int, end: int) -> dict[str, dict[str, Any]]:
        assert self._raw is not None
        try:
            with paused_gc():
                return _check(orjson.loads(b"{" + self._raw[start:end] + b"}"))
        except (orjson.JSONDecodeError, Damaged):
            raise self.failure() from None

    def _decode_whole(self) -> None:
        found = self._decode(self._start, self._end)
        docs = {key: self._docs.pop(key, doc) for key, doc in found.items() if key not in self._gone}
        docs.update(self._docs)
        self._docs, self._gone, self._raw = docs, set(), None
        self._keys = self._lines = None

    def _big(self) -> bool:
        """Still backed by a section, and too large to decode in one go (decodes a small one)."""
        if self._raw is None:
            return False
        if self._end - self._start <= WHOLE:
            self._decode_whole()
            return False
        return True

    def _index(self) -> tuple[array, array]:
        if self._keys is None:
            raw, end = self._raw, self._end
            assert raw is not None
            keys, lines = array("q"), array("q")
            line = self._start
            find = raw.find
            try:
                while 0 <= line < end:
                    keys.append(_key_at(raw, line))
                    lines.append(line)
                    line = find(LINE, line + 4, end)
            except ValueError:
                raise self.failure() from None
            if any(a >= b for a, b in zip(keys, keys[1:])):
                raise self.failure()  # dumps writes keys in ascending order
            self._keys, self._lines = keys, lines
        assert self._lines is not None
        return self._keys, self._lines

    def _position(self, key: str) -> int | None:
        """Where ``key`` is among the section's lines, if it is there at all."""
        if not key.isdigit():
            return None
        number = int(key)
        if not self._first <= number <= self._last:
            return None
        keys, _ = self._index()
        at = bisect_left(keys, number)
        return at if at < len(keys) and keys[at] == number else None

    def _line_doc(self, at: int) -> dict[str, Any]:
        keys, lines = self._index()
        raw = self._raw
        assert raw is not None
        begin = raw.find(b": ", lines[at]) + 2
        finish = lines[at + 1] - 1 if at + 1 < len(lines) else self._end
        try:
            with paused_gc():
                doc = orjson.loads(memoryview(raw)[begin:finish])
        except orjson.JSONDecodeError:
            raise self.failure() from None
        if not isinstance(doc, dict):
            raise self.failure()
        return doc

    def _in_section(self, key: str) -> bool:
        if self._raw is None or key in self._gone:
            return False
        if self._big():
            return self._position(key) is not None
        return False  # decoded just now: it is in _docs if it is anywhere

    # -- the mapping ------------------------------------------------------------------

    def __getitem__(self, key: str) -> dict[str, Any]:
        doc = self._docs.get(key)
        if doc is not None:
            return doc
        if self._raw is None or key in self._gone or not self._might_hold(key):
            raise KeyError(key)
        if not self._big():
            return self._docs[key]
        at = self._position(key)
        if at is None:
            raise KeyError(key)
        doc = self._docs[key] = self._line_doc(at)
        return doc

    def _might_hold(self, key: str) -> bool:
        """False when the section cannot hold ``key`` (beyond its first or last key)."""
        return key.isdigit() and self._first <= int(key) <= self._last

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if key in self._docs:
            return True
        if self._raw is None or key in self._gone or not self._might_hold(key):
            return False
        if not self._big():
            return key in self._docs
        return self._position(key) is not None

    def __setitem__(self, key: str, doc: dict[str, Any]) -> None:
        self._docs[key] = doc
        self._gone.discard(key)

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self._docs.pop(key, None)
        if self._raw is not None and self._might_hold(key):
            self._gone.add(key)

    def pop(self, key: str, *default: Any) -> Any:  # type: ignore[override]
        if key not in self:
            if default:
                return default[0]
            raise KeyError(key)
        doc = self[key]
        del self[key]
        return doc

    def _added(self) -> list[str]:
        """Keys of documents not in the section (the section's own come first)."""
        return [key for key in self._docs if not self._in_section(key)]

    def __iter__(self) -> Iterator[str]:
        if not self._big():
            yield from list(self._docs)
            return
        keys, _ = self._index()
        gone = self._gone
        for number in keys:
            key = str(number)
            if key not in gone:
                yield key
        yield from self._added()

    def __len__(self) -> int:
        if not self._big():
            return len(self._docs)
        keys, _ = self._index()
        return len(keys) - len(self._gone) + len(self._added())

    def __bool__(self) -> bool:
        return bool(self._docs) or (self._raw is not None and not self._gone) or len(self) > 0

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:  # type: ignore[override]
        """Every (key, document), a large section a chunk at a time (see the module's
        docstring: documents not asked for by key are copies)."""
        if not self._big():
            yield from list(self._docs.items())
            return
        raw = self._raw
        assert raw is not None
        docs, gone = self._docs, self._gone
        seen: set[str] = set()
        position = self._start
        while position < self._end:
            cut = raw.find(LINE, min(position + CHUNK, self._end), self._end)
            cut = self._end if cut < 0 else cut - 1  # before the comma ending the last line
            for key, doc in self._decode(position, cut).items():
                if key in gone:
                    continue
                if key in docs:
                    seen.add(key)
                    doc = docs[key]
                yield key, doc
            position = cut + 1
        for key, doc in list(docs.items()):
            if key not in seen:
                yield key, doc

    def values(self) -> Iterator[dict[str, Any]]:  # type: ignore[override]
        return (doc for _, doc in self.items())

    def keys(self) -> list[str]:  # type: ignore[override]
        return list(self)

    def max_key(self) -> int:
        """The highest key, without decoding anything."""
        highest = max((int(key) for key in self._docs), default=0)
        return max(highest, self._last) if self._raw is not None else highest

    def copy(self) -> LazyTable:
        """Another table over the same section, with this one's changes."""
        twin = LazyTable.__new__(LazyTable)
        twin.__dict__.update(self.__dict__)
        twin._docs, twin._gone = dict(self._docs), set(self._gone)
        return twin

    # -- writing it again -------------------------------------------------------------

    def dumps_lines(self) -> list[bytes]:
        """The table's lines (``"key": document``) in key order, as ``snapshot.dumps``
        writes them: unchanged runs of the section copied as they are."""
        if not self._big():
            return [orjson.dumps(key) + b": " + orjson.dumps(doc)
                    for key, doc in sorted(self._docs.items(), key=lambda kv: int(kv[0]))]
        keys, lines = self._index()
        raw = self._raw
        assert raw is not None
        changed = self._docs
        added = sorted(((int(k), k) for k in self._added()), reverse=True)
        out: list[bytes] = []
        run_start: int | None = None

        def flush(until: int) -> None:
            nonlocal run_start
            if run_start is not None:
                # lines[i] is the newline before a line; drop it and the final comma.
                out.append(raw[run_start + 3:until])
                run_start = None

        count = len(keys)
        for at in range(count):
            number = keys[at]
            while added and added[-1][0] < number:
                flush(lines[at] - 1)
                key = added.pop()[1]
                out.append(orjson.dumps(key) + b": " + orjson.dumps(changed[key]))
            key = str(number)
            if key in self._gone or key in changed:
                flush(lines[at] - 1)
                if key in changed:
                    out.append(orjson.dumps(key) + b": " + orjson.dumps(changed[key]))
            elif run_start is None:
                run_start = lines[at]
        flush(self._end)
        while added:
            key = added.pop()[1]
            out.append(orjson.dumps(key) + b": " + orjson.dumps(changed[key]))
        return out

