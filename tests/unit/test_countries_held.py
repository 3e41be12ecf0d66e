"""The Countries pane reads what each country holds from the cache's codes on a warm start
(tui.views.held), making no row per membership: the same cells, the same filter text, at any
date, as from the pydantic models (issue 20: at a million memberships its first frame listed
about 700,000 of them)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from generated import write

ROOT = Path(__file__).resolve().parents[2]


def _generated(folder: Path, memberships: int = 1500) -> Path:
    return write(folder, countries=30, memberships=memberships)


def _both(tmp_path: Path, which: str, memberships: int = 1500):
    from tui.data import cache
    from tui.data.bundled import bundled_data
    from tui.data.columns import Store
    from tui.views import Views

    data = bundled_data() if which == "bundled" else _generated(tmp_path / "data", memberships)
    models = cache.load_dataset([data], folder=tmp_path / "cache")
    store = cache.load_store([data], folder=tmp_path / "cache")
    assert isinstance(store, Store)
    return Views(models), Views(store), store


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_the_countries_rows_from_codes_equal_those_from_the_models(tmp_path, which):
    """Every cell, its marks, sources and links, and the text the filter searches, at the latest
    date, a step before it, an early date, a date before everything, and with no date."""
    from tui.export.data import pane_csv

    a, b, _ = _both(tmp_path, which)
    days = [a.latest, a.ix.step(a.latest, -1), a.ix.step(a.ix.step(a.latest, -1), -1),
            _dt.date(2023, 1, 1), _dt.date(1900, 1, 1), None]
    for day in days:
        assert a.summary(day) == b.summary(day), day  # the status line counts from the codes too
        assert pane_csv(a, "countries", day) == pane_csv(b, "countries", day), day
        rows_a = a.source("countries").select(day)
        rows_b = b.source("countries").select(day)
        assert len(rows_a) == len(rows_b) > 0
        for ra, rb in zip(rows_a, rows_b):
            assert ra == rb, (day, ra.id)
        for text in ("member", "lead", "a"):  # the filter finds a country by what it holds
            found_a = [r.id for r in a.source("countries").select(day, text)]
            assert found_a == [r.id for r in b.source("countries").select(day, text)]


def test_the_countries_pane_makes_no_row_per_membership(tmp_path):
    """Drawing every row of the Countries pane (cells, filter text) from the cache makes light
    rows only for the spells of the headline coalitions (their columns' widths, and at most one a
    country and headline coalition for its cell), never one per membership: 30 countries, each in
    about 200 coalitions. (Made from the models' rows, it made every membership.)"""
    a, b, store = _both(tmp_path, "generated", memberships=6000)
    memberships = store.memberships
    assert memberships._all is None and not memberships._one  # nothing made yet
    assert b.summary(b.latest) == a.summary(a.latest)
    assert memberships._all is None and not memberships._one  # the status line made no row
    rows = b.source("countries").select(b.latest)
    assert len(rows) == 30
    for r in rows:
        r.cells, r.search
    headline = sum(len(b.ix.by_coalition.positions(co.id)) for co in b.ix.headline)
    made = len(memberships._one)
    assert memberships._all is None, "every membership was made"
    assert made <= headline, (made, headline)
    assert len(memberships) == 6000 and made <= 6000 / 50
