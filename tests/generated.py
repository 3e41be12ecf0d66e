"""Generated datasets for tests: benchmarks/generate.py's seeded folders (the same parameters give
the same bytes), as YAML, as validated models, or as the cache's light rows of a warm start."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write(folder: Path, **params) -> Path:
    """A generated dataset's YAML files in `folder` (generate.Params: countries, memberships, ...)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    generate.write_dataset(folder, generate.Params(**params))
    return folder


def warm_store(tmp_path: Path, **params):
    """The dataset as a warm start gives it: written, loaded once (validated and cached), then
    read from the cache as light rows (tui.data.columns.Store)."""
    from tui.data import cache

    folder = write(tmp_path / "data", **params)
    cache.load_store([folder], folder=tmp_path / "cache")
    return cache.load_store([folder], folder=tmp_path / "cache")
