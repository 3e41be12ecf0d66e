"""SVG snapshots of what the user sees: every pane at 80x24 and 160x48, and the detail, help,
palette, light-theme and earlier-date views. Update with `make snapshots` after a deliberate change."""

from __future__ import annotations

from conftest import palette_offers, ready, until

import pytest
from textual.widgets import Input

from tui.views.panes import PANE_IDS

PANES = list(PANE_IDS)  # every pane, from the one list
SIZES = [(80, 24), (160, 48)]


async def _settle(pilot):
    """The pane in view built and focused (over it, any screen pushed since), nothing pending."""
    if len(pilot.app.screen_stack) == 1:
        await ready(pilot)
    await pilot.pause()


def _no_blink(pilot):
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pane", PANES)
def test_pane(snap_compare, make_app, pane, size):
    assert snap_compare(make_app(pane=pane), terminal_size=size, run_before=_settle)


def test_country_profile(snap_compare, make_app):
    async def run_before(pilot):
        await _settle(pilot)
        pilot.app.show_detail("country", "DE")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)


def test_meeting_detail(snap_compare, make_app):
    async def run_before(pilot):
        await _settle(pilot)
        pilot.app.show_detail("meeting", "udcg-25")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)


def test_roadmap_row_selected(snap_compare, make_app):
    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("j", "j", "j")
        await _settle(pilot)

    assert snap_compare(make_app(pane="roadmap"), terminal_size=(120, 36), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_fits_or_shows_that_it_scrolls(snap_compare, make_app, size):
    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("f1")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_help_screen(snap_compare, make_app):
    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("f1")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(100, 36), run_before=run_before)


def test_palette_finds_a_country(snap_compare, make_app):
    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("ctrl+p")
        await _settle(pilot)
        _no_blink(pilot)
        await pilot.press(*"finland")
        await until(pilot, lambda: palette_offers(pilot.app, "Finland"), "Finland in the palette")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)


def test_light_theme(snap_compare, make_app):
    async def run_before(pilot):
        pilot.app.theme = "textual-light"
        await _settle(pilot)

    assert snap_compare(make_app(pane="meetings"), terminal_size=(100, 30), run_before=run_before)


def test_earlier_as_of_date(snap_compare, make_app):
    async def run_before(pilot):
        await _settle(pilot)
        pilot.app.set_as_of("2023-01-20")  # the 8th meeting: before Finland and Sweden joined NATO
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_frequency_view(snap_compare, make_app, size):
    """F on the Countries' UDCG column (the column cursor moved there with l): each date of
    joining, its count and share, how many of them are unconfirmed, a bar."""
    from tui.ui.frequency import FrequencyScreen

    async def run_before(pilot):
        await _settle(pilot)
        keys = [c.key for c in pilot.app.pane().columns]
        await pilot.press(*["l"] * keys.index("udcg"), "F")
        await until(pilot, lambda: isinstance(pilot.app.screen, FrequencyScreen), "the counts")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
