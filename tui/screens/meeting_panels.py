"""The meeting screen's panels: attendance and guests, the agenda, the follow-up of
earlier actions, and the meeting itself (chair, secretary, closing).

The panels' keys run these actions directly, so a dialog is open before the next key
is handed on. What changes the record goes through the session, so ctrl+z takes it
back; each change is said in a notification ("Anna Sjöberg: frånvarande – ctrl+z
ångrar"), never made silently.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from store.model.action import Action
from store.model.constants import DONE, HELD, IN_PROGRESS, STRUCK
from store.model.meeting import Attendance, Meeting
from store.rules import calendar as cal
from store.text.i18n import UserError, t
from tui.modals.action_update import DueDateModal, ProgressModal, StrikeModal
from tui.modals.agenda_item import AgendaItemModal, NewItem, minutes_modal
from tui.modals.confirm import ConfirmModal, PromptModal
from tui.modals.guest import GuestModal
from tui.screens.meeting_lines import _short
from tui.widgets.attendance import AttendancePanel
from tui.widgets.follow_up import DUE, FollowUpLine, FollowUpPanel
from tui.widgets.meeting_log import AgendaPanel


class PanelsMixin:
    """Mixed into ``MeetingScreen``."""

    meeting: Meeting | None
    meeting_id: int
    session: Any
    follow_up: list[Action]
    current_key: int | None

    def _change_meeting(self, work: Callable[..., Meeting], *args: Any, gone: str = "") -> bool:
        """Run one change of this meeting and keep what it returns.

        ``gone`` names the refusal for a row or item that is no longer there (another
        window changed the meeting): that is no error here, the fresh meeting is shown.
        """
        try:
            meeting = work(*args)
        except UserError as error:
            fresh = self.repo.meeting(self.meeting_id) if gone and error.key == gone else None
            if fresh is None:
                self.notify(str(error), severity="error", timeout=8)
                return False
            meeting = fresh
        self.meeting = meeting
        return True

    # -- attendance and guests -----------------------------------------------------------

    def _attendance_row(self, guest: bool = False) -> tuple[int, Attendance] | None:
        """The row under the attendance panel's cursor: its place and the attendee."""
        row = self.query_one(AttendancePanel).selected_row
        if row is None or self.meeting is None or row.index >= len(self.meeting.attendance):
            return None
        if guest and not row.guest:
            self.notify(t("repo.not_a_guest", name=row.name), severity="warning")
            return None
        return row.index, self.meeting.attendance[row.index]

    def action_toggle_attendance(self) -> None:
        selected = self._attendance_row()
        if selected is None:
            return
        index = selected[0]
        if self._change_meeting(self.session.cycle_attendance, index, gone="repo.unknown_attendance_row"):
            self.show_attendance()
            row = self.meeting.attendance[index]
            self.notify(t("meeting.attendance.changed", name=row.name, status=t(f"status.attendance.{row.status}")))

    def action_add_guest(self) -> None:
        names = [o.name for o in self.repo.organisations()]

        def added(guest: Attendance | None) -> None:
            if guest is not None and self._change_meeting(self.session.add_guest, guest.name, guest.organisation,
                                                          guest.role):
                self.show_attendance()
                panel = self.query_one(AttendancePanel)
                panel.move_cursor(row=panel.row_count - 1)
                self.notify(t("meeting.guest.added", name=guest.name))

        self.ask(GuestModal(names), added)

    def action_edit_guest(self) -> None:
        selected = self._attendance_row(guest=True)
        if selected is None:
            return
        index, current = selected

        def edited(guest: Attendance | None) -> None:
            if guest is not None and self._change_meeting(self.session.edit_guest, index, guest.name,
                                                          guest.organisation):
                self.show_attendance()
                self.notify(t("meeting.guest.saved", name=guest.name))

        self.ask(GuestModal([o.name for o in self.repo.organisations()], current=current), edited)

    def action_remove_guest(self) -> None:
        selected = self._attendance_row(guest=True)
        if selected is None:
            return
        index, current = selected

        def confirmed(yes: bool | None) -> None:
            if yes and self._change_meeting(self.session.remove_guest, index):
                self.show_attendance()
                self.notify(t("meeting.guest.removed", name=current.name))

        self.ask(ConfirmModal(t("meeting.guest.remove_title"), t("meeting.guest.remove_question", name=current.name)),
                 confirmed)

    # -- agenda ----------------------------------------------------------------------------

    def _set_current(self, key: int | None) -> None:
        self.current_key = key
        # The meeting came to this item: its clock starts (the first time only).
        self._change_meeting(self.session.start_item, key, gone="repo.unknown_agenda_item")
        self.show_header()
        self.show_agenda(select=key)
        self.show_log()
        self.show_preview(self.quick_entry.value)

    def action_choose_item(self) -> None:
        row = self.query_one(AgendaPanel).selected_row
        if row is not None:
            self._set_current(row.key)
            self.action_focus_entry()

    def on_agenda_panel_current_chosen(self, message: AgendaPanel.CurrentChosen) -> None:
        self._set_current(message.key)
        self.action_focus_entry()

    def action_next_item(self) -> None:
        assert self.meeting is not None
        keys = [item.key for item in self.meeting.agenda]
        if not keys:
            self.notify(t("meeting.agenda.empty"), severity="warning")
            return
        index = keys.index(self.current_key) + 1 if self.current_key in keys else 0
        if index >= len(keys):
            self.notify(t("meeting.agenda.last"), severity="warning")
            return
        self._set_current(keys[index])

    def action_add_item(self) -> None:
        row = self.query_one(AgendaPanel).selected_row
        after_key = row.key if row is not None else None
        after = next((i.title for i in self.meeting.agenda if i.key == after_key), "") if self.meeting else ""

        def added(new: NewItem | None) -> None:
            if new and self._change_meeting(self.session.add_agenda_item, new.title, after_key, new.minutes):
                assert self.meeting is not None
                # The new item has the largest key of the meeting.
                self._set_current(max(item.key for item in self.meeting.agenda))
                self.action_focus_entry()
                self.notify(t("meeting.agenda.added", title=new.title))

        self.ask(AgendaItemModal(after), added)

    def action_set_item_minutes(self) -> None:
        row = self.query_one(AgendaPanel).selected_row
        item = next((i for i in self.meeting.agenda if row is not None and i.key == row.key), None) \
            if self.meeting else None
        if item is None:
            return

        def chosen(answer: tuple[int | None] | None) -> None:
            if answer is not None and self._change_meeting(self.session.set_agenda_minutes, item.key, answer[0],
                                                           gone="repo.unknown_agenda_item"):
                self.show_header()
                self.show_agenda(select=item.key)
                minutes = answer[0]
                self.notify(t("meeting.minutes_modal.saved", title=item.title, minutes=minutes) if minutes
                            else t("meeting.minutes_modal.cleared", title=item.title))

        self.ask(minutes_modal(item.title, item.minutes), chosen)

    def action_move_item(self, delta: int) -> None:
        row = self.query_one(AgendaPanel).selected_row
        if row is not None and self._change_meeting(self.session.move_agenda_item, row.key, delta,
                                                    gone="repo.unknown_agenda_item"):
            self.show_header()
            self.show_agenda(select=row.key)
            self.show_log()
            word = t("meeting.agenda.moved_up" if delta < 0 else "meeting.agenda.moved_down")
            self.notify(t("meeting.agenda.moved", title=row.title, where=word))

    # -- chair, secretary, closing -----------------------------------------------------------

    def action_set_chair(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        repo = self.repo
        forum = repo.forum(meeting.forum_id)
        by_rule = repo.chair_for(forum, meeting.day) if forum else ""

        def chosen(name: str | None) -> None:
            # The store clears the override when the name is the one the rule gives.
            if name is not None and self._change_meeting(repo.set_chair, self.meeting_id, name):
                self.show_header()
                self.notify(t("meeting.chair.saved", chair=repo.meeting_chair(self.meeting) or "–"))

        self.ask(PromptModal(t("meeting.chair.title"), t("meeting.chair.label"), value=repo.meeting_chair(meeting),
                             hint=t("meeting.chair.hint", rule=by_rule or "–")), chosen)

    def action_set_secretary(self) -> None:
        meeting = self.meeting
        assert meeting is not None

        def chosen(name: str | None) -> None:
            if name is not None and self._change_meeting(self.repo.set_secretary, self.meeting_id, name):
                self.show_header()

        self.ask(PromptModal(t("meeting.secretary.title"), t("meeting.secretary.label"), value=meeting.secretary),
                 chosen)

    def action_close_meeting(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        if meeting.status == HELD:
            self._offer_export()
            return
        forum = self.repo.forum(meeting.forum_id)

        def confirmed(yes: bool | None) -> None:
            if not yes:
                self.action_focus_entry()
            elif self._change_meeting(self.repo.mark_held, self.meeting_id):
                self.show_header()
                self.notify(t("meeting.close.done"))
                self._offer_export()

        self.ask(ConfirmModal(t("meeting.close.title"),
                              t("meeting.close.question", forum=forum.name if forum else "",
                                date=cal.format_long(meeting.day)),
                              word=t("meeting.close.word"), yes=t("meeting.close.yes")), confirmed)

    def _offer_export(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.open_export()
            else:
                self.action_focus_entry()

        self.ask(ConfirmModal(t("meeting.export.title"), t("meeting.export.question"),
                              yes=t("meeting.export.yes")), answered)

    def open_export(self) -> None:
        self._own_modal = False  # coming back from the export screen reloads
        self.app.open("export", "minutes", meeting_id=self.meeting_id)

    # -- follow-up of earlier actions --------------------------------------------------------

    def _load_follow_up(self) -> None:
        repo = self.repo
        meeting = self.meeting
        assert meeting is not None
        found = {a.id: a for a in repo.open_actions_of_forum(meeting.forum_id, before=meeting.start)
                 if a.origin_meeting_id != meeting.id}
        # Handled here already (done, struck …): keep them in the list with their new status.
        for action in repo.actions_of_meeting(meeting.id):
            if action.origin_meeting_id != meeting.id:
                found[action.id] = action
        # Rows stay where they were when handled (a new due date does not make the row
        # jump away from under the cursor); new ones go by due date after them.
        place = {a.id: n for n, a in enumerate(self.follow_up)}
        self.follow_up = sorted(
            found.values(), key=lambda a: (place.get(a.id, len(place)), a.due or date.max, a.id)
        )

    def show_follow_up(self, select: int | None = None) -> None:
        meeting = self.meeting
        assert meeting is not None
        repo = self.repo
        today = self.today()
        rows = []
        handled = 0
        for action in self.follow_up:
            person = repo.person(action.owner_person_id)
            org = repo.organisation(action.owner_organisation_id)
            here = any(event.meeting_id == meeting.id for event in action.history)
            handled += here
            rows.append(FollowUpLine(
                action_id=action.id,
                text=action.text,
                owner=person.name if person else (org.name if org else ""),
                due=action.due.isoformat() if action.due else "",
                status=action.status,
                overdue=action.is_overdue(today),
                handled=here,
            ))
        raised = self.raised_rows()  # what this forum raised elsewhere, and the answer
        panel = self.query_one(FollowUpPanel)
        panel.border_title = t("meeting.follow.title", open=len(rows) - handled, handled=handled)
        rows += raised
        panel.set_rows(rows, select_key=f"action:{select}" if select is not None else None)


    def action_follow_up(self, how: str) -> None:
        row = self.query_one(FollowUpPanel).selected_row
        action = next((a for a in self.follow_up if row is not None and a.id == row.action_id), None)
        if action is None:
            return
        if how == DONE:
            self._change_action(action, status=how)
        elif how == STRUCK:
            self.ask(StrikeModal(action.text),
                     lambda note: note is not None and self._change_action(action, status=STRUCK, note=note))
        elif how == IN_PROGRESS:
            self.ask(ProgressModal(action.text),
                     lambda note: note is not None and self._change_action(action, status=IN_PROGRESS, note=note))
        elif how == DUE:
            self.ask(DueDateModal(action.text, action.due, self.today()),
                     lambda due: due is not None and self._change_action(action, due=due))

    def _change_action(self, action: Action, status: str | None = None, due: date | None = None,
                       note: str = "") -> bool:
        changed = self.guard(self.session.change_action, action.id, status=status, due=due, note=note)
        if changed is None:
            return False
        if due is not None:
            what = t("meeting.follow.new_due", date=due.isoformat(), week=cal.week_label(due))
        else:
            what = t(f"status.action.{changed.status}")
        self.notify(t("meeting.follow.changed", id=changed.id, text=_short(changed.text), what=what))
        self._load_follow_up()
        self.show_follow_up(select=changed.id)
        return True
