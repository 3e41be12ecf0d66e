"""Sources: the article paragraph by paragraph with the records drawn from each, the public
references with what each supports, and the conflicting claims side by side."""

from __future__ import annotations

from tui.ui.panes.base import SideDetailPane, clip


class SourcesPane(SideDetailPane):
    KIND = "source"
    COLUMNS = [("what", "What"), ("title", "Text / title"), ("count", "Records")]

    def fetch(self, as_of, text):
        return self.app.db.source_rows()

    def cell(self, key, row):
        if key == "title":
            return clip(row["title"], max(30, min(90, self.app.size.width - 26)))
        return super().cell(key, row)

    def side_detail(self, row):
        return self.app.db.detail(*row["link"])
