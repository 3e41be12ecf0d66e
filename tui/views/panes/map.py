"""Map: every country shaded by its standing in one coalition (a headline coalition by default,
any from the palette) as of the date shown, drawn by the front end from tui.views.map; the table
under it is the country list with each country's state (the pane's CSV), so nothing the picture
cannot show is missing from the pane."""

from __future__ import annotations

from dataclasses import dataclass

from tui.views.cells import Cell, Column, Row, RowSource
from tui.views.panes.spec import PaneSpec


@dataclass(frozen=True, slots=True)
class MapRow:
    code: str
    name: str
    state: str
    shape: bool
    place: str  # on the map in view: yes, or why not (tui.views.map.place)


def coalition_of(views) -> str | None:
    """The coalition the Map shows: the one chosen (`views.map_coalition`), else the first
    headline coalition, else any coalition with members."""
    ix = views.ix
    chosen = getattr(views, "map_coalition", None)
    if chosen in ix.coalitions:
        return chosen
    return next((c.id for c in ix.headline), next(iter(ix.by_coalition), None))


def table(views) -> RowSource:
    import tui.views.map as worldmap  # the shapes are read when the Map is first built

    ix = views.ix
    rank = {s: i for i, s in enumerate(worldmap.STATES)}
    columns = [Column("name", "Country", 24, min_width=10, flex=True,
                      cell=lambda r: Cell(r.name, sort=r.name.casefold(), link=("country", r.code))),
               Column("id", "ISO", 3, cell=lambda r: Cell(r.code)),
               Column("state", "State", 18, min_width=8,
                      cell=lambda r: Cell(f"{worldmap.FULL[r.state]} {worldmap.STATE_WORDS[r.state]}",
                                          value=worldmap.STATE_WORDS[r.state], sort=rank[r.state],
                                          unconfirmed=r.state == "unconfirmed")),
               Column("shape", "On the map", 22, min_width=4, flex=True,
                      cell=lambda r: Cell(r.place))]  # the CSV in the screen's words (no true/false of its own)

    def rows_for(as_of, cols) -> list[Row]:
        coalition = coalition_of(views)
        if coalition is None:
            return []
        states = worldmap.states_on(ix, coalition, as_of)
        shapes = worldmap.shapes()
        codes = sorted(set(ix.countries) | set(states),
                       key=lambda c: (rank[states.get(c, "none")], ix.country_name(c).casefold(), c))
        picture = getattr(views, "map_picture", None)
        return [Row.of(cols, MapRow(c, ix.country_name(c), states.get(c, "none"), c in shapes,
                                    worldmap.place(picture, c)), c,
                       ("country", c), unconfirmed=states.get(c) == "unconfirmed") for c in codes]

    return RowSource("map", columns, rows_for, "no coalition has members")


PANE = PaneSpec("map", "9", "Map", "every country shaded by its standing in one coalition, as of the date shown",
                section="memberships", noun="memberships", table=table, widget="map",
                legend="f: frame · [ ]: the coalition's changes · palette: another coalition")
