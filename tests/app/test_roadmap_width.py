"""The Roadmap's timeline widens with the terminal: at 160 columns its axis and bars take the
width the text columns leave (at 160x48 it stayed 36 cells with empty space beside it)."""

from __future__ import annotations

import re

from conftest import ready

from tui.views.panes.roadmap import TIMELINE_WIDTH


async def _timeline(make_app, size):
    app = make_app(pane="roadmap")
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        table = app.pane().table
        widths = table.column_widths(table.scrollable_content_region.width)
        at = [c.key for c in table.columns].index("timeline")
        start = sum(w + 2 for w in widths[:at]) + 1
        lines = [table.render_line(y).text[start:start + widths[at]] for y in range(min(4, table.row_count + 1))]
        return widths[at], lines


async def test_the_timeline_takes_a_wide_terminal(make_app):
    wide, lines = await _timeline(make_app, (160, 48))
    assert wide >= 2 * TIMELINE_WIDTH - 10
    years = re.findall(r"\d{4}", lines[0])
    assert len(years) >= 4 and lines[0].rstrip().endswith(years[-1])  # the axis is drawn across it
    last = lines[0].index(years[-1])
    assert last > TIMELINE_WIDTH  # the last year is written past where a 36-cell axis ends
    for bar in lines[1:]:  # each bar is drawn to the whole width, not cut or padded
        assert len(bar) == wide and set(bar) <= set("·━◆◇│◂▸") and bar[-1] != " "


async def test_at_80_columns_the_timeline_keeps_its_width(make_app):
    narrow, lines = await _timeline(make_app, (80, 24))
    assert narrow == TIMELINE_WIDTH
    assert all(len(bar.rstrip()) == TIMELINE_WIDTH for bar in lines[1:])
