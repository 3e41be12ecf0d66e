"""Standard output that can fail (issue 19): a full disk or a closed reader is one line on stderr
and a non-zero exit, never a traceback; a stdout that cannot take Unicode (PYTHONIOENCODING=ascii,
a Latin-1 terminal) gets escapes (\\u20ac) for what it cannot encode, never a UnicodeEncodeError.

`install()` replaces sys.stdout with a text stream over the same file descriptor whose writes
raise StdoutError (an OSError naming the stream) when the descriptor refuses them, so the entry
point can tell a failed write to stdout from any other OSError."""

from __future__ import annotations

import io
import os
import sys

from tui.core.text import ESCAPE_ERRORS


class StdoutError(OSError):
    """A write to standard output failed (ENOSPC, EIO, EFBIG...); a closed pipe stays a
    BrokenPipeError."""


class _Raw(io.FileIO):
    def write(self, data) -> int:
        try:
            return super().write(data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror) from None


def install() -> None:
    """Route sys.stdout through a stream whose failures are StdoutError and whose unencodable
    characters are escapes. A stdout that is not a file descriptor (a test's capture) is kept."""
    old = sys.stdout
    try:
        fd = old.fileno()
    except (AttributeError, OSError, ValueError):
        return
    try:
        old.flush()
    except OSError:
        pass
    raw = _Raw(fd, "w", closefd=False)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(raw), encoding=old.encoding, errors=ESCAPE_ERRORS,
                                  line_buffering=old.line_buffering)


def unicode_ok() -> bool:
    """Whether standard output takes any character (UTF-8 or another Unicode encoding)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return encoding.startswith(("utf", "ucs"))


def silence() -> None:
    """Point stdout (and stderr when `both`) at the null device, so that nothing pending fails a
    second time at interpreter exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def finish() -> None:
    """Flush standard output now, while a failure can still be told (raises StdoutError or
    BrokenPipeError)."""
    sys.stdout.flush()
