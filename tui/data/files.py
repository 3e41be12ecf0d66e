"""Finding a dataset's files and reading their bytes and text safely; writing output files atomically."""

from __future__ import annotations

import codecs
import errno
import os
import stat
import signal
import tempfile
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path


from tui.core.text import for_terminal
from tui.data.problems import _size, MAX_FILE_MB_ENV, DatasetError, Limits, Problem


# --- reading and checking one file ----------------------------------------------------------------


def read_bytes(path: Path, name: str, limits: Limits | None = None) -> bytes:
    """A file's bytes, refusing it unread when it is over the size limit."""
    most = (limits or Limits()).max_file_bytes
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            data = f.read(most + 1) if size <= most else b""
    except OSError as exc:
        raise DatasetError([Problem(name, 1, 1, "", f"cannot read file: {exc.strerror}")]) from None
    if size > most or len(data) > most:
        raise DatasetError([Problem(name, 1, 1, "", f"the file is {_size(max(size, len(data)))}, over the "
                                    f"{_size(most)} limit",
                                    f"split it into several files in a folder, or raise the limit "
                                    f"with {MAX_FILE_MB_ENV}")])
    return data


_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
              (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 bytes -> text. A UTF-8 byte-order mark is accepted and dropped; UTF-16 and UTF-32
    (told by their byte-order marks) and any other bytes that are not UTF-8 are refused."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            raise DatasetError([Problem(name, 1, 1, "", f"the file is {encoding} text (it starts with a "
                                        f"{encoding} byte-order mark), not UTF-8", "save it as UTF-8")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from tui.data.positions import _position  # only to locate a problem: its patterns cost 6 ms

        before = data[:exc.start].decode("utf-8", "replace").removeprefix("\ufeff")
        line, col = _position(before + " ", len(before))
        raise DatasetError([Problem(name, line, col, "", f"the file is not UTF-8 text (byte 0x{data[exc.start]:02X} "
                                    "here)", "save it as UTF-8")]) from None
    return text.removeprefix("\ufeff")


def debris(name: str) -> str | None:
    """What an editor or a file system leaves beside the file being edited, told by its name
    alone, or None: `.#NAME` (an Emacs lock, often a link to nothing), `._NAME` (a macOS
    AppleDouble file), `NAME~` (a backup), `.NAME.swp`/`.swo`/... and `4913` (Vim's swap and
    write-test files). A folder's entries with these names are skipped, never read (a folder
    being edited stays loadable), by the loader and the live-reload watcher alike."""
    if name.startswith(".#"):
        return "an editor lock file"
    if name.startswith("._"):
        return "a macOS AppleDouble file"
    if name.endswith("~"):
        return "an editor backup"
    if name == "4913" or (name.startswith(".") and len(name) > 5 and name[-4:-1] == ".sw" and name[-1].isalpha()):
        return "a Vim swap file"
    return None


def _candidates(path: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """A folder's *.yaml and *.yml entries, sorted, and the debris skipped among them."""
    found, skipped = [], []
    for p in path.iterdir():
        why = debris(p.name)
        if why is not None:
            skipped.append((p, why))
        elif p.suffix in (".yaml", ".yml"):
            found.append(p)
    return sorted(found), sorted(skipped)


def skipped_files(paths) -> list[tuple[Path, str]]:
    """The debris the folders among `paths` hold, and why each is skipped (validate --verbose)."""
    out = []
    for path in paths:
        try:
            if stat.S_ISDIR(os.stat(path).st_mode):
                out += _candidates(Path(path))[1]
        except OSError:
            pass
    return out


def dataset_files(path: Path) -> list[Path]:
    """The YAML files a path names: the file itself, or a folder's *.yaml and *.yml, sorted,
    without editor debris (debris()). An entry of the folder with such a name that is not a
    regular file (a link to nothing, a FIFO, a folder, a link loop) or cannot be reached is a
    problem located at it, never skipped without a word; so is a folder that cannot be read."""
    try:
        is_dir = stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        is_dir = False
    if is_dir:
        try:
            entries = _candidates(path)[0]
        except OSError as exc:
            raise DatasetError([Problem(str(path), 1, 1, "", f"cannot read the folder: {exc.strerror}",
                                        "check its permissions (it needs read and execute)")]) from None
        problems = [problem for p in entries if (problem := _entry_problem(p))]
        if problems:
            raise DatasetError(problems)
        if not entries:
            raise DatasetError([Problem(str(path), 1, 1, "", "the folder has no .yaml files",
                                        "point --data at a .yaml file or a folder holding them")])
        return entries
    problem = _entry_problem(path, named=True)
    if problem:
        raise DatasetError([problem])
    return [path]


def _entry_problem(path: Path, named: bool = False) -> Problem | None:
    """Why `path` cannot be read as a data file, located at it; None when it is a regular file.
    `named`: the user named it (a missing one is "no such file or folder")."""
    try:
        os.stat(path)
    except PermissionError as exc:
        return Problem(str(path), 1, 1, "", f"cannot read the file: {exc.strerror}",
                       "check its permissions and its folder's (a folder needs execute to open what it holds)")
    except OSError:
        pass
    why = _not_regular(path)
    if why is None:
        return None
    if named and "no such" in why.lower():
        return Problem(str(path), 1, 1, "", "no such file or folder")
    if named and why == "a folder":  # pragma: no cover - a folder is read above
        return None
    return Problem(str(path), 1, 1, "", f"not a regular file: {why}",
                   "remove it, or make it a .yaml file" if not named else
                   "point --data at a .yaml file or a folder holding them")


def _not_regular(path: Path) -> str | None:
    """Why `path` is not a regular file (following links), or None when it is one."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        try:
            is_link = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:
            is_link = False
        if is_link:
            return "a link loop" if exc.errno == errno.ELOOP else "a link to nothing"
        return exc.strerror or "cannot be read"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


class OutputError(Exception):
    """An output file could not be written; the message says why, in one line."""


def shared_folder(folder: Path) -> bool:
    """Whether users other than this one can create or rename files in `folder` (a /tmp-like
    folder: group- or world-writable, or owned by someone else), where a name may be a link
    another user planted. An unreadable folder counts as shared."""
    try:
        st = os.stat(folder)
    except OSError:
        return True
    return bool(st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)) or st.st_uid not in (os.geteuid(), 0)


def _planted_folder_link(folder: Path) -> Path | None:
    """The first folder on the way to `folder` that is a symbolic link inside a folder others can
    write (/tmp/x -> somewhere the user can write), or None."""
    parts = Path(os.path.abspath(folder)).parts
    here = Path(parts[0])
    for part in parts[1:]:
        nxt = here / part
        if nxt.is_symlink() and shared_folder(here):
            return nxt
        here = Path(os.path.realpath(nxt))
    return None


_CLEAN_ON = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT") if hasattr(signal, n))


class _Interrupted(BaseException):
    def __init__(self, sig: int):
        super().__init__(sig)
        self.sig = sig


@contextmanager
def _signals_interrupt():
    """While a `.part` file exists: SIGTERM, SIGHUP, SIGINT and SIGQUIT raise _Interrupted, so that the
    file is removed before the signal does what it would have done (main thread only: elsewhere
    Python cannot set handlers, and the app's own handlers stay)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {}
    for sig in _CLEAN_ON:
        handler = signal.getsignal(sig)
        if handler is signal.SIG_IGN or handler is None:
            continue

        def interrupt(signum, frame):
            raise _Interrupted(signum)

        old[sig] = handler
        signal.signal(sig, interrupt)
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def write_atomic(path: Path | str, data: str | bytes | Iterable[str], mode: int | None = None) -> Path:
    """Write `data` to `path` so that readers see the old file or the whole new one, never part.
    `data` may be text in pieces (an iterable of str), written as they come.

    A regular file with one link is replaced atomically (a temporary `.NAME.*.part` file created
    with O_EXCL|O_NOFOLLOW in the same folder, renamed into place: a rename replaces a link at
    the name, never follows it) and keeps its mode and, where it can, its owner and group; a new
    file follows the umask; `mode` sets it outright (the cache: 0600). The `.part` file is removed
    on any error and on SIGTERM, SIGHUP, SIGINT and SIGQUIT, which then take their course.

    In a folder only the user can write, a symbolic link the user named is followed (its target
    is replaced), and a file with several links, a device or a FIFO is written in place
    (`/dev/stdout` works). In a folder others can write (shared_folder: /tmp), a link, a FIFO or a
    device at the name may have been planted by another user: it is refused, never followed.
    `-` is standard output. Names in messages are escaped (for_terminal)."""
    import sys

    if isinstance(data, (str, bytes)):
        pieces = [data.encode("utf-8") if isinstance(data, str) else data]
    else:  # text in pieces (a streamed export): each encoded as it is written, never joined
        pieces = (piece.encode("utf-8") for piece in data)
    if str(path) == "-":
        for piece in pieces:
            sys.stdout.buffer.write(piece)
        sys.stdout.flush()
        return Path("-")
    path = Path(path)
    shown = for_terminal(str(path))
    folder = path.parent if str(path.parent) else Path(".")
    planted = _planted_folder_link(folder)
    if planted is not None:
        raise OutputError(f"cannot write {shown}: {for_terminal(str(planted))} is a symbolic link in a folder "
                          "others can write, so another user may have planted it; name the real folder")
    shared = shared_folder(folder) if folder.is_dir() else False
    if path.is_symlink():
        if shared:
            raise OutputError(f"cannot write {shown}: it is a symbolic link in a folder others can write "
                              f"({for_terminal(str(folder))}), so another user may have planted it; "
                              "remove it or choose another name")
        path = Path(os.path.realpath(path))  # replace what the link points to
        shown = for_terminal(str(path))
        folder = path.parent
        shared = shared_folder(folder) if folder.is_dir() else False
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
    if st is not None and (not stat.S_ISREG(st.st_mode) or st.st_nlink > 1):
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"cannot write {shown}: it is a folder")
        if shared:
            what = _not_regular(path) or "a file with several names"
            raise OutputError(f"cannot write {shown}: it is {what} in a folder others can write "
                              f"({for_terminal(str(folder))}); remove it or choose another name")
        try:  # a device, a FIFO or a file with other names: write in place, as the shell would
            with open(path, "wb") as fh:
                for piece in pieces:
                    fh.write(piece)
        except OSError as exc:
            raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
        return path
    if not folder.is_dir():
        raise OutputError(f"cannot write {shown}: folder {for_terminal(str(folder))} does not exist")
    tmp = None
    try:
        with _signals_interrupt():
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)  # 0600
            except OSError as exc:
                raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
            with os.fdopen(fd, "wb") as fh:
                for piece in pieces:
                    fh.write(piece)
                fh.flush()
                os.fsync(fh.fileno())
            if mode is not None:
                os.chmod(tmp, mode)
            elif st is not None:
                os.chmod(tmp, stat.S_IMODE(st.st_mode))
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except OSError:
                    pass  # not ours to give away: the mode is kept all the same
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, _Interrupted):  # now let the signal do what it would have done
            signal.raise_signal(exc.sig)
            raise OutputError(f"cannot write {shown}: interrupted by {signal.Signals(exc.sig).name}") from None
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
        raise
    return path


def prune_parts(folder: Path, older_than: float = 3600.0) -> int:
    """Remove `.NAME.*.part` files a killed run left in `folder` (older than an hour)."""
    import time

    removed = 0
    try:
        for part in folder.glob(".*.part"):
            try:
                if part.is_file() and not part.is_symlink() and time.time() - part.stat().st_mtime > older_than:
                    part.unlink()
                    removed += 1
            except OSError:
                pass
    except OSError:
        pass
    return removed
