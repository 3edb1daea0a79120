"""What every record shares: ``to_doc()`` / ``from_doc()`` for the JSON store, and the
ISO 8601 forms dates and instants take in it (instants in Europe/Stockholm)."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Any

from store.model.constants import (
    TZ,
)


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dt(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=TZ)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


class Model:
    """Plain conversion for flat dataclasses; nested ones override.

    ``DATES`` and ``INSTANTS`` name the fields kept as ISO strings in the store (a
    date, an instant in Europe/Stockholm), converted both ways here.
    """

    id: int
    DATES: tuple[str, ...] = ()
    INSTANTS: tuple[str, ...] = ()

    def to_doc(self) -> dict[str, Any]:
        doc = asdict(self)  # type: ignore[call-overload]
        doc.pop("id", None)
        for name in self.DATES + self.INSTANTS:
            doc[name] = _iso(getattr(self, name))
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int = 0):
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        values = {k: v for k, v in doc.items() if k in known}
        values["id"] = doc_id
        model = cls(**values)
        for name in cls.DATES:
            setattr(model, name, _d(doc.get(name)))
        for name in cls.INSTANTS:
            setattr(model, name, _dt(doc.get(name)))
        return model
