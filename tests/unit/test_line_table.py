"""LineTable's cells: cut to their column without losing their marks."""

from __future__ import annotations


def test_a_cut_cell_keeps_its_marks():
    """A cell too wide for its column is cut before its marks, never through them."""
    from tui.ui.widgets.line_table import _fit

    assert _fit("“quote” ⇄ ?", 8, False) == "“qu… ⇄ ?"
    assert _fit("2022-04-26 ?", 8, False) == "2022-… ?"
    assert _fit("Australia ≠", 8, False) == "Austr… ≠"
    assert _fit("Austria", 5, False) == "Aust…"
