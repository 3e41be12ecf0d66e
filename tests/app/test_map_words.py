"""The Map's table and the list beside the map say the same of every country (issue 22: the table
said "On the map: yes" of countries the list called "too small at this size"), at every size and
in both frames, for a dataset whose members include bodies that are not countries
(tests/data/forum.yaml: the EU, the UN, an invented organisation)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ready, until
from textual.widgets import OptionList

from tui.ui.widgets.world_map import WorldMap

FORUM = Path(__file__).parents[1] / "data" / "forum.yaml"


@pytest.fixture(scope="module")
def forum():
    from tui.data.load import load

    return load(FORUM)


def _words(app):
    """(the table's 'On the map' by ISO code, the list's reason by ISO code, the codes drawn)."""
    pane = app.pane("map")
    at = [c.key for c in pane.columns].index("shape")
    table = {r.id: r.cells[at].text for r in pane.rows}
    listed = {}
    for option in app.query_one("#map-missing", OptionList).options:
        if option.id:
            listed[option.id] = str(option.prompt).split("\n")[-1].strip()
    picture = app.query_one(WorldMap).picture
    drawn = {c for row in picture.cells for c in row if c}
    return table, listed, drawn


def _agree(app) -> bool:
    table, listed, drawn = _words(app)
    return bool(listed) and all(table[iso] == why for iso, why in listed.items()) and \
        all(table[iso] == "yes" for iso in drawn if iso in table)


@pytest.mark.parametrize("size", [(80, 24), (160, 48), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_table_and_the_list_beside_the_map_agree(make_app, forum, size):
    app = make_app(forum, pane="map")
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await until(pilot, lambda: app.query_one(WorldMap).picture is not None and _agree(app),
                    "the table's words those of the list")
        table, listed, drawn = _words(app)
        for body in ("EU", "UN", "XA"):  # members that are not countries: listed, and said so
            assert listed[body] == table[body] == "not a country"
        assert listed["MT"] == table["MT"] == "no shape at 1:110m"
        assert table["LU"] in ("too small at this size", "yes") and (table["LU"] == "yes") == ("LU" in drawn)
        assert "yes" not in listed.values()
        await pilot.press("f")  # the Euro-Atlantic frame: Japan leaves the picture, in both
        await until(pilot, lambda: _words(app)[0]["JP"] == "outside this frame" and _agree(app),
                    "Japan outside the frame, in the table and the list")
        assert _words(app)[1]["JP"] == "outside this frame"
