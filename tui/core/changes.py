"""Change over time, with no Textual: what changed between two dates in one dataset (who joined
and left, role changes, meetings held, people who took or left office), and what changed between
two versions of a dataset (records added, removed or changed, field by field).

Dates in the data may be partial ("2024-06"): such a date stands for its whole period. A change
is inside an interval only when all of its period is; when only part of it is, it is listed as
"possibly". A membership with no known start is listed apart ("date unknown"), never counted
from its coalition's founding. Both ends of an interval are inclusive; `until` is the last day of
a membership, so a country that left on `until` D is listed as leaving on D.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from tui.core.dates import date_end, date_start
from tui.core.refs import coalition_label, office

if TYPE_CHECKING:  # the Changes pane reads the cache's light rows: no pydantic needed
    from tui.core.model import Dataset
from tui.core.text import for_terminal

KINDS = ("joined", "left", "role-changed", "meeting", "took-office", "left-office")
"""The kinds of change between two dates, in the order the JSON documents them."""


@dataclass(frozen=True)
class Change:
    """One change between two dates. `date` is as the data gives it (possibly partial, None when
    unknown); `precision` is day, month, year or unknown; `possibly` when the date's period is
    only partly inside the interval."""

    kind: str
    date: str | None
    precision: str
    possibly: bool
    coalition: str | None
    country: str | None
    role: str | None
    record: str                       # the id of the record the change comes from
    sources: list[str] = field(default_factory=list)
    text: str = ""                    # the change in words
    section: str = "memberships"       # where the record lives (memberships, meetings, people)
    unconfirmed: bool = False

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    def csv_row(self) -> list[Any]:
        """The change as a CSV row, in the order of CSV_KEYS (sources '; '-joined)."""
        data = self.to_data()
        return ["; ".join(data[k]) if k == "sources" else data[k] for k in CSV_KEYS]


CSV_KEYS = ("kind", "date", "precision", "possibly", "coalition", "country", "role", "record", "sources",
            "text", "unconfirmed")
"""The columns of a list of changes as CSV (`diff --from --to --format csv`, the Changes pane)."""


def _precision(date: str | None) -> str:
    if date is None:
        return "unknown"
    return {10: "day", 7: "month", 4: "year"}.get(len(date), "day")


def _where(date: str, lo: _dt.date, hi: _dt.date) -> str | None:
    """'in' when the date's whole period is in [lo, hi], 'possibly' when part of it is, else None."""
    first, last = date_start(date), date_end(date)
    if lo <= first and last <= hi:
        return "in"
    if first <= hi and last >= lo:
        return "possibly"
    return None


def between(ds: Dataset, start: _dt.date, end: _dt.date, coalitions: Iterable[str] = ()) -> list[Change]:
    """Every change from `start` to `end`, both inclusive, for the coalitions named (all if none).
    Memberships with no known start come last, as 'date unknown'."""
    wanted = set(coalitions)
    countries = {c.id: c.name for c in ds.countries}
    labels = {c.id: coalition_label(c, end) for c in ds.coalitions}  # as called on the last day
    founded = {c.id: c.founded for c in ds.coalitions}
    people = {p.id: p for p in ds.people}
    out: list[Change] = []

    def keep(coalition: str | None) -> bool:
        return not wanted or coalition in wanted

    spells = [m for m in ds.memberships if keep(m.coalition)]
    # a role change: one spell ends and another of the same country in the same coalition starts
    # on that day or the next, in another role
    follows: dict[str, str] = {}
    by_pair: dict[tuple[str, str], list] = {}
    for m in spells:
        by_pair.setdefault((m.country, m.coalition), []).append(m)
    for group in by_pair.values():
        for a in group:
            for b in group:
                if a is not b and a.until and b.since and a.role != b.role and \
                        0 <= (date_start(b.since) - date_end(a.until)).days <= 1:
                    follows[a.id] = b.id
    started_by_change = set(follows.values())
    by_id = {m.id: m for m in spells}

    said: dict[int, list[str]] = {}  # the cache's light rows share each distinct list of references

    def refs(sources) -> list[str]:
        found = said.get(id(sources))
        if found is None:
            found = said[id(sources)] = [str(r) for r in sources]
        return found

    def add(kind: str, date: str | None, m, text: str, possibly: bool = False) -> None:
        out.append(Change(kind, date, _precision(date), possibly, m.coalition, m.country, m.role, m.id,
                          refs(m.sources), text, "memberships", m.unconfirmed))

    for m in spells:
        who, what = countries.get(m.country, m.country), labels.get(m.coalition, m.coalition)
        if m.since is None:
            # listed apart, and only when it may have held in the interval: not for a coalition
            # founded after it, nor for a spell that had ended before it
            if (founded.get(m.coalition) is None or date_start(founded[m.coalition]) <= end) and \
                    (m.until is None or date_end(m.until) >= start):
                add("joined", None, m, f"{who} in {what} ({m.role}): date unknown")
        elif m.id not in started_by_change and (w := _where(m.since, start, end)):
            add("joined", m.since, m, f"{who} joined {what} as {m.role}", w == "possibly")
        if m.until and (w := _where(m.until, start, end)):
            if m.id in follows:
                nxt = by_id[follows[m.id]]
                out.append(Change("role-changed", nxt.since, _precision(nxt.since), w == "possibly", m.coalition,
                                  m.country, nxt.role, nxt.id, [str(r) for r in nxt.sources],
                                  f"{who} in {what}: {m.role} to {nxt.role}", "memberships",
                                  m.unconfirmed or nxt.unconfirmed))
            else:
                add("left", m.until, m, f"{who} left {what} (its last day as {m.role})", w == "possibly")
    for mt in ds.meetings:
        if keep(mt.coalition) and (w := _where(mt.date, start, end)):
            out.append(Change("meeting", mt.date, _precision(mt.date), w == "possibly", mt.coalition, mt.country,
                              None, mt.id, [str(r) for r in mt.sources],
                              f"{labels.get(mt.coalition, mt.coalition)} meeting {mt.number}"
                              + (f", {mt.venue or mt.city}" if (mt.venue or mt.city) else ""), "meetings",
                              mt.unconfirmed))
    if not wanted:
        for p in people.values():
            for r in p.roles:
                held = office(r)
                for kind, date, verb in (("took-office", r.since, "took office as"), ("left-office", r.until, "left office as")):
                    if date and (w := _where(date, start, end)):
                        out.append(Change(kind, date, _precision(date), w == "possibly", None, p.country, None, p.id,
                                          [str(s) for s in r.sources], f"{p.name} {verb} {held}", "people",
                                          r.unconfirmed))
    out.sort(key=order)
    return out


