"""`coalition-tui schema`: a JSON Schema that every file the loader accepts passes, that finds a
bad record where an editor would underline it, and that is committed as the command prints it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from tui.cli import main
from tui.data.yaml_safe import parse_text

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "coalition-tui.schema.json"
FILES = sorted([*(ROOT / "data").glob("*.yaml"), *(ROOT / "examples").rglob("*.yaml"),
                *(ROOT / "tests" / "data" / "frozen").glob("*.yaml")])
LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_committed_schema_is_what_the_command_prints(capsys):
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == COMMITTED.read_text(encoding="utf-8"), \
        "docs/coalition-tui.schema.json is stale: run `coalition-tui schema -o docs/coalition-tui.schema.json`"


def test_bundled_data_examples_and_the_frozen_copy_pass_with_no_error(validator):
    assert len(FILES) >= 15
    errors = {}
    for path in FILES:
        data = parse_text(path.read_text(encoding="utf-8"), str(path))
        found = [f"{list(e.absolute_path)}: {e.message[:120]}" for e in validator.iter_errors(data)]
        if found:
            errors[path.name] = found
    assert errors == {}


def _line_of(text: str, path: list) -> int:
    """The 1-based line of the YAML node at a JSON path (what an editor underlines)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for step in path:
        if isinstance(step, int):
            node = node.value[step]
        else:
            node = next(v for k, v in node.value if k.value == step)
    return node.start_mark.line + 1


BAD = """\
countries:
- id: DE
  name: Germany
  sources: [wp]
memberships:
- id: nato-DE
  country: DE
  coalition: nato
  role: member
  since: 1955-05-06
  sources: [wp]
- id: nato-FR
  country: FR
  coalition: nato
  role: boss
  since: 4 April 1949
  sources: ["not a ref!"]
  colour: blue
"""


def test_a_bad_record_gets_its_errors_on_its_own_lines(validator):
    errors = sorted(validator.iter_errors(parse_text(BAD, "bad.yaml")), key=lambda e: list(e.absolute_path))
    where = {(tuple(e.absolute_path), _line_of(BAD, list(e.absolute_path))) for e in errors}
    assert where == {(("memberships", 1), 12),                       # colour: an unknown key
                     (("memberships", 1, "role"), 15),
                     (("memberships", 1, "since"), 16),
                     (("memberships", 1, "sources", 0), 17)}
    assert any("colour" in e.message for e in errors)


def test_a_bare_year_and_null_sections_pass_as_the_loader_reads_them(validator):
    text = "meta:\n  title: T\n  last_checked: 2026\n  dashboard:\n    timeline: {from: 2022, to: 2027-06}\nquotes:\n"
    assert list(validator.iter_errors(parse_text(text, "x.yaml"))) == []


def test_every_bundled_file_names_the_committed_schema_on_its_first_line():
    shipped = [p for p in FILES if "frozen" not in p.parts]
    for path in shipped:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = LINE.match(first)
        assert match, f"{path} does not start with the yaml-language-server line"
        assert (path.parent / match.group(1)).resolve() == COMMITTED
    doc = (ROOT / "docs" / "DATA-FORMAT.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in doc and "coalition-tui schema" in doc
