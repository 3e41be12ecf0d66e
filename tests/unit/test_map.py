"""The Map's shapes and drawing (tui/views/map.py): the committed asset is what the derivation
script makes of the committed Natural Earth files, the source's faults are fixed (codes, Crimea,
Northern Cyprus, Somaliland), and the drawing shades each country by its state, readable without
colour."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tui.views import map as worldmap

ROOT = Path(__file__).resolve().parents[2]


def _derive():
    spec = importlib.util.spec_from_file_location("derive_map", ROOT / "tools" / "derive_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the asset ----------------------------------------------------------------------------------

def test_the_derivation_script_reproduces_the_committed_asset_byte_for_byte():
    derive = _derive()
    data = derive.asset()
    assert data == worldmap.ASSET.read_bytes()
    assert derive.notice(data) == worldmap.ASSET.with_name("map_shapes.txt").read_text(encoding="utf-8")
    assert 8_000 < len(data) < 16_500


def test_the_asset_names_its_source_version_and_licence():
    text = worldmap.ASSET.with_name("map_shapes.txt").read_text(encoding="utf-8")
    assert "Natural Earth" in text and "4.1.0" in text and "public domain" in text
    readme = (ROOT / "tools" / "map" / "README.md").read_text(encoding="utf-8")
    assert "4.1.0" in readme and "public domain" in readme


@pytest.mark.parametrize(("iso", "lon", "lat", "place"), [
    ("UA", 34.10, 44.95, "Simferopol"),
    ("UA", 33.52, 44.60, "Sevastopol"),
    ("UA", 30.52, 50.45, "Kyiv"),
    ("RU", 37.62, 55.75, "Moscow"),
    ("RU", 38.98, 45.04, "Krasnodar"),
    ("FR", 2.35, 48.86, "Paris"),
    ("NO", 10.75, 59.91, "Oslo"),
    ("CY", 33.32, 35.30, "Kyrenia (Northern Cyprus)"),
    ("CY", 33.00, 34.80, "Limassol"),
    ("SO", 44.06, 9.56, "Hargeisa (Somaliland)"),
    ("SO", 45.32, 2.05, "Mogadishu"),
])
def test_a_place_lies_in_the_country_of_its_internationally_recognised_borders(iso, lon, lat, place):
    holders = [code for code in worldmap.shapes().codes() if worldmap.contains(code, lon, lat)]
    assert holders == [iso], place


def test_every_shape_is_keyed_by_an_iso_alpha_2_code_and_small_states_have_none():
    codes = worldmap.shapes().codes()
    assert all(len(c) == 2 and c.isalpha() and c.isupper() for c in codes)
    assert {"FR", "NO", "UA", "RU", "US", "XK"} <= set(codes)
    assert "MT" not in codes and "LI" not in codes


def test_the_derivation_moves_crimea_out_of_russia_and_only_crimea():
    derive = _derive()
    shapes = derive.countries()
    assert not any(derive.in_crimea(*p) for ring in shapes["RU"] for p in ring)
    crimea = [ring for ring in shapes["UA"] if all(derive.in_crimea(*p) for p in ring)]
    assert len(crimea) == 1


# --- drawing ------------------------------------------------------------------------------------

SIZES = [(1, 1), (10, 3), (80, 24), (160, 48), (200, 60), (317, 91)]
BIG = {"US": "lead", "CA": "member", "BR": "other", "AU": "left", "CN": "unconfirmed", "IN": "none"}


@pytest.mark.parametrize("frame", [f.key for f in worldmap.FRAMES])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_map_fills_exactly_the_cells_it_is_given_with_half_blocks_and_no_braille(frame, width, height):
    picture = worldmap.draw(frame, width, height, BIG)
    text = picture.text()
    assert len(text) == height and all(len(line) == width for line in text)
    assert len(picture.cells) == height and all(len(row) == width for row in picture.cells)
    used = set("".join(text))
    assert used <= set(worldmap.FULL.values()) | {" ", "▀", "▄"}
    assert not any(0x2800 <= ord(ch) <= 0x28FF for ch in used)
    styles = {style for line in picture.lines for _, style in line}
    assert styles <= {worldmap.SEA} | {worldmap.style_of(s) for s in worldmap.STATES}


def test_each_state_has_characters_of_its_own_so_the_map_reads_without_colour():
    picture = worldmap.draw("world", 160, 48, BIG)
    by_state: dict[str, set[str]] = {}
    for row, line in enumerate(picture.text()):
        for col, ch in enumerate(line):
            iso = picture.cells[row][col]
            if iso is not None:
                by_state.setdefault(BIG.get(iso, "none"), set()).add(ch)
    assert set(by_state) == set(worldmap.STATES)
    for state, chars in by_state.items():
        for other, theirs in by_state.items():
            if other != state:
                assert not chars & theirs, (state, other, chars & theirs)
    assert by_state["member"] <= {"█", "▀", "▄"}
    assert [ch for ch, _, _ in worldmap.legend()] == [worldmap.FULL[s] for s, _ in worldmap.LEGEND]


@pytest.mark.parametrize(("state", "glyph"), [("member", "█"), ("left", "╱"), ("unconfirmed", "?"),
                                               ("lead", "▓"), ("none", "░")])
def test_simferopol_shades_with_ukraine_in_ukraines_state(state, glyph):
    states = {"UA": state, "RU": "member" if state != "member" else "left"}
    col, row = worldmap.cell_of("euro-atlantic", 200, 60, 34.10, 44.95)
    picture = worldmap.draw("euro-atlantic", 200, 60, states)
    assert picture.cells[row][col] == "UA"
    assert picture.text()[row][col] == glyph
    moscow = worldmap.cell_of("euro-atlantic", 200, 60, 37.62, 55.75)
    assert picture.cells[moscow[1]][moscow[0]] == "RU"


def test_a_country_too_small_to_draw_is_listed_and_drawn_when_there_is_room():
    states = {"LU": "member", "MT": "member", "EU": "member", "JP": "member", "DE": "none"}
    small = worldmap.draw("world", 80, 24, states)
    assert "LU" in small.too_small and "LU" not in {c for row in small.cells for c in row}
    assert small.no_shape == ["EU", "MT"]
    large = worldmap.draw("euro-atlantic", 317, 91, states)
    assert "LU" not in large.too_small and "LU" in {c for row in large.cells for c in row}
    assert large.outside == ["JP"] and large.no_shape == ["EU", "MT"]


def test_a_stronger_state_wins_a_shared_cell():
    """Where a member and a neighbour that is not one share a cell, the member shows."""
    weak = worldmap.draw("world", 80, 24, {"LU": "none", "BE": "none", "DE": "none", "FR": "none"})
    strong = worldmap.draw("world", 80, 24, {"LU": "member", "BE": "none", "DE": "none", "FR": "none"})
    assert "LU" not in {c for row in weak.cells for c in row}
    assert sum(row.count("LU") for row in strong.cells) >= sum(row.count("LU") for row in weak.cells)


def test_the_shapes_are_read_only_when_a_map_is_drawn():
    code = ("import sys, tui.ui.app, tui.views.map as m; "
            "print(m.shapes.cache_info().currsize); m.draw('world', 20, 10, {}); print(m.shapes.cache_info().currsize)")
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "1"]


@pytest.mark.parametrize(("frame", "width", "height"), [("world", 80, 24), ("euro-atlantic", 160, 48)])
def test_map_text_snapshot(frame, width, height, snapshot):
    nato = {iso: "member" for iso in "BE CA DK FR IS IT LU NL NO PT GB DE GR TR ES PL FI SE".split()}
    states = nato | {"US": "lead", "UA": "unconfirmed", "AT": "other", "IE": "left"}
    picture = worldmap.draw(frame, width, height, states)
    assert "\n".join(picture.text()) + f"\nnot drawn: {picture.too_small}" == snapshot


# --- states from a dataset ----------------------------------------------------------------------

D = __import__("datetime").date
DATA = ROOT / "tests" / "data"


def test_a_countrys_shade_follows_its_memberships_as_of_a_date():
    """Australia was in the Quad from 2007-05, stepped back on 2008-02-05, was back on 2017-11-12."""
    from tui.data.load import load
    from tui.views.index import Index

    ix = Index(load(DATA / "quad.yaml"))
    assert "AU" not in worldmap.states_on(ix, "quad", D(2007, 1, 1))
    assert worldmap.states_on(ix, "quad", D(2007, 6, 1))["AU"] == "member"
    assert worldmap.states_on(ix, "quad", D(2008, 2, 5))["AU"] == "member"
    assert worldmap.states_on(ix, "quad", D(2008, 2, 6))["AU"] == "left"
    assert worldmap.states_on(ix, "quad", D(2020, 1, 1))["AU"] == "member"
    sydney = worldmap.cell_of("world", 160, 48, 146.0, -30.0)
    glyphs = [worldmap.draw("world", 160, 48, worldmap.states_on(ix, "quad", day)).text()[sydney[1]][sydney[0]]
              for day in (D(2007, 1, 1), D(2007, 6, 1), D(2010, 1, 1), D(2020, 1, 1))]
    assert glyphs == ["░", "█", "╱", "█"]
    assert worldmap.change_dates(ix, "quad") == [D(2007, 5, 1), D(2008, 2, 6), D(2017, 11, 12)]


def test_roles_shade_lead_member_other_and_unconfirmed_wins(bundled):
    from tui.views.index import Index

    ix = Index(bundled)
    udcg = worldmap.states_on(ix, "udcg", D(2026, 11, 1))
    assert udcg["DE"] == udcg["GB"] == "lead" and udcg["US"] == udcg["PL"] == "member"
    assert worldmap.states_on(ix, "udcg", D(2022, 6, 1))["US"] == "lead"
    doubtful = {m.country for m in bundled.memberships if m.coalition == "udcg" and m.unconfirmed}
    assert doubtful and all(udcg[c] == "unconfirmed" for c in doubtful)
    assert sum(1 for s in udcg.values() if s == "unconfirmed") == ix.member_count("udcg", D(2026, 11, 1))[1]
    nato = worldmap.states_on(ix, "nato", D(2023, 4, 3))
    assert "FI" not in nato and worldmap.states_on(ix, "nato", D(2023, 4, 4))["FI"] == "member"
    observer = bundled.model_copy(update={"memberships": [
        m.model_copy(update={"role": "observer"}) if (m.country, m.coalition) == ("PL", "udcg") else m
        for m in bundled.memberships]})
    assert worldmap.states_on(Index(observer), "udcg", D(2026, 11, 1))["PL"] == "other"


def test_the_list_beside_the_map_names_every_country_the_picture_leaves_out():
    states = {"LU": "member", "MT": "unconfirmed", "EU": "member", "JP": "lead", "DE": "member", "CH": "none"}
    names = {"LU": "Luxembourg", "MT": "Malta", "EU": "European Union", "JP": "Japan", "DE": "Germany"}
    picture = worldmap.draw("euro-atlantic", 80, 24, states)
    listed = worldmap.not_drawn(picture, states, names.get)
    assert [(x.iso, x.why) for x in listed] == [
        ("MT", "no shape at 1:110m"), ("JP", "outside this frame"),
        ("EU", "not a country"), ("LU", "too small at this size")]
    shown = {c for row in picture.cells for c in row}
    assert all(x.iso not in shown for x in listed) and "DE" in shown


def test_the_maps_export_lists_every_country_with_its_state_and_where_it_is_drawn(bundled):
    """The Map pane's CSV (what e and export --pane map write), read from the pane's own rows."""
    import csv
    import io

    from tui.export.data import pane_csv
    from tui.views import Views

    views = Views(bundled)
    views.set_map_coalition("udcg")
    rows = list(csv.DictReader(io.StringIO(pane_csv(views, "map", D(2025, 12, 16)))))
    assert {r["id"] for r in rows} == set(views.ix.countries)
    by = {r["id"]: r for r in rows}
    # in the words of the screen and the list beside the map (with no picture drawn: whether it has a shape)
    assert (by["MT"]["State"], by["MT"]["On the map"]) == ("unconfirmed", "no shape at 1:110m")
    assert by["FR"]["On the map"] == "has a shape"
    assert by["DE"]["State"] == "lead or co-lead" and by["PL"]["State"] == "member"
    states = [r["State"] for r in rows]
    order = [worldmap.STATE_WORDS[s] for s in worldmap.STATES]  # strongest first
    assert states == sorted(states, key=order.index)

def test_a_member_that_is_not_a_country_is_said_to_be_none():
    """The EU, the UN and an organisation under a user-assigned code are no country to draw;
    Kosovo's user-assigned XK is a country; Malta is a country with no shape at 1:110m."""
    assert [worldmap.is_country(c) for c in ("EU", "UN", "EZ", "XA", "QM", "ZZ", "AA")] == [False] * 7
    assert [worldmap.is_country(c) for c in ("XK", "FR", "MT", "QA", "AU")] == [True] * 5
    picture = worldmap.draw("euro-atlantic", 80, 24, {"EU": "member", "XA": "member", "MT": "member"})
    assert [worldmap.place(picture, c) for c in ("EU", "XA", "MT", "JP", "LU", "DE")] == [
        "not a country", "not a country", "no shape at 1:110m", "outside this frame", "too small at this size", "yes"]
    assert worldmap.place(None, "DE") == "has a shape" and worldmap.place(None, "EU") == "not a country"
