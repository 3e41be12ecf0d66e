"""Search across the whole dataset: every record's text (names, notes, highlights, quotes, claims,
source titles), hits listed by kind, each a link. Words combine with AND, any case."""

from __future__ import annotations

from dataclasses import dataclass

from tui.views.cells import visible, words
from tui.views.index import Index, Link

KIND_NAMES = {"country": "Countries", "coalition": "Coalitions", "meeting": "Meetings", "person": "People",
              "quote": "Quotes", "claim": "Claims", "area": "Roadmap areas", "source": "Sources"}


@dataclass(frozen=True)
class Hit:
    kind: str
    link: Link
    label: str
    snippet: str


def _texts(ix: Index):
    for c in ix.ds.countries:
        yield "country", ("country", c.id), f"{c.name} ({c.id})", [c.name, c.id, c.note or ""]
    for c in ix.ds.coalitions:
        yield "coalition", ("coalition", c.id), c.name, [c.name, c.short or "", c.note or "",
                                                         *(f.name for f in c.former_names)]
    for m in ix.ds.meetings:
        yield "meeting", ("meeting", m.id), f"{ix.meeting_label(m)}, {m.date}", [
            ix.meeting_label(m), m.venue or "", m.city or "", m.note or "", m.participants_text or "", *m.highlights]
    for p in ix.ds.people:
        yield "person", ("person", p.id), p.name, [p.name, p.note or "", *(r.title for r in p.roles)]
    for q in ix.ds.quotes:
        yield "quote", ("quote", q.id), f"{ix.person_name(q.speaker)}, {q.date or 'undated'}", [
            q.text, ix.person_name(q.speaker), q.note or "", *q.topics]
    for c in ix.ds.claims:
        yield "claim", ("claim", c.id), c.subject, [c.subject, c.note or "",
                                                     *(f"{st.value} {st.text or ''}" for st in c.statements)]
    for a in ix.ds.roadmap:
        yield "area", ("area", a.id), a.name, [a.name, a.note or "", *(ms.label for ms in a.milestones)]
    for s in ix.ds.sources:
        yield "source", ("source", s.id), s.title, [s.title, s.publisher or "", s.url or "", s.note or "", *s.paragraphs]


def search(ix: Index, text: str, most: int = 500) -> list[Hit]:
    needles = words(text)
    if not needles:
        return []
    hits: list[Hit] = []
    for kind, link, label, fields in _texts(ix):
        hay = "\n".join(fields).lower()
        if all(n in hay for n in needles):
            field = next((f for f in fields if needles[0] in f.lower()), fields[0])
            at = field.lower().find(needles[0])
            start = max(0, at - 30)
            snippet = ("…" if start else "") + field[start:start + 90] + ("…" if len(field) > start + 90 else "")
            hits.append(Hit(kind, link, visible(label), visible(snippet.replace("\n", " "))))
            if len(hits) >= most:
                break
    order = list(KIND_NAMES)
    hits.sort(key=lambda h: order.index(h.kind))
    return hits
