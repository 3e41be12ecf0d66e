"""The warm first frame (issue 20, point 1): a second launch of the same data draws its first
frame from the cache's columns, in a fresh interpreter, without importing pydantic, the model, the
YAML loader or the detail builders; the pydantic Dataset is made only when something asks."""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generated import write

ROOT = Path(__file__).resolve().parents[2]
FIRST_FRAME = ROOT / "benchmarks" / "first_frame.py"


def _frame(tmp_path: Path, pane: str, data: Path | None = None) -> dict:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "COALITION_TUI_CACHE_DIR": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    argv = [sys.executable, str(FIRST_FRAME), "--pane", pane] + (["--data", str(data)] if data else [])
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _generated(folder: Path) -> Path:
    return write(folder, countries=30, memberships=1500)


@pytest.mark.parametrize("pane", ["countries", "memberships"])
def test_a_warm_first_frame_imports_no_pydantic_and_no_detail_builders(tmp_path, pane):
    cold = _frame(tmp_path, pane)
    assert "pydantic" in cold["imported"]  # the first launch validates the YAML: the check checks
    assert list((tmp_path / "cache").glob("dataset-*.columns"))
    warm = _frame(tmp_path, pane)
    assert warm["imported"] == [], warm


def test_a_warm_start_composes_the_dashboard_once(tmp_path):
    """The command line's own path: a cold start composes the loading screen, then the dashboard;
    a warm one composes the dashboard once, with no loading screen before it (issue 20)."""
    cold = _frame(tmp_path, "memberships")
    assert len(cold["composed"]) == 2 and cold["composed"][0] == ["LoadingView"], cold
    warm = _frame(tmp_path, "memberships")
    assert len(warm["composed"]) == 1 and "LoadingView" not in warm["composed"][0], warm
    assert "MembershipsPane" in warm["composed"][0]
    nocache = subprocess.run([sys.executable, str(FIRST_FRAME), "--pane", "memberships", "--no-cache"],
                             capture_output=True, text=True, timeout=120,
                             env={**os.environ, "HOME": str(tmp_path / "home"),
                                  "COALITION_TUI_CACHE_DIR": str(tmp_path / "cache"),
                                  "XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert nocache.returncode == 0, nocache.stderr
    assert json.loads(nocache.stdout.strip().splitlines()[-1])["composed"][0] == ["LoadingView"]


def test_a_warm_first_frame_of_a_generated_dataset_too(tmp_path):
    data = _generated(tmp_path / "data")
    _frame(tmp_path, "memberships", data)
    assert _frame(tmp_path, "memberships", data)["imported"] == []
    assert _frame(tmp_path, "countries", data)["imported"] == []


def test_a_warm_screenshot_reads_the_light_rows_too(tmp_path):
    """`screenshot` of data validated before draws from the cache's columns as the dashboard does
    (it loaded the pydantic Dataset: 94 ms of its 0.25 s over the bare app, issue 20), and writes
    the same picture as a cold one."""
    env = {**os.environ, "HOME": str(tmp_path / "home"), "COALITION_TUI_CACHE_DIR": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    probe = ("import sys, runpy; sys.argv = ['coalition-tui'] + sys.argv[1:]\n"
             "try:\n    runpy.run_module('tui', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('pydantic', 'tui.core.model', 'yaml') if m in sys.modules))")
    shots = []
    for run in ("cold", "warm"):
        out = tmp_path / f"{run}.svg"
        done = subprocess.run([sys.executable, "-c", probe, "screenshot", "--pane", "memberships", "--today",
                               "2026-12-03", "-o", str(out)], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0 and out.exists(), done.stderr
        shots.append((done.stdout.strip().splitlines()[-1], out.read_text(encoding="utf-8")))
    assert "pydantic" in shots[0][0] and shots[1][0] == "[]"
    same = [re.sub(r"terminal-\d+", "t", svg) for _, svg in shots]
    assert same[0] == same[1]


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_the_views_of_light_rows_draw_what_the_models_draw(tmp_path, which):
    """Every pane's rows (all cells, as CSV), the status line and a detail from the cache's light
    rows (indexes read from the columns) equal those from the pydantic models; so do the rows
    of the Memberships pane at an earlier date, filtered and sorted; the full Dataset is there
    when asked."""
    from tui.data import cache
    from tui.data.bundled import bundled_data
    from tui.data.columns import Store
    from tui.export.data import pane_csv
    from tui.views import Views
    from tui.views.panes import PANES

    folder = tmp_path / "cache"
    data = bundled_data() if which == "bundled" else _generated(tmp_path / "data")
    models = cache.load_dataset([data], folder=folder)
    store = cache.load_store([data], folder=folder)
    assert isinstance(store, Store)
    a, b = Views(models), Views(store)
    assert a.latest == b.latest and a.summary(a.latest) == b.summary(b.latest)
    for p in PANES:
        if p.absent(a.ix):
            continue
        assert pane_csv(a, p.id, a.latest) == pane_csv(b, p.id, b.latest), p.id
    for day in (a.latest, a.ix.step(a.latest, -1), None):
        assert a.summary(day) == b.summary(day)
        for text, sort in (("", None), ("a", "since"), ("", "country")):
            rows_a = a.source("memberships").select(day, text, sort)
            rows_b = b.source("memberships").select(day, text, sort)
            assert [r.cells for r in rows_a[:50]] == [r.cells for r in rows_b[:50]] and len(rows_a) == len(rows_b)
    some = models.countries[0].id
    assert a.detail("country", some, a.latest) == b.detail("country", some, b.latest)
    assert b.full == models


def test_the_stored_groups_and_member_roles_equal_the_models(tmp_path):
    """Memberships by country and by coalition, read from the groups stored with the cache, hold
    the same spells in the same order (keys in order of first appearance) as grouping the models;
    each coalition's roles that count as membership are the same; so is a spell's position."""
    from tui.data import cache
    from tui.views.index import Index
    from tui.views.memberships import MembershipTable

    data = _generated(tmp_path / "data")
    models = cache.load_dataset([data], folder=tmp_path / "cache")
    store = cache.load_store([data], folder=tmp_path / "cache")
    a, b = Index(models), Index(store)
    for field in ("by_country", "by_coalition"):
        ga, gb = getattr(a, field), getattr(b, field)
        assert list(ga) == list(gb)
        assert {k: [m.id for m in v] for k, v in ga.items()} == {k: [m.id for m in gb[k]] for k in gb}
    assert "nowhere" not in b.by_country and b.by_country.get("nowhere") is None
    assert [a.member_roles(c.id) for c in models.coalitions] == [b.member_roles(c.id) for c in models.coalitions]
    assert a.member_roles("no-such") == b.member_roles("no-such")
    ta, tb = MembershipTable(a), MembershipTable(b)
    for m in models.memberships[::97]:
        assert ta.position_of(m.id) == tb.position_of(m.id) == models.memberships.index(m)
    assert tb.position_of("no-such") is None


def test_a_column_of_distinct_texts_is_one_text_and_finds_each():
    """Ids (all distinct, 1,000 records or more) are kept as one text and its offsets; every
    id is found where it is, an id that is a prefix or suffix of another included, and a text
    that is only part of an id is not found."""
    from tui.data.columns import _TEXT, Section, columns_of

    class Rec:
        __pydantic_fields_set__ = {"id"}

        def __init__(self, id_: str) -> None:
            self.id = id_

    ids = [f"m-{i}" for i in range(1200)] + ["m-1-x", "x-m-1", "m"]
    cols = columns_of([Rec(i) for i in ids])
    assert cols["id"][0] == _TEXT
    section = Section("things", len(ids), "tests:Rec", cols)
    assert section.column("id") == ids
    assert [section.find("id", i) for i in ids] == list(range(len(ids)))
    assert section.find("id", "m-") is None and section.find("id", "-1") is None and section.find("id", "") is None
    values, codes = section.codes("id")
    assert [values[c] for c in codes] == ids
