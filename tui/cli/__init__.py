"""The command line: parse arguments and dispatch. Textual is imported only by commands that draw."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

# How long a lone Escape waits for the rest of an escape sequence before it counts as the Escape
# key. Textual waits 100 ms, so Escape and a key pressed within 100 ms of it were read as one
# alt+key (F1, Escape, q: the dashboard stayed open). Terminals send a sequence in one write;
# 25 ms keeps sequences whole and two keypresses apart. A user's own ESCDELAY wins.
os.environ.setdefault("ESCDELAY", "25")

from tui import __version__
from tui.cli import audit, cite, completion, config, diff, examples, export, import_, schema, screenshot, serve, validate
from tui.cli import common
from tui.cli.common import add_as_of, dataset, fail, main_error_exit

COMMANDS = {"validate": validate, "export": export, "screenshot": screenshot, "examples": examples, "audit": audit, "diff": diff,
            "schema": schema, "cite": cite, "import": import_, "completion": completion, "config": config,
            "serve": serve}
"""Each command's module: `add_parser(subparsers)` and `run(args, data_paths) -> exit code`."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (the usage is one `--help` away)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _data_path(text: str) -> Path:
    from tui.data.bundled import UnknownExample, data_path

    try:
        return data_path(text)
    except UnknownExample as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _example(name: str) -> Path:
    return _data_path("example:" + name)


def _parser() -> argparse.ArgumentParser:
    from tui.data.config import config_path

    p = _Parser(
        prog="coalition-tui",
        epilog=f"Settings (keymap, theme, pane): {config_path()}",
        description="A terminal dashboard of coalition membership: countries, meetings, a "
                    "capability roadmap, quotes, and the source of every fact, for any dataset "
                    "in the format of docs/DATA-FORMAT.md.",
    )
    p.add_argument("--version", action="version", version=f"coalition-tui {__version__}")
    data = p.add_mutually_exclusive_group()
    data.add_argument("--data", metavar="PATH", type=_data_path,
                      help="a dataset: a .yaml file or a folder of them, or example:NAME (default: "
                           "the bundled one)")
    data.add_argument("--example", metavar="NAME", type=_example,
                      help="open a bundled example dataset (coalition-tui examples lists them)")
    add_as_of(p, None)
    p.add_argument("--screenshot-dir", metavar="DIR", type=Path,
                   help="where the dashboard saves screenshots and CSV exports (default: the "
                        "current folder)")
    p.add_argument("--flags", action="store_true",
                   help="show flag emoji beside country names (off by default: many terminals and "
                        "the SVG/PNG fonts draw them as two letters or empty boxes)")
    p.add_argument("--all-problems", action="store_true",
                   help="list every problem in a dataset that does not load (by default a message "
                        "repeated at many records is one line, and at most 100 lines are shown)")
    p.add_argument("--no-config", action="store_true",
                   help="ignore the settings file (see below); screenshot and export always do")
    p.add_argument("--no-watch", action="store_true",
                   help="do not reload the dashboard when a data file changes on disk")
    p.add_argument("--no-cache", action="store_true",
                   help="load and validate the YAML files even when the same data was validated "
                        "before (the cache is in $COALITION_TUI_CACHE_DIR, else "
                        "$XDG_CACHE_HOME/coalition-tui or ~/.cache/coalition-tui)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS.values():
        command.add_parser(sub)
    sub.choices["completion"].set_defaults(make_parser=_parser)  # the script is made from this parser
    return p


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
    common.ALL_PROBLEMS = args.all_problems
    from tui.data.problems import DatasetError

    data_paths = [args.data or args.example] if (args.data or args.example) else []
    try:
        if args.command is not None:
            return COMMANDS[args.command].run(args, data_paths)
        if args.screenshot_dir is not None and not args.screenshot_dir.is_dir():
            return fail("coalition-tui", f"--screenshot-dir {args.screenshot_dir} is not a folder")
    except DatasetError as exc:
        return main_error_exit(exc)
    from tui.ui import loading
    from tui.data.bundled import bundled_data

    as_of = None
    if args.as_of is not None:
        from tui.core.dates import parse_typed

        try:
            as_of = parse_typed(args.as_of)
        except ValueError as exc:
            return fail("coalition-tui", f"--as-of: {exc}")
    config = None
    if not args.no_config:  # the dashboard only: screenshot and export never depend on who runs them
        from tui.data.config import config_path
        from tui.ui.keymap import load_settings

        # the warnings are shown in the dashboard (printed here they were wiped by the screen);
        # `coalition-tui config check` prints them
        config, settings_warnings = load_settings(config_path())
    watch = None if args.no_watch else (data_paths or [bundled_data()])
    use_cache = not args.no_cache
    # the dashboard loads the data itself, in a thread, with a progress bar over a long load
    app = loading.LoadingApp(lambda progress: dataset(data_paths, use_cache, progress, light=True), freeze=True,
                             warm=(lambda: common.cached(data_paths)) if use_cache else None,
                             screenshot_dir=args.screenshot_dir, watch=watch, recover=True,
                             flags=args.flags, as_of=as_of, pane=(config.pane if config and config.pane else "countries"))
    if config is not None:
        app.settings_warnings = settings_warnings
        if config.theme:
            app.theme = config.theme
        if config.keymap:
            app.set_keymap(config.keymap)
    if args.as_of and len(args.as_of.strip()) < 10:
        app.as_of_text = args.as_of.strip()  # the top line says "the end of 2023"
    gc.enable()  # the load pauses the collector itself (tui.data.cache), then freezes what it loaded
    app.run()
    # quit mid-load: the loading thread may still run, or have just stopped at its report from
    # inside a file, leaving half a file's records for an interpreter's shutdown to free (a
    # second at 100,000): leave at once either way
    common.LOAD_STILL_RUNNING = app.still_loading() or (app.loading and app.load_error is None)
    if app.load_error is not None:  # the screen is left: the problems are printed as ever
        return main_error_exit(app.load_error)
    if app.crash_log is not None:
        from tui.core.text import for_terminal

        print(f"coalition-tui: stopped by an unexpected error; the details are in {for_terminal(str(app.crash_log))}",
              file=sys.stderr)
        return 1
    return app.return_code or 0  # 128 + N after signal N


def run() -> None:
    """Console-script entry point. Standard output is flushed here, while a failure can still be
    told: a full or failing stdout is one line on stderr and exit 1 (argparse's --help included,
    which exits inside parse_args); a reader that went away exits with what the work had earned."""
    from tui.cli import stdout

    stdout.install()
    try:
        try:
            code = main()
        except SystemExit as exc:  # --help, --version, a usage error: argparse exits here
            code = exc.code
        stdout.finish()
        if common.LOAD_STILL_RUNNING:
            # q during a long load: the loading thread may be inside libyaml or pydantic, and an
            # interpreter shutting down around a running thread can crash (exit 139 was seen at
            # 1,000,000 memberships). Nothing is left to write: flush and leave at once.
            import os

            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code if isinstance(code, int) else 1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # the reader went away (`| head -1`): exit with what the work had earned so far (a failed
        # validation stays 1), else 1, since the output did not all reach its reader
        import os

        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # no second broken pipe at interpreter exit
            os.dup2(devnull, sys.stderr.fileno())
        except OSError:
            pass
        sys.exit(common.EARNED or 1)
    except stdout.StdoutError as exc:  # a full disk, an I/O error: what was written is incomplete
        stdout.silence()
        print(f"coalition-tui: cannot write to standard output: {exc.strerror}", file=sys.stderr)
        sys.exit(1)
    sys.exit(code)
