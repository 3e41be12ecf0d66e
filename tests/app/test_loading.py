"""Progress on long work (issue 20): the loader reports per file through a plain callback; the
dashboard loads in a thread with a progress bar and quits at once mid-load; `validate` and
`export` print progress on stderr only when it is a terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import ProgressBar, Static

from tui.data.load import load_paths
from tui.data.problems import DatasetError, Problem
from tui.data.progress import LoadProgress
from tui.ui.loading import LoadCancelled, LoadingApp, LoadingView

ROOT = Path(__file__).resolve().parents[2]
FROZEN = Path(__file__).parents[1] / "data" / "frozen"
TODAY = __import__("datetime").date(2026, 11, 25)


# --- the loader's reports ---------------------------------------------------------------------------


def test_the_loader_reports_each_file_then_the_checks():
    reports: list[LoadProgress] = []
    ds = load_paths([FROZEN], progress=reports.append)
    files = sorted(FROZEN.glob("*.yaml"))
    reading = [r for r in reports if r.stage == "reading"]
    assert [Path(r.file).name for r in reading] == [f.name for f in files]
    assert [r.files_done for r in reading] == list(range(len(files)))
    assert all(r.files_total == len(files) for r in reports)
    records = [r.records for r in reading]
    assert records == sorted(records) and records[0] == 0
    assert [r.bytes_done for r in reading] == sorted(r.bytes_done for r in reading)
    assert reading[-1].bytes_total == sum(f.stat().st_size for f in files)
    last = reports[-1]
    assert last.stage == "checking" and last.records == sum(ds.counts().values())
    assert "file 2 of" in reading[1].describe() and reading[1].describe().startswith(f"reading {files[1].name}")


def test_a_listener_that_raises_stops_the_load():
    class Stop(Exception):
        pass

    seen = []

    def stop_at_second(p):
        seen.append(p)
        if len(seen) == 2:
            raise Stop

    with pytest.raises(Stop):
        load_paths([FROZEN], progress=stop_at_second)
    assert len(seen) == 2


def test_the_total_is_estimated_from_the_bytes_read():
    p = LoadProgress("reading", "m-03.yaml", 2, 10, 200_000, 2_400_000, 12_000_000)
    assert p.describe() == "reading m-03.yaml (file 3 of 10), 200,000 of about 1,000,000 records read"
    assert p.fraction == 0.2
    assert LoadProgress("reading", "a.yaml", 0, 3, 0, 0, 100).describe().endswith(", 0 records read")


def test_a_file_name_is_drawn_on_one_safe_line():
    p = LoadProgress("reading", "/tmp/evil\x1b[31m\nname.yaml", 0, 1, 0, 0, 10)
    text = p.describe()
    assert "\x1b" not in text and "\n" not in text and "\\x1b" in text


# --- the dashboard ------------------------------------------------------------------------------------


async def _until(pilot, ready, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause()


def _loader_thread() -> threading.Thread | None:
    return next((t for t in threading.enumerate() if t.name == "load the dataset" and t.is_alive()), None)


async def test_a_slow_load_shows_the_bar_and_q_quits_at_once(frozen):
    release, cancelled = threading.Event(), threading.Event()

    def slow(progress):
        progress(LoadProgress("reading", "/data/memberships-01.yaml", 0, 2, 0, 0, 200))
        progress(LoadProgress("reading", "/data/memberships-02.yaml", 1, 2, 100_000, 100, 200))
        release.wait(60)  # until the test lets it go: a load that outlives the app
        try:
            progress(LoadProgress("checking", "", 2, 2, 200_000, 200, 200))
        except LoadCancelled:
            cancelled.set()
            raise
        return frozen

    app = LoadingApp(slow, reveal_after=0.0, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(LoadingView)
        bar = view.query_one(ProgressBar)
        line = view.query_one("#loading-line", Static)
        await _until(pilot, lambda: view.display and bar.progress == 50, "the bar at half")
        assert "reading memberships-02.yaml (file 2 of 2), 100,000 of about 200,000 records read" in str(line.render())
        assert app.db is None  # still loading
        await pilot.press("1")  # a pane key does nothing yet (and does not crash)
        await pilot.press("q")
        await _until(pilot, lambda: not app.is_running or app._exit, "the app to end")
    # the app has ended while its load is still blocked
    thread = _loader_thread()
    assert thread is not None and not release.is_set()
    assert app.still_loading()  # the command line then leaves without the interpreter's shutdown
    release.set()
    thread.join(30)
    assert not thread.is_alive() and not app.still_loading()
    assert cancelled.is_set()  # its next report stopped the load
    assert app.return_code == 0 and app.load_error is None


async def test_a_quick_load_shows_the_dashboard_and_never_the_bar(frozen):
    app = LoadingApp(lambda progress: frozen, today=TODAY)  # the default: a bar after a second
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.db is not None and app.pane("countries") is not None
                     and app.pane("countries").is_mounted, "the Countries pane")
        assert not app.query(LoadingView)
        assert app.title  # composed with the dataset's title
        await pilot.press("2")
        await pilot.pause()
        assert app.current_pane_id != "countries"


async def test_a_warm_start_composes_the_dashboard_at_once_with_no_loading_screen(frozen, monkeypatch):
    """Data the validated cache holds (`warm` gives it): the dashboard is composed directly, once;
    no loading screen is composed or drawn before it, and the loading thread never runs."""
    composed: list[type] = []
    original = LoadingView.compose

    def counted(self):
        composed.append(type(self))
        return original(self)

    monkeypatch.setattr(LoadingView, "compose", counted)
    recomposed = []
    app = LoadingApp(lambda progress: pytest.fail("a warm start loaded in the thread"),
                     warm=lambda: frozen, today=TODAY)
    monkeypatch.setattr(app, "recompose", lambda *a, **k: recomposed.append(a))
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.pane("countries") is not None and app.pane("countries").is_mounted,
                     "the Countries pane")
        assert app.db is not None and not app.query(LoadingView)
        assert composed == [] and recomposed == []
        assert _loader_thread() is None and not app.still_loading()
        await pilot.press("2")
        await pilot.pause()
        assert app.current_pane_id != "countries"


async def test_a_cache_miss_loads_in_the_thread_as_before(frozen):
    asked = []
    app = LoadingApp(lambda progress: frozen, warm=lambda: asked.append(1), today=TODAY)  # None: not cached
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.db is not None and app.pane("countries") is not None
                     and app.pane("countries").is_mounted, "the Countries pane")
        assert asked == [1] and not app.query(LoadingView)


async def test_a_dataset_that_does_not_load_ends_the_app_with_its_problems():
    problem = Problem("bad.yaml", 3, 5, "countries[0].id", "an id is required")

    def broken(progress):
        progress(LoadProgress("reading", "bad.yaml", 0, 1, 0, 0, 10))
        raise DatasetError([problem])

    app = LoadingApp(broken, reveal_after=0.0, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: app.load_error is not None, "the load to fail")
    assert app.return_code == 1
    assert app.load_error.problems == [problem]


# --- the command line: progress on a terminal's stderr, never in a pipe --------------------------------


def _env(tmp_path: Path) -> dict:
    return {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_STATE_HOME": str(tmp_path / "state"), "COALITION_TUI_CACHE_DIR": str(tmp_path / "cache"),
            "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}


@pytest.mark.parametrize("command", [["validate"], ["--no-cache", "export", "-o", "out.json"]])
def test_a_pipe_gets_no_progress(tmp_path, command):
    done = subprocess.run([sys.executable, "-m", "tui", "--data", str(FROZEN), *command], capture_output=True,
                          cwd=tmp_path, env=_env(tmp_path), timeout=120)
    assert done.returncode == 0, done.stderr
    assert b"records read" not in done.stderr and b"\r" not in done.stderr and b"\x1b" not in done.stderr
    assert b"records read" not in done.stdout


def _run_in_pty(tmp_path: Path, *args: str) -> tuple[int, bytes]:
    """The command with stdin, stdout and stderr on a pseudo-terminal: its exit code and every
    byte it wrote."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "tui", *args], stdin=slave, stdout=slave, stderr=slave,
                            cwd=tmp_path, env=_env(tmp_path), start_new_session=True)
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the other side closed: the process has ended
                    break
                if not data:
                    break
                out += data
            elif proc.poll() is not None:
                break
        return proc.wait(30), out
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


