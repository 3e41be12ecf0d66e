"""The Sources pane of a source behind thousands of records (issue 20: a million memberships cite
twenty sources): the side panel lists the first few records that cite it and says how many more;
the full detail lists at most MOST_LISTED and says how many more."""

from __future__ import annotations

from textual.widgets import Static

from conftest import ready, until
from generated import warm_store


def _side(pane) -> str:
    return str(pane.query_one(".side-detail", Static).render())


async def test_the_side_panel_lists_a_few_of_what_cites_a_source_and_counts_the_rest(make_app, tmp_path):
    store = warm_store(tmp_path, countries=120, memberships=2000, sources=4)
    app = make_app(store, pane="sources")
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        pane = app.pane("sources")
        row = pane.selected_row()
        assert row is not None and row.link == ("source", row.id)
        total = int(row.cells[3].text)
        assert total > pane.SIDE_LISTED
        await until(pilot, lambda: "Supports" in _side(pane), "the side panel")
        side = _side(pane)
        supports = next(line for line in side.splitlines() if line.startswith("Supports"))
        assert supports.startswith(f"Supports ({total:,} records): ")
        assert supports.count("; ") == pane.SIDE_LISTED  # 30 records, then how many more
        assert supports.endswith(f"; … and {total - pane.SIDE_LISTED:,} more")
