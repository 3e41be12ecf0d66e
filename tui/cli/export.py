"""coalition-tui export: the dataset as JSON, one section as CSV (--table), or a pane's table as
CSV (--pane: the same file as `e` in that pane)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.common import LazyChoices, LazyHelp

PANE_IDS = LazyChoices()
"""The panes' ids, read when first asked for (tui.cli.common.LazyChoices)."""


def add_parser(sub) -> None:
    from tui.cli.common import add_as_of

    e = sub.add_parser("export", help="write the dataset as JSON, one section or one pane's table as CSV",
                       description="JSON: the whole dataset, with a `provenance` object (title, "
                                   "last_checked, as_of, version). CSV is a plain table for "
                                   "spreadsheets: its provenance is the JSON's, and the file name is "
                                   "yours to choose.")
    e.add_argument("--format", choices=("json", "csv", "sqlite", "csl-json", "bibtex", "ris"), default="json",
                   help="json, csv; sqlite (a database file, needs -o); csl-json, bibtex, ris: citations "
                        "of the sources")
    e.add_argument("--select", metavar="KIND:ID",
                   help="with csl-json, bibtex or ris: only the sources behind one record, e.g. "
                        "membership:nato-DE, meeting:udcg-25, source:article")
    e.add_argument("--table", help="a section of the dataset, one column per field (sources, countries, "
                                   "coalitions, memberships, meetings, roadmap, people, quotes, claims)")
    e.add_argument("--pane", choices=PANE_IDS, metavar="PANE",
                   help=LazyHelp("a pane's table as the dashboard shows it",
                                 lambda: "a pane's table as the dashboard shows it (the same columns and order as "
                                         f"`e` in that pane): {', '.join(PANE_IDS)}"))
    add_as_of(e, argparse.SUPPRESS)
    e.add_argument("-o", "--output", metavar="FILE", type=Path, help="default: standard output")


CITATIONS = ("csl-json", "bibtex", "ris")


def run(args, data_paths: list[Path]) -> int:
    from tui.cli.common import collect_from_now, dataset, fail
    from tui.core.dates import parse_typed
    from tui.data.files import OutputError, write_atomic
    from tui.export.data import TABLES, csv_chunks, json_chunks, pane_csv

    prog = "coalition-tui export"
    if args.table and args.pane:
        return fail(prog, "--table and --pane do not combine: choose a section or a pane")
    try:
        as_of = parse_typed(args.as_of) if args.as_of else None
    except ValueError as exc:
        return fail(prog, f"--as-of: {exc}")
    from tui.cli.progress import progress_on_stderr

    with progress_on_stderr() as progress:  # on a terminal only, erased before anything else prints
        # a warm start gives the cache's light rows: JSON and CSV are written from them
        ds = dataset(data_paths, not args.no_cache, progress, light=True)
    collect_from_now()
    if args.select and args.format not in CITATIONS:
        return fail(prog, "--select works with --format csl-json, bibtex or ris")
    from tui.data.columns import full

    if args.format == "sqlite":
        return _sqlite(prog, full(ds), args.output, as_of)
    if args.format in CITATIONS:
        from tui.export.cite import SelectError, citations

        try:
            text = citations(full(ds), args.format, args.select)
        except SelectError as exc:
            return fail(prog, str(exc))
    elif args.format == "csv":
        if args.pane:
            from tui.views import Views

            views = Views(ds)
            text = pane_csv(views, args.pane, as_of or views.latest)
        elif args.table in TABLES:
            text = csv_chunks(ds, args.table)  # written as it is made (a million rows)
        else:
            return fail(prog, f"--format csv needs --pane ({', '.join(PANE_IDS)}) or --table ({', '.join(TABLES)})")
    else:
        text = json_chunks(ds, as_of)  # written as it is made (a million records)
    if args.output is None:
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)
        return 0
    try:
        write_atomic(args.output, text)
    except OutputError as exc:
        return fail(prog, str(exc))
    if str(args.output) != "-":
        from tui.core.text import for_terminal

        print(f"wrote {for_terminal(str(args.output))}", file=sys.stderr)
    return 0


def _sqlite(prog: str, ds, output: Path | None, as_of) -> int:
    """Build the database in a temporary folder, then write its bytes as any output is written
    (atomically: a failed run never leaves part of a file)."""
    import tempfile

    from tui.cli.common import fail
    from tui.core.text import for_terminal
    from tui.data.files import OutputError, write_atomic
    from tui.export.sqlite import write_sqlite

    if output is None or str(output) == "-":
        return fail(prog, "--format sqlite writes a file: give -o FILE (e.g. -o coalitions.db)")
    with tempfile.TemporaryDirectory(prefix="coalition-tui-") as tmp:
        built = Path(tmp) / "export.db"
        write_sqlite(ds, built, as_of)
        try:
            write_atomic(output, built.read_bytes())
        except OutputError as exc:
            return fail(prog, str(exc))
    print(f"wrote {for_terminal(str(output))}", file=sys.stderr)
    return 0
