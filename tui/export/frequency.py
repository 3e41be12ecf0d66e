"""The frequency view of a column (tui.views.frequency) as CSV: the value, its count, its share
(0 to 1), and for each mark some counted row carries, how many of the value's rows carry it.
Every cell goes through the CSV rule of tui.core.text (rows_to_csv)."""

from __future__ import annotations

from tui.export.data import rows_to_csv


def frequency_csv(freq) -> str:
    header, rows = freq.csv()
    return rows_to_csv(header, rows)
