"""Shared fixtures: the bundled dataset loaded once, and an app factory with a frozen 'today'."""

from __future__ import annotations

import datetime as _dt
import os
import tempfile

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# the dataset cache of every test and every command the tests run goes to a folder of their own
os.environ.setdefault("COALITION_TUI_CACHE_DIR", tempfile.mkdtemp(prefix="coalition-tui-test-cache-"))

TODAY = _dt.date(2026, 11, 25)


@pytest.fixture(scope="session")
def bundled():
    from tui.load import load

    return load()


@pytest.fixture
def make_app(bundled, tmp_path):
    from tui.app import CoalitionApp

    def make(dataset=None, **kwargs):
        kwargs.setdefault("today", TODAY)
        kwargs.setdefault("screenshot_dir", tmp_path)
        return CoalitionApp(dataset or bundled, **kwargs)

    return make
