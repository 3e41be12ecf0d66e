"""Data export: the validated dataset as JSON (the whole of it) or CSV (one table).

The JSON is a contract people script against: top-level keys are the sections below, every record
has `id` and `sources`, references are the referenced ids, dates are ISO 8601 text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from tui.core.kinds import EXPORT_ORDER
from tui.core.model import Dataset
from tui.core.refs import SourceRef

TABLES = EXPORT_ORDER
"""The JSON's top-level keys, in order (from tui.core.kinds); each is also a CSV table."""


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
    return "".join(json_chunks(ds, as_of))


BATCH = 2000
"""Records per piece of a streamed export."""


def json_chunks(ds, as_of=None) -> Iterator[str]:
    """The text of `to_data` as JSON indented by 2 (exact once parsed, safe to `cat`: json_text),
    a few records at a time: a million records are never one string, and a dataset read from the
    cache's light rows is written from them, no pydantic Dataset made."""
    from tui.core.text import json_text

    def nested(value, depth: int) -> str:  # json.dumps(indent=2) of a value `depth` spaces in
        return json_text(value, indent=2).replace("\n", "\n" + " " * depth)  # no raw newline in JSON strings

    yield '{\n  "meta": ' + nested(_meta_data(ds), 2)
    for name in TABLES:
        rows = getattr(ds, name)
        if not len(rows):
            yield f",\n  {json_text(name)}: []"
            continue
        yield f",\n  {json_text(name)}: ["
        batch: list[str] = []
        for i, row in enumerate(rows):
            batch.append(("\n    " if i == 0 else ",\n    ") + nested(plain(row), 4))
            if len(batch) == BATCH:
                yield "".join(batch)
                batch = []
        yield "".join(batch) + "\n  ]"
    yield ',\n  "provenance": ' + nested(provenance(ds, as_of), 2) + "\n}\n"


def plain(record) -> Any:
    """A record as `model_dump(mode="json")` gives it, from its model or from the cache's light
    row of it (tui.data.columns: slots named as the model's fields, in its order)."""
    dump = getattr(record, "model_dump", None)
    if dump is not None:
        return dump(mode="json")
    kind = type(record)
    if kind is SourceRef:
        return {"source": record.source, "paragraph": record.paragraph}
    if kind is tuple or kind is list:
        return [plain(v) for v in record]
    fields = getattr(kind, "_fields", None)
    if fields is not None and getattr(kind, "model_path", None):
        return {f: plain(getattr(record, f)) for f in fields}
    return record


def _meta_data(ds) -> dict | None:
    """`meta:` as the export writes it (by its aliases: `from`, `to`)."""
    meta = ds.meta_model() if getattr(ds, "is_light", False) else ds.meta
    return meta.model_dump(mode="json", by_alias=True) if meta else None


def _cell(value: Any) -> str:
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


def rows_to_csv(header: list[str], rows) -> str:
    """Rows as CSV text with a header line; lists become '; '-joined cells. Every cell goes
    through tui.core.text.for_csv (no terminal controls; a text cell a spreadsheet would read as
    a formula gets a leading ')."""
    return "".join(csv_text_chunks(header, rows))


def csv_text_chunks(header: list[str], rows) -> Iterator[str]:
    """`rows_to_csv`'s text, BATCH rows at a time."""
    from tui.core.text import for_csv

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([for_csv(h) for h in header])
    for i, row in enumerate(rows, 1):
        writer.writerow([for_csv(_number_or_text(v)) for v in row])
        if i % BATCH == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _number_or_text(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return _cell(value)


def table_header(columns) -> list[str]:
    """The CSV header of a table: each column's heading (a count followed by `<key>_qualifier`
    and `<key>_kind`), then `id` and `unconfirmed` for the row's record, then one column per mark
    a column can carry, `<key>_<mark>` (unconfirmed, via, featured, conflict)."""
    header: list[str] = []
    for c in columns:
        header.append(c.heading)
        if c.count:
            header += [f"{c.key}_qualifier", f"{c.key}_kind"]
    header += ["id", "unconfirmed"]
    header += [f"{c.key}_{mark}" for c in columns for mark in c.marks]
    return header


def table_rows(columns, rows):
    """The CSV rows of a table, in the order of `table_header`: each cell's value (a number as a
    number, a date as the data gives it, never the cut text on screen and never a mark glued to
    it), the count's qualifier and kind, the row's id and doubt, then each mark as data (true or
    false; for a list, the items it applies to)."""
    for row in rows:
        out: list[Any] = []
        for c, cell in zip(columns, row.cells):
            out.append(cell.export)
            if c.count:
                out += [cell.qualifier or "", cell.count_kind or ""]
        out += [row.id, row.unconfirmed]
        out += [cell.mark(mark) for c, cell in zip(columns, row.cells) for mark in c.marks]
        yield out


def table_to_csv(columns, rows) -> str:
    """A pane's table as CSV, as the screen orders and filters it (see `table_header`)."""
    return rows_to_csv(table_header(columns), table_rows(columns, rows))


def pane_csv(views, pane_id: str, as_of, rows=None, columns=None) -> str:
    """A pane's CSV, as `e` and `export --pane` write it: its declaration's own CSV if it has
    one (Changes: diff's), else its table's, for the rows given (default: every row as of
    `as_of`, in the pane's order)."""
    from tui.views.panes import pane

    spec, source = pane(pane_id), views.source(pane_id)
    if rows is None:
        rows = source.select(as_of)
    if spec.csv is not None:
        return rows_to_csv(*spec.csv(views, as_of, rows))
    return table_to_csv(columns or source.columns_at(as_of), rows)


def changes_to_csv(changes) -> str:
    """Changes between two dates as CSV: one row per change, in their order (tui.core.changes)."""
    from tui.core.changes import CSV_KEYS

    return rows_to_csv(list(CSV_KEYS), [c.csv_row() for c in changes])
def to_csv(ds: Dataset, table: str) -> str:
    """One section of the dataset as CSV, one column per field."""
    return "".join(csv_chunks(ds, table))


def csv_chunks(ds, table: str) -> Iterator[str]:
    """`to_csv`'s text, a few records at a time, from the models or the cache's light rows."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    from tui.core.kinds import BY_SECTION

    model = BY_SECTION[table].model
    header = list(model.model_fields)
    records = (plain(r) for r in getattr(ds, table))
    return csv_text_chunks(header, ([rec.get(h) for h in header] for rec in records))
