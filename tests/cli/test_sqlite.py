"""export --format sqlite: a table per section keyed by id, the source references in
record_sources, the provenance in its own table; Datasette reads the file as it is."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from hypothesis import given, strategies as st

from tui.cli import main
from tui.core.model import SECTIONS
from tui.core.text import for_sqlite, is_safe


def _export(tmp_path, capsys, *extra) -> Path:
    out = tmp_path / "coalitions.db"
    assert main(["--no-cache", *extra, "export", "--format", "sqlite", "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote {out}\n"
    return out


def test_every_section_is_a_table_keyed_by_id(tmp_path, capsys, bundled):
    con = sqlite3.connect(_export(tmp_path, capsys))
    for section in SECTIONS:
        ids = [r[0] for r in con.execute(f"SELECT id FROM {section} ORDER BY rowid")]
        assert ids == [r.id for r in getattr(bundled, section)], section
        pk = [row[1] for row in con.execute(f"PRAGMA table_info({section})") if row[5]]
        assert pk == ["id"]
    m = bundled.memberships[0]
    row = con.execute("SELECT country, coalition, role, since, until, unconfirmed FROM memberships WHERE id = ?",
                      (m.id,)).fetchone()
    assert row == (m.country, m.coalition, m.role, m.since, m.until, int(m.unconfirmed))
    person = next(p for p in bundled.people if p.roles)
    roles = json.loads(con.execute("SELECT roles FROM people WHERE id = ?", (person.id,)).fetchone()[0])
    assert [r["title"] for r in roles] == [r.title for r in person.roles]


def test_sources_of_every_record_and_the_provenance(tmp_path, capsys, bundled):
    con = sqlite3.connect(_export(tmp_path, capsys, "--as-of", "2024"))
    total = sum(len(r.sources) for s in SECTIONS for r in getattr(bundled, s))
    assert con.execute("SELECT count(*) FROM record_sources").fetchone()[0] == total
    m = bundled.memberships[-1]
    got = con.execute("SELECT source, paragraph FROM record_sources WHERE section = 'memberships' AND record = ? "
                      "ORDER BY position", (m.id,)).fetchall()
    assert got == [(r.source, r.paragraph) for r in m.sources]
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    links = {(row[3], row[2]) for row in con.execute("PRAGMA foreign_key_list(memberships)")}
    assert {("country", "countries"), ("coalition", "coalitions")} <= links  # Datasette draws them as links
    assert ("speaker", "people") in {(row[3], row[2]) for row in con.execute("PRAGMA foreign_key_list(quotes)")}
    prov = dict(con.execute("SELECT key, value FROM provenance"))
    assert prov["title"] == bundled.meta.title and prov["last_checked"] == bundled.meta.last_checked
    assert prov["as_of"] == "2024-12-31" and prov["tool"] == "coalition-tui"


def test_sqlite_needs_a_file_and_never_leaves_a_part(tmp_path, capsys):
    assert main(["export", "--format", "sqlite"]) == 2
    assert "give -o FILE" in capsys.readouterr().err
    assert main(["export", "--format", "sqlite", "-o", str(tmp_path / "missing" / "x.db")]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()


def test_datasette_inspect_reads_the_file(tmp_path, capsys, bundled):
    db = _export(tmp_path, capsys)
    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent))
    assert datasette, "datasette is in the test extra"
    env = dict(os.environ, HOME=str(tmp_path))
    subprocess.run([datasette, "inspect", str(db), "--inspect-file", str(tmp_path / "i.json")],
                   check=True, env=env, cwd=tmp_path, capture_output=True, timeout=120)
    tables = json.loads((tmp_path / "i.json").read_text())["coalitions"]["tables"]
    assert {name: t["count"] for name, t in tables.items() if name in SECTIONS} == bundled.counts()
    assert "provenance" in tables and "record_sources" in tables


@given(st.one_of(st.text(), st.integers(), st.booleans(), st.none()))
def test_sqlite_cells_are_safe_to_print_and_keep_numbers(value):
    out = for_sqlite(value)
    if isinstance(value, str):
        assert is_safe(out.replace("\n", "").replace("\t", ""))
        assert out.count("\n") == value.count("\n")
    else:
        assert out == (int(value) if isinstance(value, bool) else value)
