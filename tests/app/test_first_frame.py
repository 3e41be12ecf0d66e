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


async def test_a_table_taller_than_the_screen_has_its_scrollbar_from_its_first_layout():
    """Filled before it is laid out with more rows than the screen has lines, a LineTable shows
    its scrollbar from the start (found only by the first layout, it took a second one); a short
    table still has none."""
    from textual.app import App

    from tui.ui.widgets.line_table import LineTable
    from tui.views.cells import Column

    seen: dict[str, bool] = {}

    class Tables(App):
        def compose(self):
            yield LineTable([Column("n", "N", 8)], id="long")
            yield LineTable([Column("n", "N", 8)], id="short")

        def on_mount(self) -> None:
            long, short = self.query_one("#long", LineTable), self.query_one("#short", LineTable)
            long.set_rows(10_000, lambda i: [str(i)])
            short.set_rows(3, lambda i: [str(i)])
            seen["long"] = long.show_vertical_scrollbar  # before any layout
            seen["short"] = short.show_vertical_scrollbar

    app = Tables()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        long, short = app.query_one("#long", LineTable), app.query_one("#short", LineTable)
        await until(pilot, lambda: long.size.height > 0, "the tables laid out")
        assert seen == {"long": True, "short": False}
        assert long.show_vertical_scrollbar and not short.show_vertical_scrollbar
        assert long.scrollable_content_region.width == long.size.width - long.styles.scrollbar_size_vertical
