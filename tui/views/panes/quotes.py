"""Quotes: who said what, when and where; quotes and paraphrases told apart, and statements that
reach us through a translation or another outlet's rendering marked."""

from __future__ import annotations

from tui.views.cells import Cell, Column, Row, RowSource
from tui.views.index import on_or_before
from tui.views.panes.spec import PaneSpec


def table(views) -> RowSource:
    ix = views.ix

    def kind(q) -> Cell:
        return Cell("“quote”" if q.kind == "quote" else "paraphr.", value=q.kind, unconfirmed=q.unconfirmed,
                    via=bool(q.via), conflict=ix.disputed("quote", q.id), sources=tuple(q.sources))

    columns = [Column("kind", "Kind", 14, cell=kind, marks=("unconfirmed", "via", "conflict")),  # "paraphr. ⇄ ≠ ?" whole
               Column("speaker", "Speaker", 18, min_width=8,
                      cell=lambda q: Cell(ix.person_name(q.speaker), link=("person", q.speaker))),
               Column("date", "Date", 10, cell=lambda q: Cell(q.date or ""), type="date"),
               Column("text", "Statement", 60, min_width=30, flex=True, cell=lambda q: Cell(q.text)),
               Column("topics", "Topics", 18, min_width=3, flex=True, cell=lambda q: Cell(", ".join(q.topics))),
               Column("occasion", "Occasion", 24, min_width=3, flex=True,
                      cell=lambda q: Cell(ix.occasion(q.occasion, q.occasion_text))),
               Column("role", "Role then", 24, min_width=3, flex=True,
                      cell=lambda q: Cell(ix.role_at(q.speaker, q.date)))]

    def rows_for(as_of, cols) -> list[Row]:
        return [Row.of(cols, q, q.id, ("quote", q.id), tuple(q.sources), q.unconfirmed)
                for q in sorted(ix.ds.quotes, key=lambda q: (q.date is None, q.date or ""))
                if on_or_before(q.date, as_of)]

    return RowSource("quote", columns, rows_for, "no statement is in this dataset as of the date shown")


PANE = PaneSpec("quotes", "4", "Quotes", "who said what, when and where; quotes and paraphrases told apart",
                section="quotes", noun="statements", table=table, widget="side",  # the selected quote below
                legend="“quote” in quotation marks in the source · paraphr. not the speaker's own words · ⇄ via a "
                       "translation or rendering · ? unconfirmed · ≠ sources disagree")
