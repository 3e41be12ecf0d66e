"""The Memberships pane's first frame reads which spells have begun from the cache's codes: a
flag per distinct `since`, taken for every row in C, no start day made per row (issue 20: at a
million memberships the per-row start days were the table's biggest cost). The flags equal those
from the records on every day, spells with no since (their coalition's founding decides)
included; a sort still gets each row's start day, made when it first asks."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from generated import write

ROOT = Path(__file__).resolve().parents[2]


def _tables(tmp_path: Path, which: str):
    from tui.data import cache
    from tui.data.bundled import bundled_data
    from tui.views.index import Index
    from tui.views.memberships import MembershipTable

    if which == "bundled":
        data = bundled_data()
    else:
        data = write(tmp_path / "data", countries=20, memberships=800)
    models = cache.load_dataset([data], folder=tmp_path / "cache")
    store = cache.load_store([data], folder=tmp_path / "cache")
    return MembershipTable(Index(models)), MembershipTable(Index(store))


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_the_begun_flags_from_codes_equal_those_from_the_records(tmp_path, which):
    a, b = _tables(tmp_path, which)
    if which == "bundled":  # spells with no since: their coalition's founding decides
        assert any(m.since is None for m in a.records)
    days = sorted(set(a.starts))
    limits = {d + k for d in days[:: max(1, len(days) // 60)] for k in (-1, 0, 1)}
    limits |= {days[0] - 1, days[-1] + 1, _dt.date(2026, 1, 1).toordinal()}
    for limit in sorted(limits):
        assert a._started(limit) == b._started(limit), _dt.date.fromordinal(limit)
    assert "starts" not in b.__dict__  # no start day was made per row
    for day in (None, _dt.date(2023, 6, 1), _dt.date.fromordinal(days[len(days) // 2])):
        assert a.indexes(day) == b.indexes(day)
        assert "starts" not in b.__dict__
    for day in (_dt.date(2023, 6, 1), None):  # a sort with a date: the start days, made when asked
        assert a.indexes(day, sort="country") == b.indexes(day, sort="country")
    assert b.starts == a.starts


def test_preparing_the_filter_on_the_columns_makes_no_dict_of_every_id(tmp_path):
    """`prepare` (run beside the first frame) makes the filter's index; from the columns a spell
    is found by a search of the ids' text, so the dict of every id (a million entries at a
    million rows) is not made there; from the records it still is."""
    a, b = _tables(tmp_path, "generated")
    a.prepare()
    b.prepare()
    assert "position" in a.__dict__ and "position" not in b.__dict__
    for m in a.records[::37]:
        assert a.position_of(m.id) == b.position_of(m.id) == a.records.index(m)
