"""Readers that turn other people's membership data (Wikidata, membership-spell tables) into
records of our format, and the one way they are written: YAML that our own loader then checks.

A reader never invents: every value it writes is in its input (an id, a label, a date to the
precision given, a reference URL), and whatever it cannot use is counted in its report. Layers:
core and data below; no Textual, no Rich.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tui.core.dates import date_end, date_start
from tui.core.model import SECTIONS


@dataclass
class Imported:
    """What a reader produced: records by section (plain data in our field order), what it
    skipped (reason -> count) and notes for the report."""

    kind: str                                   # "wikidata" or "csv": names the file written
    origin: str                                 # the input, as the report names it
    records: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {s: [] for s in SECTIONS})
    skipped: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def add(self, section: str, record: dict[str, Any]) -> None:
        """Add a record unless one with its id is already there (the first one wins)."""
        if not any(r["id"] == record["id"] for r in self.records[section]):
            self.records[section].append(record)

    def ids(self, section: str) -> set[str]:
        return {r["id"] for r in self.records[section]}

    def counts(self) -> dict[str, int]:
        return {s: len(v) for s, v in self.records.items() if v}


def spell_ids(coalition: str, country: str, taken: set[str]) -> str:
    """COALITION-COUNTRY, then COALITION-COUNTRY-2, -3 ... for further spells (DATA-FORMAT.md)."""
    base = f"{coalition}-{country}"
    rid, n = base, 1
    while rid in taken:
        n += 1
        rid = f"{base}-{n}"
    taken.add(rid)
    return rid


def file_name(kind: str, today: _dt.date) -> str:
    """The name of the file an import adds: imported-<kind>-<date>.yaml."""
    return f"imported-{kind}-{today.isoformat()}.yaml"


def overlapping(memberships: list[dict[str, Any]], country: str, coalition: str, since: str | None,
                until: str | None, role: str = "member") -> dict[str, Any] | None:
    """The first membership of `country` in `coalition` with `role` that shares a day with the
    spell since..until (unknown ends are open), else None: our loader refuses such a pair."""
    lo, hi = date_start(since) or _dt.date.min, date_end(until) or _dt.date.max
    for m in memberships:
        if (m["country"], m["coalition"], m.get("role", "member")) != (country, coalition, role):
            continue
        if (date_start(m.get("since")) or _dt.date.min) <= hi and lo <= (date_end(m.get("until")) or _dt.date.max):
            return m
    return None
