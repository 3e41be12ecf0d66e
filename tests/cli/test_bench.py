"""The benchmark tools (issue 20): the generator splits big datasets into files the loader takes,
the runner times CPU of whole processes, interleaves a measure with its baselines and judges the
targets on ratios of CPU medians."""

from __future__ import annotations

import importlib.util
import os
import json
import re
import sys
from pathlib import Path

import pytest

from tui.data.load import load_paths
from tui.data.problems import Limits

ROOT = Path(__file__).resolve().parents[2]


def _module(name: str):
    """A script of benchmarks/ (not a package) as a module."""
    key = f"coalition_tui_benchmarks_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, ROOT / "benchmarks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[key]


def test_generate_splits_memberships_into_files_the_loader_takes(tmp_path, monkeypatch):
    gen = _module("generate")
    monkeypatch.setattr(gen, "PER_FILE", 300)
    gen.write_dataset(tmp_path, gen.Params(countries=30, memberships=700))
    parts = sorted(p.name for p in tmp_path.glob("memberships*.yaml"))
    assert parts == ["memberships-01.yaml", "memberships-02.yaml", "memberships-03.yaml"]
    counts = [(tmp_path / p).read_text().count("\n- id: m-") + (tmp_path / p).read_text().startswith("- id: m-")
              for p in parts]
    assert counts == [300, 300, 100]
    ds = load_paths([tmp_path])
    assert len(ds.memberships) == 700
    assert len({m.id for m in ds.memberships}) == 700


def test_generate_keeps_one_file_up_to_the_split(tmp_path):
    gen = _module("generate")
    gen.write_dataset(tmp_path, gen.Params(countries=30, memberships=200))
    assert [p.name for p in tmp_path.glob("memberships*.yaml")] == ["memberships.yaml"]


def test_the_documented_record_limit_is_the_loaders():
    """DATA-FORMAT.md's limits state the number the loader enforces, and a million memberships fit."""
    text = (ROOT / "docs" / "DATA-FORMAT.md").read_text(encoding="utf-8")
    most = Limits().max_records
    assert f"at most {most:,} records" in text
    gen = _module("generate")
    assert gen.Params(countries=676, memberships=1_000_000, meetings=30, quotes=60).records() <= most


def test_run_times_the_cpu_of_the_child_itself():
    run = _module("run")
    burn = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.2: pass\nprint('done')"
    sample = run.run([sys.executable, "-c", burn])
    assert sample.out.strip() == "done"
    assert sample.cpu >= 0.2
    assert sample.wall >= sample.cpu * 0.5  # the same process, timed from spawn
    assert sample.maxrss_kb > 0


def test_interleaved_takes_every_case_round_by_round():
    """Each case's k-th sample is taken in round k: a measure and its baseline run side by side,
    not in blocks; a slow case (fewer samples) takes part in the first rounds only."""
    run = _module("run")
    log: list[tuple[str, int]] = []

    def case(name):
        def fn():
            log.append(name)
            return run.Sample(wall=0.0, cpu=float(len(log)), maxrss_kb=1, out="")
        return fn

    got = run.interleaved({"ours": (case("ours"), 4), "bare": (case("bare"), 4), "plain": (case("plain"), 2)}, 4)
    assert [len(got[k]) for k in ("ours", "bare", "plain")] == [4, 4, 2]
    rounds = [log[0:3], log[3:6], log[6:8], log[8:10]]
    assert sorted(rounds[0]) == sorted(rounds[1]) == ["bare", "ours", "plain"]
    assert sorted(rounds[2]) == sorted(rounds[3]) == ["bare", "ours"]
    assert rounds[0][0] != rounds[1][0]  # the order rotates: nobody always goes first


def _size(run, name, memberships, cpu: dict[str, float], rss: dict[str, int] | None = None):
    s = run.Size(name, Path("."), memberships, 10, csv=None if name == "bundled" else Path("x.csv"))
    for key, value in cpu.items():
        s.samples[key] = [run.Sample(value * 2, value, (rss or {}).get(key, 1000), json.dumps({"frame": 0.0}))]
    s.latency = {"filter": [0.030, 0.010], "cursor": [0.004], "export": [0.005],
                 "cpu": {"filter": [0.060, 0.008], "cursor": [0.003]}}
    return s


