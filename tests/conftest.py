"""Shared fixtures: the bundled dataset loaded once, and an app factory with a frozen 'today'."""

from __future__ import annotations

import asyncio
import atexit
import datetime as _dt
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# every property test runs under one bounded profile: a shared 2-core box must finish the suite,
# and a slow example is not a failure (no deadline); no example database is written to the tree
settings.register_profile("coalition", max_examples=100, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "coalition"))

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# The suite's own folders, in one temporary folder removed when the test process ends (runs of
# the suite left three folders each in /tmp).
_OWN = tempfile.mkdtemp(prefix="coalition-tui-tests-")
atexit.register(shutil.rmtree, _OWN, ignore_errors=True)
# the dataset cache of every test and every command the tests run goes to a folder of their own
os.environ.setdefault("COALITION_TUI_CACHE_DIR", tempfile.mkdtemp(prefix="cache-", dir=_OWN))
# nor the user's settings, state or home: every test sees folders of its own
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="config-", dir=_OWN)
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="state-", dir=_OWN)

TODAY = _dt.date(2026, 11, 25)


@pytest.fixture(scope="session")
def bundled():
    from tui.data.load import load

    return load()


FROZEN = Path(__file__).parent / "data" / "frozen"
"""A frozen copy of data/ as of 2026-11-25: what the app tests and snapshots draw, so that edits
to the bundled dataset do not churn them. Tests of the bundled data's facts use `bundled`."""


@pytest.fixture(scope="session")
def frozen():
    from tui.data.load import load

    return load(FROZEN)


@pytest.fixture
def make_app(frozen, tmp_path):
    from tui.ui.app import CoalitionApp

    def make(dataset=None, **kwargs):
        kwargs.setdefault("today", TODAY)
        kwargs.setdefault("version", "0.0-test")  # pinned: snapshots must not change with each release
        kwargs.setdefault("screenshot_dir", tmp_path)
        return CoalitionApp(dataset or frozen, **kwargs)

    return make


def cell(pane, row, key: str) -> str:
    """The text a pane draws in column `key` of `row`."""
    from tui.views.cells import display

    keys = [c.key for c in pane.source.columns]
    return display(row.cells[keys.index(key)])


async def until(pilot, condition, what: str = "the state waited for", seconds: float = 30.0) -> None:
    """Wait for a state of the app, never for a fixed time: drain the app's messages and look
    again until `condition()` holds, failing with `what` after `seconds` (a deadline for a
    machine under load, not a pace)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause()
        await asyncio.sleep(0.01)  # let timers and threads run between looks


def pane_ready(app) -> bool:
    """The dashboard's pane in view is built and its table has the focus."""
    from tui.ui.widgets.line_table import LineTable

    pane = app.pane() if app.screen_stack else None
    return pane is not None and pane.is_mounted and isinstance(app.focused, LineTable) \
        and app.focused in pane.query(LineTable)


async def ready(pilot) -> None:
    """Wait for the first frame: the pane in view built, its table focused."""
    await until(pilot, lambda: pane_ready(pilot.app), "the pane in view, its table focused")


def palette_offers(app, words: str) -> bool:
    """Whether the command palette in view lists a hit whose text holds `words`."""
    from textual.command import CommandList, CommandPalette

    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return False
    found = screen.query(CommandList)
    if not found:
        return False
    options = found.first()
    prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    return any(words.lower() in p.lower() for p in prompts)
