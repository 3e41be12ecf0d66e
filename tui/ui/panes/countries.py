"""Countries: every country, its NATO and UDCG standing, the coalitions it leads and joins."""

from __future__ import annotations

from rich.text import Text

from tui.ui.panes.base import TablePane, clip


class CountriesPane(TablePane):
    KIND = "country"
    FILTER = "/ filter by name, ISO code or coalition"
    COLUMNS = [("name", "Country"), ("id", "ISO"), ("nato", "NATO since"), ("udcg", "UDCG"),
               ("led", "Leads"), ("joined", "Member of"), ("quotes", "Quotes")]

    def fetch(self, as_of, text):
        return self.app.db.country_rows(as_of, text)

    def cell(self, key, row):
        if key == "name":
            name = clip(row["name"], 20) + (" ?" if row["unconfirmed"] else "")
            return f"{row['flag']} {name}" if self.app.flags else name
        if key == "quotes":
            return Text(str(row["quotes"] or ""), justify="right")
        return super().cell(key, row)
