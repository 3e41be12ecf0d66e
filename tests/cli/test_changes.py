"""Change over time: who joined and left between two dates, what changed between two versions of a
dataset, growth drawn, a country's timeline."""

from __future__ import annotations

from conftest import pane_ready, until

import datetime as _dt
import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.changes import between, versions
from tui.data.load import load
from tui.ui.screens import DetailScreen
from tui.views import Views
from tui.views.growth import chart, count_on, series

DATA = Path(__file__).parents[1] / "data"
D = _dt.date


def test_between_2023_and_2024_finland_and_sweden_join_nato_and_argentina_the_udcg(bundled):
    changes = between(bundled, D(2023, 1, 1), D(2024, 12, 31), ["nato", "udcg"])
    joined = {(c.country, c.coalition): c for c in changes if c.kind == "joined" and c.date}
    assert joined[("FI", "nato")].date == "2023-04-04"
    assert joined[("SE", "nato")].date == "2024-03-07"
    assert joined[("AR", "udcg")].date.startswith("2024")
    for c in (joined[("FI", "nato")], joined[("SE", "nato")], joined[("AR", "udcg")]):
        record = next(m for m in bundled.memberships if m.id == c.record)   # the record, not a source id
        assert c.sources == [str(r) for r in record.sources] and c.sources
    assert not [c for c in changes if c.kind == "joined" and c.coalition == "nato" and c.date
                and c.country not in ("FI", "SE")]
    meetings = [c for c in changes if c.kind == "meeting"]
    assert meetings and all("2023" <= c.date <= "2024-12-31" for c in meetings)


def test_nato_counts_30_31_32_on_the_growth_series(bundled):
    points = series(Views(bundled).ix, "nato")
    at = {p.date: p.members for p in points}
    assert at[D(2023, 4, 4)] == 31 and at[D(2024, 3, 7)] == 32
    assert count_on(points, D(2023, 4, 3)).members == 30
    assert count_on(points, D(2024, 3, 6)).members == 31


def test_a_country_that_left_and_rejoined_appears_in_both_spells():
    quad = load(DATA / "quad.yaml")
    changes = between(quad, D(2007, 1, 1), D(2018, 12, 31))
    au = [(c.kind, c.date, c.record) for c in changes if c.country == "AU" and c.coalition == "quad"]
    assert au == [("joined", "2007-05", "quad-AU-1"), ("left", "2008-02-05", "quad-AU-1"),
                  ("joined", "2017-11-12", "quad-AU-2")]
    points = series(Views(quad).ix, "quad")
    assert [(p.date, p.members) for p in points] == [(D(2007, 5, 1), 4), (D(2008, 2, 6), 3), (D(2017, 11, 12), 4)]
    drawn = chart(Views(quad).ix, "quad", D(2020, 1, 1), 60, 4)
    assert drawn[0].startswith("Quad members: 4 on 2007-05, 4 since 2017-11-12")  # a month stays a month
    assert "as of 2020-01-01: 4" in drawn[-1] and "▲" in drawn[-1]


def test_a_partial_date_only_partly_inside_is_possibly(tmp_path):
    quad = load(DATA / "quad.yaml")
    inside = between(quad, D(2007, 5, 1), D(2007, 5, 31))
    assert {c.possibly for c in inside if c.kind == "joined"} == {False}
    partly = between(quad, D(2007, 5, 15), D(2007, 6, 30))
    assert {c.possibly for c in partly if c.kind == "joined"} == {True}
    assert between(quad, D(2007, 6, 1), D(2007, 6, 30)) == []


def test_a_role_change_is_one_change_not_a_leaving_and_a_joining(tmp_path):
    old = """  - id: quad-IN
    country: IN
    coalition: quad
    role: member
    since: '2007-05'"""
    text = (DATA / "quad.yaml").read_text()
    assert old in text
    text = text.replace(old, """  - id: quad-IN-0
    country: IN
    coalition: quad
    role: observer
    since: '2007-05-01'
    until: '2007-05-14'
    sources: [mofa-2017-11-12]
  - id: quad-IN
    country: IN
    coalition: quad
    role: member
    since: '2007-05-15'""", 1)
    path = tmp_path / "quad.yaml"
    path.write_text(text)
    changes = between(load(path), D(2007, 1, 1), D(2007, 12, 31))
    india = [(c.kind, c.role, c.text) for c in changes if c.country == "IN"]
    assert india == [("joined", "observer", "India joined Quad as observer"),
                     ("role-changed", "member", "India in Quad: observer to member")]  # no "left"