def _verdicts(lines):
    out = {}
    for line in lines:
        if line.startswith("  - "):  # what a target is measured against (its floors), not a verdict
            continue
        m = re.match(r"- (holds|DOES NOT HOLD|not measured): (.*)", line)
        assert m, line
        out[m.group(2)] = m.group(1)
    return out


def test_targets_are_judged_on_cpu_ratios_and_growth():
    run = _module("run")
    bundled = _size(run, "bundled", 210, {"ff_countries": 1.0, "bare": 0.96, "validate": 0.3, "imports": 0.1})
    k1 = _size(run, "1,000", 1_000, {"ff_countries": 1.0, "ff_members": 1.0, "validate": 0.3, "vd": 0.5})
    k10 = _size(run, "10,000", 10_000, {"ff_countries": 1.1, "ff_members": 1.2, "validate": 3.6, "vd": 0.6})
    k100 = _size(run, "100,000", 100_000,
                 {"ff_countries": 1.6, "ff_members": 1.5, "validate": 9.0, "plain": 40.0, "vd": 2.0},
                 {"ff_members": 90_000, "vd": 100_000})
    got = _verdicts(run.targets([bundled, k1, k10, k100], textual_free=True))
    assert any(v == "holds" and t.startswith("bundled first frame <= 1.05x") and "1.04x" in t for t, v in got.items())
    assert any(v == "DOES NOT HOLD" and t.startswith("bundled `validate` <= 2.0x") and "3.00x" in t
               for t, v in got.items())
    assert any(v == "holds" and "cold `validate` <= 0.25x" in t and "0.23x" in t for t, v in got.items())
    assert any(v == "holds" and "Memberships pane, <= 0.8x VisiData: 0.75x" in t for t, v in got.items())
    assert any(v == "holds" and "Countries pane, <= 0.8x VisiData: 0.80x" in t for t, v in got.items())
    assert any(v == "holds" and "peak memory <= 1.0x VisiData's: 0.90x" in t for t, v in got.items())
    assert any(v == "not measured" and t.startswith("1,000,000") for t, v in got.items())
    # keystrokes are judged on the CPU from the key to its frame, the wall time said beside it
    assert any(v == "DOES NOT HOLD" and "first filter keystroke <= 50 ms: 60.0 ms CPU (30.0 ms wall)" in t
               for t, v in got.items()), got
    assert any(v == "holds" and "cursor move <= 16 ms: 3.0 ms CPU, median (4.0 ms wall)" in t for t, v in got.items())
    assert not any(line.startswith("  - ") for line in run.targets([bundled, k1, k10, k100], textual_free=True))
    # validate grew x12 from 1,000 to 10,000: faster than linear
    assert any(v == "DOES NOT HOLD" and "faster than linearly" in t and "validate 1,000 -> 10,000, x12.00" in t
               for t, v in got.items())


def test_the_targets_print_their_floors_when_measured():
    """Beside a target that a floor can stop: what the floor costs, from the same run."""
    run = _module("run")
    bundled = _size(run, "bundled", 210, {"ff_countries": 1.0, "bare": 0.96, "validate": 0.3, "imports": 0.1,
                                          "read_yaml": 0.15, "models": 0.18, "plain": 0.29})
    k100 = _size(run, "100,000", 100_000, {"ff_countries": 1.6, "ff_members": 1.5, "vd": 2.0, "minimal": 1.1,
                                           "bare": 2.1})
    lines = run.targets([bundled, k100], textual_free=True)
    validate = lines.index(next(line for line in lines if "bundled `validate` <= 2.0x" in line))
    assert lines[validate + 1] == ("  - its floors, against the same imports: reading the YAML with the C loader "
                                   "alone 1.50x, importing the models alone 1.80x, the plain pipeline (both) "
                                   "2.90x; `validate` is 1.03x the plain pipeline")
    assert ("  - floors, against the same VisiData: a minimal Textual app (one Static) 0.55x, the bare app "
            "with the dashboard's widgets 1.05x") in lines


