"""The frequency view (`F` on a table pane, VisiData's F): a screen of the values of the column
under the column cursor, each with its count, share, marks and a bar (tui.views.frequency), over
the rows the pane shows as filtered. `e` saves it as CSV (tui.export.frequency); Escape or q goes
back. It follows the as-of date: the app asks it to count again when the date changes (a step of
`[` or `]` under it). It reads nothing of the app: the app saves its CSV (tui.ui.saving)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.ui.widgets.line_table import LineTable
from tui.ui.widgets.provenance import ProvenanceBar

if TYPE_CHECKING:
    from tui.ui.panes.base import TablePane
    from tui.views.frequency import Frequency


class ShowCounts(Message):
    """Open the frequency view; `count()` counts the column again (the pane's rows as they are
    now); `rows`: how many rows it counts."""

    def __init__(self, count: Callable[[], Frequency | None], name: str, rows: int = 0,
                 title: str = "Counts") -> None:
        super().__init__()
        self.count, self.name, self.rows, self.title = count, name, rows, title


AT_ONCE = 20_000
"""Up to this many rows are counted at once; more (100,000 memberships take about two seconds)
in a thread, the screen saying so meanwhile, so the dashboard never stops answering keys."""


def counter(pane: TablePane, index: int, where: str) -> Callable[[], Frequency | None]:
    """A function that counts column `index` of `pane` over the rows it shows when called. Its
    `read()` takes what it counts from the pane (on the app's thread: widgets are read there
    only), its `of(read)` counts that (anywhere, a thread included)."""
    from tui.views.frequency import frequency

    def read():
        columns = pane.columns
        if not 0 <= index < len(columns):
            return None
        return (pane.pane_id, where, columns, pane.rows, index, pane.as_of, pane.filter_text)

    def of(args) -> Frequency | None:
        return None if args is None else frequency(*args)

    def count() -> Frequency | None:
        return of(read())

    count.read, count.of = read, of
    return count


class FrequencyScreen(Screen):
    """The counts of one column. The table is a LineTable (j k PgUp PgDn g G move), its bar
    drawn to the width there is."""

    DEFAULT_CSS = """
    FrequencyScreen #frequency-about { height: auto; }
    FrequencyScreen #frequency-table { height: 1fr; }
    FrequencyScreen #frequency-legend { height: auto; }
    """

    BINDINGS: ClassVar = [
        Binding("escape,q", "app.pop_screen", "Back", id="frequency.back", tooltip="Back to the table"),
        Binding("e", "app.export_counts", "Export CSV", id="frequency.export", tooltip="Save these counts as CSV"),
    ]

    def __init__(self, count: Callable[[], Frequency | None], name: str = "counts", rows: int = 0,
                 title: str = "Counts") -> None:
        super().__init__()
        self.counts_title = title  # shown while the first counts are made
        self.count = count
        self.file_name = name  # what the CSV's file name says it holds
        self.rows = rows
        self.counting = rows > AT_ONCE
        self.freq = None if self.counting else count()

    def compose(self) -> ComposeResult:
        yield ProvenanceBar()
        with Vertical(id="detail"):
            yield Static("", id="detail-title")
            yield Static("", id="frequency-about", classes="caption")
            yield LineTable([], column_cursor=False, id="frequency-table")
            yield Static("", id="frequency-legend", classes="caption")
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one(LineTable).focus()
        if self.counting:
            self._count_apart()

    def recount(self) -> None:
        """Count again (the as-of date changed: the pane under it shows other rows)."""
        if self.counting or self.rows > AT_ONCE:
            self._count_apart()
            return
        freq = self.count()
        if freq is not None:
            self.freq = freq
            self.show()

    def _count_apart(self) -> None:
        """Count in a thread (a long table); the screen says so until the counts come."""
        self.counting = True
        self.show()

        args = self.count.read()  # the pane's rows and columns as they are now, read here

        def work() -> None:
            freq = self.count.of(args)
            self.app.call_from_thread(self._counted, freq)

        self.run_worker(work, thread=True, exclusive=True, group="counts")

    def _counted(self, freq) -> None:
        self.counting = False
        if freq is not None:
            self.freq = freq
        self.show()

    def show(self) -> None:
        freq = self.freq
        table = self.query_one(LineTable)
        if self.counting:
            self.query_one("#frequency-about", Static).update(Text(f"Counting {self.rows:,} rows…"))
            if freq is None:
                self.query_one("#detail-title", Static).update(Text(self.counts_title))
                return
        if freq is None:
            self.query_one("#detail-title", Static).update(Text("Nothing to count here"))
            table.set_rows(0, lambda i: [])
            return
        self.query_one("#detail-title", Static).update(Text(freq.title))
        if not self.counting:
            self.query_one("#frequency-about", Static).update(Text(freq.about))
        table.set_columns(freq.columns())
        table.set_rows(len(freq.values), freq.cells, table.cursor_row)
        legend = freq.marks_legend
        hint = "e: save as CSV · Esc: back"
        self.query_one("#frequency-legend", Static).update(
            Text(f"{legend}\n{hint}" if legend else hint, style="dim"))

    def csv(self) -> str | None:
        """The counts as CSV (tui.export.frequency), or None while they are being made."""
        from tui.export.frequency import frequency_csv

        return None if self.freq is None or self.counting else frequency_csv(self.freq)


def frequency_commands(app, pane: TablePane | None) -> list[tuple[str, str, object]]:
    """The palette's 'Count values of COLUMN' for each column of the pane in view."""
    if pane is None or not pane.is_mounted:
        return []
    return [(f"Count values of {column.heading}", "each value, its count and share, a bar (F on the column)",
             partial(pane.count_column, i)) for i, column in enumerate(pane.columns)]
