"""coalition-tui diff: what changed between two dates (--from, --to), or between two versions of
a dataset (OLD NEW: files, folders or example:NAME)."""

from __future__ import annotations

import sys
from pathlib import Path


def add_parser(sub) -> None:
    d = sub.add_parser(
        "diff", help="changes between two dates (--from/--to), or between two versions of a dataset",
        description="With --from and --to: every membership that began or ended in the interval (both "
                    "ends inclusive), role changes, meetings held, people who took or left office; a "
                    "partial date that is only partly inside is listed as 'possibly', a membership with "
                    "no known start apart as 'date unknown'. With OLD NEW: every record added, removed "
                    "or changed, field by field; exit 0, or 1 with --exit-code when they differ; 2 when "
                    "a dataset does not load.")
    d.add_argument("paths", nargs="*", metavar="OLD NEW", help="two datasets (files, folders or example:NAME)")
    d.add_argument("--from", dest="start", metavar="DATE", help="the first day of the interval")
    d.add_argument("--to", dest="end", metavar="DATE", help="the last day of the interval")
    d.add_argument("--coalition", action="append", default=[], metavar="ID",
                   help="only this coalition (repeat for more)")
    d.add_argument("--format", choices=("text", "json", "csv"), default="text")
    d.add_argument("--exit-code", action="store_true", help="with OLD NEW: exit 1 when they differ")


def run(args, data_paths: list[Path]) -> int:
    from tui.cli.common import dataset, fail, main_error_exit
    from tui.core.changes import between, to_text, versions, versions_text
    from tui.core.dates import date_end, date_start
    from tui.data.bundled import UnknownExample, data_path
    from tui.data.problems import DatasetError
    from tui.core.text import json_text
    from tui.export.data import provenance

    prog = "coalition-tui diff"
    dated = args.start is not None or args.end is not None
    if args.paths and dated:
        return fail(prog, "give two datasets (OLD NEW) or --from/--to, not both")
    if not args.paths and not dated:
        return fail(prog, "give two datasets (OLD NEW), or --from DATE --to DATE")
    if args.paths:
        if len(args.paths) != 2:
            return fail(prog, f"give exactly two datasets, OLD and NEW (got {len(args.paths)})")
        if args.format == "csv":
            return fail(prog, "OLD NEW compares as text or json")
        try:
            old, new = (dataset([data_path(p)], use_cache=False) for p in args.paths)
        except UnknownExample as exc:
            return fail(prog, str(exc))
        except DatasetError as exc:
            main_error_exit(exc)
            return 2
        diffs = versions(old, new)
        if args.format == "json":
            print(json_text({"old": provenance(old), "new": provenance(new),
                             "differences": [d.to_data() for d in diffs]}, indent=2))
        else:
            sys.stdout.write(versions_text(diffs))
        return 1 if diffs and args.exit_code else 0
    from tui.core.dates import parse_typed

    try:  # --from: the first day its text can mean; --to: the last (a year runs to 31 December)
        if args.start is None or args.end is None:
            raise ValueError("give both --from and --to")
        parse_typed(args.start)
        lo, hi = date_start(args.start.strip()), date_end(args.end.strip()) if parse_typed(args.end) else None
    except ValueError as exc:
        return fail(prog, str(exc))
    if hi < lo:
        return fail(prog, f"--to {args.end} is before --from {args.start}")
    ds = dataset(data_paths, not args.no_cache)
    unknown = [c for c in args.coalition if c not in {x.id for x in ds.coalitions}]
    if unknown:
        return fail(prog, f"unknown coalition {unknown[0]!r}; there are: {', '.join(c.id for c in ds.coalitions)}")
    changes = between(ds, lo, hi, args.coalition)
    if args.format == "json":
        head = provenance(ds) | {"from": lo.isoformat(), "to": hi.isoformat(), "coalitions": args.coalition}
        print(json_text({"provenance": head, "changes": [c.to_data() for c in changes]}, indent=2))
    elif args.format == "csv":
        from tui.export.data import changes_to_csv

        sys.stdout.write(changes_to_csv(changes))
    else:
        from tui.core.model import coalition_label

        labels = {c.id: coalition_label(c, hi) for c in ds.coalitions}
        sys.stdout.write(to_text(changes, labels))
    return 0
