"""Every membership as one table, built to stay fast at 100,000 rows (the one table that grows
with the data). It answers the same `select` as every other row source, with rows made only for
the few lines a screen draws."""

from __future__ import annotations

import datetime as _dt
import threading
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from functools import cached_property

from tui.views.cells import QUICK_ROWS, Cell, Column, Row, words
from typing import TYPE_CHECKING

from tui.views.field_search import Cancelled, Coded, FieldSearch, check, to_bits, to_flags  # noqa: F401  (Cancelled: the workers')
from tui.views.flagged import Flagged

if TYPE_CHECKING:  # a model, or the cache's light row (tui.data.columns): plain attributes alike
    from tui.core.model import Membership
from tui.views.index import Index, date_start

class MembershipTable:
    """Every membership, one row each, built to stay fast at 100,000 rows.

    Nothing here makes a row per membership up front: the search text of each membership is
    lower-cased once, start dates are day numbers once, and `select` returns the indexes (into
    `records`) of the rows to show, in order. A front end draws the cells of the few rows in view
    with `cells(i)`. A membership shows from its start on (its `since`, else its coalition's
    founding; always when neither is known), and stays after it ends, with its `until`.
    """

    KEYS = ("country", "iso", "coalition", "role", "since", "until", "sources")

    QUICK_ROWS = QUICK_ROWS  # the one threshold (tui.views.cells); tests lower it here
    """Below this many memberships every answer is quick (tens of milliseconds at most): a front
    end selects at once. From here on, a sort or search text not made yet is a worker's job."""

    kind = "membership"
    nothing = "no membership had begun by the date shown"

    def __init__(self, query: Index):
        self.records: list[Membership] = query.ds.memberships
        self._countries, self._coalitions = query.ds.countries, query.ds.coalitions
        self.country_names = {c.id: c.name for c in self._countries}
        self.coalition_labels = {c.id: c.short or c.name for c in self._coalitions}
        longest = lambda texts, most: min(most, max((len(t) for t in texts), default=0))  # noqa: E731
        names, labels = self.country_names, self.coalition_labels
        renamed = {c.id for c in self._coalitions if c.former_names}
        self.label = lambda coalition, as_of: (query.label(coalition, as_of) if coalition in renamed
                                               else labels.get(coalition, coalition))
        # a record here is (membership, as-of date): the coalition is named as it was called then
        self.columns = [
            Column("country", "Country", max(7, longest(names.values(), 22)), min_width=8, flex=True,
                   marks=("unconfirmed",),
                   cell=lambda r: Cell(names.get(r[0].country, r[0].country), unconfirmed=r[0].unconfirmed,
                                       sources=tuple(r[0].sources), link=("country", r[0].country))),
            Column("iso", "ISO", 3, cell=lambda r: Cell(r[0].country)),
            Column("coalition", "Coalition", max(9, longest(labels.values(), 24)), min_width=8, flex=True,
                   cell=lambda r: Cell(self.label(r[0].coalition, r[1]), link=("coalition", r[0].coalition))),
            Column("role", "Role", 11, min_width=7, cell=lambda r: Cell(r[0].role)),
            Column("since", "Since", 10, type="date", cell=lambda r: Cell(r[0].since or "")),
            Column("until", "Until", 10, type="date", cell=lambda r: Cell(r[0].until or "")),
            Column("sources", "Sources", 7, min_width=3, right=True, type="number",
                   cell=lambda r: Cell(str(len(r[0].sources)), value=len(r[0].sources))),
        ]
        founded = {c.id: c.founded for c in self._coalitions}
        day: dict[str | None, int] = {None: _dt.date.min.toordinal()}
        self._store = query.ds if query.light else None
        self._codes = None
        if self._store is not None:  # from the columns: each distinct date once, no row made
            section = self._store.sections["memberships"]
            since, since_codes = section.codes("since") if len(section) else ([], [])
            coalitions, coalition_codes = section.codes("coalition") if len(section) else ([], [])
            since_day = [None if v is None else date_start(v).toordinal() for v in since]
            founded_day = [day[None] if founded.get(c) is None else date_start(founded[c]).toordinal()
                           for c in coalitions]
            # a row's start day is made only when a sort asks (`starts`); the first frame's
            # "begun by the date" flags are read from the codes (`_started`)
            self._codes = (since_day, since_codes, founded_day, coalition_codes)
        else:
            starts = []
            for m in self.records:
                since = m.since or founded.get(m.coalition)
                start = day.get(since)
                if start is None:
                    start = day[since] = date_start(since).toordinal()
                starts.append(start)
            self.starts = starts
        self._orders: dict[int, list[int]] = {}
        self._recent: dict[tuple, list[int]] = {}
        self._search_index: FieldSearch | None = None
        self._started_by: dict[tuple[int, int], bytes] = {}
        self._started_bits: dict[int, int | None] = {}
        self._sorted_searches: dict[int, FieldSearch] = {}
        self._search_lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.records)

    @cached_property
    def starts(self) -> list[int]:
        """Each membership's start day (its since, else its coalition's founding) as a day number.
        From the records, made with the table; from the columns' codes, made when a sort's date
        filter first asks (the first frame reads `_started`'s flags, made from the codes)."""
        since_day, since_codes, founded_day, coalition_codes = self._codes
        return [founded_day[c] if since_day[s] is None else since_day[s]
                for s, c in zip(since_codes, coalition_codes)]

    def _started_from_codes(self, limit: int) -> bytes:
        """`_started` in the dataset's order, from the codes: a flag per distinct since, taken
        for every row in C; a row with no since looks at its coalition's founding (those rows
        one by one)."""
        since_day, since_codes, founded_day, coalition_codes = self._codes
        by_code = bytes(d is not None and limit >= d for d in since_day)
        flags = bytes(map(by_code.__getitem__, since_codes))
        if None not in since_day:
            return flags
        flags = bytearray(flags)
        none = since_day.index(None)
        for i in compress(range(len(flags)), map(none.__eq__, since_codes)):
            flags[i] = limit >= founded_day[coalition_codes[i]]
        return bytes(flags)

    def position_of(self, record_id: str) -> int | None:
        """A membership's index, by id. From the columns, one search of the ids in C (they are
        unique), not a dict of 1,000,000."""
        if self._store is not None:
            return self._store.sections["memberships"].find("id", record_id) if len(self.records) else None
        return self.position.get(record_id)

    @cached_property
    def position(self) -> dict[str, int]:
        """Each membership's index, by id."""
        ids = self._store.sections["memberships"].column("id") if self._store is not None else (
            m.id for m in self.records)
        return {id_: i for i, id_ in enumerate(ids)}

    def prepare(self, cancelled: Callable[[], bool] | None = None) -> None:
        """Make what the filter searches now (a front end calls this once the first screen is
        drawn, in a thread of its own at a million rows, so the first keystroke finds it ready),
        where each membership is when the records are models (the first filter keeps the cursor
        on its record with it: 0.1 s at a million rows when it was made then; from the cache's
        columns `position_of` searches the ids instead), and the rows holding each character (the
        first keystroke's answer, FieldSearch.first_letters)."""
        search = self.search_index(cancelled)
        check(cancelled)
        if self._store is None:  # from the columns a record is found by a search of its ids in C:
            self.position        # a dict of a million ids (about 100 MB) would only cost
        search.first_letters(cancelled)

    def search_index(self, cancelled: Callable[[], bool] | None = None) -> FieldSearch:
        """What the filter searches, by field (tui.views.field_search): country name and code,
        coalition id, short name and name, role, since, until, each lower-cased as typed words
        are. Made once, on the first search or by `prepare`; a second thread asking meanwhile
        waits for the first to finish it."""
        found = self._search_index
        if found is None:
            with self._search_lock:  # one builder; a filter asking meanwhile waits for it
                found = self._search_index
                if found is None:
                    country = {c.id: f"{c.name}\0{c.id}".lower() for c in self._countries}
                    coalition = {c.id: f"{c.id}\0{c.short or ''}\0{c.name}".lower() for c in self._coalitions}
                    found = self._search_index = FieldSearch(len(self.records), [  # each field read in its turn
                        (lambda: self._field("country"), lambda c: country.get(c) or c.lower()),
                        (lambda: self._field("coalition"), lambda c: coalition.get(c) or c.lower()),
                        (lambda: self._field("role"), str),
                        (lambda: self._field("since"), str),
                        (lambda: self._field("until"), str),
                    ], cancelled)
        return found

    def _field(self, name: str) -> list[str] | Coded:
        """One field of every membership, in order ("" for none): the cache's codes as they are
        where the dashboard has them (no value per row made: FieldSearch tests each distinct
        value once and renumbers the codes in C), else read from the records."""
        if self._store is not None and len(self.records):
            values, codes = self._store.sections["memberships"].codes(name)
            return Coded([v or "" for v in values], codes)
        return [getattr(m, name) or "" for m in self.records]

    def search_text(self, i: int) -> str:
        """Membership i's text as the filter searches it (what FieldSearch's fields hold, joined)."""
        m = self.records[i]
        names = {c.id: f"{c.name}\0{c.id}".lower() for c in self._countries if c.id == m.country}
        labels = {c.id: f"{c.id}\0{c.short or ''}\0{c.name}".lower() for c in self._coalitions if c.id == m.coalition}
        return (f"{names.get(m.country) or m.country.lower()}\0{labels.get(m.coalition) or m.coalition.lower()}"
                f"\0{m.role}\0{m.since or ''}\0{m.until or ''}")

    def quick(self, as_of: _dt.date | None = None, text: str = "", sort: str | int | None = None,
              reverse: bool = False) -> bool:
        """Whether `indexes` answers at once: the table is small, or what it needs is made (the
        sort's order, the search text), leaving at most a scan or two of the rows (some
        milliseconds at a million). A front end runs the rest in a worker (tui.ui.selecting)."""
        if len(self.records) < self.QUICK_ROWS:
            return True
        column = -1 if sort is None else self.KEYS.index(sort) if isinstance(sort, str) else sort
        if column >= 0 and column not in self._orders:
            return False
        return not words(text) or self._search_index is not None and (column < 0 or column in self._sorted_searches)

    def columns_at(self, as_of) -> list[Column]:
        return self.columns

    def row(self, i: int, as_of: _dt.date | None = None) -> Row:
        """Membership i as a row (made when a screen draws it or an export asks for it)."""
        m = self.records[i]
        return Row.of(self.columns, (m, as_of), m.id, ("coalition", m.coalition), tuple(m.sources), m.unconfirmed)

    def order(self, column: int | str, cancelled: Callable[[], bool] | None = None) -> list[int]:
        """Every index, sorted by a column (its key or index; then by country and coalition);
        made once per column. Sorted by buckets of equal values, so that no single step holds
        the interpreter for long (a thread sorting a million rows leaves the screen answering
        keys); `cancelled()` is asked between steps, and Cancelled raised when it says so."""
        key = column if isinstance(column, str) else self.KEYS[column]
        column = self.KEYS.index(key)
        found = self._orders.get(column)
        if found is None:
            rec, names, labels = self.records, self.country_names, self.coalition_labels
            country = {c: n.lower() for c, n in names.items()}
            coalition = {c: n.lower() for c, n in labels.items()}
            if key == "country":
                by = [[country.get(m.country, "") for m in rec], [coalition.get(m.coalition, "") for m in rec]]
            elif key == "iso":
                by = [[m.country for m in rec], [coalition.get(m.coalition, "") for m in rec]]
            elif key == "coalition":
                by = [[coalition.get(m.coalition, "") for m in rec], [country.get(m.country, "") for m in rec]]
            elif key == "role":
                by = [[m.role for m in rec], [country.get(m.country, "") for m in rec]]
            elif key in ("since", "until"):
                by = [[(getattr(m, key) is None, getattr(m, key) or "") for m in rec], [m.country for m in rec]]
            else:
                by = [[len(m.sources) for m in rec], [m.country for m in rec]]
            check(cancelled)
            found = self._orders[column] = bucket_sort(range(len(rec)), by, cancelled)
        return found

    def select(self, as_of: _dt.date | None = None, text: str = "", sort: str | int | None = None,
               reverse: bool = False, cancelled: Callable[[], bool] | None = None) -> Sequence[Row]:
        """The rows to show (see `indexes`), as a sequence that makes each row when asked."""
        return _Rows(self, self.indexes(as_of, text, sort, reverse, cancelled), as_of)

    def indexes(self, as_of: _dt.date | None = None, text: str = "", sort: str | int | None = None,
                reverse: bool = False, cancelled: Callable[[], bool] | None = None) -> list[int]:
        """The indexes of the rows to show, in order: begun by `as_of`, whose text holds `text`
        (any case), sorted by `column`. Typing one more letter searches only the rows the
        shorter text matched, and the last few answers are kept, so a keystroke costs little
        even at a million rows. `cancelled()` (a worker's) is asked between steps: Cancelled is
        raised when it says so, and nothing half-made is kept."""
        needles = words(text)
        needle = " ".join(needles)
        column = -1 if sort is None else self.KEYS.index(sort) if isinstance(sort, str) else sort
        limit = as_of.toordinal() if as_of is not None else None
        want = (needle, limit, column, reverse)
        found = self._recent.get(want)
        if found is not None:
            return found
        base = None
        for n in range(len(needle) - 1, -1, -1):  # the longest shorter text already answered
            base = self._recent.get((needle[:n], limit, column, reverse))
            if base is not None:
                break
        if base is None:
            if column < 0 and not reverse:
                base = range(len(self.records))  # unsorted: the dataset's own order
            else:
                base = self.order(max(column, 0), cancelled) if column >= 0 else range(len(self.records))
                if reverse:
                    base = base[::-1]
            if limit is not None and column < 0 and not reverse:
                # the day's flags (kept: the first filter keystroke reads them too), the rows
                # read from them when drawn (tui.views.flagged), not listed
                base = Flagged(self._started(limit))
            elif limit is not None:
                base = _keep(base, lambda part: map(limit.__ge__, map(self.starts.__getitem__, part)), cancelled)
            else:
                base = list(base)
            self._remember(("", limit, column, reverse), base)
        if needle:
            search = self.search_index()
            found = base
            n = len(self.records)
            letter = search.one_letter(needle) if len(needle) == 1 else None
            if column < 0 and not reverse and len(base) * 32 >= n and letter is not None:
                # the first keystroke, one character: its rows were made beside the screen, one
                # bit a row (FieldSearch.first_letters); only the date's are taken from them
                started = self._begun_bits(limit) if limit is not None else None
                if started is not None:
                    letter &= started
                found = Flagged(to_flags(letter, n), letter.bit_count())
            elif column < 0 and not reverse and len(base) * 32 >= n:
                # the dataset's order, most rows: every row's flag at once, with the date's, and
                # the rows read from the flags when drawn (in C: no row is looked up one by one)
                flags = search.rows_with(needles, cancelled)
                if limit is not None:
                    flags = (int.from_bytes(flags, "little") & int.from_bytes(self._started(limit), "little")
                             ).to_bytes(n, "little")
                found = Flagged(flags)
            elif column >= 0 and len(base) * 32 >= n:
                # a sorted order, most rows: the flags made in that order (the index permuted
                # when the order was made), the rows taken in order, in C
                flags = self._sorted_search(column, cancelled).rows_with(needles, cancelled)
                if limit is not None:
                    flags = (int.from_bytes(flags, "little") & int.from_bytes(
                        self._started(limit, column), "little")).to_bytes(n, "little")
                order = self.order(column, cancelled)
                found = list(compress(order[::-1], flags[::-1]) if reverse else compress(order, flags))
            else:
                for word in needles:  # each word narrows the rows the words before it kept
                    check(cancelled)
                    if len(found) * 32 < n:  # a few rows: each looked at
                        found = search.keep(found, word)
                    else:  # most rows, in a sorted order: every row's flag at once, read in that order
                        flags = search.rows_with([word], cancelled)
                        found = _keep(found, lambda part: map(flags.__getitem__, part), cancelled)
        else:
            found = base
        self._remember(want, found)
        return found

    def _started(self, limit: int, column: int = -1) -> bytes:
        """One byte a membership, in the dataset's order or a column's sorted order: 1 where it
        has begun by the day `limit` (kept for a few days and orders)."""
        found = self._started_by.get((limit, column))
        if found is None:
            if len(self._started_by) > 8:
                self._started_by.clear()
            if column < 0 and self._codes is not None:
                found = self._started_by[(limit, column)] = self._started_from_codes(limit)
                return found
            starts = self.starts if column < 0 else map(self.starts.__getitem__, self.order(column))
            found = self._started_by[(limit, column)] = bytes(map(limit.__ge__, starts))
        return found

    def _begun_bits(self, limit: int) -> int | None:
        """The memberships begun by the day `limit`, one bit a row (None: every one has, as on
        the latest date; kept for a few days)."""
        if limit not in self._started_bits:
            if len(self._started_bits) > 8:
                self._started_bits.clear()
            flags = self._started(limit)
            self._started_bits[limit] = to_bits(int.from_bytes(flags, "little"), len(flags)) if 0 in flags else None
        return self._started_bits[limit]

    def _sorted_search(self, column: int, cancelled: Callable[[], bool] | None = None) -> FieldSearch:
        """The filter's index permuted into a column's sorted order (made with the order's first
        filter, in the worker; kept for the last two columns)."""
        found = self._sorted_searches.get(column)
        if found is None:
            found = self.search_index().permuted(self.order(column, cancelled), cancelled)
            if len(self._sorted_searches) >= 2:
                self._sorted_searches.pop(next(iter(self._sorted_searches)))
            self._sorted_searches[column] = found
        return found

    def _remember(self, want: tuple, found: list[int]) -> None:
        if len(self._recent) > 64:
            self._recent.clear()
        self._recent[want] = found


