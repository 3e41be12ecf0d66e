"""The loader: valid data loads; each kind of broken input names its file, line and column."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.data.load import load, load_paths

from tui.data.problems import DatasetError

from tui.data.yaml_safe import CLoader, PyLoader

MINI = Path(__file__).parents[1] / "data" / "mini.yaml"


def test_mini_loads():
    ds = load(MINI)
    assert ds.counts() == {"sources": 2, "countries": 2, "coalitions": 2, "memberships": 1,
                           "people": 1, "meetings": 1, "roadmap": 1, "quotes": 1, "claims": 1}
    assert ds.meetings[0].date == "2022-04-26"
    assert ds.countries[0].flag == "\U0001F1E9\U0001F1EA"


def _broken(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = MINI.read_text()
    assert old in text, old
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, count))
    return path


def _problems(path: Path):
    with pytest.raises(DatasetError) as info:
        load(path)
    return info.value.problems


def _line_of(path: Path, needle: str, nth: int = 1) -> int:
    hits = [i + 1 for i, line in enumerate(path.read_text().splitlines()) if needle in line]
    return hits[nth - 1]


# (name, old text, new text, line containing, expected column, message part, path)
CASES = [
    ("wrong type", "    number: 1\n", "    number: one\n", "number: one", 13, "valid integer", "meetings[0].number"),
    ("unknown field", "    venue: Ramstein Air Base\n", "    venue: Ramstein Air Base\n    vneue: x\n",
     "vneue", 5, "unknown field 'vneue'", "meetings[0].vneue"),
    ("missing field", "    name: Germany\n", "", "- id: DE", 5, "missing field 'name'", "countries[0]"),
    ("duplicate id", "  - id: UA\n", "  - id: DE  # again\n", "# again", 9, "duplicate id 'DE'", "countries[1].id"),
    ("dangling reference", "    chairs: [mark-rutte]\n", "    chairs: [mark-ruttte]\n",
     "mark-ruttte", 14, "unknown person 'mark-ruttte'", "meetings[0].chairs[0]"),
    ("impossible date", "    date: 2022-04-26\n", "    date: 2022-02-30\n", "2022-02-30", 11,
     "not a real date", "meetings[0].date"),
    ("unsourced record", "    name: Ukraine\n    sources: [art#1]\n", "    name: Ukraine\n",
     "- id: UA", 5, "missing field 'sources'", "countries[1]"),
    ("empty sources", "    name: Ukraine\n    sources: [art#1]\n", "    name: Ukraine\n    sources: []\n",
     "sources: []", 14, "at least 1 item", "countries[1].sources"),
    ("membership before founding", "    since: 1955-05-06\n", "    since: 1940-01-01\n", "1940-01-01", 12,
     "before 'nato' was founded", "memberships[0].since"),
    ("unknown source", "    kind: paraphrase\n    sources: [art#2]\n", "    kind: paraphrase\n    sources: [nope]\n",
     "[nope]", 15, "unknown source 'nope'", "quotes[0].sources[0]"),
    ("no such paragraph", "    sources: [art#2]\n", "    sources: [art#9]\n", "art#9", 15,
     "has no paragraph 9", "roadmap[0].sources[0]"),
    ("bad enum", "    format: in-person\n", "    format: on-site\n", "on-site", 13, "'in-person'", "meetings[0].format"),
    ("claim about an unknown record", "    subject: How many\n", "    subject: How many\n    about: [meeting:udcg-9]\n",
     "meeting:udcg-9", 13, "unknown meeting 'udcg-9'", "claims[0].about[0]"),
    ("claim about without a kind", "    subject: How many\n", "    subject: How many\n    about: [udcg-1]\n",
     "about: [udcg-1]", 13, "'udcg-1' is not KIND:ID", "claims[0].about[0]"),
    ("bad source tier", "    publisher: Somebody\n", "    publisher: Somebody\n    tier: best\n", "tier: best", 11,
     "'primary'", "sources[1].tier"),
    ("bad count qualifier", "    format: in-person\n", "    format: in-person\n    participants_qualifier: roughly\n",
     "roughly", 29, "'about'", "meetings[0].participants_qualifier"),
    ("meeting number used twice", "    number: 1\n    date: 2022-04-26\n",
     "    number: 1\n    date: 2022-04-26\n    sources: [ref]\n  - id: udcg-1b  # twice\n    coalition: udcg\n"
     "    number: 1  # again\n    date: 2022-05-23\n", "number: 1  # again", 13, "already has a meeting number 1",
     "meetings[1].number"),
    ("overlapping spells", "    since: 1955-05-06\n    sources: [ref]\n",
     "    since: 1955-05-06\n    sources: [ref]\n  - id: nato-DE-2  # again\n    country: DE\n    coalition: nato\n"
     "    role: member\n    since: 1990-10-03\n    sources: [ref]\n", "since: 1990-10-03", 12,
     "overlaps 'nato-DE'", "memberships[1].since"),
    ("unknown headline coalition", "  last_checked: 2026-11-25\n",
     "  last_checked: 2026-11-25\n  dashboard:\n    headline: [nato, quad]\n", "headline: [nato, quad]", 22,
     "unknown coalition 'quad'", "meta.dashboard.headline[1]"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_input_is_located(tmp_path, case):
    name, old, new, needle, col, message, path_text = case
    path = _broken(tmp_path, old, new)
    problems = _problems(path)
    assert len(problems) >= 1
    p = problems[0]
    assert p.file == str(path)
    assert p.line == _line_of(path, needle), str(p)
    if col is not None:
        assert p.column == col, str(p)
    assert message in p.message, str(p)
    if path_text is not None:
        assert p.path == path_text


def test_spells_that_do_not_overlap_are_valid(tmp_path):
    path = _broken(tmp_path, "    since: 1955-05-06\n    sources: [ref]\n",
                   "    since: 1955-05-06\n    until: 1990-10-02\n    sources: [ref]\n  - id: nato-DE-2\n"
                   "    country: DE\n    coalition: nato\n    role: member\n    since: 1990-10-03\n    sources: [ref]\n")
    assert [m.id for m in load(path).memberships] == ["nato-DE", "nato-DE-2"]


def test_today_files_stay_valid():
    """The data format only grows: the bundled data as of 2026-11-25 and tests/data/mini.yaml,
    written before the fields of December 2026, load unchanged."""
    frozen = load(Path(__file__).parents[1] / "data" / "frozen")
    assert frozen.counts()["meetings"] == 32 and frozen.meta.dashboard is None
    assert all(s.tier is None for s in frozen.sources)
    assert load(MINI).counts()["claims"] == 1


def test_bad_syntax_points_at_the_line(tmp_path):
    path = _broken(tmp_path, "    name: Germany\n", "    name: [Germany\n")
    (p,) = _problems(path)
    opened = _line_of(path, "[Germany")
    assert (p.line, p.column) == (opened + 1, 12)  # where the parser gave up
    assert "YAML syntax" in p.message and f"started at line {opened}, column 11" in p.message


def test_top_level_not_a_mapping(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("# a comment\n- a\n- b\n")
    (p,) = _problems(path)
    assert (p.line, p.column) == (2, 1)
    assert "top level must be a mapping" in p.message


def test_all_problems_reported_at_once(tmp_path):
    text = MINI.read_text().replace("number: 1", "number: x").replace("name: Ukraine", "nme: Ukraine")
    path = tmp_path / "two.yaml"
    path.write_text(text)
    problems = _problems(path)
    assert {p.path for p in problems} >= {"meetings[0].number", "countries[1].nme", "countries[1]"}


def test_folder_reports_file_of_each_problem(tmp_path):
    (tmp_path / "a.yaml").write_text(MINI.read_text().replace("    chairs: [mark-rutte]\n", ""))
    (tmp_path / "b.yaml").write_text("meetings:\n  - id: x\n    coalition: nowhere\n    number: 2\n"
                                     "    date: 2023-01-01\n    sources: [ref]\n")
    problems = _problems(tmp_path)
    assert [(Path(p.file).name, p.line, p.column, p.path) for p in problems] == [
        ("b.yaml", 3, 16, "meetings[0].coalition")]


def test_problem_text_format(tmp_path):
    path = _broken(tmp_path, "    date: 2022-04-26\n", "    date: 2022-13-01\n")
    text = str(_problems(path)[0])
    line = _line_of(path, "2022-13-01")
    assert text.startswith(f"{path}:{line}:11: meetings[0].date: ")


def test_c_and_python_loaders_agree():
    if CLoader is None:
        pytest.skip("PyYAML built without libyaml")
    assert load(loader=CLoader) == load(loader=PyLoader)
    assert load(MINI, loader=CLoader) == load(MINI, loader=PyLoader)


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(DatasetError, match="no such file"):
        load_paths([tmp_path / "nope.yaml"])
    with pytest.raises(DatasetError, match="no .yaml files"):
        load_paths([tmp_path])


def test_core_does_not_import_textual_or_rich():
    code = ("import sys, tui.core.model, tui.data.load, tui.data.cache, tui.views, tui.export.data, tui.cli;"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_validate_exits_1_and_prints_the_position(tmp_path, capsys, case):
    from tui.cli import main

    name, old, new, needle, col, message, path_text = case
    path = _broken(tmp_path, old, new)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{_line_of(path, needle)}:{col}: " in err
    assert message in err and "Traceback" not in err
