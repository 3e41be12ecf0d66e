"""Keystroke latency and screenshot export time, measured inside the running dashboard.

Runs the app headless (Textual's Pilot) on the Memberships pane, loading the dataset the way the
command line does (from the validated cache when it is warm). For each key: the time from sending
it to the end of the last frame drawn in response (the app's own `_display` is timed). Run with
TEXTUAL_FPS=1000 (benchmarks/run.py does): Textual draws at most MAX_FPS frames a second, 60 by
default, and the wait for the next frame tick (0-16.7 ms) is the frame clock's, not the work's.

    TEXTUAL_FPS=1000 python benchmarks/latency.py --data DIR

Prints one line of JSON: the latencies in seconds of every filter keystroke and cursor move.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path


async def _measure(ds, size: tuple[int, int], needle: str, moves: int, shots: int) -> dict:
    from textual.widgets import Input

    from tui.ui.app import CoalitionApp

    app = CoalitionApp(ds, pane="memberships")
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = timed_display  # type: ignore[method-assign]

    async def press(pilot, key: str) -> float:
        frames.clear()
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        return (max(frames) - start) if frames else float("nan")

    out: dict = {"filter": [], "cursor": [], "export": []}
    async with app.run_test(size=size) as pilot:
        for _ in range(200):
            pane = app.pane("memberships")
            if pane is not None and pane.is_mounted and pane.table.has_focus:
                break
            await pilot.pause(0.02)
        await pilot.pause(0.2)  # the filter's search text is made once the first frame is drawn
        for _ in range(moves):
            out["cursor"].append(await press(pilot, "j"))
        await pilot.press("slash")
        for box in app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()
        for ch in needle:
            out["filter"].append(await press(pilot, ch))
        out["matches"] = len(pane.rows)
        for _ in needle:
            out["filter"].append(await press(pilot, "backspace"))
        out["rows"] = len(pane.rows)
        await pilot.press("escape")
        await pilot.pause()
        for _ in range(shots):
            start = time.perf_counter()
            app.export_screenshot()
            out["export"].append(time.perf_counter() - start)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--needle", required=True, help="the text typed into the filter, one key at a time")
    ap.add_argument("--moves", type=int, default=30)
    ap.add_argument("--shots", type=int, default=5)
    ap.add_argument("--size", type=int, nargs=2, default=(160, 48))
    args = ap.parse_args()
    from tui.data.cache import load_dataset

    ds = load_dataset([args.data])
    import gc

    gc.freeze()  # as the command line does before the dashboard runs
    out = asyncio.run(_measure(ds, tuple(args.size), args.needle, args.moves, args.shots))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
