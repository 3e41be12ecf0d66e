"""A JSON Schema of one dataset file, derived from the models (tui.core.model), for editors that
check YAML as it is typed (yaml-language-server's `# yaml-language-server: $schema=...` line).

The models say what a file may hold; what they declare as checks in Python (a real calendar date,
no control characters in a name, references that resolve across files) stays with
`coalition-tui validate`. A schema can only say less than the loader, never more: every file the
loader accepts passes it (a test runs a validator over the bundled data and the examples).
"""

from __future__ import annotations

from typing import Any

from tui.core.model import SECTIONS, DataFile

SCHEMA_ID = "urn:coalition-tui:schema:dataset-file"
"""The schema's `$id`: a name for it, not an address (docs/coalition-tui.schema.json is the file)."""


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one dataset file: any of the sections, each a list of
    records (or null, read as empty), and `meta` in exactly one file of a dataset."""
    body = DataFile.model_json_schema(mode="validation", by_alias=True)
    for name in SECTIONS:  # the loader reads `sources:` with nothing after it as an empty list
        prop = body["properties"][name]
        prop.pop("default", None)
        prop["type"] = ["array", "null"]  # one type list, not anyOf: errors stay at the record
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "coalition-tui dataset file",
        "description": "One YAML file of a coalition-tui dataset (docs/DATA-FORMAT.md). Cross-file "
                       "checks (ids that resolve, unique ids, real calendar dates) are made by "
                       "`coalition-tui validate`.",
    }
    body.pop("title", None)
    body.pop("description", None)
    return head | body
