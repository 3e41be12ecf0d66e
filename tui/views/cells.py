"""What a table is, as data: columns, rows and cells, with one rule for doubt and one for
filtering and sorting. Every table pane, its CSV export and its tests read these.

A cell carries its text, the value it sorts and exports by, whether it is unconfirmed, its
sources and where Enter on it leads. `display` is the one place a doubt mark is added to a text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tui.core.refs import SourceRef
from tui.core.text import visible  # noqa: F401  (re-exported: the screen rule lives in core.text)
from tui.views.field_search import Cancelled
from tui.views.index import Link

QUICK_ROWS = 50_000
"""A table of this many rows or more is filtered and sorted in a thread worker (tui.ui.selecting),
as is the first making of rows a source says may be slow (`RowSource(slow=...)`)."""

UNCONFIRMED_MARK = "?"
FEATURED_MARK = "★"
CONFLICT_MARK = "≠"
"""On a record that a claim is about: its sources disagree (the detail links the claim)."""
VIA_MARK = "⇄"
"""On a statement that reaches us through a translation or another outlet's rendering."""

MARKS = ("unconfirmed", "via", "featured", "conflict")
"""The marks a cell can carry. On screen each is a sign after the text (in the order
via, featured, conflict, unconfirmed); in a CSV each is a column of its own, `<key>_<mark>`."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: the text a screen draws (before its marks), the value it exports and sorts by,
    its marks, its sources and where Enter on it leads.

    A list cell whose items carry doubt one by one names the doubtful items in `doubtful` (the
    screen marks each; the CSV's `<key>_unconfirmed` lists them). A count carries its
    `qualifier` (about, at-least, ...) and `count_kind` (attended, expected, group-size), which
    the CSV writes in columns of their own beside the number."""

    text: str
    value: Any = None            # what the cell exports (CSV); None: the text
    unconfirmed: bool = False
    sources: tuple[SourceRef, ...] = ()
    link: Link | None = None
    sort: Any = None             # what the column sorts by; None: the exported value
    via: bool = False            # reaches us through a translation or a rendering
    featured: bool = False       # the featured source describes it (★)
    conflict: bool = False       # a claim is about it: its sources disagree (≠)
    doubtful: tuple[str, ...] = ()
    qualifier: str | None = None
    count_kind: str | None = None
    picture: Callable[[int], str] | None = None
    """A cell that is a picture (the roadmap's timeline): `picture(width)` draws it in `width`
    cells, so a screen draws it to its column's width; `text` is its drawing at the column's
    stated width (what a copy and a count read)."""

    @property
    def export(self) -> Any:
        return self.text if self.value is None else self.value

    @property
    def order(self) -> Any:
        return self.export if self.sort is None else self.sort

    def mark(self, name: str) -> Any:
        """A mark as CSV data: True/False, or for a list cell's doubt the items it applies to."""
        if name == "unconfirmed" and self.doubtful:
            return "; ".join(self.doubtful)
        return bool(getattr(self, name))


def drawn(cell: Cell):
    """What a screen draws for a cell: its text with its marks (`display`), or for a picture a
    function of the width it is drawn in."""
    return cell.picture if cell.picture is not None else display(cell)


def display(cell: Cell) -> str:
    """The text a screen draws for a cell: its text made visible (no control characters), then
    its marks: ⇄ via a translation, ★ featured, ≠ sources disagree, ? unconfirmed."""
    text = visible(cell.text)
    if cell.via:
        text += f" {VIA_MARK}"
    if cell.featured:
        text += f" {FEATURED_MARK}"
    if cell.conflict:
        text += f" {CONFLICT_MARK}"
    return f"{text} {UNCONFIRMED_MARK}" if cell.unconfirmed else text


def listed(items: list[tuple[str, bool]]) -> Cell:
    """A list cell: labels sorted and joined, each unconfirmed one marked on screen ('Drones,
    IT ?'); its value is the plain list ('Drones; IT') and `doubtful` names the marked ones."""
    seen: dict[str, bool] = {}
    for label, doubtful in items:
        seen[label] = seen.get(label, True) and doubtful
    labels = sorted(seen)
    text = ", ".join(f"{label} {UNCONFIRMED_MARK}" if seen[label] else label for label in labels)
    return Cell(text, value="; ".join(labels), sort=", ".join(labels),
                doubtful=tuple(label for label in labels if seen[label]))


