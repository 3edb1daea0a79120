"""Who may write what: the store's one rule for roles, asked by every write.

``refusal`` looks at one record as it was (``old``, None for a new one) and as it will
be (``new``, None when it is removed) and answers with the sentence that refuses it,
or None. The repository asks it in its three write primitives (``_insert``,
``_save``, ``_delete``), so no method can write around it.

The rule, table by table (the README has it as a table):

* a **reader** writes nothing;
* **meetings, entries, actions, escalations** belong to a forum (an entry to its
  meeting's, an action to the forum of the meeting it was made in, an escalation to
  the forum it was raised from, and its decision to the forum that decides): a
  secretary or a chair writes them in the forums their account belongs to. An
  action's history line (a status, a due date, a note) may also be written by a
  member of the forum whose meeting handled it, and by any chair: following up
  actions across forums is the chair's review work. A record of no forum (an action
  logged outside any meeting) is the chair's;
* **people and organisations** are the address book everyone logs against: a
  secretary adds them while logging (the owner dialog), and both roles may change them;
* **outcomes and evaluations** are the chair's; a secretary records one in a meeting
  of their own forum (it names that meeting);
* **forums, promises, agreements, the lägesbild and the åtgärdsplan** (problems,
  situation pictures, citizen dialogues, measures, plan decisions) and
  **publications** are the chair's: a chair adds forums and changes the forums they
  belong to, and writes the rest.

Nothing here reads the store: the repository hands in the records and a way to find
a meeting's forum. Pure, so every case is a plain unit test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from store.access.actor import CHAIR, Actor

# The tables whose records belong to a forum (through a meeting).
FORUM_TABLES = ("meetings", "entries", "actions", "escalations")
ADDRESS_BOOK = ("people", "organisations")
# The chair's, or a secretary's when the record names a meeting of their forum.
MEETING_NAMED = ("outcomes", "evaluations")
CHAIR_TABLES = ("forums", "promises", "agreements", "problems", "situation_pictures", "citizen_dialogues",
                "measures", "action_plans", "publications")
# What an action's history line may change, besides the history itself.
FOLLOW_UP_FIELDS = frozenset({"status", "due", "history"})

Doc = dict[str, Any]


@dataclass(frozen=True)
class Refusal:
    """Why a write is refused: a catalogue key, and the forum it is about (if any)."""

    key: str
    forum_id: int | None = None
    table: str = ""


def refusal(actor: Actor | None, table: str, doc_id: int, old: Doc | None, new: Doc | None,
            forum_of: Callable[[int | None], int | None], granted: frozenset[int] = frozenset()) -> Refusal | None:
    """None when ``actor`` may make this change, else why not.

    ``forum_of(meeting_id)`` is the forum of a meeting (None for none); ``granted``
    are forums the store itself lets this one write reach (an escalation lands in
    the receiving forum's next meeting).
    """
    if actor is None:
        return None  # the operator's own shell
    if not actor.may_write:
        return Refusal("access.read_only")
    docs = [d for d in (old, new) if d is not None]
    chair = actor.role == CHAIR
    if table in ADDRESS_BOOK:
        return None
    if table in CHAIR_TABLES:
        if not chair:
            return Refusal("access.chair_only", table=table)
        if table == "forums" and old is not None and not _member(actor, doc_id, granted):
            return Refusal("access.not_member", doc_id)
        return None
    if table in MEETING_NAMED:
        if chair:
            return None
        forums = [forum_of(d.get("meeting_id")) for d in docs]
        if all(f is not None and _member(actor, f, granted) for f in forums):
            return None
        return Refusal("access.chair_only", table=table)
    forums = _forums(table, old, new, forum_of)
    outside = [f for f in forums if not (_member(actor, f, granted) if f is not None else chair)]
    if not outside:
        return None
    if table == "actions" and old is not None and new is not None:
        step = history_step(old, new)
        if step is not None and (chair or _member(actor, forum_of(step.get("meeting_id")), granted)):
            return None
    return Refusal("access.not_member" if outside[0] is not None else "access.no_forum", outside[0], table)


def _member(actor: Actor, forum_id: int | None, granted: frozenset[int]) -> bool:
    return forum_id is not None and (forum_id in actor.forums or forum_id in granted)


def _forums(table: str, old: Doc | None, new: Doc | None,
            forum_of: Callable[[int | None], int | None]) -> list[int | None]:
    """The forums a change of a forum's record touches (both, when it moves)."""
    found: list[int | None] = []
    for doc in (old, new):
        if doc is None:
            continue
        if table == "meetings":
            forum = doc.get("forum_id")
        elif table == "entries":
            forum = forum_of(doc.get("meeting_id"))
        elif table == "actions":
            forum = forum_of(doc.get("origin_meeting_id"))
        elif old is None or new is None:  # an escalation raised (or removed): where it came from
            forum = doc.get("origin_forum_id")
        else:  # an escalation decided: the forum that decides
            forum = doc.get("target_forum_id")
        if forum not in found:
            found.append(forum)
    return found


def history_step(old: Doc, new: Doc) -> Doc | None:
    """The history line an action change adds or takes back, when that is all it does
    (besides the status and due date the line sets); otherwise None."""
    if {k: v for k, v in old.items() if k not in FOLLOW_UP_FIELDS} != \
            {k: v for k, v in new.items() if k not in FOLLOW_UP_FIELDS}:
        return None
    before, after = list(old.get("history") or ()), list(new.get("history") or ())
    if len(after) == len(before) + 1 and after[:-1] == before:
        return after[-1]
    if len(before) == len(after) + 1 and before[:-1] == after:
        return before[-1]
    return None
