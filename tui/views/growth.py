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

import tui.views.axes as axes
from tui.views.index import Index, date_end, date_start

ONE_DAY = _dt.timedelta(days=1)
BLOCKS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Point:
    date: _dt.date
    members: int        # countries that are members on `date` (roles that count as membership)
    unconfirmed: int    # of which every membership that holds is unconfirmed
    text: str = ""      # the date as the data gives it: '1977' stays a year, '2024-06' a month
    until: _dt.date | None = None
    """A partial date counts from the first day of its period; the whole period, to `until`,
    is uncertain (the change may fall on any day of it). None: an exact day."""

    @property
    def label(self) -> str:
        return self.text or self.date.isoformat()


def series(ix: Index, coalition: str) -> list[Point]:
    """The member count from the first day anyone is a member, one point at each date it changes
    (a spell begins on its start, ends after its `until`). Memberships with no known start are
    counted from the founding, as on every screen. A start the data gives as a year or a month
    keeps that precision in the point's label, and its whole period is marked uncertain."""
    days: dict[_dt.date, str] = {}
    for m in ix.by_coalition.get(coalition, []):
        start = ix.start_of(m)
        if start:
            day = date_start(start)
            if day not in days or len(start) < len(days[day]):
                days[day] = start  # the least precise date that falls on this day names it
        if m.until:
            days.setdefault(date_end(m.until) + ONE_DAY, "")
    out: list[Point] = []
    for day, (n, doubtful) in zip(sorted(days), _counts_on(ix, coalition, sorted(days))):
        if not out or (out[-1].members, out[-1].unconfirmed) != (n, doubtful):
            text = days[day]
            partial = bool(text) and len(text) < 10
            out.append(Point(day, n, doubtful, text=text if partial else "",
                             until=date_end(text) if partial else None))
    return out


def _counts_on(ix: Index, coalition: str, days: list[_dt.date]) -> list[tuple[int, int]]:
    """`ix.member_count(coalition, day)` for each of `days` (in order), in one sweep: each spell
    in a member role adds its country on its start (`ix.start_of`; none: from the first) and takes
    it away the day after its `until`; a country counts while some spell holds it, as unconfirmed
    while every spell that holds it is."""
    roles = ix.member_roles(coalition)
    events: list[tuple[_dt.date, int, str, bool]] = []  # (day, +1 or -1, country, unconfirmed)
    sure: dict[str, int] = {}
    doubt: dict[str, int] = {}
    members = doubtful = 0

    def change(country: str, unconfirmed: bool, by: int) -> None:
        nonlocal members, doubtful
        s, d = sure.get(country, 0), doubt.get(country, 0)
        was_in, was_doubtful = s + d > 0, s <= 0 < d
        if unconfirmed:
            d = doubt[country] = d + by
        else:
            s = sure[country] = s + by
        members += (s + d > 0) - was_in
        doubtful += (s <= 0 < d) - was_doubtful

    for m in ix.by_coalition.get(coalition, []):
        if m.role not in roles:
            continue
        start = ix.start_of(m)
        if start is None:
            change(m.country, m.unconfirmed, 1)  # no known start: it holds from the first day
        else:
            events.append((date_start(start), 1, m.country, m.unconfirmed))
        if m.until:
            events.append((date_end(m.until) + ONE_DAY, -1, m.country, m.unconfirmed))
    events.sort(key=lambda e: (e[0], e[1]))  # on one day, ends before starts
    out: list[tuple[int, int]] = []
    k = 0
    for day in days:
        while k < len(events) and events[k][0] <= day:
            _, by, country, unconfirmed = events[k]
            change(country, unconfirmed, by)
            k += 1
        out.append((members, doubtful))
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
    column where some are counted. A gain dated by a year or a month (`Point.until`) is uncertain
    over that whole period: it counts as unconfirmed in the columns the period covers."""
    starts = [axes.day_of(i, lo, span, width) for i in range(width)] + [lo + _dt.timedelta(days=span + 1)]
    dates = [p.date for p in points]
    out = []
    for i in range(width):
        first = max(0, bisect.bisect_right(dates, starts[i]) - 1)  # the point holding on the column's first day
        last = bisect.bisect_left(dates, starts[i + 1])            # points before the next column
        sure = doubtful = 0
        for k in range(first, last):
            p = points[k]
            if p.date >= starts[i + 1]:
                continue
            d = p.unconfirmed
            if p.until is not None and max(p.date, starts[i]) <= p.until:
                d += max(0, p.members - (points[k - 1].members if k else 0))
            d = min(d, p.members)
            sure, doubtful = max(sure, p.members - d), max(doubtful, d)
        out.append((sure, doubtful))
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
    label = (f"{ix.label(coalition, as_of)} members: {points[0].members} on {points[0].label}, "
             f"{points[-1].members} since {points[-1].label}"
             + (" · ░ with unconfirmed" if doubtful else ""))
    return [label] + axes.framed(bars(cols, unit, height, at), unit, axes.date_ticks(lo, hi, plot), plot, marker)

