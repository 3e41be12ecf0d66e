"""Meetings: every meeting in order, the article's marked, and participant counts over time."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from tui.ui.panes.base import TablePane, clip


class MeetingsPane(TablePane):
    KIND = "meeting"
    COLUMNS = [("number", "#"), ("date", "Date"), ("venue", "Venue"), ("format", "Format"),
               ("participants", "Participants"), ("chairs", "Chairs")]

    def compose_bottom(self) -> ComposeResult:
        with Vertical(id="participation"):
            yield Static("", id="participation-label", classes="caption")
            yield Sparkline([], id="participation-chart")

    def fetch(self, as_of, text):
        return self.app.db.meeting_rows(as_of)

    def cell(self, key, row):
        if key == "number":
            return f"{row['number']}{' ★' if row['article'] else ''}{' ?' if row['unconfirmed'] else ''}"
        if key == "participants":
            return Text(str(row[key]), justify="right")
        if key == "venue":
            return clip(row[key], 26)
        return super().cell(key, row)

    def after_reload(self) -> None:
        series = self.app.db.participant_series(self.app.as_of)
        label = self.query_one("#participation-label", Static)
        chart = self.query_one("#participation-chart", Sparkline)
        if series:
            lo, hi = min(v for _, v in series), max(v for _, v in series)
            label.update(f"Participants, meetings {series[0][0]}–{series[-1][0]}: {series[0][1]} → "
                         f"{series[-1][1]} (min {lo}, max {hi}) · ★ the article's")
            chart.data = [v for _, v in series]
        else:
            label.update("No participant counts stated.   ★ the article's meeting")
            chart.data = []
