"""Start the dashboard headless, draw the first frame with a pane's rows on it, and exit.

Prints one line of JSON: `frame` is time.perf_counter() when that frame had been drawn (the
runner, on the same monotonic clock, subtracts when it started this process), the time
spent loading the dataset, and what each compose of the app yielded (`composed`). `--bare` starts a bare Textual app with the same widgets (header,
status line, six tabs, a filter box, a DataTable of as many rows, a footer) and no data layer:
the baseline for start-up.

    python benchmarks/first_frame.py --data DIR [--pane memberships] [--no-cache]
    python benchmarks/first_frame.py --bare --rows 58
    python benchmarks/first_frame.py --bare --rows 58 --shot out.png   # and export the screen
    python benchmarks/first_frame.py --minimal     # one Static: the least any Textual app costs
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


HEAVY = ("pydantic", "tui.core.model", "tui.views.detail", "tui.data.load", "yaml", "tui.data.positions")
"""Modules a warm first frame does without (the JSON's `imported` lists those it had loaded)."""


def _dashboard(args) -> dict:
    """`coalition-tui [--data DIR] [--no-cache]` itself (tui.cli.main), its app made headless and
    stopped once the first frame with the pane's rows is drawn. The app loads its dataset while it
    runs (tui.ui.loading.LoadingApp); `load` is when the dataset was in."""
    import tui.ui.app
    import tui.ui.loading

    out: dict = {}
    start = time.perf_counter()
    base = tui.ui.loading.LoadingApp

    class FirstFrame(base):
        CSS_PATH = str(Path(tui.ui.app.__file__).parent / tui.ui.app.CoalitionApp.CSS_PATH)

        def __init__(self, load, **kwargs) -> None:
            super().__init__(load, **{**kwargs, "pane": args.pane})

        def use_dataset(self, dataset, views=None) -> None:
            out["load"] = time.perf_counter() - start  # arguments parsed, the dataset loaded
            super().use_dataset(dataset, views)

        def run(self, **kwargs):
            return super().run(headless=True, size=tuple(args.size))

        def compose(self):
            # what each compose of the app's screen yielded (`composed`: a warm start composes
            # the dashboard once, with no loading screen before it)
            names: list[str] = []
            out.setdefault("composed", []).append(names)
            for widget in super().compose():
                names.append(type(widget).__name__)
                yield widget

        def on_ready(self) -> None:
            self._check()

        def _check(self) -> None:
            from textual.css.query import NoMatches

            try:
                pane = None if self.db is None else self.pane(args.pane)
            except NoMatches:  # loaded, the dashboard not yet composed
                pane = None
            if pane is not None and pane.is_mounted:
                self.call_after_refresh(self._done)
            else:
                self.set_timer(0.005, self._check)  # not yet loaded, or not yet drawn

        def _done(self) -> None:
            out["frame"] = time.perf_counter()
            # what the first frame needed: a warm start must do without these (issue 20)
            out["imported"] = sorted(m for m in HEAVY if m in sys.modules)
            self.exit()

    tui.ui.loading.LoadingApp = FirstFrame
    from tui.cli import main

    argv = (["--data", str(args.data)] if args.data else []) + (["--no-cache"] if args.no_cache else [])
    code = main(argv)
    if code:
        raise SystemExit(code)
    return out


def _bare(args) -> dict:
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header, Input, Static, TabbedContent, TabPane

    out: dict = {"load": 0.0}

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("status", id="status")
            with TabbedContent():
                for i in range(6):
                    with TabPane(f"Tab {i}"):
                        if i == 0:
                            yield Input(placeholder="/ filter")
                            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns(*(f"col {i}" for i in range(args.cols)))
            for r in range(args.rows):
                table.add_row(*(f"cell {r}.{c}" for c in range(args.cols)))

        def on_ready(self) -> None:
            self.call_after_refresh(self._done)

        def _done(self) -> None:
            out["frame"] = time.perf_counter()
            if args.shot:  # the baseline of `coalition-tui screenshot`: export the same size
                svg = self.export_screenshot()
                if args.shot.suffix == ".png":
                    import cairosvg

                    args.shot.write_bytes(cairosvg.svg2png(bytestring=svg.replace(
                        "Fira Code", "DejaVu Sans Mono").encode("utf-8")))
                else:
                    args.shot.write_text(svg, encoding="utf-8")
            self.exit()

    Bare().run(headless=True, size=tuple(args.size))
    return out


def _minimal(args) -> dict:
    """The least a Textual app does: one Static, drawn once, then exit. A floor: no Textual app
    draws a first frame for less (issue 20's targets against VisiData are read against it)."""
    from textual.app import App
    from textual.widgets import Static

    out: dict = {"load": 0.0}

    class Minimal(App):
        def compose(self):
            yield Static("minimal")

        def on_ready(self) -> None:
            self.call_after_refresh(self._done)

        def _done(self) -> None:
            out["frame"] = time.perf_counter()
            self.exit()

    Minimal().run(headless=True, size=tuple(args.size))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path)
    ap.add_argument("--pane", default="countries")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--bare", action="store_true")
    ap.add_argument("--minimal", action="store_true", help="a Textual app with one Static: the floor")
    ap.add_argument("--rows", type=int, default=58)
    ap.add_argument("--shot", type=Path, help="with --bare: also export the screen as SVG or PNG")
    ap.add_argument("--cols", type=int, default=7)
    ap.add_argument("--size", type=int, nargs=2, default=(160, 48))
    args = ap.parse_args()
    out = _minimal(args) if args.minimal else _bare(args) if args.bare else _dashboard(args)
    import resource

    out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(out))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
