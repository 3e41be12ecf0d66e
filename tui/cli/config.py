"""coalition-tui config check: the settings file's warnings, as the dashboard would show them."""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    c = sub.add_parser("config", help="check the settings file (keymap, theme, pane)",
                       description="check: print every warning about the settings file (unknown "
                                   "binding ids, bad key names, a key given twice, a keymap that "
                                   "would leave no way to quit, a file that is not a regular file), "
                                   "located; exit 1 when there is one, 0 when the settings are clean "
                                   "or there is no settings file.")
    c.add_argument("action", choices=("check",))


def run(args, data_paths: list[Path]) -> int:
    from tui.core.text import for_terminal
    from tui.data.config import config_path
    from tui.ui.keymap import load_settings

    path = config_path()
    if not path.exists() and not path.is_symlink():
        print(f"no settings file at {for_terminal(str(path))}: the defaults apply")
        return 0
    config, warnings = load_settings(path)
    for line in warnings:
        print(for_terminal(line))
    if warnings:
        n = len(warnings)
        print(f"{n} warning{'s' if n != 1 else ''}: what they name is left out; the rest applies")
        return 1
    print(f"settings: {for_terminal(str(path))}: no warnings")
    return 0
