"""Where unexpected errors are written: a log file in the user's state folder (no Textual here)."""

from __future__ import annotations

import datetime as _dt
import os
import stat
import tempfile
import traceback
from pathlib import Path


def log_dir() -> Path:
    base = os.environ.get("COALITION_TUI_LOG_DIR") or os.path.join(
        os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state"), "coalition-tui")
    return Path(base)


def _private_temp() -> Path:
    """This user's own folder in the temp folder (mode 700), made if need be; refused when what
    stands there is a link, not a folder, someone else's, or open to others."""
    folder = Path(tempfile.gettempdir()) / f"coalition-tui-{os.geteuid()}"
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o077:
        raise OSError(f"{folder} is not a private folder of this user")
    return folder


def _append(path: Path, text: str) -> None:
    """Append to `path` without following a link, without blocking on a FIFO, and only to a
    regular file of this user's (created 0600)."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    fd = os.open(path, flags, 0o600)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            raise OSError(f"{path} is not a regular file of this user")
        os.write(fd, text.encode("utf-8", "backslashreplace"))
    finally:
        os.close(fd)


def write_crash_log(error: BaseException) -> Path:
    """Append the error's traceback to crash.log; its path. When the state folder cannot be
    written, the log goes to this user's private folder in the temp folder (never to a name
    others could have planted there); /dev/null when neither can be written."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    stamp = _dt.datetime.now().isoformat(timespec="seconds")
    for where in (log_dir, _private_temp):
        try:
            folder = where()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "crash.log"
            _append(path, f"--- {stamp}\n{text}\n")
            return path
        except OSError:
            continue
    return Path("/dev/null")
