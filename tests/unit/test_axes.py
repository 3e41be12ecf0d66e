"""Charts with real axes (tui/views/axes.py, growth.chart, chart.participation): a y scale from
zero, date ticks at equal intervals at any width, the as-of date marked, and unconfirmed members
drawn wherever and for as long as they are counted."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from tui.data.load import load
from tui.views import axes
from tui.views.chart import participation
from tui.views.growth import chart, series
from tui.views.index import Index

D = _dt.date
DATA = Path(__file__).resolve().parents[1] / "data"


def _months(a: _dt.date, b: _dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _tick_dates(ticks):
    out = []
    for _, label in ticks:
        year, _, month = label.partition("-")
        out.append(D(int(year), int(month or 1), 1))
    return out


@pytest.mark.parametrize(("lo", "hi"), [(D(1949, 4, 4), D(2026, 11, 25)), (D(2022, 4, 26), D(2026, 11, 25)),
                                        (D(2007, 5, 1), D(2020, 1, 1)), (D(2024, 1, 10), D(2024, 9, 1))])
@pytest.mark.parametrize("width", [12, 20, 37, 60, 80, 113, 160, 200, 317])
def test_date_ticks_are_at_equal_intervals_and_their_labels_fit(lo, hi, width):
    ticks = axes.date_ticks(lo, hi, width)
    days = _tick_dates(ticks)
    assert all(lo <= d <= hi for d in days)
    steps = {_months(a, b) for a, b in zip(days, days[1:])}
    assert len(steps) <= 1                                           # one interval of time
    cols = [c for c, _ in ticks]
    assert cols == sorted(set(cols)) and all(0 <= c < width for c in cols)
    span = (hi - lo).days
    for c, d in zip(cols, days):                                      # each where its date is
        assert abs(c - (d - lo).days * (width - 1) / span) <= 0.5
    if width >= 37:
        assert len(ticks) >= 2
    drawn = axes.framed(["x" * width], 1, ticks, width)
    labels = drawn[-1][2:]
    shown = [t for _, t in ticks if t in labels]
    assert len(shown) >= len(ticks) - 1                               # only a last label may be cut
    assert len(drawn[-1]) <= width + 2


def test_nato_at_80_and_160_columns_ticks_every_ten_and_five_years(frozen):
    ix = Index(frozen)
    for width, years in ((80, ["1950", "1960", "1970", "1980", "1990", "2000", "2010", "2020"]),
                         (160, [str(y) for y in range(1950, 2025, 5)])):
        lines = chart(ix, "nato", D(2024, 3, 7), width)
        assert lines[7].split() == years
        assert all(len(line) <= width for line in lines)


def test_the_y_scale_starts_at_zero_and_each_bar_is_as_tall_as_its_count(frozen):
    ix = Index(frozen)
    lines = chart(ix, "nato", D(2026, 11, 25), 80, 5)
    rows, axis = lines[1:6], lines[6]
    assert axis.startswith(" 0└")
    labels = [int(r.split("┤")[0]) for r in rows]
    assert labels == [35, 28, 21, 14, 7]                              # 32 members fit 5 rows of 7
    gutter = len(" 0└")
    first = [r[gutter] for r in rows]                                 # 1949: 12 members
    assert first == [" ", " ", " ", "▆", "█"]                        # 7 + 6/8 of 7 (≈12.25)
    last = [r[-1] for r in rows]                                      # 2024-: 32 members
    assert last[1:] == ["█"] * 4 and last[0] in "▅▆"


def test_unconfirmed_members_are_drawn_in_every_column_where_they_are_counted(frozen):
    ix = Index(frozen)
    doubtful = sum(m.unconfirmed for m in frozen.memberships if m.coalition == "udcg")  # 2, since the first meeting
    assert doubtful and all(p.unconfirmed == doubtful for p in series(ix, "udcg"))  # as the table says
    for width in (40, 80, 160):
        lines = chart(ix, "udcg", D(2026, 11, 25), width, 5)
        gutter = lines[1].index("┤") + 1
        columns = zip(*(line[gutter:] for line in lines[1:6]))
        assert all("░" in col for col in columns)


def test_unconfirmed_shows_only_for_as_long_as_it_is_true():
    """Australia's second Quad spell made unconfirmed: ░ from 2017-11-12 on, and over May 2007 (the
    founding month, a date known to the month), nowhere else."""
    quad = load(DATA / "quad.yaml")
    changed = quad.model_copy(update={"memberships": [
        m.model_copy(update={"unconfirmed": True}) if m.id == "quad-AU-2" else m for m in quad.memberships]})
    ix = Index(changed)
    width = 100
    lines = chart(ix, "quad", D(2020, 1, 1), width, 4)
    gutter = lines[1].index("┤") + 1
    plot = width - gutter
    lo, hi = D(2007, 5, 1), max(ix.latest, D(2020, 1, 1))
    span = (hi - lo).days
    for col, cells in enumerate(zip(*(line[gutter:].ljust(plot) for line in lines[1:5]))):
        first_day = axes.day_of(col, lo, span, plot)
        next_day = axes.day_of(col + 1, lo, span, plot) if col + 1 < plot else hi + _dt.timedelta(days=1)
        # the second spell's weeks, and May 2007: the first spell began "2007-05", some day of that month
        doubtful = next_day > D(2017, 11, 12) or first_day <= D(2007, 5, 31)
        assert ("░" in cells) == doubtful, (col, first_day)
    assert "(1 unconfirmed)" in lines[-1]


def test_the_as_of_date_is_marked_at_its_column(frozen):
    ix = Index(frozen)
    for as_of in (D(1990, 1, 1), D(2023, 4, 4)):
        lines = chart(ix, "nato", as_of, 120, 5)
        gutter = lines[1].index("┤") + 1
        plot = 120 - gutter
        lo = series(ix, "nato")[0].date
        hi = max(ix.latest, as_of)
        at = axes.column(as_of, lo, (hi - lo).days, plot)
        marker = lines[-1]
        assert f"as of {as_of.isoformat()}: " in marker
        assert marker.index("▲") - gutter == at
        assert all(line[gutter + at] in "┊▁▂▃▄▅▆▇█░" for line in lines[1:6])


def test_participation_bars_start_from_zero_on_a_time_axis(frozen):
    ix = Index(frozen)
    caption, lines = participation(ix, D(2026, 11, 25), 100, "udcg", 4)
    assert lines[4].lstrip().startswith("0└")
    top = int(lines[0].split("┤")[0])
    counted = [m.participants for m in ix.meetings_of["udcg"] if m.participants is not None]
    assert top >= max(counted) and top - max(counted) < top / 4
    smallest = min(counted)
    gutter = lines[0].index("┤") + 1
    heights = [sum(1 for line in lines[:4] if line[gutter + c] not in " ┊·") for c in range(100 - gutter)]
    assert min(h for h in heights if h) >= 1 and smallest / top > 0.1
    assert _months(*_tick_dates(axes.date_ticks(D(2022, 4, 26), D(2026, 11, 25), 100 - gutter))[:2]) in (1, 2, 3, 6, 12)
