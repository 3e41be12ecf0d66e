"""The Textual app: five panes over one dataset, an as-of date they all honour, and links
between every record and its detail and sources."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import ClassVar, Iterable

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from tui.commands import RecordsProvider
from tui.messages import ShowDetail, ShowSources
from tui.model import Dataset, date_start
from tui.panes.base import TablePane
from tui.panes.countries import CountriesPane
from tui.panes.meetings import MeetingsPane
from tui.panes.quotes import QuotesPane
from tui.panes.roadmap import RoadmapPane
from tui.panes.sources import SourcesPane
from tui.query import Query
from tui.screens import DetailScreen, HelpScreen

PANE_CLASSES: dict[str, type[TablePane]] = {
    "countries": CountriesPane, "meetings": MeetingsPane, "roadmap": RoadmapPane,
    "quotes": QuotesPane, "sources": SourcesPane,
}


class CoalitionApp(App):
    """The coalition dashboard."""

    TITLE = "coalition-tui"
    AUTO_FOCUS = None  # the pane focuses its table once built; nothing races it for the first key
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {RecordsProvider}
    PANES: ClassVar[list[tuple[str, str]]] = [
        ("countries", "Countries"), ("meetings", "Meetings"), ("roadmap", "Roadmap 2027"),
        ("quotes", "Quotes"), ("sources", "Sources"),
    ]
    BINDINGS: ClassVar = [
        Binding("1", "pane('countries')", "Countries", show=False, id="app.countries", tooltip="Countries pane"),
        Binding("2", "pane('meetings')", "Meetings", show=False, id="app.meetings", tooltip="Meetings pane"),
        Binding("3", "pane('roadmap')", "Roadmap", show=False, id="app.roadmap", tooltip="Roadmap pane"),
        Binding("4", "pane('quotes')", "Quotes", show=False, id="app.quotes", tooltip="Quotes pane"),
        Binding("5", "pane('sources')", "Sources", show=False, id="app.sources", tooltip="Sources pane"),
        Binding("left_square_bracket", "step(-1)", "Earlier", id="app.earlier",
                tooltip="Move the as-of date back one meeting"),
        Binding("right_square_bracket", "step(1)", "Later", id="app.later",
                tooltip="Move the as-of date forward one meeting"),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Every key of this pane"),
        Binding("ctrl+s", "screenshot('svg')", "Screenshot", show=False, id="app.screenshot",
                tooltip="Save the screen as SVG"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit"),
    ]

    as_of: reactive[_dt.date | None] = reactive(None, init=False)

    def __init__(self, dataset: Dataset, *, pane: str = "countries", today: _dt.date | None = None,
                 screenshot_dir: Path | None = None) -> None:
        super().__init__()
        self.query = Query(dataset)
        self.today = today or _dt.date.today()
        self.initial_pane = pane
        self.screenshot_dir = screenshot_dir or Path.cwd()
        self.set_reactive(CoalitionApp.as_of, self.query.latest)

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(self._status(), id="status")
        with TabbedContent(initial=self.initial_pane):
            for pane_id, title in self.PANES:
                yield TabPane(title, id=pane_id)
        yield Footer()

    def on_mount(self) -> None:
        self._ensure_pane(self.initial_pane)

    # --- panes ------------------------------------------------------------------------------------

    @property
    def main(self) -> Screen:
        """The dashboard's own screen, under any detail or help screens pushed over it."""
        return self.screen_stack[0]

    @property
    def current_pane_id(self) -> str:
        return self.main.query_one(TabbedContent).active or self.initial_pane

    def pane(self, pane_id: str | None = None) -> TablePane | None:
        """The pane widget, if it has been built."""
        found = self.main.query_one(f"TabPane#{pane_id or self.current_pane_id}").query(TablePane)
        return found.first() if found else None

    def _ensure_pane(self, pane_id: str) -> TablePane:
        """Build a pane the first time it is shown."""
        existing = self.pane(pane_id)
        if existing is not None:
            return existing
        widget = PANE_CLASSES[pane_id](id=f"{pane_id}-pane")
        self.main.query_one(f"TabPane#{pane_id}").mount(widget)
        return widget

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if not self.screen_stack or not self.is_running:
            return
        pane = self._ensure_pane(event.pane.id)
        if pane.is_mounted:
            self.call_after_refresh(pane.focus_default)

    def action_pane(self, pane_id: str) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.main.query_one(TabbedContent).active = pane_id
        self._ensure_pane(pane_id)

    # --- as-of date -------------------------------------------------------------------------------

    def _status(self) -> str:
        when = self.as_of.isoformat() if self.as_of else "all dates"
        return f" As of {when} · {self.query.summary(self.as_of)} · [ ] step"

    def watch_as_of(self) -> None:
        self.main.query_one("#status", Static).update(self._status())
        for pane_id, _ in self.PANES:
            pane = self.pane(pane_id)
            if pane is not None and pane.is_mounted:
                pane.reload()

    def action_step(self, direction: int) -> None:
        self.as_of = self.query.step(self.as_of, direction)

    def set_as_of(self, value: str | _dt.date | None) -> None:
        """Set the as-of date (None: the latest in the dataset)."""
        if isinstance(value, str):
            value = date_start(value)
        self.as_of = value if value is not None else self.query.latest

    # --- links ------------------------------------------------------------------------------------

    def show_detail(self, kind: str, id: str) -> None:
        detail = self.query.detail(kind, id, self.as_of)
        if detail is None:
            self.notify(f"No {kind} {id!r} in this dataset.", severity="warning")
            return
        self.push_screen(DetailScreen(detail))

    def on_show_detail(self, message: ShowDetail) -> None:
        self.show_detail(message.kind, message.id)

    def on_show_sources(self, message: ShowSources) -> None:
        if not message.refs:
            self.notify("No sources recorded for this.", severity="warning")
            return
        self.push_screen(DetailScreen(self.query.sources_detail(message.title, message.refs)))

    # --- help, palette, screenshots ---------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        keys: list[tuple[str, str]] = []
        seen = set()
        for key, active in self.screen.active_bindings.items():
            b = active.binding
            desc = b.tooltip or b.description
            if desc and (key, desc) not in seen:
                seen.add((key, desc))
                keys.append((self.get_key_display(b), desc))
        keys += [("ctrl+p", "Command palette: find any record, set the as-of date"),
                 ("tab", "Move focus"), ("↑ ↓ j k", "Move the cursor"), ("g G", "First / last row")]
        title = "Keys: " + (dict(self.PANES).get(self.current_pane_id, "")
                            if self.screen is self.main else "detail")
        self.push_screen(HelpScreen(title, keys))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":  # Textual's writes to ~/Downloads; ours is below
                yield command
        for title, help, callback in self.extra_commands():
            yield SystemCommand(title, help, callback)

    def extra_commands(self) -> list[tuple[str, str, object]]:
        return [("Save screenshot (SVG)", f"Save the screen as SVG in {self.screenshot_dir}",
                 lambda: self.action_screenshot("svg"))]

    def action_screenshot(self, fmt: str = "svg") -> None:
        from tui.files import OutputError, write_atomic

        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.screenshot_dir / f"coalition-tui-{self.current_pane_id}-{stamp}.{fmt}"
        try:
            write_atomic(path, self.export_screenshot())
        except OutputError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Saved {path.resolve()}", title="Screenshot")
