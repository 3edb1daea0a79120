"""The chain between forums and the justering, as the minutes show them.

A line raised here from another forum says "Lyft från …", a line raised from here
"Lyft till … – beslut: …"; the matters this forum raised earlier are followed up;
the minutes say "Justerat [date] av [name]" or "Ej justerat" and list the rättelser.
User text (forum names, what travelled, decisions, corrections) is escaped here.
"""

from __future__ import annotations

from store.model.action import Action
from store.model.meeting import Entry, Meeting
from store.repository import Repository
from store.review.chain import (
    amendment_words,
    escalated_from_json,
    escalated_to_json,
    escalation_json,
    from_words,
    justering_json,
    justering_words,
    to_words,
)
from store.text import markdown as md
from store.text.i18n import t

# The keys of the read models (store.review.chain) that hold what a user typed.
_USER_TEXT = {"forum", "text", "before", "by", "approved_by", "justerare", "agenda", "ref"}


def _escaped(value, key: str = ""):
    """A read model with its user text (forum names, what travelled, decisions) escaped."""
    if isinstance(value, dict):
        return {name: _escaped(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_escaped(item, key) for item in value]
    return md.inline(value) if key in _USER_TEXT and isinstance(value, str) else value


def line_links(repo: Repository, entries: list[Entry], actions: list[Action], include: bool) -> dict[str, str]:
    """Each line's place in the chain in words, by "entry:ID" / "action:ID"."""
    links = {}
    for entry in entries:
        words = [from_words(_escaped(link))] if (link := escalated_from_json(repo, entry.id)) else []
        words += [to_words(_escaped(link)) for link in escalated_to_json(repo, entry_id=entry.id,
                                                                         include_confidential=include)]
        if words:
            links[f"entry:{entry.id}"] = md.emphasis("; ".join(words))
    for action in actions:
        words = [to_words(_escaped(link)) for link in escalated_to_json(repo, action_id=action.id,
                                                                        include_confidential=include)]
        if words:
            links[f"action:{action.id}"] = md.emphasis("; ".join(words))
    return links


def raised_earlier(repo: Repository, meeting: Meeting, include: bool) -> list[str]:
    """What this forum raised before and has not heard back on, or has since last time."""
    items = []
    for escalation in repo.escalation_follow_up(meeting) if meeting.id else []:
        view = _escaped(escalation_json(repo, escalation, include))
        link = {**view["to"], "decision": view["decision"]}
        items.append(f"{view['text']} – {md.emphasis(to_words(link))}")
    return [md.heading(2, t("export.minutes.raised")), md.bullets(items)] if items else []


def justering_blocks(meeting: Meeting, include: bool) -> list[str]:
    """"Justerat 2026-12-03 av Anna Berg" (or "Ej justerat"), and the rättelser since."""
    justering = _escaped(justering_json(meeting, include))
    blocks = [md.strong(justering_words(justering))]
    if justering["amendments"]:
        blocks += [md.heading(2, t("export.minutes.amendments")),
                   md.bullets(amendment_words(a) for a in justering["amendments"])]
    return blocks
