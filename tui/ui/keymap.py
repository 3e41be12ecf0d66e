"""The settings' keymap against the dashboard's bindings (issue 19, point 7): which binding ids
exist, which key names are keys, and a keymap that would leave no way to quit is cut back so
that quitting is kept. Used by the dashboard at start-up and by `coalition-tui config check`."""

from __future__ import annotations

from pathlib import Path

QUIT_KEYS = ("ctrl+q", "q")
"""The keys that quit by default (Textual's ctrl+q, the dashboard's q)."""
KEPT = "ctrl+c"
"""Textual's: it tells the user which key quits. Never given away by a keymap."""
_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}


def _classes():
    from textual.dom import DOMNode

    import tui.ui.app  # noqa: F401 - every screen, pane and widget class is imported from here
    import tui.ui.screens  # noqa: F401

    seen, todo = [], [DOMNode]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("tui.ui"):
                seen.append(sub)
    return seen


def binding_ids() -> frozenset[str]:
    """Every binding id the dashboard declares (what a keymap may name)."""
    from textual.binding import Binding

    return frozenset(b.id for cls in _classes() for b in cls.__dict__.get("BINDINGS", ())
                     if isinstance(b, Binding) and b.id)


def key_problem(key: str) -> str | None:
    """Why `key` is not a key name Textual knows, or None: modifiers joined by + to a key
    (`ctrl+f`), one printable character, or a name (`f1`, `pageup`, `question_mark`)."""
    from textual.keys import Keys, key_to_character

    if any(not c.isprintable() or c.isspace() for c in key):
        return "it holds a control, space or invisible character"
    *mods, last = key.split("+")
    bad = [m for m in mods if m not in _MODIFIERS]
    if bad:
        return f"{bad[0]!r} is not a modifier (ctrl, shift, alt, meta, super, hyper)"
    if len(last) == 1 or last in {k.value for k in Keys} or key_to_character(last) is not None:
        return None
    return "no key has that name"


def _quits(keymap: dict[str, str]) -> bool:
    """Whether, with `keymap`, some key still runs quit in the app's own bindings, and not only
    where a widget's binding given the same key would take it first."""
    from tui.ui.app import CoalitionApp

    bindings = CoalitionApp._merged_bindings.copy()
    bindings.apply_keymap(keymap)
    elsewhere = {k for bid, keys in keymap.items() if bid != "app.quit" for k in keys.split(",")}
    return any(b.action in ("quit", "app.quit") and (b.priority or key not in elsewhere)
               for key, found in bindings.key_to_bindings.items() for b in found)


def keep_quit(keymap: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The keymap with quitting kept, and what was cut: ctrl+c given to another binding is left
    out of it; a keymap under which no key quits loses the entries that took the quit keys or
    rebound app.quit (q and ctrl+q quit again)."""
    from textual.app import App

    keymap = App._normalize_keymap(keymap)
    notes = []
    for bid, keys in list(keymap.items()):
        parts = keys.split(",")
        if KEPT in parts:
            parts = [k for k in parts if k != KEPT]
            notes.append(f"keymap: {bid}: {KEPT} is kept for quitting (Textual's: it names the quit key); "
                         f"left out")
            if parts:
                keymap[bid] = ",".join(parts)
            else:
                del keymap[bid]
    if not _quits(keymap):
        cut = [bid for bid, keys in keymap.items() if bid == "app.quit" or set(keys.split(",")) & set(QUIT_KEYS)]
        for bid in cut:
            del keymap[bid]
        notes.append(f"keymap: no key would quit ({', '.join(cut)} took them): those entries are left out, "
                     f"so {' and '.join(QUIT_KEYS)} quit")
    return keymap, notes


def load_settings(path: Path):
    """The settings file for the dashboard: the Config with a keymap that keeps quitting, and
    every warning as one line of text (located ones as FILE:LINE:COL: ...)."""
    from textual.theme import BUILTIN_THEMES

    from tui.data.config import load_config
    from tui.views.panes import PANE_IDS

    config, problems = load_config(path, PANE_IDS, tuple(BUILTIN_THEMES), binding_ids(), key_problem)
    warnings = [str(p) for p in problems]
    if config.keymap:
        config.keymap, notes = keep_quit(config.keymap)
        warnings += [f"{path}: {n}" for n in notes]
    return config, warnings
