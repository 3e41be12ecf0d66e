"""Frequency counts of a column (tui/views/counts.py): values, counts, shares, bars, the rows
behind each value."""

from __future__ import annotations

import doctest
import random

import pytest

from tui.views import counts
from tui.views.counts import EMPTY, bar, frequencies


def test_the_module_example_holds():
    assert doctest.testmod(counts).failed == 0


def test_counts_shares_and_rows_of_each_value():
    values = ["NATO", "UDCG", "NATO", "", None, "NATO", "EU"]
    found = frequencies(values)
    assert [(c.value, c.count) for c in found] == [("NATO", 3), (EMPTY, 2), ("EU", 1), ("UDCG", 1)]
    assert found[0].rows == (0, 2, 5) and found[1].rows == (3, 4)
    assert found[0].percent == "42.9%" and abs(sum(c.share for c in found) - 1) < 1e-9
    assert sorted(i for c in found for i in c.rows) == list(range(len(values)))


def test_equally_frequent_values_follow_the_columns_own_order():
    assert [c.value for c in frequencies(["10", "9", "100", "9", "10", "100"])] == ["9", "10", "100"]
    assert [c.value for c in frequencies(["b", "B", "a"])] == ["a", "B", "b"]  # case folded, then as written
    dates = ["2024-03", "2023-04-04", "2024-03", "2023-04-04"]
    newest_first = frequencies(dates, order=lambda v: tuple(-int(p) for p in v.split("-")))
    assert [c.value for c in newest_first] == ["2024-03", "2023-04-04"]
    assert [c.value for c in frequencies([3, 1, 2, 1, 2, 3])] == ["1", "2", "3"]


@pytest.mark.parametrize("width", [1, 8, 20, 33])
def test_bars_are_as_long_as_their_counts(width):
    rng = random.Random(7)
    values = [rng.choice("abcdefg") for _ in range(500)] + ["a"] * 100
    found = frequencies(values, width=width)
    most = found[0].count
    for c in found:
        eighths = len(c.bar.rstrip(counts.PART)) * 8 + (counts.PART.index(c.bar[-1]) if c.bar[-1] in counts.PART else 0)
        assert abs(eighths - c.count * width * 8 / most) <= 0.5 + 1e-9
        assert len(c.bar) <= width
    assert found[0].bar == "█" * width
    assert bar(1, 10_000, 20) == "▏"  # any count shows


def test_no_rows_no_counts_and_the_table_rows():
    assert frequencies([]) == []
    rows = counts.table(frequencies(["x", "y", "x"]))
    assert rows[0] == ("x", "2", "66.7%", "█" * counts.BAR_WIDTH)
    assert len(counts.HEADINGS) == len(rows[0])


def test_counts_of_a_real_column_match_the_index(bundled):
    from tui.views.index import Index

    ix = Index(bundled)
    found = {c.value: c.count for c in frequencies(m.coalition for m in bundled.memberships)}
    assert found == {co: len(ms) for co, ms in ix.by_coalition.items()}
