"""Which field of which record points at which table, and the references that point
at nothing: what ``samverkan check`` verifies (and ``samverkan restore`` before it
brings a backup back).

What a reference here points at cannot be deleted in the app (a deleted problem is
first taken off its measures), so in a whole store every one leads somewhere; one that
does not is damage, such as a journal replayed over the wrong snapshot. References to
actions and entries (an outcome's actions, a measure that is an action, an escalation's
lines) are left out: a line can be taken back right after it was logged, and nothing
then clears them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

# table -> (field, target table). ``a.b``: a field of a nested document; ``a[]``: a
# list of ids; ``a[].b``: a field of each document in a list.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "people": (("organisation_id", "organisations"),),
    "forums": (
        ("member_ids[]", "people"),
        ("chair_rule.person_id", "people"),
        ("chair_rule.organisation_id", "organisations"),
    ),
    "meetings": (("forum_id", "forums"), ("attendance[].person_id", "people")),
    "entries": (("meeting_id", "meetings"), ("promise_ids[]", "promises")),
    "actions": (
        ("origin_meeting_id", "meetings"),
        ("owner_person_id", "people"),
        ("owner_organisation_id", "organisations"),
        ("promise_id", "promises"),
        ("history[].meeting_id", "meetings"),
    ),
    "promises": (("follow_up_forum_id", "forums"), ("agreement_id", "agreements")),
    "problems": (("dialogue_ids[]", "citizen_dialogues"),),
    "measures": (("problem_ids[]", "problems"),),
    "outcomes": (("promise_id", "promises"), ("meeting_id", "meetings")),
    "evaluations": (("promise_id", "promises"), ("meeting_id", "meetings")),
    "escalations": (
        ("origin_forum_id", "forums"), ("origin_meeting_id", "meetings"),
        ("target_forum_id", "forums"), ("target_meeting_id", "meetings"),
    ),
}
# A measure's ``ref_id`` points at the table its ``kind`` names.
MEASURE_KINDS = {"promise": "promises", "activity": "agreements"}


class Broken(NamedTuple):
    """Record ``table``/``id`` has ``field`` = ``target_id``, which ``target`` lacks."""

    table: str
    id: int
    field: str
    target: str
    target_id: object

    def to_json(self) -> dict[str, Any]:
        return self._asdict()


def _values(doc: Any, path: str) -> list[Any]:
    head, _, rest = path.partition(".")
    many = head.endswith("[]")
    value = doc.get(head.removesuffix("[]")) if isinstance(doc, dict) else None
    items = (value if isinstance(value, list) else []) if many else [value]
    if not rest:
        return items
    return [found for item in items for found in _values(item, rest)]


def broken_references(tables: dict[str, dict[str, dict[str, Any]]]) -> list[Broken]:
    """Every reference in ``tables`` (the whole store, history included) that leads
    nowhere, in table and id order. An unset reference (None, 0) is not broken."""
    broken = []
    for table, fields in REFERENCES.items():
        for key, doc in sorted(tables.get(table, {}).items(), key=lambda kv: int(kv[0])):
            for field, target in fields:
                known = tables.get(target, {})
                for value in _values(doc, field):
                    if value in (None, 0, ""):
                        continue
                    if str(value) not in known:
                        broken.append(Broken(table, int(key), field.replace("[]", ""), target, value))
    for key, doc in sorted(tables.get("measures", {}).items(), key=lambda kv: int(kv[0])):
        target = MEASURE_KINDS.get(doc.get("kind"))
        if target and doc.get("ref_id") and str(doc["ref_id"]) not in tables.get(target, {}):
            broken.append(Broken("measures", int(key), "ref_id", target, doc["ref_id"]))
    return broken
