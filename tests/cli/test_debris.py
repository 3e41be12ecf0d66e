"""Editor debris in a data folder (issue 19, point 8): Emacs lock files (often links to nothing),
macOS AppleDouble files, backups and Vim swap files are skipped by name, in loading and in the
live-reload watcher alike, and listed by `validate --verbose`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.cli import main
from tui.data.files import dataset_files, debris
from tui.data.load import load
from tui.data.watch import signature

DEBRIS = Path(__file__).parents[1] / "hostile" / "debris"
MINI = Path(__file__).parents[1] / "data" / "mini.yaml"


@pytest.mark.parametrize("name,kind", [
    (".#countries.yaml", "lock"), ("._countries.yaml", "AppleDouble"), ("countries.yaml~", "backup"),
    (".countries.yaml.swp", "swap"), (".countries.yaml.swx", "swap"), ("4913", "swap"),
])
def test_debris_names(name, kind):
    assert kind in debris(name)


@pytest.mark.parametrize("name", ["countries.yaml", ".hidden.yaml", "a#b.yaml", "sw.yaml", "_x.yaml", "4914"])
def test_ordinary_names_are_not_debris(name):
    assert debris(name) is None


def test_a_folder_being_edited_loads(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DEBRIS, folder, symlinks=True)
    assert [p.name for p in dataset_files(folder)] == ["data.yaml"]
    assert load(folder).counts() == load(MINI).counts()


@pytest.mark.parametrize("command", [["validate"], ["--no-cache", "export"], ["audit"]])
def test_commands_over_a_folder_with_debris(command, capsys):
    args = command[:-1] + ["--data", str(DEBRIS), command[-1]] if command[0] == "--no-cache" else \
        [*command, str(DEBRIS)]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""


def test_validate_verbose_lists_what_was_skipped(capsys):
    assert main(["validate", "--verbose", str(DEBRIS)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("valid: ")
    assert out[:-1] == [
        f"skipped {DEBRIS / '.#data.yaml'}: an editor lock file",
        f"skipped {DEBRIS / '.#other.yml'}: an editor lock file",
        f"skipped {DEBRIS / '._data.yaml'}: a macOS AppleDouble file",
        f"skipped {DEBRIS / '.data.yaml.swp'}: a Vim swap file",
        f"skipped {DEBRIS / 'data.yaml~'}: an editor backup",
    ]


def test_validate_without_verbose_says_nothing_of_it(capsys):
    assert main(["validate", str(DEBRIS)]) == 0
    assert capsys.readouterr().out.startswith("valid: ")


def test_a_lock_file_appearing_does_not_change_the_watched_signature(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(MINI, folder / "countries.yaml")
    before = signature([folder])
    (folder / ".#countries.yaml").symlink_to("user@host.1234:1700000000")
    (folder / "._countries.yaml").write_bytes(b"\x00\x05\x16\x07")
    (folder / "countries.yaml~").write_text("old")
    assert signature([folder]) == before
    (folder / "more.yaml").write_text("countries: []\n")
    assert signature([folder]) != before  # a real file still counts


def test_a_named_lock_file_is_still_read(tmp_path, capsys):
    lock = tmp_path / ".#countries.yaml"
    lock.symlink_to("nowhere")
    assert main(["validate", str(lock)]) == 1  # the user named it: its problem is told
    assert "a link to nothing" in capsys.readouterr().err
