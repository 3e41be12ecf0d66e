"""What cites each source (tui.views.detail.Details): counted from the cache's codes without making
a row; a source's detail lists at most MOST_LISTED of the records citing it and says how many it
left out; the Sources pane's counts are the same from light rows as from the models, and the same
as a count over every record's references."""

from __future__ import annotations

from collections import Counter

import pytest

from generated import write
from tui.core.kinds import KINDS
from tui.data import columns
from tui.data.load import load_paths
from tui.views import Views
from tui.views import detail as detail_module


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    ds = load_paths([write(tmp_path_factory.mktemp("gen"), countries=120, memberships=2000, sources=6)])
    return ds, columns.decode(columns.encode(ds))


def _every_reference(ds) -> Counter:
    """(source, paragraph) -> how many references of any record but a source name it."""
    out: Counter = Counter()
    for k in KINDS:
        if k.name != "source":
            for rec in getattr(ds, k.section):
                out.update((r.source, r.paragraph) for r in rec.sources)
    return out


def _records_column(views) -> dict[str, int]:
    table = views.source("sources")
    rows = table.rows(None)
    return {r.id: int(r.cells[3].text) for r in rows}


def test_counting_what_cites_each_source_makes_no_row(generated):
    _, store = generated
    store = columns.decode(columns.encode(store.full()))  # a store no test has touched
    views = Views(store)

    def made():
        return {k.section: (getattr(store, k.section)._all is not None, len(getattr(store, k.section)._one))
                for k in KINDS}

    before = made()
    assert before["memberships"] == (False, 0)
    counts = views.details.citation_counts
    assert sum(sum(c.values()) for c in counts.values()) > 2000
    assert made() == before


def test_the_sources_pane_counts_the_same_from_light_rows_models_and_references(generated):
    ds, store = generated
    every = _every_reference(ds)
    light, models = _records_column(Views(store)), _records_column(Views(ds))
    assert light == models
    for s in ds.sources:
        assert light[s.id] == sum(n for (src, _), n in every.items() if src == s.id)


def test_a_sources_detail_lists_at_most_so_many_records_and_says_how_many_more(generated, monkeypatch):
    ds, store = generated
    monkeypatch.setattr(detail_module, "MOST_LISTED", 25)
    every = _every_reference(ds)
    source = max(ds.sources, key=lambda s: sum(n for (src, _), n in every.items() if src == s.id))
    total = sum(n for (src, _), n in every.items() if src == source.id)
    assert total > 25
    shown = {}
    for name, data in (("light", store), ("models", ds)):
        d = Views(data).detail("source", source.id)
        heading, lines = next((h, ls) for h, ls in d.sections if h.startswith("Supports"))
        assert heading == f"Supports ({total:,} records)"
        assert len(lines) == 26
        assert lines[-1].text == f"… and {total - 25:,} more"
        assert lines[-1].link is None
        assert all(line.link is not None for line in lines[:25])
        shown[name] = [line.text for line in lines]
    assert shown["light"] == shown["models"]  # the same records, in the same order


def test_a_glimpse_of_a_section_counts_what_it_leaves_out():
    from tui.views.lines import Line, glimpse, more_line

    lines = [Line(f"record {i}", ("country", "XX")) for i in range(10)]
    assert glimpse(lines, 30) == (lines, 0)
    assert glimpse(lines, 4) == (lines[:4], 6)
    capped = lines + [more_line(990)]  # a section listing 10 of 1,000 records
    assert capped[-1].text == "… and 990 more"
    assert glimpse(capped, 4) == (lines[:4], 996)
    assert glimpse(capped, 10) == (lines, 990)


def test_a_sources_detail_makes_only_the_rows_it_lists(generated, monkeypatch):
    _, store = generated
    store = columns.decode(columns.encode(store.full()))  # a store no test has touched
    monkeypatch.setattr(detail_module, "MOST_LISTED", 5)
    views = Views(store)
    d = views.detail("source", store.sources[0].id)
    assert d is not None and any(h.startswith("Supports") for h, _ in d.sections)
    memberships = store.memberships
    assert memberships._all is None and len(memberships._one) <= 5
    assert views.detail("membership", memberships[7].id).title  # any record is still found by id
    assert views.detail("membership", "no-such-id") is None
