"""Sources: the article paragraph by paragraph with the records drawn from each, the public
references with what each supports, and the conflicting claims side by side."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from tui.panes.base import TablePane


class SourcesPane(TablePane):
    KIND = "source"
    COLUMNS = [("what", "What"), ("title", "Text / title"), ("count", "Records")]

    def compose_bottom(self) -> ComposeResult:
        with VerticalScroll(id="source-side", classes="side"):
            yield Static("", id="source-detail")

    def fetch(self, as_of, text):
        return self.app.db.source_rows()

    def cell(self, key, row):
        if key == "title":
            t = row["title"]
            return t if len(t) <= 90 else t[:89] + "…"
        return super().cell(key, row)

    def after_reload(self) -> None:
        self._show(self.selected_row())

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(self.selected_row())

    def _show(self, row) -> None:
        box = self.query_one("#source-detail", Static)
        if row is None:
            box.update("")
            return
        detail = self.app.db.detail(*row["link"])
        if detail is None:
            box.update("")
            return
        parts = []
        for heading, lines in detail.sections:
            parts.append(f"[b]{heading}[/b]")
            parts.extend(_escape(line.text) for line in lines)
        box.update("\n".join(parts))


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
