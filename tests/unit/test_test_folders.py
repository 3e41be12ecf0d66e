"""The test suite's own folders (cache, settings, state) are made in the temporary folder and
removed when the test process ends: runs of the suite do not pile folders up in /tmp."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_the_suites_folders_are_removed_when_it_ends(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("COALITION_TUI_CACHE_DIR", "XDG_CONFIG_HOME", "XDG_STATE_HOME")}
    env["TMPDIR"] = str(tmp_path)
    probe = ("import os, sys; sys.path.insert(0, sys.argv[1]); import conftest; "
             "print(os.environ['COALITION_TUI_CACHE_DIR']); print(os.environ['XDG_CONFIG_HOME']); "
             "print(os.environ['XDG_STATE_HOME'])")
    out = subprocess.run([sys.executable, "-c", probe, str(TESTS)], env=env, capture_output=True,
                         text=True, timeout=120, check=True).stdout.split()
    assert len(out) == 3
    for folder in out:  # they were made where TMPDIR says, each its own
        assert Path(folder).parent.parent == tmp_path
    assert len(set(out)) == 3
    assert list(tmp_path.iterdir()) == []  # and nothing is left once the process has ended
