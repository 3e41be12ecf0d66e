"""Shell completion from the real parser (shtab), and the man page kept current."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tui.cli import main
from tui.data.bundled import example_names
from tui.export.data import TABLES
from tui.views.panes import PANE_IDS

ROOT = Path(__file__).resolve().parents[2]


def _script(capsys, shell: str) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def _complete(tmp_path, script: str, *words: str) -> list[str]:
    (tmp_path / "c.bash").write_text(script)
    line = " ".join(words)
    code = (f"source {tmp_path / 'c.bash'}; COMP_WORDS=({' '.join(repr(w) for w in words)}); "
            f"COMP_CWORD={len(words) - 1}; COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}; "
            "_shtab_coalition_tui; printf '%s\\n' \"${COMPREPLY[@]}\"")
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    out = subprocess.run(["bash", "--norc", "--noprofile", "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    return sorted(filter(None, out.stdout.splitlines()))


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_panes_tables_and_examples(tmp_path, capsys):
    script = _script(capsys, "bash")
    assert _complete(tmp_path, script, "coalition-tui", "ex") == ["examples", "export"]
    assert _complete(tmp_path, script, "coalition-tui", "export", "--pane", "") == sorted(PANE_IDS)
    assert _complete(tmp_path, script, "coalition-tui", "export", "--table", "me") == sorted(
        t for t in TABLES if t.startswith("me"))
    assert _complete(tmp_path, script, "coalition-tui", "--example", "") == sorted(example_names())
    assert "csl-json" in _complete(tmp_path, script, "coalition-tui", "export", "--format", "")
    assert _complete(tmp_path, script, "coalition-tui", "import", "") == ["csv", "wikidata"]


def test_zsh_and_tcsh_scripts_name_every_command(capsys):
    from tui.cli import COMMANDS

    for shell in ("zsh", "tcsh"):
        script = _script(capsys, shell)
        assert all(name in script for name in COMMANDS)
    with pytest.raises(SystemExit) as stop:
        main(["completion", "fish"])
    assert stop.value.code == 2 and "invalid choice: 'fish'" in capsys.readouterr().err


def test_the_committed_man_page_is_current_and_renders(tmp_path):
    from tui.cli.manpage import manpage

    page = manpage()
    assert page == (ROOT / "docs" / "coalition-tui.1").read_text(encoding="utf-8"), \
        "docs/coalition-tui.1 is stale: run `python -m tui.cli.manpage > docs/coalition-tui.1`"
    assert str(tmp_path) not in page and os.path.expanduser("~") + "/" not in page   # nothing of who ran it
    if shutil.which("man"):
        (tmp_path / "coalition-tui.1").write_text(page)
        out = subprocess.run(["man", "-l", str(tmp_path / "coalition-tui.1")], capture_output=True, text=True,
                             env={"MANWIDTH": "80", "PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path),
                                  "MANPAGER": "cat", "PAGER": "cat"}, timeout=60)
        assert out.returncode == 0 and "coalition-tui import" in out.stdout and "SYNOPSIS" in out.stdout
