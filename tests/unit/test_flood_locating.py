"""A flood of problems is located only where it is shown (issue 19, point 12): cross-record
findings and deep validation problems are LaterProblems, placed in their file when first read.
What the user is told does not change: each problem's line and column, found by parsing its
record alone, are those one pass over the whole file gives, in every layout tried; the capped
output places only the problems it shows, and never parses the whole file again for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from yaml.nodes import ScalarNode

from tui.data.load import load_data
from tui.data.locate import _Locator
from tui.data.problems import DatasetError, LaterProblem, locate, problem_lines
from tui.data.yaml_safe import _WORDS_ONLY, CLoader, PyLoader

HEAD = ("sources:\n  - id: s\n    kind: reference\n    title: A reference\n    publisher: Somebody\n"
        "    url: https://example.org/\n    accessed: 2026-11-25\n"
        "countries:\n  - id: DE\n    name: Germany\n    sources: [s]\n"
        "coalitions:\n  - id: c1\n    name: One\n    kind: contact-group\n    sources: [s]\n")


def _members(n: int, each) -> str:
    return "memberships:\n" + "".join(each(i) for i in range(n))


def _block(i: int) -> str:
    return f"  - id: m{i}\n    country: DE\n    coalition: c1\n    role: member\n    sources: [s, nosuch{i}]\n"


LAYOUTS = {
    "block": HEAD + _members(12, _block),
    "block-list-unindented": HEAD + _members(8, lambda i: f"- id: m{i}\n  country: DE\n  coalition: c1\n  role: member\n"
                                                           f"  sources:\n    - s\n    - nosuch{i}\n  # a comment\n\n"),
    "flow-records": HEAD + _members(8, lambda i: f"  - {{id: m{i}, country: DE, coalition: c{i % 3}, role: member, "
                                                 f"sources: [nosuch{i}]}}\n"),
    "one-line": HEAD + "memberships: [" + ", ".join(
        f"{{id: m{i}, country: XX, coalition: c1, role: member, sources: [s]}}" for i in range(6)) + "]\n",
    "multi-line-flow": HEAD + "memberships: [\n" + ",\n".join(
        f"  {{id: m{i},\n   country: DE, coalition: c1,\n   role: member, sources: [nosuch]}}" for i in range(6)) + "\n]\n",
    "anchors-and-merges": HEAD + "memberships:\n  - &base\n    id: m0\n    country: DE\n    coalition: c1\n"
                                 "    role: member\n    sources: [nosuch]\n"
                          + "".join(f"  - <<: *base\n    id: m{i}\n" for i in range(1, 6)) + "  - *base\n",
    "crlf": (HEAD + _members(6, _block)).replace("\n", "\r\n"),
    "cr": (HEAD + _members(6, _block)).replace("\n", "\r"),
    "nel-in-a-value": HEAD + _members(6, lambda i: f"  - id: m{i}\n    country: DE\n    coalition: c1\n    role: member\n"
                                                   f"    note: \"a\u0085b\"\n    sources: [nosuch{i}]\n"),
    "block-scalar-like-a-record": HEAD + _members(6, lambda i: f"  - id: m{i}\n    note: |\n      line one\n      - id: fake\n"
                                                               f"        sources: [x]\n    country: DE\n    coalition: c1\n"
                                                               f"    role: member\n    sources: [nosuch{i}]\n"),
    "deeper-paths": HEAD + "people:\n" + "".join(
        f"  - id: p{i}\n    name: P {i}\n    country: DE\n    sources: [s]\n    roles:\n      - title: Chair\n"
        f"        sources: [s]\n      - title: Member\n        sources: [bad{i}]\n" for i in range(6)),
    "last-record-then-a-section": HEAD + _members(3, _block) + "quotes: []",
    "scalar-items": HEAD + "memberships:\n- just text\n- id: m1\n  country: DE\n  coalition: c1\n  role: member\n"
                           "  sources: [nosuch]\n- id: m2\n  country: DE\n  coalition: c1\n  role: member\n  sources: [nosuch2]\n",
    "tag-directive": "%TAG !e! tag:yaml.org,2002:\n---\n" + HEAD + "memberships:\n  - !e!map\n    id: m1\n    country: DE\n"
                                                                   "    coalition: c1\n    role: member\n    sources: [nosuch]\n",
    "many-unknown-fields-in-one-record": HEAD.replace("    name: Germany\n", "    name: Germany\n" + "".join(
        f"    k{i}: 1\n" for i in range(300)), 1),
    "wrong-types-deep": HEAD + _members(7, lambda i: f"  - id: m{i}\n    country: DE\n    coalition: c1\n    role: member\n"
                                                     f"    sources: [s]\n    since: [{i}]\n"),
}


def _problems(text: str, snippets: int, monkeypatch) -> list:
    monkeypatch.setattr(_Locator, "SNIPPETS", snippets)
    with pytest.raises(DatasetError) as info:
        load_data([("data.yaml", text)])
    problems = info.value.problems
    locate(problems)
    return problems


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_record_parsed_alone_places_problems_as_the_whole_file_does(layout, monkeypatch):
    alone = _problems(LAYOUTS[layout], 2_000, monkeypatch)
    whole = _problems(LAYOUTS[layout], 0, monkeypatch)  # 0: every problem found by one pass over the file
    assert any(isinstance(p, LaterProblem) for p in alone)
    assert [(p.file, p.line, p.column, p.path, p.message, p.hint) for p in alone] == \
        [(p.file, p.line, p.column, p.path, p.message, p.hint) for p in whole]
    assert problem_lines(alone) == problem_lines(whole)


def _flood(n: int) -> str:
    """`n` memberships, each citing a source that is not there (spells one after another)."""
    return HEAD + _members(n, lambda i: f"  - id: m{i}\n    country: DE\n    coalition: c1\n    role: member\n"
                                        f"    since: '{1000 + i // 12}-{i % 12 + 1:02}-01'\n"
                                        f"    until: '{1000 + i // 12}-{i % 12 + 1:02}-15'\n"
                                        f"    sources: [nosuch-{i}]\n")


def test_the_capped_lines_place_only_what_they_show(monkeypatch):
    text = _flood(3_000)
    parsed: list[int] = []
    real = _Locator._marks

    def spy(self, paths, text=None, whole=True):
        parsed.append(len(self.text if text is None else text))
        return real(self, paths, text, whole)

    monkeypatch.setattr(_Locator, "_marks", spy)
    with pytest.raises(DatasetError) as info:
        load_data([("flood.yaml", text)])
    problems = info.value.problems
    assert len(problems) == 3_000 and not parsed  # nothing located yet
    lines, cut = problem_lines(problems)
    assert not cut and len(lines) == 1
    assert lines[0].startswith("flood.yaml:24:15: memberships[0].sources[0]: unknown source 'nosuch-0'")
    assert lines[0].endswith(f"(in 3,000 records like memberships[*].sources[*]: first at flood.yaml:24:15, "
                             f"last at {24 + 7 * 2_999}:15)")
    assert len(parsed) == 2 and max(parsed) < 200  # the first and the last record, each parsed alone
    assert sum(p.pending for p in problems) == 2_998


def test_every_problem_is_placed_when_all_are_asked_for():
    with pytest.raises(DatasetError) as info:
        load_data([("flood.yaml", _flood(2_500))])  # past SNIPPETS: one pass over the file
    lines, cut = problem_lines(info.value.problems, None)
    assert not cut and len(lines) == 2_500
    assert lines[-1].startswith(f"flood.yaml:{24 + 7 * 2_499}:15: memberships[2499].sources[0]: unknown source")
    assert str(info.value).splitlines() == lines


def test_a_problem_read_alone_is_placed():
    with pytest.raises(DatasetError) as info:
        load_data([("flood.yaml", _flood(50))])
    last = info.value.problems[-1]
    assert (last.line, last.column, last.path) == (24 + 7 * 49, 15, "memberships[49].sources[0]")


@pytest.mark.parametrize("loader", [PyLoader, CLoader])
def test_a_longer_word_than_any_bool_or_null_is_text(loader):
    """The builder's shortcut (yaml_safe._WORDS_ONLY) gives what the resolvers give."""
    resolver = loader("")
    assert {"n", "N", "y", "t", "f", "o"} <= _WORDS_ONLY
    for first in sorted(_WORDS_ONLY):
        for rest in ("alse", "ull", "o", "es", "ff", "rue", "ULL", "ALSE", "n", "N", ""):
            for tail in ("", "x", "-1", "xxxxx"):
                value = first + rest + tail
                if len(value) > 5:
                    assert resolver.resolve(ScalarNode, value, (True, False)).endswith(":str"), value