def order(c: Change) -> tuple:
    """The order of a list of changes: dated ones in date order, then those whose date is only
    partly inside the interval ('possibly'), then those whose date is unknown; within a date, by
    coalition, kind and text."""
    group = 2 if c.date is None else 1 if c.possibly else 0
    return (group, date_start(c.date) if c.date else _dt.date.max, c.coalition or "~", KINDS.index(c.kind), c.text)


def counts(changes: list[Change]) -> tuple[int, int, int]:
    """(dated changes inside the interval, 'possibly' ones, ones of unknown date): only the
    first is a total; the others are said apart."""
    dated = sum(1 for c in changes if c.date is not None and not c.possibly)
    possibly = sum(1 for c in changes if c.possibly)
    return dated, possibly, len(changes) - dated - possibly


def to_text(changes: list[Change], labels: dict[str, str]) -> str:
    """Changes grouped by coalition, then by date; 'possibly' and 'date unknown' said as such."""
    lines: list[str] = []
    group = object()
    grouped = sorted(changes, key=lambda c: (c.date is None, c.coalition or "~", order(c)))
    for c in grouped:
        key = c.coalition if c.date else ("unknown", c.coalition)
        if key != group:
            group = key
            title = for_terminal(labels.get(c.coalition, c.coalition)) if c.coalition else "People"
            lines.append(("" if not lines else "\n") + (title if c.date else f"{title}: date unknown"))
        when = c.date or "?"
        flag = " (possibly: the date is only partly in the interval)" if c.possibly else ""
        doubt = " (unconfirmed)" if c.unconfirmed else ""
        lines.append(f"  {for_terminal(when):<10}  {c.kind:<12}  {for_terminal(c.text)}{flag}{doubt}  "
                     f"[{for_terminal(', '.join(c.sources))}]")
    return "\n".join(lines) + ("\n" if lines else "no changes in the interval\n")


# --- two versions of a dataset ------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One record added, removed or changed; for a change, the field's path, old and new value."""

    section: str
    record: str
    change: str                # added | removed | changed
    field: str | None = None
    old: Any = None
    new: Any = None

    def to_data(self) -> dict[str, Any]:
        return asdict(self)


def _fields(old: Any, new: Any, path: str) -> Iterable[tuple[str, Any, Any]]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            yield from _fields(old.get(key), new.get(key), f"{path}.{key}" if path else key)
    elif isinstance(old, list) and isinstance(new, list) and (
            any(isinstance(v, dict) for v in old + new)):
        for i in range(max(len(old), len(new))):  # lists of records (roles, milestones): item by item
            a = old[i] if i < len(old) else None
            b = new[i] if i < len(new) else None
            if a is None or b is None:
                if a != b:
                    yield f"{path}[{i}]", a, b
            else:
                yield from _fields(a, b, f"{path}[{i}]")
    elif old != new:
        yield path, old, new


def versions(old: Dataset, new: Dataset) -> list[Difference]:
    """Every record added, removed or changed from `old` to `new`, section by section, records
    matched by id; `meta` as one record."""
    from tui.core.model import SECTIONS

    out: list[Difference] = []
    a = old.meta.model_dump(mode="json", by_alias=True) if old.meta else {}
    b = new.meta.model_dump(mode="json", by_alias=True) if new.meta else {}
    out += [Difference("meta", "meta", "changed", f, x, y) for f, x, y in _fields(a, b, "")]
    for section in SECTIONS:
        before = {r.id: r.model_dump(mode="json") for r in getattr(old, section)}
        after = {r.id: r.model_dump(mode="json") for r in getattr(new, section)}
        for rid in before:
            if rid not in after:
                out.append(Difference(section, rid, "removed", old=before[rid]))
            else:
                out += [Difference(section, rid, "changed", f, x, y) for f, x, y in _fields(before[rid], after[rid], "")]
        out += [Difference(section, rid, "added", new=after[rid]) for rid in after if rid not in before]
    return out


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return for_terminal(text if len(text) <= 120 else text[:119] + "…")


def versions_text(diffs: list[Difference]) -> str:
    lines: list[str] = []
    section = None
    for d in diffs:
        if d.section != section:
            section = d.section
            lines.append(("" if not lines else "\n") + section)
        if d.change == "changed":
            lines.append(f"  ~ {for_terminal(d.record)}: {for_terminal(d.field)}: {_short(d.old)} -> {_short(d.new)}")
        elif d.change == "added":
            lines.append(f"  + {for_terminal(d.record)}")
        else:
            lines.append(f"  - {for_terminal(d.record)}")
    return "\n".join(lines) + ("\n" if lines else "no differences\n")
