"""Every membership as one table, built to stay fast at 100,000 rows (the one table that grows
with the data). It answers the same `select` as every other row source, with rows made only for
the few lines a screen draws."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from functools import cached_property

from tui.views.cells import Cell, Column, Row, words
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

    def __len__(self) -> int:
        return len(self.records)

    @cached_property
    def position(self) -> dict[str, int]:
        """Each membership's index, by id."""
        return {m.id: i for i, m in enumerate(self.records)}

    def prepare(self) -> None:
        """Build the filter's search text now (a front end calls this once the first screen is
        drawn, so the first keystroke finds it ready)."""
        self.keys

    @cached_property
    def keys(self) -> list[str]:
        """What the filter searches in each row, lower-cased: country name and code, coalition
        id, short name and name, role, since, until. Made on the first search (a front end may
        ask for it once the first screen is drawn)."""
        country = {c.id: f"{c.name}\0{c.id}".lower() for c in self._countries}
        coalition = {c.id: f"{c.id}\0{c.short or ''}\0{c.name}".lower() for c in self._coalitions}
        return [f"{country.get(m.country) or m.country.lower()}\0"
                f"{coalition.get(m.coalition) or m.coalition.lower()}\0{m.role}\0{m.since or ''}\0{m.until or ''}"
                for m in self.records]

    def columns_at(self, as_of) -> list[Column]:
        return self.columns

    def row(self, i: int, as_of: _dt.date | None = None) -> Row:
        """Membership i as a row (made when a screen draws it or an export asks for it)."""
        m = self.records[i]
        return Row.of(self.columns, (m, as_of), m.id, ("coalition", m.coalition), tuple(m.sources), m.unconfirmed)

    def order(self, column: int | str) -> list[int]:
        """Every index, sorted by a column (its key or index; then by country and coalition);
        made once per column."""
        key = column if isinstance(column, str) else self.KEYS[column]
        column = self.KEYS.index(key)
        found = self._orders.get(column)
        if found is None:
            rec, names, labels = self.records, self.country_names, self.coalition_labels
            country = {c: n.lower() for c, n in names.items()}
            coalition = {c: n.lower() for c, n in labels.items()}
            if key == "country":
                by = [(country.get(m.country, ""), coalition.get(m.coalition, "")) for m in rec]
            elif key == "iso":
                by = [(m.country, coalition.get(m.coalition, "")) for m in rec]
            elif key == "coalition":
                by = [(coalition.get(m.coalition, ""), country.get(m.country, "")) for m in rec]
            elif key == "role":
                by = [(m.role, country.get(m.country, "")) for m in rec]
            elif key in ("since", "until"):
                by = [(getattr(m, key) is None, getattr(m, key) or "", m.country) for m in rec]
            else:
                by = [(len(m.sources), m.country) for m in rec]
            found = self._orders[column] = sorted(range(len(rec)), key=by.__getitem__)
        return found

    def select(self, as_of: _dt.date | None = None, text: str = "", sort: str | int | None = None,
               reverse: bool = False) -> Sequence[Row]:
        """The rows to show (see `indexes`), as a sequence that makes each row when asked."""
        return _Rows(self, self.indexes(as_of, text, sort, reverse), as_of)

    def indexes(self, as_of: _dt.date | None = None, text: str = "", sort: str | int | None = None,
                reverse: bool = False) -> list[int]:
        """The indexes of the rows to show, in order: begun by `as_of`, whose text holds `text`
        (any case), sorted by `column`. Typing one more letter searches only the rows the
        shorter text matched, and the last few answers are kept, so a keystroke costs little
        even at 100,000 rows."""
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
                base = self.order(max(column, 0)) if column >= 0 else range(len(self.records))
                if reverse:
                    base = base[::-1]
            if limit is not None:
                starts = self.starts
                base = [i for i in base if starts[i] <= limit]
            else:
                base = list(base)
            self._recent[("", limit, column, reverse)] = base
        if needle:
            keys = self.keys
            if len(needles) == 1:  # the common case, kept as fast as a plain substring test
                (one,) = needles
                found = [i for i in base if one in keys[i]]
            else:
                found = [i for i in base if all(n in keys[i] for n in needles)]
        else:
            found = base
        if len(self._recent) > 64:
            self._recent.clear()
        self._recent[want] = found
        return found


class _Rows(Sequence):
    """The rows selected, made only when asked for (the lines drawn, the selected row, CSV)."""

    def __init__(self, table: MembershipTable, indexes: list[int], as_of: _dt.date | None = None):
        self.table, self.indexes, self.as_of = table, indexes, as_of

    def index_of(self, record_id: str) -> int | None:
        """Where the membership `record_id` is among these rows (None: not there)."""
        k = self.table.position.get(record_id)
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
