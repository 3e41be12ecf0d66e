"""Countries: every country, when it joined each headline coalition (in that coalition's name on
the date shown), the coalitions it leads and is in, and how many statements its people made."""

from __future__ import annotations

from dataclasses import dataclass

from tui.views.cells import Cell, Column, LazyRows, Row, RowSource, listed
from tui.views.held import Held
from tui.views.panes.spec import PaneSpec


@dataclass(frozen=True, slots=True)
class CountryRow:
    """A country as of a date: the record and what it holds then (tui.views.held: read from the
    cache's codes on a warm start, no row made per membership)."""

    country: object
    held: Held
    quotes: int
    as_of: object


def table(views) -> RowSource:
    ix, flags = views.ix, views.flags
    quotes: dict[str, int] = {}
    for q in ix.ds.quotes:
        person = ix.people.get(q.speaker)
        if person and person.country:
            quotes[person.country] = quotes.get(person.country, 0) + 1

    def name(r: CountryRow) -> Cell:
        c = r.country
        return Cell(f"{c.flag} {c.name}" if flags else c.name, value=c.name, sort=c.name,
                    unconfirmed=c.unconfirmed, conflict=ix.disputed("country", c.id),
                    sources=tuple(c.sources), link=("country", c.id))

    def standing_text(m, joined) -> str:
        if joined and not ix.is_member(m):  # a participant where participants are not members
            return f"{joined} {m.role}"
        return joined or m.role

    def standing(coalition: str):
        def get(r: CountryRow) -> Cell:
            m = r.held.headline.get(coalition)
            if m is None:
                return Cell("")
            joined = ix.joined(m)
            # the CSV says what the screen says: a date, or the role where no date is known
            return Cell(standing_text(m, joined), unconfirmed=m.unconfirmed, sources=tuple(m.sources),
                        link=("coalition", coalition), sort=joined or "")
        return get

    def others(leading: bool):
        def get(r: CountryRow) -> Cell:
            return listed(list(r.held.leads if leading else r.held.joins))
        return get

    def n_coalitions(r: CountryRow) -> Cell:
        """How many coalitions the country is a member of on the date (roles that count as membership)."""
        n = r.held.coalitions
        return Cell(str(n) if n else "", value=n)

    def n_quotes(r: CountryRow) -> Cell:
        return Cell(str(r.quotes) if r.quotes else "", value=r.quotes)

    made: dict = {}

    def columns(as_of) -> list[Column]:
        found = made.get(as_of)  # asked for at every redraw: made once a date
        if found is None:
            if len(made) > 8:
                made.clear()
            found = made[as_of] = _columns(as_of)
        return found

    def _columns(as_of) -> list[Column]:
        cols = [Column("name", "Country", 18, min_width=10, flex=True, cell=name, marks=("unconfirmed", "conflict")),
                Column("id", "ISO", 3, cell=lambda r: Cell(r.country.id))]
        for co in ix.headline:
            label = ix.label(co.id, as_of)
            # its longest cell with its mark: a date, a role named beside it ("1977 participant")
            longest = max((len(standing_text(m, ix.joined(m))) + 2 * m.unconfirmed
                           for m in ix.by_coalition.get(co.id, ())), default=0)
            cols.append(Column(co.id, label, max(12, longest, min(16, len(label))), min_width=10, cell=standing(co.id),
                               marks=("unconfirmed",), type="date"))
        cols += [Column("leads", "Leads", 16, min_width=5, flex=True, cell=others(True), marks=("unconfirmed",)),
                 Column("member_of", "Member of", 24, min_width=9, flex=True, cell=others(False),
                        marks=("unconfirmed",)),
                 Column("coalitions", "Coal.", 5, right=True, cell=n_coalitions, type="number"),
                 Column("quotes", "Quotes", 6, right=True, cell=n_quotes, type="number")]
        return cols

    held_by = ix.held_by

    def rows_for(as_of, cols) -> LazyRows:
        countries = sorted(ix.ds.countries, key=lambda c: c.name.lower())

        def make(i: int) -> Row:  # a row is made when it is drawn, sorted, filtered or exported
            c = countries[i]
            held = held_by.of(c.id, as_of)
            # the filter also finds a country by the coalitions it is in ("udcg", "NATO")
            return Row.of(cols, CountryRow(c, held, quotes.get(c.id, 0), as_of), c.id, ("country", c.id),
                          tuple(c.sources), c.unconfirmed, search=held.search)

        return LazyRows([c.id for c in countries], make)

    return RowSource("country", columns, rows_for, "no country is in this dataset")


PANE = PaneSpec("countries", "1", "Countries", "every country, when it joined each headline coalition, "
                "the coalitions it leads and joins", section="countries", noun="countries", table=table)
