"""Memberships: every membership of every country in every coalition, one row each.

This is the one table that grows with the data (100,000 rows is a real dataset), so it is drawn by
`LineTable`, which draws only the rows in view, over `tui.query.MembershipTable`, which filters
and sorts indexes without making a row per membership. Filling it, a filter keystroke and a cursor
move cost about the same at 100 rows as at 100,000.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from tui.ui.messages import ShowDetail, ShowSources
from tui.ui.panes.base import TablePane
from tui.query import MembershipTable
from tui.ui.widgets.line_table import Column, LineTable


class _Rows(Sequence):
    """The rows shown, as row dicts made only when asked for (CSV export, the selected row)."""

    def __init__(self, table: MembershipTable, indexes: list[int]):
        self.table, self.indexes = table, indexes

    def __len__(self) -> int:
        return len(self.indexes)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.table.row(k) for k in self.indexes[i]]
        return self.table.row(self.indexes[i])


class MembershipsPane(TablePane):
    """One row per membership: country, coalition, role, since, until, and its sources.
    Enter opens the coalition, `c` the country, `s` the sources."""

    KIND = "membership"
    FILTER = "/ filter by country, ISO code, coalition, role or date"
    COLUMNS = MembershipTable.COLUMNS

    BINDINGS: ClassVar = [
        Binding("c", "open_country", "Country", id="memberships.country",
                tooltip="Open the selected membership's country"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.indexes: list[int] = []
        self._shown: MembershipTable | None = None  # the table `indexes` point into

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.FILTER, classes="filter")
        yield LineTable(self._columns())
        yield Static("", classes="empty")

    @property
    def data(self) -> MembershipTable:
        return self.app.db.membership_table

    def _columns(self) -> list[Column]:
        mt = self.data
        longest = lambda texts, most: min(most, max((len(t) for t in texts), default=0))  # noqa: E731
        return [
            Column("Country", max(7, longest(mt.country_names.values(), 22) + 2), min_width=8),
            Column("ISO", 3),
            Column("Coalition", max(9, longest(mt.coalition_labels.values(), 24)), min_width=8),
            Column("Role", 11, min_width=7),
            Column("Since", 10),
            Column("Until", 10),
            Column("Sources", 7, min_width=3, right=True),
        ]

    @property
    def table(self) -> LineTable:  # type: ignore[override]
        return self.query_one(LineTable)

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # TablePane's on_mount fills a DataTable; there is none here
        self.reload()
        self.call_after_refresh(self.focus_default)
        self.call_after_refresh(lambda: self.data.keys)  # ready for the first filter keystroke

    def reload(self) -> None:
        """Select the rows for the as-of date, filter and sort; keep the cursor on the same
        membership when it is still shown."""
        table = self.table
        before = self.selected_record()
        index = self.indexes[table.cursor_row] if before is not None else None
        data = self.data
        self.indexes = data.select(self.app.as_of, self.filter_text, self.sort_column, self.sort_reverse)
        self.rows = _Rows(data, self.indexes)  # type: ignore[assignment]
        cursor = 0
        if before is not None:
            if self._shown is not data:  # reloaded from disk: the record with the same id
                index = next((i for i, m in enumerate(data.records) if m.id == before.id), None)
            try:
                cursor = self.indexes.index(index)
            except ValueError:
                pass
        self._shown = data
        indexes, cells = self.indexes, data.cells
        table.set_rows(len(indexes), lambda i: cells(indexes[i]), cursor)
        empty = self.query_one(".empty", Static)
        empty.display = not indexes
        if not indexes:
            why = "matches the filter" if self.filter_text else "is in this dataset as of the date shown"
            empty.update(f"Nothing here: no membership {why}.")

    def selected_record(self):
        """The Membership under the cursor, or None."""
        row = self.table.cursor_row
        shown = self._shown
        return shown.records[self.indexes[row]] if shown is not None and 0 <= row < len(self.indexes) else None

    def on_line_table_selected(self, event: LineTable.Selected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        m = self.selected_record()
        if m is not None:
            self.post_message(ShowDetail("coalition", m.coalition))

    def action_open_country(self) -> None:
        m = self.selected_record()
        if m is not None:
            self.post_message(ShowDetail("country", m.country))

    def action_sources(self) -> None:
        m = self.selected_record()
        if m is not None:
            self.post_message(ShowSources(f"membership {m.id}", tuple(m.sources)))

    def focus_default(self) -> None:
        if not self.is_mounted or self.app.current_pane_id != self.parent.id:
            return
        self.table.focus()
