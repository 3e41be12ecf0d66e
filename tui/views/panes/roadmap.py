"""Roadmap: the capability areas on the dataset's own timeline, as they stood on the date shown:
an area shows once it has begun, with the milestones reached by then and the leads of that date."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import partial

from tui.views.cells import UNCONFIRMED_MARK, Cell, Column, Row, RowSource, listed
from tui.views.index import LEADING, date_start, on_or_before
from tui.views.panes.spec import PaneSpec

TIMELINE_WIDTH = 36


def axis(start: _dt.date, end: _dt.date, width: int = TIMELINE_WIDTH) -> str:
    """The years of the timeline, each written where it begins, in `width` cells."""
    cells = [" "] * width
    for year in range(start.year, end.year + 1):
        i = _col(_dt.date(year, 1, 1), start, end, width)
        label = str(year) if width // max(1, end.year - start.year + 1) >= 5 else f"'{year % 100:02d}"
        if year == start.year or i > 0 and cells[i - 1] == " ":
            for k, ch in enumerate(label):
                if i + k < width:
                    cells[i + k] = ch
    return "".join(cells).rstrip()


def _col(day: _dt.date, start: _dt.date, end: _dt.date, width: int) -> int:
    span = max(1, (end - start).days)
    return (day - start).days * width // span


def timeline(start: _dt.date | None, milestones: list[_dt.date], today: _dt.date, horizon: _dt.date | None,
             span: tuple[_dt.date, _dt.date], width: int = TIMELINE_WIDTH, doubtful: list[_dt.date] = ()) -> str:
    """A bar from `start` to the horizon: ━ active, ◆ a milestone (◇ an unconfirmed one), │ the
    date shown (`today`), · before and after.
    What falls outside the axis is not clamped silently: ◂ or ▸ at the edge says it goes on."""
    lo, hi = span
    cells = ["·"] * width

    def at(day: _dt.date) -> int | None:
        return min(width - 1, _col(day, lo, hi, width)) if lo <= day <= hi else None

    if start:
        first = 0 if start < lo else at(start)
        last = width - 1 if horizon is None or horizon > hi else at(horizon)
        if first is not None and last is not None:
            for i in range(first, last + 1):
                cells[i] = "━"
    for day in milestones:
        i = at(day)
        if i is not None:
            cells[i] = "◇" if day in doubtful and cells[i] != "◆" else "◆"
    t = at(today)
    if t is not None:
        cells[t] = "│"
    if (start and start < lo) or any(d < lo for d in milestones):
        cells[0] = "◂"
    if (horizon and horizon > hi) or any(d > hi for d in milestones):
        cells[-1] = "▸"
    return "".join(cells)


TIMELINE_WEIGHT = 6
"""The timeline's share of a wide terminal's spare width against each text column's one."""


def _axis_at(span: tuple[_dt.date, _dt.date], width: int) -> str:
    return axis(*span, width)


def _timeline_at(start, milestones, today, horizon, span, doubtful, width: int) -> str:
    return timeline(start, list(milestones), today, horizon, span, width, list(doubtful))


@dataclass(frozen=True, slots=True)
class AreaRow:
    """A roadmap area as it stood on a date: its coalitions, start, milestones reached, leads."""

    area: object
    coalitions: tuple
    start: _dt.date | None
    milestones: tuple
    leads: tuple
    as_of: object


def area_as_of(ix, a, as_of) -> AreaRow:
    """What a roadmap area was on `as_of` (None: everything the data holds)."""
    coalitions = tuple(ix.coalitions[c] for c in a.coalitions if c in ix.coalitions)
    starts = [date_start(c.founded) for c in coalitions if c.founded]
    starts += [date_start(ms.date) for ms in a.milestones]
    start = min(starts) if starts else None
    reached = tuple(ms for ms in a.milestones if on_or_before(ms.date, as_of))
    leads = [(ix.country_name(m.country), m.unconfirmed) for c in coalitions
             for m in ix.members(c.id, as_of) if m.role in LEADING]
    # coalitions[].leads carry no dates: they hold from the coalition's founding
    leads += [(ix.country_name(code), False) for c in coalitions if on_or_before(c.founded, as_of)
              for code in c.leads]
    return AreaRow(a, coalitions, start, reached, tuple(leads), as_of)


def table(views) -> RowSource:
    ix = views.ix
    board = ix.dashboard
    span = (board.start, board.end) if board.start and board.end else None
    head = axis(*span) if span else "Timeline"

    def bar(r: AreaRow) -> Cell:
        a = r.area
        horizon = _dt.date(a.horizon, 12, 31) if a.horizon else None
        marks = [date_start(ms.date) for ms in r.milestones]
        doubtful = [date_start(ms.date) for ms in r.milestones if ms.unconfirmed]
        shown = r.as_of or views.today
        drawn = timeline(r.start, marks, shown, horizon, span, doubtful=doubtful) if span else ""
        # a screen draws the bar to its column's width (a wide terminal, a longer axis)
        picture = partial(_timeline_at, r.start, tuple(marks), shown, horizon, span, tuple(doubtful)) if span else None
        planned = "; ".join(f"{ms.date} {ms.label}" + (f" {UNCONFIRMED_MARK}" if ms.unconfirmed else "")
                            for ms in r.milestones)
        dates = f"from {r.start.isoformat() if r.start else '?'} to {a.horizon or '?'}" + (
            f"; {planned}" if planned else "")
        return Cell(drawn, value=dates, picture=picture)

    columns = [Column("name", "Area", 22, min_width=8, flex=True, marks=("unconfirmed",),
                      cell=lambda r: Cell(r.area.name, unconfirmed=r.area.unconfirmed, sources=tuple(r.area.sources))),
               Column("timeline", "Timeline", TIMELINE_WIDTH, min_width=TIMELINE_WIDTH, cell=bar, drawn=head,
                      flex=TIMELINE_WEIGHT, drawn_at=partial(_axis_at, span) if span else None),
               Column("leads", "Leads", 14, min_width=5, flex=True, cell=lambda r: listed(list(r.leads)),
                      marks=("unconfirmed",)),
               Column("coalitions", "Coalitions", 18, min_width=6, flex=True,
                      cell=lambda r: Cell(", ".join(ix.label(c.id, r.as_of) for c in r.coalitions)))]

    def rows_for(as_of, cols) -> list[Row]:
        out = []
        for a in ix.ds.roadmap:
            r = area_as_of(ix, a, as_of)
            if as_of is not None and r.start is not None and r.start > as_of:
                continue  # not begun by the date shown
            planned = " ".join(ms.label for ms in r.milestones)
            out.append(Row.of(cols, r, a.id, ("area", a.id), tuple(a.sources), a.unconfirmed, search=planned))
        return out

    return RowSource("area", columns, rows_for, "no roadmap area had begun by the date shown")


PANE = PaneSpec("roadmap", "3", "Roadmap", "the capability areas on the dataset's timeline, with milestones",
                section="roadmap", noun="roadmap areas", table=table, widget="side",
                title_of=lambda ix: ix.roadmap_title, short="Roadmap",
                legend="━ active  ◆ milestone  ◇ unconfirmed one  │ the date shown  ◂ ▸ goes on past the axis  "
                       "? unconfirmed · Enter: every line with its link, s: sources")
