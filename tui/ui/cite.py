"""What `C` copies: the citations of the sources behind the selected row or the detail in view,
one line each (title, publisher, date, URL, accessed), as `coalition-tui export --format ...
--select` would list them."""

from __future__ import annotations


def citations_text(views, refs) -> str:
    """One citation per source the references name, in order, each once (text rule: for_terminal,
    so no line break or control character inside a citation)."""
    from tui.export.cite import source_item, text_citation

    seen: list[str] = []
    for ref in refs:
        if ref.source not in seen and ref.source in views.ix.sources:
            seen.append(ref.source)
    return "".join(text_citation(source_item(views.ix.sources[s])) + "\n" for s in seen)


def refs_in_view(app):
    """The references behind what `y` would copy: the detail in view, or the selected row; None
    when nothing is selected."""
    from tui.ui.screens import DetailScreen

    if isinstance(app.screen, DetailScreen):
        return [r for _, lines in app.screen.detail.sections for line in lines for r in line.sources]
    pane = app.pane() if app.screen is app.main else None
    row = pane.selected_row() if pane is not None and pane.is_mounted else None  # built yet?
    if row is None:
        return None
    return list(row.sources or (app.db.sources_of(*row.link) if row.link else ()))
