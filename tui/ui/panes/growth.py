"""Growth: each headline coalition's member count over time, drawn as a step chart (text, see
tui.views.growth) above the table of the dates it changed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.ui.panes.base import TablePane
from tui.views.chart import counted_coalitions, participation


class GrowthPane(TablePane):
    def compose(self) -> ComposeResult:
        with VerticalScroll(id="growth-charts"):
            yield Static("", id="growth-chart")
        yield from super().compose()

    def on_resize(self) -> None:
        self._draw()

    def after_reload(self) -> None:
        super().after_reload()
        self._draw()

    def _draw(self) -> None:
        from tui.views import growth

        ix = self.views.ix
        width = max(20, self.size.width - 4)
        height = 5 if self.screen.size.height >= 36 else 3
        lines: list[str] = []
        counted = counted_coalitions(ix, self.as_of)
        for co in ix.headline:
            lines += growth.chart(ix, co.id, self.as_of, width, height)
            if co.id in counted:  # the stated counts of its meetings, wording kept, as a second series
                caption, drawn = participation(ix, self.as_of, width, co.id, height)
                lines += [caption] + drawn
        self.query_one("#growth-chart", Static).update(Text("\n".join(lines)))
