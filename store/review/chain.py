"""Read models of the chain between forums: where a line came from and went, what was
decided on it, and a meeting's justering, for ``samverkan show``, the minutes and the TUI.

A raised line's original text never appears here: only what travelled (the
anonymised text when the origin was confidential), the forums, meetings and ids.
"""

from __future__ import annotations

from typing import Any

from store.model.escalation import Escalation
from store.model.meeting import Meeting
from store.repository import Repository
from store.repository.escalations import EscalationOutcome
from store.text.i18n import t


def _meeting_ref(repo: Repository, meeting_id: int | None) -> dict[str, Any]:
    meeting = repo.meeting(meeting_id) if meeting_id else None
    return {
        "meeting": meeting_id,
        "date": meeting.day.isoformat() if meeting else None,
    }


def outcome_json(outcome: EscalationOutcome | None, include_confidential: bool = False) -> dict[str, Any] | None:
    """The decision on a raised matter; a confidential decision only says there is one."""
    if outcome is None:
        return None
    shown = include_confidential or not outcome.decision.confidential
    return {
        "entry": outcome.decision.id,
        "text": (outcome.decision.text or None) if shown else None,  # "": not the reader's to see
        "confidential": outcome.decision.confidential,
        "forum": outcome.forum.name if outcome.forum else None,
        "meeting": outcome.decision.meeting_id,
        "date": outcome.meeting.day.isoformat() if outcome.meeting else None,
        "escalation": outcome.escalation.id,
    }


def escalation_json(repo: Repository, escalation: Escalation, include_confidential: bool = False) -> dict[str, Any]:
    """One raised matter, both ends: the keys of ``samverkan escalate --format json``."""
    origin_forum = repo.forum(escalation.origin_forum_id) if escalation.origin_forum_id else None
    target_forum = repo.forum(escalation.target_forum_id)
    target = repo.meeting(escalation.target_meeting_id)
    landed = repo.entry(escalation.target_entry_id)
    agenda = {item.key: item.title for item in target.agenda} if target else {}
    return {
        "id": escalation.id,
        "text": escalation.text,
        "anonymised": escalation.anonymised,
        "by": escalation.by or None,
        "created": escalation.created.isoformat() if escalation.created else None,
        "from": {
            "forum": origin_forum.name if origin_forum else None,
            **_meeting_ref(repo, escalation.origin_meeting_id),
            "entry": escalation.origin_entry_id,
            "action": escalation.origin_action_id,
        },
        "to": {
            "forum": target_forum.name if target_forum else None,
            **_meeting_ref(repo, escalation.target_meeting_id),
            "ref": repo.meeting_ref(target) if target else None,
            "entry": escalation.target_entry_id,
            "agenda": agenda.get(landed.agenda_key) if landed and landed.agenda_key else None,
        },
        "decision": outcome_json(repo.escalation_outcome(escalation), include_confidential),
    }


def escalated_from_json(repo: Repository, entry_id: int) -> dict[str, Any] | None:
    """On a line that was raised here from another forum: where it came from."""
    escalation = repo.escalated_from(entry_id)
    if escalation is None:
        return None
    forum = repo.forum(escalation.origin_forum_id) if escalation.origin_forum_id else None
    return {
        "escalation": escalation.id,
        "forum": forum.name if forum else None,
        **_meeting_ref(repo, escalation.origin_meeting_id),
        "entry": escalation.origin_entry_id,
        "action": escalation.origin_action_id,
        "anonymised": escalation.anonymised,
        "decision": escalation.decision_entry_id if repo.entry(escalation.decision_entry_id or 0) else None,
    }


def escalated_to_json(repo: Repository, entry_id: int | None = None, action_id: int | None = None,
                      include_confidential: bool = False) -> list[dict[str, Any]]:
    """On a line that was raised to other forums: where, and what was decided there."""
    rows = []
    for escalation in repo.escalated_to(entry_id=entry_id, action_id=action_id):
        forum = repo.forum(escalation.target_forum_id)
        rows.append({
            "escalation": escalation.id,
            "forum": forum.name if forum else None,
            **_meeting_ref(repo, escalation.target_meeting_id),
            "entry": escalation.target_entry_id,
            "text": escalation.text,
            "decision": outcome_json(repo.escalation_outcome(escalation), include_confidential),
        })
    return rows


def justering_json(meeting: Meeting, include_confidential: bool = False) -> dict[str, Any]:
    """Who approves the minutes, whether they are approved, and the rättelser since."""
    amendments = [
        {
            "at": a.at.isoformat(),
            "by": a.by,
            "kind": a.kind,
            "text": a.text,
            "before": a.before or None,
            "confidential": a.confidential,
        }
        for a in meeting.amendments
        if include_confidential or not a.confidential
    ]
    return {
        "justerare": meeting.justerare or None,
        "approved": meeting.approved_at is not None,
        "approved_at": meeting.approved_at.isoformat() if meeting.approved_at else None,
        "approved_by": meeting.approved_by or None,
        "amendments": amendments,
    }


# -- in words: the show command's text and the minutes ---------------------------------------


def from_words(link: dict[str, Any]) -> str:
    """"Lyft från SSPF Ronnaskolan 2026-11-10"."""
    return t("chain.from", forum=link["forum"] or "–", date=link["date"] or "–")


def to_words(link: dict[str, Any]) -> str:
    """"Lyft till Måndagsmöte Södertälje 2026-12-07 – beslut i Chefssamråd Södertälje 2027-02-11: …"."""
    where = t("chain.to", forum=link["forum"] or "–", date=link["date"] or "–")
    decision = link["decision"]
    if decision is None:
        return t("chain.to_open", where=where)
    text = decision["text"] if decision["text"] is not None else t("chain.decision_confidential")
    if decision["forum"] == link["forum"] and decision["date"] == link["date"]:
        return t("chain.to_decided", where=where, decision=text)
    return t("chain.to_decided_further", where=where, forum=decision["forum"] or "–",
             date=decision["date"] or "–", decision=text)


def justering_words(justering: dict[str, Any]) -> str:
    """"Justerat 2026-12-03 av Anna Berg" or "Ej justerat"."""
    if justering["approved"]:
        return t("chain.justerat", date=justering["approved_at"][:10], by=justering["approved_by"])
    return t("chain.not_justerat")


def amendment_words(amendment: dict[str, Any]) -> str:
    """"Rättelse 2026-12-05 (Anna Berg): ändrad anteckning: … (tidigare: …)"."""
    what = t(f"chain.amendment.{amendment['kind']}", text=amendment["text"])
    if amendment["before"]:
        what += " " + t("chain.amendment.before", text=amendment["before"])
    return t("chain.amendment", date=amendment["at"][:10], by=amendment["by"], what=what)
