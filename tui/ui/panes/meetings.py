"""Meetings: the table pane, with each coalition's stated participant counts drawn below."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from tui.ui.panes.base import TablePane
from tui.views.cells import FEATURED_MARK, UNCONFIRMED_MARK


class MeetingsPane(TablePane):
    def compose_bottom(self) -> ComposeResult:
        with Vertical(id="participation"):
            yield Static("", id="participation-label", classes="caption")
            yield Sparkline([], id="participation-chart")

    def after_reload(self) -> None:
        super().after_reload()
        ix = self.app.db.ix
        label = self.query_one("#participation-label", Static)
        chart = self.query_one("#participation-chart", Sparkline)
        legend = f"{UNCONFIRMED_MARK} unconfirmed"
        if ix.featured is not None:
            legend = f"{FEATURED_MARK} the meeting {ix.featured_name} describes · {legend}"
        # one series: the coalition with the most counted meetings (each coalition numbers its own)
        series = ix.participant_series(self.app.as_of)
        if series:
            coalition, points = series
            values = [v for _, v in points]
            label.update(Text(f"{ix.label(coalition)} participants as stated, meetings {points[0][0]}–"
                              f"{points[-1][0]}: {values[0]} → {values[-1]} (min {min(values)}, max "
                              f"{max(values)}) · {legend}"))
            chart.data = values
        else:
            label.update(Text(f"No participant counts stated. · {legend}"))
            chart.data = []
