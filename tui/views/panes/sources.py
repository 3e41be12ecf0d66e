"""Sources: each paragraph of a source that has them (the article), then the references with
their tier and how many records cite them, then the conflicting claims."""

from __future__ import annotations

from tui.core.refs import SourceRef
from tui.views.cells import Cell, Column, Row, RowSource
from tui.views.panes.spec import PaneSpec


def table(views) -> RowSource:
    ix = views.ix
    counts = views.details.citation_counts  # source id -> {paragraph or None -> references}

    def get(i: int):
        return lambda r: r[i]

    columns = [Column("what", "What", 8, cell=get(0)),
               Column("title", "Text / title", 60, min_width=20, flex=True, cell=get(1), marks=("unconfirmed",)),
               Column("tier", "Tier", 11, min_width=4, cell=get(2)),
               Column("records", "Records", 7, min_width=3, right=True, cell=get(3), type="number")]

    def rows_for(as_of, cols) -> list[Row]:
        out = []
        for s in ix.ds.sources:
            for i, text in enumerate(s.paragraphs, 1):
                n = counts[s.id][i] if s.id in counts else 0
                out.append(Row.of(cols, (Cell(f"¶{i}"), Cell(text), Cell(s.tier or ""), Cell(str(n), value=n)),
                                  f"{s.id}#{i}", ("paragraph", f"{s.id}#{i}"), (SourceRef(s.id, i),)))
        for s in ix.ds.sources:
            if not s.paragraphs:
                n = sum(counts[s.id].values()) if s.id in counts else 0
                title = f"{s.title} ({s.publisher or s.url or ''})"
                out.append(Row.of(cols, (Cell("ref"), Cell(title, unconfirmed=s.unconfirmed), Cell(s.tier or ""),
                                         Cell(str(n), value=n)),
                                  s.id, ("source", s.id), (SourceRef(s.id),), s.unconfirmed, search=s.url or ""))
        for c in ix.ds.claims:
            title = c.subject + ": " + " vs ".join(f"“{st.value}”" for st in c.statements)
            out.append(Row.of(cols, (Cell("conflict"), Cell(title), Cell(""),
                                     Cell(str(len(c.statements)), value=len(c.statements))),
                              f"claim:{c.id}", ("claim", c.id), tuple(c.sources), c.unconfirmed))
        return out

    return RowSource("source", columns, rows_for, "this dataset has no sources")


PANE = PaneSpec("sources", "5", "Sources", "paragraphs, references and what each supports; conflicting claims",
                section="sources", noun="sources", table=table, widget="side")
