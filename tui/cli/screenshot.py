"""coalition-tui screenshot: draw a pane with no terminal and save it as SVG or PNG."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.common import LazyHelp, pane_ids


def add_parser(sub) -> None:
    from tui.cli.common import add_as_of

    s = sub.add_parser(
        "screenshot", help="draw a pane with no terminal; save it as SVG or PNG",
        description="Draw the dashboard with no terminal and save the screen as SVG or PNG "
                    "(by the file's extension). Example: coalition-tui screenshot --pane meetings "
                    "--select 25 --size 100x30 -o meeting-25.png")
    s.add_argument("--pane", default="countries",
                   help=LazyHelp("the pane to draw (default: countries)",
                                 lambda: f"{', '.join(pane_ids())} (default: countries)"))
    s.add_argument("--select", metavar="ID",
                   help="open a record's detail first: a country's ISO code (DE), a meeting's "
                        "number (25), or any record id")
    add_as_of(s, argparse.SUPPRESS)
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


def run(args, data_paths: list[Path]) -> int:
    """coalition-tui screenshot: check every argument, then draw and write atomically."""
    from tui.cli.common import dataset, fail
    from tui.data.files import OutputError, write_atomic
    from tui.export.png import FORMATS, ScreenshotError, encode
    from tui.ui.shots import Shot, check_folder, format_of, pane_names, parse_date, parse_size, render_panes

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
        ds = dataset(data_paths, not args.no_cache, light=True)  # a warm start: the cache's light rows, as the dashboard
        from tui.views.index import Index
        from tui.views.panes import pane as pane_spec

        ix = Index(ds)
        present = [p for p in pane_names() if not pane_spec(p).absent(ix)]
        if not args.all and args.pane not in present:
            raise ScreenshotError(pane_spec(args.pane).absent(ix))
        first = Shot.checked(ds, pane=args.pane if not args.all else present[0],
                             select=args.select, as_of=args.as_of, size=args.size,
                             theme=args.theme, today=args.today)
        svgs = render_panes(ds, first, present if args.all else [first.pane])
        for pane, svg in svgs.items():
            path = out / f"{pane}.{fmt}" if args.all else out
            write_atomic(path, encode(svg, fmt))
            from tui.core.text import for_terminal

            print(f"wrote {for_terminal(str(path))}", file=sys.stderr)
    except (ScreenshotError, OutputError) as exc:
        return fail(prog, str(exc))
    return 0


def _need_png() -> None:
    from tui.export.png import PNG_HINT, ScreenshotError, png_available

    if not png_available():
        raise ScreenshotError(PNG_HINT)
