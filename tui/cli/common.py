"""What the commands share: loading the dataset they name, and printing a failure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def dataset(paths: list[Path], use_cache: bool = True):
    """The dataset the paths name (default: the bundled one). With `use_cache`, from the
    validated cache when the same data was validated before (tui.data.cache); else from YAML."""
    from tui.data.cache import load_dataset, load_fresh
    from tui.data.bundled import bundled_data

    paths = paths or [bundled_data()]
    return load_dataset(paths) if use_cache else load_fresh(paths)


def main_error_exit(exc, stream=None) -> int:
    """Print every problem on stderr; the exit code for an invalid dataset."""
    stream = stream or sys.stderr
    for p in exc.problems:
        print(p, file=stream)
    n = len(exc.problems)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.", file=stream)
    return 1


def fail(prog: str, message: str) -> int:
    print(f"{prog}: {message}", file=sys.stderr)
    return 2



def add_as_of(parser: argparse.ArgumentParser, default) -> None:
    """`--as-of`, defined once: before or after the command it means the same (the command's
    copy has no default of its own, so it never overwrites the one given before it)."""
    parser.add_argument("--as-of", metavar="DATE", default=default,
                        help="the as-of date: YYYY-MM-DD, or YYYY-MM / YYYY for its last day "
                             "(default: the latest date in the data)")
