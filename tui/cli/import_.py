"""coalition-tui import: membership data from Wikidata (entity JSON, SPARQL results JSON) or a
membership-spell table (CSV), written as YAML of our format that our loader checks first.

`-o DIR` writes a new dataset; `--into EXISTING` adds to a dataset: it prints the `diff OLD NEW`
of the result and changes nothing, unless `--write`, which adds one new file
(imported-<kind>-<date>.yaml) beside the existing ones and never rewrites an existing file.
"""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path

PROG = "coalition-tui import"


def add_parser(sub) -> None:
    i = sub.add_parser("import", help="membership data from Wikidata or a CSV table of spells, as a dataset",
                       description=__doc__.split("\n\n", 1)[1].replace("\n", " "))
    kinds = i.add_subparsers(dest="kind", metavar="KIND", required=True)
    w = kinds.add_parser("wikidata", help="Wikidata entity JSON or SPARQL results JSON",
                         description="Countries (items with an ISO 3166-1 alpha-2 code, P297), their P463 "
                                     "'member of' statements with P580/P582 start and end times to the "
                                     "precision given, sourced from the statements' reference URLs (P854). "
                                     "Deprecated statements, no-value and some-value snaks and items "
                                     "without an ISO code are skipped and counted.")
    w.add_argument("file", nargs="?", type=Path, metavar="FILE",
                   help="Special:EntityData / wbgetentities JSON, or SPARQL results JSON")
    w.add_argument("--coalition", action="append", default=[], metavar="QID[=ID]",
                   help="only this organisation (repeat for more), optionally with the id to give it "
                        "(e.g. Q7184=nato); default: every organisation found, under its QID")
    w.add_argument("--language", default="en", metavar="CODE", help="the labels' language (default: en)")
    w.add_argument("--print-query", nargs="*", metavar="QID", default=None,
                   help="print a SPARQL query for the Wikidata Query Service whose JSON results this "
                        "command reads (with QIDs: only those organisations), and exit")
    _common(w)
    from tui.cli.import_csv import add_parser as add_csv_parser

    add_csv_parser(kinds, _common)


def _common(p) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="DIR", type=Path, help="write a new dataset into DIR")
    where.add_argument("--into", metavar="EXISTING", type=Path,
                       help="add to this dataset: prints `diff OLD NEW` of the result and writes nothing "
                            "unless --write")
    p.add_argument("--write", action="store_true",
                   help="with --into: add the file imported-<kind>-<date>.yaml beside the dataset's files "
                        "(never rewriting one)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date in the new file's name and meta (default: today)")


def run(args, data_paths: list[Path]) -> int:
    from tui.cli.common import fail

    if args.kind == "wikidata" and args.print_query is not None:
        from tui.imports.wikidata import is_qid, print_query

        bad = [q for q in args.print_query if not is_qid(q)]
        if bad:
            return fail(PROG, f"--print-query: {_t(bad[0])!r} is not a Wikidata item id (Q followed by digits)")
        sys.stdout.write(print_query(args.print_query, args.language))
        return 0
    if args.file is None:
        return fail(PROG, "give the FILE to import")
    if args.output is None and args.into is None:
        return fail(PROG, "say where: -o DIR (a new dataset) or --into EXISTING (add to one)")
    if args.into is not None and not args.into.is_dir():
        return fail(PROG, f"--into {_t(str(args.into))}: give the dataset's folder (the new file goes beside "
                          "its files)")
    if args.write and args.into is None:
        return fail(PROG, "--write goes with --into (with -o the new folder is written anyway)")
    try:
        today = _dt.date.fromisoformat(args.date) if args.date else _dt.date.today()
    except ValueError:
        return fail(PROG, f"--date {_t(args.date)!r} is not YYYY-MM-DD")
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return fail(PROG, f"cannot read {_t(str(args.file))}: {_t(getattr(exc, 'strerror', None) or str(exc))}")
    try:
        imported = _read(args, text)
    except ValueError as exc:
        return fail(PROG, _t(str(exc)))
    return _write(args, imported, today)


def _t(text: str) -> str:
    from tui.core.text import for_terminal

    return for_terminal(text)


def _read(args, text: str):
    origin = args.file.name
    if args.kind == "wikidata":
        from tui.imports.wikidata import is_qid, load_json, read

        mapping = {}
        for item in args.coalition:
            qid, _, rid = item.partition("=")
            if not is_qid(qid):
                raise ValueError(f"--coalition {item!r}: write QID or QID=ID (e.g. Q7184=nato)")
            mapping[qid] = rid or qid
        return read(load_json(text, origin), origin, mapping, args.language)
    from tui.cli.import_csv import read_table

    return read_table(args, text, origin)


def _write(args, imported, today: _dt.date) -> int:
    from tui.cli.common import fail, main_error_exit
    from tui.core.changes import versions, versions_text
    from tui.data.files import OutputError, dataset_files, read_bytes, write_atomic
    from tui.data.load import load_data
    from tui.data.problems import DatasetError
    from tui.imports import file_name
    from tui.imports.write import merge, meta_for, to_yaml

    name = file_name(imported.kind, today)
    lines: list[str] = []
    old = None
    try:
        if args.into is not None:
            folder = args.into
            files = [(str(p), read_bytes(p, str(p))) for p in dataset_files(args.into)]
            old = load_data(files)
            lines = merge(imported, old)
            new_text = to_yaml(imported, None)
        else:
            folder = args.output
            if folder.is_dir() and any(folder.glob("*.yaml")):
                return fail(PROG, f"{_t(str(folder))} already holds a dataset: add to it with --into")
            files = []
            new_text = to_yaml(imported, meta_for(imported, today))
        target = folder / name
        if target.exists():
            return fail(PROG, f"{_t(str(target))} exists; an import never rewrites a file (give --date, "
                              "or move it)")
        new = load_data(files + [(str(target), new_text)])  # our loader checks what we would write
    except DatasetError as exc:
        print(f"{PROG}: the imported data does not pass the checks of the format; nothing was written:",
              file=sys.stderr)
        main_error_exit(exc)
        return 1
    _report(imported, lines)
    if old is not None:
        sys.stdout.write(_t_lines(versions_text(versions(old, new))))
        if not args.write:
            print(f"nothing written: --write adds {_t(str(target))}", file=sys.stderr)
            return 0
    try:
        if args.into is None:
            folder.mkdir(parents=True, exist_ok=True)
        write_atomic(target, new_text)
    except (OutputError, OSError) as exc:
        return fail(PROG, _t(str(exc)))
    print(f"wrote {_t(str(target))}", file=sys.stderr)
    return 0


def _t_lines(text: str) -> str:
    return "\n".join(_t(line) for line in text.split("\n"))


def _report(imported, lines: list[str]) -> None:
    counts = ", ".join(f"{n} {k}" for k, n in imported.counts().items()) or "no records"
    print(f"read {_t(imported.origin)}: {counts}", file=sys.stderr)
    for reason, n in sorted(imported.skipped.items()):
        if n:
            print(f"  skipped {n}: {_t(reason)}", file=sys.stderr)
    for note in imported.notes + lines:
        print(f"  {_t(note)}", file=sys.stderr)
