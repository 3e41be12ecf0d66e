"""A table of membership spells in (CSV): one row per country and coalition, with the start and
end either as ISO dates or as day / month / year columns, where a missing-value code (`-9`, or a
blank) means unknown. The Correlates of War alliance by-member file is one such table
(`LAYOUTS["cow-alliance"]`); its states are COW codes, turned into ISO codes through the committed
table cow_states.csv (only the rows needed, each sourced), and a code not in it is skipped and
counted.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from tui.core.dates import _check_date
from tui.imports import Imported, overlapping, spell_ids

FIELDS = ("country", "country_name", "coalition", "coalition_name", "role", "since", "until",
          "since_day", "since_month", "since_year", "until_day", "until_month", "until_year", "note")
"""What --map may name: our field = the table's column."""

LAYOUTS = {
    "cow-alliance": {"country": "ccode", "country_name": "state_name", "coalition": "version4id",
                     "since_day": "mem_st_day", "since_month": "mem_st_month", "since_year": "mem_st_year",
                     "until_day": "mem_end_day", "until_month": "mem_end_month", "until_year": "mem_end_year"},
}
"""Known layouts: the COW formal alliances by-member file (v4.1 column names)."""

MISSING = {"", "-9", "NA", "."}
"""Cells that mean 'unknown' in a day, month or year column."""


class TableError(ValueError):
    """The table or the --map is wrong; the message is located (FILE:LINE: ...)."""


def cow_codes() -> dict[str, tuple[str, str]]:
    """COW state code -> (ISO 3166-1 alpha-2, name), from the committed table."""
    path = Path(__file__).with_name("cow_states.csv")
    with path.open(encoding="utf-8", newline="") as f:
        return {row["ccode"]: (row["iso"], row["name"]) for row in csv.DictReader(f)}


def parse_map(text: str | None, layout: str | None) -> dict[str, str]:
    mapping = dict(LAYOUTS[layout]) if layout else {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        key, sep, col = part.partition("=")
        if not sep or key.strip() not in FIELDS or not col.strip():
            raise TableError(f"--map {part!r}: write FIELD=COLUMN, FIELD one of {', '.join(FIELDS)}")
        mapping[key.strip()] = col.strip()
    if "country" not in mapping or "coalition" not in mapping:
        raise TableError("--map needs country=COLUMN and coalition=COLUMN (or --layout cow-alliance)")
    return mapping


@dataclass
class Options:
    codes: str = "iso"                          # iso | cow: what the country column holds
    kind: str = "organisation"                  # the coalitions' kind
    coalitions: dict[str, tuple[str, str | None]] | None = None   # table value -> (id, name)
    name_pattern: str = "{value}"               # a coalition's name when not mapped nor named
    id_pattern: str = "{value}"


def _date(row: dict, prefix: str, mapping: dict, where: str) -> str | None:
    """An ISO date from the `since`/`until` column, or from day/month/year columns."""
    if prefix in mapping:
        cell = (row.get(mapping[prefix]) or "").strip()
        if cell in MISSING:
            return None
        try:
            return _check_date(cell)
        except ValueError as exc:
            raise TableError(f"{where}: {prefix} {cell!r}: {exc}") from None
    y, m, d = ((row.get(mapping.get(f"{prefix}_{p}", ""), "") or "").strip() for p in ("year", "month", "day"))
    if not f"{prefix}_year" in mapping or y in MISSING:
        return None
    parts = [y.zfill(4)]
    if m not in MISSING:
        parts.append(m.zfill(2))
        if d not in MISSING:
            parts.append(d.zfill(2))
    text = "-".join(parts)
    try:
        if not all(re.fullmatch(r"[0-9]+", p) for p in parts):
            raise ValueError("not a number")
        return _check_date(text)
    except ValueError as exc:
        raise TableError(f"{where}: {prefix} year/month/day {y}/{m}/{d}: {exc}") from None


def read(text: str, origin: str, mapping: dict[str, str], source: dict, options: Options) -> Imported:
    """Records from a spell table. `source` is the record of the table itself (every record cites it)."""
    out = Imported("csv", origin)
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    missing = [c for c in mapping.values() if c not in columns]
    if missing:
        raise TableError(f"{origin}:1: no column {missing[0]!r}; the columns are: {', '.join(columns)}")
    cow = cow_codes() if options.codes == "cow" else {}
    out.add("sources", source)
    sid = source["id"]
    taken: set[str] = set()
    for row in reader:
        where = f"{origin}:{reader.line_num}"
        code = (row.get(mapping["country"]) or "").strip()
        if options.codes == "cow":
            if code not in cow:
                out.skipped["rows whose COW state code is not in the COW-to-ISO table"] += 1
                out.notes.append(f"{where}: COW code {code!r} ({(row.get(mapping.get('country_name', '')) or '').strip() or 'no name'}) not in the table")
                continue
            iso, name = cow[code]
            name = (row.get(mapping.get("country_name", "")) or "").strip() or name
        else:
            iso = code.upper()
            if not re.fullmatch(r"[A-Z]{2}", iso):
                out.skipped["rows whose country is not an ISO 3166-1 alpha-2 code"] += 1
                continue
            name = (row.get(mapping.get("country_name", "")) or "").strip() or iso
        value = (row.get(mapping["coalition"]) or "").strip()
        if not value:
            out.skipped["rows with no coalition"] += 1
            continue
        mapped = (options.coalitions or {}).get(value)
        cid = mapped[0] if mapped else options.id_pattern.format(value=value)
        cname = (mapped[1] if mapped and mapped[1] else
                 (row.get(mapping.get("coalition_name", "")) or "").strip() or options.name_pattern.format(value=value))
        since = _date(row, "since", mapping, where)
        until = _date(row, "until", mapping, where)
        role = (row.get(mapping.get("role", "")) or "").strip() or "member"
        out.add("countries", {"id": iso, "name": name, "sources": [sid]})
        out.add("coalitions", {"id": cid, "name": cname, "kind": options.kind, "sources": [sid]})
        if overlapping(out.records["memberships"], iso, cid, since, until, role):
            out.skipped["rows overlapping a spell read before (the first kept)"] += 1
            continue
        record = {"id": spell_ids(cid, iso, taken), "country": iso, "coalition": cid, "role": role,
                  "since": since, "until": until, "sources": [sid]}
        note = (row.get(mapping.get("note", "")) or "").strip()
        if note:
            record["note"] = note
        out.add("memberships", record)
    return out


def table_source(origin: str, url: str | None, publisher: str | None, accessed: _dt.date | None) -> dict:
    sid = "table-" + re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(origin).stem).strip("-.")[:60] or "table"
    record = {"id": sid, "kind": "reference", "title": origin, "publisher": publisher, "url": url,
              "accessed": accessed.isoformat() if accessed else None, "sources": [sid]}
    return {k: v for k, v in record.items() if v is not None}
