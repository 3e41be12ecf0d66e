"""The one table pane: a filter box over a `LineTable` of any pane's row source (tui.views).

Every pane is this class over a different row source; the few that show more (the meetings'
chart, the roadmap's and sources' side panel) add to it below the table. Rows, filtering,
sorting, links, sources and CSV all come from the views layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Static, TabbedContent, TabPane

from tui.ui.messages import ShowDetail, ShowSources
from tui.ui.selecting import Answer, Request, Selecting, prepare_in_worker
from tui.ui.widgets.line_table import LineTable
from tui.views.cells import Row, display, drawn, visible
from tui.views.lines import glimpse, more_line, shown
from tui.views.state import State
from tui.views.panes import pane as pane_spec


class TablePane(Selecting, Vertical):
    """A pane showing one table of records, each row linked to a record's detail.

    It is handed what it draws: `views` (the dataset's views) and `state` (the as-of date and
    the rest of tui.views.state.State), bound by the app (data_bind); it reads nothing of the
    app. A change of either redraws it.
    """

    SIDE: ClassVar[bool] = False     # the selected row's detail in a panel below the table

    views: reactive[Any] = reactive(None, init=False, always_update=True)
    state: reactive[State] = reactive(State(), init=False)

    BINDINGS: ClassVar = [
        Binding("enter", "open", "Open", id="pane.open", tooltip="Open the selected record's detail"),
        Binding("s", "sources", "Sources", id="pane.sources", tooltip="Show the sources of the selected record"),
        Binding("slash", "filter", "Filter", id="pane.filter", tooltip="Filter the table as you type: every word must match"),
        Binding("o", "sort", "Sort", id="pane.sort",
                tooltip="Sort by the column under the column cursor; again: by the next column"),
        Binding("O", "reverse", "Reverse", show=False, id="pane.reverse", tooltip="Reverse the sort"),
        Binding("F", "frequency", "Counts", show=False, id="pane.frequency",
                tooltip="Count the values of the cursor's column (count, share, a bar)"),
        Binding("t", "timeline", "Timeline", show=False, id="pane.timeline",
                tooltip="The selected country's history in date order"),
        Binding("escape", "leave_filter", "Back to table", show=False, id="pane.leave_filter",
                tooltip="Clear the filter (a second Escape leaves the box)"),
    ]

    def __init__(self, pane_id: str, **kwargs: Any) -> None:
        super().__init__(id=f"{pane_id}-pane", **kwargs)
        self.pane_id = pane_id
        self.rows: Sequence[Row] = []
        self.sort_column: int | None = None
        self.sort_reverse = False
        self._shown_source = None
        self._count = ""

    @property
    def source(self):
        return self.views.source(self.pane_id)

    @property
    def as_of(self):
        return self.state.as_of

    def watch_views(self) -> None:
        if self.is_mounted:
            self.reload()

    def watch_state(self) -> None:
        if self.is_mounted:
            self.reload()

    def compose(self) -> ComposeResult:
        with Horizontal(classes="filterbar"):
            yield Input(placeholder="/ filter: words in any column", classes="filter")
            yield Static("", classes="count")
        yield LineTable(self.columns)
        yield Static("", classes="empty")
        legend = pane_spec(self.pane_id).legend
        if legend:
            yield Static(Text(legend, style="dim"), classes="legend")
        if self.SIDE:
            with VerticalScroll(classes="side"):
                yield Static("", classes="side-detail")
        yield from self.compose_bottom()

    def compose_bottom(self) -> ComposeResult:
        yield from ()

    @property
    def columns(self):
        """The columns as of the app's date (headings name coalitions as they were called then)."""
        return self.source.columns_at(self.as_of)

    @property
    def sort_key(self) -> str | None:
        columns = self.columns
        return columns[self.sort_column].key if self.sort_column is not None and self.sort_column < len(columns) else None

    @property
    def table(self) -> LineTable:
        return self.query_one(LineTable)

    @property
    def filter_text(self) -> str:
        return self.query_one(Input).value

    def on_mount(self) -> None:
        self.reload()
        self.call_after_refresh(self._show_side)
        self.call_after_refresh(self.focus_default)
        prepare = getattr(self.source, "prepare", None)
        if prepare is not None and self.app.types:  # ready for the first filter keystroke, made beside the screen
            self.call_after_refresh(prepare_in_worker, self, prepare)

    def reload(self) -> None:
        """Select the rows for the app's as-of date, filter and sort, keeping the cursor on the
        same record when it is still shown: at once, or from a worker when that takes long
        (tui.ui.selecting; the rows shown stay until then)."""
        table = self.table
        columns = self.columns
        shown = (self.source, tuple((c.key, c.heading) for c in columns))
        if shown != self._shown_source:  # first fill, reloaded data, or a heading renamed by the date
            table.set_columns(columns)
            self._shown_source = shown
        column = self.sort_column if self.sort_column is not None and self.sort_column < len(columns) else None
        request = Request(self.as_of, self.filter_text, self.sort_key, self.sort_reverse, column)
        self.select_rows(request, columns[column].heading if column is not None else None)

    def show_answer(self, answer: Answer) -> None:
        """Show the rows selected, the cursor on the record it was on."""
        table = self.table
        before = self.selected_row()
        request, source = answer.request, self.source
        self.rows = rows = answer.rows
        cursor = 0
        if before is not None:
            if hasattr(rows, "index_of"):  # a long table finds the row without making every row
                cursor = rows.index_of(before.id) or 0
            else:
                cursor = next((i for i, r in enumerate(rows) if r.id == before.id), 0)
        table.sort = (request.sort_column, request.reverse) if request.sort_column is not None else None
        table.set_rows(len(rows), lambda i: [drawn(c) for c in rows[i].cells], cursor)
        self._count = f"{len(rows):,} of {answer.total:,}" if request.text.strip() else f"{answer.total:,} rows"
        self.show_selecting()
        empty = self.query_one(".empty", Static)
        if empty.display != (not rows):  # a change of display lays the screen out again
            empty.display = not rows
        if not rows:
            why = "no row matches the filter" if request.text.strip() else source.nothing
            empty.update(Text(f"Nothing here: {why}."))
        self.after_reload()

    def show_selecting(self) -> None:
        """The count of rows shown, and what a worker is doing meanwhile ("sorting by Since…")."""
        text = f"{self._count} · {self.selecting}" if self.selecting else self._count
        box = self.query_one(".count", Static)
        # a new width lays the screen out again (tens of milliseconds); the same width, typing on,
        # only redraws the count
        box.update(Text(text), layout=len(text) != len(str(box.render())))

    def after_reload(self) -> None:
        self._show_side()

    def selected_row(self) -> Row | None:
        row = self.table.cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row.id if row else None

    # --- events and actions -----------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.set_focus(self.table)

    def on_line_table_selected(self, event: LineTable.Selected) -> None:
        event.stop()
        self.action_open()

    def on_line_table_header_clicked(self, event: LineTable.HeaderClicked) -> None:
        event.stop()
        if event.column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = event.column, False
        self.reload()

    def on_line_table_column_highlighted(self, event: LineTable.ColumnHighlighted) -> None:
        event.stop()

    def on_line_table_highlighted(self, event: LineTable.Highlighted) -> None:
        event.stop()
        self._show_side()

    def action_open(self) -> None:
        row = self.selected_row()
        if row is not None and row.link is not None:
            self.post_message(ShowDetail(*row.link))

    def action_sources(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        refs = row.sources or self.views.sources_of(*row.link) if row.link else row.sources
        self.post_message(ShowSources(" · ".join(display(c) for c in row.cells[:3] if c.text), tuple(refs)))

    def action_timeline(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        links = [row.link] + [c.link for c in row.cells]
        code = next((link[1] for link in links if link and link[0] == "country"), None)
        if code is None:
            self.notify("No country in this row: t shows a country's history.", timeout=2)
            return
        self.post_message(ShowDetail("timeline", code))

    def action_filter(self) -> None:
        # set_focus at once, so the keys typed right after '/' reach the box
        self.screen.set_focus(self.query_one(Input))

    def action_leave_filter(self) -> None:
        """Escape: clear the filter first, then leave the box (as less and VisiData do)."""
        box = self.query_one(Input)
        if box.value:
            box.value = ""
        elif box.has_focus:
            self.screen.set_focus(self.table)  # at once (focus() waits a turn: the next key would miss it)

    def action_sort(self) -> None:
        """Sort by the column under the column cursor; when the table is sorted by it already,
        by the next column (the cursor follows), so `o` pressed again cycles as it always has."""
        from tui.views.cells import sort_words

        columns = self.columns
        table = self.table
        at = table.cursor_column if 0 <= table.cursor_column < len(columns) else 0
        if self.sort_column == at:
            at = (at + 1) % len(columns)
            table.move_column(at)
        self.sort_column, self.sort_reverse = at, False
        self.reload()
        column = columns[self.sort_column]
        done = "Sorting" if self.selecting else "Sorted"  # a worker's sort: its rows come when it is done
        self.notify(f"{done} by {column.heading} ({sort_words(column)})", timeout=1.5)

    def action_frequency(self) -> None:
        """F: the counts of the column under the column cursor, over the rows shown (as filtered)."""
        from tui.ui.frequency import ShowCounts, counter
        from tui.views.frequency import counts_title

        columns = self.columns
        at = self.table.cursor_column
        if not 0 <= at < len(columns):
            return
        name = f"{self.pane_id}-counts-{columns[at].key}"  # made safe as a file name where it is used
        where = pane_spec(self.pane_id).title_for(self.views.ix)
        title = counts_title(columns[at].heading, where)
        self.post_message(ShowCounts(counter(self, at, where), name, len(self.rows), title))

    def count_column(self, column: int) -> None:
        """The counts of `column` (the palette's 'Count values of ...'): the column cursor goes there."""
        self.table.move_column(column)
        self.action_frequency()

    def sort_by(self, column: int, reverse: bool = False) -> None:
        """Sort by `column` in the direction asked; the cursor keeps its record, the column
        cursor goes to the column (as a click on its heading does)."""
        self.table.move_column(column)
        self.sort_column, self.sort_reverse = column, reverse
        self.reload()

    def action_reverse(self) -> None:
        if self.sort_column is None:  # no sort yet: by the column under the cursor, reversed
            self.sort_column = min(self.table.cursor_column, len(self.columns) - 1)
        self.sort_reverse = not self.sort_reverse
        self.reload()

    def focus_default(self) -> None:
        """Focus the table, if this pane is still the one shown (focusing a hidden pane's
        widget would make TabbedContent switch back to it)."""
        tab = next((a for a in self.ancestors if isinstance(a, TabPane)), None)
        tabs = next((a for a in self.ancestors if isinstance(a, TabbedContent)), None)
        if not self.is_mounted or tab is None or tabs is None or tabs.active != tab.id:
            return  # not the pane in view (TabbedContent.active is set at once; the switcher follows later)
        focused = self.screen.focused
        if focused is not None and focused is not self.table and self in focused.ancestors:
            return  # the user is already in this pane (a `/` typed meanwhile): a late call takes nothing away
        # at once, not Widget.focus(), which lands later: a pane key handled meanwhile would see
        # its pane shown, then this focus land in a pane no longer shown and switch the tabs back
        self.screen.set_focus(self.table)

    # --- the side panel ---------------------------------------------------------------------------

    SIDE_LISTED = 30
    """The side panel lists at most this many lines of each section of the detail (Enter: all)."""

    def _show_side(self) -> None:
        if not self.SIDE:
            return
        row = self.selected_row()
        detail = self.views.detail(*row.link, self.as_of) if row and row.link else None
        text = Text()
        for heading, lines in detail.sections if detail else []:
            listed, left = glimpse(lines, self.SIDE_LISTED)  # a panel of a few lines: the first ones
            text.append(f"{heading}: ", style="bold")
            text.append("; ".join([*(visible(shown(line)) for line in listed),
                                   *([shown(more_line(left))] if left else [])]) + "\n")
        self.query_one(".side-detail", Static).update(text)
