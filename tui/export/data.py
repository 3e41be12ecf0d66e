"""Data export: the validated dataset as JSON (the whole of it) or CSV (one table).

The JSON is a contract people script against: top-level keys are the sections below, every record
has `id` and `sources`, references are the referenced ids, dates are ISO 8601 text.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from tui.core.model import Dataset
from tui.core.text import for_csv, json_text

TABLES = ("sources", "countries", "coalitions", "memberships", "meetings", "roadmap", "people",
          "quotes", "claims")
"""The JSON's top-level keys, in order; each is also a CSV table."""


def provenance(ds: Dataset, as_of=None) -> dict[str, Any]:
    """Where an export comes from: the dataset's title and last check, the as-of date it was
    drawn for (None: all dates), and the tool and version that wrote it."""
    from tui import __version__

    return {"title": ds.meta.title if ds.meta else None,
            "last_checked": ds.meta.last_checked if ds.meta else None,
            "as_of": as_of.isoformat() if as_of else None,
            "tool": "coalition-tui", "version": __version__}


def to_data(ds: Dataset, as_of=None) -> dict[str, Any]:
    """The dataset as plain JSON-ready data. Keys are only ever added: `provenance` came in 0.2."""
    out: dict[str, Any] = {"meta": ds.meta.model_dump(mode="json", by_alias=True) if ds.meta else None}
    for name in TABLES:
        out[name] = [r.model_dump(mode="json") for r in getattr(ds, name)]
    out["provenance"] = provenance(ds, as_of)
    return out


def to_json(ds: Dataset, as_of=None) -> str:
    return json_text(to_data(ds, as_of), indent=2) + "\n"


def _cell(value: Any):
    """A value as one CSV cell before the CSV rule (for_csv): numbers stay numbers."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return "; ".join(str(v) for v in value)
        if all(isinstance(v, dict) and set(v) <= {"source", "paragraph"} for v in value):
            return "; ".join(v["source"] + (f"#{v['paragraph']}" if v.get("paragraph") else "")
                             for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def rows_to_csv(header: list[str], rows: list[list[Any]]) -> str:
    """Rows as CSV text with a header line; lists become '; '-joined cells. Every cell goes
    through for_csv: controls escaped, a text cell a spreadsheet would run as a formula prefixed
    with ' (tui/core/text.py)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([for_csv(h) for h in header])
    for row in rows:
        writer.writerow([for_csv(_cell(v)) for v in row])
    return buf.getvalue()


def table_to_csv(columns, rows) -> str:
    """A pane's table as CSV, as the screen orders and filters it: one column per table column
    (headed by its heading; a cell's full value, not the cut text on screen, with no doubt mark
    glued to it), then `id` and `unconfirmed` (true or false) for the row's record."""
    header = [c.heading for c in columns] + ["id", "unconfirmed"]
    return rows_to_csv(header, [[c.export for c in row.cells] + [row.id, row.unconfirmed] for row in rows])


def to_csv(ds: Dataset, table: str) -> str:
    """One section of the dataset as CSV, one column per field."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    records = [r.model_dump(mode="json") for r in getattr(ds, table)]
    model = type(getattr(ds, table)[0]) if records else None
    header = list(model.model_fields) if model else list(
        Dataset.model_fields[table].annotation.__args__[0].model_fields)
    return rows_to_csv(header, [[rec.get(h) for h in header] for rec in records])
