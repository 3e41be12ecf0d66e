"""Growth: each headline coalition's member count over time, as data (a step series) and as a
text step chart with a dated axis, the as-of date marked and unconfirmed memberships drawn apart.

Drawn with Textual's own means (text in a Static), not a plotting widget: a plotting package
(textual-plotext and plotext) would add a dependency and start-up time for one chart that block
characters draw well enough, and its output would change with that package's releases.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

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
    for day in sorted(days):
        n, doubtful = ix.member_count(coalition, day)
        if not out or (out[-1].members, out[-1].unconfirmed) != (n, doubtful):
            text = days[day]
            partial = bool(text) and len(text) < 10
            out.append(Point(day, n, doubtful, text=text if partial else "",
                             until=date_end(text) if partial else None))
    return out


def count_on(points: list[Point], day: _dt.date) -> Point | None:
    found = None
    for p in points:
        if p.date > day:
            break
        found = p
    return found


def chart(ix: Index, coalition: str, as_of: _dt.date | None, width: int, height: int = 5) -> list[str]:
    """A step chart in `height` rows of `width` columns: █ confirmed members, ░ unconfirmed ones on
    top, │ the as-of date in the axis line below, years marked along it."""
    points = series(ix, coalition)
    if not points:
        return ["(no memberships with a known start)"]
    lo = points[0].date
    hi = max(ix.latest or lo, points[-1].date, as_of or lo)
    span = max(1, (hi - lo).days)
    width = max(10, width)
    top = max(p.members for p in points) or 1
    cols = []
    k = -1
    for i in range(width):
        day = lo + _dt.timedelta(days=span * i // (width - 1))
        while k + 1 < len(points) and points[k + 1].date <= day:
            k += 1
        if k < 0:
            cols.append((0, 0))
            continue
        p = points[k]
        doubtful = p.unconfirmed
        if p.until is not None and day <= p.until:  # a year or a month: the gain may come any day of it
            doubtful += max(0, p.members - (points[k - 1].members if k else 0))
        doubtful = min(doubtful, p.members)
        cols.append((p.members - doubtful, doubtful))
    rows = []
    for r in range(height, 0, -1):  # from the top row down; each row holds eight eighths
        floor, line = (r - 1) * 8, []
        for sure, doubtful in cols:
            s8 = round(sure * height * 8 / top)
            a8 = round((sure + doubtful) * height * 8 / top)
            if s8 >= floor + 8:
                line.append("█")
            elif s8 > floor:
                line.append(BLOCKS[s8 - floor])
            elif a8 > floor:
                line.append("░")
            else:
                line.append(" ")
        rows.append("".join(line))
    axis = [" "] * width
    for year in range(lo.year + 1, hi.year + 1):
        i = (_dt.date(year, 1, 1) - lo).days * (width - 1) // span
        label = f"{year}"
        if all(c == " " for c in axis[max(0, i - 1): i + len(label) + 1]) and i + len(label) <= width:
            axis[i:i + len(label)] = label
    marker = ""
    if as_of is not None and lo <= as_of <= hi:
        i = (as_of - lo).days * (width - 1) // span
        now = count_on(points, as_of)
        note = f"as of {as_of.isoformat()}: {now.members if now else 0}"
        marker = (" " * i + "▲ " + note) if i + len(note) + 2 <= width else (note + " ▲").rjust(i + 1)
    label = (f"{ix.label(coalition, as_of)} members: {points[0].members} on {points[0].label}, "
             f"{points[-1].members} since {points[-1].label}")
    return [label] + rows + ["".join(axis).rstrip(), marker]
