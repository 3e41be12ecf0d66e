"""Floods of problems (issue 12, point 14; issue 19): `coalition-tui validate` on a dataset whose
every membership has the same fault, against the same dataset when valid. Lines printed, CPU
seconds and peak memory, each a whole process from spawn; the cases run interleaved, round
after round (valid, missing-sources, unknown-source, valid, ...), and each figure is the median
of the rounds, so a busy machine slows every case alike.

    python benchmarks/flood.py                 # 700,000 records, Markdown tables
    python benchmarks/flood.py --records 70000 --rounds 5

First a folder of 7 files (100,000 memberships a file), then one file (issue 19): 700,000
`coalitions`, each lacking `sources` (about 50 MB, 4.9 million YAML values, within the limits),
against a valid file of the same size (the same bytes and values: 490,000 coalitions with their
sources). The goal (issue 19): for every case, CPU time and peak memory each at most 1.10x the
valid load's; each ratio is printed with "holds" or "does not hold".

The faults: every membership lacks its `sources`; every membership cites a source that does not
exist. The valid folder is the same dataset untouched: what the flood costs beyond reading it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
PER_FILE = 100_000  # memberships a file, as benchmarks/generate.py writes them
FAULTS = {
    "valid": lambda line, i: line,
    "missing-sources": lambda line, i: None,              # every membership without `sources`
    "unknown-source": lambda line, i: f"  sources: [nosuch-{i}]\n",  # every one citing nothing known
}


def write(folder: Path, records: int, fault: str) -> None:
    """A valid dataset of `records` memberships (benchmarks/generate.py, which writes them in
    files of 100,000), with `fault` done to the `sources:` line of every membership."""
    subprocess.run([PY, str(HERE / "generate.py"), "-o", str(folder), "--memberships", str(records),
                    "--countries", "676", "--seed", "14"], check=True, capture_output=True)
    i = 0
    for path in sorted(folder.glob("memberships*.yaml")):
        faulty = path.with_suffix(".part")
        with open(path, encoding="utf-8") as fh, open(faulty, "w", encoding="utf-8") as out:
            for line in fh:  # streamed: this process stays small (a child's peak memory counts
                i += 1       # its parent's at the fork)
                if line.startswith("  sources:"):
                    line = FAULTS[fault](line, i)
                if line is not None:
                    out.write(line)
        faulty.replace(path)


GOAL = 1.10
"""The most a flood may cost over the valid load of the same size, in CPU and in peak memory."""


def measure(path: Path, env: dict) -> tuple[int, float, int]:
    """(lines on stderr, CPU seconds, peak KB) of one `validate`."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([PY, "-m", "tui", "validate", str(path)], stdout=subprocess.DEVNULL,
                                stderr=err, env=env)
        _, _, usage = os.wait4(proc.pid, 0)
        err.seek(0)
        lines = sum(1 for _ in err)
    return lines, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def interleaved(cases: dict[str, Path], env: dict, rounds: int) -> dict[str, tuple[int, float, float]]:
    """Each case measured `rounds` times, the cases taking turns: (lines, median CPU seconds,
    median peak MB) by case."""
    runs: dict[str, list] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, path in cases.items():
            runs[name].append(measure(path, env))
    return {name: (got[-1][0], statistics.median(r[1] for r in got), statistics.median(r[2] for r in got) / 1024)
            for name, got in runs.items()}


def verdicts(found: dict[str, tuple[int, float, float]], valid: str) -> list[str]:
    """A line for each flood: its CPU and memory against the valid load's, and whether the goal holds."""
    _, vcpu, vpeak = found[valid]
    out = []
    for name, (_, cpu, peak) in found.items():
        if name == valid:
            continue
        for what, ratio in (("CPU", cpu / vcpu), ("peak memory", peak / vpeak)):
            out.append(f"- {name}: {what} {ratio:.2f}x the valid load's: "
                       f"{'holds' if ratio <= GOAL else 'does not hold'} (at most {GOAL:.2f}x)")
    return out


_SOURCE = ("sources:\n  - id: s\n    kind: reference\n    title: A reference\n    publisher: Somebody\n"
           "    url: https://example.org/\n    accessed: 2026-11-25\ncoalitions:\n")


def write_single(path: Path, records: int, flood: bool) -> None:
    """One file: `records` coalitions each lacking `sources` (7 YAML values each), or, valid, the
    same bytes and values as 7/10 as many coalitions with their sources (10 values each)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(_SOURCE)
        if flood:
            for i in range(records):
                out.write(f"  - id: c{i}\n    name: Coalition number {i}\n    kind: contact-group\n")
        else:
            for i in range(records * 7 // 10):
                out.write(f"  - id: c{i}\n    name: Coalition number {i} of many\n    kind: contact-group\n"
                          "    sources: [s]\n")


def single_file(records: int, env: dict, rounds: int) -> None:
    """The one-file flood against its valid file."""
    print(f"\n`validate` on one file of {records:,} coalitions each lacking `sources`, against a valid "
          f"file of the same size (bytes and YAML values); medians of {rounds} interleaved rounds:\n")
    print("| file | size | lines on stderr | CPU seconds | peak memory |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="coalition-flood-1-") as tmp:
        cases = {}
        for name, flood in (("valid", False), ("missing-sources", True)):
            cases[name] = Path(tmp) / f"{name}.yaml"
            write_single(cases[name], records, flood)
        found = interleaved(cases, env, rounds)
        for name, (lines, cpu, peak) in found.items():
            print(f"| {name} | {cases[name].stat().st_size / 2**20:.0f} MB | {lines:,} | {cpu:.2f} s | "
                  f"{peak:,.0f} MB |", flush=True)
    print()
    print("\n".join(verdicts(found, "valid")), flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=700_000)
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians are reported (default 3)")
    ap.add_argument("--single-only", action="store_true", help="only the one-file flood")
    ap.add_argument("--folder-only", action="store_true", help="only the 7-file folder")
    args = ap.parse_args()
    env = dict(os.environ)
    if not args.single_only:
        print(f"`validate` on a folder of {args.records:,} memberships ({PER_FILE:,} a file), each with "
              f"the fault named; medians of {args.rounds} interleaved rounds:\n")
        print("| memberships | lines on stderr | CPU seconds | peak memory |")
        print("|---|---|---|---|")
        with tempfile.TemporaryDirectory(prefix="coalition-flood-") as tmp:
            cases = {}
            for fault in FAULTS:
                cases[fault] = Path(tmp) / fault
                write(cases[fault], args.records, fault)
            found = interleaved(cases, env, args.rounds)
        for name, (lines, cpu, peak) in found.items():
            print(f"| {name} | {lines:,} | {cpu:.2f} s | {peak:,.0f} MB |", flush=True)
        print()
        print("\n".join(verdicts(found, "valid")), flush=True)
    if not args.folder_only:
        single_file(args.records, env, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
