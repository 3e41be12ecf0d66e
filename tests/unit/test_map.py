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
