"""The Textual app: the panes declared in tui.views.panes over one dataset, an as-of date they all
honour, and links between every record and its detail and sources."""

from __future__ import annotations

import datetime as _dt
import time
from pathlib import Path
from typing import ClassVar, Iterable

from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, Static, TabbedContent, TabPane

from tui.ui import keys  # noqa: F401  (an Escape and the key after it stay two keys)
from tui.ui.commands import RecordsProvider
from tui.ui.messages import ShowDetail, ShowSources
from tui.core.dates import date_end
from tui.core.model import Dataset
from tui.ui.panes import widget_for
from tui.ui.panes.base import TablePane
from tui.ui.widgets.footer import DashboardFooter
from tui.ui.widgets.provenance import ProvenanceBar
from tui.ui.widgets.tabs import PaneTabs
from tui.views import Views
from tui.views.cells import visible
from tui.views.panes import PANE_IDS, PANES, pane as pane_spec
from tui.ui.screens import DetailScreen, HelpScreen, ProblemsScreen, SearchScreen
from tui.data.watch import POLL_SECONDS, poll_delay, signature

_OUR_BINDINGS = {"app", "pane", "table", "detail", "memberships", "help"}
"""The id prefixes of the dashboard's own bindings (Textual's own have none of these)."""

MARKS = [("?", "unconfirmed: the detail says what could not be confirmed"),
         ("≠", "sources disagree: the detail links the claims"),
         ("⇄", "a quote that reaches us through a translation or another outlet's rendering"),
         ("~ < > ≥ ≤", "a count that is about, nearly, more than, at least, up to the number"),
         ("* exp grp", "a count whose exactness is not stated; expected; the group's size"),
         ("━ ◆ ◇ │ ◂ ▸", "roadmap: active, milestone, unconfirmed milestone, today, beyond the axis")]
"""Every mark a screen uses, for the help."""


