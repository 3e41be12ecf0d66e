"""The viewer never falls over: live reload, every size, empty data, unexpected errors."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tui.data.load import load
from tui.ui.screens import DetailScreen, HelpScreen, ProblemsScreen

from conftest import until  # noqa: E402

MINI = Path(__file__).parents[1] / "data" / "mini.yaml"


async def _wait(pilot, condition, seconds: float = 30.0) -> None:
    """A state of the app, waited for with a deadline (a bound for a busy machine, not a pace)."""
    await until(pilot, condition, "the state waited for", seconds)


def _touch_write(path: Path, text: str) -> None:
    """Write and move the modification time on, so even a same-size edit is seen."""
    stat = path.stat()
    path.write_text(text)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


async def test_valid_edit_appears_and_keeps_pane_and_filter(make_app, tmp_path):
    data = tmp_path / "data.yaml"
    shutil.copy(MINI, data)
    app = make_app(load(data), watch=[data])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"germ", "enter")
        await pilot.pause()
        pane = app.pane("countries")
        assert [r.cells[0].text for r in pane.rows] == ["Germany"]
        _touch_write(data, data.read_text().replace("name: Germany", "name: Germany (Federal Republic)"))
        await _wait(pilot, lambda: pane.rows and pane.rows[0].cells[0].text == "Germany (Federal Republic)")
        assert app.current_pane_id == "countries"
        assert pane.filter_text == "germ" and pane.selected_id() == "DE"
        assert app.problems == []


async def test_invalid_edit_keeps_old_data_and_shows_error_then_fix_clears(make_app, tmp_path):
    data = tmp_path / "data.yaml"
    shutil.copy(MINI, data)
    good = data.read_text()
    app = make_app(load(data), watch=[data])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.pane("countries")
        before = [r.cells[0].text for r in pane.rows]
        _touch_write(data, good.replace("    number: 1\n", "    number: one\n"))
        await _wait(pilot, lambda: bool(app.problems))
        (problem,) = app.problems
        line = next(i + 1 for i, t in enumerate(data.read_text().splitlines()) if "number: one" in t)
        assert (problem.file, problem.line, problem.path) == (str(data), line, "meetings[0].number")
        assert [r.cells[0].text for r in pane.rows] == before  # the last good data stays
        assert "1 problem in the data" in str(app.main.query_one("#status").render())
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert f"{data}:{line}:13" in str(app.screen.query_one("Static").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)
        _touch_write(data, good)
        await _wait(pilot, lambda: not app.problems)
        assert "problem" not in str(app.main.query_one("#status").render())
        assert data.read_text() == good  # the app never writes to the data files


async def test_a_new_file_in_a_watched_folder_is_loaded(make_app, tmp_path):
    folder = tmp_path / "ds"
    folder.mkdir()
    shutil.copy(MINI, folder / "a.yaml")
    app = make_app(load(folder), watch=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (folder / "b.yaml").write_text("countries:\n  - id: FR\n    name: France\n    sources: [ref]\n")
        await _wait(pilot, lambda: any(r.id == "FR" for r in app.pane("countries").rows))


SIZES = [(20, 5), (30, 8), (50, 12), (80, 24), (120, 40), (200, 60), (300, 100), (21, 6)]


@pytest.mark.parametrize("pane", ["countries", "meetings", "roadmap", "quotes", "sources"])
async def test_resize_every_pane_and_view(make_app, pane):
    app = make_app(pane=pane)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for view in ("pane", "detail", "help"):
            if view == "detail":
                await pilot.press("enter")
            elif view == "help":
                await pilot.press("f1")
            await pilot.pause()
            for size in SIZES:
                await pilot.resize_terminal(*size)
                await pilot.pause()
            expected = {"pane": type(app.main), "detail": DetailScreen, "help": HelpScreen}[view]
            assert isinstance(app.screen, expected)
            if view != "pane":
                await pilot.press("escape")
                await pilot.pause()
    assert app.return_code in (None, 0)


async def test_empty_dataset_shows_empty_panes(make_app, tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("meta:\n  title: Empty\n  last_checked: 2026-11-25\n")
    app = make_app(load(empty))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
            pane = app.pane(app.current_pane_id)
            assert len(pane.rows) == 0
            assert "Nothing here" in str(pane.query_one(".empty").render())
            await pilot.press("enter", "s", "o", "left_square_bracket")
            await pilot.pause()
        assert "as of all dates" in str(app.main.query_one("ProvenanceBar .dates").render())


def test_unexpected_error_is_logged_and_reported_in_one_line(tmp_path, monkeypatch):
    """An error inside the running app: the terminal is restored, the traceback goes to a log,
    the user gets one line naming it, and the exit code is 1."""
    import subprocess
    import sys

    script = tmp_path / "crash.py"
    script.write_text(
        "import sys\n"
        "from tui.ui.app import CoalitionApp\n"
        "from tui import cli\n"
        "def boom(self):\n"
        "    raise RuntimeError('a bug')\n"
        "CoalitionApp.on_mount = boom\n"
        "sys.exit(cli.main(['--no-watch']))\n")
    env = {**os.environ, "COALITION_TUI_LOG_DIR": str(tmp_path / "logs"), "TERM": "dumb"}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env,
                            timeout=60, stdin=subprocess.DEVNULL)
    log = tmp_path / "logs" / "crash.log"
    assert result.returncode == 1, result.stderr
    assert "RuntimeError: a bug" in log.read_text()
    assert f"the details are in {log}" in result.stderr
    assert "Traceback" not in result.stderr


async def test_a_file_still_being_written_is_not_loaded_until_it_settles(make_app, tmp_path, monkeypatch):
    """A controlled clock: the polls are called by hand, and the files' signature is set by hand."""
    data = tmp_path / "data.yaml"
    shutil.copy(MINI, data)
    app = make_app(load(data), watch=[data])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        loads = []
        monkeypatch.setattr(app, "run_worker", lambda *a, **k: loads.append(1))
        states = iter([("a",), ("b",), ("b",), ("b",)])
        import tui.ui.reload as appmodule  # where the live reload looks at the files

        # the app's own poll timer may look too (at the end of the test, while the app closes):
        # once the states are used up the files stay as they were last, rather than StopIteration
        monkeypatch.setattr(appmodule, "signature", lambda paths: next(states, ("b",)))
        app._poll_data()   # changed: wait
        app._poll_data()   # changed again (still being written): wait
        assert loads == []
        app._poll_data()   # the same as the poll before: settled, load
        assert loads == [1]
        app._reloading = False
        app._poll_data()   # unchanged since: nothing
        assert loads == [1]


