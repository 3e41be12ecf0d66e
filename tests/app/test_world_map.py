"""The Map's widget (tui/ui/widgets/world_map.py) in a bare app, before it is a pane: drawn to its
size, recoloured by states, the list of what it leaves out, Enter and a click open a country,
`f` switches the frame."""

from __future__ import annotations

import datetime as _dt

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from tui.ui.widgets.world_map import MapView, WorldMap
from tui.views import map as worldmap
from tui.views.index import Index

D = _dt.date


class MapApp(App):
    def __init__(self, ix: Index, coalition: str, as_of: _dt.date) -> None:
        super().__init__()
        self.ix, self.coalition, self.as_of = ix, coalition, as_of
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield MapView({c: self.ix.country_name(c) for c in self.ix.countries})

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        states = worldmap.states_on(self.ix, self.coalition, self.as_of)
        self.query_one(MapView).show(f"{self.ix.label(self.coalition)} as of {self.as_of}", states)

    def on_map_view_country_chosen(self, message: MapView.CountryChosen) -> None:
        self.chosen.append(message.iso)


def _text(app) -> str:
    world = app.query_one(WorldMap)
    return "\n".join(world.picture.text())


async def _drawn(pilot):
    await pilot.pause()
    while pilot.app.query_one(WorldMap).picture is None:
        await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 48), (200, 60)])
async def test_the_map_fills_its_widget_and_lists_what_it_leaves_out(frozen, size):
    app = MapApp(Index(frozen), "udcg", D(2025, 12, 16))
    async with app.run_test(size=size) as pilot:
        await _drawn(pilot)
        world = app.query_one(WorldMap)
        lines = world.picture.text()
        assert (len(lines[0]), len(lines)) == tuple(world.size)
        listed = [o.id for o in app.query_one("#map-missing", OptionList).options if o.id]
        states = worldmap.states_on(app.ix, "udcg", D(2025, 12, 16))
        expected = worldmap.not_drawn(world.picture, states, app.ix.country_name)
        assert listed == [x.iso for x in expected] and "MT" in listed  # Malta has no shape
        shown = {c for r in world.picture.cells for c in r}
        assert not set(listed) & shown                     # what is listed is truly not on the map
        assert {iso for iso in states if iso not in listed} - shown <= {  # drawn, if only in shared cells
            iso for iso in states if iso not in world.picture.too_small}
        doubtful = {iso for iso, state in states.items() if state == "unconfirmed"}
        assert "█" in _text(app) and ("?" in _text(app)) == bool(doubtful - set(listed))


async def test_the_shade_follows_the_as_of_date(frozen):
    app = MapApp(Index(frozen), "nato", D(2023, 4, 3))
    async with app.run_test(size=(160, 48)) as pilot:
        await _drawn(pilot)
        world = app.query_one(WorldMap)
        col, row = worldmap.cell_of("world", *world.size, 25.7, 62.0)   # central Finland
        assert world.picture.cells[row][col] == "FI" and world.picture.text()[row][col] == "░"
        app.as_of = D(2023, 4, 4)
        app.redraw()
        await pilot.pause()
        assert world.picture.text()[row][col] in "█▀▄"  # member (half blocks at a coast or lake)


async def test_enter_on_a_listed_country_and_a_click_on_the_map_open_it(frozen):
    app = MapApp(Index(frozen), "udcg", D(2025, 12, 16))
    async with app.run_test(size=(120, 36)) as pilot:
        await _drawn(pilot)
        options = app.query_one("#map-missing", OptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [options.get_option_at_index(0).id]
        world = app.query_one(WorldMap)
        col, row = worldmap.cell_of("world", *world.size, 10.0, 51.0)    # Germany
        await pilot.click(WorldMap, offset=(col, row))
        await pilot.pause()
        assert app.chosen[-1] == "DE"


async def test_f_switches_the_frame_and_says_which(frozen):
    app = MapApp(Index(frozen), "nato", D(2025, 12, 16))
    async with app.run_test(size=(120, 36)) as pilot:
        await _drawn(pilot)
        world = app.query_one(WorldMap)
        before = _text(app)
        app.query_one(MapView).focus()
        await pilot.press("f")
        await pilot.pause()
        assert world.frame == "euro-atlantic" and _text(app) != before
        assert "Euro-Atlantic (f: World)" in str(app.query_one("#map-caption").render())


# --- the Map pane in the app ---------------------------------------------------------------------

async def test_the_map_pane_is_key_9_read_only_when_shown_and_steps_through_the_coalitions_changes(make_app):
    from tui.ui.screens import DetailScreen

    worldmap.shapes.cache_clear()
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert worldmap.shapes.cache_info().currsize == 0     # the first frame reads no shapes
        await pilot.press("9")
        await pilot.pause()
        assert app.current_pane_id == "map"
        await _drawn(pilot)
        world = app.query_one(WorldMap)
        assert world.states == worldmap.states_on(app.db.ix, "nato", app.as_of)
        app.set_as_of("2023-04-03")
        await pilot.pause()
        await pilot.press("right_square_bracket")              # NATO's next change: Finland joins
        await pilot.pause()
        assert app.as_of == D(2023, 4, 4) and world.states["FI"] == "member"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.as_of == D(2020, 3, 27)                      # North Macedonia, the change before
        options = app.query_one("#map-missing", OptionList)
        first = options.get_option_at_index(0).id
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.link == ("country", first)


async def test_the_map_shows_any_coalition_and_its_table_lists_every_country(make_app):
    app = make_app(pane="map")
    async with app.run_test(size=(160, 48)) as pilot:
        await _drawn(pilot)
        pane = app.pane("map")
        pane.show_coalition("udcg")
        await pilot.pause()
        states = worldmap.states_on(app.db.ix, "udcg", app.as_of)
        assert app.query_one(WorldMap).states == states
        assert "UDCG" in str(app.query_one("#map-caption").render())
        rows = {r.id: [c.text for c in r.cells] for r in pane.rows}
        assert set(rows) == set(app.db.ix.countries) | set(states)
        assert rows["MT"][2:] == ["? unconfirmed", "no shape at 1:110m"]


async def test_the_palette_shades_the_map_by_any_coalition(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"map: drones")
        found = None
        for _ in range(200):  # the palette searches in the background: wait for its hit
            await pilot.pause()
            from textual.command import CommandList
            lists = app.screen.query(CommandList)
            if lists and lists.first().option_count and "Drone" in str(lists.first().get_option_at_index(0).prompt):
                found = True
                break
        assert found
        await pilot.press("enter")
        await _drawn(pilot)
        for _ in range(200):
            if app.current_pane_id == "map" and "Drone" in str(app.query_one("#map-caption").render()):
                break
            await pilot.pause()
        assert app.db.map_coalition == "drone-coalition"
        assert app.query_one(WorldMap).states == worldmap.states_on(app.db.ix, "drone-coalition", app.as_of)
