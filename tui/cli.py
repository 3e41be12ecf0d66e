"""The command line: parse arguments and dispatch. Textual is imported only by commands that draw."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui import __version__


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coalition-tui",
        description="A terminal dashboard of coalition membership: countries, meetings, the "
                    "capability roadmap to 2027, quotes, and the source of every fact.",
    )
    p.add_argument("--version", action="version", version=f"coalition-tui {__version__}")
    p.add_argument("--data", metavar="PATH", type=Path,
                   help="a dataset: a .yaml file or a folder of them (default: the bundled one)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    v = sub.add_parser("validate", help="check a dataset; exit 1 listing every problem")
    v.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="files or folders to check (default: --data, else the bundled dataset)")
    e = sub.add_parser("export", help="write the dataset as JSON, or one table as CSV")
    e.add_argument("--format", choices=("json", "csv"), default="json")
    e.add_argument("--table", help="the table for CSV (sources, countries, coalitions, "
                                   "memberships, meetings, roadmap, people, quotes, claims)")
    e.add_argument("-o", "--output", metavar="FILE", type=Path, help="default: standard output")
    return p


def _dataset(paths: list[Path]):
    from tui.load import bundled_data, load_paths

    return load_paths(paths or [bundled_data()])


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from tui.load import DatasetError, main_error_exit

    data_paths = [args.data] if args.data else []
    try:
        if args.command == "validate":
            ds = _dataset(args.paths or data_paths)
            counts = ", ".join(f"{n} {k}" for k, n in ds.counts().items())
            print(f"valid: {counts}")
            return 0
        if args.command == "export":
            return _export(args, _dataset(data_paths))
        ds = _dataset(data_paths)
    except DatasetError as exc:
        return main_error_exit(exc)
    from tui.app import CoalitionApp

    CoalitionApp(ds).run()
    return 0


def _export(args, ds) -> int:
    from tui.export import TABLES, to_csv, to_json
    from tui.files import OutputError, write_atomic

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


def run() -> None:
    """Console-script entry point."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
