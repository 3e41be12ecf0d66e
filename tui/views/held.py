"""What a country holds on a date, as the Countries pane shows it: its spell in each headline
coalition, the labels of the other coalitions it leads and is in, how many coalitions it is a
member of, and the words the filter finds it by.

A country of a big dataset holds thousands of spells (a research dataset: every country in
hundreds of coalitions), and each drawn row of the pane reads all of them. From the cache's
columns (a warm start: tui.data.columns.Store) this reads the spells' codes (coalition, role,
dates, doubt) straight from the columns, with no row made per spell: only the few spells shown in
the headline columns are made, as light rows. Otherwise (the pydantic Dataset) it reads the
records. Both give the same answers (tests/cli/test_warm_frame.py compares every pane's CSV).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tui.core.dates import date_end, date_start
from tui.views.roles import LEADING


@dataclass(frozen=True, slots=True)
class Held:
    """A country's spells that hold on a date, as the Countries pane uses them."""

    headline: Mapping[str, Any]
    """Each headline coalition's first spell held (a membership), by coalition id."""
    leads: tuple[tuple[str, bool], ...]
    """(label, unconfirmed) of each spell held in a coalition not in the headline, leading it."""
    joins: tuple[tuple[str, bool], ...]
    """The same for the spells held in another role."""
    coalitions: int
    """How many coalitions it is a member of (roles that count as membership)."""
    search: str
    """'coalition label role' of every spell held: the filter finds a country by these."""


