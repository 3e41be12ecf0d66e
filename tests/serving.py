"""Start `coalition-tui serve` on a free loopback port, in a process group of its own, and stop it
(the group: the server and every session it started). Used by the serve and browser tests and by
scripts/browser_shot.py."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

SERVING = re.compile(r"coalition-tui serve: serving .* on (\S+) \(ctrl\+c stops\)")


def isolated_env(home: Path) -> dict[str, str]:
    """The environment for the server and its sessions: HOME and every XDG folder in `home`."""
    env = dict(os.environ)
    for name, sub in (("HOME", ""), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                      ("XDG_STATE_HOME", "state"), ("XDG_DATA_HOME", "data"),
                      ("XDG_RUNTIME_DIR", "runtime"), ("COALITION_TUI_CACHE_DIR", "cache/coalition-tui")):
        path = home / sub
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        env[name] = str(path)
    env.pop("TEXTUAL", None)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `serve`: its process, its URL and what it and its sessions printed (kept being
    read, so the server never blocks on a full pipe)."""

    def __init__(self, proc: subprocess.Popen, url: str, lines: list[str]) -> None:
        self.proc, self.url, self.lines = proc, url, lines

    def stop(self) -> None:
        stop(self.proc)


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the process group, then SIGKILL if it has not gone within 10 s."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            return
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # sessions left behind by a server that stopped
    except ProcessLookupError:
        pass
    proc.wait()


def start(args: list[str], *, env: dict[str, str], cwd: Path, tries: int = 5,
          timeout: float = 30.0) -> Server:
    """`coalition-tui ARGS serve --port P` on a free port; another port when that one was taken
    meanwhile. Waits for the server's start line (not a fixed time)."""
    for _ in range(tries):
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "tui", *args, "serve", "--port", str(port)],
                                env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, start_new_session=True)
        lines: list[str] = []
        got: queue.Queue = queue.Queue()

        def read(stream=proc.stdout, sink=lines):
            for line in stream:
                sink.append(line.rstrip("\n"))
                got.put(line)
            got.put(None)

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + timeout
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"serve did not start in {timeout} s: {lines}")
                try:
                    line = got.get(timeout=left)
                except queue.Empty:
                    continue
                if line is None:  # the server stopped
                    break
                if m := SERVING.search(line):
                    return Server(proc, m.group(1), lines)
        except BaseException:
            stop(proc)
            raise
        stop(proc)
        if not any("cannot listen" in line for line in lines):
            raise RuntimeError(f"serve stopped (exit {proc.returncode}): " + "\n".join(lines))
    raise RuntimeError(f"no free port in {tries} tries: " + "\n".join(lines))
