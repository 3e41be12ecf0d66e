"""coalition-tui import csv: spell tables with --map, day/month/year columns and -9, the COW
alliance by-member layout through the committed COW-to-ISO table."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from tui.cli import main
from tui.data.load import load
from tui.imports.spells import cow_codes

FIX = Path(__file__).parents[1] / "data" / "import"
COW = FIX / "cow-alliance-by-member.csv"
HEAD = "version4id,ccode,state_name,mem_st_day,mem_st_month,mem_st_year,mem_end_day,mem_end_month,mem_end_year\n"


def _csv(capsys, *args):
    code = main(["import", "csv", *map(str, args), "--date", "2026-12-03"])
    out, err = capsys.readouterr()
    return code, out, err


def test_cow_layout_reads_states_through_the_table(tmp_path, capsys):
    code, _, err = _csv(capsys, COW, "--layout", "cow-alliance", "--publisher", "test fixture", "-o", tmp_path / "o")
    assert code == 0, err
    ds = load(tmp_path / "o")
    assert {(m.country, m.since, m.until) for m in ds.memberships} == {
        ("US", "1949-04-04", None), ("CA", "1949-04-04", None), ("GB", "1949-04-04", None),
        ("FR", "1949-04-04", None), ("IT", "1949-04-04", None), ("EE", "2004-03-29", None)}
    assert [(c.id, c.name, c.kind) for c in ds.coalitions] == [("cow-alliance-1", "COW alliance 1", "alliance")]
    assert {s.id for s in ds.sources} == {"table-cow-alliance-by-member"}


def test_cow_rows_mapped_to_nato_agree_with_the_bundled_data(tmp_path, capsys):
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", tmp_path / "data")
    code, out, err = _csv(capsys, COW, "--layout", "cow-alliance", "--publisher", "test fixture",
                          "--coalition", "1=nato", "--into", tmp_path / "data")
    assert code == 0, err
    assert out == "no differences\n"
    assert "skipped 6: memberships already in the dataset" in err
    assert not [line for line in err.splitlines() if line.strip().startswith("nato-")]   # no date differs


def test_minus_nine_blanks_and_codes_not_in_the_table(tmp_path, capsys):
    (tmp_path / "t.csv").write_text(HEAD + "5,2,United States of America,-9,6,1950,,,\n"
                                           "5,220,France,-9,-9,1951,3,-9,1960\n"
                                           "5,300,Austria-Hungary,1,1,1900,,,\n"
                                           "6,200,United Kingdom,,,,,,\n")
    code, _, err = _csv(capsys, tmp_path / "t.csv", "--layout", "cow-alliance", "--source-url",
                        "https://example.org/t.csv", "-o", tmp_path / "o")
    assert code == 0, err
    assert "skipped 1: rows whose COW state code is not in the COW-to-ISO table" in err
    assert "t.csv:4: COW code '300' (Austria-Hungary) not in the table" in err
    got = {(m.country, m.coalition): (m.since, m.until) for m in load(tmp_path / "o").memberships}
    assert got == {("US", "cow-alliance-5"): ("1950-06", None), ("FR", "cow-alliance-5"): ("1951", "1960"),  # a day without its month: the year
                   ("GB", "cow-alliance-6"): (None, None)}


def test_iso_dates_map_and_overlaps(tmp_path, capsys):
    (tmp_path / "s.csv").write_text("state,body,from,to,remark\nDE,club,2001-02-03,,first\n"
                                    "DE,club,2002,,overlaps\nFR,club,,2005-06,\n")
    code, _, err = _csv(capsys, tmp_path / "s.csv", "--map", "country=state,coalition=body,since=from,until=to,note=remark",
                        "--publisher", "Someone", "--coalition", "club=club:The Club", "-o", tmp_path / "o")
    assert code == 0, err
    ds = load(tmp_path / "o")
    assert [(m.id, m.since, m.until, m.note) for m in ds.memberships] == [
        ("club-DE", "2001-02-03", None, "first"), ("club-FR", None, "2005-06", None)]
    assert "skipped 1: rows overlapping a spell read before (the first kept)" in err
    assert [(c.id, c.name, c.kind) for c in ds.coalitions] == [("club", "The Club", "organisation")]


def test_bad_tables_are_located_and_nothing_is_written(tmp_path, capsys):
    (tmp_path / "b.csv").write_text(HEAD + "5,2,United States of America,31,2,1950,,,\n")
    for args, words in (
        (["--layout", "cow-alliance", "--publisher", "x"], "b.csv:2: since year/month/day 1950/2/31: not a real date"),
        (["--map", "country=nope,coalition=version4id", "--publisher", "x"], "b.csv:1: no column 'nope'"),
        (["--map", "colour=ccode", "--publisher", "x"], "write FIELD=COLUMN"),
        (["--layout", "cow-alliance"], "--source-url URL and/or --publisher NAME"),
    ):
        code, out, err = _csv(capsys, tmp_path / "b.csv", *args, "-o", tmp_path / "o")
        assert code == 2 and words in err and "Traceback" not in err, err
    assert not (tmp_path / "o").exists()


def test_the_cow_table_is_sourced_row_by_row(bundled):
    with (Path(__file__).resolve().parents[2] / "tui" / "imports" / "cow_states.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = {c.id: c.name for c in bundled.countries}
    for row in rows:
        assert row["source"].strip() and "COW code" in row["source"] and "ISO code" in row["source"]
        assert row["iso"] in names                        # the ISO code is one the bundled data has
    assert cow_codes()["255"] == ("DE", "Germany") and len(rows) == len(cow_codes())
