"""A pane's rows are made and selected in a thread worker when that may take long
(tui.views.cells.RowSource.quick, read by tui.ui.selecting): rows a source says are slow to make,
and a filter or sort of QUICK_ROWS rows or more. A worker's selection stops when cancelled."""

from __future__ import annotations

import pytest

from tui.views import cells
from tui.views.cells import Cell, Column, Row, RowSource
from tui.views.field_search import Cancelled


def _source(n: int, slow=None) -> RowSource:
    columns = [Column("n", "N", 6, cell=lambda i: Cell(str(i), value=i), type="number")]
    return RowSource("thing", columns, lambda as_of, cols: [Row.of(cols, i, str(i), None) for i in range(n)],
                     slow=slow)


def test_rows_said_to_be_slow_are_first_made_in_a_worker():
    source = _source(10, slow=lambda: True)
    assert not source.quick(None)
    assert len(source.select(None)) == 10
    assert source.quick(None)  # made: answered at once from now on
    assert not source.quick("2024-01-01")  # another date's rows are not made yet
    assert _source(10).quick(None)  # a source that says nothing is quick


def test_filtering_or_sorting_many_rows_is_done_in_a_worker(monkeypatch):
    monkeypatch.setattr(cells, "QUICK_ROWS", 100)
    source = _source(150)
    source.rows(None)
    assert source.quick(None)  # taken as they are
    assert not source.quick(None, "14")
    assert not source.quick(None, "", "n")
    assert not source.quick(None, "", None, True)
    assert _source(50).quick(None, "14", "n")


def test_a_cancelled_selection_stops():
    source = _source(150)
    with pytest.raises(Cancelled):
        source.select(None, "14", cancelled=lambda: True)
    assert [r.id for r in source.select(None, "14", cancelled=lambda: False)] == [str(i) for i in range(150) if "14" in str(i)]
