"""The date and source-reference checks are made once per distinct value (issue 20, the cold
path): a big dataset repeats a few thousand values over a million records. What they accept and
refuse, and where a refusal is located, is unchanged: only results are remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core import dates, model
from tui.data.load import load, load_data
from tui.data.problems import DatasetError

FROZEN = Path(__file__).parents[1] / "data" / "frozen"

DATASET = """\
sources:
- {id: ref-1, kind: reference, title: A, publisher: P, accessed: '2026-01-01'}
countries:
- {id: DE, name: Germany, sources: [ref-1]}
- {id: FR, name: France, sources: [ref-1]}
coalitions:
- {id: c-1, name: One, kind: alliance, founded: '2020-01-01', sources: [ref-1]}
memberships:
- {id: m-1, country: DE, coalition: c-1, role: member, since: '2021-02-03', sources: [ref-1]}
- {id: m-2, country: FR, coalition: c-1, role: member, since: '2021-02-03', sources: [ref-1]}
"""


def test_records_citing_the_same_source_share_one_reference():
    ds = load(FROZEN)
    refs = [r for m in ds.memberships for r in m.sources]
    by_text: dict[str, model.SourceRef] = {}
    for r in refs:
        assert by_text.setdefault(str(r), r) is r  # one object per distinct reference
    assert len(by_text) < len(refs)


def test_each_distinct_date_is_checked_once():
    dates._date_text.cache_clear()
    ds = load_data([("d.yaml", DATASET)])
    info = dates._date_text.cache_info()
    distinct = {"2026-01-01", "2020-01-01", "2021-02-03"}
    assert info.misses == len(distinct)
    assert info.hits >= 1  # the second membership's date, from the first's check
    assert ds.memberships[0].since == ds.memberships[1].since == "2021-02-03"


@pytest.mark.parametrize("bad, message", [("'2021-02-30'", "no such day"), ("'21-2-3'", "not a date")])
def test_a_bad_date_repeated_is_refused_at_every_record(bad, message):
    text = DATASET.replace("since: '2021-02-03'", f"since: {bad}")
    for _ in range(2):  # the second load finds the same, from the same values
        with pytest.raises(DatasetError) as info:
            load_data([("d.yaml", text)])
        problems = info.value.problems
        assert [(p.line, p.path) for p in problems] == [(9, "memberships[0].since"), (10, "memberships[1].since")]
        assert all(message in p.message for p in problems)


def test_a_bad_reference_repeated_is_refused_at_every_record():
    text = DATASET.replace("role: member, since: '2021-02-03', sources: [ref-1]",
                           "role: member, since: '2021-02-03', sources: ['ref 1']")
    for _ in range(2):
        with pytest.raises(DatasetError) as info:
            load_data([("d.yaml", text)])
        assert [p.path for p in info.value.problems] == ["memberships[0].sources[0]", "memberships[1].sources[0]"]
        assert all("not a source reference" in p.message for p in info.value.problems)


def test_what_the_checks_accept_is_unchanged():
    assert dates._check_date(" 2022-04 ") == "2022-04"
    assert dates._check_date(2022) == "2022"
    assert model.parse_ref(" ref-1#3 ") == model.SourceRef("ref-1", 3)
    assert dates.date_end("2024-02") == dates.date_end("2024-02") and str(dates.date_end("2024-02")) == "2024-02-29"
    with pytest.raises(ValueError):
        model.parse_ref(5)


def test_an_unknown_source_cited_twice_is_found_at_both_records():
    text = DATASET.replace("role: member, since: '2021-02-03', sources: [ref-1]",
                           "role: member, since: '2021-02-03', sources: [ref-1, nosuch]")
    with pytest.raises(DatasetError) as info:
        load_data([("d.yaml", text)])
    assert [p.path for p in info.value.problems] == ["memberships[0].sources[1]", "memberships[1].sources[1]"]
