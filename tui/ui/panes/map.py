"""Map: the countries shaded by their standing in one coalition (tui.ui.widgets.world_map over
tui.views.map) above the country list with each one's state (the pane's table and CSV).

Keys (besides a table pane's): f switches the frame (World, Euro-Atlantic); [ and ] step the
as-of date to the previous or next day the shown coalition's membership changed (the other panes
keep their meeting steps). Enter on a country listed beside the map, or a click on the map, opens
it.
"""

from __future__ import annotations

import datetime as _dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from tui.ui.messages import SetAsOf, ShowDetail
from tui.ui.panes.base import TablePane
from tui.ui.widgets.world_map import MapView, WorldMap


class MapPane(TablePane):
    DEFAULT_CSS = """
    MapPane > MapView { height: 3fr; min-height: 8; }
    MapPane > LineTable { height: 1fr; min-height: 3; }
    """
    BINDINGS: ClassVar = [
        Binding("f", "frame", "Frame", id="map.frame", tooltip="Switch between the world and the Euro-Atlantic area"),
        Binding("left_square_bracket", "change(-1)", "Earlier", id="map.earlier",
                tooltip="Move the as-of date back to the coalition's previous change"),
        Binding("right_square_bracket", "change(1)", "Later", id="map.later",
                tooltip="Move the as-of date on to the coalition's next change"),
    ]

    def compose(self) -> ComposeResult:
        yield MapView(id="map-view")
        yield from super().compose()

    @property
    def coalition(self) -> str | None:
        from tui.views.panes.map import coalition_of

        return coalition_of(self.views)

    def after_reload(self) -> None:
        super().after_reload()
        import tui.views.map as worldmap

        db, as_of, coalition = self.views, self.as_of, self.coalition
        ix = db.ix
        states = worldmap.states_on(ix, coalition, as_of) if coalition else {}
        when = f" as of {as_of.isoformat()}" if as_of else ""
        caption = f"{ix.label(coalition, as_of)}{when}" if coalition else "No coalition has members"
        self.query_one(MapView).show(caption, states, {c: ix.country_name(c) for c in set(ix.countries) | set(states)})

    def show_coalition(self, coalition: str) -> None:
        """Shade the map by another coalition (the palette's "Map: ...")."""
        self.views.set_map_coalition(coalition)
        self.reload()

    def action_frame(self) -> None:
        self.query_one(MapView).action_next_frame()

    def action_change(self, direction: int) -> None:
        import tui.views.map as worldmap

        coalition = self.coalition
        if coalition is None:
            return
        days = worldmap.change_dates(self.views.ix, coalition)
        now = self.as_of or self.views.latest or _dt.date.today()
        found = ([d for d in days if d < now][-1:] if direction < 0 else [d for d in days if d > now][:1])
        if found:
            self.post_message(SetAsOf(found[0]))
        else:
            self.notify(f"No {'earlier' if direction < 0 else 'later'} change in {self.views.ix.label(coalition)}",
                        timeout=1.5)

    @on(WorldMap.Drawn)
    def _drawn(self, event: WorldMap.Drawn) -> None:
        """A new picture: the table's 'On the map' says what it shows, as the list beside it does."""
        if self.views.set_map_picture(event.picture):
            self.reload()

    @on(MapView.CountryChosen)
    def _open_country(self, event: MapView.CountryChosen) -> None:
        event.stop()
        self.post_message(ShowDetail("country", event.iso))


def show_map(app, coalition: str) -> None:
    """Show the Map shaded by `coalition` (the palette's "Map: ..." entries)."""
    app.db.set_map_coalition(coalition)
    app.action_pane("map")
    pane = app.pane("map")
    if pane is not None and pane.is_mounted:
        pane.reload()