STEP = 16_384
"""Rows looked at between two asks of `cancelled()` (a few milliseconds of work)."""


def _keep(base: Sequence[int], flags: Callable[[Sequence[int]], Iterable], cancelled=None) -> list[int]:
    """The indexes of `base` whose flag is true, `flags(part)` giving the flags of a slice of
    it: a step at a time, asking `cancelled()` between steps."""
    if len(base) <= STEP:
        return list(compress(base, flags(base)))
    out: list[int] = []
    for start in range(0, len(base), STEP):
        check(cancelled)
        part = base[start:start + STEP]
        out += compress(part, flags(part))
    return out


SMALL = 2_048
"""A group of rows at most this long is sorted in one step (C, a fraction of a millisecond)."""


def bucket_sort(indexes: Sequence[int], by: list[list], cancelled: Callable[[], bool] | None = None) -> list[int]:
    """`indexes` sorted by `by[0][i]`, then `by[1][i]` ..., ties in their own order: what
    `sorted(indexes, key=lambda i: (by[0][i], by[1][i], ...))` gives, without one long sort that
    holds the interpreter lock throughout (a million rows: a second or two with no screen). The
    rows are grouped by their first key in a loop (the lock is handed over as it runs), the
    groups' keys sorted (few), and each group sorted the same way by the keys left; a group
    this short (SMALL) is sorted at once."""
    if len(indexes) <= SMALL or len(by) == 0:
        out = list(indexes)
        for key in reversed(by):  # stable: the last key first
            out.sort(key=key.__getitem__)
        return out
    first, rest = by[0], by[1:]
    groups: dict = {}
    for start in range(0, len(indexes), STEP):
        check(cancelled)
        for i in indexes[start:start + STEP]:
            value = first[i]
            group = groups.get(value)
            if group is None:
                groups[value] = [i]
            else:
                group.append(i)
    out = []
    for value in sorted(groups):
        group = groups[value]
        out += bucket_sort(group, rest, cancelled) if rest else group
    return out


class _Rows(Sequence):
    """The rows selected, made only when asked for (the lines drawn, the selected row, CSV)."""

    def __init__(self, table: MembershipTable, indexes: list[int], as_of: _dt.date | None = None):
        self.table, self.indexes, self.as_of = table, indexes, as_of

    def index_of(self, record_id: str) -> int | None:
        """Where the membership `record_id` is among these rows (None: not there)."""
        k = self.table.position_of(record_id)
        try:
            return self.indexes.index(k) if k is not None else None
        except ValueError:
            return None

    def __len__(self) -> int:
        return len(self.indexes)

    def column_cells(self, column: int) -> list[Cell]:
        """The cells of one column, row by row, without making the rows (F's counts)."""
        getter, records, as_of = self.table.columns[column].of, self.table.records, self.as_of
        return [getter((records[k], as_of)) for k in self.indexes]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.table.row(k, self.as_of) for k in self.indexes[i]]
        return self.table.row(self.indexes[i], self.as_of)
