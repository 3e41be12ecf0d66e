"""The column cursor (h l, ← →) and the frequency view (F) on every table pane: what F counts is
what the column shows, marks included; e saves it as CSV; Escape goes back."""

from __future__ import annotations

import csv
import re
from collections import Counter

from conftest import palette_offers, pane_ready, ready, until

from tui.ui.frequency import FrequencyScreen
from tui.ui.screens import HelpScreen
from tui.views.panes import PANES
from tui.views.panes import pane as pane_spec

WIDE = (200, 50)  # every column of every pane drawn, so the cursor reaches each
_MARKS = re.compile(r"(?: [⇄★≠?])+$")
_ITEM_DOUBT = re.compile(r" \?(,|$)")


def heading_under_cursor(table) -> str:
    """The heading drawn apart in the header line (reverse video): the column cursor's."""
    marked = [s.text for s in table.render_line(0) if s.style and s.style.reverse]
    assert len(marked) == 1, marked
    return marked[0].strip()


async def test_h_l_and_the_arrows_move_the_column_cursor_shown_in_the_header(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        table = app.pane("countries").table
        headings = [c.shown for c in table.columns]
        assert table.cursor_column == 0 and heading_under_cursor(table) == headings[0]
        await pilot.press("l", "l")
        await until(pilot, lambda: table.cursor_column == 2, "the cursor two columns right")
        assert heading_under_cursor(table) == headings[2]
        await pilot.press("right")
        await until(pilot, lambda: table.cursor_column == 3, "right arrow")
        await pilot.press("h")
        await until(pilot, lambda: table.cursor_column == 2, "h")
        await pilot.press("left", "left", "left", "left")  # stops at the first column
        await until(pilot, lambda: table.cursor_column == 0, "left arrow to the first column")
        await pilot.press(*["l"] * (len(headings) + 3))  # stops at the last
        await until(pilot, lambda: table.cursor_column == len(headings) - 1, "the last column")
        assert heading_under_cursor(table).startswith(headings[-1])
        await pilot.press("j", "j")  # up and down stay the rows'
        await until(pilot, lambda: table.cursor_row == 2, "j moves the row cursor")
        assert table.cursor_column == len(headings) - 1


async def test_the_column_cursor_stays_on_columns_drawn_at_80(make_app):
    app = make_app(pane="quotes")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = app.pane("quotes").table
        widths = table.column_widths(table.scrollable_content_region.width)
        drawn = [i for i, w in enumerate(widths) if w]
        assert len(drawn) < len(widths)  # the premise: 80 columns leave some out
        await pilot.press(*["l"] * len(widths))
        await until(pilot, lambda: table.cursor_column == drawn[-1], "the last column drawn")
        assert table.columns[drawn[-1]].shown.startswith(heading_under_cursor(table).rstrip("…"))


async def test_a_narrower_terminal_moves_the_column_cursor_onto_a_column_still_drawn(make_app):
    app = make_app(pane="quotes")
    async with app.run_test(size=(200, 30)) as pilot:
        await ready(pilot)
        table = app.pane("quotes").table
        last = len(table.columns) - 1
        await pilot.press(*["l"] * last)
        await until(pilot, lambda: table.cursor_column == last, "the last column")
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: table.size.width <= 80, "the narrower table")
        widths = table.column_widths(table.scrollable_content_region.width)
        await until(pilot, lambda: widths[table.cursor_column] > 0, "the cursor on a drawn column")
        assert table.cursor_column == max(i for i, w in enumerate(widths) if w)
        heading_under_cursor(table)  # drawn apart, once


