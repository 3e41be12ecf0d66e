"""Shared fixtures: the bundled dataset loaded once, and an app factory with a frozen 'today'."""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# every property test runs under one bounded profile: a shared 2-core box must finish the suite,
# and a slow example is not a failure (no deadline); no example database is written to the tree
settings.register_profile("coalition", max_examples=100, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "coalition"))

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# the dataset cache of every test and every command the tests run goes to a folder of their own
os.environ.setdefault("COALITION_TUI_CACHE_DIR", tempfile.mkdtemp(prefix="coalition-tui-test-cache-"))
# nor the user's settings, state or home: every test sees folders of its own
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="coalition-tui-test-config-")
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="coalition-tui-test-state-")

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
