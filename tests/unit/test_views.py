"""The views layer without Textual: every table spec on the bundled data and on datasets with no
NATO, no UDCG, no roadmap and no article (AUKUS; the Quad, which Australia left and rejoined)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from tui.data.load import load
from tui.views import Views
from tui.views.cells import display
from tui.views.panes import PANE_IDS, PANES, pane
from tui.views.panes.roadmap import timeline

DATA = Path(__file__).parents[1] / "data"
FROZEN = DATA / "frozen"
D = _dt.date


@pytest.fixture(scope="module")
def quad():
    return Views(load(DATA / "quad.yaml"), today=D(2026, 11, 25))


@pytest.fixture(scope="module")
def aukus():
    return Views(load(DATA / "aukus.yaml"), today=D(2026, 11, 25))


@pytest.fixture(scope="module")
def frozen_views():
    return Views(load(FROZEN), today=D(2026, 11, 25))


def texts(source, as_of=None, text=""):
    return [[display(c) for c in row.cells] for row in source.select(as_of, text)]


def headings(source):
    return [c.heading for c in source.columns]


# --- what heads the dashboard ------------------------------------------------------------------


def test_the_dashboard_defaults_come_from_the_data(quad, aukus, frozen_views):
    assert frozen_views.ix.dashboard.headline == ("nato", "udcg")  # the coalitions with no parent
    assert frozen_views.ix.dashboard.featured == "article"           # the source of kind article
    assert frozen_views.ix.roadmap_title == "Roadmap 2027"           # from the horizons
    board = frozen_views.ix.dashboard
    assert board.start.year <= 2024 and board.end == D(2027, 12, 31)
    for views, head in ((quad, ("quad",)), (aukus, ("aukus",))):
        board = views.ix.dashboard
        assert board.headline == head and board.featured is None
        assert (board.start, board.end) == (None, None)              # no roadmap: no timeline
        assert views.ix.roadmap_title == "Roadmap"


def test_meta_dashboard_names_the_headline_and_the_featured_source(tmp_path):
    text = (DATA / "quad.yaml").read_text()
    text = text.replace("  last_checked: '2026-12-01'\n",
                        "  last_checked: '2026-12-01'\n  dashboard:\n    headline: []\n"
                        "    timeline: {from: 2005, to: '2030-06'}\n", 1)
    path = tmp_path / "quad.yaml"
    path.write_text(text)
    board = Views(load(path)).ix.dashboard
    assert board.headline == () and (board.start, board.end) == (D(2005, 1, 1), D(2030, 6, 30))
    assert Views(load(path)).ix.summary() == "4 meetings"


# --- countries, counts and spells --------------------------------------------------------------


def test_countries_have_one_column_per_headline_coalition(quad, frozen_views):
    assert headings(quad.source("countries")) == ["Country", "ISO", "Quad", "Leads", "Member of", "Coal.", "Quotes"]
    assert headings(frozen_views.source("countries"))[:4] == ["Country", "ISO", "NATO", "UDCG"]
    rows = texts(quad.source("countries"), D(2021, 1, 1))
    assert [r[0] for r in rows] == ["Australia ≠", "India", "Japan", "United States"]  # A to Z; ≠: a claim about a spell
    assert rows[0][2] == "2017-11-12"  # Australia's second spell


@pytest.mark.parametrize("as_of, members, australia", [
    (D(2007, 4, 30), 0, False),
    (D(2007, 5, 1), 4, True),
    (D(2008, 2, 5), 4, True),   # until is the last day of the spell
    (D(2008, 2, 6), 3, False),
    (D(2017, 11, 11), 3, False),
    (D(2017, 11, 12), 4, True),
    (D(2026, 1, 1), 4, True),
])
def test_counts_follow_every_spell(quad, as_of, members, australia):
    ix = quad.ix
    assert ix.member_count("quad", as_of) == (members, 0)
    assert ix.summary(as_of).startswith(f"Quad {members} · ")
    au = next(r for r in texts(quad.source("countries"), as_of) if r[1] == "AU")
    assert bool(au[2]) is australia


def test_a_country_detail_lists_every_spell_ended_ones_included(quad):
    detail = quad.detail("country", "AU", D(2020, 1, 1))
    (lines,) = [lines for heading, lines in detail.sections if heading == "Memberships"]
    spells = [line.text for line in lines]
    assert spells == ["Quadrilateral Security Dialogue: member, 2007-05 to 2008-02-05 (ended)",
                      "Quadrilateral Security Dialogue: member, since 2017-11-12"]


def test_the_filter_matches_real_text_only(frozen_views):
    countries = frozen_views.source("countries")
    everyone = len(countries.select())
    # "o", "at" or "na" used to match every NATO member (needle in "nato")
    assert len(countries.select(text="na")) < everyone
    nordic = [r[0] for r in texts(countries, text="finland")]
    assert nordic == ["Finland"]
    # words are combined with AND, over every column
    both = texts(countries, text="nato demining")
    assert both and all("Demining" in r[4] + r[5] and r[2] for r in both)
    assert len(countries.select(text="udcg")) == frozen_views.ix.member_count("udcg")[0]


# --- meetings belong to their coalition --------------------------------------------------------


def test_meetings_are_named_within_their_coalition(quad, frozen_views):
    assert [r[0] for r in texts(quad.source("meetings"))] == ["Quad 1 ?", "Quad 2", "Quad 3", "Quad 4"]
    assert quad.detail("meeting", "quad-3").title.startswith("Quad meeting 3 · 2021-03-12")
    assert quad.ix.resolve_meeting("3") == "quad-3"
    assert frozen_views.ix.resolve_meeting("25") == "udcg-25"
    featured = [r[0] for r in texts(frozen_views.source("meetings")) if "★" in r[0]]
    assert featured == ["UDCG 25 ★"]


def test_a_bare_number_is_a_meeting_only_when_one_coalition_has_meetings(tmp_path):
    text = (DATA / "mini.yaml").read_text().replace("meetings:\n", """meetings:
  - id: summit-1
    coalition: nato
    number: 1
    date: 2023-07-11
    sources: [ref]
