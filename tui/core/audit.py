"""The figures a fact-checker asks of a dataset: sources by tier, the records that rest only on
secondary or mirror sources, those with no primary source, the unconfirmed ones, and how the
newest date in the data stands against `last_checked`. It reports; it does not judge.

"Top-level records" are every record outside `sources:`. A record rests on every source it
cites anywhere in it (its own `sources`, and those of its roles, milestones and statements).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from tui.core.dates import date_start, recorded
from tui.core.model import SECTIONS, Dataset, Record, SourceRef

TIERS = ("primary", "established", "secondary", "mirror")
WEAK = frozenset(("secondary", "mirror"))
RECORD_SECTIONS = tuple(s for s in SECTIONS if s != "sources")


def cited(rec: Record) -> Iterator[SourceRef]:
    """Every source reference a record makes, its nested parts' included."""
    yield from rec.sources
    for part in (*getattr(rec, "roles", ()), *getattr(rec, "milestones", ()), *getattr(rec, "statements", ())):
        yield from part.sources


@dataclass
class Audit:
    sources_by_tier: dict[str, int]
    records: int
    weak: dict[str, list[str]] = field(default_factory=dict)          # only secondary or mirror
    no_primary: dict[str, list[str]] = field(default_factory=dict)
    untiered_only: dict[str, list[str]] = field(default_factory=dict)  # cites no source with a tier
    unconfirmed: dict[str, list[str]] = field(default_factory=dict)
    newest: str | None = None
    last_checked: str | None = None
    unbacked_leads: list[str] = field(default_factory=list)  # coalitions[].leads with no lead membership

    @property
    def weak_count(self) -> int:
        return sum(len(v) for v in self.weak.values())

    @property
    def weak_share(self) -> float:
        return self.weak_count / self.records if self.records else 0.0

    def to_data(self) -> dict[str, Any]:
        return {
            "sources_by_tier": self.sources_by_tier,
            "top_level_records": self.records,
            "resting_only_on_secondary_or_mirror": {"count": self.weak_count,
                                                    "share": round(self.weak_share, 4),
                                                    "by_section": self.weak},
            "without_a_primary_source": {"count": sum(map(len, self.no_primary.values())),
                                         "by_section": self.no_primary},
            "citing_no_tiered_source": {"count": sum(map(len, self.untiered_only.values())),
                                        "by_section": self.untiered_only},
            "unconfirmed": {"count": sum(map(len, self.unconfirmed.values())), "by_section": self.unconfirmed},
            "leads_without_a_lead_membership": self.unbacked_leads,
            "newest_date": self.newest,
            "last_checked": self.last_checked,
        }


def audit(ds: Dataset) -> Audit:
    tier = {s.id: s.tier for s in ds.sources}
    by_tier = {t: 0 for t in TIERS} | {"none": 0}
    for s in ds.sources:
        by_tier[s.tier or "none"] += 1
    result = Audit(by_tier, 0)
    for section in RECORD_SECTIONS:
        for rec in getattr(ds, section):
            result.records += 1
            tiers = {tier.get(ref.source) for ref in cited(rec)}
            known = tiers - {None}
            if known and known <= WEAK and None not in tiers:
                result.weak.setdefault(section, []).append(rec.id)
            if "primary" not in tiers:
                result.no_primary.setdefault(section, []).append(rec.id)
            if not known:
                result.untiered_only.setdefault(section, []).append(rec.id)
            doubtful = rec.unconfirmed or any(
                part.unconfirmed for part in (*getattr(rec, "roles", ()), *getattr(rec, "milestones", ()))
                if hasattr(part, "unconfirmed"))
            if doubtful:
                result.unconfirmed.setdefault(section, []).append(rec.id)
    roles: dict[tuple[str, str], set[str]] = {}
    for m in ds.memberships:
        roles.setdefault((m.coalition, m.country), set()).add(m.role)
    result.unbacked_leads = [f"{c.id}:{lead}" for c in ds.coalitions for lead in c.leads
                             if not roles.get((c.id, lead), set()) & {"lead", "co-lead"}]
    dates = list(recorded(ds))
    result.newest = max(dates, key=date_start) if dates else None
    result.last_checked = ds.meta.last_checked if ds.meta else None
    return result


def to_text(a: Audit) -> str:
    lines = ["Sources by tier: " + ", ".join(f"{t} {n}" for t, n in a.sources_by_tier.items())
             + (f" (no tier: {a.sources_by_tier['none']})" if a.sources_by_tier["none"] else "")]
    lines.append(f"Top-level records: {a.records}")

    def block(title: str, groups: dict[str, list[str]]) -> None:
        n = sum(map(len, groups.values()))
        share = f" ({n / a.records:.1%})" if a.records else ""
        lines.append(f"{title}: {n}{share}")
        for section, ids in groups.items():
            lines.append(f"  {section} ({len(ids)}): {', '.join(ids)}")

    block("Resting only on secondary or mirror sources", a.weak)
    block("Citing no source with a tier", a.untiered_only)
    block("Without a primary source", a.no_primary)
    block("Unconfirmed (the record, a role or a milestone)", a.unconfirmed)
    lines.append(f"Leads (coalitions[].leads) without a lead or co-lead membership: {len(a.unbacked_leads)}"
                 + (f": {', '.join(a.unbacked_leads)}" if a.unbacked_leads else ""))
    lines.append(f"Newest date in the data: {a.newest or 'none'}; last checked: {a.last_checked or 'not stated'}")
    return "\n".join(lines) + "\n"
