"""Broken and hostile datasets: each gives its own located finding, exit 1 and no traceback.

The corpus is tests/hostile/ with its table EXPECTED.yaml. The big cases (a 50 MB file, alias
bombs far past the classic one) are made here in tmp_path; their time bounds are deliberately
generous, because CI is a shared 2-core box: measured, the bombs take about a millisecond and the
50 MB file about 8 s (see docs/DATA-FORMAT.md, "Limits").
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import tui.data.problems
import tui.data.yaml_safe
from tui.cli import main
from tui.data.load import load, load_data, load_paths
from tui.data.problems import DatasetError, Limits
from tui.data.yaml_safe import CLoader, PyLoader

HOSTILE = Path(__file__).parents[1] / "hostile"
EXPECTED: dict[str, dict] = yaml.safe_load((HOSTILE / "EXPECTED.yaml").read_text(encoding="utf-8"))
MINI = Path(__file__).parents[1] / "data" / "mini.yaml"


def _validate(args: list[str], capsys) -> tuple[int, str]:
    code = main(["validate", *args])
    captured = capsys.readouterr()
    return code, captured.err


def test_every_file_in_the_corpus_has_an_expected_finding():
    present = {p.name for p in HOSTILE.iterdir()} - {"EXPECTED.yaml"}
    assert present == set(EXPECTED)
    assert len(present) >= 25


@pytest.mark.parametrize("entry", sorted(EXPECTED))
def test_hostile_file_gives_its_finding(entry, capsys):
    case = EXPECTED[entry]
    code, err = _validate([str(HOSTILE / entry)], capsys)
    assert "Traceback" not in err
    if case.get("valid"):  # hostile on the way out (tests/cli/test_output_safety.py), or debris to skip
        assert code == 0, err
        return
    assert code == 1, err
    where = HOSTILE / case.get("file", entry)
    first = err.splitlines()[0]
    syntax = case["message"].startswith("YAML syntax")
    if CLoader is None and syntax:  # libyaml and PyYAML word syntax errors, and place a few, differently
        assert first.startswith(f"{where}:{case['line']}:"), err
    else:
        assert first.startswith(f"{where}:{case['line']}:{case['column']}: "), err
        assert case["message"] in first, err


@pytest.mark.parametrize("entry", sorted(EXPECTED))
def test_c_and_python_loaders_give_the_same_finding(entry):
    if CLoader is None:
        pytest.skip("PyYAML built without libyaml")
    if EXPECTED[entry].get("valid"):
        assert load(HOSTILE / entry, loader=CLoader) == load(HOSTILE / entry, loader=PyLoader)
        return
    found = []
    for loader in (CLoader, PyLoader):
        with pytest.raises(DatasetError) as info:
            load(HOSTILE / entry, loader=loader)
        found.append(info.value.problems[0])
    c, py = found
    if EXPECTED[entry]["message"].startswith("YAML syntax"):
        assert (c.file, c.line) == (py.file, py.line)  # the two parsers word these their own way
    else:
        assert c == py


@pytest.mark.parametrize("entry", ["python-apply.yaml", "billion-laughs.yaml", "not-utf8.yaml", "multi"])
def test_validate_as_a_command(entry):
    path = HOSTILE / entry
    result = subprocess.run([sys.executable, "-c", "from tui.cli import run; run()", "validate", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    case = EXPECTED[entry]
    assert f"{HOSTILE / case.get('file', entry)}:{case['line']}:{case['column']}: " in result.stderr
    assert case["message"] in result.stderr
    assert "Traceback" not in result.stderr and "PWNED" not in result.stdout + result.stderr


# --- alias bombs ----------------------------------------------------------------------------------


def _deep_bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def _wide_bomb() -> str:
    items = "\n".join(f"  - item {i}" for i in range(2000))
    return "big: &big\n" + items + "\nuses: [" + ", ".join(["*big"] * 2000) + "]\n"


def _merge_bomb() -> str:
    lines = ["m0: &m0 {" + ", ".join(f"k{i}: v" for i in range(50)) + "}"]
    for i in range(1, 30):
        lines.append(f"m{i}: &m{i} {{<<: [" + ", ".join([f"*m{i - 1}"] * 10) + "]}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name,text", [("deep", _deep_bomb(40, 10)), ("wide", _wide_bomb()),
                                       ("merge", _merge_bomb())])
def test_alias_bombs_are_refused_fast(tmp_path, name, text):
    path = tmp_path / f"{name}-bomb.yaml"
    path.write_text(text)
    start = time.perf_counter()
    with pytest.raises(DatasetError) as info:
        load(path)
    elapsed = time.perf_counter() - start
    (problem,) = info.value.problems
    assert "aliases here expand to more than 100,000 values" in problem.message
    assert problem.line > 1
    assert elapsed < 1.0, f"{elapsed:.3f}s"  # measured: about a millisecond


def _quotes_of_one_text(n: int, size: int) -> str:
    """mini.yaml's quote, and `n` more whose text is an alias of one `size`-character text."""
    text = "x" * size
    more = [f"  - id: b{i}\n    speaker: mark-rutte\n    text: {f'&big {text}' if i == 0 else '*big'}\n"
            f"    kind: quote\n    sources: [art#2]\n" for i in range(n)]
    return MINI.read_text().replace("quotes:\n", "quotes:\n" + "".join(more), 1)


