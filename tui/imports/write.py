"""An import's records as YAML text (one new file), alone or merged into an existing dataset.

Merging adds and never changes: a record whose id the dataset already has is left out, and so is
a membership that overlaps a spell the dataset already has for that country, coalition and role
(its dates, where they differ, are reported). The result is checked by our own loader before
anything is written.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import yaml

from tui.core.model import SECTIONS, Dataset
from tui.imports import Imported, overlapping, spell_ids

def merge(imported: Imported, existing: Dataset) -> list[str]:
    """Leave out of `imported` what `existing` already has; lines for the report."""
    lines: list[str] = []
    have = {s: {r.id for r in getattr(existing, s)} for s in SECTIONS}
    spells = [{"country": m.country, "coalition": m.coalition, "role": m.role, "since": m.since,
               "until": m.until, "id": m.id} for m in existing.memberships]
    for section in ("countries", "coalitions"):
        kept = [r for r in imported.records[section] if r["id"] not in have[section]]
        imported.skipped[f"{section} already in the dataset"] += len(imported.records[section]) - len(kept)
        imported.records[section] = kept
    taken = set(have["memberships"])
    kept = []
    for rec in imported.records["memberships"]:
        old = overlapping(spells, rec["country"], rec["coalition"], rec["since"], rec["until"], rec["role"])
        if old is not None:
            imported.skipped["memberships already in the dataset"] += 1
            for end in ("since", "until"):
                if old[end] != rec[end]:
                    lines.append(f"{old['id']}: {end}: {compare(old[end], rec[end])}; the dataset's is kept")
            continue
        rec["id"] = spell_ids(rec["coalition"], rec["country"], taken)
        kept.append(rec)
    imported.records["memberships"] = kept
    # sources: only those a kept record cites, and none the dataset already has
    cited = {ref for s in SECTIONS if s != "sources" for r in imported.records[s] for ref in r["sources"]}
    imported.records["sources"] = [r for r in imported.records["sources"]
                                   if r["id"] in cited and r["id"] not in have["sources"]]
    return lines


def meta_for(imported: Imported, today: _dt.date) -> dict[str, Any]:
    return {"title": f"Imported from {imported.origin}", "last_checked": today.isoformat(),
            "description": f"Written by coalition-tui import {imported.kind} from {imported.origin} on "
                           f"{today.isoformat()}; every value is the input's."}


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional fields (an absent note, a null the format defaults anyway), but
    keep since/until: null there says 'unknown' / 'still a member'."""
    return {k: v for k, v in record.items() if v is not None or k in ("since", "until")}


def to_yaml(imported: Imported, meta: dict[str, Any] | None, schema_path: str | None = None) -> str:
    """The records as one YAML file in our format (sections in the format's order)."""
    body: dict[str, Any] = {}
    if meta is not None:
        body["meta"] = meta
    for section in SECTIONS:
        if imported.records[section]:
            body[section] = [_clean(r) for r in imported.records[section]]
    head = (f"# yaml-language-server: $schema={schema_path}\n" if schema_path else "") + \
        f"# Written by coalition-tui import {imported.kind} from {imported.origin}.\n"
    return head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def compare(ours: str | None, theirs: str | None) -> str:
    """How the input's date stands to the dataset's: 'the dataset has 1999-03-12, the input 1999
    (less precise, and agrees)' or '... (differs)'."""
    def shown(d):
        return d if d is not None else "none"

    head = f"the dataset has {shown(ours)}, the input {shown(theirs)}"
    if ours is not None and theirs is not None:
        if len(theirs) < len(ours) and ours.startswith(theirs):
            return head + " (less precise, and agrees)"
        if len(ours) < len(theirs) and theirs.startswith(ours):
            return head + " (more precise, and agrees)"
    return head + " (differs)"
