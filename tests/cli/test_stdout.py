"""A standard output that fails or cannot take Unicode (issue 19, points 4 and 5): one line on
stderr and a non-zero exit, never a traceback; a legacy encoding gets escapes, not a crash.

A full disk is reproduced without /dev/full: the child runs with a file-size limit
(RLIMIT_FSIZE) on its standard output, a regular file in tmp_path, so each write past the limit
fails with EFBIG as a full disk fails with ENOSPC."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

MINI = Path(__file__).parents[1] / "data" / "mini.yaml"
ESCAPES = Path(__file__).parents[1] / "hostile" / "escapes-in-text.yaml"


def _env(tmp_path, **extra) -> dict[str, str]:
    env = dict(os.environ, HOME=str(tmp_path), PYTHONDONTWRITEBYTECODE="1", **extra)
    env.pop("PYTHONIOENCODING", None)
    env.update(extra)
    return env


def _limited(limit: int):
    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


def run_full(tmp_path, args: list[str], limit: int = 0) -> subprocess.CompletedProcess:
    out = tmp_path / "stdout"
    with open(out, "wb") as fh:
        return subprocess.run([sys.executable, "-c", "from tui.cli import run; run()", *args],
                              stdout=fh, stderr=subprocess.PIPE, text=True, env=_env(tmp_path),
                              preexec_fn=_limited(limit), timeout=120)


COMMANDS = [
    ["--no-cache", "export"],
    ["--no-cache", "export", "--format", "csv", "--table", "countries"],
    ["validate"],
    ["audit"],
    ["--no-cache", "examples"],
    ["--no-cache", "diff", "--from", "2023", "--to", "2024"],
    ["diff", str(MINI), str(ESCAPES)],
    ["--no-cache", "cite"],
    ["schema"],
    ["--no-cache", "export", "--format", "bibtex"],
    ["config", "check"],
    ["--help"],
    ["export", "--help"],
    ["--version"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[-3:]))
def test_a_full_stdout_is_one_line_and_a_failure(tmp_path, args):
    result = run_full(tmp_path, args)
    assert result.returncode not in (0, 120), result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert lines == ["coalition-tui: cannot write to standard output: File too large"], result.stderr


def test_output_that_fits_is_unchanged(tmp_path):
    result = run_full(tmp_path, ["--version"], limit=1000)
    assert result.returncode == 0 and result.stderr == ""
    assert (tmp_path / "stdout").read_text().startswith("coalition-tui ")


def _ascii(tmp_path, args):
    return subprocess.run([sys.executable, "-c", "from tui.cli import run; run()", *args],
                          capture_output=True, env=_env(tmp_path, PYTHONIOENCODING="ascii"), timeout=120)


@pytest.mark.parametrize("args", [["--no-cache", "diff", "--from", "2023", "--to", "2024"],
                                  ["--no-cache", "export", "--format", "csv", "--pane", "countries"],
                                  ["--no-cache", "examples"], ["audit"]],
                         ids=lambda a: " ".join(a[1:3]))
def test_an_ascii_stdout_gets_escapes(tmp_path, args):
    result = _ascii(tmp_path, args)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    result.stdout.decode("ascii")  # nothing but ASCII reached it


def test_an_ascii_stdout_gets_escapes_for_the_bundled_text(tmp_path):
    result = _ascii(tmp_path, ["--no-cache", "diff", "--from", "2022", "--to", "2026"])
    assert result.returncode == 0
    assert b"\\u" in result.stdout or b"\\x" in result.stdout  # letters past ASCII, escaped


def test_an_ascii_stdout_gets_json_that_parses_to_the_same_values(tmp_path):
    ascii_out = _ascii(tmp_path, ["--no-cache", "export"])
    assert ascii_out.returncode == 0, ascii_out.stderr
    utf8 = subprocess.run([sys.executable, "-c", "from tui.cli import run; run()", "--no-cache", "export"],
                          capture_output=True, env=_env(tmp_path), timeout=120)
    assert json.loads(ascii_out.stdout.decode("ascii")) == json.loads(utf8.stdout.decode("utf-8"))
