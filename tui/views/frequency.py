"""The frequency view of one column of a table pane (VisiData's `F`): each value the column shows,
how many of the rows shown hold it, its share and a bar, and how many of those rows carry each
mark. Pure: handed the pane's columns and rows (as filtered), it gives the screen's rows and the
CSV's.

What is counted is what the pane draws: a cell's text (tui.views.cells.Cell.text, made visible),
without the marks a screen puts after it. The marks are not lost: each value's row says how many
of its rows are unconfirmed (?), have sources that disagree (≠), are described by the featured
source (★) or reach us through a translation (⇄). A list cell whose items carry doubt one by one
keeps its marked items in its text ("Drones, IT ?") and counts as unconfirmed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.views.cells import (CONFLICT_MARK, FEATURED_MARK, UNCONFIRMED_MARK, VIA_MARK, Cell, Column, Row,
                             sort_key, visible)
from tui.views.counts import Count, bar, frequencies

MARK_SIGNS = {"unconfirmed": UNCONFIRMED_MARK, "conflict": CONFLICT_MARK, "featured": FEATURED_MARK,
              "via": VIA_MARK}
"""The marks counted, in the order the 'Of them' column lists them, with their signs."""
MARK_WORDS = {"unconfirmed": "unconfirmed", "conflict": "sources disagree", "featured": "featured source",
              "via": "via a translation"}


def counts_title(heading: str, where: str) -> str:
    """The frequency view's title: 'Counts of NATO · Countries' (a heading may come from the
    data: made visible)."""
    return f"Counts of {visible(heading)} · {visible(where)}"


def marked(cell: Cell, mark: str) -> bool:
    """Whether a cell carries `mark` (a list cell with any doubtful item is unconfirmed): the
    CSV's mark column (Cell.mark), as a yes or no."""
    return bool(cell.mark(mark))


def value_of(cell: Cell) -> str:
    """The value a cell is counted under: the text the screen draws, before its marks."""
    return visible(cell.text).strip()


@dataclass(frozen=True)
class ValueCount:
    """One value of the column: its count (value, count, share, bar, rows) and, for each mark,
    how many of its rows carry it; `export` is what a CSV writes for the value (a number stays a
    number)."""

    count: Count
    marks: dict[str, int]
    export: object

    def marks_text(self, marks: Sequence[str]) -> str:
        return "  ".join(f"{self.marks[m]} {MARK_SIGNS[m]}" for m in marks if self.marks.get(m))


@dataclass(frozen=True)
class Frequency:
    """The counts of column `column` over `total` rows of the pane `pane` (its title `where`),
    as of `as_of`, with the filter `filter` ("" for none)."""

    pane: str
    where: str
    column: Column
    total: int
    as_of: object
    filter: str
    values: tuple[ValueCount, ...]
    marks: tuple[str, ...]
    """The marks some counted row carries, in MARK_SIGNS order: the 'Of them' column lists them."""

    @property
    def title(self) -> str:
        return counts_title(self.column.heading, self.where)

    @property
    def about(self) -> str:
        """What was counted, in words: '29 rows as of 2026-11-25, filtered by "nato": 4 values'."""
        n, k = self.total, len(self.values)
        when = f" as of {self.as_of.isoformat()}" if self.as_of else ""
        filtered = f", filtered by “{visible(self.filter.strip())}”" if self.filter.strip() else ""
        return (f"{n:,} row{'s' if n != 1 else ''}{when}{filtered}: "
                f"{k:,} value{'s' if k != 1 else ''}")

    @property
    def marks_legend(self) -> str:
        if not self.marks:
            return ""
        return "Of them: how many of the rows counted carry each mark (" + ", ".join(
            f"{MARK_SIGNS[m]} {MARK_WORDS[m]}" for m in self.marks) + ")"

    def columns(self) -> list[Column]:
        """The screen's columns: the value, its count and share, the marks, a bar that widens."""
        longest = max((len(v.count.value) for v in self.values), default=5)
        out = [Column("value", self.column.heading, max(8, min(40, longest)), min_width=8, flex=1,
                      right=self.column.right),
               Column("count", "Count", max(5, len(f"{self.total:,}")), right=True, type="number"),
               Column("share", "Share", 6, right=True, type="number")]
        if self.marks:
            width = max(len("Of them"), max((len(v.marks_text(self.marks)) for v in self.values), default=0))
            out.append(Column("marks", "Of them", width, min_width=5))
        out.append(Column("bar", "", 20, min_width=5, flex=3))
        return out

    def cells(self, i: int) -> list:
        """The texts of row i on screen; the bar a function of the width it is drawn in."""
        v = self.values[i]
        most = self.values[0].count.count if self.values else 0
        out: list = [v.count.value, f"{v.count.count:,}", v.count.percent]
        if self.marks:
            out.append(v.marks_text(self.marks))
        out.append(lambda width, n=v.count.count: bar(n, most, width))
        return out

    def csv(self) -> tuple[list[str], list[list]]:
        """(header, rows) for a CSV: the value (a number as a number), its count, its share (0 to
        1), then for each mark some row carries, how many of its rows carry it."""
        header = [self.column.heading, "count", "share", *self.marks]
        rows = [[v.export, v.count.count, round(v.count.share, 6), *(v.marks.get(m, 0) for m in self.marks)]
                for v in self.values]
        return header, rows


def frequency(pane: str, where: str, columns: Sequence[Column], rows: Sequence[Row], index: int,
              as_of=None, filter: str = "") -> Frequency:
    """The counts of column `index` over `rows` (the rows a pane shows, as filtered and sorted)."""
    column = columns[index]
    fast = getattr(rows, "column_cells", None)  # a long table gives one column without making its rows
    cells = fast(index) if fast is not None else [row.cells[index] for row in rows]
    values = [value_of(c) for c in cells]
    first: dict[str, Cell] = {}
    for v, c in zip(values, cells):
        first.setdefault(v, c)
    counted = frequencies(values, order=lambda v: sort_key(first[v].order))
    found = []
    for count in counted:
        group = [cells[i] for i in count.rows]
        marks = {m: n for m in MARK_SIGNS if (n := sum(1 for c in group if marked(c, m)))}
        exports = {repr(c.export) for c in group}
        sample = group[0].export
        if not value_of(group[0]):
            export = ""  # a CSV leaves an empty value empty; the screen says (empty)
        elif len(exports) == 1 and isinstance(sample, (int, float)) and not isinstance(sample, bool):
            export = sample
        else:
            export = count.value
        found.append(ValueCount(count, marks, export))
    present = tuple(m for m in MARK_SIGNS if any(v.marks.get(m) for v in found))
    return Frequency(pane, where, column, len(cells), as_of, filter, tuple(found), present)
