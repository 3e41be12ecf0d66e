"""coalition-tui export: the dataset as JSON, or one table as CSV."""

from __future__ import annotations

import sys
from pathlib import Path


def add_parser(sub) -> None:
    e = sub.add_parser("export", help="write the dataset as JSON, or one table as CSV")
    e.add_argument("--format", choices=("json", "csv"), default="json")
    e.add_argument("--table", help="the table for CSV (sources, countries, coalitions, "
                                   "memberships, meetings, roadmap, people, quotes, claims)")
    e.add_argument("-o", "--output", metavar="FILE", type=Path, help="default: standard output")


def run(args, data_paths: list[Path]) -> int:
    from tui.cli.common import dataset

    ds = dataset(data_paths, not args.no_cache)
    from tui.export.data import TABLES, to_csv, to_json
    from tui.data.files import OutputError, write_atomic

    if args.format == "csv":
        if args.table not in TABLES:
            print(f"coalition-tui export: --format csv needs --table, one of: {', '.join(TABLES)}",
                  file=sys.stderr)
            return 2
        text = to_csv(ds, args.table)
    else:
        text = to_json(ds)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(args.output, text)
    except OutputError as exc:
        print(f"coalition-tui export: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
