"""Meetings: every meeting held by the date shown, named within its coalition (in the name that
coalition bore then), with its stated count as the source words it."""

from __future__ import annotations

from dataclasses import dataclass

from tui.views.cells import Cell, Column, Row, RowSource
from tui.views.index import date_start, on_or_before
from tui.views.panes.spec import PaneSpec

QUALIFIER = {"exact": "", "about": "~", "nearly": "<", "more-than": ">", "at-least": "≥", "up-to": "≤"}
"""How a count's exactness is drawn: 50, ~50, <50, >50, ≥52, ≤50."""
KIND = {"attended": "", "expected": " exp", "group-size": " grp"}
"""What a count counts, after the number: attended (nothing), expected before the meeting, the
group's size rather than attendance."""
UNQUALIFIED = "*"
"""After a count whose source gives words (participants_text) but whose exactness is not stated."""


def participants(m) -> str:
    """A meeting's stated count as a table cell shows it: with its exactness and what it counts
    (the source's words are in the meeting's detail)."""
    if m.participants is None:
        return ""
    mark = QUALIFIER.get(m.participants_qualifier or "", "")
    unqualified = UNQUALIFIED if m.participants_qualifier is None and m.participants_text else ""
    return f"{mark}{m.participants}{unqualified}{KIND.get(m.participants_kind or '', '')}"


def qualifier(m) -> str | None:
    """A count's exactness as data: the data's own word, 'unstated' when the source gives words
    but not how exact they are, None when there is no count."""
    if m.participants is None:
        return None
    if m.participants_qualifier is None:
        return "unstated" if m.participants_text else None
    return m.participants_qualifier


def participants_words(m) -> str:
    """A meeting's count in words, for its detail: the number, how exact, what it counts, and
    the source's own words."""
    if m.participants is None:
        return m.participants_text or "not stated"
    how = {"exact": "", "about": "about", "nearly": "nearly", "more-than": "more than",
           "at-least": "at least", "up-to": "up to"}.get(m.participants_qualifier or "", "")
    what = {"attended": "attending", "expected": "expected (said before the meeting)",
            "group-size": "the size of the group, not attendance"}.get(m.participants_kind or "", "")
    text = " ".join(x for x in (how, str(m.participants)) if x) + (f", {what}" if what else "")
    if m.participants_qualifier is None:
        text += " (how exact is not stated)"
    return text + (f"; the source: “{m.participants_text}”" if m.participants_text else "")


@dataclass(frozen=True, slots=True)
class MeetingRow:
    meeting: object
    as_of: object


def table(views) -> RowSource:
    ix = views.ix

    def name(r: MeetingRow) -> Cell:
        m = r.meeting
        label = f"{ix.label(m.coalition, r.as_of)} {m.number}"
        return Cell(label, sort=(ix.label(m.coalition, r.as_of), m.number), unconfirmed=m.unconfirmed,
                    featured=bool(ix.featured_meeting(m)), conflict=ix.disputed("meeting", m.id),
                    sources=tuple(m.sources))

    def count(r: MeetingRow) -> Cell:
        m = r.meeting
        return Cell(participants(m), value=m.participants, sort=m.participants, qualifier=qualifier(m),
                    count_kind=m.participants_kind if m.participants is not None else None)

    columns = [Column("meeting", "Meeting", 12, min_width=6, cell=name, marks=("unconfirmed", "featured", "conflict")),
               Column("date", "Date", 10, cell=lambda r: Cell(r.meeting.date), type="date"),
               Column("participants", "Participants", 12, min_width=9, right=True, cell=count, count=True,
                      type="number"),
               Column("venue", "Venue", 26, min_width=8, flex=True,
                      cell=lambda r: Cell(ix.meeting_place(r.meeting, short=True))),
               Column("format", "Format", 9, min_width=6, cell=lambda r: Cell(r.meeting.format or "")),
               Column("chairs", "Chairs", 24, min_width=6, flex=True,
                      cell=lambda r: Cell(", ".join(ix.person_name(p) for p in r.meeting.chairs)))]

    def rows_for(as_of, cols) -> list[Row]:
        out = []
        for m in sorted(ix.ds.meetings, key=lambda m: (date_start(m.date), m.coalition, m.number)):
            if on_or_before(m.date, as_of):
                out.append(Row.of(cols, MeetingRow(m, as_of), m.id, ("meeting", m.id), tuple(m.sources),
                                  m.unconfirmed, search=" ".join(m.highlights)))
        return out

    return RowSource("meeting", columns, rows_for, "no meeting had been held by the date shown")


PANE = PaneSpec("meetings", "2", "Meetings", "every meeting, named within its coalition, with its stated count",
                section="meetings", noun="meetings", table=table, widget="meetings",
                legend="")  # the chart's caption carries the legend
