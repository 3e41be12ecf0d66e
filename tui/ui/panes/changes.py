"""Changes: what changed between two dates, the interval said on screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tui.ui.panes.base import TablePane


class ChangesPane(TablePane):
    def compose_bottom(self) -> ComposeResult:
        yield Static("", id="changes-interval", classes="caption")

    def after_reload(self) -> None:
        super().after_reload()
        db, as_of = self.app.db, self.app.as_of
        end = as_of or db.latest
        start = db.changes_from or db.ix.step(end, -1)
        lo, hi = sorted((start, end)) if start and end else (start, end)
        n = len(self.rows)
        self.query_one("#changes-interval", Static).update(Text(
            f" {n} change{'s' if n != 1 else ''} from {lo} to {hi} (both days included)", style="bold"))
