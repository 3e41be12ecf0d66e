"""Growth: each headline coalition's member count over time, as a table of the dates it changed
(drawn above it as a chart by the front end, from tui.views.growth)."""

from __future__ import annotations

from dataclasses import dataclass

from tui.views.cells import Cell, Column, Row, RowSource
from tui.views.panes.spec import PaneSpec


@dataclass(frozen=True, slots=True)
class GrowthRow:
    coalition: str
    point: object
    change: int
    as_of: object


def table(views) -> RowSource:
    from tui.views.growth import series

    ix = views.ix
    columns = [Column("date", "Date", 10, type="date",
                      cell=lambda r: Cell(r.point.label, sort=r.point.date.isoformat())),
               Column("coalition", "Coalition", 16, min_width=6, flex=True,
                      cell=lambda r: Cell(ix.label(r.coalition, r.as_of))),
               Column("members", "Members", 7, right=True, type="number",
                      cell=lambda r: Cell(str(r.point.members), value=r.point.members)),
               Column("unconfirmed", "Of which unconfirmed", 20, min_width=6, right=True, type="number",
                      cell=lambda r: Cell(str(r.point.unconfirmed), value=r.point.unconfirmed)),
               Column("change", "Change", 8, right=True, type="number",
                      cell=lambda r: Cell(f"{r.change:+d}", value=r.change))]

    def rows_for(as_of, cols) -> list[Row]:
        out = []
        for co in ix.headline:
            before = 0
            for p in series(ix, co.id):
                if as_of is not None and p.date > as_of:
                    break
                out.append(Row.of(cols, GrowthRow(co.id, p, p.members - before, as_of),
                                  f"{co.id}@{p.label}", ("coalition", co.id)))
                before = p.members
        return out

    return RowSource("growth", columns, rows_for, "no headline coalition has members with a known start")


PANE = PaneSpec("growth", "7", "Growth", "each headline coalition's members over time, drawn and as a table",
                section="memberships", noun="memberships", table=table, widget="growth",
                legend="█ confirmed  ░ unconfirmed, or a year or month whose day is not known  ▲ as-of date · "
                       "rows: the dates the count changed")
