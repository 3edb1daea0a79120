"""Escalation (lyfta till): an entry or action raised to another forum's next
meeting, the receiving forum's decision on it, and the lineage both ways.

Confidential stays confidential: a line of a confidential forum (SSPF) or a ``!!``
line never travels as it stands; raising one needs a new, anonymised text, and the
store refuses otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from store.model.action import Action
from store.model.constants import DECISION, INFO, PLANNED
from store.model.escalation import Escalation
from store.model.forum import Forum
from store.model.meeting import Entry, Meeting
from store.repository.base import RepositoryBase
from store.rules import clock
from store.rules.escalation import clean, confidential_origin, travelling_text
from store.rules.swedish import fold
from store.text.i18n import CATALOGUES, UserError, t

# How far ahead a forum's next meeting is looked for (a forum meeting once a year still has one).
_HORIZON = timedelta(days=400)


def is_escalation_item(title: str) -> bool:
    """The standing item "Ärenden från andra forum", in either language."""
    return any(fold(title.strip()) == fold(c.get("escalation.agenda_title", "")) for c in CATALOGUES.values())


@dataclass
class EscalationOutcome:
    """What became of a raised matter: the decision, the escalation that got it
    (the one raised, or one it was raised on to), and the forum and meeting."""

    escalation: Escalation
    decision: Entry
    forum: Forum | None
    meeting: Meeting | None


class EscalationRecords(RepositoryBase):
    # -- reading ----------------------------------------------------------------------

    def escalations(self) -> list[Escalation]:
        return [Escalation.from_doc(doc, int(key)) for key, doc in self._raw("escalations").items()]

    def escalation(self, escalation_id: int) -> Escalation | None:
        return self._model("escalations", escalation_id)

    def escalated_from(self, entry_id: int) -> Escalation | None:
        """The escalation that brought this entry into its meeting, if one did."""
        return next((e for e in self.escalations() if e.target_entry_id == entry_id), None)

    def escalated_to(self, entry_id: int | None = None, action_id: int | None = None) -> list[Escalation]:
        """Where this entry (or action) was raised, first first."""
        found = [e for e in self.escalations()
                 if (entry_id and e.origin_entry_id == entry_id) or (action_id and e.origin_action_id == action_id)]
        return sorted(found, key=lambda e: e.id)

    def escalation_outcome(self, escalation: Escalation) -> EscalationOutcome | None:
        """The receiving forum's decision, or, raised on again, the decision further up."""
        seen: set[int] = set()
        todo = [escalation]
        while todo:
            current = todo.pop(0)
            if current.id in seen:
                continue
            seen.add(current.id)
            decision = self._decision(current.decision_entry_id)
            if decision is not None:
                meeting = self.meeting(decision.meeting_id)
                return EscalationOutcome(current, decision, self.forum(current.target_forum_id), meeting)
            todo += self.escalated_to(entry_id=current.target_entry_id)
        return None

    def _decision(self, entry_id: int | None) -> Entry | None:
        """The decision entry; to someone who may not see it, only that there is one
        (no text, confidential): "decided" stays true, what was decided stays with the forum."""
        if not entry_id:
            return None
        with self._acting_in(None):
            decision = self.entry(entry_id)
        if decision is not None and self.entry(entry_id) is None:
            decision.text, decision.confidential = "", True
        return decision

    def escalation_follow_up(self, meeting: Meeting) -> list[Escalation]:
        """What this forum raised before this meeting and the follow-up should mention:
        matters still awaiting a decision, and those decided since the forum last met."""
        earlier = [m for m in self.meetings_between(meeting.day - _HORIZON, meeting.day, [meeting.forum_id])
                   if m.id and m.id != meeting.id and m.start < meeting.start]
        since = earlier[-1].start if earlier else None
        rows = []
        for escalation in self.escalations():
            if escalation.origin_forum_id != meeting.forum_id or escalation.origin_meeting_id == meeting.id:
                continue
            if escalation.created and escalation.created >= meeting.start:
                continue
            outcome = self.escalation_outcome(escalation)
            decided = outcome.decision.created if outcome else None
            if outcome is None or since is None or (decided is not None and decided >= since):
                rows.append(escalation)
        return sorted(rows, key=lambda e: e.id)

    # -- where a raised matter lands --------------------------------------------------------

    def next_meeting_of(self, forum: Forum, now: datetime | None = None) -> Meeting | None:
        """The forum's next meeting that is not over, held, cancelled or approved:
        stored, or planned by the series (id 0, not yet stored)."""
        now = now or clock.now()
        for meeting in self.meetings_between(now.date(), now.date() + _HORIZON, [forum.id]):
            end = meeting.end or meeting.start + timedelta(minutes=forum.cadence.duration_minutes or 60)
            if meeting.status == PLANNED and meeting.approved_at is None and end > now:
                return meeting
        return None

    def _escalation_item(self, meeting: Meeting) -> int:
        """The key of the meeting's "Ärenden från andra forum", added before "Övriga
        frågor" (or last) when the agenda does not have it."""
        for item in meeting.agenda:
            if is_escalation_item(item.title):
                return item.key
        keys = [item.key for item in meeting.agenda]
        other = next((i for i, item in enumerate(meeting.agenda) if fold(item.title).startswith(("ovrig", "other"))),
                     None)
        after = keys[other - 1] if other else None
        updated = self.add_agenda_item(meeting.id, t("escalation.agenda_title"), after_key=after)
        return max(item.key for item in updated.agenda)

    # -- writing ----------------------------------------------------------------------------

    def _origin(self, entry_id: int | None, action_id: int | None) -> tuple[Entry | Action, Meeting | None]:
        if (entry_id is None) == (action_id is None):
            raise UserError("escalation.entry_or_action")
        source: Entry | Action | None
        if entry_id is not None:
            source = self.entry(entry_id)
            if source is None:
                raise UserError("escalation.unknown_entry", id=entry_id)
            meeting_id = source.meeting_id
        else:
            source = self.action(action_id)  # type: ignore[arg-type]
            if source is None:
                raise UserError("repo.unknown_action", id=action_id)
            meeting_id = source.origin_meeting_id
        return source, self.meeting(meeting_id) if meeting_id else None

    def escalate(self, forum_id: int, entry_id: int | None = None, action_id: int | None = None,
                 text: str | None = None, by: str = "", at: datetime | None = None) -> Escalation:
        """Raise an entry or an action to the next meeting of forum ``forum_id``, under
        "Ärenden från andra forum" (added if missing); the meeting is stored from the
        series if need be. A confidential origin needs a new, anonymised ``text``."""
        now = at or clock.now()
        with self.transaction():
            source, origin = self._origin(entry_id, action_id)
            origin_forum = self.forum(origin.forum_id) if origin else None
            forum = self.forum(forum_id)
            if forum is None:
                raise UserError("repo.unknown_forum", name=forum_id, known="-")
            if origin_forum is not None and origin_forum.id == forum.id:
                raise UserError("escalation.same_forum", forum=forum.name)
            confidential = confidential_origin(source.confidential, origin_forum)
            new_text = travelling_text(source.text, confidential, text)
            for earlier in self.escalated_to(entry_id=entry_id, action_id=action_id):
                if earlier.target_forum_id == forum.id:
                    meeting = self.meeting(earlier.target_meeting_id)
                    raise UserError("escalation.already_raised", forum=forum.name,
                                    date=meeting.day.isoformat() if meeting else "–")
            # The one write into another forum's meeting the roles allow: the matter lands
            # there (the escalation itself is the raising forum's, checked as it is stored).
            with self._acting_in(forum.id):
                target = self.next_meeting_of(forum, now)
                if target is None:
                    raise UserError("escalation.no_next_meeting", forum=forum.name)
                if not target.id:
                    target = self.ensure_meeting(forum, target.day)
                key = self._escalation_item(target)
                # Raised before the meeting, the line is on its agenda from the start.
                landed = self.add_entry(target, INFO, new_text, agenda_key=key, at=max(now, target.start))
            if action_id is not None:
                self.change_action(action_id, note=t("escalation.note.raised", forum=forum.name,
                                                      date=target.day.isoformat()), at=now)
            escalation = Escalation(
                origin_forum_id=origin_forum.id if origin_forum else None,
                origin_meeting_id=origin.id if origin else None,
                target_forum_id=forum.id,
                target_meeting_id=target.id,
                target_entry_id=landed.id,
                text=landed.text,
                origin_entry_id=entry_id,
                origin_action_id=action_id,
                anonymised=confidential,
                by=clean(by) or self.writer(),
                created=now,
            )
            return self._insert("escalations", escalation)

    def decide_escalation(self, escalation_id: int, text: str, at: datetime | None = None) -> Entry:
        """The receiving forum's decision on a raised matter: a decision under the same
        agenda item of the meeting it landed in, linked back to where it came from."""
        if not clean(text):
            raise UserError("repo.empty_text")
        now = at or clock.now()
        with self.transaction():
            escalation = self.escalation(escalation_id)
            if escalation is None:
                raise UserError("escalation.unknown", id=escalation_id)
            if escalation.decision_entry_id and self.entry(escalation.decision_entry_id) is not None:
                raise UserError("escalation.already_decided", entry=escalation.decision_entry_id)
            landed = self.entry(escalation.target_entry_id)
            meeting = self.meeting(landed.meeting_id if landed else escalation.target_meeting_id)
            if meeting is None:
                raise UserError("repo.unknown_meeting", ref=escalation.target_meeting_id)
            # Recorded before the meeting (per capsulam, or typed ahead): shown from its start.
            decision = self.add_entry(meeting, DECISION, clean(text),
                                      agenda_key=landed.agenda_key if landed else None, at=max(now, meeting.start))
            escalation.decision_entry_id = decision.id
            self._save("escalations", escalation)
            # The decision is noted on the action raised, in the forum that raised it.
            with self._acting_in(escalation.origin_forum_id):
                if escalation.origin_action_id and self.action(escalation.origin_action_id) is not None:
                    forum = self.forum(escalation.target_forum_id)
                    self.change_action(escalation.origin_action_id, note=t(
                        "escalation.note.decided", forum=forum.name if forum else "–", date=meeting.day.isoformat(),
                        text=decision.text), at=now)
            return decision
