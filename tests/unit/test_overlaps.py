"""Overlapping spells (issue 19, hostile inputs): a big group of spells of one country in one
coalition is swept in order of start, not compared pair by pair. On main, 3,000 open spells of
one country in one coalition (a 270 KB file) took 29 s and 2.8 GB; 30,000 would be 450 million
findings. A small group keeps every overlapping pair as before."""

from __future__ import annotations

import random

import pytest

from tui.core.model import SMALL_GROUP, Membership, _overlap, _pairs, _swept
from tui.data.load import load_data
from tui.data.problems import DatasetError, problem_lines


def _spell(i: int, since: str | None, until: str | None, role: str = "member") -> tuple[int, Membership]:
    return i, Membership.model_construct(id=f"m{i}", country="DE", coalition="c", role=role, since=since,
                                         until=until, sources=[])


def _random_group(rng: random.Random, n: int) -> list:
    group = []
    for i in range(n):
        start = rng.randrange(1900, 2020)
        since = None if rng.random() < 0.05 else f"{start}-{rng.randrange(1, 13):02}-01"
        until = None if rng.random() < 0.1 else f"{start + rng.randrange(0, 3)}-{rng.randrange(1, 13):02}-28"
        group.append(_spell(i, since, until, rng.choice(["member", "member", "observer"])))
    return group


@pytest.mark.parametrize("seed", range(40))
def test_a_swept_group_finds_an_overlap_exactly_when_pairs_do(seed):
    rng = random.Random(seed)
    group = _random_group(rng, rng.randrange(2, 40) if seed % 2 else rng.randrange(40, 200))
    pairs, swept = _pairs(group), _swept(group)
    assert bool(pairs) == bool(swept)
    spells = dict(group)
    for i, j, other in swept:
        assert j < i and other is spells[j]
        assert _overlap(spells[i], other) and spells[i].role == other.role
    flagged = {i for i, _, _ in pairs} | {j for _, j, _ in pairs}
    assert {i for i, _, _ in swept} <= flagged
    assert [p[:2] for p in swept] == sorted(p[:2] for p in swept)


def test_one_overlapping_pair_is_told_the_same_either_way():
    group = [_spell(i, f"{1900 + i}-01-01", f"{1900 + i}-06-30") for i in range(100)]
    group[50] = _spell(50, "1949-03-01", "1950-02-01")
    assert [(i, j) for i, j, _ in _swept(group)] == [(i, j) for i, j, _ in _pairs(group)] == [(50, 49)]


def test_thirty_thousand_open_spells_of_one_country_are_one_line_fast():
    head = ("sources:\n  - {id: s, kind: reference, title: A, publisher: P}\ncountries:\n  - {id: DE, name: Germany, "
            "sources: [s]}\ncoalitions:\n  - {id: c1, name: One, kind: contact-group, sources: [s]}\nmemberships:\n")
    text = head + "".join(f"  - {{id: m{i}, country: DE, coalition: c1, role: member, sources: [s]}}\n"
                          for i in range(30_000))
    with pytest.raises(DatasetError) as info:
        load_data([("spells.yaml", text)])
    problems = info.value.problems
    assert len(problems) == 29_999 > SMALL_GROUP
    lines, _ = problem_lines(problems)
    assert lines == ["spells.yaml:9:5: memberships[1].since: this spell of DE in 'c1' overlaps 'm0' (memberships[0]) "
                     "(hint: a spell ends (until, its last day) before the next begins) (in 29,999 records like "
                     "memberships[*].since: first at spells.yaml:9:5, last at 30007:5)"]


def test_only_pairs_with_two_spells_or_more_are_compared(monkeypatch):
    """A country holds one spell in most coalitions: those are not grouped or compared (100,000
    spells were 100,000 groups of one, each compared); the findings stay in the order of each
    group's first spell."""
    from types import SimpleNamespace

    from tui.core import model

    compared = []
    real = model._pairs
    monkeypatch.setattr(model, "_pairs", lambda group: compared.append(len(group)) or real(group))
    spell = lambda c, co, since=None, until=None: SimpleNamespace(  # noqa: E731
        id=f"{c}-{co}-{since}", country=c, coalition=co, role="member", since=since, until=until)
    spells = [spell(f"C{i}", "x") for i in range(50)] + [spell("B", "y", "2001"), spell("A", "z", "2000"),
                                                         spell("B", "y", "2002"), spell("A", "z", "2003")]
    found = model._overlaps(spells)
    assert compared == [2, 2]
    assert [(f.index, f.message.split(" overlaps ")[0]) for f in found] == [
        (52, "this spell of B in 'y'"), (53, "this spell of A in 'z'")]
