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
        from tui.core.changes import counts
        from tui.views.panes.changes import changes_of, interval

        db, as_of = self.views, self.as_of
        lo, hi = interval(db, as_of)
        dated, possibly, unknown = counts(changes_of(db, as_of))
        apart = [f"{possibly} possibly" if possibly else "", f"{unknown} of unknown date" if unknown else ""]
        apart_text = f"; listed apart: {', '.join(a for a in apart if a)}" if any(apart) else ""
        self.query_one("#changes-interval", Static).update(Text(
            f" {dated} change{'s' if dated != 1 else ''} from {lo} to {hi} (both days included){apart_text}",
            style="bold"))