Getter = Callable[[Any], Cell]


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its key (its CSV mark columns are named after it), heading (its CSV header and
    its title on screen, in the dataset's own terms), the width it wants and the least it can be
    squeezed to, whether it grows into spare width (`flex`), right alignment (numbers), the
    getter that makes its cell from a row's record, which marks it can carry (each a CSV column
    `<key>_<mark>`), whether it is a count (`<key>_qualifier` and `<key>_kind` beside it), and its
    type (text, date, number), which says how a sort is worded."""

    key: str
    heading: str
    width: int
    min_width: int | None = None
    flex: bool | int = False
    """Grows into the width the others leave; a number is its weight (True is 1): the roadmap's
    timeline takes most of a wide terminal."""
    right: bool = False
    cell: Getter | None = None
    marks: tuple[str, ...] = ()
    count: bool = False
    type: str = "text"
    drawn: str | None = None
    """What a screen draws as the heading when it is not the heading itself (the roadmap's year
    axis over a column whose CSV header is 'Timeline')."""

    drawn_at: Callable[[int], str] | None = None
    """The heading a screen draws at a width, for a column of pictures (the roadmap's axis)."""

    @property
    def shown(self) -> str:
        return self.drawn if self.drawn is not None else self.heading

    def heading_at(self, width: int) -> str:
        """The heading a screen draws when the column is `width` cells wide."""
        return self.drawn_at(width) if self.drawn_at is not None and width else self.shown

    @property
    def least(self) -> int:
        return self.min_width if self.min_width is not None else self.width

    def of(self, record: Any) -> Cell:
        if self.cell is None:
            raise TypeError(f"column {self.key!r} has no getter")
        return self.cell(record)


def sort_words(column: Column, reverse: bool = False) -> str:
    """How a sort by this column reads: 'oldest first' for dates, 'smallest first' for numbers,
    'A to Z' for text (and their reverses)."""
    words = {"date": ("oldest first", "newest first"), "number": ("smallest first", "largest first")}
    return words.get(column.type, ("A to Z", "Z to A"))[reverse]


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

    @classmethod
    def of(cls, columns: Sequence[Column], record: Any, id: str, link: Link | None,
           sources: tuple[SourceRef, ...] = (), unconfirmed: bool = False, search: str = "") -> "Row":
        """A row is its columns applied to a record."""
        return cls(id, tuple(c.of(record) for c in columns), link, sources, unconfirmed, search)

    def haystack(self) -> str:
        return "\0".join([*(display(c) for c in self.cells), self.search]).lower()


class LazyRows(Sequence):
    """A table's rows in their stated order, each made when first asked for: a first frame makes
    the lines it draws, not every row (a filter, a sort or an export makes them all). `ids` (the
    record id of each row) finds a row without making any."""

    def __init__(self, ids: Sequence[str], make: Callable[[int], "Row"]) -> None:
        self.ids, self._make = ids, make
        self._made: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self.ids)))]
        if i < 0:
            i += len(self.ids)
        if not 0 <= i < len(self.ids):
            raise IndexError(i)
        row = self._made.get(i)
        if row is None:
            row = self._made[i] = self._make(i)
        return row

    def index_of(self, record_id: str) -> int | None:
        """Where the row of `record_id` is (None: not there)."""
        try:
            return self.ids.index(record_id)
        except ValueError:
            return None


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

    `columns` is a list, or a function of the as-of date (headings name coalitions as they were
    called then); `rows_for(as_of, columns)` builds the rows in their stated default order (each
    row its columns applied to a record; a LazyRows makes each when asked for); `select` filters
    them by words (every word must appear in some cell, any case) and sorts them by a column
    key, stably.
    """

    def __init__(self, kind: str, columns: list[Column] | Callable[[Any], list[Column]],
                 rows_for: Callable[[Any, list[Column]], list[Row]],
                 nothing: str = "no record is in this dataset as of the date shown",
                 slow: Callable[[], bool] | None = None):
        self.kind, self._columns, self._rows_for, self.nothing = kind, columns, rows_for, nothing
        self._cache: tuple[Any, list[Row]] | None = None
        self._slow = slow
        """Whether making the rows for a date may take long (the Changes pane reads every
        membership): then they are first made in a worker."""

    def columns_at(self, as_of) -> list[Column]:
        return self._columns(as_of) if callable(self._columns) else self._columns

    @property
    def columns(self) -> list[Column]:
        """The columns with no date (headings in each coalition's current name)."""
        return self.columns_at(None)

    def rows(self, as_of) -> list[Row]:
        if self._cache is None or self._cache[0] != as_of:
            self._cache = (as_of, self._rows_for(as_of, self.columns_at(as_of)))
        return self._cache[1]

    def invalidate(self) -> None:
        self._cache = None

    def column_index(self, key: str | int | None) -> int | None:
        if key is None or isinstance(key, int):
            return key
        keys = [c.key for c in self.columns]
        return keys.index(key) if key in keys else None

    def quick(self, as_of, text: str = "", sort: str | int | None = None, reverse: bool = False) -> bool:
        """Whether `select` answers at once; else tui.ui.selecting asks it in a thread worker: the
        rows for `as_of` are not made yet and may be slow to make, or there are QUICK_ROWS or more
        to filter or sort."""
        cache = self._cache
        if cache is None or cache[0] != as_of:
            return self._slow is None or not self._slow()
        return len(cache[1]) < QUICK_ROWS or (not words(text) and sort is None and not reverse)

    def select(self, as_of=None, text: str = "", sort: str | int | None = None,
               reverse: bool = False, cancelled: Callable[[], bool] | None = None) -> Sequence[Row]:
        """The rows for `as_of` whose text holds every word of `text`, sorted by the column
        `sort` (its key; an index is taken too), or in their own order. `cancelled`: asked between
        steps by a worker's selection (Cancelled is raised when it says so)."""
        rows = self.rows(as_of)
        needles = words(text)
        if not needles and sort is None and not reverse:
            return rows  # in their own order: a LazyRows stays lazy
        if needles:
            if cancelled is not None and cancelled():
                raise Cancelled
            rows = [r for r in rows if _matches(r.haystack(), needles)]
        if cancelled is not None and cancelled():
            raise Cancelled
        index = self.column_index(sort)
        if index is not None:
            rows = sorted(rows, key=lambda r: sort_key(r.cells[index].order), reverse=reverse)
        elif reverse:
            rows = rows[::-1]
        return rows
