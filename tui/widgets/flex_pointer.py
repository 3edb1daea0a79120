"""The mouse half of ``FlexTable``: the hover row (as DataTable shows it) and a click
that moves the cursor, a second click on the same cell choosing the row."""

from __future__ import annotations

from textual import events

from tui.widgets.table_cells import PADDING


class RowPointer:
    """Mixed into ``FlexTable``, whose rows, widths and cursor it reads."""

    def _mouse_cell(self, event: events.MouseEvent) -> tuple[int, int] | None:
        """(row, column) under the mouse; row -1 is the header."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        if offset.y == 0:
            row = -1
        else:
            found = self._row_at_line(self.scroll_offset.y + offset.y - 1)
            if found is None:
                return None
            row = found
        x, mouse_x = 0, offset.x + self.scroll_offset.x
        for column, width in enumerate(self._widths):
            x += width + 2 * PADDING
            if mouse_x < x:
                return row, column
        return row, 0  # right of the last column: the row all the same

    def _show_hover_cursor(self, show: bool) -> None:
        if show != self._show_hover:
            self._show_hover = show
            self._refresh_hover()

    def _refresh_hover(self) -> None:
        if self._hover_row == -1:
            self.refresh_lines(self.scroll_offset.y, 1)
        elif self._hover_row is not None:
            self._refresh_row(self._hover_row)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._show_hover_cursor(True)
        cell = self._mouse_cell(event)
        row = cell[0] if cell else None
        if row != self._hover_row:
            self._refresh_hover()
            self._hover_row = row
            self._refresh_hover()

    def on_leave(self, event: events.Leave) -> None:
        self._show_hover_cursor(False)

    def on_click(self, event: events.Click) -> None:
        self._show_hover_cursor(True)
        cell = self._mouse_cell(event)
        if cell is None or cell[0] < 0 or not self.rows_data:
            return  # the header does not sort here
        row, column = cell
        again = (row, column) == (self.cursor_row, self._cursor_column)
        self._cursor_column = column
        self.move_cursor(row=row, animate=True)
        if again:
            self.row_chosen()
        event.stop()
