"""The filter's first keystroke at a million memberships (issue 20): its rows are made beside the
screen, one bit a row for each character the fields hold (FieldSearch.first_letters), so the key
itself tests no value; the rows kept are read from flags when drawn (tui.views.flagged), not
listed; and the cache's columns reach the search index as codes, each distinct value's text made
once. Counted on the frozen dataset and small tables, never timed."""

from __future__ import annotations

import datetime as _dt
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.views import field_search, flagged
from tui.views.field_search import Coded, FieldSearch, to_bits, to_flags
from tui.views.flagged import Flagged
from tui.views.index import Index
from tui.views.memberships import MembershipTable


@pytest.fixture(scope="module")
def store(frozen):
    from tui.data import columns

    return columns.decode(columns.encode(frozen))


def plain(table: MembershipTable, as_of, text: str) -> list[int]:
    shown = list(table.indexes(as_of))
    return [i for i in shown if all(w in table.search_text(i) for w in text.lower().split())]


def letters_of(table: MembershipTable) -> list[str]:
    texts = "".join(table.search_text(i) for i in range(len(table.records)))
    return sorted(set(texts) - {"\0"}) + ["#", "é", "q"]


@pytest.mark.parametrize("light", [False, True])
@pytest.mark.parametrize("as_of", [None, _dt.date(2004, 1, 1), _dt.date(2026, 11, 25)])
def test_one_character_after_prepare_keeps_what_a_plain_filter_keeps(frozen, store, light, as_of):
    table = MembershipTable(Index(store if light else frozen))
    table.prepare()
    assert table.search_index().letters  # made by prepare
    for ch in letters_of(table):
        table._recent = {k: v for k, v in table._recent.items() if not k[0]}  # each the first key
        got = table.indexes(as_of, ch)
        assert list(got) == plain(table, as_of, ch), ch
        assert len(got) == len(plain(table, as_of, ch)), ch
    assert any(plain(table, as_of, ch) for ch in "ae")


def test_the_first_keystroke_after_prepare_tests_no_value(frozen, monkeypatch):
    """Once prepared, a one-character filter reads the character's rows: no field's values are
    searched for it (before: every field's distinct values, then their rows flagged)."""
    table = MembershipTable(Index(frozen))
    table.prepare()
    table.indexes(_dt.date(2026, 11, 25))
    asked = []
    for name in ("flags", "matched", "_rows_of"):
        real = getattr(field_search._Field, name)
        monkeypatch.setattr(field_search._Field, name,
                            lambda self, *a, _real=real, _name=name: asked.append(_name) or _real(self, *a))
    rows = table.indexes(_dt.date(2026, 11, 25), "e")
    assert len(rows) > 0 and asked == []
    table.indexes(_dt.date(2026, 11, 25), "e n")  # two words: the fields are searched as before
    assert asked


def test_the_rows_kept_are_not_listed(frozen):
    """Most rows kept: the answer reads them from the flags (a list of 500,000 numbers was most
    of the first keystroke at a million rows)."""
    table = MembershipTable(Index(frozen))
    table.prepare()
    assert isinstance(table.indexes(None, "e"), Flagged)
    assert isinstance(table.indexes(_dt.date(2026, 11, 25)), Flagged)


def test_the_index_from_the_cache_codes_makes_each_value_text_once(frozen, store, monkeypatch):
    """From the cache's columns, each field's distinct values are made into search text once and
    the rows are renumbered by code (before: a value per row was made and each distinct value's
    text twice); the index finds what the models' index finds."""
    made: list[list] = []
    real = FieldSearch.__init__

    def counting(self, n, fields, cancelled=None):
        counted = []
        for values, text in fields:
            calls: list = []
            made.append(calls)
            counted.append((values, lambda v, _t=text, _c=calls: _c.append(v) or _t(v)))
        real(self, n, counted, cancelled)

    monkeypatch.setattr(FieldSearch, "__init__", counting)
    light = MembershipTable(Index(store))
    search = light.search_index()
    section = store.sections["memberships"]
    for calls, name in zip(made, ("country", "coalition", "role", "since", "until")):
        distinct = section.codes(name)[0]
        assert len(calls) == len(distinct), name
    monkeypatch.setattr(FieldSearch, "__init__", real)
    models = MembershipTable(Index(frozen)).search_index()
    for word in ["e", "nato", "2022", "-0", "member", "ukr", "zz", "a"]:
        assert search.rows_with([word]) == models.rows_with([word]), word


@pytest.mark.parametrize("width", ["B", "H", "I"])
def test_coded_fields_past_256_values_search_as_listed_ones(width, monkeypatch):
    values = [f"v{i}" for i in range(600)] if width != "B" else [f"v{i}" for i in range(200)]
    codes = [(i * 7919) % len(values) for i in range(3000)]
    raw = memoryview(array(width, codes).tobytes()).cast(width)
    coded = FieldSearch(3000, [(lambda: Coded(values, raw), str)])
    listed = FieldSearch(3000, [([values[c] for c in codes], str)])
    for groups in (0, 99):
        monkeypatch.setattr(field_search, "GROUPS", groups)
        for word in ["1", "v2", "59", "v29", "0", "x", "v"]:
            assert coded.rows_with([word]) == listed.rows_with([word]), word
            assert coded.keep(list(range(0, 3000, 7)), word) == listed.keep(list(range(0, 3000, 7)), word)
    coded.first_letters()
    for ch in "v0123456789x":
        want = int.from_bytes(listed.rows_with([ch]), "little")
        assert coded.one_letter(ch) == to_bits(want, 3000), ch


@given(st.lists(st.booleans(), max_size=200))
def test_bits_and_flags_round_trip(flags):
    raw = bytes(flags)
    bits = to_bits(int.from_bytes(raw, "little"), len(raw))
    assert bits == sum(1 << i for i, f in enumerate(flags) if f)
    assert to_flags(bits, len(raw)) == raw


@given(st.lists(st.booleans(), max_size=300), st.integers(1, 17), st.data())
def test_flagged_is_the_list_of_its_rows(flags, block, data):
    old = flagged.BLOCK
    flagged.BLOCK = block
    try:
        raw = bytes(flags)
        want = [i for i, f in enumerate(flags) if f]
        rows = Flagged(raw)
        assert len(rows) == len(want) and list(rows) == want and rows == want
        order = data.draw(st.permutations(range(len(want))))
        assert [rows[k] for k in order] == [want[k] for k in order]  # blocks counted in any order
        if want:
            assert rows[-1] == want[-1]
        start, stop = data.draw(st.integers(-5, 310)), data.draw(st.integers(-5, 310))
        assert rows[start:stop] == want[start:stop] and rows[::3] == want[::3]
        for v in range(-1, len(flags) + 1):
            assert (v in rows) == (v in want)
            if v in want:
                assert rows.index(v) == want.index(v)
            else:
                with pytest.raises(ValueError):
                    rows.index(v)
        with pytest.raises(IndexError):
            rows[len(want)]
        assert Flagged(raw, len(want)) == rows and rows != want + [len(flags)]
    finally:
        flagged.BLOCK = old
