"""`coalition-tui serve` without a browser: the session's command line, the host rules, the missing
extra, the page it serves; and what the dashboard does with saves and copies under a browser
(App.is_web), driven by Pilot. tests/cli/test_browser.py drives the real thing in Chromium."""

from __future__ import annotations

import html
import os
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from serving import isolated_env, start

ROOT = Path(__file__).resolve().parents[2]
MINI = Path(__file__).parents[1] / "data" / "mini.yaml"


def _run(*args, cwd=None, env=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=timeout)


def _parse(*argv):
    from tui.cli import _parser

    return _parser().parse_args(list(argv))


# --- the command each session runs --------------------------------------------------------------

def test_a_hostile_folder_name_reaches_the_session_as_one_argument(tmp_path):
    """textual-serve starts each session through a shell: a folder named `a b$(touch x)` must be
    one argument, and nothing in it may run. The command is run here by the shell, as
    textual-serve runs it, with `validate` after the options in place of the dashboard."""
    from tui.cli.serve import session_argv, session_command

    folder = tmp_path / "a b$(touch x)"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")
    work = tmp_path / "work"
    work.mkdir()
    args = _parse("--data", str(folder), "--no-cache", "serve")
    command = session_command(session_argv(args) + ["validate"])
    done = subprocess.run(command, shell=True, cwd=work, capture_output=True, text=True, timeout=60,
                          env=isolated_env(tmp_path / "home"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("valid: ")
    assert "Mini" in done.stdout or "1 " in done.stdout
    assert list(work.iterdir()) == [] and not (folder / "x").exists() and not (tmp_path / "x").exists()
    assert shlex.split(command)[3:5] == ["--data", str(folder)]


def test_every_dashboard_option_is_passed_to_each_session(tmp_path):
    """What is given before `serve` is what each session gets: parsed again, the same values. An
    option added to the dashboard later and not passed on fails here."""
    from tui.cli import _parser
    from tui.cli.serve import FORWARDED, session_argv

    dests = {a.dest for a in _parser()._actions} - {"help", "version", "command"}
    assert dests == set(FORWARDED)
    shots = tmp_path / "shots"
    shots.mkdir()
    given = _parse("--data", str(MINI), "--as-of", "2023", "--screenshot-dir", str(shots), "--flags",
                   "--all-problems", "--no-config", "--no-watch", "--no-cache", "serve")
    again = _parse(*session_argv(given))
    assert again.command is None  # the dashboard itself
    for dest in set(FORWARDED) - {"example"}:
        assert getattr(again, dest) == getattr(given, dest), dest
    example = _parse("--example", "eu", "serve")
    assert _parse(*session_argv(example)).data == example.example
    assert session_argv(_parse("serve")) == []  # the bundled dataset, the user's settings, watching


# --- hosts, ports, the address browsers use ------------------------------------------------------

@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "::", "example.org"])
def test_a_host_other_machines_can_reach_is_refused_without_allow_remote(host):
    done = _run("--data", str(MINI), "serve", "--host", host, "--port", "8123")
    assert done.returncode == 2
    assert done.stderr.startswith(f"coalition-tui serve: --host {host}: other machines could connect")
    assert "--allow-remote" in done.stderr and "Traceback" not in done.stderr


def test_allow_remote_warns_that_there_is_no_authentication():
    from tui.cli.serve import check_address

    url, warning = check_address("192.0.2.7", 8000, None, True)
    assert url == "http://192.0.2.7:8000"
    assert "no authentication" in warning and "reverse proxy" in warning and url in warning
    for host in ("127.0.0.1", "::1", "localhost"):
        assert check_address(host, 8000, None, False)[1] is None
    assert check_address("::1", 8001, None, False)[0] == "http://[::1]:8001"
    assert check_address("0.0.0.0", 80, "https://dash.example.org/c/", True)[0] == "https://dash.example.org/c"


def test_the_warning_is_printed_before_serving(tmp_path):
    """The whole path with --allow-remote, to an address this machine does not have: the warning,
    then one line saying it cannot listen there, exit 1, no traceback."""
    done = _run("--data", str(MINI), "serve", "--host", "192.0.2.7", "--allow-remote", "--port", "8123",
                env=isolated_env(tmp_path / "home"))
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith("coalition-tui serve: warning: there is no authentication: anyone who can reach "
                               "http://192.0.2.7:8123")
    assert lines[-1].startswith("coalition-tui serve: cannot listen on 192.0.2.7 port 8123: ")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("argv, says", [
    (["--host", "0.0.0.0", "--allow-remote"], "a browser cannot open: say the address browsers use"),
    (["--public-url", "0.0.0.0:8000"], "--public-url '0.0.0.0:8000': give an address such as"),
    (["--port", "70000"], "--port 70000: choose a port from 1 to 65535"),
])
def test_addresses_a_browser_cannot_use_are_refused(argv, says):
    done = _run("--data", str(MINI), "serve", *argv)
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr


