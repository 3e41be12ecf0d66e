"""Selecting a pane's rows without freezing the screen (issue 20: a million memberships).

A pane asks its row source for the rows to show (as-of date, filter text, sort). Most answers are
quick: a small table, or a long one whose sort order and search text are made already. The rest
(a first sort by a column of a million rows, a filter before the search text is made) run in a
thread worker: the table keeps its rows and its order meanwhile and answers every key, the pane's
header says "sorting by Since…" or "filtering…", and a newer sort or filter cancels the one
running (the source asks the worker between steps: tui.views.field_search.Cancelled).

The source says which answers are quick with `quick(as_of, text, sort, reverse)` and takes
`cancelled` in `select`; a source without `quick` is always answered at once.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.text import visible
from tui.views.field_search import Cancelled

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tui.views.cells import Row

GROUP = "select"
"""The worker group of a pane's selection: one at a time per pane (exclusive)."""


class Request(NamedTuple):
    """What a pane asks of its source: the rows for a date, a filter and a sort."""

    as_of: Any
    text: str
    sort: str | None
    reverse: bool
    sort_column: int | None  # the column index the table marks ▲/▼ when these rows are shown

    @property
    def args(self) -> tuple:
        return self.as_of, self.text, self.sort, self.reverse


class Answer(NamedTuple):
    """The rows selected for a request, and how many rows there are before the filter."""

    request: Request
    rows: Sequence[Row]
    total: int


def doing(request: Request, heading: str | None, sorting: bool) -> str:
    """What the header says while a worker selects: 'sorting by Since…' when the sort is what
    takes long (its order not made yet), 'filtering…' with a filter, else 'working out the rows…'
    (a pane's first rows from a big dataset)."""
    if sorting and heading is not None and request.sort is not None:
        return f"sorting by {visible(heading)}…"
    return "filtering…" if request.text.strip() else "working out the rows…"


def answer(source: Any, request: Request, cancelled: Callable[[], bool] | None = None) -> Answer:
    """The rows for `request` (and the count before the filter), from `source`."""
    if cancelled is None:
        rows = source.select(*request.args)
        total = len(source.select(request.as_of)) if request.text.strip() else len(rows)
    else:
        rows = source.select(*request.args, cancelled=cancelled)
        total = len(source.select(request.as_of, cancelled=cancelled)) if request.text.strip() else len(rows)
    return Answer(request, rows, total)


SWITCH_INTERVAL = 0.001
"""Seconds between hand-overs of the interpreter lock while a worker selects (Python's default:
0.005). Each event the screen handles for a key waits for the lock once (the worker holds it while
the event loop sleeps), so a key's few turns of the loop took 40-130 ms at the default while a sort
of 100,000 rows ran, on a busy machine."""

_running = 0
_running_lock = threading.Lock()
_interval = 0.0


@contextlib.contextmanager
def _lock_handed_often():
    """SWITCH_INTERVAL while any selection worker runs; Python's own interval again after the last."""
    global _running, _interval
    with _running_lock:
        if _running == 0:
            _interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_interval, SWITCH_INTERVAL))
        _running += 1
    try:
        yield
    finally:
        with _running_lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_interval)


class Selecting:
    """A pane's side of it (mixed into tui.ui.panes.base.TablePane): `select_rows(request)` shows
    the answer at once or when its worker is done (`show_answer`); `selecting` is what a worker
    is doing ("" when none is)."""

    selecting: str = ""

    def select_rows(self, request: Request, heading: str | None = None) -> None:
        source = self.source  # type: ignore[attr-defined]
        quick = getattr(source, "quick", None)
        if quick is None or quick(*request.args):
            self.workers.cancel_group(self, GROUP)  # type: ignore[attr-defined]  # a late answer must not win
            self.selecting = ""
            self.show_answer(answer(source, request))
            return
        sorting = not quick(request.as_of, "", request.sort, request.reverse)
        self.selecting = doing(request, heading, sorting)
        self.show_selecting()

        def work() -> Answer | None:
            worker = get_current_worker()
            try:
                with _lock_handed_often():
                    return answer(source, request, lambda: worker.is_cancelled)
            except Cancelled:
                return None  # a newer request replaced it: its worker shows its rows

        self.run_worker(work, thread=True, exclusive=True, group=GROUP,  # type: ignore[attr-defined]
                        exit_on_error=True, description=self.selecting)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != GROUP or event.worker.node is not self:
            return
        event.stop()
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            self.selecting = ""
            self.show_answer(event.worker.result)
        elif event.state == WorkerState.ERROR:  # exit_on_error: the app shows the crash
            self.selecting = ""

    def show_answer(self, answer: Answer) -> None:  # pragma: no cover - the pane's
        raise NotImplementedError

    def show_selecting(self) -> None:  # pragma: no cover - the pane's
        raise NotImplementedError


def prepare_in_worker(node: Any, prepare: Callable[..., None]) -> None:
    """Run a source's `prepare(cancelled)` (its search index, made once) in a thread worker of
    `node`, asking the worker between steps: quitting cancels it (the app waits for its threads
    as it ends: a million rows' index is about a second)."""

    def work() -> None:
        worker = get_current_worker()
        try:
            with _lock_handed_often():  # keys stay quick while the index is made, as in a sort
                prepare(lambda: worker.is_cancelled)
        except Cancelled:
            pass

    node.run_worker(work, thread=True, group="prepare", exit_on_error=True)
