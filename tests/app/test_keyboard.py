"""Keyboard and tables that expert users trust: focus never lost, bursts of keys, a pasted filter,
Escape, the match count, sort arrows, search everything, copy."""

from __future__ import annotations

from conftest import palette_offers, pane_ready, ready, until

from textual.widgets import TabPane

from tui.ui.screens import DetailScreen, SearchScreen
from tui.ui.widgets.line_table import LineTable
from tui.views.panes import pane

SIZE = (100, 30)


async def _ready(pilot):
    await ready(pilot)


async def test_the_key_of_the_pane_in_view_keeps_its_table_focused(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("1")  # Countries is in view already
        await pilot.pause()
        assert isinstance(app.focused, LineTable)
        await pilot.press("j", "j")
        await pilot.pause()
        pane = app.pane("countries")
        assert pane.table.cursor_row == 2
        row = pane.selected_row()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.link == row.link


async def test_a_burst_of_pane_keys_ends_on_the_last_pane_pressed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        for burst, last in ((("2", "6"), "memberships"), (("2", "3", "4", "5", "6"), "memberships"),
                            (("6", "5", "1"), "countries"), (("1", "1", "2"), "meetings")):
            await pilot.press(*burst)  # one batch, as a fast typist or a macro sends them
            await until(pilot, lambda: app.current_pane_id == last and pane_ready(app), f"{last} after {burst}")
            assert app.current_pane_id == last, burst
            assert isinstance(app.focused, LineTable) and app.focused in app.pane(last).query(LineTable)


async def test_a_pane_key_between_a_panes_focus_and_its_arrival_is_not_undone(make_app):
    """The race behind `2` then `6` lost under load: a pane focuses its table (Meetings, built,
    in view), and before that focus has landed the next pane key switches to Memberships. A focus
    that lands late in a pane no longer shown must not switch the tabs back."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press(app_key("meetings"))
        await until(pilot, lambda: app.current_pane_id == "meetings" and pane_ready(app), "meetings")
        assert app.pane("memberships") is None  # not built yet: its first show takes a refresh
        app.pane("meetings").focus_default()  # Meetings' deferred first focus, as it runs after `2`
        app.action_pane("memberships")  # `6`, already queued, handled before that focus lands
        await until(pilot, lambda: pane_ready(app) and app.focused in app.pane(app.current_pane_id).query(LineTable),
                    "a pane's table focused")
        assert app.current_pane_id == "memberships"
        assert app.focused in app.pane("memberships").query(LineTable)


async def test_a_late_pane_focused_message_does_not_switch_the_tabs_back(make_app):
    """The other half of that race: Meetings' table got the focus (its TabPane posts `Focused`),
    and `6` is handled before that message reaches the tabs. The stale message must not win."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press(app_key("meetings"))
        await until(pilot, lambda: app.current_pane_id == "meetings" and pane_ready(app), "meetings")
        meetings = app.main.query_one("TabPane#meetings", TabPane)
        meetings.post_message(TabPane.Focused(meetings))  # queued, as after the table's focus
        app.action_pane("memberships")
        await until(pilot, lambda: pane_ready(app) and app.focused in app.pane(app.current_pane_id).query(LineTable),
                    "a pane's table focused")
        assert app.current_pane_id == "memberships"


def app_key(pane_id: str) -> str:
    return pane(pane_id).key


async def test_a_pasted_filter_keeps_every_letter_escape_clears_it_then_leaves(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("slash", "F", "i", "n", "l")
        await pilot.pause()
        pane = app.pane("countries")
        assert pane.filter_text == "Finl"
        assert [r.id for r in pane.rows] == ["FI"]
        total = len(app.db.source("countries").select(app.as_of))
        assert str(pane.query_one(".count").render()) == f"1 of {total}"
        await pilot.press("escape")  # first Escape: the filter goes, the box stays
        await pilot.pause()
        assert pane.filter_text == "" and len(pane.rows) == total
        await pilot.press("escape")  # second: back to the table
        await pilot.pause()
        assert isinstance(app.focused, LineTable)


async def test_filter_on_every_table_pane_with_words_combined(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        for key, text in (("5", "Ramstein"), ("4", "billion"), ("2", "ramstein 2023")):
            await pilot.press(key, "slash", *text)
            await pilot.pause()
            pane = app.pane()
            assert 0 < len(pane.rows) < len(pane.source.select(app.as_of)), (key, text)
            await pilot.press("escape", "escape")


async def test_the_sorted_column_shows_its_direction_and_the_cursor_stays_on_its_record(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        pane = app.pane("countries")
        await pilot.press("j", "j", "j")
        await pilot.pause()
        chosen = pane.selected_row().id
        await pilot.press("o", "o")  # by ISO code, A to Z
        await pilot.pause()
        assert pane.table.sort == (1, False)
        assert pane.selected_row().id == chosen
        header = pane.table.render_line(0).text
        assert "ISO ▲" in header
        await pilot.press("O")
        await pilot.pause()
        assert "ISO ▼" in pane.table.render_line(0).text and pane.selected_row().id == chosen


async def test_search_everything_and_copy(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"billion")
        await pilot.pause()
        kinds = {h.kind for h in app.screen.hits}
        assert "meeting" in kinds and "quote" in kinds
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.last_copied.startswith(app.screen.detail.title) and "Sources" in app.last_copied
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("Y")  # the selected row, as Markdown, with its sources
        await pilot.pause()
        assert app.last_copied.startswith("| Country |") and "](http" in app.last_copied


async def test_keys_sent_in_one_batch_after_slash_go_into_the_filter(make_app):
    """A paste or a macro: the keys are queued before `/` has moved the focus."""
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        for key, char in (("slash", "/"), ("F", "F"), ("i", "i"), ("n", "n"), ("l", "l")):
            app.post_message(events.Key(key, char))  # one batch: none waits for the one before
        await until(pilot, lambda: app.pane("countries").filter_text == "Finl", "the filter 'Finl'")
        assert app.pane("countries").filter_text == "Finl"


async def test_saves_are_named_after_the_detail_and_work_with_the_help_open(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        app.show_detail("country", "FI")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [p.name.startswith("coalition-tui-country-FI-") for p in tmp_path.glob("*.svg")] == [True]
        await pilot.press("escape", "f1")  # the help over the dashboard: ctrl+s and e still work
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert len(list(tmp_path.glob("coalition-tui-countries-*.svg"))) == 1
        assert len(list(tmp_path.glob("coalition-tui-countries-*.csv"))) == 1


async def test_the_palette_sorts_by_a_chosen_column_either_way(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"sort by iso z to a")
        await until(pilot, lambda: palette_offers(app, "Sort by ISO, Z to A"), "the palette's sort entry")
        await pilot.press("enter")
        pane = app.pane("countries")
        await until(pilot, lambda: pane.table.sort == (1, True), "the sort by ISO, Z to A")
        codes = [r.id for r in pane.rows]
        assert pane.table.sort == (1, True) and codes == sorted(codes, reverse=True)


async def test_columns_use_the_width_they_have(make_app, frozen):
    longest = max(frozen.quotes, key=lambda q: len(q.text))
    for width, cut in ((200, False), (80, True)):
        app = make_app(pane="quotes")
        async with app.run_test(size=(width, 30)) as pilot:
            await _ready(pilot)
            table = app.pane("quotes").table
            widths = table.column_widths(table.scrollable_content_region.width)
            statement = [c.key for c in app.pane("quotes").source.columns].index("text")
            if not cut:
                assert widths[statement] > 60  # the quote grows with the terminal
            else:
                lines = [table.render_line(y).text for y in range(1, 12)]
                assert any("…" in line for line in lines)  # a cut cell says so
                assert widths[0] >= 8 and widths[statement] >= 30  # what matters stays in view
            shown = [w for w in widths if w]  # a column left out at this width takes no room
            assert sum(shown) + 2 * len(shown) <= table.scrollable_content_region.width
    assert len(longest.text) > 60


async def test_search_keys_before_any_word_do_not_crash(make_app):
    """ctrl+f, then Enter or Down before typing anything: no hits, no error, the box keeps working."""
    from tui.ui.screens import SearchScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("enter", "down")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and app.screen.hits == []
        app.screen.query_one("#search-box").focus()
        await pilot.press(*"rutte", "down")
        await pilot.pause()
        assert app.screen.hits and app.is_running
