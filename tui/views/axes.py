"""Axes for the text charts (growth, participation): a y scale from zero labelled at the left, a
time axis with evenly spaced date ticks that fit the width, and the as-of date marked. Pure text.

    12┤      ░░░░
      │  ████████
     0└─┬────┬────┬
        2022 2023 2024
                ▲ as of 2023-06-01: 12
"""

from __future__ import annotations

import datetime as _dt
import math

YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)
MONTH_STEPS = (1, 2, 3, 6)
GAP = 2
"""The fewest spaces between two tick labels."""
AS_OF = "┊"
"""The as-of date's column, drawn in the empty cells of a chart above its bars."""


def column(day: _dt.date, lo: _dt.date, span: int, width: int) -> int:
    """The column of `day` on an axis of `width` columns from `lo` (column 0) to lo + span days
    (the last column)."""
    if width <= 1 or span <= 0:
        return 0
    return max(0, min(width - 1, round((day - lo).days * (width - 1) / span)))


def day_of(col: int, lo: _dt.date, span: int, width: int) -> _dt.date:
    """The first day of a column (the inverse of `column`, rounding down)."""
    if width <= 1:
        return lo
    return lo + _dt.timedelta(days=math.ceil((col - 0.5) * span / (width - 1))) if col else lo


def _ticks(lo: _dt.date, hi: _dt.date, months: int) -> list[_dt.date]:
    """First days of months that are multiples of `months` (counted from year 0) within lo..hi."""
    index = lo.year * 12 + lo.month - 1
    index += (-index) % months
    if _dt.date(index // 12, index % 12 + 1, 1) < lo:
        index += months
    out = []
    while True:
        day = _dt.date(index // 12, index % 12 + 1, 1)
        if day > hi:
            return out
        out.append(day)
        index += months


def date_ticks(lo: _dt.date, hi: _dt.date, width: int) -> list[tuple[int, str]]:
    """(column, label) of ticks at equal intervals of time (every k months or k years, the
    smallest k whose labels fit with GAP spaces between them) on an axis of `width` columns from
    `lo` to `hi`. Years are labelled 2024, months 2024-06. A last label that would run past the
    right edge is left off (its tick stays: the interval is what is read)."""
    span = max(1, (hi - lo).days)
    single: list[tuple[int, str]] = []
    for months, monthly in [(m, True) for m in MONTH_STEPS] + [(12 * y, False) for y in YEAR_STEPS]:
        days = _ticks(lo, hi, months)
        if not days or len(days) * (4 + GAP) > width + 4 + GAP:
            continue
        labels = [(column(d, lo, span, width), d.strftime("%Y-%m") if monthly else str(d.year)) for d in days]
        if all(b[0] - a[0] >= len(a[1]) + GAP for a, b in zip(labels, labels[1:])):
            if len(labels) >= 2:
                return labels
            single = single or labels
    return single  # too narrow for two: one tick, or none


def y_unit(top: int, height: int) -> int:
    """The value of one row of a bar chart from zero: the smallest whole number that fits `top`
    in `height` rows."""
    return max(1, math.ceil(top / max(1, height)))


def framed(rows: list[str], unit: int, ticks: list[tuple[int, str]], width: int,
           marker: tuple[int, str] | None = None) -> list[str]:
    """Rows of a plot (top first, each `width` columns, row r from the bottom holding values up to
    r * unit) with a y scale at the left (every row labelled up to six rows, every other above),
    the time axis with its ticks and labels under them, and a marker line (▲ and a note at a
    column) under that."""
    height = len(rows)
    gutter = len(str(unit * height))
    every = 1 if height <= 6 else 2
    out = []
    for k, row in enumerate(rows):
        level = height - k
        label = str(unit * level) if (height - level) % every == 0 else ""
        out.append(f"{label:>{gutter}}{'┤' if label else '│'}{row}")
    axis = ["─"] * width
    for col, _ in ticks:
        axis[col] = "┬"
    out.append(f"{'0':>{gutter}}└" + "".join(axis))
    labels = [" "] * width
    for col, text in ticks:
        if col + len(text) <= width and all(c == " " for c in labels[max(0, col - 1): col + len(text)]):
            labels[col:col + len(text)] = text
    out.append(" " * (gutter + 1) + "".join(labels).rstrip())
    if marker is not None:
        col, note = marker
        line = ("▲ " + note) if col + len(note) + 2 <= width else None
        text = " " * col + line if line else (note + " ▲").rjust(col + 1)
        out.append(" " * (gutter + 1) + text)
    return out


def gutter_width(unit: int, height: int) -> int:
    """The columns the y scale takes at the left (its labels and the axis line)."""
    return len(str(unit * height)) + 1
