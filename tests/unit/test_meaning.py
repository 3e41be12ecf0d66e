"""What a record means, said once in the views' index and read by every pane, CSV and command:
joining, which roles are members, partial dates, former names, the as-of date, Changes = diff.
Small test datasets (tests/data/club.yaml, renamed.yaml) and the frozen copy of the data."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.data.load import load
from tui.export.data import pane_csv
from tui.views import Views
from tui.views.cells import display
from tui.views.panes import PANES

DATA = Path(__file__).resolve().parent.parent / "data"
D = _dt.date


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def club():
    return Views(load(DATA / "club.yaml"))


@pytest.fixture(scope="module")
def renamed():
    return Views(load(DATA / "renamed.yaml"))


# --- joining ---------------------------------------------------------------------------------------


def test_a_headline_column_has_room_for_a_role_named_beside_its_date(club):
    """The EU is a participant of the club since 1977: '1977 participant' was cut to
    '1977 partic…' in a column sized for a date and its mark."""
    source = club.source("countries")
    row = next(r for r in source.select(D(2000, 1, 1)) if r.id == "EU")
    column = next(c for c in source.columns_at(D(2000, 1, 1)) if c.key == "club")
    text = display(row.cells[[c.key for c in source.columns].index("club")])
    assert text == "1977 participant" and column.width >= len(text)
    exported = {r["id"]: r for r in csv.DictReader(io.StringIO(pane_csv(club, "countries", D(2000, 1, 1))))}
    assert exported["EU"][column.heading] == text  # the CSV says what the screen says


def test_a_role_change_is_not_a_joining(club):
    """Denmark led the club to 1989 and is a member since 1990: it joined in 1976."""
    row = next(r for r in club.source("countries").select(D(2000, 1, 1)) if r.id == "DK")
    keys = [c.key for c in club.source("countries").columns]
    assert display(row.cells[keys.index("club")]) == "1976-03-01"
    csv_row = next(r for r in rows_of(pane_csv(club, "countries", D(2000, 1, 1))) if r["id"] == "DK")
    assert csv_row["CLUB"] == "1976-03-01"


def test_a_country_that_came_back_joined_again(club):
    row = next(r for r in club.source("countries").select(D(2000, 1, 1)) if r.id == "NO")
    keys = [c.key for c in club.source("countries").columns]
    assert display(row.cells[keys.index("club")]) == "1995-01-01 ?"


# --- which roles are members ------------------------------------------------------------------------


def test_a_participant_is_not_counted_as_a_member_where_the_club_has_members(club):
    assert club.ix.member_roles("club") == {"member", "lead", "co-lead"}
    assert club.summary(D(1978, 1, 1)).startswith("CLUB 2 + 1 participant")
    assert club.ix.count_words("club", D(1975, 12, 1)) == "1"


def test_participants_count_where_no_spell_is_a_member(frozen):
    views = Views(frozen)
    assert "participant" in views.ix.member_roles("udcg")
    assert views.ix.member_count("udcg", views.latest)[0] == 57


def test_member_roles_declared_by_the_dataset_win(tmp_path):
    text = (DATA / "club.yaml").read_text().replace("    short: CLUB\n", "    short: CLUB\n    member_roles: [member, participant]\n")
    (tmp_path / "club.yaml").write_text(text)
    views = Views(load(tmp_path / "club.yaml"))
    assert views.ix.member_roles("club") == {"member", "participant"}
    assert views.ix.count_words("club", D(1978, 1, 1)) == "2 + 1 lead"


# --- partial dates keep their precision -------------------------------------------------------------


def test_a_month_stays_a_month_in_the_growth_pane_its_chart_and_its_csv(club):
    rows = club.source("growth").select(None)
    assert "1978-06" in [display(r.cells[0]) for r in rows]
    assert "1978-06-01" not in pane_csv(club, "growth", None)
    assert "1978-06" in [r["Date"] for r in rows_of(pane_csv(club, "growth", None))]
    from tui.views.growth import series

    point = next(p for p in series(club.ix, "club") if p.label == "1978-06")
    assert point.until == D(1978, 6, 30)  # the whole month is uncertain


# --- former names everywhere -----------------------------------------------------------------------


def test_a_coalition_is_called_by_the_name_it_bore_on_the_date_shown(renamed):
    day = D(2005, 6, 1)
    assert [c.heading for c in renamed.source("countries").columns_at(day)][2] == "G8"
    assert [c.heading for c in renamed.source("countries").columns_at(D(2020, 1, 1))][2] == "G7"
    assert "G8 24" in [display(r.cells[0]) for r in renamed.source("meetings").select(day)]
    assert "G8" in pane_csv(renamed, "countries", day).splitlines()[0]
    assert renamed.summary(day).startswith("G8 2")
    from tui.views.growth import chart

    assert chart(renamed.ix, "g7", day, 40, 3)[0].startswith("G8 members")
    renamed.set_changes_from(D(1998, 1, 1))
    texts = [r["text"] for r in rows_of(pane_csv(renamed, "changes", day))]
    assert any("joined G8" in t for t in texts)


# --- every pane follows the as-of date ---------------------------------------------------------------


def test_the_roadmap_follows_the_as_of_date(club):
    before, after = pane_csv(club, "roadmap", D(2000, 1, 1)), pane_csv(club, "roadmap", D(2008, 1, 1))
    assert "First tools" in before and "Second tools" not in before
    assert "Second tools" in after
    assert pane_csv(club, "roadmap", D(1980, 1, 1)).count("\n") == 1  # not begun: the header only


def test_the_bundled_roadmap_differs_by_date(frozen):
    views = Views(frozen)
    early, late = pane_csv(views, "roadmap", D(2023, 6, 30)), pane_csv(views, "roadmap", views.latest)
    assert early != late
    assert "2024-" not in early.split("\n", 1)[1]  # no milestone of 2024 yet


# --- the Changes pane is diff ----------------------------------------------------------------------


def test_the_changes_pane_is_diff_for_its_interval(frozen, capsys):
    views = Views(frozen)
    start, end = D(2023, 6, 1), D(2023, 7, 31)
    views.set_changes_from(start)
    pane = pane_csv(views, "changes", end)
    assert main(["--data", str(Path(__file__).resolve().parent.parent / "data" / "frozen"), "--no-cache", "diff",
                 "--from", start.isoformat(), "--to", end.isoformat(), "--format", "csv"]) == 0
    assert pane == capsys.readouterr().out
    rows = rows_of(pane)
    dated = [r for r in rows if r["date"] and r["possibly"] == "false"]
    assert [r["date"] for r in dated] == sorted(r["date"] for r in dated)  # date order
    groups = [0 if r["date"] and r["possibly"] == "false" else 1 if r["possibly"] == "true" else 2 for r in rows]
    assert groups == sorted(groups)  # dated, then possibly, then unknown


def test_undated_spells_of_coalitions_founded_later_are_not_listed(club):
    from tui.core.changes import between

    assert all(c.coalition != "works" for c in between(club.ds, D(1976, 1, 1), D(1980, 1, 1)))


# --- every mark reaches the CSV as data ----------------------------------------------------------------


def test_marks_are_columns_never_glued_to_values(frozen, bundled):
    views = Views(frozen)
    countries = rows_of(pane_csv(views, "countries", views.latest))
    cy = next(r for r in countries if r["id"] == "CY")
    shown = next(r for r in views.source("countries").select(views.latest) if r.id == "CY")
    keys = [c.key for c in views.source("countries").columns]
    if shown.cells[keys.index("udcg")].unconfirmed:
        assert cy["udcg_unconfirmed"] == "true" and not cy["UDCG"].endswith("?")
    live = Views(bundled)  # the frozen copy holds no quote that reaches us through a translation
    quotes = rows_of(pane_csv(live, "quotes", None))
    via = [q for q in live.ds.quotes if q.via]
    assert via and all(next(r for r in quotes if r["id"] == q.id)["kind_via"] == "true" for q in via)
    assert all(next(r for r in quotes if r["id"] == q.id)["kind_via"] == "false" for q in live.ds.quotes if not q.via)
    meetings = rows_of(pane_csv(views, "meetings", views.latest))
    counted = [r for r in meetings if r["Participants"]]
    assert counted and all(r["Participants"].isdigit() for r in counted)
    assert {r["participants_qualifier"] for r in counted} - {"", "exact", "about", "nearly", "more-than",
                                                              "at-least", "up-to", "unstated"} == set()
    featured = next(r for r in meetings if r["id"] == "udcg-25")
    assert featured["meeting_featured"] == "true" and featured["Meeting"] == "UDCG 25"
    disputed = rows_of(pane_csv(live, "meetings", None))
    about = {rid for kind, rid in live.ix.claims_about if kind == "meeting"}
    assert about and {r["id"] for r in disputed if r["meeting_conflict"] == "true"} == about


@pytest.mark.parametrize("pane", [p.id for p in PANES])
def test_every_pane_csv_matches_its_rows(frozen, pane):
    """The CSV of a pane has one row per row on screen, in the same order, and every mark a cell
    shows on screen is true in its mark column."""
    views = Views(frozen)
    rows = list(views.source(pane).select(views.latest))
    out = rows_of(pane_csv(views, pane, views.latest))
    assert len(out) == len(rows)
    spec = next(p for p in PANES if p.id == pane)
    if spec.csv is not None:
        return
    columns = views.source(pane).columns_at(views.latest)
    for row, line in zip(rows, out):
        assert line["id"] == row.id
        for c, cell in zip(columns, row.cells):
            for mark in c.marks:
                value = line[f"{c.key}_{mark}"]
                assert (value not in ("", "false")) == bool(cell.mark(mark)), (pane, row.id, c.key, mark)


def test_an_office_names_its_organisation_once(bundled):
    views = Views(bundled)
    words = []
    for p in views.ds.people:
        detail = views.detail("person", p.id)
        words += [line.text for _, lines in detail.sections for line in lines]
    for code in ("DE", "GB"):
        detail = views.detail("timeline", code)
        words += [line.text for _, lines in detail.sections for line in lines]
    for text in words:
        for org in {r.organisation for p in views.ds.people for r in p.roles if r.organisation}:
            assert text.count(org) <= 1, text


def test_statement_lines_in_details_carry_their_marks(bundled):
    from tui.views.lines import shown

    views = Views(bundled)
    q = next(q for q in views.ds.quotes if q.via)
    person = views.detail("person", q.speaker)
    line = next(line for _, lines in person.sections for line in lines if line.link == ("quote", q.id))
    assert line.via == q.via and "⇄" in shown(line)
    assert ("(unconfirmed)" in shown(line)) == q.unconfirmed


def test_countries_count_the_coalitions_they_are_members_of_on_the_date(club):
    """Issue 22: a numeric, sortable count, as of the date shown, of membership roles only."""
    keys = [c.key for c in club.source("countries").columns]
    at = keys.index("coalitions")
    rows = {r.id: r for r in club.source("countries").select(D(2000, 1, 1))}
    assert rows["DK"].cells[at].value == 2          # a member of the club, the lead of its works
    assert rows["EU"].cells[at].value == 0          # a participant where participants are not members
    early = {r.id: r for r in club.source("countries").select(D(1976, 1, 1))}
    assert early["DK"].cells[at].value == 0        # not yet joined
    ordered = [r.id for r in club.source("countries").select(D(2000, 1, 1), sort="coalitions", reverse=True)]
    assert ordered[0] == "DK"


def test_the_latest_date_is_the_audits_newest_date():
    """The dashboard's default as-of date and the audit's 'newest date in the data' are one
    fact: John Healey left office on 2026-06-11, after the last meeting (2026-02-12), and the
    dashboard opened on 2026-02-12 with him still in office while the audit said 2026-06-11."""
    from tui.core.audit import audit
    from tui.core.dates import date_start

    ds = load(Path(__file__).resolve().parents[2] / "data")
    assert Views(ds).latest == date_start(audit(ds).newest)
    people_dates = [date_start(d) for p in ds.people for r in p.roles for d in (r.since, r.until) if d]
    assert Views(ds).latest >= max(people_dates)
