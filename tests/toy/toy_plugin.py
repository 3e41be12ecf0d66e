"""A toy kind of record ('gadget', section `gadgets`) and a toy pane ('gadgets', key 0: 9 is the Map),
declared the way a contributor adds one: a Kind in tui.core.kinds, its views in
tui.views.records and tui.views.detail, and a PaneSpec in tui.views.panes. Imported first thing
(before the tool's own modules), as a plugin would be."""

from __future__ import annotations

from tui.core import kinds

kinds.register(kinds.Kind("gadget", "gadgets", "gadget", "gadgets", "toy_model:Gadget"))

from tui.views import detail, records  # noqa: E402  (after the kind: the model is made from it)
from tui.views.cells import Cell, Column, Row, RowSource  # noqa: E402
from tui.views.lines import Line  # noqa: E402
from tui.views.panes import PaneSpec, register  # noqa: E402

records.VIEWS["gadget"] = records.KindView(
    label=lambda ix, g: g.name,
    search=lambda ix, g: [g.name, g.note or ""],
    link=lambda g: ("gadget", g.id))


@detail.builds("gadget")
def _detail_gadget(self, id, as_of):
    g = self.record("gadget", id)
    if g is None:
        return None
    made = [Line(f"Made in {self.ix.country_name(g.country)}", ("country", g.country), tuple(g.sources))] \
        if g.country else []
    return detail.Detail(g.name, [("Gadget", made or [Line("Maker not known")]),
                                  ("Sources", self._source_lines(g.sources))])


def _table(views) -> RowSource:
    ix = views.ix
    columns = [Column("name", "Gadget", 20, flex=True, marks=("unconfirmed",),
                      cell=lambda g: Cell(g.name, unconfirmed=g.unconfirmed)),
               Column("country", "Made in", 16, cell=lambda g: Cell(ix.country_name(g.country)))]
    return RowSource("gadget", columns, lambda as_of, cols: [
        Row.of(cols, g, g.id, ("gadget", g.id), tuple(g.sources), g.unconfirmed) for g in ix.ds.gadgets])


register(PaneSpec("gadgets", "0", "Gadgets", "every gadget and who made it", section="gadgets", noun="gadgets",
                  table=_table))