def test_diff_from_to_on_the_command_line(capsys):
    assert main(["diff", "--from", "2023-01-01", "--to", "2024-12-31", "--coalition", "nato",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["provenance"]["from"] == "2023-01-01" and data["provenance"]["to"] == "2024-12-31"
    first = data["changes"][0]
    assert set(first) >= {"kind", "date", "precision", "country", "coalition", "role", "record", "sources"}
    assert [(c["country"], c["date"]) for c in data["changes"] if c["kind"] == "joined"] == \
        [("FI", "2023-04-04"), ("SE", "2024-03-07")]
    assert main(["diff", "--from", "2023", "--to", "2024", "--coalition", "nato"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("NATO\n") and "Finland joined NATO as member" in text
    assert main(["diff", "--from", "2024", "--to", "2023"]) == 2
    assert main(["diff", "--from", "2023", "--to", "2024", "--coalition", "nope"]) == 2
    assert main(["diff", "--from", "2023", "--to", "2024", "a.yaml", "b.yaml"]) == 2  # they do not combine


@pytest.fixture
def two_versions(tmp_path):
    old = (DATA / "quad.yaml").read_text()
    new = (old.replace("name: India", "name: Republic of India")       # renamed
              .replace("    since: '2017-11-12'\n    until: null", "    since: '2017-11-13'\n    until: null")  # date corrected
              .replace("  - id: quad-JP\n", "  - id: quad-JP-x\n"))    # removed one, added another
    a, b = tmp_path / "old.yaml", tmp_path / "new.yaml"
    a.write_text(old)
    b.write_text(new)
    return a, b


def test_diff_of_two_versions_both_ways(two_versions, capsys):
    a, b = two_versions
    diffs = versions(load(a), load(b))
    found = {(d.section, d.record, d.change, d.field): (d.old, d.new) for d in diffs}
    assert found[("countries", "IN", "changed", "name")] == ("India", "Republic of India")
    assert found[("memberships", "quad-AU-2", "changed", "since")] == ("2017-11-12", "2017-11-13")
    assert ("memberships", "quad-JP", "removed", None) in found
    assert ("memberships", "quad-JP-x", "added", None) in found
    assert len(diffs) == 4  # each shown once
    back = {(d.section, d.record, d.change) for d in versions(load(b), load(a))}
    assert back == {("countries", "IN", "changed"), ("memberships", "quad-AU-2", "changed"),
                    ("memberships", "quad-JP-x", "removed"), ("memberships", "quad-JP", "added")}
    assert main(["diff", str(a), str(b), "--exit-code"]) == 1
    out = capsys.readouterr().out
    assert "~ IN: name: 'India' -> 'Republic of India'" in out and "- quad-JP" in out and "+ quad-JP-x" in out
    assert main(["diff", str(a), str(b), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    renamed = next(d for d in data["differences"] if d["record"] == "IN")
    assert renamed == {"section": "countries", "record": "IN", "change": "changed", "field": "name",
                       "old": "India", "new": "Republic of India"}
    assert main(["diff", str(a), str(a), "--exit-code"]) == 0
    broken = a.parent / "broken.yaml"
    broken.write_text(a.read_text().replace("number: 2", "number: two"))
    assert main(["diff", str(a), str(broken)]) == 2
    assert f"{broken}:" in capsys.readouterr().err
    assert main(["diff", "example:eu", str(a)]) == 0  # example:NAME names a bundled example


async def test_growth_and_changes_panes_and_a_country_timeline(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.pause()
        await pilot.press("7")
        await until(pilot, lambda: app.current_pane_id == "growth" and pane_ready(app), "the Growth pane")
        text = str(app.pane("growth").query_one("#growth-chart").render())
        assert "NATO members:" in text and "UDCG members:" in text and "▲" in text and "as of" in text
        app.set_as_of("2024-03-07")
        app.show_changes_from(D(2023, 1, 1))
        await until(pilot, lambda: app.current_pane_id == "changes" and pane_ready(app) and app.pane("changes").rows,
                    "the Changes pane's rows")
        rows = app.pane("changes").rows
        joined = [r for r in rows if r.cells[1].text == "joined" and r.cells[0].text != "unknown"]
        assert {r.link for r in joined} >= {("country", "FI"), ("country", "SE")}
        caption = str(app.pane("changes").query_one("#changes-interval").render())
        assert "from 2023-01-01 to 2024-03-07" in caption
        app.show_detail("country", "FI")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and app.screen.link == ("timeline", "FI")
        history = [line.text for line in app.screen.detail.sections[0][1]]
        assert any(t.startswith("2023-04-04  joined North Atlantic Treaty Organization") for t in history)
