"""The snapshot file (``samverkan.json``): TinyDB's JSON layout, one document a line,
with a ``_meta`` table first (format, schema, commit number, highest ids, the digest of
the open-work listing written with it).

Opening reads it with ``loads(lazy=True)``: the meta at once, each table when first
used (``store.persistence.sections``)."""

from __future__ import annotations

from typing import Any

import orjson

from store.persistence.gcpause import paused_gc
from store.persistence.sections import LazyTable, split

FORMAT = "samverkan"
# 1: journal lines are plain JSON. 2: every journal line carries its length and a
# checksum (store.persistence.frames), and the meta vouches for the listing.
SCHEMA_VERSION = 2
META = "_meta"


class SnapshotError(Exception):
    """Why a file is not a readable snapshot: ``kind`` is ``corrupt``, ``not_a_store``
    or ``too_new`` (then ``schema`` says which)."""

    def __init__(self, kind: str, schema: object = None):
        super().__init__(kind)
        self.kind = kind
        self.schema = schema


def dumps(meta: dict[str, Any], tables: dict[str, Any]) -> bytes:
    """TinyDB's JSON layout, one document a line, so people can read and diff it. A table
    still on its section of the old snapshot copies its unchanged lines as they are."""
    parts = [b"{", b'"_meta": {"1": ', orjson.dumps(meta), b"}"]
    for name in sorted(tables):
        docs = tables[name]
        if isinstance(docs, LazyTable):
            lines = docs.dumps_lines()
        else:
            lines = [orjson.dumps(key) + b": " + orjson.dumps(doc)
                     for key, doc in sorted(docs.items(), key=lambda kv: int(kv[0]))]
        parts.append(b",\n" + orjson.dumps(name) + b": {")
        if lines:
            parts.append(b"\n  " + b",\n  ".join(lines) + b"\n}")
        else:
            parts.append(b"}")
    parts.append(b"\n}\n")
    return b"".join(parts)


def _check_meta(meta: Any, expected_format: str) -> dict[str, Any]:
    if not isinstance(meta, dict) or meta.get("format") != expected_format:
        raise SnapshotError("not_a_store")
    schema = meta.get("schema")
    if type(schema) is not int or schema < 1:
        raise SnapshotError("corrupt")
    if schema > SCHEMA_VERSION:
        raise SnapshotError("too_new", schema)
    if type(meta.get("seq", 0)) is not int:
        raise SnapshotError("corrupt")
    return meta


def _lazy(raw: bytes, expected_format: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The meta and a ``LazyTable`` per table; None when ``raw`` is not laid out as
    ``encode`` writes it (then it is decoded whole)."""
    found = split(raw)
    if found is None:
        return None
    first, layout = found
    try:
        meta_table = orjson.loads(first.rstrip(b",") + b"}").get(META)
    except orjson.JSONDecodeError:
        return None
    meta = _check_meta(meta_table.get("1") if isinstance(meta_table, dict) else None, expected_format)
    tables: dict[str, Any] = {}
    try:
        for name, start, end in layout:
            tables[name] = LazyTable(raw, start, end)
    except ValueError:
        return None
    if META in tables:
        return None
    return meta, tables


def loads(raw: bytes, expected_format: str = FORMAT, lazy: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """The meta and the tables of a snapshot (or of a yearly archive file); ``lazy``:
    each table decoded when first used (a damaged one then raises what its
    ``failure`` says)."""
    if lazy:
        found = _lazy(raw, expected_format)
        if found is not None:
            return found
    try:
        with paused_gc():
            data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise SnapshotError("corrupt") from None
    if not isinstance(data, dict):
        raise SnapshotError("not_a_store")
    meta_table = data.pop(META, None)
    meta = _check_meta(meta_table.get("1") if isinstance(meta_table, dict) else None, expected_format)
    for docs in data.values():
        if not isinstance(docs, dict) or not all(
            isinstance(doc, dict) and key.isdigit() and key.isascii() for key, doc in docs.items()
        ):
            raise SnapshotError("corrupt")
    return meta, data


def max_ids(meta: dict[str, Any], tables: dict[str, dict[str, Any]]) -> dict[str, int]:
    """The highest id of each table, including those only in the yearly archive."""
    highest = {
        name: docs.max_key() if isinstance(docs, LazyTable) else max((int(k) for k in docs), default=0)
        for name, docs in tables.items()
    }
    recorded = meta.get("max_ids") or {}
    if isinstance(recorded, dict):
        for name, value in recorded.items():
            if type(value) is int:
                highest[name] = max(highest.get(name, 0), value)
    return highest


def apply(tables: dict[str, dict[str, Any]], max_ids: dict[str, int], deleted: set[tuple[str, str]],
          table: str, key: str, doc: dict[str, Any] | None) -> None:
    """One changed document of a journal line, applied to a state in memory."""
    docs = tables.setdefault(table, {})
    if doc is None:
        docs.pop(key, None)
        deleted.add((table, key))
    else:
        docs[key] = doc
        if int(key) > max_ids.get(table, 0):
            max_ids[table] = int(key)
