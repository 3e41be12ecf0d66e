"""Pilot tests of the user journeys through the dashboard."""

from __future__ import annotations

import datetime as _dt

from textual.widgets import Input, TabbedContent

from tui.ui.screens import DetailScreen, HelpScreen

from conftest import cell, palette_offers, ready, until

SIZE = (120, 40)


async def _ready(pilot):
    await ready(pilot)


def _highlight(screen: DetailScreen, kind: str) -> int:
    """Move the detail list's cursor to the first line linking to `kind`; its index."""
    index = next(i for i, line in enumerate(screen.lines) if line and line.link and line.link[0] == kind)
    screen.query_one("#detail-list").highlighted = index
    return index


async def test_number_keys_switch_panes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        for key, pane in zip("23451", ("meetings", "roadmap", "quotes", "sources", "countries")):
            await pilot.press(key)
            await pilot.pause()
            assert app.main.query_one(TabbedContent).active == pane
            assert app.pane(pane) is not None and app.pane(pane).rows


async def test_country_profile_links_to_a_meeting_it_hosted(make_app, frozen):
    app = make_app()
    hosted = [m for m in frozen.meetings if m.country == "DE"]
    assert hosted, "the bundled data has meetings in Germany"
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("slash", *"Germany", "enter")
        await pilot.pause()
        pane = app.pane("countries")
        assert [r.id for r in pane.rows] == ["DE"]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailScreen) and screen.detail.title.startswith("Germany (DE)")
        headings = [h for h, _ in screen.detail.sections]
        assert "Meetings it hosted" in headings
        index = _highlight(screen, "meeting")
        target = screen.lines[index].link[1]
        await pilot.press("enter")
        await pilot.pause()
        meeting = next(m for m in frozen.meetings if m.id == target)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.detail.title.startswith(f"UDCG meeting {meeting.number} · {meeting.date}")
        assert meeting.country == "DE"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, DetailScreen)


async def test_filter_quotes_by_speaker(make_app, frozen):
    app = make_app()
    expected = sum(1 for q in frozen.quotes if q.speaker == "lloyd-austin")
    assert expected >= 1
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("4")
        await pilot.pause()
        pane = app.pane("quotes")
        assert len(pane.rows) == len(frozen.quotes)
        await pilot.press("slash", *"austin")
        await pilot.pause()
        assert pane.query_one(Input).value == "austin"
        assert len(pane.rows) == expected
        assert {cell(pane, r, "speaker") for r in pane.rows} == {"Lloyd J. Austin III"}
        assert pane.table.row_count == expected


async def test_as_of_before_sweden_joined_changes_the_nato_count(make_app, frozen):
    sweden = next(m for m in frozen.memberships if m.id == "nato-SE")
    joined = _dt.date.fromisoformat(sweden.since)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        status = app.main.query_one("#status")
        assert "NATO 32" in str(status.render())
        steps = 0
        while app.as_of >= joined:
            await pilot.press("left_square_bracket")
            await pilot.pause()
            steps += 1
            assert steps < 100
        assert app.as_of in app.db.ix.step_dates
        assert app.db.ix.member_count("nato", app.as_of)[0] == 31
        assert "NATO 31" in str(status.render())
        countries = app.pane("countries")
        sweden_row = next(r for r in countries.rows if r.id == "SE")
        assert cell(countries, sweden_row, "nato") == ""
        meetings = app.pane("countries")  # stepping forward restores Sweden
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.as_of > joined
        assert cell(meetings, next(r for r in meetings.rows if r.id == "SE"), "nato") == sweden.since


async def test_open_the_source_of_a_quote(make_app, frozen):
    app = make_app()
    quote = min(frozen.quotes, key=lambda q: q.date or "9999")  # the Quotes pane's first row: the earliest
    ref = quote.sources[0]
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("4")
        await pilot.pause()
        assert app.pane("quotes").selected_id() == quote.id
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailScreen) and screen.detail.title.startswith("Sources:")
        texts = [line.text for _, lines in screen.detail.sections for line in lines]
        source = next(s for s in frozen.sources if s.id == ref.source)
        assert any(source.title in t for t in texts)
        if ref.paragraph:
            assert any(source.paragraphs[ref.paragraph - 1] in t for t in texts)
        await pilot.press("escape", "enter")  # Enter: the quote's own detail, with its passage
        await pilot.pause()
        headings = [h for h, _ in app.screen.detail.sections]
        assert "Source passage" in headings


async def test_help_lists_the_pane_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        descriptions = [d for _, d in app.screen.keys]
        for expected in ("Filter the table as you type: every word must match", "Open the selected record's detail",
                         "Move the as-of date back one meeting", "Quit"):
            assert expected in descriptions
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_sort_cycles_columns(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        pane = app.pane("countries")
        names = [cell(pane, r, "name") for r in pane.rows]
        assert names == sorted(names, key=str.lower)  # the stated default order: names A to Z
        await pilot.press("o", "o")  # by name, then by ISO code
        await pilot.pause()
        codes = [r.id for r in pane.rows]
        assert codes == sorted(codes)
        await pilot.press("O")
        await pilot.pause()
        assert [r.id for r in pane.rows] == sorted(codes, reverse=True)


async def test_palette_finds_a_country(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"estonia")
        await until(pilot, lambda: palette_offers(app, "Estonia"), "Estonia in the palette")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "Estonia's detail")
        assert app.screen.detail.title.startswith("Estonia (EE)")


async def test_flags_are_opt_in(make_app):
    for flags, expected in ((False, "Germany"), (True, "\U0001F1E9\U0001F1EA Germany")):
        app = make_app(flags=flags)
        async with app.run_test(size=SIZE) as pilot:
            await _ready(pilot)
            pane = app.pane("countries")
            row = next(r for r in pane.rows if r.id == "DE")
            assert cell(pane, row, "name") == expected


async def test_every_tab_label_is_whole_at_80_columns_and_full_where_it_fits(make_app):
    """Issue 22: nine tabs at 80 columns were cut ('ies' for Countries); short labels there."""
    from tui.views.panes import PANES

    for width, narrow in ((80, True), (160, False)):
        app = make_app()
        async with app.run_test(size=(width, 30)) as pilot:
            await ready(pilot)
            tabs = app.main.query_one(TabbedContent)
            for p in PANES:
                tab = tabs.get_tab(p.id)
                assert str(tab.label) == p.label_for(app.db.ix, narrow)
                assert 0 <= tab.region.x and tab.region.right <= width, (p.id, tab.region, width)
