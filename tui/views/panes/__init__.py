"""The dashboard's panes, declared once: one module each, listed here in key order. The app, the
palette, the help, the CLI's `--pane`, the snapshots and the tests read PANES; adding a pane is a
module with its `PANE` and one line below."""

from __future__ import annotations

from tui.views.panes import changes, countries, growth, meetings, memberships, quotes, roadmap, sources
from tui.views.panes import map as map_pane  # not to hide the builtin
from tui.views.panes.spec import LEGEND, PaneSpec

PANES: tuple[PaneSpec, ...] = (
    countries.PANE, meetings.PANE, roadmap.PANE, quotes.PANE, sources.PANE, memberships.PANE, growth.PANE,
    changes.PANE, map_pane.PANE,
)

PANE_IDS = tuple(p.id for p in PANES)


def pane(pane_id: str) -> PaneSpec:
    return next(p for p in PANES if p.id == pane_id)


def register(spec: PaneSpec) -> None:
    """Add a pane (a plugin, or a test's toy pane). Call it before tui.ui is imported: the app's
    key bindings are made from PANES then."""
    global PANES, PANE_IDS
    if spec.id in PANE_IDS or any(p.key == spec.key for p in PANES):
        raise ValueError(f"a pane {spec.id!r} or a key {spec.key!r} exists already")
    PANES = (*PANES, spec)
    PANE_IDS = tuple(p.id for p in PANES)


__all__ = ["LEGEND", "PANES", "PANE_IDS", "PaneSpec", "pane", "register"]
