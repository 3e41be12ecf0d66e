"""The Map pane's frame time (issue 22: under 50 ms at 160x48), CPU time of tui.views.map.draw:

- first map: reading and projecting the shapes asset, then the first frame (once per process);
- new frame: a frame at a size or in a frame not drawn before (every country's rings scanned);
- recolour: the same frame and size with other states (stepping through time: the pixels are kept).

Each figure is the median of --runs draws; the NATO members of the bundled dataset's 2026 state
as the states (any states cost the same). Prints a Markdown table.

    python benchmarks/map_frame.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from tui.views import map as worldmap

SIZES = ((80, 24), (160, 48), (200, 60))
TARGET_MS = 50.0
MEMBERS = ("AL BE BG CA HR CZ DK EE FI FR DE GR HU IS IT LV LT LU ME NL MK NO PL PT RO SK SI ES SE TR "
           "GB").split()


def _cpu_ms(fn) -> float:
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    states = {iso: "member" for iso in MEMBERS} | {"US": "lead", "UA": "unconfirmed", "MT": "none"}
    other = {iso: "left" for iso in MEMBERS}

    first = _cpu_ms(lambda: worldmap.draw("world", 160, 48, states))
    rows = ["| frame | size | new frame (median ms CPU) | recolour (median ms CPU) |", "|---|---|---|---|"]
    worst = 0.0
    for frame in worldmap.FRAMES:
        for width, height in SIZES:
            new = []
            for _ in range(args.runs):
                worldmap._pixels.cache_clear()
                new.append(_cpu_ms(lambda: worldmap.draw(frame.key, width, height, states)))
            recolour = [_cpu_ms(lambda: worldmap.draw(frame.key, width, height, other)) for _ in range(args.runs)]
            med = statistics.median(new)
            if (width, height) == (160, 48):
                worst = max(worst, med)
            rows.append(f"| {frame.title} | {width}x{height} | {med:.1f} | {statistics.median(recolour):.1f} |")
    verdict = "met" if worst < TARGET_MS else "NOT met"
    print(f"First map of a process (reading the {worldmap.ASSET.stat().st_size:,}-byte asset, projecting, "
          f"drawing the world at 160x48): {first:.1f} ms CPU.\n")
    print("\n".join(rows))
    print(f"\nTarget: a frame under {TARGET_MS:.0f} ms at 160x48: {verdict} (slowest new frame {worst:.1f} ms, "
          f"median of {args.runs}).")
    return 0  # the verdict is in the report; `make bench` goes on to write it either way


if __name__ == "__main__":
    sys.exit(main())
