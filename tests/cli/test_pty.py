"""The real process in a pseudo-terminal, read through a terminal emulator (pyte): keys as a
person types them, bursts as a paste sends them. Every wait is for a screen state, with a deadline."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pyte = pytest.importorskip("pyte")

pytestmark = pytest.mark.slow  # real processes in a pty: `make test` runs them; -m 'not slow' leaves them out

ROOT = Path(__file__).resolve().parents[2]
COLS, ROWS = 100, 30


class Terminal:
    def __init__(self, tmp_path: Path, *args: str):
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = pty.openpty()
        os.set_blocking(master, False)
        import fcntl
        import struct
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLS), "LINES": str(ROWS),
               "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
               "XDG_STATE_HOME": str(tmp_path / "state"), "COALITION_TUI_CACHE_DIR": str(tmp_path / "cache"),
               "TEXTUAL_ANIMATIONS": "none"}
        self.proc = subprocess.Popen([sys.executable, "-m", "tui", "--no-watch", *args], stdin=slave, stdout=slave,
                                     stderr=slave, cwd=tmp_path, env=env, start_new_session=True)
        os.close(slave)
        self.master = master

    def pump(self, seconds: float = 0.05) -> None:
        ready, _, _ = select.select([self.master], [], [], seconds)
        while ready:
            try:
                data = os.read(self.master, 65536)
            except (BlockingIOError, OSError):
                break
            if not data:
                break
            self.stream.feed(data)
            ready, _, _ = select.select([self.master], [], [], 0)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait(self, ready, what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            if ready(self.text()):
                return
        raise AssertionError(f"timed out waiting for {what}:\n{self.text()}")

    def write(self, data: str) -> None:
        os.write(self.master, data.encode())

    def type(self, keys, gap: float) -> None:
        """Press `keys` one after another, `gap` seconds apart, as a person types (a key is a
        character or an escape sequence), reading the screen meanwhile so the app never waits
        on a full terminal. The gap is the typist's pace, not a wait for the app."""
        for i, key in enumerate(keys):
            if i:
                end = time.monotonic() + gap
                while (left := end - time.monotonic()) > 0:
                    self.pump(left)
            self.write(key)

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        os.close(self.master)


@pytest.fixture
def term(tmp_path):
    t = Terminal(tmp_path, "--example", "eu")
    try:
        t.wait(lambda s: "European Union" in s and "Austria" in s, "the first frame")
        yield t
    finally:
        t.close()


def _table_header(screen: str) -> str:
    return next((line for line in screen.splitlines() if line.lstrip().startswith(("Country ", "Date ", "Meeting "))), "")


def test_pane_keys_50ms_apart_end_on_the_last(term):
    """Issue 18: a pane key pressed while the previous pane was still taking the focus switched
    back to it: a stale 'pane focused' message reached TabbedContent's own handler (our override
    returned early, but Textual runs the handler of every class in the MRO), and a pane's first
    focus landed after the next key (Widget.focus is deferred). Keys looked lost under load."""
    term.type("2356", gap=0.05)
    term.wait(lambda s: "Coalition  Role" in _table_header(s) or ("Role" in _table_header(s) and "Since" in _table_header(s)),
              "the Memberships table")
    term.write("j")  # the table has the focus: j moves in it
    term.wait(lambda s: "Belgium" in s, "the Memberships rows")


def test_a_one_write_filter_and_home_then_j_and_enter(term):
    term.write("/Finl")  # one write, as a paste sends it
    term.wait(lambda s: "1 of 28" in s and "Finland" in s, "the filter with every letter")
    term.write("\x1b")  # Escape clears it
    term.wait(lambda s: "28 rows" in s, "the filter cleared")
    # Escape leaves the box; 1, the key of the pane in view, keeps the table focused; j, Enter.
    # 50 ms apart: an Escape and the key after it reach the app as one alt+key, taken apart again
    term.type(["\x1b", "1", "j", "\r"], gap=0.05)
    # the cursor stayed on Finland when the filter was cleared; j: the next row, France
    term.wait(lambda s: "France (FR)" in s, "France's detail (the row after Finland)")


