"""Search across the whole dataset: every record's text (names, notes, highlights, quotes, claims,
source titles), hits listed by kind, each a link. Words combine with AND, any case."""

from __future__ import annotations

from dataclasses import dataclass

from tui.views.cells import visible, words
from tui.core.kinds import BY_NAME, KINDS
from tui.views.index import Index, Link
from tui.views.records import VIEWS

KIND_NAMES = {k.name: k.title for k in sorted(KINDS, key=lambda k: k.name == "source")}
"""The groups of hits, in order: every kind of record (tui.core.kinds), then the sources."""


@dataclass(frozen=True)
class Hit:
    kind: str
    link: Link
    label: str
    snippet: str


def _texts(ix: Index):
    for name in KIND_NAMES:
        k, shown = BY_NAME[name], VIEWS[name]
        for rec in getattr(ix.ds, k.section):
            yield name, shown.link(rec), (shown.entry or shown.label)(ix, rec), shown.search(ix, rec)


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
