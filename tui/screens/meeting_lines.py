"""The meeting screen's lines: the quick-entry line, its preview, the queue of typed
lines, pasting, asking who an @owner is, correcting, removing and undoing.

Every Enter hands the line to the session's queue at once (the input is already
empty); the queue is stored after the screen has shown the line as waiting, in order,
each line durable before it is shown as saved. A line that cannot be stored stops the
queue: it and the lines after it stay in the log as not stored, its sentence under the
input; ↑ brings it back to be corrected, Enter on an empty line tries again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from store.model.action import Action
from store.repository.lines import LoggedLine
from store.repository.promises import promise_number
from store.rules import calendar as cal
from store.rules.quickentry import describe
from store.session.meeting_session import FAILED, OWNER, QueuedLine, Saved
from store.session.reading import OwnerChoice, Reading
from store.session.undo import LINE, Undone
from store.text.i18n import UserError, t
from tui.modals.confirm import ConfirmModal
from tui.modals.entry_edit import EntryEditModal
from tui.modals.owner import OwnerModal, OwnerOption
from tui.modals.paste import PasteModal
from tui.widgets.meeting_log import LogLine, MeetingLog
from tui.widgets.quick_entry import QuickEntry

ENTRY = "entry"
ACTION = "action"
SHORT = 60  # characters of a line quoted back in a notification


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


class LinesMixin:
    """Mixed into ``MeetingScreen``; uses its session, panels and ``ask``."""

    session: Any
    quick_entry: Any
    current_key: int | None
    _last_saved: str | None

    # -- the preview -----------------------------------------------------------------

    def on_quick_entry_changed(self, message: QuickEntry.Changed) -> None:
        if message.text.strip():
            self._last_saved = None
        self.show_preview(message.text)
        if not message.text:
            self._ask_owner_when_free()

    def show_preview(self, text: str) -> None:
        """Say how the line will be read (parsed once: the commit uses this reading)."""
        entry_line = self.quick_entry
        if not text.strip():
            blocked = self.session.blocked
            if blocked is not None:
                entry_line.show_preview(self._blocked_sentence(blocked), "error")
            elif self.session.queue:
                entry_line.show_preview(t("meeting.preview.pending", count=len(self.session.queue)), "pending")
            elif self._last_saved:
                entry_line.show_preview(self._last_saved, "saved")
            else:
                entry_line.show_preview(t("meeting.preview.hint"), "hint")
            return
        reading = self.session.read(text)
        entry_line.show_preview(self.describe_reading(reading), "ok" if reading.ok else "error")

    def _blocked_sentence(self, line: QueuedLine) -> str:
        behind = len(self.session.queue) - 1
        waiting = t("meeting.preview.behind", count=behind) if behind else ""
        if line.state == OWNER:
            token = self._open_questions(line)[0] if self._open_questions(line) else ""
            return t("meeting.preview.owner_question", owner=token, waiting=waiting)
        return t("meeting.preview.blocked", problem=line.problem, waiting=waiting)

    def describe_reading(self, reading: Reading, queued: bool = False) -> str:
        today = self.today()
        entry = reading.entry
        if not entry.ok:
            return describe(entry, today)
        owner = self._owner_label(reading)
        if owner and not reading.owner_questions:
            # Say who was found ("Anna Sjöberg (Södertälje kommun)") instead of what was typed.
            parts = describe(replace(entry, owners=[]), today).split(" · ")
            parts.insert(1, t("quickentry.preview.owners", owners=owner))
        else:
            parts = [describe(entry, today)]
        for promise in reading.promises:
            parts.append(t("meeting.preview.promise_is", ref=promise_number(promise), text=_short(promise.text)))
        forum = self.repo.forum(self.meeting.forum_id) if self.meeting else None
        if not entry.confidential and forum is not None and forum.confidential_default:
            parts.append(t("meeting.preview.confidential_default"))
        parts.append(t("meeting.preview.under", item=self._item_label(self.current_key)))
        text = " · ".join(parts)
        if reading.problem is None and reading.ambiguous:
            token, names = next(iter(reading.ambiguous.items()))
            return t("meeting.preview.ambiguous_owner", owner=token, names=", ".join(names), line=text)
        if reading.problem is None and reading.unknown_owners:
            return t("meeting.preview.unknown_owner", owner=reading.unknown_owners[0], line=text)
        problem = reading.error()
        return t("meeting.preview.problem", problem=str(problem), line=text) if problem else text

    def _owner_label(self, reading: Reading) -> str:
        if reading.person is not None:
            org = reading.organisation
            return f"{reading.person.name} ({org.name})" if org else reading.person.name
        names = [p.name for p in reading.new_people]
        if reading.organisation is not None:
            names.append(reading.organisation.name)
        return " · ".join(names)

    # -- Enter, and the queue ------------------------------------------------------------

    def on_quick_entry_submitted(self, message: QuickEntry.Submitted) -> None:
        if not message.text.strip():
            self._retry()
            return
        self.session.submit(message.text, self.current_key, replaces=message.replaces)
        self._last_saved = None
        self.show_log()
        self.show_preview(self.quick_entry.value)
        # Stored once the screen has shown it as waiting: a line is "saved" only when it is.
        self.call_after_refresh(self.run_queue)

    def _retry(self) -> None:
        """Enter on an empty line: try the line that stopped the queue again."""
        blocked = self.session.blocked
        if blocked is None:
            return
        if blocked.state == OWNER:
            self._ask_owner(blocked)
            return
        self.session.submit(blocked.text, replaces=blocked.key)
        self.run_queue()

    def run_queue(self) -> None:
        session = self.session
        try:
            outcomes = session.run()
        except Exception as error:  # noqa: BLE001 - the typed line must survive any failure
            self.log.error(error)
            if session.queue:
                session.fail(session.queue[0], t("meeting.error.unexpected", error=type(error).__name__))
            outcomes = []
        saved = [o for o in outcomes if isinstance(o, Saved)]
        if saved:
            stored = saved[-1].logged.record
            kind = t("kind.action") if isinstance(stored, Action) else t(f"kind.{stored.kind}")
            self._last_saved = t("meeting.preview.saved", kind=kind, text=_short(stored.text),
                                 time=cal.format_time(stored.created) if stored.created else "")
            self._load_lines()
            self.show_agenda()
        blocked = session.blocked
        self.quick_entry.offer(blocked.key if blocked else None, blocked.text if blocked else "")
        # The line that stopped the queue is shown, else the newest stored.
        self.show_log(select=blocked.key if blocked else saved[-1].logged.key if saved else None)
        self.show_preview(self.quick_entry.value)
        if blocked is not None and blocked.state == FAILED and outcomes and outcomes[-1] is blocked:
            self.notify(blocked.problem, severity="error", timeout=8)
        self._ask_owner_when_free()

    def queued_rows(self) -> list[LogLine]:
        queue = self.session.queue
        if not queue:
            return []
        rows = [LogLine(key="queued", kind="", text=t("meeting.log.queued_heading"), heading=True, editable=False)]
        for line in queue:
            rows.append(LogLine(key=line.key, text=line.text, state=line.state))
        return rows

    # -- who is @owner? ------------------------------------------------------------------

    def _open_questions(self, line: QueuedLine) -> list[str]:
        reading = line.reading or self.session.read(line.text, line.choices or None)
        return [token for token in reading.owner_questions if token not in line.choices]

    def _ask_owner_when_free(self) -> None:
        """Ask about a line's owner once typing has stopped: never into keys in flight."""
        blocked = self.session.blocked
        if (blocked is not None and blocked.state == OWNER and self.app.screen is self
                and not self.quick_entry.value and not self.app.keys_waiting):
            self._ask_owner(blocked)

    def _ask_owner(self, line: QueuedLine) -> None:
        questions = self._open_questions(line)
        if not questions:
            return
        repo = self.repo
        organisations = repo.organisations()
        options = [OwnerOption(label=o.name, organisation_id=o.id) for o in organisations]
        for person in repo.people():
            org = repo.organisation(person.organisation_id)
            label = f"{person.name} ({org.name})" if org else person.name
            options.append(OwnerOption(label=label, person_id=person.id, organisation_id=org.id if org else None))
        options.sort(key=lambda o: o.label.casefold())
        token = questions[0]
        reading = line.reading or self.session.read(line.text)

        def answered(choice: OwnerChoice | None) -> None:
            self.session.answer_owner(line, token, choice)
            if choice is None:
                self.quick_entry.offer(line.key, line.text)
                self.quick_entry.show_preview(t("meeting.owner.cancelled", owner=token), "error")
                self.show_log()
                self.quick_entry.focus_input()
            elif line.state == OWNER:
                self._ask_owner(line)
            else:
                self.run_queue()

        self.ask(OwnerModal(token, [(o.id, o.name) for o in organisations], options,
                            candidates=reading.ambiguous.get(token, ())), answered)

    # -- pasting several lines -----------------------------------------------------------

    def on_quick_entry_pasted(self, message: QuickEntry.Pasted) -> None:
        readings = [(line, self.describe_reading(self.session.read(line))) for line in message.lines]

        def confirmed(yes: bool | None) -> None:
            if yes:
                for line in message.lines:
                    self.session.submit(line, self.current_key)
                self.show_log()
                self.call_after_refresh(self.run_queue)
            self.quick_entry.focus_input()

        self.ask(PasteModal(readings), confirmed)

    # -- correcting, removing, undoing ---------------------------------------------------

    def action_edit(self) -> None:
        log = self.query_one(MeetingLog)
        key = log.line_key() if log.has_focus else None
        blocked = self.session.blocked
        key = key or (blocked.key if blocked else None)
        if key is None:
            key = next((step.logged.key for step in reversed(self.session.undo_stack)
                        if getattr(step, "logged", None) and self.session.logged(step.logged.key)), None)
        key = key or self._newest_key()
        if key is None:
            self.notify(t("meeting.edit.nothing"), severity="warning")
            return
        self._edit(key)

    def action_edit_line(self) -> None:
        key = self.query_one(MeetingLog).line_key()
        if key:
            self._edit(key)

    def on_meeting_log_edit_requested(self, message: MeetingLog.EditRequested) -> None:
        self._edit(message.key)

    def _edit(self, key: str) -> None:
        queued = next((line for line in self.session.queue if line.key == key), None)
        if queued is not None:
            def reread(text: str) -> tuple[str, bool]:
                reading = self.session.read(text)
                return self.describe_reading(reading), reading.entry.ok and reading.problem is None

            def corrected(text: str | None) -> None:
                if text is not None:
                    self.session.submit(text, replaces=key)
                    self.run_queue()
                self.quick_entry.focus_input()

            self.ask(EntryEditModal(queued.text, reread, t("meeting.edit.queued_title")), corrected)
            return
        line = self.session.logged(key)
        if line is None:
            self.notify(t("meeting.edit.gone"), severity="warning")
            self.reload()
            return

        def read_again(text: str) -> tuple[str, bool]:
            reading = self.session.read(text, allow_past=True)
            return self.describe_reading(reading), reading.ok

        def edited(text: str | None) -> None:
            if text is not None:
                self._save_edit(key, text)

        self.ask(EntryEditModal(self.session.line_text(line), read_again), edited)

    def _save_edit(self, key: str, text: str) -> None:
        after: LoggedLine | None = self.guard(self.session.edit, key, text)
        if after is None:
            return
        kind = t("kind.action") if isinstance(after.record, Action) else t(f"kind.{after.record.kind}")
        self.notify(t("meeting.edit.saved", kind=kind, text=_short(after.record.text)))
        self._load_lines()
        self.show_log(select=after.key)
        self.show_agenda()

    def action_delete_line(self) -> None:
        key = self.query_one(MeetingLog).line_key()
        if not key:
            return
        queued = next((line for line in self.session.queue if line.key == key), None)
        if queued is not None:
            def dropped(yes: bool | None) -> None:
                if yes and self.session.drop(key) is not None:
                    self.quick_entry.offer(None)
                    self.show_log()
                    self.run_queue()

            self.ask(ConfirmModal(t("meeting.delete.title"), t("meeting.delete.queued_question", text=queued.text)),
                     dropped)
            return
        line = self.session.logged(key)
        if line is None:
            self.reload()
            return
        label = t("kind.action") if isinstance(line.record, Action) else t(f"kind.{line.record.kind}")

        def confirmed(yes: bool | None) -> None:
            if yes and self.guard(self.session.delete, key) is not None:
                self.notify(t("meeting.delete.done", kind=label, text=_short(line.record.text)))
                self._load_lines()
                self.show_log()
                self.show_agenda()

        self.ask(ConfirmModal(t("meeting.delete.title"),
                              t("meeting.delete.question", kind=label, text=line.record.text)), confirmed)

    def action_undo(self) -> None:
        if not self.session.undo_stack:
            self.notify(t("meeting.undo.nothing"), severity="warning")
            return
        try:
            undone: Undone = self.session.undo()
        except UserError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.notify(self._undone_sentence(undone))
        self._last_saved = None
        self.reload(select_newest=undone.what == LINE)
        self.show_preview(self.quick_entry.value)

    def _undone_sentence(self, undone: Undone) -> str:
        words = undone.words
        if undone.what == LINE:
            record = words["record"]
            kind = t("kind.action") if isinstance(record, Action) else t(f"kind.{record.kind}")
            sentence = t("meeting.undo.done", kind=kind, text=_short(record.text))
            if words["people"]:
                sentence += " " + t("meeting.undo.people", names=", ".join(words["people"]))
            return sentence
        if undone.what == "follow_up":
            action = words["action"]
            return t("meeting.undo.follow", id=action.id, text=_short(action.text),
                     status=t(f"status.action.{action.status}"), due=action.due.isoformat() if action.due else "–")
        if undone.what == "edit":
            return t("meeting.undo.edit", text=_short(words["record"].text))
        if undone.what in ("agenda_added", "agenda_moved", "agenda_minutes"):
            return t(f"meeting.undo.{undone.what}", title=words["title"])
        if undone.what == "attendance":
            return t("meeting.undo.attendance", name=words["name"], status=t(f"status.attendance.{words['status']}"))
        return t(f"meeting.undo.{undone.what}", name=words["name"])
