"""Settings that could lock the user in or fail silently (issue 19, point 7): quitting is kept
whatever the keymap says; unknown binding ids, bad key names and a key given twice are located
warnings, shown in the dashboard and printed by `coalition-tui config check`; a settings file
that is not a regular file (a FIFO) is refused at once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cli import main
from tui.data.config import config_path


def _write(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        path.unlink()
    path.write_text(text)
    return path


@pytest.fixture(autouse=True)
def _no_settings_left():
    yield
    path = config_path()
    if path.exists() or path.is_symlink():
        path.unlink()


LOCKED_IN = "keymap:\n  app.search: ctrl+q,q\n  app.copy: ctrl+c,y\n  app.quit: ctrl+c\n"


def test_a_keymap_that_takes_every_quit_key_is_cut_back():
    from tui.ui.keymap import load_settings

    path = _write(LOCKED_IN)
    config, warnings = load_settings(path)
    assert config.keymap == {"app.copy": "y"}
    assert any("ctrl+c is kept for quitting" in w for w in warnings)
    assert any("no key would quit" in w and "app.search" in w for w in warnings)


async def test_q_still_quits_the_dashboard_after_a_locking_keymap(make_app):
    from tui.ui.keymap import load_settings

    config, warnings = load_settings(_write(LOCKED_IN))
    app = make_app()
    app.set_keymap(config.keymap)
    app.settings_warnings = warnings
    async with app.run_test() as pilot:
        await pilot.pause()
        assert any("no key would quit" in n.message for n in app._notifications)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


def test_unknown_ids_bad_keys_and_keys_given_twice_are_located_warnings():
    from tui.ui.keymap import load_settings

    path = _write("keymap:\n"
                  "  app.serach: ctrl+f\n"           # line 2: a typo
                  "  table.down: \"j,\\e[A\"\n"     # line 3: ESC in a key
                  "  app.search: ctl+f\n"           # line 4: no such modifier
                  "  app.copy: x\n"                 # line 5
                  "  app.export_csv: x,foo\n")      # line 6: x again; foo is no key
    config, warnings = load_settings(path)
    assert config.keymap == {"table.down": "j", "app.copy": "x", "app.export_csv": "x"}
    text = "\n".join(warnings)
    assert f"{path}:2:3: keymap.app.serach: unknown binding id 'app.serach'" in text, text
    assert f"{path}:3:" in text and "'\\x1b[A' is not a key" in text
    assert f"{path}:4:" in text and "'ctl' is not a modifier" in text
    assert f"{path}:6:" in text and "the key 'x' is given twice (to app.copy and app.export_csv)" in text
    assert "'foo' is not a key: no key has that name" in text
    assert "\x1b" not in text


def test_config_check_prints_the_warnings_and_fails(capsys):
    path = _write("keymap:\n  app.nothing: z\ntheme: nope\n")
    assert main(["config", "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}:2:3: ") and "unknown binding id 'app.nothing'" in out[0]
    assert out[1].startswith(f"{path}:3:") and "unknown theme 'nope'" in out[1]
    assert out[-1] == "2 warnings: what they name is left out; the rest applies"


def test_config_check_on_clean_or_absent_settings(capsys):
    assert main(["config", "check"]) == 0
    assert capsys.readouterr().out.startswith("no settings file at ")
    path = _write("keymap:\n  app.search: ctrl+g\npane: meetings\n")
    assert main(["config", "check"]) == 0
    assert capsys.readouterr().out == f"settings: {path}: no warnings\n"


@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling"])
def test_a_settings_file_that_is_not_a_regular_file_is_refused_at_once(tmp_path, kind):
    config_home = tmp_path / "config"
    path = config_home / "coalition-tui" / "config.yaml"
    path.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(tmp_path / "nowhere")
    env = dict(os.environ, XDG_CONFIG_HOME=str(config_home), HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", "from tui.cli import run; run()", "config", "check"],
                            capture_output=True, text=True, env=env, timeout=60)  # a FIFO once hung here
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{path}:1:1: not a regular file: "), result.stdout
    assert {"fifo": "a FIFO", "folder": "a folder", "dangling": "a link to nothing"}[kind] in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["locking keymap", "fifo"])
def test_the_real_dashboard_starts_shows_the_warning_and_q_quits(tmp_path, kind):
    """The real process in a pty: a FIFO settings file once hung start-up before anything was
    drawn, and a keymap could take every quit key away."""
    pytest.importorskip("pyte")
    from test_pty import Terminal

    path = tmp_path / "config" / "coalition-tui" / "config.yaml"
    path.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_text(LOCKED_IN)
    term = Terminal(tmp_path, "--example", "eu")
    try:
        term.wait(lambda s: "European Union" in s and "Austria" in s, "the first frame")
        term.wait(lambda s: "Settings: left out" in s, "the settings warning in the dashboard")
        term.write("q")
        deadline = time.monotonic() + 20
        while term.proc.poll() is None and time.monotonic() < deadline:
            term.pump()
        assert term.proc.poll() == 0, term.text()
    finally:
        term.close()
