"""The Growth chart's series (tui.views.growth.series) is the member count of `Index.member_count`
at every date it changes, worked out in one sweep over the spells' starts and ends (at a million
memberships the count on each date over every spell took seconds). Compared with asking
member_count on each date, on the frozen dataset and on generated ones."""

from __future__ import annotations

import pytest

from generated import write
from tui.data import columns
from tui.data.load import load_paths
from tui.views import Views
from tui.views.growth import ONE_DAY, Point, series
from tui.views.index import date_end, date_start


def _asked_on_each_date(ix, coalition: str) -> list[Point]:
    """The series as member_count says it on each date where a spell begins or ends."""
    days: dict = {}
    for m in ix.by_coalition.get(coalition, []):
        start = ix.start_of(m)
        if start:
            day = date_start(start)
            if day not in days or len(start) < len(days[day]):
                days[day] = start
        if m.until:
            days.setdefault(date_end(m.until) + ONE_DAY, "")
    out: list[Point] = []
    for day in sorted(days):
        n, doubtful = ix.member_count(coalition, day)
        if not out or (out[-1].members, out[-1].unconfirmed) != (n, doubtful):
            text = days[day]
            partial = bool(text) and len(text) < 10
            out.append(Point(day, n, doubtful, text=text if partial else "",
                             until=date_end(text) if partial else None))
    return out


def test_the_series_is_member_count_on_each_date_frozen(frozen):
    ix = Views(frozen).ix
    assert ix.ds.coalitions
    for c in ix.ds.coalitions:
        assert series(ix, c.id) == _asked_on_each_date(ix, c.id), c.id


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_series_is_member_count_on_each_date_generated(tmp_path, seed):
    ds = load_paths([write(tmp_path, countries=80, memberships=1500, seed=seed)])
    for data in (ds, columns.decode(columns.encode(ds))):  # models and the cache's light rows
        ix = Views(data).ix
        for c in ds.coalitions:
            assert series(ix, c.id) == _asked_on_each_date(ix, c.id), c.id


def test_the_series_asks_member_count_on_no_date(frozen, monkeypatch):
    ix = Views(frozen).ix
    monkeypatch.setattr(type(ix), "member_count", lambda *a, **k: pytest.fail("asked date by date"))
    assert series(ix, "udcg")
