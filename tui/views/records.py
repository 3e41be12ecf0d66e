"""What each kind of record looks like to a reader, registered by kind (tui.core.kinds): what a
screen calls it, the texts search looks in, where a citation of it leads, its palette entry, and
(in tui.views.detail, with @builds) how its detail is built. Nothing here names a coalition, a
source or a year; every kind in tui.core.kinds must be here (tests/unit/test_kinds.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui.views.index import Index, Link


@dataclass(frozen=True)
class KindView:
    label: Callable[[Index, Any], str]          # what a screen calls the record (never its id)
    search: Callable[[Index, Any], list[str]]   # the texts search everything looks in
    link: Callable[[Any], Link]                 # where a citation of it, or a hit on it, leads
    entry: Callable[[Index, Any], str] | None = None  # its palette entry and search hit (None: its label)
    palette: bool = True  # listed in the command palette (not memberships: there may be 100,000)
    kind_word: str | None = None  # what the palette says under an entry (None: the kind's singular)


def _note(rec) -> str:
    return rec.note or ""


VIEWS: dict[str, KindView] = {
    "source": KindView(
        label=lambda ix, s: s.title,
        search=lambda ix, s: [s.title, s.publisher or "", s.url or "", _note(s), *s.paragraphs],
        link=lambda s: ("source", s.id), palette=False),  # reached from what cites them (s), ctrl+f
    "country": KindView(
        label=lambda ix, c: c.name,
        search=lambda ix, c: [c.name, c.id, _note(c)],
        link=lambda c: ("country", c.id),
        entry=lambda ix, c: f"{c.name} ({c.id})"),
    "coalition": KindView(
        label=lambda ix, c: c.name,
        search=lambda ix, c: [c.name, c.short or "", _note(c), *(f.name for f in c.former_names)],
        link=lambda c: ("coalition", c.id),
        entry=lambda ix, c: c.name + (f" ({c.short})" if c.short else "")),
    "membership": KindView(
        label=lambda ix, m: f"{ix.country_name(m.country)} in {ix.label(m.coalition)} ({m.role})",
        search=lambda ix, m: [ix.country_name(m.country), ix.label(m.coalition), m.role, _note(m)],
        link=lambda m: ("membership", m.id), palette=False),
    "person": KindView(
        label=lambda ix, p: p.name,
        search=lambda ix, p: [p.name, _note(p), *(r.title for r in p.roles)],
        link=lambda p: ("person", p.id)),
    "meeting": KindView(
        label=lambda ix, m: f"{ix.meeting_label(m)}, {m.date}",
        search=lambda ix, m: [ix.meeting_label(m), m.venue or "", m.city or "", _note(m), m.participants_text or "",
                              *m.highlights],
        link=lambda m: ("meeting", m.id),
        entry=lambda ix, m: f"{ix.meeting_label(m)}, {m.date}" + (
            f", {ix.meeting_place(m, short=True)}" if ix.meeting_place(m, short=True) else "")),
    "area": KindView(
        label=lambda ix, a: a.name,
        search=lambda ix, a: [a.name, _note(a), *(ms.label for ms in a.milestones)],
        link=lambda a: ("area", a.id),
        entry=lambda ix, a: f"{ix.roadmap_title}: {a.name}"),
    "quote": KindView(
        label=lambda ix, q: f"{ix.person_name(q.speaker)}, {q.date or 'undated'}: {q.text[:50]}",
        search=lambda ix, q: [q.text, ix.person_name(q.speaker), _note(q), *q.topics],
        link=lambda q: ("quote", q.id),
        entry=lambda ix, q: f"{ix.person_name(q.speaker)}: {q.text[:70]}"),
    "claim": KindView(
        label=lambda ix, c: c.subject,
        search=lambda ix, c: [c.subject, _note(c), *(f"{st.value} {st.text or ''}" for st in c.statements)],
        link=lambda c: ("claim", c.id),
        entry=lambda ix, c: f"Conflict: {c.subject}", kind_word="conflicting claims"),
}


def view(kind: str) -> KindView:
    return VIEWS[kind]
