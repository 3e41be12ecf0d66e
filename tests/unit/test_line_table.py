"""LineTable's cells: cut to their column without losing their marks."""

from __future__ import annotations


def test_a_cut_cell_keeps_its_marks():
    """A cell too wide for its column is cut before its marks, never through them."""
    from tui.ui.widgets.line_table import _fit

    assert _fit("“quote” ⇄ ?", 8, False) == "“qu… ⇄ ?"
    assert _fit("2022-04-26 ?", 8, False) == "2022-… ?"
    assert _fit("Australia ≠", 8, False) == "Austr… ≠"
    assert _fit("Austria", 5, False) == "Aust…"


def test_long_text_gives_way_before_short_whole_values():
    """At 80 columns the Sources pane cut its Tier to 'seco…' while the title kept 44 cells, and
    Countries cut a date to '2022-04… ?' while names kept 14: a column that grows into spare
    width (long text) gives way first, down to its least, before a short value is cut."""
    from tui.ui.widgets.line_table import LineTable
    from tui.views.cells import Column

    table = LineTable([Column("what", "What", 8), Column("title", "Text / title", 60, min_width=20, flex=True),
                       Column("tier", "Tier", 11, min_width=4), Column("records", "Records", 7, min_width=3)])
    assert table.column_widths(78) == (8, 44, 11, 7)
    dates = LineTable([Column("name", "Country", 18, min_width=10, flex=True), Column("nato", "NATO", 12, min_width=10),
                       Column("leads", "Leads", 16, min_width=5, flex=True), Column("n", "Coal.", 5)])
    widths = dates.column_widths(46)  # 4 columns: 8 cells of padding, 38 of text
    assert widths[1] == 12 and widths[3] == 5  # the date with its mark, and the count, whole
    assert widths[2] == 5 and widths[0] == 16  # the rightmost long text gave way first
