"""The panes of the dashboard: one table pane class (base.TablePane) over each pane's row source,
with the meetings' chart and the side panels added below. Which panes there are is declared
once, in tui.views.panes.PANES; each declaration names its widget kind (`WIDGETS`)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from tui.ui.messages import ShowDetail
from tui.ui.panes.base import TablePane
from tui.ui.panes.changes import ChangesPane
from tui.ui.panes.growth import GrowthPane
from tui.ui.panes.map import MapPane
from tui.ui.panes.meetings import MeetingsPane


class SidePane(TablePane):
    """A table with the selected row's detail, one line per section, below it."""

    SIDE = True


class MembershipsPane(TablePane):
    """Every membership spell; Enter opens the coalition, `c` the country."""

    BINDINGS: ClassVar = [
        Binding("c", "open_country", "Country", id="memberships.country",
                tooltip="Open the selected membership's country"),
    ]

    def action_open_country(self) -> None:
        row = self.selected_row()
        if row is not None and row.cells[0].link:
            self.post_message(ShowDetail(*row.cells[0].link))


WIDGETS: dict[str, type[TablePane]] = {
    "table": TablePane, "side": SidePane, "meetings": MeetingsPane, "memberships": MembershipsPane,
    "growth": GrowthPane, "changes": ChangesPane, "map": MapPane,
}
"""How each kind of pane is drawn (tui.views.panes.PaneSpec.widget); an unknown kind is a table."""


def widget_for(pane_id: str) -> TablePane:
    """The widget that draws a pane, as its declaration says."""
    from tui.views.panes import pane

    return WIDGETS.get(pane(pane_id).widget, TablePane)(pane_id)