def test_slash_on_sources_and_a_sort_arrow(term):
    term.write("5")  # keys keep their numbers: this dataset has no roadmap (3)
    term.wait(lambda s: "Text / title" in s, "the Sources pane")
    term.write("/treaty")
    term.wait(lambda s: " of " in s.splitlines()[4] if len(s.splitlines()) > 4 else False, "a match count")
    term.type(["\x1b", "\x1b", "4"], gap=0.05)  # clear, leave the box, Quotes
    term.wait(lambda s: "Statement" in s, "the Quotes pane")
    term.write("/croatia")
    term.wait(lambda s: "1 of 2" in s or "2 of 2" in s, "a quote found by its text")
    term.type(["\x1b", "\x1b", "1", "o", "o"], gap=0.05)
    term.wait(lambda s: "ISO ▲" in s, "the sort arrow in the ISO header")


def test_help_escape_and_q_50ms_apart_quit(term):
    """Issue 18: F1, Escape, q typed 50 ms apart left the dashboard running: the terminal sends
    Escape then q within its escape delay, read as alt+q."""
    term.type(["\x1bOP", "\x1b", "q"], gap=0.05)
    deadline = time.monotonic() + 30
    while term.proc.poll() is None and time.monotonic() < deadline:
        term.pump()
    assert term.proc.poll() == 0, "the dashboard is still running:\n" + term.text()


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_signals_restore_the_terminal(tmp_path, name):
    t = Terminal(tmp_path, "--example", "eu")
    raw = bytearray()
    feed = t.stream.feed
    t.stream.feed = lambda data: (raw.extend(data), feed(data))  # keep what the app wrote
    try:
        t.wait(lambda s: "Austria" in s, "the first frame")
        raw.clear()
        os.kill(t.proc.pid, getattr(signal, name))
        deadline = time.monotonic() + 20
        while t.proc.poll() is None and time.monotonic() < deadline:
            t.pump()
        t.pump()
        assert t.proc.poll() is not None, "the app did not stop"
        assert b"\x1b[?1049l" in raw, "the alternate screen was left on"
        assert b"\x1b[?1000l" in raw or b"\x1b[?1003l" in raw, "mouse reporting was left on"
        assert b"\x1b[?25h" in raw, "the cursor was left hidden"
    finally:
        t.close()


def test_the_settings_file_sets_the_first_pane_and_no_config_skips_it(tmp_path):
    settings = tmp_path / "config" / "coalition-tui" / "config.yaml"
    settings.parent.mkdir(parents=True)
    settings.write_text("pane: memberships\ncolour: red\n")
    t = Terminal(tmp_path, "--example", "eu")
    try:
        t.wait(lambda s: "Coalition" in _table_header(s) and "Since" in _table_header(s), "the Memberships pane")
    finally:
        t.close()
    t = Terminal(tmp_path, "--no-config", "--example", "eu")
    try:
        t.wait(lambda s: "Austria" in s and "Member of" in s, "the Countries pane")
    finally:
        t.close()


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


@pytest.mark.parametrize("how", ["ctrl+z", "SIGTSTP"])
def test_suspended_and_continued_the_dashboard_is_drawn_whole(tmp_path, how):
    """Issue 12, point 11: after ctrl+z (or a SIGTSTP from outside) and `fg`, every line is drawn
    again, not only those that changed (the terminal was cleared meanwhile)."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to see that the process stopped")
    t = Terminal(tmp_path, "--example", "eu")
    try:
        t.wait(lambda s: "European Union" in s and "Austria" in s, "the first frame")
        if how == "ctrl+z":
            t.write("\x1a")
        else:
            os.kill(t.proc.pid, signal.SIGTSTP)
        deadline = time.monotonic() + 20
        while _state(t.proc.pid) != "T" and time.monotonic() < deadline:
            t.pump()
        assert _state(t.proc.pid) == "T", "the process stopped"
        t.pump()
        t.screen.reset()  # what the shell printed meanwhile, then a cleared screen
        assert "Austria" not in t.text()
        os.kill(t.proc.pid, signal.SIGCONT)
        t.wait(lambda s: "European Union" in s and "Austria" in s and "Countries" in s, "the dashboard drawn again")
    finally:
        t.close()
