"""What the actions table shows: its columns (which drop out first when the window is
narrow), each cell's text and style, and group headings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from store.review.action_rows import ActionRow
from store.text.i18n import t
from tui.widgets.table_cells import fit

MARK = "✓"
OPEN_GROUP = "▼"
CLOSED_GROUP = "▶"


@dataclass(frozen=True)
class Column:
    key: str
    width: int  # 0: takes the rest of the width
    priority: int  # lower is dropped last when the table is narrow
    right: bool = False


# The text column takes what is left; the others drop out, least important first,
# when the table is too narrow to keep the text readable: the number, the text and
# the status (which says "försenad" too) stay longest, at 80 columns the due date too.
COLUMNS = (
    Column("id", 6, 1, right=True),
    Column("text", 0, 0),
    Column("status", 20, 2),
    Column("owner", 18, 4),
    Column("organisation", 22, 6),
    Column("due", 12, 3),
    Column("forum", 22, 5),
    Column("promise", 6, 7),
)
MIN_TEXT = 26
OVERDUE = "⚠"
MARK_WIDTH = 2


@dataclass(frozen=True)
class GroupLine:
    label: str
    count: int
    key: Any
    collapsed: bool = False


def group_line(n: int) -> int:
    return -(n + 1)


def layout_columns(width: int, keep: str = "") -> list[tuple[Column, int]]:
    """The columns shown in ``width`` cells and the width of each: the text column takes
    what is left, the others drop out, least important first, when it would get too narrow.
    A column is never narrower than its heading plus the sort arrow; the one sorted by
    (``keep``) stays, so the order can be seen."""
    shown = [replace(c, width=max(c.width, cell_len(t(f"review.col.{c.key}")) + 2),
                     priority=0 if c.key == keep else c.priority) if c.width else c
             for c in COLUMNS]
    available = width - MARK_WIDTH

    def text_width(columns: list[Column]) -> int:
        return available - sum(c.width + 1 for c in columns if c.width)

    while text_width(shown) < MIN_TEXT and any(c.width and c.priority for c in shown):
        drop = max((c for c in shown if c.width and c.priority), key=lambda c: c.priority)
        shown.remove(drop)
    return [(c, c.width or max(8, text_width(shown) - 1)) for c in shown]


def cell_value(row: ActionRow, key: str) -> str:
    if key == "id":
        return str(row.id)
    if key == "text":
        return " ".join(row.text.split())
    if key == "status":
        if not row.status:
            return ""
        # Overdue said in words and with a mark, not by colour alone.
        word = t(f"status.action.{row.status}")
        return t("review.overdue_status", status=word) if row.overdue else word
    if key == "owner":
        return row.owner or row.organisation
    if key == "organisation":
        return row.organisation
    if key == "due":
        return (f"{OVERDUE} " if row.overdue else "") + row.due.isoformat() if row.due else "–"
    if key == "forum":
        return row.forum
    if key == "promise":
        return t("review.promise_ref", id=row.promise) if row.promise else ""
    return ""



# -- one line's cells, in the styles the table worked out ----------------------------------


def header_segments(columns: list[tuple[Column, int]], sort_column: str, descending: bool,
                    style: Style, sorted_style: Style) -> list[Segment]:
    segments = [Segment(" " * MARK_WIDTH, style)]
    for column, width in columns:
        title = t(f"review.col.{column.key}")
        if column.key == sort_column:
            title += " ▼" if descending else " ▲"
        chosen = sorted_style if column.key == sort_column else style
        segments.append(Segment(fit(title, width, column.right), chosen))
        segments.append(Segment(" ", style))
    return segments


def row_segments(row: ActionRow, columns: list[tuple[Column, int]], marked: bool, style: Style,
                 muted: Style, secret: Style) -> list[Segment]:
    """An action's cells: confidential text marked, an overdue date bold, a closed status muted."""
    segments = [Segment((MARK if marked else " ") + " ", style)]
    for column, width in columns:
        value, cell_style = cell_value(row, column.key), style
        if column.key == "text" and row.confidential:
            value = f"[{t('review.confidential')}] {value}"
            cell_style = secret
        elif column.key == "due" and row.overdue:
            cell_style = style + Style(bold=True)
        elif column.key == "status" and row.status not in ("open", "in_progress"):
            cell_style = muted
        segments.append(Segment(fit(value, width, column.right), cell_style))
        segments.append(Segment(" ", style))
    return segments
