"""What the table panes share: a filter box, a sortable table, Enter for detail, s for sources."""

from __future__ import annotations

import datetime as _dt
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Static

from tui.ui.messages import ShowDetail, ShowSources


class DashTable(DataTable):
    """A DataTable with vim keys."""

    BINDINGS: ClassVar = [
        Binding("j", "cursor_down", "Down", show=False, id="table.down", tooltip="Move down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up", tooltip="Move up"),
        Binding("g", "scroll_top", "Top", show=False, id="table.top", tooltip="First row"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="table.bottom", tooltip="Last row"),
    ]


class TablePane(Vertical):
    """A pane showing one table of records, each row linked to a record's detail."""

    KIND: ClassVar[str] = ""            # the link kind of each row
    COLUMNS: ClassVar[list[tuple[str, str]]] = []   # (row key, column label)
    FILTER: ClassVar[str | None] = None  # the filter box's placeholder; None: no filter

    BINDINGS: ClassVar = [
        Binding("enter", "open", "Open", id="pane.open", tooltip="Open the selected record's detail"),
        Binding("s", "sources", "Sources", id="pane.sources", tooltip="Show the sources of the selected record"),
        Binding("slash", "filter", "Filter", id="pane.filter", tooltip="Filter the table as you type"),
        Binding("o", "sort", "Sort", id="pane.sort", tooltip="Sort by the next column"),
        Binding("escape", "leave_filter", "Back to table", show=False, id="pane.leave_filter",
                tooltip="Leave the filter box (the filter stays)"),
        Binding("O", "reverse", "Reverse", show=False, id="pane.reverse", tooltip="Reverse the sort"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows: list[dict] = []
        self.sort_column = 0
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        if self.FILTER:
            yield Input(placeholder=self.FILTER, classes="filter")
        yield from self.compose_top()
        yield DashTable(cursor_type="row", zebra_stripes=True)
        yield Static("", classes="empty")
        yield from self.compose_bottom()

    def compose_top(self) -> ComposeResult:
        yield from ()

    def compose_bottom(self) -> ComposeResult:
        yield from ()

    @property
    def table(self) -> DashTable:
        return self.query_one(DashTable)

    @property
    def filter_text(self) -> str:
        return self.query_one(Input).value if self.FILTER else ""

    def on_mount(self) -> None:
        for key, label in self.COLUMNS:
            self.table.add_column(label, key=key)
        self.reload()
        self.call_after_refresh(self.focus_default)

    def fetch(self, as_of: _dt.date | None, text: str) -> list[dict]:
        """The rows to show; each has an `id`."""
        raise NotImplementedError

    def cell(self, key: str, row: dict) -> Any:
        value = row.get(key, "")
        return "" if value is None else value

    def reload(self) -> None:
        """Fetch rows for the app's as-of date and filter, keeping the selected row if it exists."""
        table = self.table
        selected = self.selected_id()
        self.rows = self.fetch(self.app.as_of, self.filter_text)
        key = self.COLUMNS[self.sort_column][0]
        if self.sort_column or self.sort_reverse:
            self.rows.sort(key=lambda r: _sort_key(r.get(key)), reverse=self.sort_reverse)
        table.clear()
        for row in self.rows:
            table.add_row(*(self.cell(k, row) for k, _ in self.COLUMNS), key=row["id"])
        if selected is not None:
            for i, row in enumerate(self.rows):
                if row["id"] == selected:
                    table.move_cursor(row=i)
                    break
        empty = self.query_one(".empty", Static)
        empty.display = not self.rows
        if not self.rows:
            why = "matches the filter" if self.filter_text else "is in this dataset as of the date shown"
            empty.update(f"Nothing here: no record {why}.")
        self.after_reload()

    def after_reload(self) -> None:
        pass

    def selected_row(self) -> dict | None:
        table = self.table
        if not self.rows or table.cursor_row is None or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row["id"] if row else None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if event.column_index == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = event.column_index, False
        self.reload()

    def action_open(self) -> None:
        row = self.selected_row()
        if row is not None:
            kind, rid = row.get("link") or (self.KIND, row["id"])
            self.post_message(ShowDetail(kind, rid))

    def action_sources(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        refs = row.get("refs") or self.app.db.sources_of(self.KIND, row["id"])
        self.post_message(ShowSources(f"{self.KIND} {row['id']}", tuple(refs)))

    def action_filter(self) -> None:
        if self.FILTER:  # set_focus at once, so the keys typed right after '/' reach the box
            self.screen.set_focus(self.query_one(Input))

    def action_leave_filter(self) -> None:
        if self.FILTER and self.query_one(Input).has_focus:
            self.table.focus()

    def action_sort(self) -> None:
        self.sort_column = (self.sort_column + 1) % len(self.COLUMNS)
        self.sort_reverse = False
        self.reload()
        self.notify(f"Sorted by {self.COLUMNS[self.sort_column][1]}", timeout=1.5)

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.reload()

    def focus_default(self) -> None:
        """Focus the table, if this pane is still the one shown (focusing a hidden pane's
        widget would make TabbedContent switch back to it)."""
        if not self.is_mounted or self.app.current_pane_id != self.parent.id:
            return
        tables = self.query(DashTable)
        if tables:
            tables.first().focus()


def _sort_key(value: Any) -> tuple:
    if value is None or value == "":
        return (1, "")
    if isinstance(value, (int, float)):
        return (0, f"{value:012.3f}")
    if isinstance(value, Text):
        value = value.plain
    return (0, str(value).lower())


def clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, with an ellipsis where it was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


class SideDetailPane(TablePane):
    """A table pane with the selected row's detail in a panel below the table."""

    LEGEND: ClassVar[str] = ""    # a dim first line of the panel
    INLINE: ClassVar[bool] = False  # one line per section ("Heading: a; b") instead of a block

    def compose_bottom(self) -> ComposeResult:
        with VerticalScroll(classes="side"):
            yield Static("", classes="side-detail")

    def side_detail(self, row: dict):
        """The Detail (from tui.query) to show for `row`, or None."""
        raise NotImplementedError

    def after_reload(self) -> None:
        self._show_side()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_side()

    def _show_side(self) -> None:
        row = self.selected_row()
        detail = self.side_detail(row) if row else None
        text = Text()
        if self.LEGEND:
            text.append(self.LEGEND + "\n", style="dim")
        for heading, lines in detail.sections if detail else []:
            if self.INLINE:
                text.append(f"{heading}: ", style="bold")
                text.append("; ".join(line.text for line in lines) + "\n")
            else:
                text.append(heading + "\n", style="bold")
                text.append("".join(line.text + "\n" for line in lines))
        self.query_one(".side-detail", Static).update(text)
