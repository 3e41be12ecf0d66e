"""Where unexpected errors are written: a log file in the user's state folder (no Textual here)."""

from __future__ import annotations

import datetime as _dt
import os
import traceback
from pathlib import Path


def log_dir() -> Path:
    base = os.environ.get("COALITION_TUI_LOG_DIR") or os.path.join(
        os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state"), "coalition-tui")
    return Path(base)


def write_crash_log(error: BaseException) -> Path:
    """Append the error's traceback to crash.log; its path (a temp folder if the usual one fails)."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    stamp = _dt.datetime.now().isoformat(timespec="seconds")
    for folder in (log_dir(), Path(os.environ.get("TMPDIR", "/tmp"))):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "crash.log"
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f"--- {stamp}\n{text}\n")
            return path
        except OSError:
            continue
    return Path("/dev/null")
