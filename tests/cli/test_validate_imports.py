"""What `validate` loads (issue 20, point 3: bundled `validate` against a process that only imports
pydantic and yaml): the command line builds its parser without the views (the panes' ids are read
only when --pane is given, --help printed or a completion script made), and `validate` never
imports them, Textual, or the web server's modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
from tui.cli import main
sys.argv = ["coalition-tui", "validate"]
try:
    code = main()
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _run(tmp_path, code: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)


def test_validate_imports_no_view_nor_textual(tmp_path):
    done = _run(tmp_path, PROBE)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.splitlines()[-1])
    assert out["code"] == 0
    modules = set(out["modules"])
    assert "tui.core.model" in modules  # it does validate
    loaded = sorted(m for m in modules if m.startswith(("tui.views", "tui.ui", "textual", "rich")))
    assert loaded == []
    assert "shlex" not in modules  # the web server's (tui.cli.serve; its ipaddress comes with pydantic's plugin loader)


def test_the_pane_choices_are_still_checked_and_listed(tmp_path):
    from tui.views.panes import PANE_IDS

    bad = subprocess.run([sys.executable, "-m", "tui", "export", "--format", "csv", "--pane", "nope"],
                         capture_output=True, text=True, env={**os.environ, "HOME": str(tmp_path)}, timeout=120)
    assert bad.returncode == 2 and "invalid choice: 'nope'" in bad.stderr and "'memberships'" in bad.stderr
    for command in ("export", "screenshot"):
        shown = subprocess.run([sys.executable, "-m", "tui", command, "--help"], capture_output=True, text=True,
                               env={**os.environ, "HOME": str(tmp_path)}, timeout=120)
        assert shown.returncode == 0
        assert all(p in " ".join(shown.stdout.split()) for p in PANE_IDS), command
    good = subprocess.run([sys.executable, "-m", "tui", "export", "--format", "csv", "--pane", "quotes"],
                          capture_output=True, text=True, env={**os.environ, "HOME": str(tmp_path)}, timeout=120)
    assert good.returncode == 0 and good.stdout.count("\n") > 3
