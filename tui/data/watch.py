"""Knowing when a dataset changed on disk: a cheap signature of its files (no Textual here)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable


def signature(paths: Iterable[Path]) -> tuple:
    """Names, sizes and modification times of every YAML file the paths name. Any change to a
    file, a file added to or removed from a folder, gives a different signature."""
    out = []
    for path in paths:
        path = Path(path)
        try:
            if path.is_dir():
                files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
            else:
                files = [path]
            for f in files:
                st = os.stat(f)
                out.append((str(f), st.st_mtime_ns, st.st_size))
        except OSError as exc:
            out.append((str(path), "missing", exc.errno))
    return tuple(out)
