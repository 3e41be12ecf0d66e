"""A cache that cannot be written (issue 19, point 11): one warning per launch naming the real
reason (read-only, full, another user's folder, others can write it), never a silent fallback
that validates again at every launch."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tui.data import cache

MINI = Path(__file__).parents[1] / "data" / "mini.yaml"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.setattr(cache, "_warned", False)
    monkeypatch.setattr(cache, "warning", None)


def _data(tmp_path) -> Path:
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text())
    return data


def test_a_read_only_cache_is_one_warning_naming_it(tmp_path, monkeypatch, capsys):
    import tui.data.files as files

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(files.tempfile, "mkstemp", read_only)
    data = _data(tmp_path)
    for _ in range(3):
        cache.load_dataset([data], folder=tmp_path / "cache")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("coalition-tui: the dataset cache was not written (cannot write ")
    assert "Read-only file system" in err[0] and "each launch loads and validates the data files again" in err[0]
    assert cache.warning and "Read-only file system" in cache.warning


def test_a_cache_folder_that_cannot_be_created_names_why(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache.load_dataset([_data(tmp_path)], folder=blocker / "cache")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and f"{blocker / 'cache'}: Not a directory" in err[0], err


def test_a_cache_folder_of_another_user_is_named_as_such(tmp_path, capsys):
    if os.geteuid() != 0:
        pytest.skip("needs root to give a folder to another user")
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o755)
    os.chown(folder, 65534, 65534)
    cache.load_dataset([_data(tmp_path)], folder=folder)
    err = capsys.readouterr().err
    assert f"the cache folder {folder} belongs to another user (uid 65534)" in err, err
    assert "others can write" not in err


def test_a_group_writable_cache_folder_says_so(tmp_path, capsys):
    folder = tmp_path / "team"
    folder.mkdir()
    folder.chmod(0o775)
    cache.load_dataset([_data(tmp_path)], folder=folder)
    assert f"others can write the cache folder {folder} (mode 0775)" in capsys.readouterr().err


def test_a_full_cache_disk_is_one_warning_in_a_real_run(tmp_path):
    """A full disk, reproduced with a file-size limit: the cache file cannot be written."""
    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (256, 256))  # the cache file of mini.yaml is bigger

    env = dict(os.environ, HOME=str(tmp_path), PYTHONDONTWRITEBYTECODE="1",
               COALITION_TUI_CACHE_DIR=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", "from tui.cli import run; run()", "--data", str(MINI),
                             "export", "--format", "csv", "--table", "countries"],
                            capture_output=True, text=True, env=env, preexec_fn=limited, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "the dataset cache was not written" in lines[0], result.stderr
    assert "File too large" in lines[0]
    assert not list((tmp_path / "cache").glob(".*.part"))


async def test_the_dashboard_shows_the_cache_warning(make_app):
    app = make_app()
    app.startup_warnings = ["the dataset cache was not written (Read-only file system)"]
    async with app.run_test() as pilot:
        await pilot.pause()
        assert any("Read-only file system" in n.message for n in app._notifications)
