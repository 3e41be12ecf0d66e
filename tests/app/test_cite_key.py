"""`C` in the dashboard copies the citations of the sources behind the selected row or the
detail in view, one line each, as `export --format ... --select` lists them."""

from __future__ import annotations

from tui.export.cite import source_item, text_citation
from tui.ui.screens import DetailScreen

SIZE = (100, 30)


def _expected(app, refs) -> str:
    ids = list(dict.fromkeys(r.source for r in refs))
    return "".join(text_citation(source_item(app.db.ix.sources[i])) + "\n" for i in ids)


async def test_c_copies_the_citations_of_the_row_and_of_the_detail(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.pane("countries")
        row = pane.selected_row()
        assert row is not None
        await pilot.press("C")
        await pilot.pause()
        refs = row.sources or app.db.sources_of(*row.link)
        assert app.last_copied == _expected(app, refs) and app.last_copied.count("\n") >= 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("C")
        await pilot.pause()
        detail_refs = [r for _, lines in app.screen.detail.sections for line in lines for r in line.sources]
        assert app.last_copied == _expected(app, detail_refs)
        assert all("\x1b" not in line for line in app.last_copied.splitlines())
