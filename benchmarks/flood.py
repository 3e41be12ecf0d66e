"""Floods of problems (issue 12, point 14): `coalition-tui validate` on a dataset whose every
membership has the same fault, against the same dataset when valid. Lines printed, seconds and
peak memory, each a whole process timed from spawn.

    python benchmarks/flood.py                 # 700,000 records, a Markdown table
    python benchmarks/flood.py --records 100000

Then one file (issue 19): 700,000 `coalitions`, each lacking `sources` (about 50 MB, 4.9 million
YAML values, within the limits), against a valid file of the same size (the same bytes and
values: 490,000 coalitions with their sources). The goal: CPU time and peak memory each at most
1.10x the valid load's.

The faults: every membership lacks its `sources`; every membership cites a source that does not
exist. The valid file is the same dataset untouched: what the flood costs beyond reading it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
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


def measure(path: Path, env: dict, cpu: list | None = None) -> tuple[int, float, int]:
    """(lines on stderr, seconds, peak KB) of one `validate`; its CPU seconds appended to `cpu`."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([PY, "-m", "tui", "validate", str(path)], stdout=subprocess.DEVNULL,
                                stderr=err, env=env)
        _, _, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        lines = sum(1 for _ in err)
    if cpu is not None:
        cpu.append(usage.ru_utime + usage.ru_stime)
    return lines, wall, usage.ru_maxrss


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


def single_file(records: int, env: dict, rounds: int = 2) -> None:
    """The one-file flood against its valid file, interleaved `rounds` times; the least of each."""
    print(f"\n`validate` on one file of {records:,} coalitions each lacking `sources`, against a valid "
          "file of the same size (bytes and YAML values), the least of "
          f"{rounds} interleaved runs each:\n")
    print("| file | size | lines on stderr | CPU seconds | peak memory |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="coalition-flood-1-") as tmp:
        found = {}
        for name, flood in (("valid", False), ("missing-sources", True)):
            path = Path(tmp) / f"{name}.yaml"
            write_single(path, records, flood)
            found[name] = [path, [], [], 0]
        for _ in range(rounds):
            for name, (path, cpu, peaks, _) in found.items():
                lines, _, kb = measure(path, env, cpu)
                peaks.append(kb)
                found[name][3] = lines
        for name, (path, cpu, peaks, lines) in found.items():
            print(f"| {name} | {path.stat().st_size / 2**20:.0f} MB | {lines:,} | {min(cpu):.2f} s | "
                  f"{min(peaks) / 1024:,.0f} MB |", flush=True)
        (_, vcpu, vpeak, _), (_, fcpu, fpeak, _) = found["valid"], found["missing-sources"]
        print(f"\nThe flood against the valid load: CPU {min(fcpu) / min(vcpu):.2f}x, peak memory "
              f"{min(fpeak) / min(vpeak):.2f}x (the goal: at most 1.10x each).")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=700_000)
    ap.add_argument("--single-only", action="store_true", help="only the one-file flood")
    args = ap.parse_args()
    if args.single_only:
        single_file(args.records, dict(os.environ))
        return 0
    env = dict(os.environ)
    print(f"`validate` on a folder of {args.records:,} memberships ({PER_FILE:,} a file), each with "
          "the fault named:\n")
    print("| memberships | lines on stderr | seconds | peak memory |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="coalition-flood-") as tmp:
        for fault in FAULTS:
            folder = Path(tmp) / fault
            write(folder, args.records, fault)
            lines, wall, kb = measure(folder, env)
            print(f"| {fault} | {lines:,} | {wall:.2f} s | {kb / 1024:,.0f} MB |", flush=True)
    single_file(args.records, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
