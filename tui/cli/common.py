"""What the commands share: loading the dataset they name, and printing a failure."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tui.data.problems import problem_lines


def dataset(paths: list[Path], use_cache: bool = True, progress=None, light: bool = False):
    """The dataset the paths name (default: the bundled one). With `use_cache`, from the
    validated cache when the same data was validated before (tui.data.cache); else from YAML.
    `progress`: a tui.data.progress listener (tui.cli.progress draws one on a terminal).
    `light`: a warm start gives the cache's light rows (tui.data.columns.Store), for the dashboard."""
    from tui.data.cache import load_dataset, load_fresh, load_store
    from tui.data.bundled import bundled_data

    paths = paths or [bundled_data()]
    if not use_cache:
        return load_fresh(paths, progress)
    return (load_store if light else load_dataset)(paths, progress=progress)


def collect_from_now() -> None:
    """After the dataset is loaded (tui.cli.main pauses the cyclic collector for the load): keep
    what was loaded out of every collection (gc.freeze) and collect again. A command that then
    works record by record (export: json.dumps with an indent leaves a cycle per call) would
    otherwise keep all its garbage: 3 GB for a million memberships."""
    import gc

    gc.freeze()
    gc.enable()


def cached(paths: list[Path]):
    """The dataset the paths name (default: the bundled one) from the validated cache, as light
    rows, or None when the cache does not hold it: a warm start composes the dashboard with it at
    once (no loading screen); a miss loads as `dataset` does, in the app's loading thread."""
    from tui.data.bundled import bundled_data
    from tui.data.cache import cached_store

    return cached_store(paths or [bundled_data()])


LOAD_STILL_RUNNING = False
"""True when the dashboard ended while its dataset was still loading (q mid-load): the process
then leaves without the interpreter's shutdown (see tui.cli.run)."""

EARNED: int | None = None
"""The exit status the work has earned before it prints (run() uses it when the reader of the
output goes away mid-way)."""


def main_error_exit(exc, stream=None, everything: bool | None = None) -> int:
    """Print the problems on stderr, repeated ones grouped and at most LIMIT lines unless
    `everything`; the exit code for an invalid dataset."""
    global EARNED
    EARNED = 1
    stream = stream or sys.stderr
    everything = ALL_PROBLEMS if everything is None else everything
    problems = exc.problems
    shown, cut = problem_lines(problems, None if everything else LIMIT)
    for line in shown:
        print(line, file=stream)
    n = len(problems)
    more = f" Only the first {LIMIT} lines are shown: --all-problems lists every one." if cut else ""
    print(f"{n:,} problem{'s' if n != 1 else ''} found; nothing was changed.{more}", file=stream)
    return 1


LIMIT = 100
"""At most this many lines of problems, unless --all-problems."""
ALL_PROBLEMS = False


def fail(prog: str, message: str) -> int:
    """One line on stderr, and exit 2. What the message quotes (a path, an argument, a value
    from the data) is escaped (tui.core.text.for_terminal): it can neither drive the terminal
    nor forge a line of its own."""
    from tui.core.text import for_terminal

    print(f"{prog}: {for_terminal(message)}", file=sys.stderr)
    return 2



def pane_ids() -> tuple[str, ...]:
    from tui.views.panes import PANE_IDS

    return PANE_IDS


class LazyChoices(Sequence):
    """The panes' ids as an argument's `choices`, read from tui.views.panes only when argparse
    looks at them (a --pane given, --help, a completion script): building the parser imports no
    view (`validate` does without them: about 30 ms of a 0.3 s run)."""

    def __init__(self, load: Callable[[], Sequence[str]] = pane_ids):
        self._load = load

    def __getitem__(self, i):
        return self._load()[i]

    def __len__(self) -> int:
        return len(self._load())

    def __contains__(self, value) -> bool:
        return value in self._load()


class LazyHelp(str):
    """A help text made when argparse formats it (`--help`), not when the parser is built: its
    plain value is `short`, and `text()` gives the whole (argparse expands help with `%`)."""

    def __new__(cls, short: str, text: Callable[[], str]):
        made = super().__new__(cls, short)
        made._text = text
        return made

    def __mod__(self, params):
        return self._text() % params


def add_as_of(parser: argparse.ArgumentParser, default) -> None:
    """`--as-of`, defined once: before or after the command it means the same (the command's
    copy has no default of its own, so it never overwrites the one given before it)."""
    parser.add_argument("--as-of", metavar="DATE", default=default,
                        help="the as-of date: YYYY-MM-DD, or YYYY-MM / YYYY for its last day "
                             "(default: the latest date in the data)")
