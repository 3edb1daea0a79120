"""The meeting screen's part of the chain between forums and of the justering.

A logged line or an action is raised to another forum (``l`` in the log or the
follow-up); a line raised here gets this forum's decision (``s`` in the log). The log
marks each line's place in the chain, and the follow-up lists what this forum raised
earlier with the answer. The justerare is named (ctrl+y) and the minutes approved
(F10); after that a change is refused unless it is made as a rättelse (ctrl+b: who
corrects, from then on until the screen is left). Everything goes through the
screen's ``MeetingSession``.
"""

from __future__ import annotations

from typing import Any

from store.model.justering import ACTION_ADDED, ENTRY_ADDED
from store.model.meeting import Meeting
from store.review.chain import escalated_from_json, escalated_to_json, escalation_json, from_words, to_words
from store.rules.escalation import confidential_origin, receiving_forums
from store.text.i18n import t
from tui.keymap import key_for
from tui.modals.confirm import PromptModal
from tui.modals.escalate import EscalateModal, EscalationRequest
from tui.screens.meeting_lines import _short
from tui.widgets.follow_up import FollowUpLine, FollowUpPanel
from tui.widgets.meeting_log import LogLine, MeetingLog


class ChainMixin:
    """Mixed into ``MeetingScreen``."""

    meeting: Meeting | None
    meeting_id: int
    session: Any

    # -- what the screen shows ------------------------------------------------------------

    def justering_words(self) -> str:
        """"Ej justerat (justerare: Johan Berg)", or "Justerat 2026-11-23 av Anna Berg · rättelse: ctrl+b"."""
        meeting = self.meeting
        assert meeting is not None
        if meeting.approved_at is None:
            return t("meeting.chain.not_approved_by", justerare=meeting.justerare) if meeting.justerare \
                else t("meeting.chain.not_approved")
        approved = t("meeting.chain.approved", date=meeting.approved_at.date().isoformat(), by=meeting.approved_by)
        amender = self.repo.amender(meeting.id)
        if amender:
            return t("meeting.chain.amending", approved=approved, name=amender)
        return t("meeting.chain.locked", approved=approved, key=key_for(self.app, "meeting.amend", "ctrl+b"))

    def chain_marks(self, rows: list[LogLine]) -> list[LogLine]:
        """Each logged line raised from or to another forum says so."""
        repo = self.repo
        meeting = repo.meeting(self.meeting_id)  # as stored: a line just saved may have made a rättelse
        # A line added after the justering: the rättelse that added it (by its text).
        added = {a.text: a for a in meeting.amendments if a.kind in (ENTRY_ADDED, ACTION_ADDED)} if meeting else {}
        for row in rows:
            kind, _, ident = row.key.partition(":")
            if row.heading or row.state or not ident.isdigit() or kind not in ("entry", "action"):
                continue
            number = int(ident)
            words = []
            if (amendment := added.get(row.text)) is not None:
                words.append(t("meeting.chain.amended", date=amendment.at.date().isoformat(), by=amendment.by))
            if kind == "entry" and (origin := escalated_from_json(repo, number)):
                words.append(from_words(origin))
            ids = {"entry_id": number} if kind == "entry" else {"action_id": number}
            words += [to_words(link) for link in escalated_to_json(repo, include_confidential=True, **ids)]
            row.link = "; ".join(words)
        return rows

    def raised_rows(self) -> list[FollowUpLine]:
        """What this forum raised before this meeting: awaiting an answer, or answered since."""
        meeting = self.meeting
        assert meeting is not None
        rows = []
        for escalation in self.repo.escalation_follow_up(meeting):
            view = escalation_json(self.repo, escalation, include_confidential=True)
            decision = view["decision"]
            text = view["text"]
            if decision is not None:
                text = t("meeting.chain.follow_decided", text=text, forum=decision["forum"] or "–",
                         decision=decision["text"] or t("chain.decision_confidential"))
            rows.append(FollowUpLine(
                action_id=-escalation.id,
                text=text,
                owner=view["to"]["forum"] or "",
                due=view["to"]["date"] or "",
                raised=t("meeting.chain.decided" if decision else "meeting.chain.awaiting"),
            ))
        return rows

    # -- justerare, approval, rättelse ----------------------------------------------------------

    def _justering_changed(self, meeting: Meeting | None, sentence: str) -> None:
        if meeting is not None:
            self.meeting = meeting
            self.show_header()
            self.notify(sentence)

    def action_set_justerare(self) -> None:
        meeting = self.meeting
        assert meeting is not None

        def chosen(name: str | None) -> None:
            if name is not None:
                saved = self.guard(self.session.set_justerare, name)
                self._justering_changed(saved, t("meeting.justerare.saved", name=name or "–"))

        self.ask(PromptModal(t("meeting.justerare.title"), t("meeting.justerare.label"), value=meeting.justerare,
                             hint=t("meeting.justerare.hint")), chosen)

    def action_approve(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        if meeting.approved_at is not None:
            self.notify(self.justering_words(), severity="warning", timeout=8)
            return

        def chosen(name: str | None) -> None:
            if name:
                saved = self.guard(self.session.approve, name)
                self._justering_changed(saved, t("meeting.approve.done", date=saved.approved_at.date().isoformat(),
                                                 by=saved.approved_by) if saved else "")

        self.ask(PromptModal(t("meeting.approve.title"), t("meeting.approve.label"), value=meeting.justerare,
                             hint=t("meeting.approve.hint"), required="justering.by_missing"), chosen)

    def action_amend(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        if meeting.approved_at is None:
            self.notify(t("meeting.amend.not_approved"), severity="warning")
            return
        if self.repo.amender(meeting.id):
            self.session.stop_amending()
            self.show_header()
            self.notify(t("meeting.amend.stopped"))
            return

        def chosen(name: str | None) -> None:
            if name:
                by = self.guard(self.session.amend_as, name)
                if by:
                    self.show_header()
                    self.notify(t("meeting.amend.started", name=by))

        self.ask(PromptModal(t("meeting.amend.title"), t("meeting.amend.label"), hint=t("meeting.amend.hint"),
                             required="justering.amend_by_missing"), chosen)

    # -- raising a line, deciding on one ----------------------------------------------------------

    def action_raise_line(self) -> None:
        key = self.query_one(MeetingLog).line_key()
        if key is None or not key.startswith(("entry:", "action:")):
            self.notify(t("meeting.raise.no_line"), severity="warning")
            return
        self._raise(key)

    def action_raise_follow_up(self) -> None:
        row = self.query_one(FollowUpPanel).selected_row
        if row is None or row.action_id <= 0:
            self.notify(t("meeting.raise.no_line"), severity="warning")
            return
        self._raise(f"action:{row.action_id}")

    def _raise(self, key: str) -> None:
        line = self.session.logged(key)
        if line is None:
            self.reload()
            return
        repo = self.repo
        forum = repo.forum(self.meeting.forum_id) if self.meeting else None
        forums = receiving_forums(forum, repo.forums())
        if not forums:
            self.notify(t("meeting.raise.no_forum"), severity="warning")
            return
        confidential = confidential_origin(line.record.confidential, forum)

        def chosen(request: EscalationRequest | None) -> None:
            if request is None:
                return
            escalation = self.guard(self.session.raise_line, key, request.forum_id, request.text)
            if escalation is None:
                return
            view = escalation_json(repo, escalation)
            self.notify(t("meeting.raise.done", text=_short(view["text"]), forum=view["to"]["forum"],
                          date=view["to"]["date"]))
            self.reload()

        self.ask(EscalateModal(forums, line.record.text, confidential), chosen)

    def action_decide_line(self) -> None:
        key = self.query_one(MeetingLog).line_key() or ""
        kind, _, ident = key.partition(":")
        escalation = self.repo.escalated_from(int(ident)) if kind == "entry" and ident.isdigit() else None
        if escalation is None:
            self.notify(t("escalation.not_raised"), severity="warning", timeout=8)
            return
        origin = escalated_from_json(self.repo, int(ident))

        def chosen(text: str | None) -> None:
            if text:
                decision = self.guard(self.session.decide, key, text)
                if decision is not None:
                    self.notify(t("meeting.decide.done", forum=origin["forum"] or "–"))
                    self._load_lines()
                    self.show_log(select=f"entry:{decision.id}")
                    self.show_agenda()

        self.ask(PromptModal(t("meeting.decide.title"), t("meeting.decide.label"),
                             hint=from_words(origin), required="repo.empty_text"), chosen)
