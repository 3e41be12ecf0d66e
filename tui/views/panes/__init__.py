"""The dashboard's panes, declared once: one module each, listed here in key order. The app, the
palette, the help, the CLI's `--pane`, the snapshots and the tests read PANES; adding a pane is a
module with its `PANE` and one line below."""

from __future__ import annotations

from tui.views.panes import changes, countries, growth, meetings, memberships, quotes, roadmap, sources
from tui.views.panes.spec import LEGEND, PaneSpec

PANES: tuple[PaneSpec, ...] = (
    countries.PANE, meetings.PANE, roadmap.PANE, quotes.PANE, sources.PANE, memberships.PANE, growth.PANE,
    changes.PANE,
)

PANE_IDS = tuple(p.id for p in PANES)


def pane(pane_id: str) -> PaneSpec:
    return next(p for p in PANES if p.id == pane_id)


__all__ = ["LEGEND", "PANES", "PANE_IDS", "PaneSpec", "pane"]
