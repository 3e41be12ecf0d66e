"""YAML text -> Dataset. Every problem becomes one DatasetError with file, line and column.

Every file is untrusted. Loading one is four steps: read its bytes (size limit, encoding,
byte-order mark), check the text (empty, tabs in the indentation), build Python data straight
from the YAML parser's events, and validate that with pydantic. The parser is libyaml's C one
where present, the pure-Python one otherwise; the same builder runs on both, so both give the
same results. The builder is where the YAML is held to its limits: plain tags only, no duplicate
keys, bounded nesting, number of values and alias expansion. The files are then joined and the
cross-record checks run. Positions of validation problems are found only when something is
wrong: one more pass over the failing file's parser events finds the line and column of each
record path reported.
"""

from __future__ import annotations

from bisect import bisect_right

import functools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from pydantic import ValidationError

from tui.core.model import SECTIONS, DataFile, Dataset
from tui.data.bundled import bundled_data
from tui.data.files import dataset_files, decode_text, read_bytes
from tui.data.locate import _Locator, _pydantic_problems, _shorten, _wanted
from tui.data.problems import DatasetError, Limits, Problem
from tui.data.progress import LoadProgress, Progress
from tui.data.yaml_safe import check_text, parse_text


# --- loading --------------------------------------------------------------------------------------


@dataclass
class _Part:
    name: str
    text: str
    data: DataFile
    locator: _Locator
    records: int = 0


def load_file_text(text: str, name: str, loader: type | None = None, limits: Limits | None = None,
                   records_before: int = 0, tick: Callable[[int, float, int], None] | None = None) -> _Part:
    """One file's text -> its validated sections. `records_before` counts the records of the
    dataset's files loaded before this one, for the limit on records. `tick(records, fraction,
    about)` is told now and then the file's records read, how far through the file the load is
    (PARSE_SHARE) and about how many records the file holds."""
    limits = limits or Limits()
    text = check_text(text, name)
    record_marks: dict = {}
    # while parsing, the file's records are about those read so far over the share of lines read
    parsed = None if tick is None else (  # noqa: E731
        lambda records, at: tick(records, at * PARSE_SHARE, round(records / at) if at > 0 else 0))
    raw = parse_text(text, name, loader, limits, record_marks, parsed)
    locator = _Locator(name, text, loader, record_marks)
    if raw is None:
        raise DatasetError([Problem(name, 1, 1, "", "the file holds no data, only comments or an empty document",
                                    "add a section such as `countries:`, or remove the file")])
    if not isinstance(raw, dict):
        raise DatasetError([locator.problem((), "the top level must be a mapping of sections",
                                            "start the file with a section such as `countries:`")])
    sections = [(k, v) for k, v in raw.items() if k in SECTIONS and isinstance(v, list)]
    records = sum(len(v) for _, v in sections)
    if records_before + records > limits.max_records:
        index = limits.max_records - records_before
        for key, items in sections:
            if index < len(items):
                raise DatasetError([locator.problem(
                    (key, index), f"the dataset holds more than {limits.max_records:,} records; this is "
                                  "the first past the limit", "split the data into several datasets")])
            index -= len(items)
    validated = None if tick is None else (  # noqa: E731
        lambda done: tick(records, PARSE_SHARE + (1 - PARSE_SHARE) * done / max(1, records), records))
    data, wanted = _validate(raw, validated)
    if data is not None:
        return _Part(name, text, data, locator, records)
    del raw, sections  # a flood: the data goes before the problems are built
    raise DatasetError(_pydantic_problems(wanted, locator))


PARSE_SHARE = 0.7
"""Of the time a file's load takes, the share of parsing its YAML; the rest is validating its
records (measured on 100,000 memberships in one file: 3.1 s and 1.3 s of CPU). How far through a
file its progress stands: the parse's line, then the records validated."""


CHUNK = 5_000
"""A section longer than this is validated this many records at a time: a flood of one fault
in 700,000 records then holds the errors of one chunk at a time (pydantic keeps each error, and
the record it names, until all are read), not 700,000 of them at once. Each chunk is one call
into pydantic-core, which holds the interpreter lock throughout: 5,000 records (about 0.06 s of
CPU) keep the dashboard's q and its bar answering during a cold load (20,000: q took 0.8-1.6 s at a
million records in tmux, 0.6-0.7 s now); validating 100,000 costs the same either way (1.1-1.3 s)."""


