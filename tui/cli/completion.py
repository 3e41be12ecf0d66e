"""coalition-tui completion bash|zsh|tcsh: a completion script generated from the real parser by
shtab, so every command, option, pane, table and bundled example completes."""

from __future__ import annotations

from pathlib import Path

SHELLS = ("bash", "zsh", "tcsh")


def add_parser(sub) -> None:
    c = sub.add_parser("completion", help="print a shell completion script (bash, zsh or tcsh)",
                       description="Print a completion script for the shell. bash: `coalition-tui "
                                   "completion bash > ~/.local/share/bash-completion/completions/"
                                   "coalition-tui`; zsh: `coalition-tui completion zsh > "
                                   "\"${fpath[1]}/_coalition-tui\"`.")
    c.add_argument("shell", choices=SHELLS)


def stable_parser(parser):
    """`parser` (the real one, from tui.cli), with what completes filled in and nothing that depends on who runs it
    (the settings path in the epilog), for completion scripts and the man page."""
    import shtab

    from tui.data.bundled import example_names
    from tui.export.data import TABLES

    parser.epilog = ("Settings (keymap, theme, pane): $XDG_CONFIG_HOME/coalition-tui/config.yaml, "
                     "else ~/.config/coalition-tui/config.yaml")
    for action in _actions(parser):
        if "--table" in action.option_strings:
            action.choices = TABLES
        elif "--example" in action.option_strings:
            action.choices = example_names()
        elif action.metavar in ("PATH", "FILE", "DIR", "EXISTING", "OLD NEW") or action.dest in ("paths", "file"):
            action.complete = shtab.FILE
    return parser


def _actions(parser):
    import argparse

    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _actions(sub)


def run(args, data_paths: list[Path]) -> int:
    import sys

    import shtab

    sys.stdout.write(shtab.complete(stable_parser(args.make_parser()), shell=args.shell))
    return 0
