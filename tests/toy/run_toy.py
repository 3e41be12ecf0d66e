"""Run in a fresh interpreter by tests/app/test_toy.py: declare the toy kind and pane, then use the
tool as a user would and print what each consumer shows, as JSON."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import toy_plugin  # noqa: E402,F401  (first: the kind and the pane)

from tui.cli import main  # noqa: E402

data, bad, old, out = (Path(p) for p in sys.argv[1:5])
seen: dict = {}


def run(*argv: str) -> tuple[int, str, str]:
    o, e = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(o), contextlib.redirect_stderr(e):
        code = main(list(argv))
    return code, o.getvalue(), e.getvalue()


seen["validate"] = run("validate", str(data))
seen["validate_bad"] = run("validate", str(bad))
seen["json_keys"] = list(json.loads(run("--data", str(data), "--no-cache", "export")[1]))
seen["audit"] = run("audit", str(data))
seen["diff"] = run("diff", str(old), str(data))
seen["csv"] = run("--data", str(data), "--no-cache", "export", "--format", "csv", "--pane", "gadgets")
seen["cache"] = [run("--data", str(data), "export")[1] for _ in range(2)]  # the second is read from the cache
seen["screenshot"] = run("--data", str(data), "--no-cache", "screenshot", "--pane", "gadgets", "-o", str(out))


async def app() -> None:
    from tui.data.load import load
    from tui.ui.app import CoalitionApp
    from tui.ui.screens import DetailScreen, HelpScreen
    from tui.views.search import search

    ds = load(data)
    ui = CoalitionApp(ds, today=_dt.date(2026, 11, 25), version="0.0-test")
    async with ui.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        seen["search"] = [(h.kind, h.label) for h in search(ui.db.ix, "widget")]
        from tui.ui.commands import RecordsProvider

        provider = RecordsProvider(ui.screen)
        seen["palette"] = [(t, h) for t, h, _ in provider._entries() if "Widget" in t or "Gadgets" in t]
        await pilot.press("0")
        await pilot.pause()
        seen["pane"] = ui.current_pane_id
        await pilot.press("enter")
        await pilot.pause()
        seen["detail"] = isinstance(ui.screen, DetailScreen) and ui.screen.detail.title
        await pilot.press("escape", "f1")
        await pilot.pause()
        seen["help"] = isinstance(ui.screen, HelpScreen) and str(ui.screen.keys)


asyncio.run(app())
print(json.dumps(seen))
