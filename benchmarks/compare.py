"""The first frame and peak memory of this checkout against an earlier revision, in one run.

Every time is the CPU time (user + system) of a whole process, not its wall time: on a machine
shared with other work, wall time is mostly waiting. Ratios to a baseline drift between runs
(VisiData's load took 0.33 s on one day and 0.14 s on another, on the same machine), so a regression is judged by running both revisions side by side,
interleaved, on the same generated datasets, with VisiData's load as the common baseline:

    python benchmarks/compare.py 0fd060e            # or: make bench-compare REV=0fd060e

The earlier revision is checked out with `git worktree` into a temporary folder and imported from
there (PYTHONPATH) with this checkout's interpreter and packages; each revision has its own cache
folder. Both revisions' generators make a 10,000-membership dataset (the older one may need the
bundled ids); every revision opens every dataset it can.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable


def _run(cmd: list[str], env: dict) -> tuple[float, float, int, str]:
    """(CPU seconds, user + system, of the whole process; wall seconds; peak KB; its output)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir())
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status):
            raise RuntimeError(f"{' '.join(cmd)} failed")
        out.seek(0)
        return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss, out.read().decode()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="the earlier revision (a commit, tag or branch)")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--memberships", type=int, default=10_000)
    args = ap.parse_args()
    vd = shutil.which("vd") or str(Path(PY).parent / "vd")
    has_vd = Path(vd).exists()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old = work / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.rev],
                       check=True, capture_output=True)
        try:
            trees = {"then": old, "now": ROOT}

            def env(tree: Path, name: str) -> dict:
                e = dict(os.environ)
                e.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode compiled, as installed
                e.update(PYTHONPATH=str(tree), XDG_CACHE_HOME=str(work / f"cache-{name}"),
                         XDG_CONFIG_HOME=str(work / "config"), PYTHONPYCACHEPREFIX=str(work / f"pyc-{name}"))
                return e

            datasets = {}
            for name, tree in trees.items():
                folder = work / f"data-{name}"
                subprocess.run([PY, str(tree / "benchmarks" / "generate.py"), "-o", str(folder), "--csv",
                                str(folder) + ".csv", "--countries", "676", "--memberships",
                                str(args.memberships), "--meetings", "30", "--quotes", "60", "--seed", "6"],
                               check=True, capture_output=True, env=env(tree, name))
                datasets[name] = folder

            def frame(tree: Path, name: str, data: Path, pane: str) -> tuple[float, int]:
                cpu, _, rss, _ = _run([PY, str(tree / "benchmarks" / "first_frame.py"), "--size", "160", "48",
                                       "--data", str(data), "--pane", pane], env(tree, name))
                return cpu, rss

            cases = []
            for name, tree in trees.items():
                for dname, data in datasets.items():
                    try:
                        frame(tree, name, data, "memberships")  # warm-up: bytecode and cache
                        frame(tree, name, data, "countries")
                        cases.append((name, dname, tree, data))
                    except RuntimeError:
                        print(f"{name}: cannot open the dataset of {dname}'s generator", file=sys.stderr)
            times = {(c[0], c[1], p): [] for c in cases for p in ("memberships", "countries")}
            rss = {(c[0], c[1]): [] for c in cases}
            vd_times = {d: [] for d in datasets}
            vd_rss = {d: [] for d in datasets}
            for _ in range(args.runs):
                for name, dname, tree, data in cases:
                    for pane in ("memberships", "countries"):
                        t, m = frame(tree, name, data, pane)
                        times[(name, dname, pane)].append(t)
                        if pane == "memberships":
                            rss[(name, dname)].append(m)
                if has_vd:
                    for dname, data in datasets.items():
                        cpu, _, m, _ = _run([vd, "-b", str(data) + ".csv", "-O", "-"], env(ROOT, "now"))
                        vd_times[dname].append(cpu)
                        vd_rss[dname].append(m)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], capture_output=True)

    med = statistics.median
    print(f"CPU time (user + system) of whole processes, medians of {args.runs} interleaved runs each, "
          f"{args.memberships:,} memberships, 160x48; "
          f"then = {args.rev}, now = the working tree")
    if has_vd:
        for d in datasets:
            print(f"VisiData `vd -b FILE.csv -O -` on the {d} dataset: {med(vd_times[d]):.3f} s, "
                  f"{max(vd_rss[d]) / 1024:.0f} MB")
    print("| revision | dataset of | Memberships first frame | Countries first frame | peak memory (Memberships) |")
    print("|---|---|---|---|---|")
    for name, dname, _, _ in cases:
        m, c, r = med(times[(name, dname, "memberships")]), med(times[(name, dname, "countries")]), max(rss[(name, dname)])
        vdr = f" ({m / med(vd_times[dname]):.2f}x VisiData)" if has_vd else ""
        vdm = f" ({r / max(vd_rss[dname]):.2f}x VisiData)" if has_vd else ""
        print(f"| {name} | {dname} | {m:.3f} s{vdr} | {c:.3f} s | {r / 1024:.0f} MB{vdm} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
