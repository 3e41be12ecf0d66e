"""The line at the top of every screen (and so of every screenshot): the dataset's title, cut
when the terminal is narrow, then the as-of date, the date the data was last checked and the
tool's version, which are never cut."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class ProvenanceBar(Horizontal):
    DEFAULT_CSS = """
    ProvenanceBar {
        height: 1;
        background: $panel;
        color: $foreground;
    }
    ProvenanceBar > .title {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        text-style: bold;
        padding: 0 1;
    }
    ProvenanceBar > .dates {
        width: auto;
        color: $text-muted;
        padding: 0 1 0 0;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("", classes="title")
        yield Static("", classes="dates")

    def on_mount(self) -> None:
        self.refresh_bar()

    def refresh_bar(self) -> None:
        app = self.app
        title, dates = app.db.ix.provenance(app.as_of, app.version)
        typed = getattr(app, "as_of_text", None)
        if typed and app.as_of:  # "as of 2023-12-31, the end of 2023"
            dates = dates.replace(app.as_of.isoformat(), f"{app.as_of.isoformat()}, the end of {typed}", 1)
        self.query_one(".title", Static).update(Text("◆ " + title))
        self.query_one(".dates", Static).update(Text(dates))
