"""The row table of the meeting screen's panels, drawn with the Line API.

``FlexTable`` has fixed-width columns plus one flexible text column that wraps, so
a long line is read in full instead of being cut off, a header, a row cursor and a
hover row: it looks and answers to keys and clicks as Textual's DataTable with a
row cursor did. A DataTable renders every cell of every row through Rich's console
and restyles nine component classes; with four of them the meeting screen took
most of its opening time in there. This table works out a row's height from its
text (only a line longer than its column is wrapped) and draws only the lines on
screen, so a log of hundreds of lines opens as fast as an empty one.

Widgets get ready-made rows from the screen and post Messages for what the user
asks; they never touch the store.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.text.i18n import t
from tui.widgets.flex_pointer import RowPointer
from tui.widgets.table_cells import PADDING, cells_strip, longest_word, shown_columns, wrap_cells

FLEX = 0  # width of the one column that takes the rest of the width


class FlexTable(RowPointer, ScrollView, can_focus=True):
    """A row-cursor table whose rows come from the screen as small dataclasses."""

    COLUMNS: ClassVar[tuple[tuple[str, int], ...]] = ()
    LABELS: ClassVar[str] = ""  # catalogue prefix of the column labels
    UNLABELLED: ClassVar[frozenset[str]] = frozenset()  # marker columns without a heading
    MIN_FLEX: ClassVar[int] = 16
    WRAP: ClassVar[bool] = True
    DROP: ClassVar[tuple[str, ...]] = ()  # columns that give way, first one first, in a narrow table
    _width_seen: ClassVar[int] = 0  # per table class: its width when last laid out

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "flex-table--header",
        "flex-table--header-hover",
        "flex-table--cursor",
        "flex-table--hover",
    }

    # DataTable's look, for the parts these tables use.
    DEFAULT_CSS = """
    FlexTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .flex-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .flex-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .flex-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .flex-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .flex-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .flex-table--header-hover {
            background: $accent 30%;
        }
        & > .flex-table--hover {
            background: $block-hover-background;
        }
    }
    """

    BINDINGS: ClassVar[list[Any]] = [
        Binding("enter", "select_cursor", t("table.key.select"), show=False),
        Binding("up", "cursor_up", t("table.key.up"), show=False),
        Binding("down", "cursor_down", t("table.key.down"), show=False),
        Binding("right", "cursor_right", t("table.key.right"), show=False),
        Binding("left", "cursor_left", t("table.key.left"), show=False),
        Binding("pageup", "page_up", t("table.key.page_up"), show=False),
        Binding("pagedown", "page_down", t("table.key.page_down"), show=False),
        Binding("ctrl+home", "scroll_top", t("table.key.first"), show=False),
        Binding("ctrl+end", "scroll_bottom", t("table.key.last"), show=False),
        Binding("home", "scroll_home", t("table.key.home"), show=False),
        Binding("end", "scroll_end", t("table.key.end"), show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows_data: list[Any] = []
        self.cursor_row = 0
        self._cursor_column = 0  # which cell was clicked last: a second click there chooses
        self._keys: list[str] = []
        self._colors: dict[str, str] = {}
        # Worked out for one width: column widths, each row's cells (wrapped) and place.
        self._built_width = -1
        self._widths: list[int] = []
        self._shown: list[int] = []  # which of COLUMNS are shown, by index
        self._header: list[list[Text]] = []
        self._cells: dict[int, list[list[Text]]] = {}
        self._heights: list[int] = []
        self._tops: list[int] = []  # first line of each row, under the header
        self._scroll_pending = False
        self._hover_row: int | None = None  # -1: the header
        self._show_hover = False
        self._base = Style()  # the widget's style, once per paint rather than per line

    # -- what subclasses say -------------------------------------------------

    def row_key(self, row: Any) -> str:
        raise NotImplementedError

    def cells(self, row: Any) -> list[Text]:
        raise NotImplementedError

    def row_chosen(self) -> None:
        """Enter, or a second click, on the row under the cursor."""

    # -- shared --------------------------------------------------------------

    def color(self, name: str) -> str:
        """A theme colour for Rich text in cells (cells cannot use CSS variables)."""
        value = self._colors.get(name, "")
        return value if value.startswith("#") else ""

    def cell_text(self, text: str, style: str = "") -> Text:
        """Long text wraps in tables that wrap, else ends in an ellipsis."""
        if self.WRAP:
            return Text(text, style=style)
        return Text(text, style=style, no_wrap=True, overflow="ellipsis")

    @property
    def row_count(self) -> int:
        return len(self.rows_data)

    def set_rows(self, rows: Sequence[Any], select_key: str | None = None) -> None:
        """New rows; the cursor goes to ``select_key``, else stays on its row (or place)."""
        keep = select_key if select_key is not None else self.selected_key
        self.rows_data = list(rows)
        self._keys = [self.row_key(row) for row in self.rows_data]
        self._built_width = -1  # cells and heights are worked out again
        index = self._keys.index(keep) if keep in self._keys else self.cursor_row
        self.cursor_row = min(max(index, 0), max(len(self._keys) - 1, 0))
        self._refilled()
        if self.size.width:
            self._build(self.size.width)
            self._scroll_to_cursor()
        elif self.WRAP and self._width_seen:
            # Not laid out yet: most likely as wide as this table was last time (the
            # screen is opened again in the same window), so the first layout knows
            # the height and whether a scrollbar is needed. At another width the rows
            # are worked out again when the width is known.
            self._build(self._width_seen, guess=True)
        else:
            self.virtual_size = Size(0, len(self.rows_data) + 1)  # a line a row
        self.refresh()

    @property
    def selected_key(self) -> str | None:
        if not self._keys:
            return None
        return self._keys[min(max(self.cursor_row, 0), len(self._keys) - 1)]

    @property
    def selected_row(self) -> Any | None:
        if not self.rows_data:
            return None
        return self.rows_data[min(max(self.cursor_row, 0), len(self.rows_data) - 1)]

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        if not self.rows_data:
            return
        row = min(max(row, 0), len(self.rows_data) - 1)
        if row != self.cursor_row:
            self._refresh_row(self.cursor_row)
            self.cursor_row = row
            self._refresh_row(row)
        self._scroll_to_cursor(animate=animate)

    # -- layout ----------------------------------------------------------------

    def _flex_width(self, width: int, columns: Sequence[tuple[str, int]] | None = None) -> int:
        columns = self.COLUMNS if columns is None else columns
        fixed = sum(column_width for _, column_width in columns) + 2 * len(columns) + 2
        return max(self.MIN_FLEX, width - fixed) if width else 40

    def _shown_columns(self, width: int) -> list[tuple[str, int]]:
        """The columns for ``width``: those in ``DROP`` give way, first one first, while
        the flexible column would be narrower than its least width or its longest word
        (so a word is not cut, see ``table_cells.shown_columns``)."""
        if not self.DROP or not width:
            return list(self.COLUMNS)
        flex = next((i for i, (_, w) in enumerate(self.COLUMNS) if w == FLEX), None)
        texts = [self.cells(row)[flex].plain for row in self.rows_data] if flex is not None else []
        return shown_columns(self.COLUMNS, self.DROP, width, max(self.MIN_FLEX, longest_word(texts)))

    def _build(self, width: int, quiet: bool = False, guess: bool = False) -> None:
        """Column widths, and each row's height at ``width`` (long text wraps).

        ``quiet``: called while Textual lays the screen out, which goes on to size the
        scrollbars from the virtual size set here (no second layout for it).
        ``guess``: not laid out yet, ``width`` is the one of last time."""
        self._built_width = width
        if not guess:
            type(self)._width_seen = width
        # The theme's colours, as the app worked them out (get_css_variables() would
        # generate the whole colour system again, for each table).
        self._colors = self.app.theme_variables or self.app.get_css_variables()
        shown = self._shown_columns(width)
        keys = [key for key, _ in self.COLUMNS]
        self._shown = [keys.index(key) for key, _ in shown]
        flex = self._flex_width(width, shown)
        self._widths = [column_width or flex for _, column_width in shown]
        self._header = [[Text(t(f"{self.LABELS}{key}") if self.LABELS and key not in self.UNLABELLED else "")]
                        for key, _ in shown]
        self._cells = {}
        if self.WRAP:
            self._heights = [max(len(lines) for lines in self._row_cells(n)) for n in range(len(self.rows_data))]
        else:
            self._heights = [1] * len(self.rows_data)
        tops, line = [], 0
        for height in self._heights:
            tops.append(line)
            line += height
        self._tops = tops
        # As wide as its columns: in a narrow window (the text column at its narrowest)
        # the table scrolls sideways, as DataTable did.
        size = Size(self._table_width, line + 1)
        if quiet:
            self.set_reactive(FlexTable.virtual_size, size)
        else:
            self.virtual_size = size

    @property
    def _table_width(self) -> int:
        return sum(self._widths) + 2 * PADDING * len(self._widths)

    def _ensure_built(self) -> None:
        if self._built_width != self.size.width:
            self._build(self.size.width)

    def _row_cells(self, n: int) -> list[list[Text]]:
        """Row ``n``'s cells as the lines they take in their columns."""
        cached = self._cells.get(n)
        if cached is not None:
            return cached
        cells = self.cells(self.rows_data[n])
        if len(self._shown) != len(cells):
            cells = [cells[i] for i in self._shown]
        result = wrap_cells(cells, self._widths, self.app.console, self.WRAP)
        self._cells[n] = result
        return result

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual calls this while it lays the screen out, before the paint; the Resize
        # event comes after it. Working the rows out here has the first paint show them
        # at their height and scrolled to the cursor, with no second layout and paint.
        width = size.width - self.styles.gutter.width  # ``size`` has the border: ``self.size`` has not
        if width > 0 and width != self._built_width:
            self._build(width, quiet=True)
            self._refilled()
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if self._scroll_pending:
            self._scroll_to_cursor()
        return changed

    def _refilled(self) -> None:
        """The view after new rows or a new width, as a DataTable filled again shows it:
        from the top, then scrolled just enough to show the cursor (on the next paint)."""
        self._cursor_column = 0
        self._hover_row = 0
        self.scroll_target_x = self.scroll_x = 0
        self.scroll_target_y = self.scroll_y = 0
        self._scroll_pending = True

    def on_resize(self) -> None:
        self._ensure_built()
        if self._scroll_pending:
            self._scroll_to_cursor()

    # -- scrolling -------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # the header stays

    def _row_at_line(self, line: int) -> int | None:
        """The row drawn on ``line`` (0 is the first line under the header)."""
        if line < 0 or not self._tops:
            return None
        row = bisect_right(self._tops, line) - 1
        return row if line < self._tops[row] + self._heights[row] else None

    def _scroll_to_cursor(self, animate: bool = False) -> None:
        if not self.size.width or not self.rows_data:
            return
        self._ensure_built()
        self._scroll_pending = False
        top, height = self._tops[self.cursor_row], self._heights[self.cursor_row]
        first, page = self.scroll_offset.y, self._page
        if top < first:
            first = top
        elif top + height > first + page:
            first = min(top, top + height - page)
        if first != self.scroll_offset.y:
            self.scroll_to(y=first, animate=animate, force=True)

    def _refresh_row(self, n: int) -> None:
        if 0 <= n < len(self._tops):
            self.refresh_lines(self._tops[n] + 1, self._heights[n])

    def _set_cursor(self, row: int) -> None:
        """The cursor moved by a key: the mouse's hover row is hidden, as in DataTable."""
        self._show_hover_cursor(False)
        self.move_cursor(row=row)

    # -- keys --------------------------------------------------------------------

    def action_select_cursor(self) -> None:
        self._show_hover_cursor(False)
        if self.rows_data:
            self.row_chosen()

    def action_cursor_up(self) -> None:
        self._set_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self._set_cursor(self.cursor_row + 1)

    # A row cursor has nothing to the side: these scroll a table wider than the panel.

    def action_cursor_left(self) -> None:
        self._show_hover_cursor(False)
        super().action_scroll_left()

    def action_cursor_right(self) -> None:
        self._show_hover_cursor(False)
        super().action_scroll_right()

    def action_scroll_home(self) -> None:
        self._show_hover_cursor(False)
        self.scroll_x = 0

    def action_scroll_end(self) -> None:
        self._show_hover_cursor(False)
        self.scroll_x = self.max_scroll_x

    def action_scroll_top(self) -> None:
        self._set_cursor(0)

    def action_scroll_bottom(self) -> None:
        self._set_cursor(len(self.rows_data) - 1)

    def action_page_down(self) -> None:
        """A page further: the view scrolls a page and the cursor follows (as DataTable)."""
        self._ensure_built()
        height, offset, rows = self._page, 0, 0
        for row_height in self._heights[self.cursor_row:]:
            offset += row_height
            rows += 1
            if offset > height:
                break
        self.scroll_relative(y=height, animate=False, force=True)
        self._set_cursor(self.cursor_row + rows - 1)

    def action_page_up(self) -> None:
        self._ensure_built()
        height, offset, rows = self._page, 0, 0
        for row_height in reversed(self._heights[: self.cursor_row + 1]):
            offset += row_height
            rows += 1
            if offset > height:
                break
        self.scroll_relative(y=-height, animate=False)
        self._set_cursor(self.cursor_row - rows + 1)

    # -- drawing -----------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._ensure_built()
        self._base = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            strip = self._header_strip()
        else:
            strip = self._row_strip(self.scroll_offset.y + y - 1)
        x = self.scroll_offset.x
        return strip.crop(x, x + width).extend_cell_length(width, self._base)

    def _row_strip(self, line: int) -> Strip:
        base = self._base
        row = self._row_at_line(line)
        if row is None:
            return Strip.blank(max(self._table_width, self.size.width), base)
        cursor = row == self.cursor_row
        hover = self._show_hover and row == self._hover_row
        style = Style()
        if hover:
            style += self.get_component_rich_style("flex-table--hover")
        if cursor:
            style += self.get_component_rich_style("flex-table--cursor")
        # The cursor's and hover's colours win over the cells' own, as in DataTable
        # (its "css" priority): a hovered row shows its cells in the one colour.
        post = Style.from_color(style.color, style.bgcolor) if cursor or hover else None
        return self._strip(self._row_cells(row), line - self._tops[row], base + style, post)

    def _header_strip(self) -> Strip:
        style = self.get_component_rich_style("flex-table--header")
        if not (self._show_hover and self._hover_row == -1):
            return self._strip(self._header, 0, style, None)
        hover = (self.get_component_rich_style("flex-table--hover")
                 + self.get_component_rich_style("flex-table--header-hover"))
        return self._strip(self._header, 0, style + hover, Style.from_color(hover.color, hover.bgcolor))

    def _strip(self, cells: list[list[Text]], line: int, style: Style, post: Style | None) -> Strip:
        return cells_strip(cells, self._widths, line, style, post, self.app.console, self.size.width)
