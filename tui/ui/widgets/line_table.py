"""A table that draws only the lines in view, for tables of any length.

Textual's DataTable builds every row when it is filled (about 0.1 ms a row: ten seconds for
100,000). `LineTable` holds no rows at all: it is told how many there are and a function that
gives the cells of row i, and asks for the few rows on screen when it draws a line (Textual's
line API, as Toolong and Textual's Log do). Filling it, filtering it and moving its cursor cost
the same at a hundred rows as at a million.
"""

from __future__ import annotations

import re

from typing import Callable, ClassVar, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.views.cells import Column


_MARKS = re.compile(r"(?: [⇄★≠?])+$")
"""The marks a cell's text ends with (tui.views.cells.display): kept whole when the text is cut."""


def _fit(text: str, width: int, right: bool) -> str:
    """`text` in exactly `width` terminal cells, cut with an ellipsis when too long; the marks at
    its end (⇄ ★ ≠ ?) are kept and the text before them is cut instead."""
    if not text.isascii():
        if cell_len(text) > width:
            marks = _MARKS.search(text)
            tail = marks.group() if marks and cell_len(marks.group()) + 2 <= width else ""
            if tail:
                return set_cell_size(text[: marks.start()], width - 1 - cell_len(tail)) + "…" + tail
            return set_cell_size(text, width - 1) + "…" if width > 0 else ""
        pad = " " * (width - cell_len(text))
        return pad + text if right else text + pad
    if len(text) > width:
        marks = _MARKS.search(text)
        if marks and len(marks.group()) + 2 <= width:
            return text[: width - 1 - len(marks.group())] + "…" + marks.group()
        return text[: width - 1] + "…" if width > 0 else ""
    return text.rjust(width) if right else text.ljust(width)


class _TableMessage(Message):
    """A message from a LineTable about one row (or column): `table`, `row`."""

    def __init__(self, table: LineTable, row: int) -> None:
        super().__init__()
        self.table, self.row = table, row

    @property
    def control(self) -> LineTable:
        return self.table


LEAST = 5
"""No column is squeezed below this many cells (unless it wants fewer): a column that would be is
left out instead, so a narrow terminal shows fewer columns, not columns of two letters."""


