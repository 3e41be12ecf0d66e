"""Quotes: who said what, when and where; direct quotes and paraphrases clearly told apart."""

from __future__ import annotations

from tui.ui.panes.base import TablePane, clip


class QuotesPane(TablePane):
    KIND = "quote"
    FILTER = "/ filter by speaker or topic"
    COLUMNS = [("kind", "Kind"), ("speaker", "Speaker"), ("date", "Date"), ("text", "Statement"),
               ("topics", "Topics"), ("occasion", "Occasion"), ("role", "Role then")]

    def fetch(self, as_of, text):
        return self.app.db.quote_rows(as_of, text)

    def cell(self, key, row):
        if key == "kind":
            mark = "“quote”" if row["kind"] == "quote" else "paraphr."
            return mark + ("?" if row.get("unconfirmed") else "")
        if key == "text":
            return clip(row["text"], 60)
        return super().cell(key, row)
