"""A record a person names on the command line: by number, whole name or a part of the
name only it has, case-insensitively; one sentence when none or several match.

Shared by the repository (``Repository.forum_by_name``) and the review's listings, which
answer from the open-work listing's names without opening the store: any records with
``id`` and ``name`` will do.
"""

from __future__ import annotations

from store.text.i18n import UserError

TYPE_CHECKING = False  # typing costs a one-shot command ~3 ms; these are for annotations
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any


def by_name(items: Sequence[Any], name: str, unknown_key: str, ambiguous_key: str) -> Any:
    needle = name.strip().lower()
    if needle.isdigit():
        found = next((item for item in items if item.id == int(needle)), None)
        if found is not None:
            return found
    exact = [item for item in items if item.name.lower() == needle]
    if len(exact) == 1:
        return exact[0]
    partial = [item for item in items if needle and needle in item.name.lower()]
    if len(partial) == 1:
        return partial[0]
    known = ", ".join(item.name for item in (partial or items)) or "-"
    raise UserError(ambiguous_key if len(partial) > 1 else unknown_key, name=name, known=known)