class CoalitionApp(App):
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

    as_of: reactive[_dt.date | None] = reactive(None, init=False)

    def __init__(self, dataset: Dataset, *, pane: str = "countries", today: _dt.date | None = None,
                 screenshot_dir: Path | None = None, watch: list[Path] | None = None,
                 recover: bool = False, flags: bool = False, version: str | None = None,
                 as_of: _dt.date | None = None) -> None:
        """`watch`: data files or folders to reload from when they change on disk.
        `recover`: log an unexpected error and stop with no traceback (the CLI's choice; tests
        let errors raise). `flags`: show flag emoji beside country names."""
        super().__init__()
        from tui import __version__

        self.version = version or __version__  # tests pin it, so snapshots do not change with releases
        self.flags = flags
        self.watch_paths = list(watch or [])
        self.recover = recover
        self.problems: list = []
        self.last_copied = ""  # what y or Y put on the clipboard last
        self.as_of_text: str | None = None  # the partial date typed ("2023"), shown beside the day
        self._signature: tuple = ()
        self.poll_cost = 0.0
        """Seconds the last look at the data files took (the next look waits in proportion)."""
        self._settling: tuple | None = None  # a new signature seen once, waiting to be seen again
        self._reloading = False
        self.crash_log: Path | None = None
        self.today = today or _dt.date.today()
        self.db = Views(dataset, self.today, flags)
        """The views of the dataset the panes draw (not `query`: that is DOMNode.query)."""
        self.initial_pane = pane
        self.screenshot_dir = screenshot_dir or Path.cwd()
        self.set_reactive(CoalitionApp.as_of, as_of or self.db.latest)

    def compose(self) -> ComposeResult:
        ix = self.db.ix
        if pane_spec(self.initial_pane).absent(ix):  # nothing to show there: the first pane that has
            self.initial_pane = next((p.id for p in PANES if not p.absent(ix)), PANES[0].id)
        self.title = visible(ix.ds.meta.title) if ix.ds.meta else "coalition-tui"
        self.sub_title = "coalition-tui"
        yield ProvenanceBar()
        yield Static(Text(self._status()), id="status")
        with PaneTabs(initial=self.initial_pane):
            for p in PANES:
                with TabPane(p.title_for(ix), id=p.id):
                    if p.id == self.initial_pane:  # drawn in the first frame; the others when shown
                        yield widget_for(p.id)
        yield DashboardFooter()

    def on_mount(self) -> None:
        self._ensure_pane(self.initial_pane)
        self._show_tabs()
        self._catch_signals()
        self.app_resume_signal.subscribe(self, self._redraw_after_resume)
        if self.watch_paths:
            self._signature = signature(self.watch_paths)
            self.set_timer(POLL_SECONDS, self._poll_tick, name="watch data files")

    def _poll_tick(self) -> None:
        """One look at the data files, then the next, after a delay in proportion to the cost."""
        start = time.perf_counter()
        try:
            self._poll_data()
        finally:
            self.poll_cost = time.perf_counter() - start
            self.set_timer(poll_delay(self.poll_cost), self._poll_tick, name="watch data files")

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

    # --- live reload ------------------------------------------------------------------------------

    def _poll_data(self) -> None:
        """Reload once a changed data file has stopped changing: the same new signature at two
        polls in a row (at least half a second apart), so a slow save is never shown half-written. The
        load runs in a thread so keys stay live."""
        current = signature(self.watch_paths)
        if current == self._signature or self._reloading:
            self._settling = None
            return
        if current != self._settling:  # still changing (or just changed): look again next poll
            self._settling = current
            return
        self._settling = None
        self._signature = current
        self._reloading = True
        self.run_worker(self._load_in_thread, thread=True, exclusive=True, group="reload")

    def _load_in_thread(self) -> None:
        from tui.data.cache import load_fresh
        from tui.data.problems import DatasetError

        try:  # the YAML itself, validated (the collector paused, as at start-up)
            result: Dataset | DatasetError = load_fresh(self.watch_paths)
        except DatasetError as exc:
            result = exc
        self.call_from_thread(self._apply_reload, result)

    def _apply_reload(self, result) -> None:
        """Show the new data, or keep the last good data and show what is wrong."""
        self._reloading = False
        if isinstance(result, Dataset):
            was_latest = self.as_of == self.db.latest
            had_problems = bool(self.problems)
            before, after = len(self.db.ds.memberships) + len(self.db.ds.countries), \
                len(result.memberships) + len(result.countries)
            lost = before >= 10 and after < before / 2
            self.db = Views(result, self.today, self.flags)
            self.problems = []
            if isinstance(self.screen, ProblemsScreen):
                self.pop_screen()
            self._show_tabs()
            new_as_of = self.db.latest if was_latest else self.as_of
            if new_as_of == self.as_of:
                self.watch_as_of()  # same date: refresh the panes all the same
            else:
                self.as_of = new_as_of
            if lost:  # valid, but most of it gone at once: say so, in case a save went wrong
                self.notify(f"Data reloaded, but it now holds {after:,} countries and memberships, "
                            f"down from {before:,}. If that is not what you meant, check the files.",
                            title="Live reload", severity="warning", timeout=8)
            else:
                self.notify("Data reloaded" + (": the problems are fixed" if had_problems else ""),
                            title="Live reload", timeout=2)
        else:
            self.problems = list(result.problems)
            self.main.query_one("#status", Static).update(Text(self._status()))
            if isinstance(self.screen, ProblemsScreen):
                self.screen.dismiss()
                self.push_screen(ProblemsScreen(self.problems))
            first = str(self.problems[0]) if self.problems else ""
            first = first if len(first) <= 300 else first[:299] + "…"  # a toast is read at a glance
            self.notify(f"{first}\nThe last good data stays on screen. Press ! for every problem.",
                        title=f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} in the data",
                        severity="error",
                        timeout=6)

    def action_problems(self) -> None:
        if isinstance(self.screen, ProblemsScreen):
            self.pop_screen()
        elif self.problems:
            self.push_screen(ProblemsScreen(self.problems))
        else:
            self.notify("No problems in the data files.", timeout=2)

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
        widget = widget_for(pane_id)
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
        for p in PANES:
            if p.absent(self.db.ix):
                tabs.hide_tab(p.id)
            else:
                tabs.show_tab(p.id)
            tabs.get_tab(p.id).label = p.title_for(self.db.ix)

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
        # the key of the pane in view (no TabActivated follows) or any other: the last pane
        # pressed gets the focus once drawn, whatever came between
        self.call_after_refresh(pane.focus_default)

    # --- as-of date -------------------------------------------------------------------------------

    def _status(self) -> str:
        n = len(self.problems)
        warn = f" · ⚠ {n} problem{'s' if n != 1 else ''} in the data: press !" if n else ""
        return f" {self.db.summary(self.as_of)} · [ ] step{warn}"

    def watch_as_of(self) -> None:
        self.main.query_one("#status", Static).update(Text(self._status()))
        for screen in self.screen_stack:  # every screen's top line, and detail screens redrawn
            for bar in screen.query(ProvenanceBar):
                bar.refresh_bar()
            if isinstance(screen, DetailScreen) and screen.link is not None:
                detail = self.db.detail(*screen.link, self.as_of)
                if detail is not None:
                    screen.show(detail)
        for p in PANES:
            pane = self.pane(p.id)
            if pane is not None and pane.is_mounted:
                pane.reload()

    def action_step(self, direction: int) -> None:
        self.as_of_text = None
        self.as_of = self.db.step(self.as_of, direction)

    def set_as_of(self, value: str | _dt.date | None) -> None:
        """Set the as-of date (None: the latest in the dataset). A partial date ("2023") stands
        for its last day, and the top line says so ("as of 2023-12-31, the end of 2023")."""
        self.as_of_text = None
        if isinstance(value, str):
            text = value.strip()
            value = date_end(text)
            if len(text) < 10:
                self.as_of_text = text
        new = value if value is not None else self.db.latest
        if new == self.as_of:
            self.watch_as_of()  # the same day, said differently: redraw the top line
        self.as_of = new

    # --- links ------------------------------------------------------------------------------------

    def action_filter(self) -> None:
        """`/` on the dashboard: the filter box of the pane in view. A priority binding, so it runs
        in the app's own key order, before the keys typed after it are handed on: those reach
        the box, in the order typed, however fast they come (a paste, a macro)."""
        pane = self.pane()
        if pane is not None and pane.is_mounted:
            pane.action_filter()

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every notification is plain text: data, file names and error messages are never parsed
        as markup, and control characters are shown as escapes (lines kept)."""
        lines = "\n".join(visible(line) for line in str(message).split("\n"))
        super().notify(lines, title=visible(str(title)), severity=severity, timeout=timeout, markup=False)

    def action_search(self) -> None:
        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

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
        kind = "Markdown" if fmt == "markdown" else "plain text"
        copy(self, text, f"{what} as {kind} ({len(text.splitlines())} lines)",
             self._output_path("txt") if self.is_web else None)

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
        self.db.set_changes_from(day)
        self.action_pane("changes")
        pane = self.pane("changes")
        if pane is not None and pane.is_mounted:
            pane.reload()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """`e` exports the table in view: only where a table is in view."""
        if action == "filter":  # typing `/` in a text box types it
            return self.screen is self.main and not isinstance(self.focused, Input)
        if action == "export_csv":  # the dashboard, or the help over it
            return self.screen is self.main or (isinstance(self.screen, HelpScreen) and len(self.screen_stack) == 2)
        return True

    def show_detail(self, kind: str, id: str) -> None:
        detail = self.db.detail(kind, id, self.as_of)
        if detail is None:
            self.notify(f"No {kind} {id!r} in this dataset.", severity="warning")
            return
        self.push_screen(DetailScreen(detail, (kind, id)))

    def on_show_detail(self, message: ShowDetail) -> None:
        self.show_detail(message.kind, message.id)

    def on_show_sources(self, message: ShowSources) -> None:
        if not message.refs:
            self.notify("No sources recorded for this.", severity="warning")
            return
        self.push_screen(DetailScreen(self.db.sources_detail(message.title, message.refs)))

    # --- help, palette, screenshots ---------------------------------------------------------------

    def action_help(self) -> None:
        """One curated list for the screen in view, from the public binding API: the screen's
        and the focused widget's own keys first, then the app's; Textual's own keys (tab, ctrl+q,
        ...) are left out, and so are keys that do nothing here; no key twice."""
        if isinstance(self.screen, HelpScreen):
            return
        own: dict[str, list[str]] = {}
        app_keys: dict[str, list[str]] = {}
        panes: list[str] = []
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not active.enabled or (binding.id or "").split(".")[0] not in _OUR_BINDINGS:
                continue
            if binding.id.startswith("app.") and binding.id[4:] in PANE_IDS:
                panes.append(self.get_key_display(binding))
                continue
            desc = binding.tooltip or binding.description
            if desc:  # keys that do the same thing share a line: "↑ k  Move up"
                group = app_keys if binding.id.startswith("app.") else own
                shown = group.setdefault(desc, [])
                display = self.get_key_display(binding)
                if display not in shown:
                    shown.append(display)
        if panes:
            names = ", ".join(p.title_for(self.db.ix) for p in PANES if not p.absent(self.db.ix))
            app_keys = {f"Panes: {names}": [f"{panes[0]}-{panes[-1]}"], **app_keys}
        app_keys = {k: v for k, v in app_keys.items()}
        app_keys["Command palette: any record by name, a pane, 'as of DATE', conflicts"] = ["ctrl+p"]
        keys = [(" ".join(k), d) for d, k in own.items()] + [(" ".join(k), d) for d, k in app_keys.items()]
        title = "Keys: " + (pane_spec(self.current_pane_id).title_for(self.db.ix)
                            if self.screen is self.main else "this detail")
        ix = self.db.ix
        marks = [m for m in MARKS if not (m[0].startswith("━") and not ix.ds.roadmap)]
        if ix.featured is not None:  # in the dataset's own terms: no star without a featured source
            marks.insert(2, ("★", f"the meeting {ix.featured_name} describes"))
        self.push_screen(HelpScreen(title, keys, marks))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":  # Textual's writes to ~/Downloads; ours is below
                yield command
        for title, help, callback in self.extra_commands() + self._sort_commands(screen):
            yield SystemCommand(title, help, callback)

    def extra_commands(self) -> list[tuple[str, str, object]]:
        from tui.ui.deliver import where_saved

        where = where_saved(self)
        # screenshots wait a refresh, so the palette that ran them has left the screen
        return [
            ("Save screenshot (SVG)", f"Save the screen as SVG {where} (ctrl+s)",
             lambda: self.call_after_refresh(self.action_screenshot, "svg")),
            ("Save screenshot (PNG)", f"Save the screen as PNG {where}",
             lambda: self.call_after_refresh(self.action_screenshot, "png")),
            ("Export table as CSV", f"Save the table in view, as filtered, as CSV {where} (e)",
             self.action_export_csv),
        ]

    def _sort_commands(self, screen: Screen) -> list[tuple[str, str, object]]:
        """'Sort by COLUMN, A to Z' and 'Z to A' for the pane in view: a column chooser from the
        keyboard (o and O cycle; a click on a heading chooses too)."""
        from functools import partial

        from tui.views.cells import sort_words

        pane = self.pane() if screen is self.main else None
        if pane is None or not pane.is_mounted:
            return []
        out = []
        for i, column in enumerate(pane.columns):
            for reverse in (False, True):
                words = sort_words(column, reverse)
                out.append((f"Sort by {column.heading}, {words}", f"{words} (o, O cycle)",
                            partial(pane.sort_by, i, reverse)))
        return out

    def _output_path(self, ext: str) -> Path:
        """A new file in the screenshot folder, named after what is in view (the detail over the
        pane, if one is open, else the pane) and the time."""
        import re

        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        shown = next((s for s in reversed(self.screen_stack) if isinstance(s, DetailScreen)), None)
        what = self.current_pane_id
        if shown is not None and shown.link is not None:
            what = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{shown.link[0]}-{shown.link[1]}").strip("-")[:60]
        base = f"coalition-tui-{what}-{stamp}"
        path, n = self.screenshot_dir / f"{base}.{ext}", 2
        while path.exists():
            path, n = self.screenshot_dir / f"{base}-{n}.{ext}", n + 1
        return path

    def _save(self, path: Path, data: str | bytes, title: str, what: str = "") -> None:
        """Write atomically, or under a browser offer it as a download (tui.ui.deliver); a
        notification says where it went, or why it failed."""
        from tui.ui.deliver import save

        save(self, path, data, title, what)

    def action_screenshot(self, fmt: str = "svg") -> None:
        """Save the screen as SVG, or as PNG (rendered in a thread: it takes a moment)."""
        svg = self.export_screenshot()
        path = self._output_path(fmt)
        if fmt == "png":
            self.run_worker(lambda: self._save_png(svg, path), thread=True, group="screenshot")
        else:
            self._save(path, svg, "Screenshot")

    def _save_png(self, svg: str, path: Path) -> None:
        from tui.export.png import ScreenshotError, svg_to_png

        try:
            png = svg_to_png(svg)
        except ScreenshotError as exc:
            self.call_from_thread(self.notify, str(exc), title="Screenshot", severity="error")
            return
        self.call_from_thread(self._save, path, png, "Screenshot")

    def action_export_csv(self) -> None:
        """Save the table in view, as filtered and sorted, as CSV in the screenshot folder."""
        from tui.export.data import pane_csv

        pane = self.pane() if self.screen is self.main or isinstance(self.screen, HelpScreen) else None
        if pane is None or not pane.is_mounted:
            self.notify("No table in view: go back to a pane to export its table.", severity="warning")
            return
        n = len(pane.rows)
        self._save(self._output_path("csv"), pane_csv(self.db, pane.pane_id, self.as_of, pane.rows, pane.columns),
                   "Export", f"{n} row{'s' if n != 1 else ''} to ")
