"""The dataset as one SQLite file: a table per section (its id the primary key), the source
references of every record in `record_sources`, and where the file comes from in `provenance`.
It opens in Datasette, the sqlite3 shell or any SQLite client as it is.

Scalar fields are columns; lists and nested records (roles, milestones, statements, highlights)
are JSON text, as `export --format json` writes them. Every text cell goes through
tui.core.text.for_sqlite.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tui.core.model import SECTIONS, Dataset
from tui.core.text import for_sqlite
from tui.export.data import provenance

def _cell(value):
    if isinstance(value, (list, dict)):
        return for_sqlite(json.dumps(value, ensure_ascii=False))
    return for_sqlite(value)


def _refs(value) -> list[str]:
    return [v["source"] + (f"#{v['paragraph']}" if v.get("paragraph") else "") for v in value]


def write_sqlite(ds: Dataset, path: Path, as_of=None) -> None:
    """Write the dataset to a new SQLite file at `path` (which must not exist yet: the caller
    writes to a temporary name and renames it into place)."""
    con = sqlite3.connect(path)
    try:
        with con:
            _fill(con, ds, as_of)
    finally:
        con.close()


def _fill(con: sqlite3.Connection, ds: Dataset, as_of) -> None:
    prov = provenance(ds, as_of)
    con.execute("CREATE TABLE provenance (key TEXT PRIMARY KEY, value TEXT)")
    con.executemany("INSERT INTO provenance VALUES (?, ?)", [(k, _cell(v)) for k, v in prov.items()])
    if ds.meta is not None:
        meta = ds.meta.model_dump(mode="json", by_alias=True)
        con.executemany("INSERT INTO provenance VALUES (?, ?)",
                        [(f"meta.{k}", _cell(v)) for k, v in meta.items() if k not in ("title", "last_checked")])
    for section, model in SECTIONS.items():
        fields = [f for f in model.model_fields if f != "sources"]
        keys = model.REFS  # the fields that hold another record's id, declared once by the kind's model
        cols = ["id TEXT PRIMARY KEY"] + [f'"{f}"' + (f" TEXT REFERENCES {keys[f]}(id)" if f in keys else "")
                                          for f in fields if f != "id"]
        con.execute(f"CREATE TABLE {section} ({', '.join(cols)})")
        rows = [r.model_dump(mode="json") for r in getattr(ds, section)]
        marks = ", ".join("?" for _ in fields)
        con.executemany(f"INSERT INTO {section} ({', '.join(chr(34) + f + chr(34) for f in fields)}) "
                        f"VALUES ({marks})", [[_cell(row[f]) for f in fields] for row in rows])
    con.execute("CREATE TABLE record_sources (section TEXT, record TEXT, position INTEGER, "
                "source TEXT REFERENCES sources(id), paragraph INTEGER, PRIMARY KEY (section, record, position))")
    for section in SECTIONS:
        for r in getattr(ds, section):
            con.executemany("INSERT INTO record_sources VALUES (?, ?, ?, ?, ?)",
                            [(section, for_sqlite(r.id), k, for_sqlite(ref.source), ref.paragraph)
                             for k, ref in enumerate(r.sources)])