def test_serve_without_the_web_extra_says_what_to_install(tmp_path):
    """textual-serve missing (a module that fails to import stands in for it): exit 2, and the
    message names the extra to install."""
    fake = tmp_path / "no-web" / "textual_serve"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('No module named textual_serve')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake.parent), os.environ.get("PYTHONPATH", "")])}
    done = _run("--data", str(MINI), "serve", env=env)
    assert done.returncode == 2
    assert "serving to a browser needs textual-serve, which is not installed: pip install 'coalition-tui[web]'" \
        in done.stderr
    assert "Traceback" not in done.stderr


def test_a_dataset_that_does_not_load_stops_serve_before_it_listens(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: [\n")
    done = _run("--data", str(bad), "serve", env=isolated_env(tmp_path / "home"))
    assert done.returncode == 1 and "bad.yaml" in done.stderr and "serving" not in done.stderr


# --- the page ----------------------------------------------------------------------------------

def test_the_page_has_the_dataset_title_and_fetches_nothing_from_another_host(tmp_path):
    """The page is ours: the dataset's title (escaped: it is data), no command line and no server
    path, the font from this server."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "mini.yaml").write_text(MINI.read_text().replace("title: Mini", "title: 'Mini <b>&</b>'", 1))
    server = start(["--data", str(data), "--no-config"], env=isolated_env(tmp_path / "home"), cwd=tmp_path)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(server.url + "/", timeout=30) as response:
            page = response.read().decode("utf-8")
        assert "<title>Mini &lt;b&gt;&amp;&lt;/b&gt;</title>" in page
        assert str(data) not in page and "-m tui" not in page
        assert "googleapis" not in page
        assert "fonts/RobotoMono-VariableFont_wght.ttf" in page
        refs = [html.unescape(u) for u in __import__("re").findall(r'(?:href|src)="([^"]+)"', page)]
        assert refs and all(u.startswith(server.url + "/static/") or u.startswith("data:") for u in refs), refs
        with urllib.request.urlopen(server.url + "/static/fonts/RobotoMono-VariableFont_wght.ttf", timeout=30) as r:
            assert r.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    finally:
        server.stop()
    assert server.proc.returncode is not None


# --- saves and copies under a browser (Pilot, with App.is_web true) ------------------------------

@pytest.fixture
def web_app(make_app, monkeypatch):
    """The app as under textual-serve: is_web, and what it delivers recorded (name, bytes, how)."""
    from tui.ui.app import CoalitionApp

    monkeypatch.setattr(CoalitionApp, "is_web", property(lambda self: True))
    app = make_app()
    app.delivered = []

    def deliver_text(file, *, save_filename=None, encoding=None, open_method="download", **kw):
        app.delivered.append((save_filename, file.read(), open_method, encoding))

    def deliver_binary(file, *, save_filename=None, open_method="download", **kw):
        app.delivered.append((save_filename, file.read(), open_method, None))

    app.deliver_text, app.deliver_binary = deliver_text, deliver_binary
    notes = []
    original = CoalitionApp.notify

    def notify(self, message, **kw):
        notes.append(str(message))
        original(self, message, **kw)

    monkeypatch.setattr(CoalitionApp, "notify", notify)
    app.notes = notes
    return app


async def test_under_a_browser_saves_are_downloads_named_as_files_and_no_path_is_shown(web_app, tmp_path):
    from tui.export.data import table_to_csv

    app = web_app
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        pane = app.pane()
        csv = table_to_csv(pane.source.columns, pane.rows)
        n = len(pane.rows)
    assert list(tmp_path.iterdir()) == []  # nothing written on the server
    (svg_name, svg, how1, _), (csv_name, csv_bytes, how2, enc) = app.delivered
    assert svg_name.startswith("coalition-tui-countries-") and svg_name.endswith(".svg")
    assert svg.startswith(b"<svg") and how1 == "download"
    assert csv_name.startswith("coalition-tui-countries-") and csv_name.endswith(".csv")
    assert csv_bytes == csv.encode("utf-8") and how2 == "download" and enc == "utf-8"
    assert f"Sent to your browser as a download: {svg_name}" in app.notes
    assert f"Sent {n} rows to your browser as a download: {csv_name}" in app.notes
    assert not any(str(tmp_path) in note or "/" in note for note in app.notes)


async def test_under_a_browser_a_copy_says_what_happened_and_is_offered_as_a_txt(web_app, tmp_path):
    app = web_app
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("Y")
        await pilot.pause()
        clipboard = app.clipboard
    assert list(tmp_path.iterdir()) == []
    (name, text, how, enc), (name_md, md, _, _) = app.delivered
    assert name.startswith("coalition-tui-countries-") and name.endswith(".txt") and how == "download"
    assert text.decode("utf-8") != md.decode("utf-8") and md.decode("utf-8") == clipboard
    assert "Albania" in text.decode("utf-8")
    copied = [n for n in app.notes if "sent to" in n]
    assert copied[0].startswith("The selected row as plain text (")
    assert copied[0].endswith(f"lines): sent to your browser (it may refuse over plain http), and as a download: {name}")
    assert "terminal" not in " ".join(copied)


async def test_under_a_browser_the_palette_says_downloads_not_server_folders(web_app, tmp_path):
    app = web_app
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        helps = [h for _, h, _ in app.extra_commands()]
    assert helps[0] == "Save the screen as SVG as a download to your browser (ctrl+s)"
    assert not any(str(tmp_path) in h for h in helps)


async def test_the_footer_is_drawn_while_the_app_has_no_focus(make_app):
    """A browser session starts without focus (textual-serve's driver says so at once): the keys
    show all the same. Textual's own footer stayed blank until the page was clicked."""
    from textual.app import App

    app = make_app()
    app.set_reactive(App.app_focus, False)  # as the web driver leaves it before the first frame
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not app.app_focus
        keys = [k.key for k in app.main.query("FooterKey")]
    assert "q" in keys and "f1" in keys


async def test_under_a_browser_the_palettes_png_is_a_download_too(web_app, tmp_path):
    """The PNG is rendered in a thread; what it hands over is a PNG named as the file would be."""
    import time as _time

    app = web_app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_screenshot("png")
        deadline = _time.monotonic() + 30
        while not app.delivered and _time.monotonic() < deadline:
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause()
    assert list(tmp_path.iterdir()) == []
    (name, data, how, _), = app.delivered
    assert name.startswith("coalition-tui-countries-") and name.endswith(".png") and how == "download"
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert f"Sent to your browser as a download: {name}" in app.notes


# --- keys typed before a pane is built (the browser test types as fast as a script can) -------

async def test_y_pressed_before_a_new_pane_has_built_its_table_copies_nothing_and_does_not_crash(make_app):
    """`2` then `y` at once: the Meetings pane is mounted but has not composed its table yet.
    This crashed the session ("No nodes match 'LineTable'"); now y says there is nothing to copy."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_pane("meetings")
        app.action_copy("text")  # in the same turn: the pane is there, its table not yet
        await pilot.pause()
        assert app.last_copied == ""
        await pilot.press("y")  # once built, y copies its row
        await pilot.pause()
        assert app.last_copied.startswith("Meeting: UDCG 1\n")


# --- stopping ----------------------------------------------------------------------------------

def _sessions(server) -> list[str]:
    out = subprocess.run(["ps", "-o", "pid=,args=", "-g", str(server.proc.pid)], capture_output=True,
                         text=True).stdout
    return [line for line in out.splitlines() if "-m tui" in line and " serve " not in line]


def test_ctrl_c_ends_the_server_and_its_open_sessions_at_once(tmp_path):
    """A browser tab holds a session open (a websocket here); SIGINT to the server alone ends it,
    exit 0, and no session is left running (textual-serve waited up to a minute for the tabs)."""
    import asyncio
    import signal

    import aiohttp

    server = start(["--data", str(MINI), "--no-config", "--no-watch"], env=isolated_env(tmp_path / "home"),
                   cwd=tmp_path)
    try:
        async def hold_a_session():
            async with aiohttp.ClientSession() as client:
                async with client.ws_connect(server.url.replace("http", "ws", 1) + "/ws?width=80&height=24") as ws:
                    async for message in ws:  # the first frame: the session is running
                        if message.type == aiohttp.WSMsgType.BINARY and len(message.data) > 10:
                            break
                    assert _sessions(server), "no session process while a tab is open"
                    asked.append(time.monotonic())
                    os.kill(server.proc.pid, signal.SIGINT)
                    async for message in ws:  # until the server closes it
                        pass

        asked: list[float] = []
        asyncio.run(asyncio.wait_for(hold_a_session(), 60))
        assert server.proc.wait(timeout=60) == 0
        assert time.monotonic() - asked[0] < 5  # the session quit at once, not when the tab let go
        assert _sessions(server) == []
    finally:
        server.stop()


async def test_under_a_browser_citations_are_offered_the_same_way(web_app, tmp_path):
    """C (copy the citations) goes the way y does: the browser's clipboard and a .txt download."""
    app = web_app
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()
        clipboard = app.clipboard
    assert list(tmp_path.iterdir()) == []
    (name, text, how, _), = app.delivered
    assert name.endswith(".txt") and how == "download" and text.decode("utf-8") == clipboard != ""
    note = next(n for n in app.notes if "sent to" in n)
    assert "citation" in note and note.endswith(f": sent to your browser (it may refuse over plain http), "
                                                f"and as a download: {name}")


async def test_c_pressed_before_a_new_pane_has_built_its_table_does_not_crash(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.action_pane("meetings")
        app.action_cite()  # in the same turn: the pane is there, its table not yet
        await pilot.pause()
        assert app.last_copied == ""
