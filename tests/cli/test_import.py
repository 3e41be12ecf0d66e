"""coalition-tui import wikidata: entity JSON and SPARQL results JSON in, a dataset that our loader
validates out; the rules of issue 23 (ranks, snaks, precision, ISO codes, references); --into and
--write never change a user's file; the NATO comparison against the bundled memberships."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tui.cli import main
from tui.data.load import load

FIX = Path(__file__).parents[1] / "data" / "import"
ENTITIES = FIX / "wikidata-nato-entities.json"
SPARQL = FIX / "wikidata-nato-sparql.json"
PAGES = {"https://billcolitsas74.blogspot.com/2011/11/member-states-of-nato.html",
         "https://de.alegsaonline.com/art/68747",
         "https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/NATO"}


def _import(capsys, *args):
    code = main(["import", "wikidata", *map(str, args), "--date", "2026-12-03"])
    out, err = capsys.readouterr()
    return code, out, err


def _spells(ds):
    urls = {s.id: s.url for s in ds.sources}
    return {m.country: (m.coalition, m.since, m.until, sorted(urls[r.source] for r in m.sources))
            for m in ds.memberships}


@pytest.mark.parametrize("fixture", [ENTITIES, SPARQL])
def test_nato_fixture_imports_into_a_valid_dataset(tmp_path, capsys, fixture):
    code, _, err = _import(capsys, fixture, "-o", tmp_path / "out", "--coalition", "Q7184=nato")
    assert code == 0, err
    written = tmp_path / "out" / "imported-wikidata-2026-12-03.yaml"
    assert f"wrote {written}" in err and "27 countries, 1 coalitions, 27 memberships" in err
    ds = load(tmp_path / "out")
    spells = _spells(ds)
    assert len(spells) == 27 and {c for c, *_ in spells.values()} == {"nato"}
    assert spells["DE"][:3] == ("nato", "1955-05-09", None)
    assert spells["HU"][1] == "1999" and spells["MK"][1] == "2020-03-27"    # precision 9 and 11
    assert {u for *_, urls in spells.values() for u in urls} == PAGES      # only the statements' P854
    assert [c.name for c in ds.coalitions] == ["North Atlantic Treaty Organization"]
    assert {c.id: c.name for c in ds.countries}["GB"] == "United Kingdom"
    assert {s.tier for s in ds.sources if s.url.startswith("https://www.wikidata.org/wiki/Q")} == {"mirror"}


def test_both_formats_give_the_same_memberships(tmp_path, capsys):
    for name, fixture in (("a", ENTITIES), ("b", SPARQL)):
        assert _import(capsys, fixture, "-o", tmp_path / name, "--coalition", "Q7184=nato")[0] == 0
    assert _spells(load(tmp_path / "a")) == _spells(load(tmp_path / "b"))


def test_nato_comparison_with_the_bundled_memberships(tmp_path, capsys, bundled):
    """Into a copy of the bundled data: nothing to add, no record changed, and where the pages'
    dates differ from the bundled ones the report says so (it does not force agreement)."""
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", tmp_path / "data")
    code, out, err = _import(capsys, ENTITIES, "--into", tmp_path / "data", "--coalition", "Q7184=nato")
    assert code == 0
    assert out == "no differences\n"                      # `diff OLD NEW`: no date (nor anything) changed
    assert "skipped 27: memberships already in the dataset" in err
    reported = sorted(line.strip() for line in err.splitlines() if line.strip().startswith("nato-"))
    bundled_since = {m.country: m.since for m in bundled.memberships if m.coalition == "nato" and m.role == "member"}
    assert bundled_since["DE"] == "1955-05-06"
    assert reported == [
        "nato-CZ: since: the dataset has 1999-03-12, the input 1999 (less precise, and agrees); the dataset's is kept",
        "nato-DE: since: the dataset has 1955-05-06, the input 1955-05-09 (differs); the dataset's is kept",
        "nato-HU: since: the dataset has 1999-03-12, the input 1999 (less precise, and agrees); the dataset's is kept",
        "nato-PL: since: the dataset has 1999-03-12, the input 1999 (less precise, and agrees); the dataset's is kept",
    ]
    # every other country of the fixture has the bundled date exactly
    fixture = _spells(load_fixture(tmp_path, capsys))
    same = [c for c, (_, since, *_) in fixture.items() if bundled_since.get(c) == since]
    assert len(same) == 27 - 4


def load_fixture(tmp_path, capsys):
    assert _import(capsys, ENTITIES, "-o", tmp_path / "fixture", "--coalition", "Q7184=nato")[0] == 0
    return load(tmp_path / "fixture")


def test_into_prints_the_diff_and_writes_only_with_write(tmp_path, capsys):
    shutil.copytree(Path(__file__).parents[1] / "data" / "frozen", tmp_path / "d")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "d").iterdir()}
    code, out, err = _import(capsys, ENTITIES, "--into", tmp_path / "d", "--coalition", "Q7184=nato")
    assert code == 0 and "nothing written: --write adds" in err
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == sorted(before)
    code, out2, err = _import(capsys, ENTITIES, "--into", tmp_path / "d", "--coalition", "Q7184=nato", "--write")
    assert code == 0 and out2 == out
    new = tmp_path / "d" / "imported-wikidata-2026-12-03.yaml"
    assert new.exists()
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "d").iterdir() if p != new} == before
    ds = load(tmp_path / "d")                               # the folder still loads, with the additions
    assert len(ds.memberships) > 0
    # a second run would need the same file name: refused, the file left as it is
    first = new.read_bytes()
    code, _, err = _import(capsys, ENTITIES, "--into", tmp_path / "d", "--coalition", "Q7184=nato", "--write")
    assert code == 2 and "never rewrites a file" in err and new.read_bytes() == first


def test_output_folder_that_holds_a_dataset_is_refused(tmp_path, capsys):
    (tmp_path / "x.yaml").write_text("countries: []\n")
    code, _, err = _import(capsys, ENTITIES, "-o", tmp_path)
    assert code == 2 and "--into" in err
    code, _, err = _import(capsys, ENTITIES, "--into", tmp_path / "x.yaml", "--write")
    assert code == 2 and "give the dataset's folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml"]


def _snak_time(time, precision, calendar="http://www.wikidata.org/entity/Q1985727"):
    return [{"snaktype": "value", "property": "P580", "datavalue": {"type": "time", "value": {
        "time": time, "precision": precision, "calendarmodel": calendar}}}]


def _stmt(org="Q900000009", rank="normal", start=None, end=None, refs=(), snaktype="value"):
    main = {"snaktype": snaktype, "property": "P463"}
    if snaktype == "value":
        main["datavalue"] = {"type": "wikibase-entityid", "value": {"id": org}}
    quals = {}
    if start:
        quals["P580"] = _snak_time(*start)
    if end:
        quals["P582"] = _snak_time(*end)
    return {"mainsnak": main, "rank": rank, "qualifiers": quals,
            "references": [{"snaks": {"P854": [{"snaktype": "value", "datavalue": {"value": u}}]}} for u in refs]}


def _item(qid, label, iso, *statements):
    claims = {"P463": list(statements)}
    if iso:
        claims["P297"] = [{"mainsnak": {"snaktype": "value", "datavalue": {"value": iso}}, "rank": "normal"}]
    return {"type": "item", "id": qid, "labels": {"en": {"value": label}}, "claims": claims}


RULES = {"entities": {
    "Q900000001": _item("Q900000001", "Testland", "TL",
                        _stmt(start=("+2001-02-03T00:00:00Z", 11), refs=["https://example.org/a"]),
                        _stmt(rank="deprecated", start=("+1990-00-00T00:00:00Z", 9)),
                        _stmt(snaktype="novalue"), _stmt(snaktype="somevalue")),
    "Q900000002": _item("Q900000002", "Old Testland", None, _stmt(start=("+1900-00-00T00:00:00Z", 9))),
    "Q900000003": _item("Q900000003", "Monthland", "MT",
                        _stmt(start=("+2010-05-00T00:00:00Z", 10), end=("+2015-00-00T00:00:00Z", 9))),
    "Q900000004": _item("Q900000004", "Decadeland", "DC",
                        _stmt(start=("+1950-00-00T00:00:00Z", 8)),
                        _stmt(org="Q900000010", start=("+1700-03-01T00:00:00Z", 11,
                                                        "http://www.wikidata.org/entity/Q1985786"))),
    "Q900000005": _item("Q900000005", "Rankland", "RK",
                        _stmt(start=("+2000-00-00T00:00:00Z", 9), refs=["https://example.org/normal"]),
                        _stmt(rank="preferred", start=("+2000-06-01T00:00:00Z", 11), refs=["https://example.org/pref"])),
    "Q900000009": {"type": "item", "id": "Q900000009", "labels": {"en": {"value": "Test Pact"}}, "claims": {}},
}}


def test_the_rules_on_constructed_items(tmp_path, capsys):
    (tmp_path / "rules.json").write_text(json.dumps(RULES))
    code, _, err = _import(capsys, tmp_path / "rules.json", "-o", tmp_path / "out")
    assert code == 0, err
    for line in ("skipped 1: deprecated statements", "skipped 1: novalue statements", "skipped 1: somevalue statements",
                 "skipped 1: statements of items without an ISO code (historical states)",
                 "Q900000002 (Old Testland) has no ISO 3166-1 alpha-2 code (P297)",
                 "skipped 1: statements overlapping one kept before (the first kept)"):
        assert line in err
    ds = load(tmp_path / "out")
    by = {(m.country, m.coalition): m for m in ds.memberships}
    assert by[("TL", "Q900000009")].since == "2001-02-03"
    assert by[("MT", "Q900000009")].since == "2010-05" and by[("MT", "Q900000009")].until == "2015"
    decade = by[("DC", "Q900000009")]
    assert decade.since is None and "precision 8" in decade.note
    julian = by[("DC", "Q900000010")]
    assert julian.since is None and "Julian" in julian.note
    assert by[("RK", "Q900000009")].since == "2000-06-01"                # preferred wins the overlap
    urls = {s.id: s for s in ds.sources}
    assert [urls[r.source].url for r in by[("RK", "Q900000009")].sources] == ["https://example.org/pref"]
    unsourced = urls[by[("MT", "Q900000009")].sources[0].source]          # no references: the item, as a mirror
    assert (unsourced.url, unsourced.tier) == ("https://www.wikidata.org/wiki/Q900000003", "mirror")
    assert {c.id: c.name for c in ds.coalitions} == {"Q900000009": "Test Pact", "Q900000010": "Q900000010"}


def test_hostile_labels_are_refused_by_our_loader_and_nothing_is_written(tmp_path, capsys):
    bad = json.loads(json.dumps(RULES))
    bad["entities"]["Q900000001"]["labels"]["en"]["value"] = "Test\u202eland\x1b[31m"
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    code, out, err = _import(capsys, tmp_path / "bad.json", "-o", tmp_path / "out")
    assert code == 1 and "nothing was written" in err and "imported-wikidata-2026-12-03.yaml:" in err
    assert "\x1b" not in err and "\u202e" not in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_bad_input_is_one_clear_line(tmp_path, capsys):
    (tmp_path / "x.json").write_text("{\"not\": 1}")
    (tmp_path / "y.json").write_text("{oops")
    for path, words in ((tmp_path / "x.json", "neither Wikidata entity JSON"), (tmp_path / "y.json", "y.json:1:2: not JSON"),
                        (tmp_path / "missing.json", "cannot read")):
        code, out, err = _import(capsys, path, "-o", tmp_path / "o")
        assert code == 2 and words in err and "Traceback" not in err and out == ""


def test_print_query_asks_for_every_variable_and_rank(capsys):
    assert main(["import", "wikidata", "--print-query", "Q7184", "Q458"]) == 0
    query = capsys.readouterr().out
    select = query[query.index("SELECT"):query.index("WHERE")]
    from tui.imports.wikidata import QUERY_VARIABLES

    assert select.split()[1:] == ["?" + v for v in QUERY_VARIABLES]
    for part in ("VALUES ?org { wd:Q7184 wd:Q458 }", "p:P463 ?statement", "ps:P463 ?org", "wikibase:rank ?rank",
                 "pqv:P580", "pqv:P582", "wikibase:timePrecision ?startPrecision", "pr:P854 ?ref", "wdt:P297 ?iso"):
        assert part in query
    assert main(["import", "wikidata", "--print-query"]) == 0    # no QID: every item with an ISO code
    assert "  ?country wdt:P297 ?iso ." in capsys.readouterr().out
    assert main(["import", "wikidata", "--print-query", "Q7184; DROP"]) == 2
    assert "not a Wikidata item id" in capsys.readouterr().err
