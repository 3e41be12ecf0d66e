"""Citations: the sources as CSL-JSON, BibTeX and RIS (all, or those behind one record), the
dataset's own citation (`coalition-tui cite`), and the text rules they go through."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import rispy
from hypothesis import given, strategies as st

from tui.cli import main
from tui.core.text import for_bibtex, for_bibtex_url, for_ris
from tui.export.cite import Item, bibtex, ris

DATA = Path(__file__).parents[1] / "data"


def _run(capsys, *args):
    code = main(["--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_bibtex_of_every_bundled_source_parses_with_bibtexparser(capsys, bundled):
    code, out, _ = _run(capsys, "export", "--format", "bibtex")
    assert code == 0
    lib = bibtexparser.parse_string(out)
    assert lib.failed_blocks == []
    assert [e.key for e in lib.entries] == [s.id for s in bundled.sources]
    by_key = {e.key: e for e in lib.entries}
    for src in bundled.sources:
        fields = {f.key: f.value for f in by_key[src.id].fields}
        assert fields["title"] == "{" + for_bibtex(src.title) + "}"
        assert fields.get("url") == (for_bibtex_url(src.url) if src.url else None)
        assert fields.get("urldate") == src.accessed


def test_ris_of_every_bundled_source_parses_with_rispy(capsys, bundled):
    code, out, _ = _run(capsys, "export", "--format", "ris")
    assert code == 0
    records = rispy.loads(out)
    assert [r["id"] for r in records] == [s.id for s in bundled.sources]
    for rec, src in zip(records, bundled.sources):
        assert rec["title"] == src.title
        assert rec.get("urls", [None])[0] == src.url
        assert rec.get("publisher") == src.publisher


def test_csl_json_of_every_bundled_source(capsys, bundled):
    code, out, _ = _run(capsys, "export", "--format", "csl-json")
    assert code == 0
    items = json.loads(out)
    assert [i["id"] for i in items] == [s.id for s in bundled.sources]
    for item, src in zip(items, bundled.sources):
        assert item["title"] == src.title and item["type"] in ("webpage", "document")
        if src.published:
            assert "-".join(f"{p:02d}" if k else str(p) for k, p in
                            enumerate(item["issued"]["date-parts"][0])) == src.published
        assert item.get("URL") == src.url


def test_select_gives_the_sources_behind_one_record(capsys, bundled):
    rec = next(m for m in bundled.memberships if len({r.source for r in m.sources}) > 1)
    code, out, _ = _run(capsys, "export", "--format", "csl-json", "--select", f"membership:{rec.id}")
    assert code == 0
    assert [i["id"] for i in json.loads(out)] == list(dict.fromkeys(r.source for r in rec.sources))
    # a person's sources include those of their roles
    person = next(p for p in bundled.people if p.roles)
    code, out, _ = _run(capsys, "export", "--format", "ris", "--select", f"person:{person.id}")
    wanted = {r.source for r in person.sources} | {r.source for role in person.roles for r in role.sources}
    assert {r["id"] for r in rispy.loads(out)} == wanted


def test_select_errors_are_one_line_and_exit_2(capsys):
    for args, words in ((["--format", "bibtex", "--select", "membership:no-such"], "no membership with id"),
                        (["--format", "bibtex", "--select", "nato-DE"], "is not KIND:ID"),
                        (["--format", "json", "--select", "membership:nato-DE"], "--select works with")):
        code, out, err = _run(capsys, "export", *args)
        assert (code, out) == (2, "") and words in err and "Traceback" not in err


def test_cite_the_dataset_with_and_without_version_and_publisher(capsys, tmp_path):
    code, out, _ = _run(capsys, "--data", str(DATA / "mini.yaml"), "cite")
    assert (code, out) == (0, "Mini. Version 2026-11-25. Last checked 2026-11-25.\n")
    text = (DATA / "mini.yaml").read_text(encoding="utf-8").replace(
        "  last_checked: 2026-11-25\n", "  last_checked: 2026-11-25\n  version: '1.2'\n"
        "  publisher: Example {Group} & Co\n", 1)
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    code, out, _ = _run(capsys, "--data", str(tmp_path / "d.yaml"), "cite")
    assert out == "Mini. Version 1.2. Example {Group} & Co. Last checked 2026-11-25.\n"
    code, out, _ = _run(capsys, "--data", str(tmp_path / "d.yaml"), "cite", "--format", "bibtex")
    entry = bibtexparser.parse_string(out).entries[0]
    assert entry.entry_type == "dataset"
    assert {f.key: f.value for f in entry.fields}["author"] == r"{Example \{Group\} \& Co}"
    code, out, _ = _run(capsys, "--data", str(tmp_path / "d.yaml"), "cite", "--format", "csl-json")
    assert json.loads(out)[0]["version"] == "1.2" and json.loads(out)[0]["author"] == [{"literal": "Example {Group} & Co"}]


@given(st.text(min_size=1))
def test_no_title_escapes_its_bibtex_field(title):
    lib = bibtexparser.parse_string(bibtex(Item(key="k", title=title, kind="document")))
    assert lib.failed_blocks == [] and len(lib.entries) == 1
    assert {f.key: f.value for f in lib.entries[0].fields}["title"] == "{" + for_bibtex(title) + "}"
    depth = 0
    for i, ch in enumerate(for_bibtex(title)):  # braces balance at every point (none closes the field)
        if ch in "{}" and (i == 0 or for_bibtex(title)[i - 1] != "\\"):
            depth += 1 if ch == "{" else -1
            assert depth >= 0
    assert depth == 0


@given(st.text(min_size=1), st.text())
def test_no_ris_value_starts_a_tag_of_its_own(title, publisher):
    records = rispy.loads(ris(Item(key="k", title=title, kind="webpage", publisher=publisher or None)))
    assert len(records) == 1
    assert records[0].get("title", "") == for_ris(title)
    assert "\n" not in for_ris(title) and "\r" not in for_ris(title)


@given(st.text())
def test_bibtex_urls_stay_one_verbatim_field(url):
    out = for_bibtex_url(url)
    assert not set(out) & set("{}\\ \n\r")


def test_citation_cff_names_an_entity_and_the_version():
    import yaml

    from tui import __version__

    cff = yaml.safe_load((Path(__file__).resolve().parents[2] / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "software"
    assert cff["authors"] == [{"name": "coalition-tui contributors"}]  # an entity, never an invented person
    assert str(cff["version"]) == __version__


def test_cite_the_bundled_dataset(capsys, bundled):
    code, out, _ = _run(capsys, "cite")
    assert code == 0
    assert out == f"{bundled.meta.title}. Version {bundled.meta.last_checked}. Last checked {bundled.meta.last_checked}.\n"
    code, out, _ = _run(capsys, "cite", "--format", "ris")
    assert rispy.loads(out)[0]["title"] == bundled.meta.title
