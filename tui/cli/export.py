"""coalition-tui export: the dataset as JSON, one section as CSV (--table), or a pane's table as
CSV (--pane: the same file as `e` in that pane)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.views.panes import PANE_IDS


def add_parser(sub) -> None:
    from tui.cli.common import add_as_of

    e = sub.add_parser("export", help="write the dataset as JSON, one section or one pane's table as CSV",
                       description="JSON: the whole dataset, with a `provenance` object (title, "
                                   "last_checked, as_of, version). CSV is a plain table for "
                                   "spreadsheets: its provenance is the JSON's, and the file name is "
                                   "yours to choose.")
    e.add_argument("--format", choices=("json", "csv"), default="json")
    e.add_argument("--table", help="a section of the dataset, one column per field (sources, countries, "
                                   "coalitions, memberships, meetings, roadmap, people, quotes, claims)")
    e.add_argument("--pane", choices=PANE_IDS, help="a pane's table as the dashboard shows it (the same "
                                                     "columns and order as `e` in that pane)")
    add_as_of(e, argparse.SUPPRESS)
    e.add_argument("-o", "--output", metavar="FILE", type=Path, help="default: standard output")


def run(args, data_paths: list[Path]) -> int:
    from tui.cli.common import dataset, fail
    from tui.core.dates import parse_typed
    from tui.data.files import OutputError, write_atomic
    from tui.export.data import TABLES, pane_csv, to_csv, to_json

    prog = "coalition-tui export"
    if args.table and args.pane:
        return fail(prog, "--table and --pane do not combine: choose a section or a pane")
    try:
        as_of = parse_typed(args.as_of) if args.as_of else None
    except ValueError as exc:
        return fail(prog, f"--as-of: {exc}")
    ds = dataset(data_paths, not args.no_cache)
    if args.format == "csv":
        if args.pane:
            from tui.views import Views

            views = Views(ds)
            text = pane_csv(views, args.pane, as_of or views.latest)
        elif args.table in TABLES:
            text = to_csv(ds, args.table)
        else:
            return fail(prog, f"--format csv needs --pane ({', '.join(PANE_IDS)}) or --table ({', '.join(TABLES)})")
    else:
        text = to_json(ds, as_of)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(args.output, text)
    except OutputError as exc:
        return fail(prog, str(exc))
    if str(args.output) != "-":
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
