"""A table of actions that renders only the rows on screen (the Line API).

A DataTable filled with 100,000 rows takes seconds; this widget is handed the
ordered list of action ids (and group headings) and draws the handful of lines
that are visible, asking the screen's ``fetch`` callable for just those rows. It
keeps at most ``MAX_CACHED`` rows, so its cost does not grow with the store.

Lines are ints: an action id (> 0), or ``-(n + 1)`` for group heading ``n``. The
screen decides what the lines are (filter, sort, grouping, collapsed groups); the
widget draws them, moves the cursor and posts Messages: ``CursorMoved`` (the
detail pane follows it), ``Activated`` (enter on a row or heading),
``HeaderClicked`` (sort by that column) and ``ViewportChanged`` (the
"rad 1 201–1 240 av 90 000" indicator).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.review.action_rows import ActionRow
from store.text.i18n import number, t
from tui.widgets.action_columns import (
    CLOSED_GROUP,
    MARK_WIDTH,
    OPEN_GROUP,
    Column,
    GroupLine,
    header_segments,
    layout_columns,
    row_segments,
)
from tui.widgets.table_cells import fit

MAX_CACHED = 300


class ActionTable(ScrollView, can_focus=True):
    """Actions as rows, only the visible ones rendered."""

    COMPONENT_CLASSES = {
        "action-table--header",
        "action-table--header-sorted",
        "action-table--cursor",
        "action-table--marked",
        "action-table--overdue",
        "action-table--group",
        "action-table--muted",
        "action-table--confidential",
    }

    DEFAULT_CSS = """
    ActionTable {
        height: 1fr;
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
    }
    ActionTable:focus {
        background-tint: $foreground 3%;
    }
    ActionTable > .action-table--header {
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    ActionTable > .action-table--header-sorted {
        color: $accent;
        text-style: bold;
    }
    ActionTable > .action-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    ActionTable:focus > .action-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    ActionTable > .action-table--marked {
        background: $accent 25%;
    }
    ActionTable > .action-table--overdue {
        color: $text-error;
    }
    ActionTable > .action-table--group {
        background: $boost;
        color: $text-accent;
        text-style: bold;
    }
    ActionTable > .action-table--muted {
        color: $text-muted;
    }
    ActionTable > .action-table--confidential {
        color: $text-warning;
    }
    """

    BINDINGS = [
        Binding("up", "cursor_up", t("review.key.up"), show=False, id="action_table.up"),
        Binding("down", "cursor_down", t("review.key.down"), show=False, id="action_table.down"),
        Binding("pageup", "page_up", t("review.key.page_up"), show=False, id="action_table.page_up"),
        Binding("pagedown", "page_down", t("review.key.page_down"), show=False, id="action_table.page_down"),
        Binding("home", "first", t("review.key.first"), show=False, id="action_table.first",
                tooltip=t("review.key.first.tip")),
        Binding("end", "last", t("review.key.last"), show=False, id="action_table.last",
                tooltip=t("review.key.last.tip")),
        Binding("enter", "activate", t("review.key.activate"), show=False, id="action_table.activate",
                tooltip=t("review.key.activate.tip")),
    ]

    class CursorMoved(Message):
        """The cursor is on another line: an action (``action_id``) or a group heading."""

        def __init__(self, table: ActionTable, action_id: int | None, group: GroupLine | None) -> None:
            super().__init__()
            self.table = table
            self.action_id = action_id
            self.group = group

    class Activated(Message):
        """Enter (or a double click) on a line."""

        def __init__(self, table: ActionTable, action_id: int | None, group: GroupLine | None) -> None:
            super().__init__()
            self.table = table
            self.action_id = action_id
            self.group = group

    class HeaderClicked(Message):
        def __init__(self, table: ActionTable, column: str) -> None:
            super().__init__()
            self.table = table
            self.column = column

    class ViewportChanged(Message):
        """Lines ``first``..``last`` (1-based, inclusive) of ``total`` are visible."""

        def __init__(self, table: ActionTable, first: int, last: int, total: int) -> None:
            super().__init__()
            self.table = table
            self.first = first
            self.last = last
            self.total = total

    def __init__(self, fetch: Callable[[list[int]], list[ActionRow]], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._fetch = fetch
        self._lines: Sequence[int] = ()
        self._groups: list[GroupLine] = []
        self._rows: dict[int, ActionRow] = {}
        self.marked: set[int] = set()
        self.cursor = 0
        self.sort_column = "due"
        self.sort_descending = False
        self._column_cache: tuple[tuple[int, str], list[tuple[Column, int]]] | None = None
        self._last_viewport: tuple[int, int, int] | None = None

    # -- what the screen hands in -------------------------------------------------

    @property
    def line_count(self) -> int:
        return len(self._lines)

    @property
    def cached_rows(self) -> int:
        """How many rows the widget holds: a page or two, whatever the store size."""
        return len(self._rows)

    def show(self, lines: Sequence[int], groups: list[GroupLine], cursor_line: int = 0) -> None:
        """New lines (after a filter, sort or grouping change); the cursor goes to ``cursor_line``."""
        self._lines = lines
        self._groups = groups
        self._rows.clear()
        if self.marked:  # a mark the new lines hide must not be changed by a bulk change
            self.marked &= set(lines)
        self.virtual_size = Size(self.size.width, len(lines) + 1)
        self.cursor = max(0, min(cursor_line, len(lines) - 1))
        self._scroll_to_cursor(center=True)
        self.refresh()
        self._post_cursor()
        self._post_viewport()

    def forget_rows(self) -> None:
        """The store changed: fetch the visible rows again on the next paint."""
        self._rows.clear()
        self.refresh()

    def set_sort(self, column: str, descending: bool) -> None:
        self.sort_column = column
        self.sort_descending = descending
        self.refresh()  # the column sorted by is shown, whatever the width

    def toggle_mark(self, action_id: int) -> None:
        if action_id in self.marked:
            self.marked.discard(action_id)
        else:
            self.marked.add(action_id)
        self.refresh()

    def clear_marks(self) -> None:
        self.marked.clear()
        self.refresh()

    def line_of(self, action_id: int) -> int | None:
        try:
            return self._lines.index(action_id)  # type: ignore[union-attr]
        except ValueError:
            return None

    @property
    def current(self) -> int | None:
        """The line under the cursor, or None when the table is empty."""
        return self._lines[self.cursor] if self._lines else None

    @property
    def current_action(self) -> int | None:
        line = self.current
        return line if line is not None and line > 0 else None

    @property
    def current_group(self) -> GroupLine | None:
        line = self.current
        return self._groups[-line - 1] if line is not None and line < 0 else None

    def visible_rows(self) -> list[ActionRow]:
        """The action rows on screen now, top to bottom."""
        first, last = self._visible_range()
        ids = [line for line in self._lines[first:last] if line > 0]
        self._ensure_rows(ids)
        return [self._rows[i] for i in ids]

    # -- cursor -------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, line: int) -> None:
        if not self._lines:
            return
        line = max(0, min(line, len(self._lines) - 1))
        if line == self.cursor:
            return
        self.cursor = line
        self._scroll_to_cursor()
        self.refresh()
        self._post_cursor()

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - self._page)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + self._page)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._lines) - 1)

    def action_activate(self) -> None:
        if self._lines:
            self.post_message(self.Activated(self, self.current_action, self.current_group))

    def _scroll_to_cursor(self, center: bool = False) -> None:
        page = self._page
        top = int(self.scroll_y)
        if center and not (top <= self.cursor < top + page):
            top = self.cursor - page // 2
        elif self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + page:
            top = self.cursor - page + 1
        top = max(0, min(top, max(0, len(self._lines) - page)))
        if top != int(self.scroll_y):
            self.scroll_to(y=top, animate=False, force=True)

    def _post_cursor(self) -> None:
        self.post_message(self.CursorMoved(self, self.current_action, self.current_group))

    def _visible_range(self) -> tuple[int, int]:
        first = int(self.scroll_y)
        return first, min(len(self._lines), first + self._page)

    def _post_viewport(self) -> None:
        first, last = self._visible_range()
        viewport = (first + 1 if last > first else 0, last, len(self._lines))
        if viewport != self._last_viewport:
            self._last_viewport = viewport
            self.post_message(self.ViewportChanged(self, *viewport))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._post_viewport()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._lines) + 1)
        self._column_cache = None
        self._scroll_to_cursor()
        self._post_viewport()

    # -- mouse ----------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            for column, x, width in self._columns_at():
                if x <= offset.x < x + width:
                    self.post_message(self.HeaderClicked(self, column.key))
                    return
            return
        line = int(self.scroll_y) + offset.y - 1
        if 0 <= line < len(self._lines):
            self.focus()
            self.move_cursor(line)
            if event.chain >= 2:
                self.action_activate()

    # -- drawing ----------------------------------------------------------------------

    def _layout(self, width: int) -> list[tuple[Column, int]]:
        if not self._column_cache or self._column_cache[0] != (width, self.sort_column):
            self._column_cache = ((width, self.sort_column), layout_columns(width, keep=self.sort_column))
        return self._column_cache[1]

    def _columns_at(self) -> list[tuple[Column, int, int]]:
        x = MARK_WIDTH
        result = []
        for column, width in self._layout(self.scrollable_content_region.width):
            result.append((column, x, width))
            x += width + 1
        return result

    def _ensure_rows(self, ids: list[int]) -> None:
        missing = [i for i in ids if i not in self._rows]
        if not missing:
            return
        if len(self._rows) + len(missing) > MAX_CACHED:
            self._rows.clear()
            missing = ids
        for row in self._fetch(missing):
            self._rows[row.id] = row

    def render_lines(self, crop):  # type: ignore[override]
        first = int(self.scroll_y) + max(0, crop.y - 1)
        last = int(self.scroll_y) + crop.y + crop.height
        self._ensure_rows([line for line in self._lines[first:last] if line > 0])
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width)
        index = int(self.scroll_y) + y - 1
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        cursor = index == self.cursor
        if line < 0:
            return self._group_strip(self._groups[-line - 1], width, cursor)
        row = self._rows.get(line)
        if row is None:
            self._ensure_rows([line])
            row = self._rows[line]
        return self._row_strip(row, width, cursor)

    def _style(self, name: str, partial: bool = False) -> Style:
        return self.get_component_rich_style(name, partial=partial)

    def _header(self, width: int) -> Strip:
        style = self._style("action-table--header")
        sorted_style = style + self._style("action-table--header-sorted", partial=True)
        columns = [(column, col_width) for column, _x, col_width in self._columns_at()]
        segments = header_segments(columns, self.sort_column, self.sort_descending, style, sorted_style)
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    def _group_strip(self, group: GroupLine, width: int, cursor: bool) -> Strip:
        style = self._style("action-table--cursor" if cursor else "action-table--group")
        arrow = CLOSED_GROUP if group.collapsed else OPEN_GROUP
        text = f" {arrow} " + t("review.tui.group_heading", label=group.label, count=number(group.count))
        return Strip([Segment(fit(text, width), style)], width)

    def _row_strip(self, row: ActionRow, width: int, cursor: bool) -> Strip:
        base = self.rich_style
        marked = row.id in self.marked
        if cursor:
            style = self._style("action-table--cursor")
        elif marked:
            style = base + self._style("action-table--marked", partial=True)
        else:
            style = base
        if row.overdue and not cursor:
            style = style + self._style("action-table--overdue", partial=True)
        muted = style + self._style("action-table--muted", partial=True) if not cursor else style
        secret = style + self._style("action-table--confidential", partial=True) if not cursor else style
        columns = [(column, col_width) for column, _x, col_width in self._columns_at()]
        segments = row_segments(row, columns, marked, style, muted, secret)
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

