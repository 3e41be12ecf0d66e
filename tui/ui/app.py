"""The Textual app: the panes declared in tui.views.panes over one dataset, an as-of date they all
honour, and links between every record and its detail and sources."""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Iterable

from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, Static, TabbedContent, TabPane

from tui.ui import keys  # noqa: F401  (an Escape and the key after it stay two keys)
from tui.ui.commands import RecordsProvider
from tui.ui.frequency import FrequencyScreen, ShowCounts, frequency_commands
from tui.ui.help import Help
from tui.ui.reload import LiveReload
from tui.ui.saving import Saving
from tui.ui.messages import SetAsOf, ShowDetail, ShowSources
from tui.core.dates import date_end
from tui.ui.panes import widget_for
from tui.ui.panes.base import TablePane
from tui.ui.widgets.footer import DashboardFooter
from tui.ui.widgets.provenance import ProvenanceBar
from tui.ui.widgets.tabs import PaneTabs
from tui.views import Views
from tui.views.state import State
from tui.views.cells import visible
from tui.views.panes import PANES, pane as pane_spec
from tui.ui.screens import DetailScreen, HelpScreen, SearchScreen
from tui.data.watch import POLL_SECONDS, signature

if TYPE_CHECKING:  # the model imports pydantic: the first frame does without it
    from tui.core.model import Dataset

