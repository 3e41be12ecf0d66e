"""The state every pane is handed: the as-of date, how it was typed, and the Changes pane's
first day. One frozen value: the app holds it and binds it to the panes (Textual's data_bind);
no pane reads it from the app."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class State:
    as_of: _dt.date | None = None
    """The date every pane is drawn for (None: every date)."""
    typed: str | None = None
    """The partial date typed for it ("2023", which stands for its last day), if any."""
    changes_from: _dt.date | None = None
    """The Changes pane's first day (None: the step date before the as-of date)."""

    def at(self, as_of: _dt.date | None, typed: str | None = None) -> "State":
        return replace(self, as_of=as_of, typed=typed)
