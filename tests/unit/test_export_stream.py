"""`export` at a million records writes as it goes (issue 20: "export at 1M streams rows from the
columns"): the JSON and each table's CSV come a few records at a time, from the cache's light
rows as from the models, and are the very text the whole-dataset functions give."""

from __future__ import annotations

from pathlib import Path

import pytest

from generated import write
from tui.core.text import json_text
from tui.data import columns
from tui.data.load import load_paths
from tui.export import data as export

ROOT = Path(__file__).resolve().parents[2]


def _whole_json(models, as_of=None) -> str:
    """The export's contract: the dataset as one JSON document (to_data), indented by 2."""
    return json_text(export.to_data(models, as_of), indent=2) + "\n"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return load_paths([write(tmp_path_factory.mktemp("gen"), countries=40, memberships=600)])


@pytest.mark.parametrize("which", ["frozen", "generated"])
def test_streamed_json_is_the_whole_documents_text(which, frozen, generated):
    models = frozen if which == "frozen" else generated
    light = columns.decode(columns.encode(models))
    whole = _whole_json(models)
    chunks = list(export.json_chunks(light))
    assert len(chunks) > 3  # written in parts
    assert "".join(chunks) == whole
    assert "".join(export.json_chunks(models)) == whole
    assert export.to_json(light) == whole


@pytest.mark.parametrize("table", export.TABLES)
def test_streamed_csv_of_each_table_is_the_whole_tables_text(table, frozen):
    light = columns.decode(columns.encode(frozen))
    whole = export.to_csv(frozen, table)
    assert "".join(export.csv_chunks(light, table)) == whole
    assert "".join(export.csv_chunks(frozen, table)) == whole


def test_streaming_a_light_dataset_builds_no_model(frozen):
    light = columns.decode(columns.encode(frozen))
    "".join(export.json_chunks(light))
    for table in export.TABLES:
        "".join(export.csv_chunks(light, table))
    assert light._full is None  # the pydantic Dataset was never made


def test_a_file_is_written_from_text_in_pieces(tmp_path):
    from tui.data.files import write_atomic

    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, (piece for piece in ["{", "\"ü\": ", "1}\n"]))
    assert target.read_text(encoding="utf-8") == "{\"ü\": 1}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no .part left beside it


def test_export_collects_garbage_once_the_data_is_loaded(monkeypatch, tmp_path):
    """tui.cli.main pauses the cyclic collector for the load; export then writes record by record,
    and json.dumps with an indent leaves a reference cycle per record: without the collector a
    million records kept 3 GB."""
    import gc

    import tui.cli
    from tui.export import data as export_data

    seen: list[bool] = []
    chunks = export_data.json_chunks

    def watched(ds, as_of=None):
        seen.append(gc.isenabled())
        yield from chunks(ds, as_of)

    monkeypatch.setattr(export_data, "json_chunks", watched)
    try:
        code = tui.cli.main(["--data", str(ROOT / "tests" / "data" / "frozen"), "export", "--format", "json",
                              "-o", str(tmp_path / "out.json")])
    finally:
        gc.unfreeze()  # the export froze this test process's objects: give them back to the collector
    assert code == 0
    assert seen == [True]
    assert (tmp_path / "out.json").stat().st_size > 1000
