"""The dashboard on coalitions that are not the bundled one: AUKUS and the Quad (written for the
tests: no NATO, no UDCG, no roadmap, no article) and the bundled EU example. Every pane shows the
dataset's own coalitions; no screen, image or export names NATO, the UDCG, an article or 2027."""

from __future__ import annotations

from conftest import ready

import datetime as _dt
import html
import json
import re
from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from tui.cli import main
from tui.data.bundled import example
from tui.data.load import load
from tui.ui.shots import Shot, render_panes
from tui.views import Views
from tui.views.panes import PANE_IDS

DATA = Path(__file__).parents[1] / "data"
FORBIDDEN = ("NATO", "UDCG", "article", "Article", "2027")
TODAY = _dt.date(2026, 11, 25)


def svg_text(svg: str) -> str:
    return html.unescape(" ".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


@pytest.fixture(scope="module", params=["aukus", "quad"])
def other(request):
    return request.param, load(DATA / f"{request.param}.yaml")


def test_every_screen_and_image_speaks_the_datasets_own_terms(other):
    name, ds = other
    views = Views(ds, TODAY)
    panes = [p for p in PANE_IDS if p != "roadmap"]
    shown = render_panes(ds, Shot(pane="countries", size=(120, 36), today=TODAY), panes)
    assert sorted(shown) == sorted(panes)
    label = views.ix.label(name)
    for pane, svg in shown.items():
        text = svg_text(svg)
        assert label in text and ds.meta.title[:30] in text, pane
        for word in FORBIDDEN:
            assert word not in text, (pane, word)
    details = [("country", ds.countries[0].id), ("meeting", ds.meetings[-1].id), ("coalition", name)]
    for kind, rid in details:
        svg = render_panes(ds, Shot(pane="countries", select=(kind, rid), size=(100, 30), today=TODAY),
                           ["countries"])["countries"]
        text = svg_text(svg)
        assert not [w for w in FORBIDDEN if w in text], (kind, rid)


def test_exports_speak_the_datasets_own_terms(other, capsys):
    name, _ = other
    assert main(["--data", str(DATA / f"{name}.yaml"), "--no-cache", "export"]) == 0
    data = json.loads(capsys.readouterr().out)

    def values(node):
        if isinstance(node, dict):
            for v in node.values():  # keys are the format's own (meetings[].article stays a key)
                yield from values(v)
        elif isinstance(node, list):
            for v in node:
                yield from values(v)
        elif isinstance(node, str):
            yield node

    text = "\n".join(values(data))
    assert not [w for w in FORBIDDEN if w in text]


async def test_quad_counts_follow_both_spells_in_the_app(make_app):
    app = make_app(load(DATA / "quad.yaml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        status = app.main.query_one("#status")
        assert "Quad 4 · 4 meetings" in str(status.render())
        tabs = app.main.query_one(TabbedContent)
        assert tabs.get_tab("roadmap").display is False  # no roadmap: no empty tab
        await pilot.press("3")
        await pilot.pause()
        assert app.current_pane_id == "countries"
        assert any("no roadmap" in n.message for n in app._notifications)
        for as_of, count in (("2008-02-05", 4), ("2010-01-01", 3), ("2017-11-12", 4)):
            app.set_as_of(as_of)
            await pilot.pause()
            assert f"Quad {count} · " in str(status.render())
            au = next(r for r in app.pane("countries").rows if r.id == "AU")
            assert bool(au.cells[2].text) is (count == 4)
        await pilot.press("left_square_bracket")  # back one Quad meeting
        await pilot.pause()
        assert app.as_of == _dt.date(2007, 5, 1)
        await pilot.press("f1")  # the help speaks the dataset's terms too
        await pilot.pause()
        helped = " ".join(f"{k} {d}" for k, d in app.screen.keys + app.screen.marks)
        assert not [w for w in FORBIDDEN if w in helped], helped


def test_the_eu_example_holds_the_uk_withdrawal():
    ds = load(example("eu"))
    views = Views(ds)
    assert len(ds.countries) >= 20
    uk = next(m for m in ds.memberships if m.country == "GB" and m.coalition == "eu")
    assert (uk.since, uk.until) == ("1973-01-01", "2020-01-31")
    assert views.ix.member_count("eu", _dt.date(2020, 1, 31))[0] == 28
    assert views.ix.member_count("eu", _dt.date(2020, 2, 1))[0] == 27
    assert not [c for c in ds.coalitions if c.id in ("nato", "udcg")]


class TestSnapshots:
    """The other datasets as a user sees them, at 80x24."""

    @pytest.mark.parametrize("name, pane", [("aukus", "meetings"), ("quad", "countries"),
                                            ("quad", "memberships")])
    def test_test_dataset(self, snap_compare, make_app, name, pane):
        app = make_app(load(DATA / f"{name}.yaml"), pane=pane)
        assert snap_compare(app, terminal_size=(80, 24), run_before=_settle)

    @pytest.mark.parametrize("pane", ["countries", "memberships"])
    def test_eu_example(self, snap_compare, make_app, pane):
        async def earlier(pilot):
            pilot.app.set_as_of("2019-12-31")  # the UK still a member
            await _settle(pilot)

        app = make_app(load(DATA / "examples" / "eu"), pane=pane)  # a frozen copy of examples/eu
        assert snap_compare(app, terminal_size=(80, 24), run_before=earlier)


async def _settle(pilot):
    await ready(pilot)
