"""Progress of a long load on stderr, for `validate` and `export`: one line, rewritten in place,
only when stderr is a terminal (never in a pipe or a file, where it would be noise in a log).

    with progress_on_stderr() as progress:
        ds = dataset(paths, progress=progress)
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Iterator, TextIO

from tui.data.progress import LoadProgress

_CLEAR = "\r\x1b[2K"  # to the start of the line, then erase it
_BAR = 20


class TerminalProgress:
    """A tui.data.progress listener that draws `[#####.....]  25%  reading FILE (file 3 of 12),
    200,000 records read` on one line of a terminal, and erases it when done."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False

    def __call__(self, p: LoadProgress) -> None:
        filled = round(p.fraction * _BAR)
        line = f"coalition-tui: [{'#' * filled}{'.' * (_BAR - filled)}] {p.fraction:4.0%}  {p.describe()}"
        try:
            width = os.get_terminal_size(self.stream.fileno()).columns or 80  # 0: size not set
        except (OSError, ValueError, AttributeError):
            width = 80
        self.stream.write(_CLEAR + line[:max(10, width - 1)])
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the line, so what is printed next starts on a clean one."""
        if self.shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self.shown = False


def terminal_progress(stream: TextIO | None = None) -> TerminalProgress | None:
    """A listener drawing on `stream` (default stderr) when it is a terminal; else None."""
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError, OSError):
        tty = False
    return TerminalProgress(stream) if tty else None


@contextlib.contextmanager
def progress_on_stderr() -> Iterator[TerminalProgress | None]:
    """The listener for a command's load (None when stderr is not a terminal), its line erased at
    the end, whether the load succeeded or not."""
    progress = terminal_progress()
    try:
        yield progress
    finally:
        if progress is not None:
            progress.clear()
