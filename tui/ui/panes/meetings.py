"""Meetings: the table pane, with each coalition's stated participant counts drawn below
(tui.views.chart: one row per kind of count, gaps where there is none, a dated axis)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.ui.panes.base import TablePane
from tui.views.cells import CONFLICT_MARK, FEATURED_MARK, UNCONFIRMED_MARK
from tui.views.chart import LEGEND, counted_coalitions, participation


class MeetingsPane(TablePane):
    def compose_bottom(self) -> ComposeResult:
        with Vertical(id="participation"):
            yield Static("", id="participation-label", classes="caption")
            yield Static("", id="participation-chart")

    def on_resize(self) -> None:
        self._draw_chart()

    def after_reload(self) -> None:
        super().after_reload()
        self._draw_chart()

    def _draw_chart(self) -> None:
        ix = self.views.ix
        legend = f"{UNCONFIRMED_MARK} unconfirmed · {CONFLICT_MARK} sources disagree"
        if ix.featured is not None:
            legend = f"{FEATURED_MARK} the meeting {ix.featured_name} describes · {legend}"
        width = max(20, self.size.width - 2)
        roomy = self.screen.size.height >= 30  # below that the table needs the rows; the legend stays
        captions, lines = [], []
        for coalition in counted_coalitions(ix, self.as_of) or [None]:  # one series per coalition
            caption, drawn = participation(ix, self.as_of, width, coalition)
            captions.append(caption)
            lines += drawn
        label = "\n".join(captions) + f"\n{LEGEND}  {legend}" if roomy else f"{LEGEND}  {legend}"
        self.query_one("#participation-label", Static).update(Text(label))
        chart = self.query_one("#participation-chart", Static)
        chart.display = roomy
        chart.update(Text("\n".join(lines)))
