"""What a pane is, declared once: its id, key, title, what it shows, the dataset section it
draws from, its rows (a row source built from the views), its legend, how a front end draws it
and what its CSV is. tui.views.panes.PANES lists them; the app, the palette, the help, the CLI's
`--pane`, the snapshots and the tests read that list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LEGEND = "? unconfirmed  ≠ sources disagree (Enter: the claims)"


@dataclass(frozen=True)
class PaneSpec:
    """One pane.

    - `section`: the dataset section it draws from; a dataset with no records there has no such
      pane (its tab hidden, its key saying why). None: always there.
    - `noun`: what that section holds, in words ("countries"), for that message.
    - `table(views)`: the pane's rows (a RowSource, or any object with its `select`/`columns`).
    - `widget`: how a front end draws it: "table", "side" (a table with the selected record's
      detail below), or a name the front end knows ("meetings", "memberships", "growth",
      "changes"); a front end draws an unknown name as a plain table.
    - `csv(views, as_of, rows)`: the pane's CSV as (header, rows) when it is not its table's
      (None: the table's columns).
    - `title_of(index)`: the tab's title in the dataset's own terms (None: `title`).
    """

    id: str
    key: str
    title: str
    about: str
    section: str | None
    noun: str
    table: Callable[[Any], Any]
    legend: str = LEGEND
    widget: str = "table"
    csv: Callable[..., tuple[list[str], list[list]]] | None = None
    title_of: Callable[[Any], str] | None = None

    def title_for(self, ix) -> str:
        """The pane's tab title in the dataset's own terms."""
        return self.title_of(ix) if self.title_of else self.title

    def absent(self, ix) -> str | None:
        """Why this dataset has nothing for the pane, or None when it has something."""
        if self.section and not getattr(ix.ds, self.section):
            return f"This dataset has no {self.noun}, so it has no {self.title_for(ix)} pane."
        return None