@functools.cache
def _adapter(section: str):
    from pydantic import TypeAdapter

    return TypeAdapter(DataFile.model_fields[section].annotation)


def _validate(raw: dict, tick: Callable[[int], None] | None = None) -> tuple[DataFile | None, list]:
    """The file's data validated, or None and (path, message, hint, at_key) for each problem
    (tui.data.locate._wanted), in the order of DataFile's fields. `tick(records)`: the records
    of the long sections validated so far, after each chunk."""
    long = [k for k in SECTIONS if isinstance(raw.get(k), list) and len(raw[k]) > CHUNK]
    if not long:
        try:
            return DataFile.model_validate(raw), []
        except ValidationError as exc:
            return None, _wanted(exc.errors(include_url=False))
    by_section: dict[str, list] = {}
    missing: dict[str, str] = {}
    done = dict(raw)
    validated = 0
    for key in long:
        adapter, items, out, wanted = _adapter(key), raw[key], [], []
        for start in range(0, len(items), CHUNK):
            try:
                out.extend(adapter.validate_python(items[start:start + CHUNK]))
            except ValidationError as exc:
                wanted += _wanted(exc.errors(include_url=False), (key,), start, missing)
            validated += len(items[start:start + CHUNK])
            if tick is not None:
                tick(validated)
        by_section[key] = wanted
        done[key] = out if not wanted else []
    try:  # the rest; the long sections' records are models now, taken as they are
        data = DataFile.model_validate(done)
    except ValidationError as exc:
        data = None
        for item in _wanted(exc.errors(include_url=False), missing=missing):
            by_section.setdefault(item[0][0] if item[0] else "", []).append(item)
    if data is not None and not any(by_section.values()):
        return data, []
    order = {k: i for i, k in enumerate(DataFile.model_fields)}
    return None, [w for k in sorted(by_section, key=lambda k: order.get(k, len(order))) for w in by_section[k]]



class _Loading:
    """One dataset being loaded: its files' parts, every problem so far, and the record count."""

    def __init__(self, loader: type | None, limits: Limits):
        self.loader, self.limits = loader, limits
        self.parts: list[_Part] = []
        self.problems: list[Problem] = []
        self.records = 0

    def add(self, name: str, content: bytes | str | Callable[[], bytes],
            tick: Callable[[int, float, int], None] | None = None) -> None:
        try:
            data = content() if callable(content) else content
            text = data if isinstance(data, str) else decode_text(data, name)
            part = load_file_text(text, name, self.loader, self.limits, self.records, tick)
        except DatasetError as exc:
            self.problems.extend(exc.problems)
        except Exception as exc:  # noqa: BLE001 - untrusted input must never crash the caller
            self.problems.append(_unexpected(name, exc))
        else:
            self.records += part.records
            self.parts.append(part)

    def finish(self) -> Dataset:
        if self.problems:
            raise DatasetError(self.problems)
        try:
            return join(self.parts)
        except DatasetError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise DatasetError([_unexpected(self.parts[0].name if self.parts else "dataset", exc)]) from None


def _unexpected(name: str, exc: Exception) -> Problem:
    if isinstance(exc, MemoryError):
        return Problem(name, 1, 1, "", "not enough memory to load this file", "split it into smaller files")
    return Problem(name, 1, 1, "", f"internal error while loading: {type(exc).__name__}: {_shorten(str(exc))}",
                   "please report this, with the file")


def load_paths(paths: Iterable[Path], loader: type | None = None, limits: Limits | None = None,
               progress: Progress | None = None) -> Dataset:
    """Load and join every YAML file the paths name; raise DatasetError listing every problem.
    `progress` (tui.data.progress) is told before each file is read and before the checks across
    records run."""
    files: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        try:
            files.extend(dataset_files(Path(p)))
        except DatasetError as exc:
            problems.extend(exc.problems)
    loading = _Loading(loader, limits or Limits.from_env())
    loading.problems.extend(problems)
    sizes = [_size_of(f) for f in files] if progress else []
    done, total = 0, sum(sizes)
    try:
        for i, f in enumerate(files):
            tick = None
            if progress:
                progress(LoadProgress("reading", str(f), i, len(files), loading.records, done, total))
                tick = _ticks(progress, LoadProgress("reading", str(f), i, len(files), loading.records, done, total),
                              sizes[i])
                done += sizes[i]
            loading.add(str(f), functools.partial(read_bytes, f, str(f), loading.limits), tick)
    except _Stop as stop:  # the listener stopped the load: its own exception, unchanged
        raise stop.exc from None
    if progress:
        progress(LoadProgress("checking", "", len(files), len(files), loading.records, total, total))
    return loading.finish()


