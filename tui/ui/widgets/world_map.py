"""The Map: countries shaded by their state in one coalition (tui.views.map draws the picture;
this module only colours it and lists what it leaves out).

    MapView                      a caption, the map, and beside it the legend and the list of
      WorldMap                   countries not drawn here (too small, outside the frame, no shape)
      OptionList#map-missing     Enter on one: MapView.CountryChosen(iso)

Keys (MapView.BINDINGS): f switches the frame (World, Euro-Atlantic). A click on a country posts
CountryChosen too. Every state has a character of its own, so the map reads without colour; the
colours below are the theme's.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

STATE_CLASSES = ("member", "lead", "other", "left", "unconfirmed", "none")


class WorldMap(Widget):
    """The picture, drawn to the widget's size (when first shown, on resize, on a new frame) and
    recoloured when the states change. The shapes are read on the first draw."""

    COMPONENT_CLASSES = {f"world-map--{s}" for s in STATE_CLASSES}
    DEFAULT_CSS = """
    WorldMap { width: 1fr; height: 1fr; }
    WorldMap > .world-map--member { color: $primary; }
    WorldMap > .world-map--lead { color: $accent; }
    WorldMap > .world-map--other { color: $success; }
    WorldMap > .world-map--left { color: $error; }
    WorldMap > .world-map--unconfirmed { color: $warning; }
    WorldMap > .world-map--none { color: $text-muted; }
    """

    frame: reactive[str] = reactive("world")

    class Drawn(Message):
        """A new picture (its list of what is not drawn may have changed)."""

        def __init__(self, picture) -> None:
            super().__init__()
            self.picture = picture

    class Clicked(Message):
        def __init__(self, iso: str) -> None:
            super().__init__()
            self.iso = iso

    def __init__(self, states: dict[str, str] | None = None, frame: str = "world", **kwargs) -> None:
        super().__init__(**kwargs)
        self.states: dict[str, str] = dict(states or {})
        self.set_reactive(WorldMap.frame, frame)
        self.picture = None

    def set_states(self, states: dict[str, str]) -> None:
        self.states = dict(states)
        self._redraw()

    def watch_frame(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        width, height = self.size
        if not width or not height:
            return
        import tui.views.map as worldmap

        self.picture = worldmap.draw(self.frame, width, height, self.states)
        self.post_message(self.Drawn(self.picture))
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        if self.picture is None:
            return text
        styles = {f"map-{s}": self.get_component_rich_style(f"world-map--{s}") for s in STATE_CLASSES}
        for i, line in enumerate(self.picture.lines):
            if i:
                text.append("\n")
            for chunk, style in line:
                text.append(chunk, styles.get(style))
        return text

    def on_click(self, event) -> None:
        if self.picture is None:
            return
        row = self.picture.cells[event.y] if 0 <= event.y < len(self.picture.cells) else []
        iso = row[event.x] if 0 <= event.x < len(row) else None
        if iso:
            self.post_message(self.Clicked(iso))


class MapView(Horizontal):
    """A caption over the map, and beside it the legend and the countries not drawn here."""

    DEFAULT_CSS = """
    MapView { height: 1fr; }
    MapView > #map-main { width: 1fr; height: 1fr; }
    MapView #map-caption { height: auto; padding: 0 1; }
    MapView > #map-side { width: 30; height: 1fr; padding: 0 0 0 1; }
    MapView #map-legend { height: auto; }
    MapView #map-missing-title { height: auto; color: $text-muted; }
    MapView #map-missing { height: 1fr; border: none; padding: 0; }
    """
    BINDINGS = [Binding("f", "next_frame", "Frame", tooltip="Switch between the world and Euro-Atlantic")]

    class CountryChosen(Message):
        """Enter on a listed country, or a click on the map: open its detail."""

        def __init__(self, iso: str) -> None:
            super().__init__()
            self.iso = iso

    def __init__(self, names: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.names: dict[str, str] = dict(names or {})
        self._caption = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="map-main"):
            yield Static("", id="map-caption")
            yield WorldMap(id="map")
        with Vertical(id="map-side"):
            yield Static(self._legend(None), id="map-legend")
            yield Static("Not drawn here:", id="map-missing-title")
            yield OptionList(id="map-missing")

    @staticmethod
    def _legend(world: WorldMap | None) -> Text:
        """The legend, in the map's colours once it is styled (`world`)."""
        import tui.views.map as worldmap

        text = Text()
        short = {"lead or co-lead": "lead", "not a member": "none"}
        for i, (glyph, style, words) in enumerate(worldmap.legend()):  # two a line: the map keeps the rows
            if i:
                text.append("\n" if i % 2 == 0 else "  ")
            rich_style = world.get_component_rich_style(f"world-map--{style[4:]}") if world else None
            text.append(glyph * 2, rich_style)
            text.append(f" {short.get(words, words):<12}" if i % 2 == 0 else f" {short.get(words, words)}")
        return text

    def show(self, caption: str, states: dict[str, str], names: dict[str, str] | None = None) -> None:
        """Draw `states` (ISO code -> state) under `caption`; `names` names the countries listed."""
        if names is not None:
            self.names = dict(names)
        self._caption = caption
        self._update_caption()
        self.query_one(WorldMap).set_states(states)

    def _update_caption(self) -> None:
        import tui.views.map as worldmap

        frame = worldmap.FRAME[self.query_one(WorldMap).frame]
        other = next(f for f in worldmap.FRAMES if f.key != frame.key)
        self.query_one("#map-caption", Static).update(
            Text(f"{self._caption} · {frame.title} (f: {other.title})"))

    def action_next_frame(self) -> None:
        import tui.views.map as worldmap

        world = self.query_one(WorldMap)
        keys = [f.key for f in worldmap.FRAMES]
        world.frame = keys[(keys.index(world.frame) + 1) % len(keys)]
        self._update_caption()

    @on(WorldMap.Drawn)
    def _list_missing(self, event: WorldMap.Drawn) -> None:
        import tui.views.map as worldmap

        world = self.query_one(WorldMap)
        self.query_one("#map-legend", Static).update(self._legend(world))
        listed = worldmap.not_drawn(event.picture, world.states, lambda iso: self.names.get(iso, iso))
        options = self.query_one("#map-missing", OptionList)
        options.clear_options()
        for x in listed:
            line = Text()
            line.append(worldmap.FULL[x.state], world.get_component_rich_style(f"world-map--{x.state}"))
            line.append(f" {x.name} ({x.iso})")
            line.append(f"\n  {x.why}", "dim")
            options.add_option(Option(line, id=x.iso))
        if not listed:
            options.add_option(Option(Text("(none: every country is drawn)"), disabled=True))

    @on(OptionList.OptionSelected, "#map-missing")
    def _open_listed(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.CountryChosen(event.option.id))

    @on(WorldMap.Clicked)
    def _open_clicked(self, event: WorldMap.Clicked) -> None:
        event.stop()
        self.post_message(self.CountryChosen(event.iso))
