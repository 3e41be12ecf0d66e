"""Growth: each headline coalition's member count over time, as data (a step series) and as a
text step chart with a dated axis, the as-of date marked and unconfirmed memberships drawn apart.

Drawn with Textual's own means (text in a Static), not a plotting widget: a plotting package
(textual-plotext and plotext) would add a dependency and start-up time for one chart that block
characters draw well enough, and its output would change with that package's releases.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from tui.core.model import parse_ref
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
    for i in range(width):
        day = lo + _dt.timedelta(days=span * i // (width - 1))
        p = count_on(points, day)
        cols.append((p.members - p.unconfirmed, p.unconfirmed) if p else (0, 0))
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
    label = (f"{ix.label(coalition)} members: {points[0].members} on {lo.isoformat()}, "
             f"{points[-1].members} since {points[-1].date.isoformat()}")
    return [label] + rows + ["".join(axis).rstrip(), marker]


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