def test_an_alias_bomb_of_long_text_is_refused(tmp_path):
    """A 1 MB text aliased 20 times is 20 values but 20 MB in every export and in the dashboard's
    search (a 2.8 MB file of 20,000 such aliases made 20 GB of JSON): refused at the alias that
    passes 16 MB of text."""
    start = time.perf_counter()
    with pytest.raises(DatasetError) as info:
        load_data([("bomb.yaml", _quotes_of_one_text(20, 1_000_000))])
    (problem,) = info.value.problems
    assert "aliases here expand to more than 16 MB of text" in problem.message
    assert "*big" in _quotes_of_one_text(20, 1_000_000).splitlines()[problem.line - 1]
    assert time.perf_counter() - start < 5.0


def test_a_long_text_aliased_a_few_times_is_fine():
    ds = load_data([("few.yaml", _quotes_of_one_text(3, 1_000_000))])
    assert [len(q.text) for q in ds.quotes if q.id.startswith("b")] == [1_000_000] * 3


def test_a_few_aliases_are_fine():
    text = MINI.read_text().replace("sources: [ref]", "sources: &refs [ref]", 1).replace(
        "    sources: [ref]\n  - id: udcg", "    sources: *refs\n  - id: udcg")
    assert "*refs" in text
    ds = load_data([("aliases.yaml", text)])
    assert ds.coalitions[0].sources == ds.countries[0].sources


# --- a 50 MB file ---------------------------------------------------------------------------------

_HEAD = """meta:
  title: Big
  last_checked: 2026-11-25
sources:
  - {id: ref, kind: reference, title: A reference, publisher: Somebody}
countries:
  - {id: DE, name: Germany, sources: [ref]}
coalitions:
  - {id: udcg, name: Ukraine Defense Contact Group, kind: contact-group, founded: 2022-04-26, sources: [ref]}
people:
  - {id: lloyd-austin, name: Lloyd Austin, sources: [ref]}
meetings:
"""
_MEETING = """  - id: m-{n}
    coalition: udcg
    number: {n}
    date: '2022-04-26'
    venue: Ramstein Air Base
    city: Ramstein-Miesenbach
    country: DE
    format: in-person
    chairs: [lloyd-austin]
    participants: 40
    participants_text: more than 40 countries represented here today
    highlights:
      - Austin convened allies at Ramstein after visiting Kyiv; the gathering was then made a monthly contact group.
      - Germany agreed to provide 50 Cheetah (Gepard) anti-aircraft systems; Canada offered eight armoured vehicles.
      - NATO Secretary General Stoltenberg could not attend (a cold); South Korea and Japan joined virtually.
    note: 'Participant count differs: ''more than 40'' (opening remarks), ''nearly 40 nations'', ''41 countries''.'
    sources: [ref]
"""


def big_dataset(size: int) -> tuple[str, int]:
    """A valid dataset of about `size` bytes: a few records, then meetings. (text, meetings)"""
    parts, total, n = [_HEAD], len(_HEAD), 0
    while total < size:
        n += 1
        parts.append(_MEETING.format(n=n))
        total += len(parts[-1])
    return "".join(parts), n


