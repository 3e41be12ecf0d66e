"""The settings file: keymap, theme and pane, read by the safe loader; bad entries are located
warnings, never fatal; --no-config skips it; screenshot and export ignore it."""

from __future__ import annotations

import os
from pathlib import Path

from textual.theme import BUILTIN_THEMES

from tui.data.config import config_path, load_config
from tui.views.panes import PANE_IDS


def _write(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_the_path_follows_xdg_config_home(tmp_path):
    assert config_path({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "coalition-tui" / "config.yaml"
    assert config_path({"XDG_CONFIG_HOME": "relative"}).parts[-3:] == (".config", "coalition-tui", "config.yaml")
    assert str(config_path()).startswith(os.environ["XDG_CONFIG_HOME"])  # the tests' own folder


def test_good_settings_and_located_warnings_for_bad_ones():
    path = _write("keymap:\n  app.quit: ctrl+q\n  table.down: [j]\ntheme: nope\npane: meetings\ncolour: red\n")
    config, warnings = load_config(path, PANE_IDS, tuple(BUILTIN_THEMES))
    assert config.keymap == {"app.quit": "ctrl+q"} and config.pane == "meetings" and config.theme is None
    found = {(w.line, w.message.split(" ")[0]) for w in warnings}
    assert (3, "write") in found and (4, "unknown") in found and (6, "unknown") in found
    assert all(w.file == str(path) for w in warnings)
    broken = _write("keymap: [\n")
    config, warnings = load_config(broken, PANE_IDS)
    assert config.keymap == {} and warnings and warnings[0].line >= 1  # a syntax error: a warning too


async def test_the_dashboard_applies_a_keymap(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_keymap({"app.meetings": "m"})
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert app.current_pane_id == "meetings"


def test_no_config_and_screenshot_ignore_the_settings(tmp_path, capsys):
    from tui.cli import main

    _write("pane: nope\n")
    out = tmp_path / "shot.svg"
    assert main(["screenshot", "-o", str(out)]) == 0  # screenshot never reads the settings
    assert "settings" not in capsys.readouterr().err