async def test_o_sorts_by_the_column_under_the_cursor_and_again_by_the_next(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        pane = app.pane("countries")
        keys = [c.key for c in pane.columns]
        coal = keys.index("coalitions") if "coalitions" in keys else len(keys) - 2
        await pilot.press(*["l"] * coal, "o")
        await until(pilot, lambda: pane.table.sort == (coal, False), "sorted by the cursor's column")
        values = [r.cells[coal].order for r in pane.rows]
        assert values == sorted(values, key=lambda v: (v is None, v))
        await pilot.press("o")  # on the sorted column: the next one, the cursor with it
        await until(pilot, lambda: pane.table.sort == (coal + 1, False), "o again: the next column")
        assert pane.table.cursor_column == coal + 1
        pane.sort_by(1, True)  # the palette's "Sort by ISO, Z to A": the column cursor goes there too
        await until(pilot, lambda: pane.table.sort == (1, True) and pane.table.cursor_column == 1, "by ISO")
        await pilot.press("O")
        await until(pilot, lambda: pane.table.sort == (1, False), "O reverses the sort")


def shown_column(pane, index: int) -> list[str]:
    """What the table draws in column `index`, row by row (marks included); a picture (the
    roadmap's timeline, drawn to the width there is) as drawn at its column's own width."""
    table = pane.table
    width = table.columns[index].width
    return [c(width) if callable(c := table._cells(i)[index]) else str(c) for i in range(table.row_count)]


def check_counts(freq, shown: list[str]) -> None:
    """The counts are those of the texts the column shows: every row counted once, under its
    text (marks taken off both sides alike), and each ? drawn counted as unconfirmed."""
    assert freq.total == len(shown) == sum(v.count.count for v in freq.values)
    expected = Counter(_MARKS.sub("", s).strip() or "(empty)" for s in shown)
    got = Counter()
    for v in freq.values:
        got[_MARKS.sub("", v.count.value).strip()] += v.count.count
    assert got == expected
    # a ? after a cell's text, or after an item of a list ("Germany, Italy ?, Poland")
    assert sum(v.marks.get("unconfirmed", 0) for v in freq.values) == sum(bool(_ITEM_DOUBT.search(s)) for s in shown)
    assert sum(v.marks.get("conflict", 0) for v in freq.values) == sum(" ≠" in s for s in shown)


async def test_F_counts_what_every_column_of_every_table_pane_shows(make_app):
    """F pressed on the second and the last column of every table pane; every other column
    counted by the same function F uses (tui.ui.frequency.counter), against what it draws."""
    from tui.ui.frequency import counter

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        for spec in PANES:
            if spec.absent(app.db.ix):
                continue
            await pilot.press(spec.key)
            await until(pilot, lambda: app.current_pane_id == spec.id and pane_ready(app), spec.id)
            pane = app.pane()
            last = len(pane.columns) - 1
            for index in range(len(pane.columns)):
                check_counts(counter(pane, index, pane_spec(pane.pane_id).title_for(pane.views.ix))(), shown_column(pane, index))
            for moves, index in (("l", 1), ("l" * (last - 1), last)):
                await pilot.press(*moves, "F")
                await until(pilot, lambda: isinstance(app.screen, FrequencyScreen), f"F on {spec.id}")
                freq = app.screen.freq
                assert freq.column.key == pane.columns[index].key, (spec.id, index)
                check_counts(freq, shown_column(pane, index))
                await pilot.press("escape")
                await until(pilot, lambda: app.screen is app.main and pane_ready(app), "back to the table")


async def test_F_counts_the_rows_left_by_the_filter_and_unconfirmed_ones_as_such(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        pane = app.pane()
        everything = len(pane.rows)
        await pilot.press("slash", *"2022-04", "enter")
        await until(pilot, lambda: 0 < len(pane.rows) < everything and pane_ready(app), "the filtered table")
        status = next(i for i, c in enumerate(pane.columns) if any(_ITEM_DOUBT.search(s) for s in shown_column(pane, i)))
        await pilot.press(*["l"] * status, "F")
        await until(pilot, lambda: isinstance(app.screen, FrequencyScreen), "the counts")
        freq = app.screen.freq
        assert freq.total == len(pane.rows) and "2022-04" in freq.about
        check_counts(freq, shown_column(pane, status))
        assert "unconfirmed" in freq.marks and any(v.marks.get("unconfirmed") for v in freq.values)
        line = app.screen.query_one("#frequency-table").render_line(1).text
        assert f"{freq.values[0].marks_text(freq.marks)}" in line or not freq.values[0].marks


async def test_e_saves_the_counts_as_csv_and_escape_goes_back(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("l", "l", "F")
        await until(pilot, lambda: isinstance(app.screen, FrequencyScreen), "the counts")
        freq = app.screen.freq
        await pilot.press("e")
        await until(pilot, lambda: list(tmp_path.glob("*.csv")), "the CSV written")
        (path,) = tmp_path.glob("*.csv")
        assert path.name.startswith(f"coalition-tui-countries-counts-{freq.column.key}-")
        rows = list(csv.reader(path.open(encoding="utf-8")))
        assert rows[0][:3] == [freq.column.heading, "count", "share"]
        assert [r[0] for r in rows[1:]] == [v.export if v.export != "" else "" for v in freq.values]
        assert [int(r[1]) for r in rows[1:]] == [v.count.count for v in freq.values]
        assert sum(int(r[1]) for r in rows[1:]) == freq.total
        assert abs(sum(float(r[2]) for r in rows[1:]) - 1) < 1e-4
        if "unconfirmed" in freq.marks:
            col = rows[0].index("unconfirmed")
            assert [int(r[col]) for r in rows[1:]] == [v.marks.get("unconfirmed", 0) for v in freq.values]
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.main, "back to the dashboard")
        assert pane_ready(app)


async def test_the_help_and_the_palette_list_F(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        for spec in PANES:  # on every table pane, the new keys do what they say, and nothing else has them
            if spec.absent(app.db.ix):
                continue
            await pilot.press(spec.key)
            await until(pilot, lambda: app.current_pane_id == spec.id and pane_ready(app), spec.id)
            bound = app.screen.active_bindings
            for key, action in (("h", "column_left"), ("left", "column_left"), ("l", "column_right"),
                                ("right", "column_right"), ("F", "frequency"), ("o", "sort")):
                assert bound[key].binding.action == action, (spec.id, key, bound[key].binding)
        await pilot.press("1")
        await until(pilot, lambda: app.current_pane_id == "countries" and pane_ready(app), "countries")
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        keys = dict(app.screen.keys)
        assert any("Count the values" in d for k, d in app.screen.keys if k == "F"), keys
        assert any("Column cursor" in d for k, d in app.screen.keys if "l" in k.split()), keys
        await pilot.press("escape", "ctrl+p")
        await pilot.press(*"count values of iso")
        await until(pilot, lambda: palette_offers(app, "Count values of ISO"), "the palette's entry")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FrequencyScreen), "the counts from the palette")
        assert app.screen.freq.column.key == "id"


async def test_the_counts_follow_the_as_of_date(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("l", "l", "F")
        await until(pilot, lambda: isinstance(app.screen, FrequencyScreen), "the counts")
        before = app.screen.freq
        app.set_as_of("2022-05-01")
        await until(pilot, lambda: app.screen.freq is not before, "counted again")
        freq = app.screen.freq
        assert "2022-05-01" in freq.about
        check_counts(freq, shown_column(app.pane("countries"), 2))


async def test_a_long_table_is_counted_in_a_thread_and_the_same(make_app, monkeypatch):
    """Past AT_ONCE rows the counts come from a thread (lowered here to the Countries' few rows):
    the screen says it is counting, then shows what F counts at once."""
    import tui.ui.frequency as frequency

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("l", "l", "F")
        await until(pilot, lambda: isinstance(app.screen, FrequencyScreen), "the counts")
        at_once = app.screen.freq
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.main, "back")
        monkeypatch.setattr(frequency, "AT_ONCE", 5)
        await pilot.press("F")
        await until(pilot, lambda: isinstance(app.screen, FrequencyScreen), "the counts, from a thread")
        screen = app.screen
        assert screen.counting or screen.freq is not None
        await until(pilot, lambda: not screen.counting and screen.freq is not None, "the thread's counts")
        assert screen.freq.values == at_once.values and screen.freq.total == at_once.total
        assert "Counting" not in str(screen.query_one("#frequency-about").render())


async def test_the_help_on_the_map_lists_its_own_keys(make_app):
    """The Map's f and [ ] (ids map.*) were left out of its help, and its [ ] hid the app's."""
    app = make_app(pane="map")
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        keys = dict(app.screen.keys)
        assert "world and the Euro-Atlantic" in keys.get("f", ""), keys
        assert "coalition's previous change" in keys.get("[", ""), keys
        assert "F" in keys and "h l" not in keys  # F is there; h shares a line with ←
