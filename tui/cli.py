"""The command line: parse arguments and dispatch. Textual is imported only by commands that draw."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from tui import __version__


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (the usage is one `--help` away)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="coalition-tui",
        description="A terminal dashboard of coalition membership: countries, meetings, the "
                    "capability roadmap to 2027, quotes, and the source of every fact.",
    )
    p.add_argument("--version", action="version", version=f"coalition-tui {__version__}")
    p.add_argument("--data", metavar="PATH", type=Path,
                   help="a dataset: a .yaml file or a folder of them (default: the bundled one)")
    p.add_argument("--screenshot-dir", metavar="DIR", type=Path,
                   help="where the dashboard saves screenshots and CSV exports (default: the "
                        "current folder)")
    p.add_argument("--flags", action="store_true",
                   help="show flag emoji beside country names (off by default: many terminals and "
                        "the SVG/PNG fonts draw them as two letters or empty boxes)")
    p.add_argument("--no-watch", action="store_true",
                   help="do not reload the dashboard when a data file changes on disk")
    p.add_argument("--no-cache", action="store_true",
                   help="load and validate the YAML files even when the same data was validated "
                        "before (the cache is in $COALITION_TUI_CACHE_DIR, else "
                        "$XDG_CACHE_HOME/coalition-tui or ~/.cache/coalition-tui)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    v = sub.add_parser("validate", help="check a dataset; exit 1 listing every problem (always "
                                        "from the YAML files: never from the cache)")
    v.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="files or folders to check (default: --data, else the bundled dataset)")
    e = sub.add_parser("export", help="write the dataset as JSON, or one table as CSV")
    e.add_argument("--format", choices=("json", "csv"), default="json")
    e.add_argument("--table", help="the table for CSV (sources, countries, coalitions, "
                                   "memberships, meetings, roadmap, people, quotes, claims)")
    e.add_argument("-o", "--output", metavar="FILE", type=Path, help="default: standard output")
    s = sub.add_parser(
        "screenshot", help="draw a pane with no terminal; save it as SVG or PNG",
        description="Draw the dashboard with no terminal and save the screen as SVG or PNG "
                    "(by the file's extension). Example: coalition-tui screenshot --pane meetings "
                    "--select 25 --size 100x30 -o meeting-25.png")
    s.add_argument("--pane", default="countries",
                   help="countries, meetings, roadmap, quotes or sources (default: countries)")
    s.add_argument("--select", metavar="ID",
                   help="open a record's detail first: a country's ISO code (DE), a meeting's "
                        "number (25), or any record id")
    s.add_argument("--as-of", metavar="DATE", help="the as-of date, YYYY-MM-DD (default: the latest)")
    s.add_argument("--size", metavar="WxH", default="80x24",
                   help="the terminal size in columns and rows (default: 80x24)")
    s.add_argument("--theme", metavar="NAME", help="a Textual theme, e.g. textual-light, nord")
    s.add_argument("--today", metavar="DATE",
                   help="the date the roadmap marks as today (default: today); fix it for "
                        "images that do not change from day to day")
    s.add_argument("--all", action="store_true", help="every pane, one file each, into -o DIR")
    s.add_argument("--format", metavar="FMT",
                   help="with --all: svg or png (default: svg); otherwise -o FILE's extension decides")
    s.add_argument("-o", "--output", metavar="FILE|DIR", type=Path,
                   help="the file to write (.svg or .png); with --all, the folder")
    return p


def _dataset(paths: list[Path], use_cache: bool = True):
    """The dataset the paths name (default: the bundled one). With `use_cache`, from the
    validated cache when the same data was validated before (tui.data.cache); else from YAML."""
    from tui.data.cache import load_dataset, load_fresh
    from tui.data.bundled import bundled_data

    paths = paths or [bundled_data()]
    return load_dataset(paths) if use_cache else load_fresh(paths)


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit code. The cyclic garbage collector is paused until the data is
    loaded: starting up builds many lasting objects and no garbage cycles (see tui.data.cache)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if enabled:
            gc.enable()


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    from tui.data.problems import DatasetError

    data_paths = [args.data] if args.data else []
    try:
        if args.command == "validate":
            ds = _dataset(args.paths or data_paths, use_cache=False)  # a real check, every time
            counts = ", ".join(f"{n} {k}" for k, n in ds.counts().items())
            print(f"valid: {counts}")
            return 0
        if args.command == "export":
            return _export(args, _dataset(data_paths, not args.no_cache))
        if args.command == "screenshot":
            return _screenshot(args, data_paths)
        if args.screenshot_dir is not None and not args.screenshot_dir.is_dir():
            return _fail("coalition-tui", f"--screenshot-dir {args.screenshot_dir} is not a folder")
        ds = _dataset(data_paths, not args.no_cache)
    except DatasetError as exc:
        return main_error_exit(exc)
    from tui.app import CoalitionApp
    from tui.data.bundled import bundled_data

    watch = None if args.no_watch else (data_paths or [bundled_data()])
    app = CoalitionApp(ds, screenshot_dir=args.screenshot_dir, watch=watch, recover=True,
                       flags=args.flags)
    gc.freeze()  # what was loaded lives as long as the app: keep it out of every collection
    gc.enable()
    app.run()
    if app.crash_log is not None:
        print(f"coalition-tui: stopped by an unexpected error; the details are in {app.crash_log}",
              file=sys.stderr)
        return 1
    return 0


def _fail(prog: str, message: str) -> int:
    print(f"{prog}: {message}", file=sys.stderr)
    return 2


def _screenshot(args, data_paths: list[Path]) -> int:
    """coalition-tui screenshot: check every argument, then draw and write atomically."""
    from tui.data.files import OutputError, write_atomic
    from tui.screenshot import (FORMATS, ScreenshotError, Shot, check_folder, encode, format_of,
                                pane_names, parse_date, parse_size, render_panes)

    prog = "coalition-tui screenshot"
    out: Path | None = args.output
    try:
        if out is None:
            raise ScreenshotError("say where to write: -o FILE.svg or -o FILE.png (with --all: -o DIR)")
        if args.all:
            if args.select is not None:
                raise ScreenshotError("--select opens one record; it cannot go with --all")
            fmt = (args.format or "svg").lower()
            if fmt not in FORMATS:
                raise ScreenshotError(f"unknown --format {args.format!r}; choose svg or png")
            check_folder(out)
        else:
            if args.format is not None:
                raise ScreenshotError("--format goes with --all; for one file the extension of -o decides")
            fmt = format_of(out)
            check_folder(out.parent if str(out.parent) else Path("."))
        if fmt == "png":
            _need_png()
        # what needs no dataset is checked first, so these mistakes are reported at once
        parse_size(args.size)
        for option, value in (("--as-of", args.as_of), ("--today", args.today)):
            if value is not None:
                parse_date(value, option)
        if not args.all and args.pane not in pane_names():
            raise ScreenshotError(f"unknown pane {args.pane!r}; choose one of {', '.join(pane_names())}")
        ds = _dataset(data_paths, not args.no_cache)
        first = Shot.checked(ds, pane=args.pane if not args.all else pane_names()[0],
                             select=args.select, as_of=args.as_of, size=args.size,
                             theme=args.theme, today=args.today)
        svgs = render_panes(ds, first, pane_names() if args.all else [first.pane])
        for pane, svg in svgs.items():
            path = out / f"{pane}.{fmt}" if args.all else out
            write_atomic(path, encode(svg, fmt))
            print(f"wrote {path}", file=sys.stderr)
    except (ScreenshotError, OutputError) as exc:
        return _fail(prog, str(exc))
    return 0


def _need_png() -> None:
    from tui.screenshot import PNG_HINT, ScreenshotError, png_available

    if not png_available():
        raise ScreenshotError(PNG_HINT)


def _export(args, ds) -> int:
    from tui.export import TABLES, to_csv, to_json
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


def run() -> None:
    """Console-script entry point."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)


def main_error_exit(exc, stream=None) -> int:
    """Print every problem on stderr; the exit code for an invalid dataset."""
    stream = stream or sys.stderr
    for p in exc.problems:
        print(p, file=stream)
    n = len(exc.problems)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.", file=stream)
    return 1
