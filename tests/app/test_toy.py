"""A toy kind of record and a toy pane, declared as a contributor would (tests/toy), reach every
consumer: the YAML section, validate's located errors, JSON export, audit, diff OLD NEW, the
cache, search, the palette, a detail, the help, the pane's key and CSV, and a screenshot. Run in
a fresh interpreter, since a kind is declared before the tool's modules are imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parents[1]
MINI = HERE / "data" / "mini.yaml"
GADGETS = """
gadgets:
  - id: g1
    name: Widget Mark I
    country: DE
    note: a toy record of a toy kind
    sources: [ref]
"""


def test_a_toy_kind_and_pane_reach_every_consumer(tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text(MINI.read_text())
    data = tmp_path / "data.yaml"
    data.write_text(MINI.read_text() + GADGETS)
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text() + GADGETS.replace("sources: [ref]", "sources: [nowhere]").replace("DE", "XX"))
    svg = tmp_path / "gadgets.svg"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "COALITION_TUI_CACHE_DIR": str(tmp_path / "cache"),
           "TEXTUAL_ANIMATIONS": "none"}
    result = subprocess.run([sys.executable, str(HERE / "toy" / "run_toy.py"), str(data), str(bad), str(old), str(svg)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["validate"][0] == 0 and "1 gadgets" in seen["validate"][1]
    code, _, err = seen["validate_bad"]
    assert code == 1 and "bad.yaml:" in err and "gadgets[0]" in err and "nowhere" in err  # located
    assert "unknown country 'XX'" in err  # a reference the toy model declares
    assert "gadgets" in seen["json_keys"]
    assert seen["audit"][0] == 0 and "gadgets" in seen["audit"][1]
    assert seen["diff"][0] == 0 and "g1" in seen["diff"][1] and "gadgets" in seen["diff"][1]
    code, csv, _ = seen["csv"]
    assert code == 0 and csv.splitlines()[0] == "Gadget,Made in,id,unconfirmed,name_unconfirmed"
    assert csv.splitlines()[1].startswith("Widget Mark I,Germany,g1,false")
    assert seen["cache"][0] == seen["cache"][1] and '"gadgets"' in seen["cache"][1]
    assert seen["screenshot"][0] == 0 and "Widget" in svg.read_text() and "Gadgets" in svg.read_text()
    assert ["gadget", "Widget Mark I"] in seen["search"]
    assert ["Widget Mark I", "gadget"] in seen["palette"] and ["Show Gadgets", "pane"] in seen["palette"]
    assert seen["pane"] == "gadgets" and seen["detail"] == "Widget Mark I"
    assert "Gadgets" in seen["help"]
