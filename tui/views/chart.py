"""The stated participant counts of a coalition's meetings, drawn as text: a bar from zero at each
meeting's date on a time axis (tui.views.axes: y scale, evenly spaced date ticks, the as-of date),
the bar's character telling the kind of count (attended, expected, the group's size), a dot where
a meeting has no count. Pure text: any front end draws it."""

from __future__ import annotations

import datetime as _dt

import tui.views.axes as axes
from tui.views.index import Index, date_start, on_or_before

GLYPHS = {"attended": "█", "expected": "▒", "group-size": "▚"}
"""The bar of each kind of count: told apart without colour."""
KIND_WORDS = {"attended": "attended", "expected": "expected", "group-size": "group size"}
NO_COUNT = "·"
PART = " ▁▂▃▄▅▆▇█"


def counted_coalitions(ix: Index, as_of: _dt.date | None) -> list[str]:
    """The coalitions with a stated count at some meeting, headline ones first: one series each
    (each coalition numbers its own meetings)."""
    order = list(ix.dashboard.headline) + [c for c in ix.meetings_of if c not in ix.dashboard.headline]
    return [c for c in order if any(m.participants is not None and on_or_before(m.date, as_of)
                                    for m in ix.meetings_of.get(c, []))]


def participation(ix: Index, as_of: _dt.date | None, width: int = 80,
                  coalition: str | None = None, height: int = 5) -> tuple[str, list[str]]:
    """(caption, lines) for one coalition's meetings (default: the first with counts): a bar from
    zero at each meeting's date on a time axis (y scale at the left, evenly spaced date ticks, the
    as-of date marked), its character the kind of count (█ attended, ▒ expected, ▚ group size),
    · at a meeting with no count. Where meetings share a column, the largest count is drawn."""
    if coalition is None:
        found = counted_coalitions(ix, as_of)
        if not found:
            return "No participant counts stated.", []
        coalition = found[0]
    meetings = [m for m in ix.meetings_of.get(coalition, []) if on_or_before(m.date, as_of)]
    meetings.sort(key=lambda m: date_start(m.date))
    counted = [m for m in meetings if m.participants is not None]
    if not counted:
        return f"{ix.label(coalition)}: no participant counts stated.", []
    height = max(1, height)
    top = max(m.participants for m in counted)
    unit = axes.y_unit(top, height)
    plot = max(10, width - axes.gutter_width(unit, height))
    lo = date_start(meetings[0].date)
    hi = max(date_start(meetings[-1].date), as_of or lo)
    span = max(1, (hi - lo).days)
    best: dict[int, object] = {}
    seen: set[int] = set()
    for m in meetings:
        col = axes.column(date_start(m.date), lo, span, plot)
        seen.add(col)
        if m.participants is not None and (col not in best or m.participants > best[col].participants):
            best[col] = m
    at = axes.column(as_of, lo, span, plot) if as_of is not None and lo <= as_of <= hi else None
    rows = []
    for r in range(height, 0, -1):
        floor, line = (r - 1) * 8, []
        for col in range(plot):
            m = best.get(col)
            if m is None:
                line.append(NO_COUNT if r == 1 and col in seen else (axes.AS_OF if col == at else " "))
                continue
            kind = m.participants_kind or "attended"
            n8 = max(1, round(m.participants * 8 / unit))
            if kind == "attended":
                line.append("█" if n8 >= floor + 8 else PART[n8 - floor] if n8 > floor else
                            (axes.AS_OF if col == at else " "))
            else:
                cells = max(1, round(n8 / 8))
                line.append(GLYPHS[kind] if r <= cells else (axes.AS_OF if col == at else " "))
        rows.append("".join(line))
    marker = None
    if at is not None:
        last = counted[-1]
        marker = (at, f"as of {as_of.isoformat()}: last count {last.participants} (meeting {last.number})")
    kinds = [k for k in GLYPHS if any((m.participants_kind or "attended") == k for m in counted)]
    gaps = sum(1 for m in meetings if m.participants is None)
    first, last = meetings[0], meetings[-1]
    caption = (f"{ix.label(coalition)} participants as stated, meetings {first.number}–{last.number}: "
               + " ".join(f"{GLYPHS[k]} {KIND_WORDS[k]}" for k in kinds)
               + (f" · {gaps} without a count ({NO_COUNT})" if gaps else ""))
    return caption, axes.framed(rows, unit, axes.date_ticks(lo, hi, plot), plot, marker)


LEGEND = "~ about < nearly > more than ≥ at least ≤ up to * unclassified · exp expected · grp group size"
"""What the marks of a count in the table mean."""
