"""The stated participant counts of a coalition's meetings, drawn as text: one row per kind of
count (attended, expected, the group's size), one column per meeting in date order, a gap where a
meeting has no count of that kind, and a dated axis under it. Pure text: any front end draws it."""

from __future__ import annotations

import datetime as _dt

from tui.views.index import Index, date_start, on_or_before

LEVELS = "▁▂▃▄▅▆▇█"
ROWS = (("attended", "attended"), ("expected", "expected"), ("group-size", "group size"))
LABEL = 11


def counted_coalitions(ix: Index, as_of: _dt.date | None) -> list[str]:
    """The coalitions with a stated count at some meeting, headline ones first: one series each
    (each coalition numbers its own meetings)."""
    order = list(ix.dashboard.headline) + [c for c in ix.meetings_of if c not in ix.dashboard.headline]
    return [c for c in order if any(m.participants is not None and on_or_before(m.date, as_of)
                                    for m in ix.meetings_of.get(c, []))]


def participation(ix: Index, as_of: _dt.date | None, width: int = 80,
                  coalition: str | None = None) -> tuple[str, list[str]]:
    """(caption, lines) for one coalition's meetings (default: the first with counts)."""
    if coalition is None:
        found = counted_coalitions(ix, as_of)
        if not found:
            return "No participant counts stated.", []
        coalition = found[0]
    meetings = [m for m in ix.meetings_of.get(coalition, []) if on_or_before(m.date, as_of)]
    meetings.sort(key=lambda m: date_start(m.date))
    room = max(8, width - LABEL - 1)
    meetings = meetings[-room:]
    counted = [m.participants for m in meetings if m.participants is not None]
    lo, hi = min(counted), max(counted)

    def glyph(n: int) -> str:
        if hi == lo:
            return LEVELS[-1]
        return LEVELS[round((n - lo) / (hi - lo) * (len(LEVELS) - 1))]

    lines = []
    for kind, label in ROWS:
        cells = [glyph(m.participants) if m.participants is not None and (m.participants_kind or "attended") == kind
                 else " " for m in meetings]
        if any(c != " " for c in cells):
            lines.append(f"{label:<{LABEL}}" + "".join(cells))
    axis = [" "] * (len(meetings) + 3)
    last_year = None
    for i, m in enumerate(meetings):
        year = date_start(m.date).year
        if year != last_year:
            label = f"'{year % 100:02d}"
            if all(c == " " for c in axis[max(0, i - 1): i + len(label)]):
                for k, ch in enumerate(label):
                    if i + k < len(axis):
                        axis[i + k] = ch
            last_year = year
    lines.append(f"{'':<{LABEL}}" + "".join(axis).rstrip())
    gaps = sum(1 for m in meetings if m.participants is None)
    first, last = meetings[0], meetings[-1]
    caption = (f"{ix.label(coalition)} participants as stated, meetings {first.number}–{last.number}, "
               f"{lo} (▁) to {hi} (█)" + (f", {gaps} without a count (gaps)" if gaps else ""))
    return caption, lines


LEGEND = "~ about < nearly > more than ≥ at least ≤ up to * unclassified · exp expected · grp group size"
"""What the marks of a count in the table mean."""