def test_validate_on_a_terminal_shows_progress_then_erases_it(tmp_path):
    code, out = _run_in_pty(tmp_path, "validate", str(FROZEN))
    assert code == 0, out
    assert b"records read" in out and b"reading memberships.yaml" in out
    assert b"\r\x1b[2Kvalid:" in out  # the line erased before the result is printed


def test_the_dashboard_on_invalid_data_leaves_the_screen_and_prints_the_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("countries:\n- id: XX\n  name: Nowhere\n", encoding="utf-8")
    code, out = _run_in_pty(tmp_path, "--data", str(bad), "--no-watch")
    assert code == 1
    text = out.decode("utf-8", "replace")
    tail = text[text.rfind("\x1b[?1049l"):] if "\x1b[?1049l" in text else text  # after the alternate screen
    assert "bad.yaml:2:" in tail and "problem" in tail and "found" in tail


async def test_a_slow_live_reload_shows_its_progress_and_keeps_the_data(frozen, tmp_path, monkeypatch):
    import tui.data.cache
    from tui.data.load import load
    from tui.ui.loading import ReloadBar

    mini = load(Path(__file__).parents[1] / "data" / "mini.yaml")
    release = threading.Event()

    def slow_reload(paths, progress=None):
        progress(LoadProgress("reading", str(tmp_path / "a.yaml"), 0, 2, 0, 0, 100))
        progress(LoadProgress("reading", str(tmp_path / "b.yaml"), 1, 2, 5_000, 50, 100))
        release.wait(60)
        return mini

    monkeypatch.setattr(tui.data.cache, "load_store", slow_reload)  # live reload loads as start-up does
    app = LoadingApp(lambda progress: frozen, reveal_after=0.0, today=TODAY, watch=[tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: app.db is not None and app.pane("countries") is not None
                     and app.pane("countries").is_mounted, "the dashboard")
        before = len(app.pane("countries").rows)
        app.run_worker(app._load_in_thread, thread=True, exclusive=True, group="reload")  # as a poll does
        await _until(pilot, lambda: app.main.query(ReloadBar) and app.main.query_one(ReloadBar).is_mounted
                     and app.main.query_one(ReloadBar).query_one(ProgressBar).progress == 50, "the reload bar")
        line = app.main.query_one("#reload-line", Static)
        assert "reading b.yaml (file 2 of 2), 5,000 of about 10,000 records read" in str(line.render())
        assert len(app.pane("countries").rows) == before  # the last data stays in view meanwhile
        release.set()
        await _until(pilot, lambda: not app.main.query(ReloadBar) and app.db.ds is mini, "the reloaded data")
    assert len(mini.countries) != len(frozen.countries)


def test_validate_on_a_terminal_erases_its_progress_before_the_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("countries:\n- id: XX\n  name: Nowhere\n", encoding="utf-8")
    code, out = _run_in_pty(tmp_path, "validate", str(bad))
    assert code == 1
    text = out.decode("utf-8", "replace")
    assert "reading bad.yaml (file 1 of 1)" in text
    erased = text.rindex("\r\x1b[2K")
    assert erased < text.index("bad.yaml:2:")  # the problems start on a clean line
    assert "records read" not in text[erased:]


async def test_past_the_reading_the_bar_pulses_rather_than_stand_at_100(frozen):
    """The checks across records and the cache written come after every file is read, with nothing
    to count (about a minute at a million records): the bar goes indeterminate then, not full."""
    checking, release = threading.Event(), threading.Event()

    def load(progress):
        progress(LoadProgress("reading", "/data/memberships-01.yaml", 0, 1, 0, 0, 200))
        progress(LoadProgress("checking", "", 1, 1, 100_000, 200, 200))
        checking.set()
        release.wait(60)
        return frozen

    app = LoadingApp(load, reveal_after=0.0, today=TODAY)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            view = app.query_one(LoadingView)
            bar = view.query_one(ProgressBar)
            line = view.query_one("#loading-line", Static)
            await _until(pilot, lambda: view.display and "checking 100,000 records" in str(line.render()),
                         "the checks said")
            assert bar.total is None and bar.percentage is None  # indeterminate: it pulses
            release.set()
            await _until(pilot, lambda: app.db is not None, "the dashboard")
    finally:
        release.set()