class CoalitionApp(LiveReload, Saving, Help, App):
    """The coalition dashboard."""

    TITLE = "coalition-tui"
    AUTO_FOCUS = None  # the pane focuses its table once built; nothing races it for the first key
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {RecordsProvider}
    BINDINGS: ClassVar = [
        *(Binding(p.key, f"pane('{p.id}')", p.title, show=False, id=f"app.{p.id}",
                  tooltip=f"Show the {p.title} pane") for p in PANES),
        Binding("left_square_bracket", "step(-1)", "Earlier", id="app.earlier",
                tooltip="Move the as-of date back one meeting"),
        Binding("right_square_bracket", "step(1)", "Later", id="app.later",
                tooltip="Move the as-of date forward one meeting"),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Every key of this pane"),
        Binding("ctrl+s", "screenshot('svg')", "Screenshot", show=False, id="app.screenshot",
                tooltip="Save the screen as SVG"),
        Binding("e", "export_csv", "Export CSV", show=False, id="app.export_csv",
                tooltip="Save the table in view, as filtered, as CSV"),
        Binding("slash", "filter", "Filter", priority=True, id="pane.filter_first",
                tooltip="Filter the table as you type: every word must match"),
        Binding("escape", "leave_filter", "Back to table", show=False, priority=True, id="pane.leave_filter_first",
                tooltip="Clear the filter (a second Escape leaves the box)"),
        Binding("ctrl+f", "search", "Search", show=False, id="app.search",
                tooltip="Search everything: names, notes, highlights, quotes, claims, source titles"),
        Binding("y", "copy('text')", "Copy", show=False, id="app.copy",
                tooltip="Copy the selected row, or the detail in view, as plain text with its sources"),
        Binding("Y", "copy('markdown')", "Copy as Markdown", show=False, id="app.copy_markdown",
                tooltip="Copy the same as Markdown"),
        Binding("C", "cite", "Copy citation", show=False, id="app.cite",
                tooltip="Copy the citations of the sources behind the selected row or the detail in view"),
        Binding("exclamation_mark", "problems", "Problems", show=False, id="app.problems",
                tooltip="Show the problems found in the data files since the last good load"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit"),
        Binding("ctrl+z", "suspend_process", "Suspend", show=False, id="app.suspend",
                tooltip="Suspend to the shell (fg brings the dashboard back, redrawn)"),
    ]

    state: reactive[State] = reactive(State(), init=False)
    """What every pane is drawn for (as-of date, how it was typed, the Changes pane's first day),
    bound to the panes: they are handed it, never read it from here."""
    views: reactive[Views | None] = reactive(None, init=False, always_update=True)
    """The views of the dataset the panes draw, bound to the panes like `state`."""

    types = True
    """Whether anyone types here: the panes then make what the filter searches beside the screen
    once it is drawn. A headless screenshot (tui.ui.shots) types nothing and sets it False."""

    def __init__(self, dataset: Dataset | None, *, pane: str = "countries", today: _dt.date | None = None,
                 screenshot_dir: Path | None = None, watch: list[Path] | None = None,
                 recover: bool = False, flags: bool = False, version: str | None = None,
                 as_of: _dt.date | None = None) -> None:
        """`watch`: data files or folders to reload from when they change on disk.
        `recover`: log an unexpected error and stop with no traceback (the CLI's choice; tests
        let errors raise). `flags`: show flag emoji beside country names. `dataset` None: none
        yet (tui.ui.loading loads it while the app runs, then calls use_dataset)."""
        super().__init__()
        from tui import __version__

        self.version = version or __version__  # tests pin it, so snapshots do not change with releases
        self.flags = flags
        self.watch_paths = list(watch or [])
        self.recover = recover
        self.problems: list = []
        self.last_copied = ""  # what y or Y put on the clipboard last
        self._signature: tuple = ()
        self.poll_cost = 0.0
        """Seconds the last look at the data files took (the next look waits in proportion)."""
        self._settling: tuple | None = None  # a new signature seen once, waiting to be seen again
        self._reloading = False
        self.crash_log: Path | None = None
        self.today = today or _dt.date.today()
        self.initial_pane = pane
        self.screenshot_dir = screenshot_dir or Path.cwd()
        self._as_of_asked = as_of
        if dataset is not None:
            self.use_dataset(dataset)

    def use_dataset(self, dataset: Dataset, views: Views | None = None) -> None:
        """The dataset to show (before the app is composed); `views`: its Views, if already built."""
        self.set_reactive(CoalitionApp.views, views or Views(dataset, self.today, self.flags))
        self.set_reactive(CoalitionApp.state, State(self._as_of_asked or self.db.latest))

    # --- the state, said once ---------------------------------------------------------------------

    @property
    def db(self) -> Views:
        """The views of the dataset (the `views` reactive; not `query`: that is DOMNode.query)."""
        return self.views

    @property
    def as_of(self) -> _dt.date | None:
        return self.state.as_of

    @as_of.setter
    def as_of(self, day: _dt.date | None) -> None:
        self.state = self.state.at(day)

    @property
    def as_of_text(self) -> str | None:
        """The partial date typed for the as-of date ("2023"), shown beside the day."""
        return self.state.typed

    @as_of_text.setter
    def as_of_text(self, typed: str | None) -> None:
        self.state = self.state.at(self.state.as_of, typed)

    def _bound(self, widget):
        """A pane, handed the state and the views (and every change of them)."""
        from tui.ui.panes.base import TablePane

        widget.set_reactive(TablePane.views, self.views)  # what it is first drawn with
        widget.set_reactive(TablePane.state, self.state)
        return widget.data_bind(CoalitionApp.state, CoalitionApp.views)

    def compose(self) -> ComposeResult:
        ix = self.db.ix
        if pane_spec(self.initial_pane).absent(ix):  # nothing to show there: the first pane that has
            self.initial_pane = next((p.id for p in PANES if not p.absent(ix)), PANES[0].id)
        self.title = visible(ix.ds.meta.title) if ix.ds.meta else "coalition-tui"
        self.sub_title = "coalition-tui"
        yield ProvenanceBar(self.provenance())  # drawn with its lines from the first frame
        yield Static(Text(self._status()), id="status")
        with PaneTabs(initial=self.initial_pane):
            for p in PANES:
                with TabPane(p.title_for(ix), id=p.id):
                    if p.id == self.initial_pane:  # drawn in the first frame; the others when shown
                        yield self._bound(widget_for(p.id))
        yield DashboardFooter()

    settings_warnings: list[str] = []
    """What was wrong in the settings file (tui.ui.keymap.load_settings): shown once mounted."""
    startup_warnings: list[str] = []
    """Other warnings of the launch (a cache that could not be written): shown once mounted, since
    what was printed on stderr before the screen was taken is hidden under it."""

    def on_mount(self) -> None:
        if self.settings_warnings:
            shown = self.settings_warnings[:5]
            more = len(self.settings_warnings) - len(shown)
            self.notify("\n".join(shown) + (f"\n… and {more} more" if more else "")
                        + "\ncoalition-tui config check lists them.", title="Settings: left out",
                        severity="warning", timeout=15)
        for warning in self.startup_warnings:
            self.notify(warning, severity="warning", timeout=10)
        self._ensure_pane(self.initial_pane)
        self._show_tabs()
        self._catch_signals()
        self.app_resume_signal.subscribe(self, self._redraw_after_resume)
        if self.watch_paths:
            self._signature = signature(self.watch_paths)
            self.set_timer(POLL_SECONDS, self._poll_tick, name="watch data files")

    def _catch_signals(self) -> None:
        """SIGTERM, SIGHUP and SIGQUIT end the app as `q` does, so the terminal is restored
        (alternate screen off, mouse reporting off, cursor shown) instead of left broken."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):
            number = getattr(signal, name, None)
            if number is None:
                continue
            try:
                loop.add_signal_handler(number, self._on_signal, number)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not the main thread (tests) or no such support: Textual's defaults stand

    def _redraw_after_resume(self, _app=None) -> None:
        """Back from ctrl+z or a SIGTSTP (`fg`): the terminal was cleared, so draw every line, at
        whatever size the terminal has now."""
        self.refresh(layout=True)

    def _on_signal(self, number: int) -> None:
        self.exit(return_code=128 + number)

    # --- unexpected errors ----------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """With `recover` (the CLI's choice), an unexpected error is logged and the app stops
        as Textual would (terminal restored, return code 1) but prints no traceback: the CLI
        names the log instead. Textual stops the message loop that raised, so carrying on in
        place is not safe. Tests leave `recover` off and see the exception itself."""
        if not self.recover:
            return super()._handle_exception(error)
        from tui.ui.crash import write_crash_log

        self.crash_log = write_crash_log(error)
        # These lines mirror App._handle_exception and App._fatal_error, less the traceback.
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

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
        widget = self._bound(widget_for(pane_id))
        self.main.query_one(f"TabPane#{pane_id}").mount(widget)
        return widget

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if not self.screen_stack or not self.is_running:
            return
        pane = self._ensure_pane(event.pane.id)
        if pane.is_mounted:
            self.call_after_refresh(pane.focus_default)

    def _show_tabs(self) -> None:
        """Hide the tab of a pane the dataset has nothing for; name each tab in its own terms."""
        tabs = self.main.query_one(TabbedContent)
        ix = self.db.ix
        shown = [p for p in PANES if not p.absent(ix)]
        # each tab takes its label and two cells; where the full titles do not fit, short ones
        narrow = sum(len(p.title_for(ix)) + 2 for p in shown) > self.size.width - 2
        for p in PANES:
            if p.absent(ix):
                tabs.hide_tab(p.id)
            else:
                tabs.show_tab(p.id)
            tabs.get_tab(p.id).label = p.label_for(ix, narrow)

    def on_resize(self) -> None:
        if self.screen_stack and self.views is not None and self.main.query(TabbedContent):
            self._show_tabs()  # short tab labels at 80 columns, full ones where they fit

    def action_pane(self, pane_id: str) -> None:
        why = pane_spec(pane_id).absent(self.db.ix)
        if why:
            self.notify(why, timeout=3)
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        tabs = self.main.query_one(TabbedContent)
        if tabs.active != pane_id:
            self.main.set_focus(None)  # a focused widget in the old pane would switch back to it
            tabs.active = pane_id
        pane = self._ensure_pane(pane_id)
        if pane.is_mounted:  # built already: its table has the focus now, before the next key
            pane.focus_default()
        # the key of the pane in view (no TabActivated follows) or any other: the last pane
        # pressed gets the focus once drawn, whatever came between
        self.call_after_refresh(pane.focus_default)

    # --- as-of date -------------------------------------------------------------------------------

    def _status(self) -> str:
        n = len(self.problems)
        warn = f" · ⚠ {n} problem{'s' if n != 1 else ''} in the data: press !" if n else ""
        return f" {self.db.summary(self.as_of)} · [ ] step{warn}"

    def watch_state(self) -> None:
        """The panes redraw themselves (they are bound to the state); the status line, every
        screen's top line and the detail screens are drawn again here."""
        if self.views.changes_from != self.state.changes_from:
            self.views.set_changes_from(self.state.changes_from)
        self.main.query_one("#status", Static).update(Text(self._status()))
        for screen in self.screen_stack:  # every screen's top line, and detail screens redrawn
            for bar in screen.query(ProvenanceBar):
                bar.show(*self.provenance())
            if isinstance(screen, DetailScreen) and screen.link is not None:
                detail = self.db.detail(*screen.link, self.as_of)
                if detail is not None:
                    screen.show(detail, self.as_of)
            if isinstance(screen, FrequencyScreen):  # once the pane under it has its new rows
                screen.call_after_refresh(screen.recount)

    def provenance(self) -> tuple[str, str]:
        """(title, dates) of the line at the top of every screen and image."""
        title, dates = self.db.ix.provenance(self.as_of, self.version)
        typed = self.state.typed
        if typed and self.as_of:  # "as of 2023-12-31, the end of 2023"
            dates = dates.replace(self.as_of.isoformat(), f"{self.as_of.isoformat()}, the end of {typed}", 1)
        return title, dates

    def on_provenance_bar_wanted(self, message: ProvenanceBar.Wanted) -> None:
        message.bar.show(*self.provenance())

    def action_step(self, direction: int) -> None:
        self.state = self.state.at(self.db.step(self.as_of, direction))

    def set_as_of(self, value: str | _dt.date | None) -> None:
        """Set the as-of date (None: the latest in the dataset). A partial date ("2023") stands
        for its last day, and the top line says so ("as of 2023-12-31, the end of 2023")."""
        typed = None
        if isinstance(value, str):
            text = value.strip()
            value = date_end(text)
            if len(text) < 10:
                typed = text
        new = value if value is not None else self.db.latest
        self.state = self.state.at(new, typed)  # the same day said differently redraws the top line

    # --- links ------------------------------------------------------------------------------------

    def action_filter(self) -> None:
        """`/` on the dashboard: the filter box of the pane in view. A priority binding, so it runs
        in the app's own key order, before the keys typed after it are handed on: those reach
        the box, in the order typed, however fast they come (a paste, a macro)."""
        pane = self.pane()
        if pane is not None and pane.is_mounted:
            pane.action_filter()

    def _filter_pane(self) -> TablePane | None:
        return next((a for a in self.focused.ancestors if isinstance(a, TablePane)), None) if self.focused else None

    def action_leave_filter(self) -> None:
        """Escape in a pane's filter box: a priority binding, so it clears the box or hands the
        focus back to the table before the keys typed after it are handed on (they went to the
        box while the Escape waited in its queue: Escape, 1, j typed 50 ms apart typed 'j')."""
        pane = self._filter_pane()
        if pane is not None:
            pane.action_leave_filter()

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every notification is plain text: data, file names and error messages are never parsed
        as markup, and control characters are shown as escapes (lines kept)."""
        lines = "\n".join(visible(line) for line in str(message).split("\n"))
        super().notify(lines, title=visible(str(title)), severity=severity, timeout=timeout, markup=False)

    def action_search(self) -> None:
        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(self.db.ix))

    def action_copy(self, fmt: str = "text") -> None:
        """Copy the selected row (a table in view) or the detail in view, with its sources."""
        from tui.views.copy import detail_text, row_text

        if isinstance(self.screen, DetailScreen):
            text, what = detail_text(self.db, self.screen.detail, fmt), "the detail"
        elif (self.screen is self.main and (pane := self.pane()) is not None and pane.is_mounted
              and pane.selected_row() is not None):  # a pane just shown builds its table first
            text, what = row_text(self.db, pane.columns, pane.selected_row(), fmt), "the selected row"
        else:
            self.notify("Nothing to copy here.", timeout=2)
            return
        from tui.ui.deliver import copy

        self.last_copied = text
        # OSC 52 has no acknowledgement (nor has a browser's clipboard): say what was sent, never
        # that it arrived; under a browser the text is also a .txt download (tui.ui.deliver)
        copy(self, text, f"{what[0].upper()}{what[1:]} as {'Markdown' if fmt == 'markdown' else 'plain text'} "
                         f"({len(text.splitlines())} lines)", self._output_path("txt") if self.is_web else None)

    def action_cite(self) -> None:
        """Copy the citations of the sources behind the selected row or the detail (tui.ui.cite)."""
        from tui.ui.cite import citations_text, refs_in_view

        refs = refs_in_view(self)
        text = citations_text(self.db, refs) if refs else ""
        if not text:
            self.notify("No sources to cite here.", timeout=2)
            return
        from tui.ui.deliver import copy

        self.last_copied = text
        n = len(text.splitlines())
        copy(self, text, f"{n} citation{'s' if n != 1 else ''}", self._output_path("txt") if self.is_web else None)

    def show_changes_from(self, day: _dt.date) -> None:
        """The Changes pane, from `day` to the as-of date."""
        self.state = replace(self.state, changes_from=day)
        self.action_pane("changes")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """`e` exports the table in view: only where a table is in view."""
        if action == "filter":  # typing `/` in a text box types it
            return self.screen is self.main and not isinstance(self.focused, Input)
        if action == "leave_filter":  # Escape in a pane's filter box, at once (see action_leave_filter)
            return self.screen is self.main and isinstance(self.focused, Input) and self._filter_pane() is not None
        if action == "export_csv":  # the dashboard, or the help over it
            return self.screen is self.main or (isinstance(self.screen, HelpScreen) and len(self.screen_stack) == 2)
        return True

    def show_detail(self, kind: str, id: str) -> None:
        detail = self.db.detail(kind, id, self.as_of)
        if detail is None:
            self.notify(f"No {kind} {id!r} in this dataset.", severity="warning")
            return
        self.push_screen(DetailScreen(detail, (kind, id), self.as_of))

    def on_show_detail(self, message: ShowDetail) -> None:
        self.show_detail(message.kind, message.id)

    def on_show_counts(self, message: ShowCounts) -> None:
        self.push_screen(FrequencyScreen(message.count, message.name, message.rows, message.title))

    def on_set_as_of(self, message: SetAsOf) -> None:
        self.set_as_of(message.day)

    def on_show_sources(self, message: ShowSources) -> None:
        if not message.refs:
            self.notify("No sources recorded for this.", severity="warning")
            return
        self.push_screen(DetailScreen(self.db.sources_detail(message.title, message.refs)))

    # --- help, palette, screenshots ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":  # Textual's writes to ~/Downloads; ours is below
                yield command
        from textual.markup import escape

        counts = frequency_commands(self, self.pane() if screen is self.main else None)
        for title, help, callback in self.extra_commands() + self._sort_commands(screen) + counts:
            # the palette parses both as markup: a folder or heading of '[b]' must stay text
            yield SystemCommand(escape(visible(title)), escape(visible(help)), callback)

    def _sort_commands(self, screen: Screen) -> list[tuple[str, str, object]]:
        """'Sort by COLUMN, A to Z' and 'Z to A' for the pane in view: a column chooser from the
        keyboard (o sorts by the column under the column cursor, O reverses; a click on a heading
        chooses too)."""
        from functools import partial

        from tui.views.cells import sort_words

        pane = self.pane() if screen is self.main else None
        if pane is None or not pane.is_mounted:
            return []
        out = []
        for i, column in enumerate(pane.columns):
            for reverse in (False, True):
                words = sort_words(column, reverse)
                out.append((f"Sort by {column.heading}, {words}", f"{words} (o: the column under the cursor, O reverses)",
                            partial(pane.sort_by, i, reverse)))
        return out