def test_bool_and_null_words_are_still_read_as_such():
    text = HEAD.replace("    sources: [s]\ncoalitions:", "    sources: [s]\n    unconfirmed: false\n"
                        "    note: null\ncoalitions:", 1)
    ds = load_data([("words.yaml", text)])
    assert ds.countries[0].unconfirmed is False and ds.countries[0].note is None
    text = text.replace("unconfirmed: false", "unconfirmed: falsey")
    with pytest.raises(DatasetError) as info:
        load_data([("words.yaml", text)])
    assert "unconfirmed" in info.value.problems[0].path


def test_the_flood_benchmark_file_is_what_it_says(tmp_path):
    """benchmarks/flood.py's one-file flood: its problems are grouped into one line."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("flood", Path(__file__).parents[2] / "benchmarks" / "flood.py")
    flood = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(flood)
    path = tmp_path / "one.yaml"
    flood.write_single(path, 300, True)
    with pytest.raises(DatasetError) as info:
        load_data([("one.yaml", path.read_text())])
    lines, _ = problem_lines(info.value.problems)
    assert len(info.value.problems) == 300 and len(lines) == 1 and "in 300 records like coalitions[*]" in lines[0]


def test_the_problems_of_one_record_are_placed_with_one_parse_of_it(monkeypatch):
    """300 unknown keys in one record: the record is parsed once for all of them (once each,
    100,000 of them took 78 s)."""
    calls: list[int] = []
    real = _Locator._marks

    def spy(self, paths, text=None, whole=True):
        calls.append(len(paths))
        return real(self, paths, text, whole)

    monkeypatch.setattr(_Locator, "_marks", spy)
    with pytest.raises(DatasetError) as info:
        load_data([("keys.yaml", LAYOUTS["many-unknown-fields-in-one-record"])])
    lines, cut = problem_lines(info.value.problems)
    assert cut and len(lines) == 100 and lines[0].startswith("keys.yaml:11:5: countries[0].k0: unknown field 'k0'")
    assert calls == [101]  # the lines shown and one past them, in one parse of the record
