"""What the commands share: loading the dataset they name, and printing a failure."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tui.data.problems import printable


def dataset(paths: list[Path], use_cache: bool = True):
    """The dataset the paths name (default: the bundled one). With `use_cache`, from the
    validated cache when the same data was validated before (tui.data.cache); else from YAML."""
    from tui.data.cache import load_dataset, load_fresh
    from tui.data.bundled import bundled_data

    paths = paths or [bundled_data()]
    return load_dataset(paths) if use_cache else load_fresh(paths)


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
    lines: list[str] = []
    if everything:
        lines = [str(p) for p in problems]
    else:
        groups: dict[tuple, list] = {}
        for p in problems:  # the same message at many records: one line
            template = _QUOTED.sub("…", _GOT.sub("", p.message))
            groups.setdefault((p.file, _INDEX.sub("[*]", p.path), template, p.hint), []).append(p)
        for (file, path, _, _), group in groups.items():
            first = group[0]
            if len(group) >= GROUP:
                last = group[-1]
                lines.append(f"{first} (in {len(group):,} records like {printable(path)}: first at "
                             f"{printable(file)}:{first.line}:{first.column}, last at {last.line}:{last.column})")
            else:
                lines.extend(str(p) for p in group)
            if len(lines) > LIMIT:
                break
    shown = lines[:LIMIT] if not everything else lines
    for line in shown:
        print(line, file=stream)
    n = len(problems)
    more = "" if everything or len(lines) <= LIMIT else \
        f" Only the first {LIMIT} lines are shown: --all-problems lists every one."
    print(f"{n:,} problem{'s' if n != 1 else ''} found; nothing was changed.{more}", file=stream)
    return 1


LIMIT = 100
"""At most this many lines of problems, unless --all-problems."""
GROUP = 5
"""A message repeated at this many records or more is one line."""
ALL_PROBLEMS = False
_INDEX = re.compile(r"\[\d+\]")
_GOT = re.compile(r" \(got .*\)$")
_QUOTED = re.compile(r"'[^']*'")


def fail(prog: str, message: str) -> int:
    print(f"{prog}: {message}", file=sys.stderr)
    return 2



def add_as_of(parser: argparse.ArgumentParser, default) -> None:
    """`--as-of`, defined once: before or after the command it means the same (the command's
    copy has no default of its own, so it never overwrites the one given before it)."""
    parser.add_argument("--as-of", metavar="DATE", default=default,
                        help="the as-of date: YYYY-MM-DD, or YYYY-MM / YYYY for its last day "
                             "(default: the latest date in the data)")
