"""Live reload, one job of the app: look at the data files in proportion to what a look costs,
reload once a changed file has stopped changing, keep the last good data and say what is wrong
otherwise (the problems panel, `!`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the typed handle: these methods are the app's
    from tui.core.model import Dataset
    from tui.ui.app import CoalitionApp

import time

from rich.text import Text
from textual.widgets import Static

from tui.data.problems import DatasetError
from tui.data.watch import poll_delay, signature
from tui.ui.screens import ProblemsScreen
from tui.views import Views


class LiveReload:
    """The app's live reload (a mixin of CoalitionApp: `self` is the app)."""

    def _poll_tick(self: CoalitionApp) -> None:
        """One look at the data files, then the next, after a delay in proportion to the cost."""
        start = time.perf_counter()
        try:
            self._poll_data()
        finally:
            self.poll_cost = time.perf_counter() - start
            self.set_timer(poll_delay(self.poll_cost), self._poll_tick, name="watch data files")

    def _poll_data(self: CoalitionApp) -> None:
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

    def _load_in_thread(self: CoalitionApp) -> None:
        from tui.data.cache import load_store

        try:  # as at start-up: the cache's columns when this data was validated before, else the YAML
            result: Dataset | DatasetError = load_store(self.watch_paths)
        except DatasetError as exc:
            result = exc
        self.call_from_thread(self._apply_reload, result)

    def _apply_reload(self: CoalitionApp, result) -> None:
        """Show the new data, or keep the last good data and show what is wrong."""
        self._reloading = False
        if not isinstance(result, DatasetError):  # a Dataset, or the cache's light rows
            was_latest = self.as_of == self.db.latest
            had_problems = bool(self.problems)
            before, after = len(self.db.ds.memberships) + len(self.db.ds.countries), \
                len(result.memberships) + len(result.countries)
            lost = before >= 10 and after < before / 2
            self.views = Views(result, self.today, self.flags)
            self.views.set_changes_from(self.state.changes_from)
            self.problems = []
            if isinstance(self.screen, ProblemsScreen):
                self.pop_screen()
            self._show_tabs()
            new_as_of = self.db.latest if was_latest else self.as_of
            if new_as_of == self.as_of:
                self.watch_state()  # same date: the top lines and details all the same
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

    def action_problems(self: CoalitionApp) -> None:
        if isinstance(self.screen, ProblemsScreen):
            self.pop_screen()
        elif self.problems:
            self.push_screen(ProblemsScreen(self.problems))
        else:
            self.notify("No problems in the data files.", timeout=2)

