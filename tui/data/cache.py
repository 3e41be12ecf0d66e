"""A validated cache of loaded datasets, and loading without the garbage collector in the way.

Loading a big dataset is mostly YAML parsing and pydantic validation; a second launch of the same
data need not do either. `load_dataset` keeps each dataset it validates in the user's cache folder,
keyed by everything that decides what loading would give:

- every data file's name (absolute path), size and bytes (a SHA-256 over all of them);
- this package's version, the source of every module of `tui.core` and `tui.data` (the schema, the checks, the loader,
  the columns' layout and the groups they store), the kinds of record, the loader's limits in force, and the Python
  and pydantic versions (read from the names of the installed packages' metadata folders: the key imports neither
  pydantic nor importlib.metadata).

A cache file is used only when its key is the key of the data on disk now, read from the file's
own header as well as its name (so a renamed or copied cache file is never taken for another
dataset). Files are written atomically (`tui.data.files.write_atomic`); one that cannot be read for
any reason (truncated, corrupt, from another version, not owned by this user) is ignored with one
warning on stderr, and the data is loaded from YAML and cached again.

The cache folder is $COALITION_TUI_CACHE_DIR if set, else $XDG_CACHE_HOME/coalition-tui, else
~/.cache/coalition-tui. Only the newest `KEEP` datasets are kept.

Format: a short header (the key, then the SHA-256 and length of the body), then the dataset as
columns (tui.data.columns: marshal of dictionary-encoded columns, each record's fields set kept).
A warm start reads it as light rows (`load_store`: no pydantic object, no pydantic import); the
pydantic Dataset is rebuilt from the same columns, without validation, when something asks for it
(`load_dataset`, or the Store's `full()`). marshal is not safe on hostile bytes, so reading checks,
before anything is unmarshalled: the folder is this user's own and nobody else can write it; the file is opened without following a link and without waiting on a FIFO,
and is a regular file of this user's that nobody else can write; the body's length is within the
file (so a read allocates at most the file's size) and its digest matches (so damage is caught).

The digest catches damage, not a planted file that brings its own digest: what stops tampering is
the owner and folder checks, since only this user (or root) can write there.

`load_fresh` is the cold path: the loader with the garbage collector paused. CPython's collector
runs every few hundred new objects, and each run walks every object still alive, so building a
million small objects spends most of its time there; nothing the loader builds is cyclic garbage.
(The command line goes further: it pauses the collector from its start until the data is loaded,
then `gc.freeze()`s it all before the dashboard runs, so the dataset costs nothing in the
collections that run while the dashboard is in use.)

This module is core: it imports neither Textual nor Rich.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

from tui import __version__

CACHE_DIR_ENV = "COALITION_TUI_CACHE_DIR"
KEEP = 8
"""How many cached datasets the cache folder keeps (the newest, by when they were last used)."""

FORMAT = 3  # 2: the body's digest and length in the header; 3: the body is columns (tui.data.columns)
"""Bumped whenever the file layout changes (tui.data.columns.VERSION is in the key too)."""

_MAGIC = b"coalition-tui dataset columns\n"
_PREFIX, _SUFFIX = "dataset-", ".columns"
_OLD_SUFFIX = ".pickle"
"""The files of format 2 and before: never read, removed when a new file is written."""
_warned = False
warning: str | None = None
"""The one warning this launch gave, if any (the dashboard shows it too: stderr is under its screen)."""


def cache_dir(environ: dict[str, str] | None = None) -> Path:
    """The folder cached datasets go in (not created here)."""
    env = os.environ if environ is None else environ
    if env.get(CACHE_DIR_ENV):
        return Path(env[CACHE_DIR_ENV])
    base = env.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "coalition-tui"


def warn(message: str) -> None:
    """One warning on stderr per process; the first one says it all."""
    global _warned, warning
    if not _warned:
        _warned = True
        from tui.core.text import for_terminal

        warning = for_terminal(message)
        print(f"coalition-tui: {warning}", file=sys.stderr)


# --- loading without the garbage collector -----------------------------------------------------


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (if it runs) for the duration."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_fresh(paths: Iterable[Path], progress=None):
    """Load and validate from the YAML files (tui.data.load.load_paths), with the collector paused.
    `progress`: see tui.data.progress."""
    from tui.data.load import load_paths

    with collector_paused():
        return load_paths(list(paths), progress=progress)


# --- the key -------------------------------------------------------------------------------------


def loading_modules() -> list[Path]:
    """The source files whose code decides what loading a dataset gives."""
    package = Path(__file__).resolve().parent.parent
    return sorted([*(package / "core").glob("*.py"), *(package / "data").glob("*.py")])


def _version(package: str) -> str:
    """An installed package's version, without importing it (importing pydantic costs a warm start
    about 70 ms): the name of its metadata folder beside it (`pydantic-2.14.4.dist-info`), found
    with one listing; importlib.metadata only when there is none (importing that costs about
    100 ms: email, zipfile, csv ...)."""
    import importlib.util

    name = package.replace("-", "_")
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        return "none"
    site = Path(spec.origin).parent.parent
    with contextlib.suppress(OSError):
        found = sorted(n for n in os.listdir(site) if n.endswith((".dist-info", ".egg-info"))
                       and n.startswith(name + "-") and n[len(name) + 1:len(name) + 2].isdigit())
        if len(found) == 1:
            return found[0]
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def _code_digest(limits) -> bytes:
    """What else decides the result of loading: versions, limits, and the source of every module
    of tui.core and tui.data (the schema, the checks, the loader and the columns' layout)."""
    from tui.core.kinds import KINDS
    from tui.data.columns import VERSION

    h = hashlib.sha256()
    for module in loading_modules():
        h.update(f"{module.parent.name}/{module.name}".encode() + b"\0" + module.read_bytes())
    head = (f"format {FORMAT}.{VERSION}; coalition-tui {__version__}; python {sys.version_info[:2]}; "
            f"pydantic {_version('pydantic')}; pydantic-core {_version('pydantic-core')}; limits {limits!r}; "
            # a kind a plugin registers (tui.core.kinds.register) is a section the cache must hold
            f"kinds {[(k.section, k.model_path) for k in KINDS]!r}")
    h.update(head.encode())
    return h.digest()


def dataset_key(paths: Iterable[Path]) -> str | None:
    """The cache key of the data the paths name, or None when they cannot be read or are over
    the loader's size limit (the loader then reports why, without this having read them)."""
    from tui.data.files import dataset_files
    from tui.data.problems import DatasetError, Limits

    limits = Limits.from_env()
    h = hashlib.sha256(_code_digest(limits))
    try:
        for p in paths:
            for f in dataset_files(Path(p)):
                with open(f, "rb") as fh:
                    size = os.fstat(fh.fileno()).st_size
                    if size > limits.max_file_bytes:
                        return None
                    h.update(f"\0{f.resolve()}\0{size}\0".encode("utf-8", "surrogateescape"))
                    while chunk := fh.read(1 << 20):
                        h.update(chunk)
    except (DatasetError, OSError):
        return None
    return h.hexdigest()


# --- writing and reading --------------------------------------------------------------------------


def _path_for(folder: Path, key: str) -> Path:
    return folder / f"{_PREFIX}{key}{_SUFFIX}"


def write(folder: Path, key: str, dataset) -> Path | None:
    """Cache `dataset` under `key`; None (and no file) when the folder cannot be written, with one
    warning naming why (a read-only or full disk, a folder that is not the user's own): without
    it every launch would validate again and nobody would know."""
    from tui.data.columns import encode
    from tui.data.files import OutputError, write_atomic

    try:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot create the cache folder {folder}: {exc.strerror}") from None
        _check_folder(folder)
        payload = encode(dataset)
        head = _MAGIC + key.encode("ascii") + b"\n" + \
            f"{hashlib.sha256(payload).hexdigest()} {len(payload)}\n".encode("ascii")
        path = write_atomic(_path_for(folder, key), head + payload, mode=0o600)  # private from the start
    except (OSError, OutputError, CacheError, TypeError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        warn(f"the dataset cache was not written ({why}); each launch loads and validates the data "
             f"files again (--no-cache, or {CACHE_DIR_ENV}, to choose)")
        return None
    _prune(folder, keep=path)
    return path


def _check_folder(folder: Path) -> None:
    """The cache folder must be this user's own and writable by nobody else: in a folder others
    can write, another user could plant a cache file (a digest catches damage, not a plant)."""
    import stat

    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise CacheError(f"cannot use the cache folder {folder}: {exc.strerror}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise CacheError(f"the cache folder {folder} is not a folder")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise CacheError(f"the cache folder {folder} belongs to another user (uid {st.st_uid})")
    if st.st_mode & 0o022:
        raise CacheError(f"others can write the cache folder {folder} (mode {stat.S_IMODE(st.st_mode):04o})")


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the newest KEEP cache files, the files of earlier formats (the pickles of
    format 2), and temporary files a killed run left."""
    from tui.data.files import prune_parts

    prune_parts(folder)
    try:
        for old in folder.glob(f"{_PREFIX}*{_OLD_SUFFIX}"):
            if old.is_file() and not old.is_symlink():
                old.unlink(missing_ok=True)
        found = sorted(folder.glob(f"{_PREFIX}*{_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in found[KEEP:]:
            if old != keep:
                old.unlink(missing_ok=True)
    except OSError:
        pass


class CacheError(Exception):
    """A cache file that cannot be used; the message says why."""


def read(folder: Path, key: str):
    """The dataset cached under `key` as a tui.data.columns.Store (light rows; `full()` the
    pydantic Dataset); None when there is none; CacheError when there is one that cannot be used."""
    import stat

    from tui.data.columns import decode

    path = _path_for(folder, key)
    _check_folder(folder)
    try:  # never follow a link, never wait on a FIFO; then check what was opened
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CacheError(f"cannot read {path}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise CacheError(f"{path} is not a regular file")
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            raise CacheError(f"{path} is not this user's own file, or others can write it")
        try:
            header = f.readline(len(_MAGIC) + 1)
            if header != _MAGIC:
                raise CacheError(f"{path} is not a coalition-tui cache file")
            if f.readline(200).rstrip(b"\n") != key.encode("ascii"):
                raise CacheError(f"{path} holds another dataset")
            digest, _, size = f.readline(200).rstrip(b"\n").partition(b" ")
            if not size.isdigit() or int(size) > st.st_size:  # bounds what a read may allocate
                raise CacheError(f"{path} has a damaged header")
            body = f.read(int(size))
            if len(body) != int(size) or hashlib.sha256(body).hexdigest().encode("ascii") != digest:
                raise CacheError(f"{path} is damaged (its digest does not match)")
        except CacheError:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure to read means: do not use it
            raise CacheError(f"{path} is unreadable ({type(exc).__name__}: {exc})") from None
    try:  # only now, the file checked: marshal is not safe on hostile bytes
        dataset = decode(body)
    except Exception as exc:  # noqa: BLE001
        raise CacheError(f"{path} does not hold a dataset ({type(exc).__name__}: {exc})") from None
    with contextlib.suppress(OSError):
        os.utime(path)  # most recently used: pruned last
    return dataset


def cached_store(paths: Iterable[Path], *, folder: Path | None = None):
    """The cached columns of the data the paths name (a tui.data.columns.Store) when the same data
    was validated before, else None. Never reads the YAML and never warns: a cache file that
    cannot be used is left to `load_store`, which says why and loads the YAML. (A warm start
    composes the dashboard at once with this; a miss loads in a thread with a progress bar.)"""
    paths = list(paths)
    folder = folder or cache_dir()
    with collector_paused():
        key = dataset_key(paths)
        if key is None:
            return None
        try:
            return read(folder, key)
        except CacheError:
            return None


def load_dataset(paths: Iterable[Path], *, use_cache: bool = True, folder: Path | None = None, progress=None):
    """The Dataset the paths name (pydantic models): from the cache when the same data was
    validated before, else from YAML (then cached). Raises tui.data.problems.DatasetError as
    loading does. `progress` (tui.data.progress) is told when the cache is read, and of every
    file loaded."""
    from tui.data.columns import full

    return full(load_store(paths, use_cache=use_cache, folder=folder, progress=progress))


def load_store(paths: Iterable[Path], *, use_cache: bool = True, folder: Path | None = None, progress=None):
    """What the dashboard draws: the cached columns as a tui.data.columns.Store (light rows, the
    pydantic Dataset made only when asked for, pydantic not imported until then) when the same
    data was validated before; else the Dataset loaded from YAML (then cached). The views read
    either alike."""
    paths = list(paths)
    if not use_cache:
        return load_fresh(paths, progress)
    folder = folder or cache_dir()
    with collector_paused():
        key = dataset_key(paths)
        if key is not None:
            try:
                if progress and _path_for(folder, key).exists():
                    from tui.data.progress import LoadProgress

                    progress(LoadProgress("cache"))
                cached = read(folder, key)
            except CacheError as exc:
                warn(f"ignoring the dataset cache: {exc}; loading the data files instead")
                cached = None
            if cached is not None:
                return cached
        from tui.data.load import load_paths

        dataset = load_paths(paths, progress=progress)
        # cache only what was read under this key: a file changed while loading is not cached
        if key is not None and dataset_key(paths) == key:
            write(folder, key, dataset)
    return dataset
