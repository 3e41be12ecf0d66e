"""Trust on every screen: doubt, a count's wording, the as-of date, provenance and conflicts reach
the reader. Views on the bundled data (it fills the new fields); Pilot on the frozen copy."""

from __future__ import annotations

import datetime as _dt
import html
import re
from pathlib import Path

import pytest

from tui.cli import main
from tui.data.load import load
from tui.ui.screens import DetailScreen
from tui.views import Views
from tui.views.cells import display
from tui.views.chart import participation

D = _dt.date


@pytest.fixture(scope="module")
def views():
    return Views(load(), today=D(2026, 11, 25))


def _lines(detail):
    return [line.text for _, lines in detail.sections for line in lines]


def test_an_unconfirmed_quote_says_so_with_its_note_and_how_it_reached_us(views):
    q = next(q for q in views.ds.quotes if q.unconfirmed and q.via)
    detail = views.detail("quote", q.id)
    assert "(unconfirmed)" in detail.title  # then ≠ where sources disagree about it
    heading, lines = next((h, ls) for h, ls in detail.sections if "Unconfirmed" in h)  # after ≠ where there is one
    assert q.note[:40] in lines[0].text and detail.sections.index((heading, lines)) <= 1
    kinds = [t for t in _lines(detail) if t.startswith(("Direct quote", "Paraphrase"))]
    assert kinds and ("translation" in kinds[0] or "rendering" in kinds[0])
    row = next(r for r in views.source("quotes").select() if r.id == q.id)
    assert display(row.cells[0]).endswith("?") and "⇄" in display(row.cells[0]) and row.cells[0].via


def test_counts_keep_their_wording_in_the_table_the_detail_and_the_chart(views):
    rows = {r.id: r for r in views.source("meetings").select()}
    signs = {"about": "~", "nearly": "<", "more-than": ">", "at-least": "≥", "up-to": "≤"}
    m1 = next(m for m in views.ds.meetings if m.participants_qualifier in signs and m.participants_text)
    assert rows[m1.id].cells[2].text.startswith(f"{signs[m1.participants_qualifier]}{m1.participants}")  # not "40"
    grp = next(m for m in views.ds.meetings if m.participants_kind == "group-size")
    assert rows[grp.id].cells[2].text.endswith(" grp")
    assert f"the source: “{m1.participants_text}”" in " ".join(_lines(views.detail("meeting", m1.id)))
    caption, chart = participation(views.ix, None, 80)
    assert "█ attended ▒ expected ▚ group size" in caption  # the kinds drawn apart
    plotted = "".join(line.split("┤", 1)[-1].split("│", 1)[-1] for line in chart[:5])
    assert {"█", "▒", "▚"} <= set(plotted)
    gaps = sum(1 for m in views.ix.meetings_of["udcg"] if m.participants is None)
    if gaps:  # a dot where a meeting has no count
        assert f"{gaps} without a count (·)" in caption and "·" in chart[4]
    else:
        assert "without a count" not in caption and "·" not in "".join(chart[:5])
    assert chart[5].lstrip().startswith("0└") and "2022" in chart[6]
    assert all(len(line) <= 80 for line in chart)


def test_a_meeting_a_claim_is_about_shows_the_mark_and_links_the_claim(views):
    detail = views.detail("meeting", "udcg-25")
    assert detail.title.endswith("≠")
    heading, lines = detail.sections[0]
    assert "Sources disagree" in heading
    assert ("claim", "udcg-size") in [line.link for line in lines]
    row = next(r for r in views.source("meetings").select() if r.id == "udcg-25")
    assert "≠" in display(row.cells[0]) and "★" in display(row.cells[0])
    assert row.cells[0].conflict and row.cells[0].featured and row.cells[0].text == "UDCG 25"
    assert "≠" in views.detail("coalition", "udcg").title


async def test_a_detail_follows_the_as_of_date_and_says_which(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_as_of("2023-01-20")  # before Finland and Sweden joined NATO
        await pilot.pause()
        app.show_detail("coalition", "nato")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailScreen)
        title = str(screen.query_one("#detail-title").render())
        assert "as of 2023-01-20" in title
        assert any(h.startswith("Members (30)") for h, _ in screen.detail.sections)
        for _ in range(12):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.as_of > D(2024, 3, 7)
        assert any(h.startswith("Members (32)") for h, _ in app.screen.detail.sections)
        assert f"as of {app.as_of.isoformat()}" in str(app.screen.query_one("#detail-title").render())
        bar = str(app.screen.query_one("ProvenanceBar .dates").render())
        assert f"as of {app.as_of.isoformat()}" in bar and "coalition-tui 0.0-test" in bar


async def test_the_palette_finds_conflicts_and_any_typed_date(make_app):
    from conftest import palette_offers, until

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"as of 2023")
        await until(pilot, lambda: palette_offers(app, "2023"), "the palette's 'as of 2023'")
        await pilot.press("enter")
        await until(pilot, lambda: app.as_of == D(2023, 12, 31), "the as-of date")  # a year: its last day
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"conflict number of countries")
        await until(pilot, lambda: palette_offers(app, "number of countries"), "the conflict in the palette")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the claim's detail")
        assert app.screen.link == ("claim", "udcg-size")


def test_as_of_means_the_same_before_or_after_the_command(tmp_path):
    def shot(argv, name):
        out = tmp_path / name
        assert main(argv + ["-o", str(out)]) == 0
        text = html.unescape(" ".join(re.findall(r">([^<]*)</text>", out.read_text()))).replace("\xa0", " ")
        return text

    a = shot(["--as-of", "2023", "screenshot", "--select", "udcg", "--size", "100x30"], "a.svg")
    b = shot(["screenshot", "--as-of", "2023", "--select", "udcg", "--size", "100x30"], "b.svg")
    assert "as of 2023-12-31, the end of 2023" in a and "as of 2023-12-31, the end of 2023" in b
    meta = load().meta
    assert meta.title[:20] in a and f"checked {meta.last_checked}" in a


def test_old_files_show_counts_as_given_and_marked_unqualified():
    frozen = Views(load(Path(__file__).parents[1] / "data" / "frozen"))
    row = next(r for r in frozen.source("meetings").select() if r.id == "udcg-1")
    assert row.cells[2].text == "40*"  # the source's words exist, but how exact is not stated
