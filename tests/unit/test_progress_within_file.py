"""Progress inside one big file (issue 20, point 3): a dataset of one 100,000-record file used to
stand at its first file's share of the bar until the file was done. The loader now reports from
inside a file: the records parsed (by the line reached) and then validated, its bytes counted by
how far through it the load is, and the total of records estimated from them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tui.data import load as load_module
from tui.data import yaml_safe
from tui.data.load import load_paths
from tui.data.progress import LoadProgress

ROOT = Path(__file__).resolve().parents[2]


def _generate():
    key = "coalition_tui_benchmarks_generate"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, ROOT / "benchmarks" / "generate.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


@pytest.fixture(scope="module")
def one_big_file(tmp_path_factory):
    """A dataset whose memberships are one file of 3,000 records (more than a validation chunk,
    with CHUNK made smaller below)."""
    gen = _generate()
    folder = tmp_path_factory.mktemp("one-big-file")
    gen.write_dataset(folder, gen.Params(countries=60, memberships=3_000))
    return folder


@pytest.fixture
def often(monkeypatch):
    """Reports as often as there is something to say: a tick every 100 records, every chunk of 500
    validated, no time between reports."""
    monkeypatch.setattr(yaml_safe, "TICK_RECORDS", 100)
    monkeypatch.setattr(load_module, "CHUNK", 500)
    monkeypatch.setattr(load_module, "REPORT_EVERY", 0.0)


def test_a_big_file_reports_from_inside_it(one_big_file, often):
    reports: list[LoadProgress] = []
    ds = load_paths([one_big_file], progress=reports.append)
    inside = [r for r in reports if r.stage == "reading" and Path(r.file).name == "memberships.yaml"]
    start, size = inside[0].bytes_done, (one_big_file / "memberships.yaml").stat().st_size
    assert len(inside) > 20  # before the file, then from inside it: parsing and validating
    fractions = [r.fraction for r in inside]
    assert fractions == sorted(fractions) and fractions[-1] > fractions[0]
    assert all(start <= r.bytes_done <= start + size for r in inside)
    assert inside[-1].bytes_done >= start + 0.9 * size  # the last report is near the file's end
    records = [r.records for r in inside]
    assert records == sorted(records) and records[-1] >= inside[0].records + 3_000
    # parsing: the share of lines read; validating: the rest, by records validated
    parsing = [r for r in inside[1:] if r.bytes_done - start <= load_module.PARSE_SHARE * size]
    assert len(parsing) > 10 and len(inside) - 1 - len(parsing) >= 5
    # the total is estimated from the file's records read so far, near the real count
    real = sum(ds.counts().values())
    middle = inside[len(inside) // 2]
    assert abs(middle.records_about - real) < real * 0.1
    assert f"{middle.records:,} of about " in middle.describe()


def test_a_listener_that_raises_inside_a_file_stops_the_load_at_once(one_big_file, often):
    """q mid-file: the dashboard's listener raises; the load stops at the next report, with the
    listener's own exception (never a problem of the file)."""

    class Quit(Exception):
        pass

    seen: list[LoadProgress] = []

    def quit_inside(p: LoadProgress) -> None:
        seen.append(p)
        if len([r for r in seen if Path(r.file).name == "memberships.yaml"]) == 3:  # two from inside it
            raise Quit

    with pytest.raises(Quit):
        load_paths([one_big_file], progress=quit_inside)
    inside = [r for r in seen if Path(r.file).name == "memberships.yaml"]
    assert len(inside) == 3 and inside[-1].records < inside[0].records + 3_000  # stopped mid-file


def test_reports_from_inside_a_file_are_spaced_in_time(one_big_file, monkeypatch):
    """By default at most one report every REPORT_EVERY seconds from inside a file: a bar or a
    terminal line is not flooded (a report per 100 records asked here)."""
    monkeypatch.setattr(yaml_safe, "TICK_RECORDS", 100)
    monkeypatch.setattr(load_module, "REPORT_EVERY", 3600.0)
    reports: list[LoadProgress] = []
    load_paths([one_big_file], progress=reports.append)
    files = sorted(one_big_file.glob("*.yaml"))
    assert len(reports) == len(files) + 1  # one per file and the checks: nothing from inside