async def test_a_reload_that_loses_most_records_warns(make_app, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    codes = [f"{a}{b}" for a in "AB" for b in "ABCDE"]  # ten countries in three coalitions
    (data / "base.yaml").write_text(
        "meta: {title: Lost, last_checked: 2026-12-01}\n"
        "sources:\n  - {id: s, kind: reference, title: T, publisher: P}\n"
        "countries:\n" + "".join(f"  - {{id: {c}, name: N{c}, sources: [s]}}\n" for c in codes) +
        "coalitions:\n" + "".join(f"  - {{id: k{i}, name: K{i}, kind: alliance, sources: [s]}}\n" for i in range(3)))
    (data / "memberships.yaml").write_text("memberships:\n" + "".join(
        f"  - {{id: m{i}{c}, country: {c}, coalition: k{i}, role: member, since: 2000, sources: [s]}}\n"
        for i in range(3) for c in codes))
    app = make_app(load(data), watch=[data])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (data / "memberships.yaml").write_text("memberships: []\n")
        await _wait(pilot, lambda: any("down from 40" in n.message for n in app._notifications), 20)


async def test_a_flood_of_problems_is_capped_in_the_panel_and_the_toast(make_app, tmp_path):
    """Issue 12, point 15: 120 distinct problems and a 5 MB value. The panel lists at most 100
    lines, cut and escaped as validate prints them, and says how to see every one; the toast
    quotes only the first problem, cut to a glance."""
    data = tmp_path / "data.yaml"
    shutil.copy(MINI, data)
    good = data.read_text()
    app = make_app(load(data), watch=[data])
    toasts: list[tuple[str, str]] = []  # every notification, kept (a toast may time out on a busy machine)
    shown = app.notify
    app.notify = lambda message, **kw: (toasts.append((kw.get("title", ""), message)), shown(message, **kw))[1]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        fields = "".join(f"    field{i}: x\n" for i in range(120))
        bad = good.replace("  - id: DE\n", "  - id: " + "D" * 5_000_000 + "\n" + fields, 1)
        _touch_write(data, bad)
        await _wait(pilot, lambda: bool(app.problems) and any("problem" in t for t, _ in toasts), 30)
        assert len(app.problems) == 121
        toast = [m for t, m in toasts if "problem" in t][-1]
        assert len(toast) < 400 and "(5,000,000 characters)" in toast
        await pilot.press("exclamation_mark")
        await _wait(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        shown = str(app.screen.query_one("Static").render())
        assert "121 problems in the data files" in shown
        assert "Only the first 100 lines are shown" in shown and "--all-problems" in shown
        assert sum(1 for line in shown.splitlines() if line.startswith(str(data))) == 100
        assert len(shown) < 100 * 400


def test_watching_a_big_folder_looks_less_often():
    """Issue 12, point 16: looking costs at most about 2% of a core, whatever the folder."""
    from tui.data.watch import POLL_SECONDS, POLL_SHARE, poll_delay

    assert poll_delay(0.001) == POLL_SECONDS
    assert poll_delay(0.016) == pytest.approx(0.016 / POLL_SHARE)
    for cost in (0.001, 0.016, 0.2):
        assert cost / poll_delay(cost) <= POLL_SHARE + 1e-9


async def test_the_watcher_measures_each_look_and_waits_in_proportion(make_app, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(MINI, folder / "data.yaml")
    app = make_app(load(folder / "data.yaml"), watch=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await _wait(pilot, lambda: app.poll_cost > 0, 5)
        timers = [t for t in app._timers if getattr(t, "name", "") == "watch data files"]
        assert timers, "the next look is scheduled"


def test_the_crash_log_fallback_never_follows_a_planted_link(tmp_path, monkeypatch):
    """Issue 12, point 6: when the state folder cannot be written, the log goes to this user's
    private folder in the temp folder; a link planted there (or at the log's name) is refused."""
    import tempfile

    from tui.ui import crash

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("COALITION_TUI_LOG_DIR", str(blocker / "logs"))  # cannot be made
    victim = tmp_path / "victim"
    victim.write_text("precious\n")

    private = temp / f"coalition-tui-{os.geteuid()}"
    private.symlink_to(tmp_path)  # a planted link where the private folder would be
    assert crash.write_crash_log(ValueError("boom")) == Path("/dev/null")
    assert victim.read_text() == "precious\n"

    private.unlink()
    private.mkdir(mode=0o700)
    (private / "crash.log").symlink_to(victim)  # a planted link at the log's name
    assert crash.write_crash_log(ValueError("boom")) == Path("/dev/null")
    assert victim.read_text() == "precious\n"

    (private / "crash.log").unlink()
    path = crash.write_crash_log(ValueError("boom"))
    assert path == private / "crash.log" and "ValueError: boom" in path.read_text()
    assert (path.stat().st_mode & 0o777) == 0o600


async def test_a_folder_made_unreadable_keeps_the_last_good_data(make_app, tmp_path, monkeypatch):
    """Issue 12, point 7: the folder cannot be listed any more (as root, mode 000 means nothing,
    so listing is refused here by hand): a located problem, the app stays up with the last good
    data, and it reloads once the folder can be read again."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(MINI, folder / "data.yaml")
    app = make_app(load(folder / "data.yaml"), watch=[folder])
    real_scandir, real_iterdir = os.scandir, Path.iterdir
    locked = {"on": False}

    def scandir(path="."):
        if locked["on"] and os.fspath(path) == str(folder):
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scandir(path)

    def iterdir(self):
        if locked["on"] and self == folder:
            raise PermissionError(13, "Permission denied", str(folder))
        return real_iterdir(self)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "iterdir", iterdir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.pane("countries")
        before = [r.cells[0].text for r in pane.rows]
        locked["on"] = True
        await _wait(pilot, lambda: bool(app.problems), 10)
        (problem,) = app.problems
        assert (problem.file, problem.line, problem.column) == (str(folder), 1, 1)
        assert "cannot read the folder: Permission denied" in problem.message
        assert [r.cells[0].text for r in pane.rows] == before and app.is_running
        locked["on"] = False
        await _wait(pilot, lambda: not app.problems, 10)
