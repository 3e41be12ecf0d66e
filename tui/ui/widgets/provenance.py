"""The line at the top of every screen (and so of every screenshot): the dataset's title, cut
when the terminal is narrow, then the as-of date, the date the data was last checked and the
tool's version, which are never cut. The bar is handed its lines: on mount it asks (a message
the app answers), and the app draws every bar again when the as-of date changes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
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

    def __init__(self, lines: tuple[str, str] | None = None, **kwargs) -> None:
        """`lines`: (title, dates) to draw from the start (the dashboard knows them when it is
        composed: its first frame is laid out once, with them); None: asked for once mounted."""
        super().__init__(**kwargs)
        self._lines = lines

    def compose(self) -> ComposeResult:
        title, dates = self._lines if self._lines is not None else ("", "")
        yield Static(Text("◆ " + title) if self._lines is not None else "", classes="title")
        yield Static(Text(dates), classes="dates")

    class Wanted(Message):
        """A bar was mounted and asks for its lines (the app answers with `show`)."""

        def __init__(self, bar: "ProvenanceBar") -> None:
            super().__init__()
            self.bar = bar

    def on_mount(self) -> None:
        if self._lines is None:
            self.post_message(self.Wanted(self))

    def show(self, title: str, dates: str) -> None:
        """Draw the dataset's title and the dates (as of, checked, version), as plain text."""
        self.query_one(".title", Static).update(Text("◆ " + title))
        self.query_one(".dates", Static).update(Text(dates))
