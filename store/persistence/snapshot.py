"""The snapshot file (``samverkan.json``): TinyDB's JSON layout, one document a line,
with a ``_meta`` table first (format, schema, commit number, highest ids, and the
digest of the open-work listing written with it)."""

from __future__ import annotations

from typing import Any

import orjson

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


def dumps(meta: dict[str, Any], tables: dict[str, dict[str, Any]]) -> bytes:
    """TinyDB's JSON layout, one document a line, so people can read and diff it."""
    parts = [b"{", b'"_meta": {"1": ', orjson.dumps(meta), b"}"]
    for name in sorted(tables):
        parts.append(b",\n" + orjson.dumps(name) + b": {")
        docs = tables[name]
        lines = [
            b"\n  " + orjson.dumps(key) + b": " + orjson.dumps(doc)
            for key, doc in sorted(docs.items(), key=lambda kv: int(kv[0]))
        ]
        parts.append(b",".join(lines))
        parts.append(b"\n}" if lines else b"}")
    parts.append(b"\n}\n")
    return b"".join(parts)


def loads(raw: bytes, expected_format: str = FORMAT) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The meta and the tables of a snapshot (or of a yearly archive file)."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise SnapshotError("corrupt") from None
    if not isinstance(data, dict):
        raise SnapshotError("not_a_store")
    meta_table = data.pop(META, None)
    meta = meta_table.get("1") if isinstance(meta_table, dict) else None
    if not isinstance(meta, dict) or meta.get("format") != expected_format:
        raise SnapshotError("not_a_store")
    schema = meta.get("schema")
    if type(schema) is not int or schema < 1:
        raise SnapshotError("corrupt")
    if schema > SCHEMA_VERSION:
        raise SnapshotError("too_new", schema)
    if type(meta.get("seq", 0)) is not int:
        raise SnapshotError("corrupt")
    for docs in data.values():
        if not isinstance(docs, dict) or not all(
            isinstance(doc, dict) and key.isdigit() and key.isascii() for key, doc in docs.items()
        ):
            raise SnapshotError("corrupt")
    return meta, data


def max_ids(meta: dict[str, Any], tables: dict[str, dict[str, Any]]) -> dict[str, int]:
    """The highest id of each table, including those only in the yearly archive."""
    highest = {name: max((int(k) for k in docs), default=0) for name, docs in tables.items()}
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
