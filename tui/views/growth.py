"""Growth: each headline coalition's member count over time, as data (a step series) and as a
text step chart with a dated axis, the as-of date marked and unconfirmed memberships drawn apart.

Drawn with Textual's own means (text in a Static; axes from tui.views.axes), not a plotting
widget. textual-plotext 1.0.1 (the Textual wrapper of plotext) was measured: importing it costs
about 23 ms of CPU on top of Textual (against 0.2 ms for tui.views.axes); it pins plotext<6 while
plotext is at 6.1; its series are told apart by colour, which NO_COLOR and a PNG in grey lose, and
it has no way to stack unconfirmed members as a pattern on confirmed ones; its output would change
with its releases and the snapshots with it. Block characters draw these charts well enough.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import math
from dataclasses import dataclass

from tui.core.model import parse_ref
import tui.views.axes as axes
from tui.views.cells import Cell, Column, Row, RowSource
from tui.views.index import Index, date_end, date_start

ONE_DAY = _dt.timedelta(days=1)
BLOCKS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Point:
    date: _dt.date
    members: int        # countries with a membership that holds on `date`
    unconfirmed: int    # of which every membership that holds is unconfirmed


def series(ix: Index, coalition: str) -> list[Point]:
    """The member count from the first day anyone is a member, one point at each date it changes
    (a spell begins on its start, ends after its `until`). Memberships with no known start are
    counted from the founding, as on every screen."""
    days: set[_dt.date] = set()
    for m in ix.by_coalition.get(coalition, []):
        start = ix.start_of(m)
        if start:
            days.add(date_start(start))
        if m.until:
            days.add(date_end(m.until) + ONE_DAY)
    out: list[Point] = []
    for day in sorted(days):
        n, doubtful = ix.member_count(coalition, day)
        if not out or (out[-1].members, out[-1].unconfirmed) != (n, doubtful):
            out.append(Point(day, n, doubtful))
    return out


def count_on(points: list[Point], day: _dt.date) -> Point | None:
    found = None
    for p in points:
        if p.date > day:
            break
        found = p
    return found


def _column_counts(points: list[Point], lo: _dt.date, span: int, width: int) -> list[tuple[int, int]]:
    """(confirmed, unconfirmed) members of each column: the most of each over the days the column
    covers, so a change shorter than a column still shows, and unconfirmed members show in every
    column where some are counted."""
    starts = [axes.day_of(i, lo, span, width) for i in range(width)] + [lo + _dt.timedelta(days=span + 1)]
    dates = [p.date for p in points]
    out = []
    for i in range(width):
        first = bisect.bisect_right(dates, starts[i]) - 1      # the point holding on the column's first day
        last = bisect.bisect_left(dates, starts[i + 1])        # points before the next column
        held = points[max(0, first):last] if first >= 0 else points[0:last]
        if first < 0:
            held = [p for p in held if p.date >= starts[i]]
        if not held:
            out.append((0, 0))
            continue
        out.append((max(p.members - p.unconfirmed for p in held), max(p.unconfirmed for p in held)))
    return out


def bars(cols: list[tuple[int, int]], unit: int, height: int, as_of_col: int | None = None) -> list[str]:
    """Rows (top first) of bars from zero: █ confirmed (▁-▇ for the last part-row), ░ unconfirmed
    stacked on top, at least one cell wherever any is counted (covering a part-row of confirmed:
    a part of a row cannot be drawn in two ways), ┊ the as-of column above its bar."""
    rows = []
    for r in range(height, 0, -1):
        floor, line = (r - 1) * 8, []
        for i, (sure, doubtful) in enumerate(cols):
            s8 = round(sure * 8 / unit)
            full = s8 // 8
            if doubtful:
                top = max(full + 1, math.ceil((sure + doubtful) / unit))
                if r <= full:
                    line.append("█")
                elif r <= top:
                    line.append("░")
                else:
                    line.append(axes.AS_OF if i == as_of_col else " ")
            elif s8 >= floor + 8:
                line.append("█")
            elif s8 > floor:
                line.append(BLOCKS[s8 - floor])
            else:
                line.append(axes.AS_OF if i == as_of_col else " ")
        rows.append("".join(line))
    return rows


def chart(ix: Index, coalition: str, as_of: _dt.date | None, width: int, height: int = 5) -> list[str]:
    """A step chart of the member count in `height` rows within `width` columns: a y scale from
    zero at the left, █ confirmed members, ░ unconfirmed ones on top (wherever and for as long as
    some are counted), evenly spaced date ticks under it, the as-of date marked (┊ above the bars,
    ▲ and its count under the axis)."""
    points = series(ix, coalition)
    if not points:
        return ["(no memberships with a known start)"]
    lo = points[0].date
    hi = max(ix.latest or lo, points[-1].date, as_of or lo)
    span = max(1, (hi - lo).days)
    height = max(1, height)
    unit = axes.y_unit(max(p.members for p in points), height)
    plot = max(10, width - axes.gutter_width(unit, height))
    cols = _column_counts(points, lo, span, plot)
    at = axes.column(as_of, lo, span, plot) if as_of is not None and lo <= as_of <= hi else None
    marker = None
    if at is not None:
        now = count_on(points, as_of)
        note = f"as of {as_of.isoformat()}: {now.members if now else 0}"
        if now and now.unconfirmed:
            note += f" ({now.unconfirmed} unconfirmed)"
        marker = (at, note)
    doubtful = any(p.unconfirmed for p in points)
    label = (f"{ix.label(coalition)} members: {points[0].members} on {lo.isoformat()}, "
             f"{points[-1].members} since {points[-1].date.isoformat()}"
             + (" · ░ with unconfirmed" if doubtful else ""))
    return [label] + axes.framed(bars(cols, unit, height, at), unit, axes.date_ticks(lo, hi, plot), plot, marker)


def growth(ix: Index) -> RowSource:
    """The series of every headline coalition as a table: each date its member count changed
    (the CSV of the Growth pane: date, coalition, members, of which unconfirmed)."""
    columns = [Column("date", "Date", 10), Column("coalition", "Coalition", 16, min_width=6, flex=True),
               Column("members", "Members", 7, right=True), Column("unconfirmed", "Of which unconfirmed", 20,
                                                                   min_width=6, right=True),
               Column("change", "Change", 8, right=True)]

    def rows_for(as_of) -> list[Row]:
        out = []
        for co in ix.headline:
            before = 0
            for p in series(ix, co.id):
                if as_of is not None and p.date > as_of:
                    break
                change = p.members - before
                before = p.members
                cells = (Cell(p.date.isoformat()), Cell(ix.label(co.id)), Cell(str(p.members), value=p.members),
                         Cell(str(p.unconfirmed), value=p.unconfirmed),
                         Cell(f"{change:+d}", value=change))
                out.append(Row(f"{co.id}@{p.date.isoformat()}", cells, ("coalition", co.id)))
        return out

    return RowSource("growth", columns, rows_for, "no headline coalition has members with a known start")


def changes(views) -> RowSource:
    """The Changes pane: what changed from `views.changes_from` (default: the step date before
    the as-of date) to the as-of date, each row a link to what changed."""
    from tui.core.changes import between

    ix = views.ix
    columns = [Column("date", "Date", 10), Column("kind", "Change", 12, min_width=6),
               Column("coalition", "Coalition", 10, min_width=4), Column("text", "What", 50, min_width=12, flex=True),
               Column("sources", "Sources", 7, min_width=3, right=True)]

    def rows_for(as_of) -> list[Row]:
        end = as_of or ix.latest or _dt.date.today()
        start = views.changes_from or ix.step(end, -1) or end
        if start > end:
            start, end = end, start
        out = []
        for k, c in enumerate(between(ix.ds, start, end)):
            link = {"memberships": ("country", c.country), "meetings": ("meeting", c.record),
                    "people": ("person", c.record)}[c.section]
            when = (c.date or "unknown") + (" ?" if c.possibly else "")
            cells = (Cell(when), Cell(c.kind), Cell(ix.label(c.coalition) if c.coalition else ""),
                     Cell(c.text, unconfirmed=c.unconfirmed), Cell(str(len(c.sources)), value=len(c.sources)))
            out.append(Row(f"{k}:{c.record}", cells, link, tuple(parse_ref(r) for r in c.sources), c.unconfirmed))
        return out

    return RowSource("change", columns, rows_for, "nothing changed in the interval")