""", 1)
    path = tmp_path / "two.yaml"
    path.write_text(text)
    views = Views(load(path))
    assert views.ix.resolve_meeting("1") is None            # NATO 1 or UDCG 1: say which
    assert views.ix.resolve_meeting("summit-1") == "summit-1"
    assert [r[0] for r in texts(views.source("meetings"))] == ["Ukraine Defense Contact Group 1", "NATO 1"]
    assert views.ix.summary(D(2023, 1, 1)) == "NATO 1 · Ukraine Defense Contact Group 0 · 1 meeting"
    assert views.ix.step_dates == [D(2022, 4, 26), D(2023, 7, 11)]


# --- the featured source and the roadmap -------------------------------------------------------


def test_panes_a_dataset_has_nothing_for_say_why(aukus, frozen_views):
    assert pane("roadmap").absent(aukus.ix) == "This dataset has no roadmap areas, so it has no Roadmap pane."
    assert all(p.absent(frozen_views.ix) is None for p in PANES)
    assert PANE_IDS == ("countries", "meetings", "roadmap", "quotes", "sources", "memberships", "growth", "changes",
                        "map")


def test_nothing_outside_the_timeline_is_clamped_without_a_mark():
    span = (D(2022, 1, 1), D(2027, 12, 31))
    inside = timeline(D(2023, 1, 1), [D(2024, 6, 1)], D(2025, 1, 1), D(2027, 12, 31), span, 36)
    assert "◂" not in inside and "▸" not in inside and "◆" in inside and "│" in inside
    early = timeline(D(2020, 1, 1), [], D(2025, 1, 1), D(2027, 12, 31), span, 36)
    assert early.startswith("◂")
    late = timeline(D(2023, 1, 1), [D(2029, 1, 1)], D(2025, 1, 1), D(2030, 12, 31), span, 36)
    assert late.endswith("▸")


# --- every table spec, on every dataset ---------------------------------------------------------


@pytest.mark.parametrize("name", ["frozen", "aukus", "quad", "mini"])
def test_every_table_spec_gives_rows_of_its_columns(name):
    path = {"frozen": FROZEN, "mini": DATA / "mini.yaml"}.get(name, DATA / f"{name}.yaml")
    views = Views(load(path), today=D(2026, 11, 25))
    for pane_id in PANE_IDS:
        source = views.source(pane_id)
        rows = source.select(views.latest)
        if pane(pane_id).absent(views.ix):
            assert len(rows) == 0
            continue
        assert len(rows) > 0, pane_id
        for row in rows[:50]:
            assert len(row.cells) == len(source.columns), pane_id
            assert row.link is not None and views.detail(*row.link, views.latest) is not None, (pane_id, row.id)
        # sorting by any column keeps every row
        for k in range(len(source.columns)):
            assert sorted(r.id for r in source.select(views.latest, sort=k, reverse=True)) == \
                sorted(r.id for r in rows)


@pytest.mark.parametrize("name", ["aukus", "quad"])
def test_no_view_names_nato_udcg_an_article_or_2027(name):
    views = Views(load(DATA / f"{name}.yaml"), today=D(2026, 11, 25))
    shown: list[str] = [views.summary(), views.ix.roadmap_title]
    for p in PANES:
        shown.append(p.title_for(views.ix))
        source = views.source(p.id)
        shown += [c.heading for c in source.columns]
        for row in source.select():
            shown += [display(c) for c in row.cells]
            detail = views.detail(*row.link)
            shown.append(detail.title)
            shown += [h for h, _ in detail.sections] + [line.text for _, ls in detail.sections for line in ls]
    text = "\n".join(shown)
    for word in ("NATO", "UDCG", "article", "Article", "2027"):
        assert word not in text, word


def test_a_meeting_line_without_a_place_says_what_it_was(frozen_views):
    """A virtual meeting has no venue: its line says "online" (as the Meetings table does), never
    ends in a bare " · "."""
    detail = frozen_views.detail("country", "GB")
    lines = [line.text for _, lines in detail.sections for line in lines if line.text.startswith("UDCG meeting 29 ")]
    assert lines == ["UDCG meeting 29 · 2025-07-21 · online"]
    assert not any(line.text.rstrip().endswith("·") for _, lines in detail.sections for line in lines)


def test_an_unconfirmed_records_note_is_said_once(frozen_views):
    """The note of an unconfirmed record heads its detail; it is not repeated as a fact."""
    ix = frozen_views.ix
    area = next(a for a in ix.areas.values() if a.unconfirmed and a.note)
    detail = frozen_views.detail("area", area.id)
    texts = [line.text for _, lines in detail.sections for line in lines if line is not None]
    assert texts[0] == f"What could not be confirmed: {area.note}"
    assert area.note not in texts
