"""Changes: exactly `coalition-tui diff --from --to` for the pane's interval (from the palette's
'changes from DATE', else the step date before the as-of date, to the as-of date): the same
rows in the same order, dated ones first, then those only possibly inside, then those of unknown
date, each a link to what changed. Its CSV is diff's."""

from __future__ import annotations

import datetime as _dt

from tui.core.refs import parse_ref
import tui.views.cells as cells
from tui.views.cells import Cell, Column, LazyRows, Row, RowSource
from tui.views.panes.spec import PaneSpec


def interval(views, as_of) -> tuple[_dt.date, _dt.date]:
    """The pane's interval for an as-of date: (first day, last day), both included."""
    ix = views.ix
    end = as_of or ix.latest or views.today
    start = views.changes_from or ix.step(end, -1) or end
    return (start, end) if start <= end else (end, start)


def changes_of(views, as_of) -> list:
    """The changes in the pane's interval for `as_of`, worked out once per interval: the table,
    its caption and its CSV read the same list (at a million memberships it is a pass over all)."""
    from tui.core.changes import between

    span = interval(views, as_of)
    memo = views.__dict__.get("_changes")
    if memo is None or memo[0] != span:
        memo = views._changes = (span, between(views.ix.ds, *span))
    return memo[1]


def row_id(c) -> str:
    """A change's row: its kind and record (a spell that began and ended in the interval is two)."""
    return f"{c.kind}:{c.record}"


def table(views) -> RowSource:
    ix = views.ix
    columns = [Column("date", "Date", 10, type="date",
                      cell=lambda c: Cell((c.date or "unknown") + (" ?" if c.possibly else ""), value=c.date or "")),
               Column("kind", "Change", 12, min_width=6, cell=lambda c: Cell(c.kind)),
               Column("coalition", "Coalition", 10, min_width=4,
                      cell=lambda c: Cell(c.label)),
               Column("text", "What", 50, min_width=12, flex=True, marks=("unconfirmed",),
                      cell=lambda c: Cell(c.change.text, unconfirmed=c.change.unconfirmed)),
               Column("sources", "Sources", 7, min_width=3, right=True, type="number",
                      cell=lambda c: Cell(str(len(c.change.sources)), value=len(c.change.sources)))]

    class Item:
        __slots__ = ("change", "date", "possibly", "kind", "label")

        def __init__(self, change, label):
            self.change, self.date, self.possibly, self.kind = change, change.date, change.possibly, change.kind
            self.label = label

    def rows_for(as_of, cols) -> LazyRows:
        _, end = interval(views, as_of)
        changes = changes_of(views, as_of)

        def make(i: int) -> Row:  # each row when it is drawn, sorted or exported
            c = changes[i]
            link = {"memberships": ("country", c.country), "meetings": ("meeting", c.record),
                    "people": ("person", c.record)}[c.section]
            label = ix.label(c.coalition, end) if c.coalition else ""
            return Row.of(cols, Item(c, label), row_id(c), link, tuple(parse_ref(r) for r in c.sources),
                          c.unconfirmed)

        return LazyRows([row_id(c) for c in changes], make)

    # at QUICK_ROWS memberships or more, the interval's changes are first worked out in a worker
    return RowSource("change", columns, rows_for, "nothing changed in the interval",
                     slow=lambda: len(ix.ds.memberships) >= cells.QUICK_ROWS)


def csv(views, as_of, rows) -> tuple[list[str], list[list]]:
    """The pane's CSV (header, rows): diff's, for the same interval, as the screen filters it."""
    from tui.core.changes import CSV_KEYS

    by_row = {row_id(c): c for c in changes_of(views, as_of)}
    return list(CSV_KEYS), [by_row[r.id].csv_row() for r in rows if r.id in by_row]


PANE = PaneSpec("changes", "8", "Changes", "who joined and left, role changes, meetings, offices, between two dates",
                section="memberships", noun="memberships", table=table, widget="changes", csv=csv,
                legend="From the date before the as-of date (or the palette's 'changes from DATE') to the as-of "
                       "date; [ ] move it · ? the date is only partly inside")
