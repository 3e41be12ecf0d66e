"""Hostile text in data: markup is drawn as text, control and bidi characters never reach the
terminal raw, every SVG is well-formed XML, and validate's messages cannot forge lines."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.data.load import load
from tui.data.problems import DatasetError
from tui.ui.shots import Shot, render_panes

MINI = Path(__file__).parents[1] / "data" / "mini.yaml"
BASE = yaml.safe_load(MINI.read_text())


def _dataset(tmp_path: Path, edit) -> Path:
    data = json.loads(json.dumps(BASE, default=str))
    edit(data)
    path = tmp_path / "hostile.yaml"
    path.write_text(json.dumps(data, ensure_ascii=True))  # JSON is YAML; \u escapes make any character
    return path


def _svg_text(svg: str) -> str:
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    return "".join(root.itertext())


@pytest.mark.parametrize("name", ["[/]Albania", "[@click=app.quit]Quit", "[$accent]x", "[b]bold[/b]"])
def test_markup_in_data_is_drawn_as_text(tmp_path, name):
    path = _dataset(tmp_path, lambda d: d["countries"][0].update(name=name))
    ds = load(path)
    shown = render_panes(ds, Shot(pane="countries", size=(100, 30)), ["countries"])["countries"]
    assert name[:10].replace(" ", "\xa0") in _svg_text(shown).replace(" ", "\xa0")
    detail = render_panes(ds, Shot(pane="countries", select=("country", "DE"), size=(100, 30)), ["countries"])
    assert name[:10].replace(" ", "\xa0") in _svg_text(detail["countries"]).replace(" ", "\xa0")


def test_control_characters_in_names_are_refused_and_elsewhere_shown_as_escapes(tmp_path):
    bad = _dataset(tmp_path, lambda d: d["countries"][0].update(name="Ger\x1b]2;PWNED\x07many"))
    with pytest.raises(DatasetError) as info:
        load(bad)
    (p,) = info.value.problems
    assert "control character \\x1b" in p.message and "\x1b" not in str(p)
    path = _dataset(tmp_path, lambda d: d["meetings"][0].update(venue="Ram\x1b[2Jstein\x00 \u202eesab"))
    svg = render_panes(load(path), Shot(pane="meetings", size=(100, 30)), ["meetings"])["meetings"]
    text = _svg_text(svg)
    assert "\x1b" not in svg and "\x00" not in svg and "\u202e" not in svg
    assert "Ram\\x1b[2Jstein\\x00".replace(" ", "\xa0") in text.replace(" ", "\xa0")


def test_validate_messages_escape_what_they_quote(tmp_path):
    path = tmp_path / "keys.yaml"
    path.write_text('countries:\n  - id: DE\n    name: Germany\n    "x\\e[2J\\nvalid: fake\\u202e": 1\n    sources: [s]\n'
                    'sources:\n  - {id: s, kind: reference, title: T, publisher: P}\n')
    run = subprocess.run([sys.executable, "-m", "tui", "validate", str(path)], capture_output=True, text=True)
    assert run.returncode == 1
    assert "\x1b" not in run.stderr and "\u202e" not in run.stderr
    assert all(line.startswith(str(path)) or "problem" in line for line in run.stderr.splitlines())
    assert "\\x1b" in run.stderr and "\\n" in run.stderr


@pytest.mark.parametrize("everything", [[], ["--all-problems"]])
def test_data_file_names_cannot_drive_the_terminal_or_forge_lines(tmp_path, everything):
    """Files in a data folder named with a line break, an OSC title change and a bidi override,
    each holding problems (a flood of unknown sources in one, grouped): every name is escaped
    wherever a message quotes it, grouped lines included."""
    folder = tmp_path / "data"
    folder.mkdir()
    names = ["a\nvalid: fake.yaml", "\x1b]0;owned\x07\x1b[31m.yaml", "\u202egnp.yaml"]
    head = ("sources:\n  - {id: s, kind: reference, title: T, publisher: P}\ncountries:\n  - {id: DE, name: N, "
            "sources: [s]}\ncoalitions:\n  - {id: c, name: C, kind: contact-group, sources: [s]}\n")
    for n, name in enumerate(names):
        (folder / name).write_text((head if n == 0 else "") + "memberships:\n" + "".join(
            f"  - {{id: m{n}-{i}, country: DE, coalition: c, role: member, since: '{2000 + n * 10 + i}-01-01', "
            f"until: '{2000 + n * 10 + i}-02-01', sources: [nosuch{i}]}}\n" for i in range(6)))
    run = subprocess.run([sys.executable, "-m", "tui", *everything, "validate", str(folder)], capture_output=True,
                         text=True, env={**__import__("os").environ, "HOME": str(tmp_path)})
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "\x1b" not in run.stderr and "\u202e" not in run.stderr and "\x07" not in run.stderr
    lines = run.stderr.splitlines()
    assert all(line.startswith(str(folder)) for line in lines[:-1]) and "problems found" in lines[-1]
    for shown in ("a\\x0avalid: fake.yaml", "\\x1b]0;owned\\x07\\x1b[31m.yaml", "\\u202egnp.yaml"):
        assert any(shown in line for line in lines), shown
    if not everything:
        assert any("(in 6 records like memberships[*].sources[*]: first at " in line for line in lines)


def test_a_broken_pipe_keeps_the_status_the_work_earned(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("countries:\n" + "".join(f"  - id: c{i}\n    name: N\n" for i in range(3000)))
    shell = f"{sys.executable} -m tui --all-problems validate {path} 2>&1 | head -1; exit ${{PIPESTATUS[0]}}"
    run = subprocess.run(["bash", "-c", shell], capture_output=True, text=True)
    assert run.returncode == 1 and run.stdout.count("\n") == 1


def test_a_flood_of_problems_is_grouped(tmp_path):
    path = tmp_path / "flood.yaml"
    path.write_text("countries:\n" + "".join(f"  - id: c{i}\n    name: N\n" for i in range(2000)))
    run = subprocess.run([sys.executable, "-m", "tui", "validate", str(path)], capture_output=True, text=True)
    lines = run.stderr.splitlines()
    assert run.returncode == 1 and len(lines) == 3
    assert "in 2,000 records like countries[*]" in lines[1] and lines[-1].startswith("4,000 problems found")


def test_digits_that_are_not_ascii_are_not_dates(tmp_path):
    path = _dataset(tmp_path, lambda d: d["meetings"][0].update(date="٢٠٢٢-٠٤-٢٦"))
    with pytest.raises(DatasetError, match="not a date"):
        load(path)
    ref = _dataset(tmp_path, lambda d: d["quotes"][0].update(sources=["art#١"]))
    with pytest.raises(DatasetError, match="not a source reference"):
        load(ref)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=40))
def test_any_text_in_any_string_field_never_breaks_a_screenshot(tmp_path, text):
    def edit(d):
        d["meetings"][0]["venue"] = text
        d["meetings"][0]["highlights"] = [text]
        d["quotes"][0]["text"] = text
        d["claims"][0]["subject"] = text
        d["countries"][1]["name"] = text
    try:
        ds = load(_dataset(tmp_path, edit))
    except DatasetError:
        return  # a refused name is a located problem, which is fine
    for pane in ("countries", "meetings", "quotes"):
        svg = render_panes(ds, Shot(pane=pane, size=(80, 24)), [pane])[pane]
        _svg_text(svg)
    svg = render_panes(ds, Shot(pane="countries", select=("meeting", "udcg-1"), size=(80, 24)), ["countries"])
    _svg_text(svg["countries"])


def test_folder_entries_that_are_not_regular_files_are_problems(tmp_path):
    import os

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINI.read_text())
    (folder / "gone.yaml").symlink_to(tmp_path / "nowhere")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "dir.yaml").mkdir()
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    with pytest.raises(DatasetError) as info:
        load(folder)
    found = {Path(p.file).name: p.message for p in info.value.problems}
    assert found == {"dir.yaml": "not a regular file: a folder", "gone.yaml": "not a regular file: a link to nothing",
                     "loop.yaml": "not a regular file: a link loop", "pipe.yaml": "not a regular file: a FIFO (named pipe)"}


def _without_dac_override():
    """For a child of root: drop the capabilities that let root read any file (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH) from the bounding set, so after exec mode 000 stops it as it stops any
    user, while the interpreter under /root stays readable (its owner is still root)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) refused")


