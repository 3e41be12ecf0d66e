"""The dashboard's first frame is composed with what it shows (issue 20): every relayout before
the screen settles costs a pass over every widget, so what can be known when the dashboard is
composed is drawn from the start rather than sent for afterwards."""

from __future__ import annotations

from textual.widgets import Static

from tests.conftest import ready, until
from tui.ui.widgets.provenance import ProvenanceBar


async def test_the_top_line_is_composed_with_its_lines_not_asked_for_after(make_app, monkeypatch):
    asked: list[ProvenanceBar] = []
    original = ProvenanceBar.Wanted.__init__

    def counted(self, bar):
        asked.append(bar)
        original(self, bar)

    monkeypatch.setattr(ProvenanceBar.Wanted, "__init__", counted)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        bar = app.main.query_one(ProvenanceBar)
        title, dates = app.provenance()
        assert str(bar.query_one(".title", Static).render()) == "◆ " + title
        assert str(bar.query_one(".dates", Static).render()) == dates
        assert asked == []  # the dashboard's bar never asked: it had its lines when composed
        await pilot.press("enter")  # a detail screen's bar asks, and is answered, as before
        await until(pilot, lambda: len(app.screen_stack) == 2 and len(asked) == 1, "a detail screen that asked")
        shown = app.screen.query_one(ProvenanceBar)
        assert asked == [shown]
        await until(pilot, lambda: str(shown.query_one(".dates", Static).render()) == dates, "its lines")
