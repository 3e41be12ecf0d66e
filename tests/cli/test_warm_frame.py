"""The warm first frame (issue 20, point 1): a second launch of the same data draws its first
frame from the cache's columns, in a fresh interpreter, without importing pydantic, the model, the
YAML loader or the detail builders; the pydantic Dataset is made only when something asks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIRST_FRAME = ROOT / "benchmarks" / "first_frame.py"


def _frame(tmp_path: Path, pane: str, data: Path | None = None) -> dict:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "COALITION_TUI_CACHE_DIR": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    argv = [sys.executable, str(FIRST_FRAME), "--pane", pane] + (["--data", str(data)] if data else [])
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("pane", ["countries", "memberships"])
def test_a_warm_first_frame_imports_no_pydantic_and_no_detail_builders(tmp_path, pane):
    cold = _frame(tmp_path, pane)
    assert "pydantic" in cold["imported"]  # the first launch validates the YAML: the check checks
    assert list((tmp_path / "cache").glob("dataset-*.columns"))
    warm = _frame(tmp_path, pane)
    assert warm["imported"] == [], warm


def test_a_warm_first_frame_of_a_generated_dataset_too(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    data = tmp_path / "data"
    generate.write_dataset(data, generate.Params(countries=30, memberships=1500))
    _frame(tmp_path, "memberships", data)
    assert _frame(tmp_path, "memberships", data)["imported"] == []
    assert _frame(tmp_path, "countries", data)["imported"] == []


def test_the_views_of_light_rows_draw_what_the_models_draw(tmp_path):
    """Every pane's rows (all cells, as CSV) from the cache's light rows equal those from the
    pydantic models; a detail and the full Dataset are there when asked."""
    from tui.data import cache
    from tui.data.bundled import bundled_data
    from tui.data.columns import Store
    from tui.export.data import pane_csv
    from tui.views import Views
    from tui.views.panes import PANES

    folder = tmp_path / "cache"
    models = cache.load_dataset([bundled_data()], folder=folder)
    store = cache.load_store([bundled_data()], folder=folder)
    assert isinstance(store, Store)
    a, b = Views(models), Views(store)
    assert a.latest == b.latest and a.summary(a.latest) == b.summary(b.latest)
    for p in PANES:
        if p.absent(a.ix):
            continue
        assert pane_csv(a, p.id, a.latest) == pane_csv(b, p.id, b.latest), p.id
    some = models.countries[0].id
    assert a.detail("country", some, a.latest) == b.detail("country", some, b.latest)
    assert b.full == models