class LineTable(ScrollView, can_focus=True):
    """A read-only table with a row cursor, a column cursor, a fixed header line, and rows drawn
    on demand.

    Call `set_rows(count, cells)`: `cells(i)` gives the texts of row i (0 <= i < count); a cell
    may be a function of the width, for a picture drawn to its column's width.
    Posts `LineTable.Selected` on Enter or a click on the cursor row, `LineTable.HeaderClicked`
    on a click on a column's heading (which moves the column cursor there), and
    `LineTable.ColumnHighlighted` when the column cursor moves. `sort` (column index, reverse)
    puts ▲ or ▼ in that heading. Columns that `flex` share the width the others leave, in
    proportion to their weight.

    | key            | does                                                            |
    |----------------|-----------------------------------------------------------------|
    | ↑ k, ↓ j       | row cursor up, down                                             |
    | Home g, End G  | first, last row                                                 |
    | PgUp, PgDn     | a screen up, down                                               |
    | ← h, → l       | column cursor left, right, over the columns drawn at this width |
    | Enter          | Selected                                                        |

    | component class        | styles                                                  |
    |------------------------|---------------------------------------------------------|
    | line-table--header     | the header line                                         |
    | line-table--column     | the heading under the column cursor (reverse, underline) |
    | line-table--cursor     | the cursor row                                          |
    | line-table--even-row   | every other row                                         |
    """

    DEFAULT_CSS = """
    LineTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        &:focus {
            background-tint: $foreground 5%;
            & > .line-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .line-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .line-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .line-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .line-table--column {
            text-style: bold reverse underline;
        }
        & > .line-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-table--header", "line-table--even-row", "line-table--cursor", "line-table--column",
    }

    BINDINGS: ClassVar = [
        Binding("enter", "select", "Open", show=False, id="table.select", tooltip="Open the selected record's detail"),
        Binding("up,k", "cursor_up", "Up", show=False, id="table.up", tooltip="Move up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="table.down", tooltip="Move down"),
        Binding("home,g", "first", "Top", show=False, id="table.top", tooltip="First row"),
        Binding("end,G", "last", "Bottom", show=False, id="table.bottom", tooltip="Last row"),
        Binding("pageup", "page_up", "Page up", show=False, id="table.page_up", tooltip="One screen up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="table.page_down",
                tooltip="One screen down"),
        Binding("left,h", "column_left", "Column left", show=False, id="table.column_left",
                tooltip="Column cursor one column left (its heading is highlighted)"),
        Binding("right,l", "column_right", "Column right", show=False, id="table.column_right",
                tooltip="Column cursor one column right (o sorts by it, F counts its values)"),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False, init=False)  # watch_cursor_row repaints two lines
    cursor_column: reactive[int] = reactive(0, init=False)
    """The column under the column cursor (its heading highlighted): what `o` sorts by and `F`
    counts. Only columns drawn at the table's width can hold it."""

    class Selected(_TableMessage):
        """Enter, or a click on the cursor row: `row` is the index of the row."""

    class Highlighted(_TableMessage):
        """The cursor moved to row `row`."""

    class ColumnHighlighted(_TableMessage):
        """The column cursor moved to column `column` (the same number as `row`)."""

        @property
        def column(self) -> int:
            return self.row

    class HeaderClicked(_TableMessage):
        """A click on the heading of column `column` (the same number as `row`)."""

        @property
        def column(self) -> int:
            return self.row

    def __init__(self, columns: Sequence[Column], *, zebra_stripes: bool = True, column_cursor: bool = True,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = list(columns)
        self.zebra_stripes = zebra_stripes
        self.column_cursor = column_cursor  # False: no column cursor (h l and ← → do nothing)
        self.row_count = 0
        self._cells: Callable[[int], Sequence[str]] = lambda i: ()
        self._widths: tuple[object, tuple[int, ...]] = (None, ())
        self._base_style = Style()
        self.sort: tuple[int, bool] | None = None

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self._widths = (None, ())
        self.set_reactive(LineTable.cursor_column, max(0, min(self.cursor_column, len(self.columns) - 1)))
        self.refresh()

    # --- the rows -------------------------------------------------------------------------------

    def set_rows(self, count: int, cells: Callable[[int], Sequence[str]], cursor: int = 0) -> None:
        """Show `count` rows, drawn by `cells(i)`, with the cursor on row `cursor`."""
        self.row_count = count
        self._cells = cells
        size = Size(0, count + 1)  # the header line, then the rows
        needs_bar = size.height > self.container_size.height
        if self.is_mounted and self.container_size.height and needs_bar == self.show_vertical_scrollbar:
            # the scrollbar stays (or stays away): update its thumb and the scroll limits without
            # laying out the whole screen again, as assigning virtual_size would
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size
            if not self.container_size.height and size.height > self.app.size.height:
                # not laid out yet, and taller than the screen: it will have its scrollbar, so it
                # has it from the first layout (found after it, it cost a second layout)
                self.show_vertical_scrollbar = True
                self.vertical_scrollbar.display = True
        self.set_reactive(LineTable.cursor_row, self._clamp(cursor))
        self._scroll_cursor_into_view()
        self.refresh()

    def _clamp(self, row: int) -> int:
        return max(0, min(row, self.row_count - 1)) if self.row_count else 0

    @property
    def page_rows(self) -> int:
        """How many rows the table shows at once, below its header."""
        return max(1, self.scrollable_content_region.height - 1)

    # --- the cursor -----------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """Put the cursor on `row` (clamped to the rows there are) and scroll it into view."""
        self.cursor_row = self._clamp(row)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.post_message(self.Highlighted(self, new))
        if not self._scroll_cursor_into_view():
            self.refresh_line(old + 1)
            self.refresh_line(new + 1)

    def _scroll_cursor_into_view(self) -> bool:
        """Scroll so the cursor row shows under the header; True when it scrolled."""
        top = self.scroll_offset.y
        row, page = self.cursor_row, self.page_rows
        if row < top:
            target = row
        elif row >= top + page:
            target = row - page + 1
        else:
            return False
        self.scroll_to(y=target, animate=False, immediate=True)
        return True

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.row_count - 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self.page_rows)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self.page_rows)

    def _shown_columns(self) -> list[int]:
        """The columns drawn at the table's width (a narrow table leaves the rightmost out)."""
        widths = self.column_widths(self.scrollable_content_region.width) if self.size.width else ()
        return [i for i, w in enumerate(widths) if w] or list(range(len(self.columns)))

    def move_column(self, column: int) -> None:
        """Put the column cursor on `column` (clamped to the columns there are)."""
        if self.columns:
            self.cursor_column = max(0, min(column, len(self.columns) - 1))

    def on_resize(self) -> None:
        """Narrower: a column cursor on a column no longer drawn moves to the nearest drawn one
        on its left."""
        shown = self._shown_columns()
        if self.column_cursor and self.cursor_column not in shown:
            self.move_column(max((i for i in shown if i < self.cursor_column), default=shown[0]))

    def watch_cursor_column(self, new: int) -> None:
        self.post_message(self.ColumnHighlighted(self, new))

    def _step_column(self, step: int) -> None:
        if not self.column_cursor:
            return
        shown = self._shown_columns()
        later = [i for i in shown if (i - self.cursor_column) * step > 0]
        if later:
            self.move_column(min(later) if step > 0 else max(later))

    def action_column_left(self) -> None:
        self._step_column(-1)

    def action_column_right(self) -> None:
        self._step_column(1)

    def action_select(self) -> None:
        if self.row_count:
            self.post_message(self.Selected(self, self.cursor_row))

    def _on_click(self, event: events.Click) -> None:
        meta = event.style.meta
        if "row" not in meta:
            return
        row = meta["row"]
        if row < 0:  # the header: which column's heading
            x, edge = event.x + self.scroll_offset.x, 0
            for i, w in enumerate(self.column_widths(self.scrollable_content_region.width)):
                if not w:
                    continue  # a column left out at this width
                edge += w + 2
                if x < edge:
                    self.move_column(i)
                    self.post_message(self.HeaderClicked(self, i))
                    break
            return
        if row == self.cursor_row:
            self.action_select()
        else:
            self.move_cursor(row)

    # --- drawing --------------------------------------------------------------------------------

    def column_widths(self, width: int) -> tuple[int, ...]:  # noqa: C901
        """The width of each column's text at a table `width` cells wide: what each wants, the
        flexible ones sharing what is left; when they do not all fit, the flexible ones squeezed
        first (to their least), then the others, the rightmost first, and then the rightmost left out (width 0) rather than cut to a letter
        or two; one cell of padding on each side of every column."""
        if self._widths[0] == (width, self.sort):
            return self._widths[1]
        widths = [c.width for c in self.columns]
        if self.sort is not None and 0 <= self.sort[0] < len(widths):  # room for the ▲ or ▼
            i = self.sort[0]
            widths[i] = max(widths[i], len(self.columns[i].shown) + 2)
        over = sum(widths) + 2 * len(widths) - width
        flex = [i for i, c in enumerate(self.columns) if c.flex]
        if over < 0 and flex:  # room to spare: the flexible columns share it, by their weight
            spare = -over
            weights = [int(self.columns[i].flex) for i in flex]
            total = sum(weights)
            shares = [spare * wt // total for wt in weights]
            for k in range(spare - sum(shares)):  # what rounding left, one cell each from the first
                shares[k % len(shares)] += 1
            for i, share in zip(flex, shares):
                widths[i] += share
            over = 0
        # too narrow: long text (the columns that flex) gives way first, then the others, the
        # rightmost first in each, each down to its least, so a date or a count stays whole and
        # what matters most (the first columns) stays whole longest
        order = [i for i in range(len(widths) - 1, -1, -1) if self.columns[i].flex]
        order += [i for i in range(len(widths) - 1, -1, -1) if not self.columns[i].flex]
        for i in order:
            if over <= 0:
                break
            least = max(self.columns[i].least, min(self.columns[i].width, LEAST))
            give = min(over, widths[i] - least)
            if give > 0:
                widths[i] -= give
                over -= give
        # still too narrow: fewer columns rather than columns of two letters, the rightmost left
        # out first (never the first, which names the row)
        for i in range(len(widths) - 1, 0, -1):
            if over <= 0:
                break
            over -= widths[i] + 2
            widths[i] = 0
        self._widths = ((width, self.sort), tuple(widths))
        return self._widths[1]

    def render_lines(self, crop):
        self._base_style = self.rich_style  # once per redraw, not once per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style
        widths = self.column_widths(width)
        if y == 0:
            texts = [c.heading_at(w) for c, w in zip(self.columns, widths)]
            if self.sort is not None and 0 <= self.sort[0] < len(texts):
                texts[self.sort[0]] += " ▼" if self.sort[1] else " ▲"
            style = base + self.get_component_rich_style("line-table--header")
            row = -1
        else:
            row = self.scroll_offset.y + y - 1
            if row >= self.row_count:
                return Strip.blank(width, base)
            texts = self._cells(row)
            if row == self.cursor_row:
                style = base + self.get_component_rich_style("line-table--cursor")
            elif self.zebra_stripes and row % 2 == 0:
                style = base + self.get_component_rich_style("line-table--even-row")
            else:
                style = base
        style += Style.from_meta({"row": row})
        # a cell is text, or a picture drawn to its column's width (a function of the width)
        cells = [" " + _fit(t(w) if callable(t) else str(t), w, c.right) + " " if w else ""
                 for t, w, c in zip(texts, widths, self.columns)]
        at = self.cursor_column
        if row == -1 and self.column_cursor and 0 <= at < len(cells) and len(self.columns) > 1 and widths[at]:
            # the column cursor: its heading drawn apart (reverse and underlined, so it shows
            # without colour too)
            marked = style + self.get_component_rich_style("line-table--column")
            before, after = "".join(cells[:at]), "".join(cells[at + 1:])
            segments = [Segment(before, style), Segment(cells[at], marked), Segment(after, style)]
            return Strip([s for s in segments if s.text]).adjust_cell_length(width, style)
        line = "".join(cells)
        return Strip([Segment(line, style)]).adjust_cell_length(width, style)
