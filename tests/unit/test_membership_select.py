"""The Memberships table's sorts and filters as a worker runs them (issue 20, point 2): the same
order as one sort by the column's key, the same rows as a plain filter, a step at a time so that
a worker can be cancelled, and `quick` saying what a screen may answer at once."""

from __future__ import annotations

import datetime as _dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.views import memberships as mod
from tui.views.index import Index
from tui.views.field_search import Cancelled
from tui.views.memberships import MembershipTable, bucket_sort


@pytest.fixture
def table(frozen):
    return MembershipTable(Index(frozen))


def reference(table: MembershipTable, key: str) -> list[int]:
    """The order the table promises, as one plain sort: the column's value, then its tie-breaker,
    then the dataset's own order."""
    names = {c: n.lower() for c, n in table.country_names.items()}
    labels = {c: n.lower() for c, n in table.coalition_labels.items()}
    by = {
        "country": lambda m: (names.get(m.country, ""), labels.get(m.coalition, "")),
        "iso": lambda m: (m.country, labels.get(m.coalition, "")),
        "coalition": lambda m: (labels.get(m.coalition, ""), names.get(m.country, "")),
        "role": lambda m: (m.role, names.get(m.country, "")),
        "since": lambda m: (m.since is None, m.since or "", m.country),
        "until": lambda m: (m.until is None, m.until or "", m.country),
        "sources": lambda m: (len(m.sources), m.country),
    }[key]
    return sorted(range(len(table.records)), key=lambda i: by(table.records[i]))


@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from("abc"), st.integers(0, 2)), max_size=300),
       st.integers(1, 40), st.integers(1, 50))
def test_bucket_sort_is_one_sort_by_every_key(rows, small, step):
    """Grouped by the first key, each group by the rest, ties kept in order: what one stable sort
    by the tuple of keys gives, whatever the group size sorted at once and the step."""
    by = [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]]
    old = mod.SMALL, mod.STEP
    mod.SMALL, mod.STEP = small, step
    try:
        got = bucket_sort(range(len(rows)), by)
    finally:
        mod.SMALL, mod.STEP = old
    assert got == sorted(range(len(rows)), key=lambda i: (by[0][i], by[1][i], by[2][i]))


@pytest.mark.parametrize("key", MembershipTable.KEYS)
def test_every_column_sorts_as_one_sort_by_its_key(table, key, monkeypatch):
    monkeypatch.setattr(mod, "SMALL", 3)  # the frozen data's groups are small: sort them by buckets too
    assert table.order(key) == reference(table, key)


@pytest.mark.parametrize("sort,reverse", [(None, False), ("country", False), ("since", True), ("role", False)])
@pytest.mark.parametrize("text", ["e", "sw", "nato 19", "ar e", "zzz"])
def test_a_filter_keeps_the_rows_a_plain_filter_keeps(table, sort, reverse, text, monkeypatch):
    """The rows whose text holds every word, in the order shown: looked up row by row or, for most
    rows in a sorted order, through flags made in the dataset's order (both ways tried)."""
    as_of = _dt.date(2024, 1, 1)
    shown = table.indexes(as_of, "", sort, reverse)
    want = [i for i in shown if all(w in table.search_text(i) for w in text.split())]
    assert table.indexes(as_of, text, sort, reverse) == want
    monkeypatch.setattr(mod, "STEP", 7)  # many steps
    table._recent.clear()
    assert table.indexes(as_of, text, sort, reverse) == want
    assert want or text == "zzz"


def test_a_cancelled_sort_stops_and_keeps_nothing(table, monkeypatch):
    monkeypatch.setattr(mod, "SMALL", 3)
    monkeypatch.setattr(mod, "STEP", 5)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3  # cancelled a few steps in

    with pytest.raises(Cancelled):
        table.indexes(None, "", "country", False, cancelled)
    assert len(asked) == 4
    assert table._orders == {} and table._recent == {}  # nothing half-made is kept
    assert table.indexes(None, "", "country", False) == reference(table, "country")


def test_a_cancelled_filter_stops(table, monkeypatch):
    monkeypatch.setattr(mod, "STEP", 5)
    table.indexes(None)
    with pytest.raises(Cancelled):
        table.indexes(None, "e", None, False, lambda: True)
    assert [k for k in table._recent if k[0]] == []


def test_quick_says_what_needs_a_worker(table, monkeypatch):
    """Small tables are always quick; a long one is quick once the sort's order and the search
    index it needs are made (for a filter in a sorted order, the index in that order too)."""
    assert table.quick(None, "e", "country", False)
    monkeypatch.setattr(MembershipTable, "QUICK_ROWS", 0)  # as if it held a million rows
    assert table.quick(None, "", None, False)
    assert not table.quick(None, "", "country", False)
    assert not table.quick(None, "e", None, False)
    table.order("country")
    assert table.quick(None, "", "country", True)
    assert not table.quick(None, "e", "country", False)
    table.prepare()
    assert table.quick(None, "e", None, False)
    assert not table.quick(None, "e", "country", False)  # the index in Country's order: not yet
    table.indexes(None, "e", "country", False)
    assert table.quick(None, "e", "country", False) and table.quick(None, "xyz", "country", True)
    assert not table.quick(None, "e", "since", False)


def test_the_field_search_finds_what_a_search_text_per_row_finds(table, monkeypatch):
    """Every word (letters, digits, a date's part, a code, an id), in every way the search goes:
    flags for most rows, and a row at a time for a few (typing on), with codes past 256 values
    (GROUPS and 256-code groups exercised by a table whose fields have few values: codes are
    sorted by text, so a one-letter word matches codes spread over the groups)."""
    from tui.views import field_search

    texts = [table.search_text(i) for i in range(len(table.records))]
    search = table.search_index()
    rows = list(range(len(texts)))
    for word in ["e", "de", "nato", "2022", "-0", "9-", "member", "a", "zz", "\0", "ukraine", "ge"]:
        want = [i for i in rows if word in texts[i]]
        flags = search.rows_with([word])
        assert [i for i in rows if flags[i]] == want, word
        assert search.keep(rows[::3], word) == [i for i in rows[::3] if word in texts[i]], word
    monkeypatch.setattr(field_search, "GROUPS", 0)  # a row at a time for every field past 256 codes
    big = field_search.FieldSearch(600, [([f"v{i % 300}" for i in range(600)], str), ([str(i) for i in range(600)], str)])
    for word in ["1", "v2", "59", "v29", "0", "x"]:
        want = [i for i in range(600) if word in f"v{i % 300}" or word in str(i)]
        assert [i for i, f in enumerate(big.rows_with([word])) if f] == want, word
    monkeypatch.setattr(field_search, "GROUPS", 99)  # a pass per group of 256 codes
    for word in ["1", "v2", "59", "v29", "0", "x"]:
        want = [i for i in range(600) if word in f"v{i % 300}" or word in str(i)]
        assert [i for i, f in enumerate(big.rows_with([word])) if f] == want, word
        assert big.keep(list(range(0, 600, 7)), word) == [i for i in range(0, 600, 7) if i in want]


def test_a_cancelled_prepare_stops_and_keeps_no_index(table):
    """Quitting while the search index is made (about a second at a million rows) cancels its
    worker: the index stops between fields and nothing half-made is kept; a later filter makes it."""
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(Cancelled):
        table.prepare(cancelled)
    assert table._search_index is None and len(asked) == 3
    assert table.indexes(None, "nato") == [i for i in range(len(table.records)) if "nato" in table.search_text(i)]
