"""What a table is, as data: columns, rows and cells, with one rule for doubt and one for
filtering and sorting. Every table pane, its CSV export and its tests read these.

A cell carries its text, the value it sorts and exports by, whether it is unconfirmed, its
sources and where Enter on it leads. `display` is the one place a doubt mark is added to a text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tui.core.model import SourceRef
from tui.core.text import visible  # noqa: F401  (re-exported: the screen rule lives in core.text)
from tui.views.index import Link

UNCONFIRMED_MARK = "?"
FEATURED_MARK = "★"
CONFLICT_MARK = "≠"
"""On a record that a claim is about: its sources disagree (the detail links the claim)."""


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    value: Any = None            # what the cell exports (CSV); None: the text
    unconfirmed: bool = False
    sources: tuple[SourceRef, ...] = ()
    link: Link | None = None
    sort: Any = None             # what the column sorts by; None: the exported value

    @property
    def export(self) -> Any:
        return self.text if self.value is None else self.value

    @property
    def order(self) -> Any:
        return self.export if self.sort is None else self.sort


def display(cell: Cell) -> str:
    """The text a screen draws for a cell: its text made visible (no control characters), and
    the doubt mark when unconfirmed."""
    text = visible(cell.text)
    return f"{text} {UNCONFIRMED_MARK}" if cell.unconfirmed else text


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its key (CSV header), heading, the width it wants and the least it can be
    squeezed to, whether it grows into spare width (`flex`), and right alignment (numbers)."""

    key: str
    heading: str
    width: int
    min_width: int | None = None
    flex: bool = False
    right: bool = False

    @property
    def least(self) -> int:
        return self.min_width if self.min_width is not None else self.width


@dataclass(frozen=True, slots=True)
class Row:
    """One row: the record it shows (Enter opens `link`), its cells in column order, its sources
    (`s`), whether the record itself is unconfirmed, and any text the filter also searches."""

    id: str
    cells: tuple[Cell, ...]
    link: Link | None
    sources: tuple[SourceRef, ...] = ()
    unconfirmed: bool = False
    search: str = ""

    def haystack(self) -> str:
        return "\0".join([*(display(c) for c in self.cells), self.search]).lower()


def words(text: str) -> list[str]:
    """A filter's words, lower-cased: each must appear in a row for it to match."""
    return text.lower().split()


def sort_key(value: Any) -> tuple:
    """Numbers by value, text without regard to case; empty values last."""
    if value is None or value == "":
        return (2, 0, "")
    if isinstance(value, bool):
        return (0, int(value), "")
    if isinstance(value, (int, float)):
        return (0, value, "")
    return (1, 0, str(value).lower())


def _matches(haystack: str, needles: list[str]) -> bool:
    return all(n in haystack for n in needles)


class RowSource:
    """A table's rows for any as-of date, filtered and sorted: what a table pane draws.

    `rows_for(as_of)` builds the rows in their stated default order; `select` filters them by
    words (every word must appear in some cell, any case) and sorts them by a column, stably.
    """

    def __init__(self, kind: str, columns: list[Column], rows_for: Callable[[Any], list[Row]],
                 nothing: str = "no record is in this dataset as of the date shown"):
        self.kind, self.columns, self._rows_for, self.nothing = kind, columns, rows_for, nothing
        self._cache: tuple[Any, list[Row]] | None = None

    def rows(self, as_of) -> list[Row]:
        if self._cache is None or self._cache[0] != as_of:
            self._cache = (as_of, self._rows_for(as_of))
        return self._cache[1]

    def select(self, as_of=None, text: str = "", sort: int | None = None,
               reverse: bool = False) -> Sequence[Row]:
        rows = self.rows(as_of)
        needles = words(text)
        if needles:
            rows = [r for r in rows if _matches(r.haystack(), needles)]
        if sort is not None:
            rows = sorted(rows, key=lambda r: sort_key(r.cells[sort].order), reverse=reverse)
        elif reverse:
            rows = rows[::-1]
        return rows
