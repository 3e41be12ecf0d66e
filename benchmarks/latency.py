"""Keystroke latency and screenshot export time, measured inside the running dashboard.

Runs the app headless (Textual's Pilot) on the Memberships pane, loading the dataset the way the
command line does (from the validated cache when it is warm). For each key: the time from sending
it to the end of the last frame drawn in response (the app's own `_display` is timed). Run with
TEXTUAL_FPS=1000 (benchmarks/run.py does): Textual draws at most MAX_FPS frames a second, 60 by
default, and the wait for the next frame tick (0-16.7 ms) is the frame clock's, not the work's.

    TEXTUAL_FPS=1000 python benchmarks/latency.py --data DIR

When the pane's rows come from a worker (tui.ui.selecting: a first sort, or a filter before the
search text is made, at a million rows), a key's latency runs to the frame that shows them. The
search text is made in a worker once the first frame is drawn; the filter is typed once it is.
Sorts: three presses of `o` (Country, ISO, Coalition, each order made for the first time), from the
key to the sorted rows, with `j` pressed while each runs (`cursor_sorting`: the table answering).

Prints one line of JSON: the latencies in seconds of every filter keystroke, cursor move and sort,
and under "cpu" the process's CPU time (all threads) from each key to its last frame (on a busy
machine wall time is mostly waiting for a core).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path


async def _measure(ds, size: tuple[int, int], needle: str, moves: int, shots: int) -> dict:
    from textual import events
    from textual.widgets import Input

    from tui.ui.app import CoalitionApp

    app = CoalitionApp(ds, pane="memberships")
    frames: list[tuple] = []  # (wall, CPU, the cursor's row, a worker selecting), each frame drawn
    display = app._display

    def timed_display(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None:
            pane = app.pane("memberships")
            cursor = pane.table.cursor_row if pane is not None and pane.is_mounted else -1
            frames.append((time.perf_counter(), time.process_time(), cursor, busy(pane) if pane else False))

    app._display = timed_display  # type: ignore[method-assign]

    def busy(pane) -> bool:  # a worker selecting the pane's rows (tui.ui.selecting) is not done yet
        return bool(getattr(pane, "selecting", ""))

    async def press(pilot, key: str, pane=None, what: str = "") -> float:
        """From sending the key to the last frame drawn in response; when the pane's rows come
        from a worker (a sort or filter at a million rows), to the frame that shows them."""
        frames.clear()
        start, cpu = time.perf_counter(), time.process_time()
        await pilot.press(key)
        await pilot.pause()
        while pane is not None and busy(pane):
            await asyncio.sleep(0.001)
            await pilot.pause()
        if not frames:
            return float("nan")
        last = max(frames)
        out["cpu"].setdefault(what, []).append(last[1] - cpu)
        return last[0] - start

    out: dict = {"filter": [], "cursor": [], "export": [], "sort": [], "cursor_sorting": [], "cpu": {}}
    async with app.run_test(size=size) as pilot:
        pane = None
        for _ in range(2000):
            pane = app.pane("memberships")
            if pane is not None and pane.is_mounted and pane.table.has_focus:
                break
            await pilot.pause(0.02)
        # the filter's search text is made in a worker once the first frame is drawn: wait for it
        # to be done (a user typing sooner has the first filter done in a worker, after it)
        while any(w.group == "prepare" and not w.is_finished for w in pane.workers) or \
                getattr(pane.source, "_search_index", True) is None:
            await pilot.pause(0.01)
        await pilot.pause(0.2)
        for _ in range(moves):
            out["cursor"].append(await press(pilot, "j", what="cursor"))
        await pilot.press("slash")
        for box in app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()
        for ch in needle:
            out["filter"].append(await press(pilot, ch, pane, "filter"))
        out["matches"] = len(pane.rows)
        for _ in needle:
            out["filter"].append(await press(pilot, "backspace", pane, "filter"))
        out["rows"] = len(pane.rows)
        await pilot.press("escape")
        await pilot.pause()
        for _ in range(shots):
            start = time.perf_counter()
            app.export_screenshot()
            out["export"].append(time.perf_counter() - start)
        # sorts: by each of the first three columns, first time (its order made) to the frame
        # showing the sorted rows; cursor moves while a sort runs in its worker
        # (keys sent as the terminal's driver sends them: Pilot's press waits for the process to
        # be idle, which a sort in a worker is not)
        def send(key: str) -> None:
            event = events.Key(key, key)
            event.set_sender(app)
            app._driver.send_message(event)

        async def drawn(condition, after: int) -> tuple | None:
            """The first frame from `after` on for which condition(frame) holds."""
            deadline = time.perf_counter() + 60
            while time.perf_counter() < deadline:
                found = next((f for f in frames[after:] if condition(f)), None)
                if found is not None:
                    return found
                await asyncio.sleep(0.001)
            return None

        for _ in range(3):
            frames.clear()
            start, cpu = time.perf_counter(), time.process_time()
            send("o")
            started = await drawn(lambda f: f[3], 0)  # "sorting by ..." drawn: the worker runs
            while started is not None and busy(pane) and len(out["cursor_sorting"]) < 5 * (len(out["sort"]) + 1):
                row, at, n = pane.table.cursor_row, time.perf_counter(), len(frames)
                send("j")
                moved = await drawn(lambda f: f[2] == row + 1, n)
                if moved is not None and moved[3]:  # drawn while the sort was still running
                    out["cursor_sorting"].append(moved[0] - at)
            done = await drawn(lambda f: not f[3], 0 if started is None else frames.index(started))
            out["sort"].append(done[0] - start)
            out["cpu"].setdefault("sort", []).append(done[1] - cpu)
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