def test_50_mb_file_is_checked_whole_within_the_bound(tmp_path, capsys):
    text, n = big_dataset(50 * 1000 * 1000)
    last = text.rindex("    number: ")
    text = text[:last] + "    number: many" + text[text.index("\n", last):]  # one problem, in the last record
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.count("\n", 0, last) + 1
    start = time.perf_counter()
    code, err = _validate([str(path)], capsys)
    elapsed = time.perf_counter() - start
    assert code == 1 and "Traceback" not in err
    assert err.startswith(f"{path}:{line}:13: meetings[{n - 1}].number: "), err[:300]
    assert elapsed < 60, f"{elapsed:.1f}s"  # measured: about 8 s on a 2-core box


# --- the other limits, made small -----------------------------------------------------------------


def _first_problem(call) -> tui.data.problems.Problem:
    with pytest.raises(DatasetError) as info:
        call()
    return info.value.problems[0]


def test_file_size_limit(tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_bytes(MINI.read_bytes())
    p = _first_problem(lambda: load(path, limits=Limits(max_file_bytes=1000)))
    assert (p.line, p.column) == (1, 1)
    assert re.fullmatch(r"the file is \d+(\.\d)? KB, over the 1000 bytes limit", p.message), p.message
    assert p.hint and "COALITION_TUI_MAX_FILE_MB" in p.hint


def test_file_size_limit_from_the_environment(tmp_path, monkeypatch, capsys):
    path = tmp_path / "mini.yaml"
    path.write_bytes(MINI.read_bytes())
    monkeypatch.setenv("COALITION_TUI_MAX_FILE_MB", "0.001")
    code, err = _validate([str(path)], capsys)
    assert code == 1 and f"{path}:1:1: the file is " in err and "over the" in err
    monkeypatch.setenv("COALITION_TUI_MAX_FILE_MB", "lots")
    code, err = _validate([str(path)], capsys)
    assert code == 1 and "must be a positive number of MB (got 'lots')" in err
    monkeypatch.setenv("COALITION_TUI_MAX_FILE_MB", "1")
    assert _validate([str(path)], capsys)[0] == 0


def test_record_limit_points_at_the_first_record_past_it(tmp_path):
    p = _first_problem(lambda: load(MINI, limits=Limits(max_records=3)))
    assert p.path == "countries[1]" and "more than 3 records" in p.message
    assert MINI.read_text().splitlines()[p.line - 1].strip() == "- id: UA"


def test_record_limit_counts_every_file(tmp_path):
    (tmp_path / "a.yaml").write_text("countries:\n  - {id: DE, name: Germany, sources: [r]}\n"
                                     "  - {id: FR, name: France, sources: [r]}\n")
    (tmp_path / "b.yaml").write_text("countries:\n  - {id: IT, name: Italy, sources: [r]}\n"
                                     "  - {id: PL, name: Poland, sources: [r]}\n")
    p = _first_problem(lambda: load_paths([tmp_path], limits=Limits(max_records=3)))
    assert (Path(p.file).name, p.line, p.column, p.path) == ("b.yaml", 3, 5, "countries[1]")


def test_value_limit():
    p = _first_problem(lambda: load(MINI, limits=Limits(max_values=50)))
    assert "more than 50 values" in p.message and p.line > 1


def test_depth_limit_is_configurable():
    p = _first_problem(lambda: load(MINI, limits=Limits(max_depth=3)))
    assert "nested more than 3 deep" in p.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    p = _first_problem(lambda: load(fifo))
    assert "not a regular file" in p.message


@pytest.mark.parametrize("error", [MemoryError(), RecursionError("maximum recursion depth exceeded"),
                                   UnicodeError("odd")])
def test_no_other_exception_escapes(monkeypatch, error):
    def boom(*args, **kwargs):
        raise error

    monkeypatch.setattr(tui.data.yaml_safe, "_build", boom)
    p = _first_problem(lambda: load(MINI))
    assert p.file == str(MINI) and (p.line, p.column) == (1, 1)
    assert ("not enough memory" if isinstance(error, MemoryError) else "internal error") in p.message