def test_the_report_prints_growth_per_10x():
    run = _module("run")
    bundled = _size(run, "bundled", 210, {"ff_countries": 1.0, "bare": 1.0, "validate": 0.3, "imports": 0.1})
    k1 = _size(run, "1,000", 1_000, {"ff_countries": 1.0, "ff_members": 1.0, "validate": 0.5})
    k10 = _size(run, "10,000", 10_000, {"ff_countries": 1.1, "ff_members": 2.0, "validate": 1.0})
    lines = run.growth([bundled, k1, k10])
    row = next(line for line in lines if line.startswith("| warm first frame, Memberships"))
    assert "x2.00" in row
    assert "1,000 -> 10,000" in lines[0]


@pytest.mark.parametrize("script", ["run", "compare", "flood", "first_frame", "latency", "generate"])
def test_every_benchmark_script_parses_its_arguments(script):
    """`--help` of each script works (no script left half-edited)."""
    import subprocess

    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / f"{script}.py"), "--help"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


def test_writing_the_report_keeps_the_hand_written_part(tmp_path):
    run = _module("run")
    doc = tmp_path / "PERFORMANCE.md"
    doc.write_text("# Performance\n\nold table\n\n" + run.KEPT + "\n\n## Design\n\nby hand\n", encoding="utf-8")
    run.write_report(doc, "# Performance\n\nnew table\n")
    text = doc.read_text(encoding="utf-8")
    assert "new table" in text and "old table" not in text
    assert text.endswith(run.KEPT + "\n\n## Design\n\nby hand\n")


def test_flood_runs_on_a_small_dataset(tmp_path):
    import subprocess

    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "flood.py"), "--records", "250", "--rounds", "2"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    table = done.stdout.split("| file |")[0]  # the 7-file folder; the one-file case follows it
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [r.split("|")[1].strip() for r in rows] == ["valid", "missing-sources", "unknown-source"]
    lines = {r.split("|")[1].strip(): r.split("|")[2].strip() for r in rows}
    assert lines["valid"] == "0" and lines["missing-sources"] != "0" and lines["unknown-source"] != "0"
    # each flood against the valid load of the same size, in CPU and in memory, with its verdict (issue 19)
    verdicts = re.findall(r"^- ([\w-]+): (CPU|peak memory) ([\d.]+)x the valid load's: (holds|does not hold) "
                          r"\(at most 1\.10x\)$", done.stdout, re.M)
    assert [(name, what) for name, what, _, _ in verdicts] == [
        ("missing-sources", "CPU"), ("missing-sources", "peak memory"), ("unknown-source", "CPU"),
        ("unknown-source", "peak memory"), ("missing-sources", "CPU"), ("missing-sources", "peak memory")]
    assert all((verdict == "holds") == (float(ratio) <= 1.10) for _, _, ratio, verdict in verdicts)
    assert "medians of 2 interleaved rounds" in done.stdout


def test_the_flood_section_is_rewritten_alone(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run as bench_run
    finally:
        sys.path.pop(0)
    doc = tmp_path / "PERFORMANCE.md"
    doc.write_text("# Performance\n\n## Targets\n\nkept\n\n## Floods of problems (old)\n\n| old |\n\n"
                   "## Map frames\n\nkept too\n\n" + bench_run.KEPT + "\nhand-written\n")
    bench_run.write_flood(doc, "| new |\n\n- unknown-source: CPU 1.05x the valid load's: holds (at most 1.10x)")
    text = doc.read_text()
    assert "| old |" not in text and "| new |" in text and "holds (at most 1.10x)" in text
    assert text.count("## Floods of problems") == 1
    assert "kept\n" in text and "kept too" in text and text.endswith(bench_run.KEPT + "\nhand-written\n")
    assert text.index("| new |") < text.index("## Map frames")