REPORT_EVERY = 0.05
"""Seconds between two reports from inside one file (a bar or a terminal line needs no more)."""


class _Stop(BaseException):
    """A listener's exception on its way out of the loader, past the `except Exception` that turns
    anything a file raises into a problem of that file."""

    def __init__(self, exc: BaseException):
        super().__init__()
        self.exc = exc


def _ticks(progress: Progress, at: LoadProgress, size: int) -> Callable[[int, float, int], None]:
    """A file's tick(records, fraction, about): `progress` told how far through the file the load
    is (its bytes counted as that fraction of its size; its records as read so far, of about as
    many as the records per byte so far make of every file's bytes), at most every
    REPORT_EVERY seconds."""
    last = [time.monotonic()]

    def tick(records: int, fraction: float, about: int) -> None:
        now = time.monotonic()
        if now - last[0] < REPORT_EVERY:
            return
        last[0] = now
        read = at.bytes_done + size
        total = round((at.records + about) * at.bytes_total / read) if read and about else 0
        report = LoadProgress("reading", at.file, at.files_done, at.files_total, at.records + records,
                              at.bytes_done + int(size * fraction), at.bytes_total, total)
        try:
            progress(report)
        except Exception as exc:  # noqa: BLE001 - the listener stops the load (the app has quit)
            raise _Stop(exc) from None

    return tick


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the loader says why it cannot be read


def load_data(files: Iterable[tuple[str, bytes | str]], loader: type | None = None,
              limits: Limits | None = None) -> Dataset:
    """Load and join a dataset held in memory: (name, bytes or text) for each file."""
    loading = _Loading(loader, limits or Limits.from_env())
    for name, content in files:
        loading.add(name, content)
    return loading.finish()


def load(path: Path | str | None = None, loader: type | None = None, limits: Limits | None = None) -> Dataset:
    """Load a dataset from a file or folder (default: the bundled one)."""
    return load_paths([Path(path) if path is not None else bundled_data()], loader, limits)


def join(parts: list[_Part]) -> Dataset:
    """Join files' sections into one Dataset and locate every cross-record finding."""
    joined: dict[str, list] = {name: [] for name in SECTIONS}
    starts: dict[str, list[int]] = {name: [] for name in SECTIONS}  # where each part's records start
    owners: dict[str, list[_Part]] = {name: [] for name in SECTIONS}
    meta, meta_part, wanted = None, None, []
    for part in parts:
        if part.data.meta is not None:
            if meta is not None:
                wanted.append((part, (("meta",), "a second `meta:` section", "keep `meta:` in one file only", True)))
            meta, meta_part = part.data.meta, part
        for name in SECTIONS:
            records = getattr(part.data, name)
            if records:
                starts[name].append(len(joined[name]))
                owners[name].append(part)
            joined[name].extend(records)
    dataset = Dataset.model_construct(meta=meta, **joined)
    for f in dataset.findings():
        if f.index is None:  # a finding in meta:
            wanted.append((meta_part, ((f.section,) + f.path, f.message, f.hint, False)))
            continue
        k = bisect_right(starts[f.section], f.index) - 1
        part, local = owners[f.section][k], f.index - starts[f.section][k]
        wanted.append((part, ((f.section, local) + f.path, f.message, f.hint, False)))
    if wanted:
        raise DatasetError(_locate_all(wanted))
    return dataset


def _locate_all(wanted: list[tuple[_Part, tuple]]) -> list[Problem]:
    """Locate each (part, request) in order, with one pass over each file that has problems."""
    by_part: dict[int, tuple[_Part, list[int]]] = {}
    for i, (part, _) in enumerate(wanted):
        by_part.setdefault(id(part), (part, []))[1].append(i)
    out: list[Problem] = [None] * len(wanted)  # type: ignore[list-item]
    for part, indexes in by_part.values():
        for i, problem in zip(indexes, part.locator.problems([wanted[i][1] for i in indexes])):
            out[i] = problem
    return out


