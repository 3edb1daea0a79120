"""The action list's keys that change what it shows: the filter dialog, overdue and
this week, back to the default view, sort and grouping, marking rows and a new status
for the marked ones (``Repository.change_actions``: one transaction)."""

from __future__ import annotations

from textual.widgets import Input

from store.review.action_rows import ACTIVE, ActionFilter
from store.text.i18n import t
from tui.modals.bulk_status import BulkStatus, BulkStatusModal

# What "s" steps through: the chair's usual questions first.
SORTABLE = ("due", "owner", "organisation", "forum", "promise", "status", "text", "id")
GROUPINGS = (None, "owner", "organisation", "forum", "promise")


def default_filter() -> ActionFilter:
    return ActionFilter(status={ACTIVE})


class ActionViewKeys:
    """Mixed into ``ActionsScreen`` (its filter, sort, grouping, table and ``requery``)."""

    def action_filter(self) -> None:
        from tui.modals.action_filter import ActionFilterModal

        def chosen(flt: ActionFilter | None) -> None:
            if flt is not None:
                self.flt = flt
                self.query_one("#actions-text", Input).value = flt.text
                self.requery()

        self.app.push_screen(ActionFilterModal(self.services, self.flt), chosen)

    def action_toggle_overdue(self) -> None:
        self.flt = self.flt._replace(overdue=not self.flt.overdue)
        self.requery()

    def action_toggle_week(self) -> None:
        self.flt = self.flt._replace(due_this_week=not self.flt.due_this_week)
        self.requery()

    def action_clear_filter(self) -> None:
        # Back to the view the screen opens with: open and in progress, by due date, not
        # grouped, confidential actions hidden again.
        self.flt = default_filter()
        self.sort, self.descending = "due", False
        self.group_by = None
        self.collapsed.clear()
        self.query_one("#actions-text", Input).value = ""
        self.requery()

    def action_next_sort(self) -> None:
        self.sort = SORTABLE[(SORTABLE.index(self.sort) + 1) % len(SORTABLE)] if self.sort in SORTABLE else "due"
        self.descending = False
        self.requery()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self.requery()

    def action_next_grouping(self) -> None:
        self.group_by = GROUPINGS[(GROUPINGS.index(self.group_by) + 1) % len(GROUPINGS)]
        self.collapsed.clear()
        self.requery()

    def action_mark(self) -> None:
        table = self.table
        action_id = table.current_action
        if action_id is None:
            return
        table.toggle_mark(action_id)
        table.action_cursor_down()
        self._show_status()

    def action_bulk_status(self) -> None:
        table = self.table
        ids = sorted(table.marked) or ([table.current_action] if table.current_action else [])
        if not ids:
            self.notify(t("review.tui.nothing_marked"), severity="warning")
            return

        def chosen(choice: BulkStatus | None) -> None:
            if choice is None:
                return
            changed = self.guard(self.repo.change_actions, ids, choice.status, note=choice.note)
            if changed is None:
                return
            table.clear_marks()
            table.forget_rows()
            self.requery()
            self.notify(t("review.tui.bulk_done", count=changed, status=t(f"status.action.{choice.status}")))

        self.app.push_screen(BulkStatusModal(len(ids)), chosen)