class HeldBy:
    """`of(country, as_of)`: the Held of a country (each answer remembered for its date)."""

    def __init__(self, ix) -> None:
        """`ix`: the dataset's tui.views.index.Index."""
        self.ix = ix
        self.head = frozenset(ix.dashboard.headline)
        self._made: dict[tuple[str, Any], Held] = {}
        self._dates: dict[Any, tuple] = {}
        self._codes: tuple | None = None

    def of(self, country: str, as_of: _dt.date | None) -> Held:
        found = self._made.get((country, as_of))
        if found is None:
            if len(self._made) > 4096:
                self._made.clear()
            light = self.ix.light and len(self.ix.ds.sections["memberships"])
            found = self._made[(country, as_of)] = (self._from_codes if light else self._from_records)(country, as_of)
        return found

    # --- from the records (models, or any rows) ------------------------------------------------

    def _from_records(self, country: str, as_of) -> Held:
        ix, head = self.ix, self.head
        held = [m for m in ix.by_country.get(country, ()) if ix.active(m, as_of)]
        first: dict[str, Any] = {}
        for m in held:
            if m.coalition in head and m.coalition not in first:
                first[m.coalition] = m
        leads = tuple((ix.label(m.coalition, as_of), m.unconfirmed) for m in held
                      if m.coalition not in head and m.role in LEADING)
        joins = tuple((ix.label(m.coalition, as_of), m.unconfirmed) for m in held
                      if m.coalition not in head and m.role not in LEADING)
        n = len({m.coalition for m in held if ix.is_member(m)})
        search = " ".join(f"{m.coalition} {ix.label(m.coalition, as_of)} {m.role}" for m in held)
        return Held(first, leads, joins, n, search)

    # --- from the columns' codes ----------------------------------------------------------------

    def _tables(self, as_of) -> tuple:
        """For a date: which `since` codes have begun (None: no since, the coalition's founding
        decides), which `until` codes still hold, which coalition codes were founded by then,
        and each coalition code's label then."""
        found = self._dates.get(as_of)
        if found is None:
            ix = self.ix
            section = ix.ds.sections["memberships"]
            coalitions = section.codes("coalition")[0]
            if as_of is None:
                since_ok = [True] * len(section.codes("since")[0])
                until_ok = [True] * len(section.codes("until")[0])
                founded_ok = [True] * len(coalitions)
            else:
                since_ok = [None if v is None else date_start(v) <= as_of for v in section.codes("since")[0]]
                until_ok = [v is None or as_of <= date_end(v) for v in section.codes("until")[0]]
                founded_ok = []
                for c in coalitions:
                    co = ix.coalitions.get(c)
                    founded = co.founded if co else None
                    founded_ok.append(founded is None or date_start(founded) <= as_of)
            labels = [ix.label(c, as_of) for c in coalitions]
            if len(self._dates) > 8:
                self._dates.clear()
            found = self._dates[as_of] = (since_ok, until_ok, founded_ok, labels)
        return found

    def _columns(self) -> tuple:
        """The codes read (made once): coalition, role, since, until and doubt of every spell,
        the headline coalitions' codes, the leading roles' codes, and whether a role code
        counts as membership of a coalition code (filled as asked)."""
        if self._codes is None:
            section = self.ix.ds.sections["memberships"]
            coalitions, coalition = section.codes("coalition")
            roles, role = section.codes("role")
            doubts, doubt = section.codes("unconfirmed")
            headline = {k for k, c in enumerate(coalitions) if c in self.head}
            self._codes = (coalitions, coalition, roles, role, section.codes("since")[1], section.codes("until")[1],
                           doubts, doubt, headline, [r in LEADING for r in roles], {})
        return self._codes

    def _from_codes(self, country: str, as_of) -> Held:
        ix, head = self.ix, self.head
        section = ix.ds.sections["memberships"]
        groups = ix.by_country
        if country not in groups:
            return Held({}, (), (), 0, "")
        where = groups.positions(country)
        since_ok, until_ok, founded_ok, labels = self._tables(as_of)
        (coalitions, coalition, roles, role, since, until, doubts, doubt, headline, leading,
         member) = self._columns()
        first: dict[str, Any] = {}
        leads: list[tuple[str, bool]] = []
        joins: list[tuple[str, bool]] = []
        counted: set[int] = set()
        words: list[str] = []
        for i in where:
            k = coalition[i]
            ok = since_ok[since[i]]
            if not (founded_ok[k] if ok is None else ok) or not until_ok[until[i]]:
                continue
            r = role[i]
            label = labels[k]
            words.append(f"{coalitions[k]} {label} {roles[r]}")
            if k in headline:
                if coalitions[k] not in first:
                    first[coalitions[k]] = ix.ds.memberships[i]  # one light row, for its cell
            else:
                (leads if leading[r] else joins).append((label, doubts[doubt[i]]))
            if k not in counted:
                is_member = member.get((k, r))
                if is_member is None:
                    is_member = member[(k, r)] = roles[r] in ix.member_roles(coalitions[k])
                if is_member:
                    counted.add(k)
        return Held(first, tuple(leads), tuple(joins), len(counted), " ".join(words))

    # --- a coalition's spells, as the status line counts them -----------------------------------

    def holding(self, coalition: str, as_of: _dt.date | None) -> list[tuple[str, str, bool]]:
        """(country, role, unconfirmed) of each spell of `coalition` that holds on `as_of`, in
        the data's order: from the codes on a warm start (no row made), else from the records."""
        ix = self.ix
        if not (ix.light and len(ix.ds.sections["memberships"])):
            return [(m.country, m.role, m.unconfirmed) for m in ix.members(coalition, as_of)]
        groups = ix.by_coalition
        if coalition not in groups:
            return []
        since_ok, until_ok, founded_ok, _ = self._tables(as_of)
        (coalitions, coalition_code, roles, role, since, until, doubts, doubt, _, _, _) = self._columns()
        countries, country = ix.ds.sections["memberships"].codes("country")
        out = []
        for i in groups.positions(coalition):
            ok = since_ok[since[i]]
            if (founded_ok[coalition_code[i]] if ok is None else ok) and until_ok[until[i]]:
                out.append((countries[country[i]], roles[role[i]], doubts[doubt[i]]))
        return out
