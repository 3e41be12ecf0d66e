"""What the screens show, as typed data and with no Textual: indexes and as-of rules (index),
tables of cells (cells, memberships), details (detail), and the panes, declared one module each
(panes).

`Views` is the one object a front end holds: it builds each pane's row source once."""

from __future__ import annotations

import datetime as _dt
from functools import cached_property

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a Dataset, or the cache's light rows (tui.data.columns.Store)
    from tui.core.model import Dataset
from tui.views.cells import RowSource
from tui.views.index import Index
from tui.views.memberships import MembershipTable
from tui.views.panes import PANES, pane


class Views:
    """The views of one Dataset: its index, every pane's rows, and every record's detail."""

    def __init__(self, ds: Dataset, today: _dt.date | None = None, flags: bool = False):
        self.ds, self.flags = ds, flags
        self.ix = Index(ds)
        self.today = today or _dt.date.today()
        self._sources: dict[str, RowSource | MembershipTable] = {}
        self.changes_from: _dt.date | None = None
        """The first day of the Changes pane's interval (None: the step date before the as-of date)."""
        self.map_coalition: str | None = None
        """The coalition the Map shows (None: the first headline coalition)."""
        self.map_picture = None
        """The map the Map pane draws now (tui.views.map.Picture; None: none drawn yet): its table
        says of each country whether it is on it, in the words of the list beside it."""

    def source(self, pane_id: str) -> RowSource | MembershipTable:
        """The row source of a pane, built on first use."""
        found = self._sources.get(pane_id)
        if found is None:
            found = self._sources[pane_id] = pane(pane_id).table(self)
        return found

    def set_changes_from(self, day: _dt.date | None) -> None:
        self.changes_from = day
        for p in PANES:  # a pane whose rows depend on the interval
            if p.id in self._sources and p.widget == "changes":
                self._sources[p.id].invalidate()

    def set_map_coalition(self, coalition: str | None) -> None:
        self.map_coalition = coalition
        for p in PANES:  # a pane whose rows depend on the coalition shown
            if p.id in self._sources and p.widget == "map":
                self._sources[p.id].invalidate()

    def set_map_picture(self, picture) -> bool:
        """The map now drawn; True when what it shows (or leaves out) changed, so the Map's table
        has new words to say."""
        def shown(p):
            return (p.drawn, p.in_view) if p is not None else None

        changed = shown(picture) != shown(self.map_picture)
        self.map_picture = picture
        if changed:
            for p in PANES:
                if p.id in self._sources and p.widget == "map":
                    self._sources[p.id].invalidate()
        return changed

    @cached_property
    def full(self):
        """The pydantic Dataset: the dataset itself, or, for the cache's light rows
        (tui.data.columns.Store), the models rebuilt from the same columns, on first use (a check,
        an export, a citation); the first frame never asks."""
        from tui.data.columns import full

        return full(self.ds)

    @cached_property
    def details(self):
        """Every record's detail (built on first use: the first frame needs none)."""
        from tui.views.detail import Details

        return Details(self.ix)

    @cached_property
    def membership_table(self) -> MembershipTable:
        return MembershipTable(self.ix)

    # the questions screens ask most, in one place
    def detail(self, kind: str, id: str, as_of=None):
        return self.details.detail(kind, id, as_of)

    def sources_detail(self, title, refs):
        return self.details.sources_detail(title, refs)

    def sources_of(self, kind: str, id: str):
        return self.details.sources_of(kind, id)

    def summary(self, as_of=None) -> str:
        return self.ix.summary(as_of)

    @property
    def latest(self):
        return self.ix.latest

    def step(self, as_of, direction: int):
        return self.ix.step(as_of, direction)
