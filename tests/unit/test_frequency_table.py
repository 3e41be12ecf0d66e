"""The frequency view's counts (tui.views.frequency): counted under the text a cell shows, marks
counted beside it, numbers kept numbers in the CSV."""

from __future__ import annotations

import csv
import datetime as _dt
import io

from tui.export.frequency import frequency_csv
from tui.views.cells import Cell, Column, Row, listed
from tui.views.frequency import frequency

COLUMNS = [Column("name", "Country", 10), Column("role", "Role", 10, marks=("unconfirmed",)),
           Column("n", "Coal.", 5, right=True, type="number"), Column("areas", "Areas", 10)]


def row(name, role, doubt, n, areas, conflict=False) -> Row:
    return Row(name, (Cell(name), Cell(role, unconfirmed=doubt, conflict=conflict), Cell(str(n), value=n),
                      listed(areas)), None)


ROWS = [row("A", "member", False, 2, [("Drones", False)]),
        row("B", "member", True, 10, [("Drones", False), ("IT", True)]),
        row("C", "lead", False, 2, [("Drones", False), ("IT", True)]),
        row("D", "", False, 10, [], conflict=True),
        row("E", "member", True, 2, [("Drones", False)])]


def test_values_are_counted_under_their_text_with_their_marks_beside():
    freq = frequency("countries", "Countries", COLUMNS, ROWS, 1, _dt.date(2024, 1, 1), "x")
    assert [(v.count.value, v.count.count, v.marks) for v in freq.values] == [
        ("member", 3, {"unconfirmed": 2}), ("lead", 1, {}), ("(empty)", 1, {"conflict": 1})]  # empty last of a tie
    assert freq.marks == ("unconfirmed", "conflict")
    assert freq.values[0].marks_text(freq.marks) == "2 ?"
    assert freq.about == "5 rows as of 2024-01-01, filtered by “x”: 3 values"
    assert "? unconfirmed" in freq.marks_legend and "≠ sources disagree" in freq.marks_legend


def test_a_list_cell_keeps_its_marked_items_and_counts_as_unconfirmed():
    freq = frequency("countries", "Countries", COLUMNS, ROWS, 3)
    assert [(v.count.value, v.count.count, v.marks) for v in freq.values] == [
        ("Drones", 2, {}), ("Drones, IT ?", 2, {"unconfirmed": 2}), ("(empty)", 1, {})]


def test_the_csv_keeps_numbers_numbers_and_empty_values_empty():
    header, rows = frequency("countries", "Countries", COLUMNS, ROWS, 2).csv()
    assert header == ["Coal.", "count", "share"]
    assert rows == [[2, 3, 0.6], [10, 2, 0.4]]  # equally frequent: in the column's own order
    text = frequency_csv(frequency("countries", "Countries", COLUMNS, ROWS, 1))
    got = list(csv.reader(io.StringIO(text)))
    assert got[0] == ["Role", "count", "share", "unconfirmed", "conflict"]
    assert got[1:] == [["member", "3", "0.6", "2", "0"], ["lead", "1", "0.2", "0", "0"], ["", "1", "0.2", "0", "1"]]


def test_a_value_a_spreadsheet_would_run_is_quoted_in_the_csv():
    rows = [Row("a", (Cell("=1+2"),), None)]
    text = frequency_csv(frequency("p", "P", [Column("f", "Formula", 5)], rows, 0))
    assert list(csv.reader(io.StringIO(text)))[1][0] == "'=1+2"


def test_the_bar_is_drawn_to_the_width_it_is_given():
    freq = frequency("countries", "Countries", COLUMNS, ROWS, 1)
    first, last = freq.cells(0)[-1], freq.cells(2)[-1]
    assert callable(first) and len(first(30)) == 30 and len(first(10)) == 10
    assert 0 < len(last(30)) < len(first(30))


def test_the_long_tables_cells_of_one_column_are_its_rows_cells():
    """Memberships hands F one column without making its rows: the same cells, in row order."""
    from pathlib import Path

    from tui.data.load import load
    from tui.views import Views

    views = Views(load(Path(__file__).parents[1] / "data" / "club.yaml"), _dt.date(2026, 11, 25))
    source = views.source("memberships")
    for as_of, text, sort in ((None, "", None), (_dt.date(1986, 1, 1), "", "since"), (None, "dk", "role")):
        rows = source.select(as_of, text, sort)
        assert len(rows) > 1
        for i in range(len(source.columns)):
            assert rows.column_cells(i) == [r.cells[i] for r in rows]
            fast, slow = frequency("m", "M", source.columns, rows, i), frequency("m", "M", source.columns, list(rows), i)
            assert fast == slow


def test_the_counts_title_draws_a_heading_from_the_data_as_text():
    """A column's heading can be a coalition's name from the data: no control character of it
    reaches the screen raw (the title was drawn as given)."""
    from tui.views.frequency import counts_title

    title = counts_title("EVIL\x1b]0;pwned\x07 club", "Countries")
    assert title.startswith("Counts of EVIL") and "\x1b" not in title and "\x07" not in title
