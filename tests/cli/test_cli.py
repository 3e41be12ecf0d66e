"""The command line, as a user runs it: validate, export, and the installed wheel."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tui.cli import main
from tui.data.bundled import bundled_data, bundled_seeds

ROOT = Path(__file__).resolve().parents[2]
MINI = Path(__file__).parents[1] / "data" / "mini.yaml"


def _run(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def test_validate_bundled(capsys, bundled):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("valid: ")
    assert f"{len(bundled.meetings)} meetings" in out[0]
    assert f"{len(bundled.countries)} countries" in out[0]


def test_validate_broken_file_exits_1_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text().replace("    date: 2022-04-26\n", "    date: 2022-02-30\n"))
    result = _run("validate", str(bad))
    assert result.returncode == 1
    line = next(i + 1 for i, t in enumerate(bad.read_text().splitlines()) if "2022-02-30" in t)
    assert f"{bad}:{line}:11: meetings[0].date: " in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_data_option_applies_to_every_command(tmp_path, capsys):
    assert main(["--data", str(MINI), "validate"]) == 0
    assert "1 meetings" in capsys.readouterr().out
    assert main(["--data", str(MINI), "export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["id"] for m in data["meetings"]] == ["udcg-1"]


def test_export_json_contract(capsys, bundled):
    assert main(["export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # keys are only ever added: the sections in their order, then provenance (added in 0.2)
    assert list(data) == ["meta", "sources", "countries", "coalitions", "memberships", "meetings",
                          "roadmap", "people", "quotes", "claims", "provenance"]
    assert set(data["provenance"]) == {"title", "last_checked", "as_of", "tool", "version"}
    assert data["provenance"]["last_checked"] == bundled.meta.last_checked
    for section in list(data)[1:-1]:
        for record in data[section]:
            assert "id" in record and "sources" in record, (section, record.get("id"))
    assert {c["id"] for c in data["countries"]} >= {"DE", "UA", "RU", "US", "SE", "FI"}
    member = next(m for m in data["memberships"] if m["id"] == "nato-SE")
    assert (member["country"], member["coalition"], member["role"], member["since"]) == \
        ("SE", "nato", "member", "2024-03-07")
    meeting = next(m for m in data["meetings"] if m["article"])
    assert (meeting["number"], meeting["date"], meeting["venue"]) == (25, "2025-01-09", "Ramstein Air Base")
    assert isinstance(meeting["chairs"], list) and meeting["format"] == "in-person"
    assert meeting["sources"][0].keys() == {"source", "paragraph"}
    assert all("leads" in c for c in data["coalitions"])
    rutte = next(p for p in data["people"] if p["id"] == "mark-rutte")
    assert rutte["name"] == "Mark Rutte" and rutte["roles"]
    assert len(data["quotes"]) == len(bundled.quotes)


def test_export_csv_table(tmp_path, bundled):
    out = tmp_path / "meetings.csv"
    assert main(["export", "--format", "csv", "--table", "meetings", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == len(bundled.meetings)
    assert rows[0]["number"] == "1" and rows[0]["date"] == bundled.meetings[0].date
    assert "article" in rows[0]["sources"] or rows[0]["sources"]


def test_export_errors_exit_2(tmp_path, capsys):
    assert main(["export", "--format", "csv"]) == 2
    assert "needs --pane" in capsys.readouterr().err
    assert main(["export", "-o", str(tmp_path / "missing" / "x.json")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_version_and_help():
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.startswith("coalition-tui ")
    result = _run("--help")
    assert result.returncode == 0 and "validate" in result.stdout and "export" in result.stdout


def test_article_paragraphs_match_the_seed(bundled):
    seed = (bundled_seeds() / "000_453f1ecf99c7c5c3.txt").read_text(encoding="utf-8").splitlines()
    article = next(s for s in bundled.sources if s.id == "article")
    assert article.title == seed[0]
    assert article.paragraphs == seed[1:]


def test_seed_is_the_shared_article_unchanged():
    shared = ROOT.parent / "shared" / "seeds" / "000_453f1ecf99c7c5c3.txt"
    if not shared.exists():
        pytest.skip("no ../shared beside this checkout")
    assert (ROOT / "seeds" / shared.name).read_bytes() == shared.read_bytes()


def test_bundled_dataset_facts(bundled):
    """Facts the article states are in the data, each sourced to its paragraph."""
    meeting = next(m for m in bundled.meetings if m.article)
    assert meeting.number == 25 and meeting.venue == "Ramstein Air Base"
    refs = {str(r) for r in meeting.sources}
    assert "article#3" in refs
    claim = next(c for c in bundled.claims if c.id == "udcg-size")
    values = {st.value for st in claim.statements}
    assert any("52" in v for v in values) and any("20" in v for v in values)
    assert bundled.meta and bundled.meta.last_checked
    nato = [m for m in bundled.memberships if m.coalition == "nato"]
    assert len(nato) == 32


def test_wheel_ships_data_and_runs_from_another_folder(tmp_path):
    """`pip install .` (not editable) then `coalition-tui` from elsewhere finds the bundled data."""
    wheel_dir, target = tmp_path / "wheel", tmp_path / "site"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir),
                            str(ROOT)], capture_output=True, text=True, timeout=300)
    if build.returncode != 0 and "Could not find a version" in build.stderr:
        pytest.skip("no package index reachable to fetch hatchling")
    assert build.returncode == 0, build.stderr
    (wheel,) = wheel_dir.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tui/_bundled/seeds/000_453f1ecf99c7c5c3.txt" in names
    assert {f"tui/_bundled/data/{p.name}" for p in bundled_data().glob("*.yaml")} <= set(names)
    assert {"tui/views/map_shapes.bin", "tui/views/map_shapes.txt"} <= set(names)  # the Map's shapes
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = "import sys, tui.cli; sys.exit(tui.cli.main(sys.argv[1:]))"
    valid = subprocess.run([sys.executable, "-c", code, "validate"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, timeout=120)
    assert valid.returncode == 0, valid.stderr
    assert valid.stdout.startswith("valid: ")
    exported = subprocess.run([sys.executable, "-c", code, "export", "--format", "json"], cwd=elsewhere,
                              env=env, capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0
    assert json.loads(exported.stdout)["meetings"]
    listed = subprocess.run([sys.executable, "-c", code, "examples"], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    names = [line.split("\t")[0] for line in listed.stdout.splitlines()]
    assert names[0] == "(default)" and "eu" in names
    for command in (["--example", "eu", "validate"], ["--data", "example:eu", "export"]):
        run = subprocess.run([sys.executable, "-c", code, *command], cwd=elsewhere, env=env,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
    assert "European Union" in run.stdout
    where = subprocess.run([sys.executable, "-c", "import tui.data.bundled as b; print(b.bundled_data())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
    assert where.stdout.strip().startswith(str(target))


def test_export_pane_csv_is_the_file_e_writes(capsys, tmp_path):
    """`export --format csv --pane NAME` gives the same columns and rows as `e` in that pane;
    doubt is its own true/false column, never glued to a name; the count keeps its wording."""
    assert main(["--as-of", "2025-01-09", "export", "--format", "csv", "--pane", "meetings"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["Meeting", "Date", "Participants", "participants_qualifier", "participants_kind", "Venue",
                       "Format", "Chairs", "id", "unconfirmed", "meeting_unconfirmed", "meeting_featured",
                       "meeting_conflict"]
    at = {h: i for i, h in enumerate(rows[0])}
    by_id = {r[at["id"]]: r for r in rows[1:]}
    one = by_id["udcg-1"]
    assert one[at["Participants"]].isdigit() and one[at["participants_qualifier"]]  # a number, its wording beside
    assert by_id["udcg-25"][at["Meeting"]] == "UDCG 25" and by_id["udcg-25"][at["meeting_featured"]] == "true"
    assert rows[-1][at["id"]] == "udcg-25" and {r[at["unconfirmed"]] for r in rows[1:]} <= {"true", "false"}
    assert main(["export", "--format", "csv", "--pane", "roadmap"]) == 0
    roadmap = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert roadmap[0][1] == "Timeline"  # the screen draws the year axis there; the CSV names the column
    assert all(r[1].startswith("from ") and "━" not in r[1] for r in roadmap[1:])  # dates, not the drawing
    assert main(["export", "--format", "csv", "--pane", "memberships"]) == 0
    members = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    at = {h: i for i, h in enumerate(members[0])}
    assert not any(r[0].endswith("?") for r in members[1:])
    assert "true" in {r[at["unconfirmed"]] for r in members[1:]} and "true" in {r[at["country_unconfirmed"]] for r in members[1:]}
    assert main(["export", "--format", "csv", "--pane", "quotes", "--table", "quotes"]) == 2
