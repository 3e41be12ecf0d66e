"""The user's settings: $XDG_CONFIG_HOME/coalition-tui/config.yaml (else ~/.config/...), read by
the same safe loader as data. Every bad entry is a located warning and is left out; none is fatal.

    keymap:                  # binding id -> keys (Textual's keymap; ids are listed in the help)
      app.quit: ctrl+q
      table.down: j,down
    theme: textual-light     # a Textual theme name
    pane: meetings           # the pane the dashboard opens on
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tui.data.problems import DatasetError, Problem


@dataclass
class Config:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    pane: str | None = None
    path: Path | None = None


def config_path(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "coalition-tui" / "config.yaml"


def load_config(path: Path, panes: tuple[str, ...] = (), themes: tuple[str, ...] = ()) -> tuple[Config, list[Problem]]:
    """The settings in `path` (none when it does not exist) and a warning for each bad entry."""
    config = Config(path=path)
    if not path.exists():
        return config, []
    # the reader is imported only when there is a file to read (it costs the first frame ~10 ms)
    from tui.data.files import decode_text, read_bytes
    from tui.data.locate import _Locator
    from tui.data.yaml_safe import check_text, parse_text

    name = str(path)
    try:
        text = check_text(decode_text(read_bytes(path, name), name), name)
        raw = parse_text(text, name)
    except DatasetError as exc:
        return config, list(exc.problems)
    where = _Locator(name, text)
    warnings: list[Problem] = []
    if raw is None:
        return config, []
    if not isinstance(raw, dict):
        return config, [where.problem((), "the settings must be a mapping (keymap:, theme:, pane:)")]
    for key, value in raw.items():
        if key == "keymap":
            if not isinstance(value, dict):
                warnings.append(where.problem(("keymap",), "keymap must map binding ids to keys"))
                continue
            for bid, keys in value.items():
                if isinstance(bid, str) and isinstance(keys, str) and keys.strip():
                    config.keymap[bid] = keys
                else:
                    warnings.append(where.problem(("keymap", bid), "write `binding.id: keys` (keys: comma-separated)"))
        elif key == "theme":
            if isinstance(value, str) and (not themes or value in themes):
                config.theme = value
            else:
                warnings.append(where.problem(("theme",), f"unknown theme {value!r}",
                                              "one of: " + ", ".join(themes[:8]) + ("…" if len(themes) > 8 else "")))
        elif key == "pane":
            if isinstance(value, str) and (not panes or value in panes):
                config.pane = value
            else:
                warnings.append(where.problem(("pane",), f"unknown pane {value!r}", "one of: " + ", ".join(panes)))
        else:
            warnings.append(where.problem((key,), f"unknown setting {key!r}", "use keymap, theme or pane", at_key=True))
    return config, warnings
