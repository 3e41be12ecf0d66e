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

from tui.core.text import quoted
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


MAX_BYTES = 1024 * 1024
"""A settings file is a few lines; a bigger one is refused unread."""


def _read_regular(path: Path, name: str) -> bytes | None:
    """The bytes of the settings file, or None when there is none. Opened without blocking and
    checked on the open descriptor: a FIFO, a device or a folder is refused at once (a FIFO
    once hung start-up before anything was drawn), as is a file over MAX_BYTES."""
    import stat

    from tui.data.files import _not_regular

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise DatasetError([Problem(name, 1, 1, "", "not a regular file: a link to nothing",
                                        "remove it, or make it a settings file")]) from None
        return None
    except OSError as exc:
        raise DatasetError([Problem(name, 1, 1, "", f"cannot read the settings: {exc.strerror}")]) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            why = _not_regular(path) or "not a regular file"
            raise DatasetError([Problem(name, 1, 1, "", f"not a regular file: {why}; the settings are "
                                        "left out", "make it a regular YAML file")])
        if st.st_size > MAX_BYTES:
            raise DatasetError([Problem(name, 1, 1, "", f"the settings file is {st.st_size:,} bytes, over "
                                        f"the {MAX_BYTES:,} limit; left out")])
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(MAX_BYTES + 1)
    finally:
        os.close(fd)


def load_config(path: Path, panes: tuple[str, ...] = (), themes: tuple[str, ...] = (),
                binding_ids: frozenset[str] | set[str] | None = None,
                key_problem=None) -> tuple[Config, list[Problem]]:
    """The settings in `path` (none when it does not exist) and a warning for each bad entry.
    With `binding_ids`, a keymap entry naming another id is a warning; with `key_problem` (a
    key name -> why it is no key, or None), so is a bad key name; a key given to two bindings is
    one too. A settings file that is not a regular file is refused unread."""
    config = Config(path=path)
    name = str(path)
    try:
        data = _read_regular(path, name)
    except DatasetError as exc:
        return config, list(exc.problems)
    if data is None:
        return config, []
    # the reader is imported only when there is a file to read (it costs the first frame ~10 ms)
    from tui.data.files import decode_text
    from tui.data.locate import _Locator
    from tui.data.yaml_safe import check_text, parse_text

    try:
        text = check_text(decode_text(data, name), name)
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
            given: dict[str, str] = {}  # key -> the binding id it was first given to
            for bid, keys in value.items():
                if not (isinstance(bid, str) and isinstance(keys, str) and keys.strip()):
                    warnings.append(where.problem(("keymap", bid), "write `binding.id: keys` (keys: comma-separated)"))
                    continue
                if binding_ids is not None and bid not in binding_ids:
                    warnings.append(where.problem(("keymap", bid), f"unknown binding id {quoted(bid)}",
                                                  "the help (f1) lists every id", at_key=True))
                    continue
                kept = []
                for key in (k.strip() for k in keys.split(",")):
                    why = "an empty key" if not key else key_problem(key) if key_problem else None
                    if why:
                        warnings.append(where.problem(("keymap", bid), f"{quoted(key)} is not a key: {why}",
                                                      "write keys as in the help, e.g. ctrl+f, j, f1, question_mark"))
                    elif key in given or key in kept:
                        first = given.get(key, bid)
                        warnings.append(where.problem(("keymap", bid), f"the key {quoted(key)} is given twice "
                                                      f"(to {first} and {bid}): only one can run"))
                        kept.append(key)  # Textual decides which; said, not hidden
                    else:
                        kept.append(key)
                for key in kept:
                    given.setdefault(key, bid)
                if kept:
                    config.keymap[bid] = ",".join(kept)
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
