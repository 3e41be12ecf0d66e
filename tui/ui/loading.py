"""The dashboard loading its dataset while it runs: a progress bar over a long load, q at once.

`coalition-tui` (tui.cli) starts LoadingApp with a function that loads the dataset, rather than
with the dataset. The app draws at once and runs that function in a thread; a load that takes
longer than REVEAL_AFTER seconds (a cold load of a big dataset: YAML and validation) shows a
progress bar of the files read (tui.data.progress), and q, ctrl+c or a signal end the app at
once, mid-load. When the data is in, the dashboard is composed in place of the bar. A dataset
that does not load ends the app with return code 1 and `load_error` set: the command line then
prints the located problems, as it always has. A live reload that takes as long shows its
progress on a line under the status line, the last good data staying in view.

The thread is a daemon thread of its own, not a Textual thread worker: a worker runs in the
event loop's executor, which is joined when the app ends, so quitting would wait for the load.
Once the app has quit, the thread's next progress report raises LoadCancelled and the load stops.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from typing import TYPE_CHECKING, Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ProgressBar, Static

from tui.data.cache import collector_paused
from tui.data.problems import DatasetError
from tui.data.progress import LoadProgress, Progress
from tui.ui.app import CoalitionApp
from tui.views import Views

if TYPE_CHECKING:  # the model imports pydantic: the first frame does without it
    from tui.core.model import Dataset

SWITCH_INTERVAL = 0.001
"""Seconds between hand-overs of the interpreter lock while the load runs (Python's default: 0.005)."""

REVEAL_AFTER = 1.0
"""Seconds a load runs before its progress bar is shown (a quicker load never shows one)."""


class LoadCancelled(Exception):
    """The app ended during the load: the loader's thread stops at its next report."""


class LoadingView(Vertical):
    """A box in the middle of the screen: what is loading, a bar, how far, and how to quit.
    Hidden until the load has taken REVEAL_AFTER seconds."""

    DEFAULT_CSS = """
    LoadingView { align: center middle; display: none; }
    LoadingView.-shown { display: block; }
    LoadingView > #loading-box { width: 90%; max-width: 96; height: auto; border: round $primary; padding: 0 2; }
    LoadingView #loading-bar { width: 100%; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="loading-box"):
            yield Static(Text("Loading the dataset"), id="loading-title")
            yield ProgressBar(total=100, show_eta=False, id="loading-bar")
            yield Static(Text("starting"), id="loading-line")
            yield Static(Text("q quits"), id="loading-keys")

    def show(self, progress: LoadProgress | None) -> None:
        if progress is None:
            return
        show_fraction(self.query_one(ProgressBar), progress)
        self.query_one("#loading-line", Static).update(Text(progress.describe()))


def show_fraction(bar: ProgressBar, progress: LoadProgress) -> None:
    """The bar at how far the files are read; past the reading (the checks across records, the
    cache written: a minute at a million records, with nothing to count) it pulses rather than
    stand at a full 100% that looks done."""
    if progress.stage == "reading":
        bar.update(total=100, progress=round(progress.fraction * 100))
    else:
        bar.update(total=None)


class ReloadBar(Horizontal):
    """One line under the status line while a long live reload runs: a bar and how far."""

    DEFAULT_CSS = """
    ReloadBar { height: 1; }
    ReloadBar > Static { width: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text("Reloading"))
        yield ProgressBar(total=100, show_eta=False)
        yield Static(Text(""), id="reload-line")

    def show(self, progress: LoadProgress) -> None:
        if not self.is_mounted:
            self.call_after_refresh(self.show, progress)
            return
        show_fraction(self.query_one(ProgressBar), progress)
        self.query_one("#reload-line", Static).update(Text(progress.describe()))


class LoadingApp(CoalitionApp):
    """CoalitionApp that loads its dataset itself, in a thread, with a progress bar."""

    class Progressed(Message):
        def __init__(self, progress: LoadProgress) -> None:
            super().__init__()
            self.progress = progress

    class Loaded(Message):
        """The load's result: (dataset, views), a DatasetError, or an unexpected exception."""

        def __init__(self, result) -> None:
            super().__init__()
            self.result = result

    def __init__(self, load: Callable[[Progress], Dataset], *, reveal_after: float | None = None,
                 freeze: bool = False, warm: Callable[[], Dataset | None] | None = None, **kwargs) -> None:
        """`load(progress)` returns the dataset or raises DatasetError; it runs in a thread and
        calls `progress` with each report. `freeze`: gc.freeze() what was loaded (the command
        line's choice: it lives as long as the app). `warm()`: the dataset when it is at hand at
        once (the validated cache holds it), else None; then the dashboard is composed with it
        directly, with no loading screen before it (one compose, one first frame), and `load`
        is not called."""
        super().__init__(None, **kwargs)
        self._load = load
        self._warm = warm
        self.reveal_after = REVEAL_AFTER if reveal_after is None else reveal_after
        self._freeze = freeze
        self.load_error: DatasetError | None = None
        """Set when the dataset did not load (the app then ends with return code 1)."""
        self.last_progress: LoadProgress | None = None
        self._ended = threading.Event()
        self._thread: threading.Thread | None = None

    def still_loading(self) -> bool:
        """Whether the loading thread is still at work (the app ended mid-load)."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    @property
    def loading(self) -> bool:
        return self.db is None

    def compose(self) -> ComposeResult:
        warm, self._warm = self._warm, None
        if self.loading and warm is not None:  # a warm start: the dashboard at once
            with collector_paused():
                dataset = warm()
                if dataset is not None:
                    self._use_loaded(dataset, Views(dataset, self.today, self.flags))
        if self.loading:
            yield LoadingView()
            return
        yield from super().compose()

    def _use_loaded(self, dataset, views: Views) -> None:
        """The dataset in (from the loading thread, or at once when warm)."""
        if self._freeze:
            gc.freeze()  # it lives as long as the app: keep it out of every collection
        self.use_dataset(dataset, views)

    def on_mount(self, event: events.Mount) -> None:
        if not self.loading:
            return  # composed with its data: the dashboard's own on_mount follows
        event.prevent_default()  # not the dashboard's yet: it has no panes to mount
        self._catch_signals()
        if self.reveal_after > 0:
            self.set_timer(self.reveal_after, self._reveal, name="reveal the progress bar")
        else:
            self.call_after_refresh(self._reveal)
        # the load holds the interpreter lock most of the time: hand it to the app's thread
        # more often (every 1 ms, not 5), so keys, the bar and quitting are not kept waiting
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL))
        self._thread = threading.Thread(target=self._load_in_background, name="load the dataset", daemon=True)
        self._thread.start()

    def on_unmount(self) -> None:
        self._ended.set()

    def _reveal(self) -> None:
        if self.loading:
            for view in self.query(LoadingView):
                view.add_class("-shown")
                view.show(self.last_progress)

    # --- the thread ---------------------------------------------------------------------------------

    def _report(self, progress: LoadProgress) -> None:
        """The loader's listener (in the loading thread)."""
        if self._ended.is_set() or not self.is_running:
            raise LoadCancelled
        self.post_message(self.Progressed(progress))

    def _load_in_background(self) -> None:
        try:
            with collector_paused():  # the load and the indexes build many lasting objects, no garbage
                dataset = self._load(self._report)
                result: object = (dataset, Views(dataset, self.today, self.flags))
        except LoadCancelled:
            return
        except DatasetError as exc:
            result = exc
        except Exception as exc:  # noqa: BLE001 - raised again in the app, which handles it
            result = exc
        finally:
            sys.setswitchinterval(self._switch_interval)
        if not self._ended.is_set():
            self.post_message(self.Loaded(result))

    # --- back in the app ----------------------------------------------------------------------------

    def on_loading_app_progressed(self, message: Progressed) -> None:
        self.last_progress = message.progress
        if not self.loading:  # a live reload: a bar under the status line, the last data kept
            self._reload_bar().show(message.progress)
            return
        for view in self.query(LoadingView):
            if view.has_class("-shown"):
                view.show(message.progress)

    async def on_loading_app_loaded(self, message: Loaded) -> None:
        result = message.result
        if isinstance(result, DatasetError):
            self.load_error = result
            self.exit(return_code=1)
            return
        if isinstance(result, BaseException):
            raise result
        dataset, views = result
        self._use_loaded(dataset, views)
        from tui.data import cache

        if cache.warning:  # the cache could not be written: said in the dashboard too (stderr is covered)
            self.startup_warnings = [*self.startup_warnings, cache.warning]
        await self.recompose()
        CoalitionApp.on_mount(self)

    # --- live reload --------------------------------------------------------------------------------

    def _load_in_thread(self) -> None:
        """Live reload (CoalitionApp._poll_data runs this in a thread worker): the same load,
        and when it has taken more than REVEAL_AFTER seconds, its progress under the status line."""
        from tui.data.cache import load_store

        started = time.monotonic()

        def report(progress: LoadProgress) -> None:
            if self._ended.is_set() or not self.is_running:
                raise LoadCancelled  # the app has quit: stop at the next file
            if time.monotonic() - started >= self.reveal_after:
                self.post_message(self.Progressed(progress))

        try:
            result: Dataset | DatasetError = load_store(self.watch_paths, progress=report)
        except LoadCancelled:
            return
        except DatasetError as exc:
            result = exc
        if not self._ended.is_set():
            self.call_from_thread(self._apply_reload, result)

    def _reload_bar(self) -> ReloadBar:
        found = self.main.query(ReloadBar)
        if found:
            return found.first()
        bar = ReloadBar()
        self.main.mount(bar, after=self.main.query_one("#status"))
        return bar

    def _apply_reload(self, result) -> None:
        for bar in self.main.query(ReloadBar):
            bar.remove()
        super()._apply_reload(result)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """While loading, only quitting (and suspending) do anything: nothing else is there yet."""
        if self.loading:
            return action in ("quit", "suspend_process")
        return super().check_action(action, parameters)
