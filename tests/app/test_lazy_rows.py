"""The first frame makes only the rows it draws (issue 20, point 1): the Countries pane of a
dataset with more countries than lines on screen makes the rows in view; a sort makes them all;
the cursor stays on its record through a reload without making rows."""

from __future__ import annotations

from pathlib import Path

from conftest import ready, until
from generated import warm_store

ROOT = Path(__file__).resolve().parents[2]


def _generated(tmp_path: Path):
    return warm_store(tmp_path, countries=200, memberships=1200)  # the warm start: light rows


async def test_the_countries_pane_makes_only_the_rows_it_draws(make_app, tmp_path):
    store = _generated(tmp_path)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        pane = app.pane("countries")
        rows = pane.rows
        assert len(rows) == 200
        made = len(rows._made)
        assert 0 < made < 60, made  # the lines on screen (and a few), not 200
        pane.table.focus()
        await pilot.press("G")  # to the last row: it is made when it is drawn
        await until(pilot, lambda: pane.table.cursor_row == 199, "the cursor on the last row")
        assert 199 in rows._made and len(rows._made) < 120
        await pilot.press("o")  # a sort makes every row
        await until(pilot, lambda: pane.sort_column == 0, "the sort")
        assert len(pane.rows) == 200 and pane.selected_row() is not None


async def test_light_rows_draw_the_same_screens_as_the_models(make_app, frozen):
    """The frozen dataset as the cache's light rows (tui.data.columns) draws every pane exactly
    as the pydantic models do (the screens compared as SVG, the version and date pinned)."""
    from tui.data import columns
    from tui.views.panes import PANES

    store = columns.decode(columns.encode(frozen))
    shots: dict = {}
    for name, data in (("models", frozen), ("light", store)):
        app = make_app(data)
        async with app.run_test(size=(120, 36)) as pilot:
            await ready(pilot)
            for p in PANES:
                if p.absent(app.db.ix):
                    continue
                await pilot.press(p.key)
                await until(pilot, lambda: app.pane(p.id) is not None and app.pane(p.id).is_mounted, p.id)
                await pilot.pause()
                shots[(name, p.id)] = app.export_screenshot()
    panes = [p for (n, p) in shots if n == "models"]
    assert len(panes) >= 6
    for p in panes:
        assert shots[("models", p)] == shots[("light", p)], p
