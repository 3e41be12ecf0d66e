"""A flood in one big file (issue 19, point 12): 700,000 records each lacking `sources` cost at
most 10% over a valid load of the same size (measured by benchmarks/flood.py in `make bench`).
What makes it so, tested here on small files: records are located from the first parse (no
second pass over the file for them), a long section is validated in chunks whose problems are
the same as validating it whole, and one fault's message is one string."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.data.load as load_module
from tui.data.load import load
from tui.data.locate import _Locator
from tui.data.problems import DatasetError

FROZEN = Path(__file__).parents[1] / "data" / "frozen"
HEAD = ("sources:\n  - id: s\n    kind: reference\n    title: A reference\n    publisher: Somebody\n"
        "    url: https://example.org/\n    accessed: 2026-11-25\n")


def _flood(path: Path, n: int, every: int = 1) -> Path:
    lines = [HEAD, "coalitions:\n"]
    for i in range(n):
        lines.append(f"  - id: c{i}\n    name: Coalition {i}\n    kind: contact-group\n")
        if i % every:
            lines.append("    sources: [s]\n")
    lines.append("countries:\n  - {id: DE, name: Germany}\n  - id: FR\n    name: France\n    sources: [nosuch]\n")
    path.write_text("".join(lines))
    return path


def test_records_are_located_without_a_second_parse(tmp_path, monkeypatch):
    path = _flood(tmp_path / "flood.yaml", 50)
    asked = []
    real = _Locator._marks

    def spy(self, paths):
        asked.append(set(paths))
        return real(self, paths)

    monkeypatch.setattr(_Locator, "_marks", spy)
    with pytest.raises(DatasetError) as info:
        load(path)
    problems = [p for p in info.value.problems if p.path.startswith("coalitions")]
    assert [(p.path, p.line, p.column) for p in problems[:2]] == [("coalitions[0]", 9, 5), ("coalitions[1]", 12, 5)]
    assert problems[49].path == "coalitions[49]" and problems[49].line == 9 + 3 * 49
    assert all(not any(len(loc) == 2 and loc[0] == "coalitions" for loc in paths) for paths in asked), asked
    assert len({id(p.message) for p in problems if p.message == "missing field 'sources'"}) == 1


@pytest.mark.parametrize("every", [1, 3])
def test_a_section_validated_in_chunks_gives_the_same_problems(tmp_path, monkeypatch, every):
    path = _flood(tmp_path / "flood.yaml", 40, every)
    with pytest.raises(DatasetError) as whole:
        load(path)
    monkeypatch.setattr(load_module, "CHUNK", 7)
    with pytest.raises(DatasetError) as chunked:
        load(path)
    assert chunked.value.problems == whole.value.problems
    assert {p.path.split("[")[0] for p in chunked.value.problems} == {"coalitions", "countries"}


def test_a_valid_dataset_validated_in_chunks_is_the_same(monkeypatch):
    whole = load(FROZEN)
    monkeypatch.setattr(load_module, "CHUNK", 5)
    assert load(FROZEN) == whole
