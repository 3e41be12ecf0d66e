"""Floods of problems (issue 12, point 14): `coalition-tui validate` on a dataset whose every
membership has the same fault, against the same dataset when valid. Lines printed, seconds and
peak memory, each a whole process timed from spawn.

    python benchmarks/flood.py                 # 700,000 records, a Markdown table
    python benchmarks/flood.py --records 100000

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


def measure(path: Path, env: dict) -> tuple[int, float, int]:
    """(lines on stderr, seconds, peak KB) of one `validate`."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([PY, "-m", "tui", "validate", str(path)], stdout=subprocess.DEVNULL,
                                stderr=err, env=env)
        _, _, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        lines = sum(1 for _ in err)
    return lines, wall, usage.ru_maxrss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=700_000)
    args = ap.parse_args()
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