def _as_uid_65534():
    import os

    os.setgid(65534)
    os.setuid(65534)


def _unprivileged(env: dict, locked: Path):
    """The first way to run a child that can import tui but cannot read `locked` (None: no way)."""
    import os

    probe = [sys.executable, "-c", "import os, sys, tui; os.stat(sys.argv[1])", str(locked / "a.yaml")]
    for how in (_without_dac_override, _as_uid_65534):
        try:
            run = subprocess.run(probe, capture_output=True, text=True, preexec_fn=how, env=env, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        if "PermissionError" in run.stderr and f"'{locked / 'a.yaml'}'" in run.stderr:
            return how
    return None


@pytest.mark.parametrize("mode", [0o000, 0o600])
@pytest.mark.parametrize("command", [["validate"], ["export", "-o", "-"], ["audit"], []])
def test_an_unreadable_folder_is_a_located_message_not_a_traceback(command, mode):
    """CI runs as root, where mode 000 means nothing: the child runs without root's power to read
    anything (its capabilities dropped), or else as uid 65534, and says so when it can do neither.
    Mode 000 cannot be listed; mode 600 (no x) can be listed, but its files cannot be opened."""
    import os
    import shutil
    import tempfile

    if os.geteuid() != 0:
        pytest.skip("needs root to run the child without root's file access")
    base = Path(tempfile.mkdtemp(prefix="coalition-tui-perm-"))
    try:
        base.chmod(0o755)
        locked = base / "locked"
        locked.mkdir()
        (locked / "a.yaml").write_text(MINI.read_text())
        locked.chmod(mode)
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(base), "PYTHONPATH": str(Path(__file__).parents[2]),
               "XDG_CACHE_HOME": str(base / "cache"), "XDG_CONFIG_HOME": str(base / "config"), "TERM": "dumb"}
        takes_path = command[:1] in (["validate"], ["audit"])  # these take PATH; the others --data
        argv = [sys.executable, "-m", "tui", *((*command, str(locked)) if takes_path else ("--data", str(locked), *command))]
        how = _unprivileged(env, locked)
        if how is None:
            pytest.skip("cannot run a child without root's file access here (no CAP_SETPCAP, and uid 65534 "
                        "cannot read the interpreter)")
        run = subprocess.run(argv, capture_output=True, text=True, preexec_fn=how, env=env, timeout=60,
                             stdin=subprocess.DEVNULL)
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr
        if mode == 0o000:
            assert f"{locked}:1:1: cannot read the folder: Permission denied" in run.stderr
        else:
            assert f"{locked / 'a.yaml'}:1:1: " in run.stderr and "Permission denied" in run.stderr, run.stderr
    finally:
        (base / "locked").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_a_folder_that_cannot_be_listed_is_a_located_problem(tmp_path, monkeypatch, capsys):
    """The same path in-process (CI runs as root, where mode 000 does not stop reading)."""
    from tui.cli import main

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINI.read_text())
    real = Path.iterdir

    def refuse(self):
        if self == folder:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{folder}:1:1: cannot read the folder: Permission denied" in err and "Traceback" not in err
