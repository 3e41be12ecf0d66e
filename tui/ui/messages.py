"""Messages that carry links between panes and screens; the app routes them."""

from __future__ import annotations

from textual.message import Message

from tui.core.refs import SourceRef


class ShowDetail(Message):
    """Open the detail of a record: kind is country, coalition, meeting, person, quote, source,
    claim, area or paragraph; id is the record's id."""

    def __init__(self, kind: str, id: str) -> None:
        super().__init__()
        self.kind, self.id = kind, id


class ShowSources(Message):
    """Show the sources behind one fact."""

    def __init__(self, title: str, refs: tuple[SourceRef, ...]) -> None:
        super().__init__()
        self.title, self.refs = title, refs


class SetAsOf(Message):
    """Move the as-of date (a pane's own steps: the Map's [ and ] go to its coalition's changes)."""

    def __init__(self, day) -> None:
        super().__init__()
        self.day = day
