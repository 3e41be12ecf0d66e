"""One table spec per pane, built from the dataset: columns, and rows of cells for an as-of date.

Countries get one column per headline coalition; leads and other memberships come from every
other coalition, of any kind. Meetings are named within their coalition. The roadmap's axis is
the dataset's own timeline. Nothing here names a coalition, a source or a year.
"""

from __future__ import annotations

import datetime as _dt

from tui.core.model import SourceRef
from tui.views.cells import CONFLICT_MARK, FEATURED_MARK, UNCONFIRMED_MARK, Cell, Column, Row, RowSource
from tui.views.index import LEADING, Index, date_start, on_or_before


def _listed(items: list[tuple[str, bool]]) -> str:
    """Labels joined, each unconfirmed one marked: 'Drones, IT ?'."""
    seen: dict[str, bool] = {}
    for label, doubtful in items:
        seen[label] = seen.get(label, True) and doubtful
    return ", ".join(f"{label} {UNCONFIRMED_MARK}" if doubtful else label for label, doubtful in sorted(seen.items()))


# --- countries ------------------------------------------------------------------------------------


def countries(ix: Index, flags: bool = False) -> RowSource:
    """`flags`: the flag emoji before each name."""
    headline = ix.headline
    head_ids = {c.id for c in headline}
    columns = [Column("name", "Country", 18, min_width=10, flex=True), Column("id", "ISO", 3)]
    columns += [Column(c.id, ix.label(c.id), max(12, min(16, len(ix.label(c.id)))), min_width=6)
                for c in headline]
    columns += [Column("leads", "Leads", 16, min_width=5, flex=True),
                Column("member_of", "Member of", 24, min_width=9, flex=True),
                Column("quotes", "Quotes", 6, min_width=3, right=True)]
    quotes: dict[str, int] = {}
    for q in ix.ds.quotes:
        person = ix.people.get(q.speaker)
        if person and person.country:
            quotes[person.country] = quotes.get(person.country, 0) + 1

    def rows_for(as_of) -> list[Row]:
        out = []
        for c in sorted(ix.ds.countries, key=lambda c: c.name.lower()):
            held = [m for m in ix.by_country.get(c.id, ()) if ix.active(m, as_of)]
            name = f"{c.flag} {c.name}" if flags else c.name
            if ix.disputed("country", c.id):
                name += f" {CONFLICT_MARK}"
            cells = [Cell(name, value=c.name, sort=c.name, unconfirmed=c.unconfirmed, sources=tuple(c.sources), link=("country", c.id)),
                     Cell(c.id)]
            for co in headline:
                m = next((m for m in held if m.coalition == co.id), None)
                cells.append(Cell(m.since or m.role, unconfirmed=m.unconfirmed, sources=tuple(m.sources),
                                  link=("coalition", co.id)) if m else Cell(""))
            others = [m for m in held if m.coalition not in head_ids]
            cells.append(Cell(_listed([(ix.label(m.coalition), m.unconfirmed) for m in others
                                       if m.role in LEADING])))
            cells.append(Cell(_listed([(ix.label(m.coalition), m.unconfirmed) for m in others
                                       if m.role not in LEADING])))
            n = quotes.get(c.id, 0)
            cells.append(Cell(str(n) if n else "", value=n))
            # the filter also finds a country by the coalitions it is in ("udcg", "NATO")
            held_names = " ".join(f"{m.coalition} {ix.label(m.coalition)} {m.role}" for m in held)
            out.append(Row(c.id, tuple(cells), ("country", c.id), tuple(c.sources), c.unconfirmed,
                           search=held_names))
        return out

    return RowSource("country", columns, rows_for, "no country is in this dataset")


# --- meetings -------------------------------------------------------------------------------------


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


def meetings(ix: Index) -> RowSource:
    columns = [Column("meeting", "Meeting", 12, min_width=6), Column("date", "Date", 10),
               Column("participants", "Participants", 12, min_width=9, right=True),
               Column("venue", "Venue", 26, min_width=8, flex=True), Column("format", "Format", 9, min_width=6),
               Column("chairs", "Chairs", 24, min_width=6, flex=True)]

    def rows_for(as_of) -> list[Row]:
        out = []
        for m in sorted(ix.ds.meetings, key=lambda m: (date_start(m.date), m.coalition, m.number)):
            if not on_or_before(m.date, as_of):
                continue
            name = f"{ix.label(m.coalition)} {m.number}" + (f" {FEATURED_MARK}" if ix.featured_meeting(m) else "")
            if ix.disputed("meeting", m.id):
                name += f" {CONFLICT_MARK}"
            src = tuple(m.sources)
            cells = (Cell(name, value=f"{ix.label(m.coalition)} {m.number}", sort=(ix.label(m.coalition), m.number),
                          unconfirmed=m.unconfirmed, sources=src),
                     Cell(m.date),
                     Cell(participants(m), sort=m.participants),
                     Cell(ix.meeting_place(m, short=True)),
                     Cell(m.format or ""),
                     Cell(", ".join(ix.person_name(p) for p in m.chairs)))
            out.append(Row(m.id, cells, ("meeting", m.id), src, m.unconfirmed,
                           search=" ".join(m.highlights)))
        return out

    return RowSource("meeting", columns, rows_for, "no meeting had been held by the date shown")


# --- roadmap --------------------------------------------------------------------------------------

TIMELINE_WIDTH = 36


def axis(start: _dt.date, end: _dt.date, width: int = TIMELINE_WIDTH) -> str:
    """The years of the timeline, each written where it begins, in `width` cells."""
    cells = [" "] * width
    for year in range(start.year, end.year + 1):
        i = _col(_dt.date(year, 1, 1), start, end, width)
        label = str(year) if width // max(1, end.year - start.year + 1) >= 5 else f"'{year % 100:02d}"
        if year == start.year or i > 0 and cells[i - 1] == " ":
            for k, ch in enumerate(label):
                if i + k < width:
                    cells[i + k] = ch
    return "".join(cells).rstrip()


def _col(day: _dt.date, start: _dt.date, end: _dt.date, width: int) -> int:
    span = max(1, (end - start).days)
    return (day - start).days * width // span


def timeline(start: _dt.date | None, milestones: list[_dt.date], today: _dt.date, horizon: _dt.date | None,
             span: tuple[_dt.date, _dt.date], width: int = TIMELINE_WIDTH, doubtful: list[_dt.date] = ()) -> str:
    """A bar from `start` to the horizon: ━ active, ◆ a milestone (◇ an unconfirmed one), │ today,
    · before and after.
    What falls outside the axis is not clamped silently: ◂ or ▸ at the edge says it goes on."""
    lo, hi = span
    cells = ["·"] * width

    def at(day: _dt.date) -> int | None:
        return min(width - 1, _col(day, lo, hi, width)) if lo <= day <= hi else None

    if start:
        first = 0 if start < lo else at(start)
        last = width - 1 if horizon is None or horizon > hi else at(horizon)
        if first is not None and last is not None:
            for i in range(first, last + 1):
                cells[i] = "━"
    for day in milestones:
        i = at(day)
        if i is not None:
            cells[i] = "◇" if day in doubtful and cells[i] != "◆" else "◆"
    t = at(today)
    if t is not None:
        cells[t] = "│"
    if (start and start < lo) or any(d < lo for d in milestones):
        cells[0] = "◂"
    if (horizon and horizon > hi) or any(d > hi for d in milestones):
        cells[-1] = "▸"
    return "".join(cells)


def roadmap(ix: Index, today: _dt.date) -> RowSource:
    board = ix.dashboard
    span = (board.start, board.end) if board.start and board.end else None
    head = axis(*span) if span else "Timeline"
    columns = [Column("name", "Area", 22, min_width=8, flex=True),
               Column("timeline", head, TIMELINE_WIDTH, min_width=TIMELINE_WIDTH),
               Column("leads", "Leads", 14, min_width=5, flex=True),
               Column("coalitions", "Coalitions", 18, min_width=6, flex=True)]

    def rows_for(as_of) -> list[Row]:
        out = []
        for a in ix.ds.roadmap:
            coalitions = [ix.coalitions[c] for c in a.coalitions if c in ix.coalitions]
            leads = [(ix.country_name(m.country), m.unconfirmed) for c in coalitions
                     for m in ix.members(c.id, as_of) if m.role in LEADING]
            leads += [(ix.country_name(code), False) for c in coalitions for code in c.leads]
            starts = [date_start(c.founded) for c in coalitions if c.founded]
            starts += [date_start(ms.date) for ms in a.milestones]
            start = min(starts) if starts else None
            horizon = _dt.date(a.horizon, 12, 31) if a.horizon else None
            marks = [date_start(ms.date) for ms in a.milestones]
            doubtful = [date_start(ms.date) for ms in a.milestones if ms.unconfirmed]
            bar = timeline(start, marks, today, horizon, span, doubtful=doubtful) if span else ""
            planned = "; ".join(f"{ms.date} {ms.label}" + (f" {UNCONFIRMED_MARK}" if ms.unconfirmed else "")
                                for ms in a.milestones)
            dates = f"from {start.isoformat() if start else '?'} to {a.horizon or '?'}" + (f"; {planned}" if planned else "")
            cells = (Cell(a.name, unconfirmed=a.unconfirmed, sources=tuple(a.sources)),
                     Cell(bar, value=dates),
                     Cell(_listed(leads)),
                     Cell(", ".join(ix.label(c.id) for c in coalitions)))
            out.append(Row(a.id, cells, ("area", a.id), tuple(a.sources), a.unconfirmed, search=planned))
        return out

    return RowSource("area", columns, rows_for, "this dataset has no roadmap")


# --- quotes ---------------------------------------------------------------------------------------


def quotes(ix: Index) -> RowSource:
    columns = [Column("kind", "Kind", 12, min_width=8), Column("speaker", "Speaker", 18, min_width=8),
               Column("date", "Date", 10), Column("text", "Statement", 60, min_width=30, flex=True),
               Column("topics", "Topics", 18, min_width=3, flex=True),
               Column("occasion", "Occasion", 24, min_width=3, flex=True),
               Column("role", "Role then", 24, min_width=3, flex=True)]

    def rows_for(as_of) -> list[Row]:
        out = []
        for q in sorted(ix.ds.quotes, key=lambda q: (q.date is None, q.date or "")):
            if not on_or_before(q.date, as_of):
                continue
            src = tuple(q.sources)
            kind = ("“quote”" if q.kind == "quote" else "paraphr.") + (" ⇄" if q.via else "")
            if ix.disputed("quote", q.id):
                kind += f" {CONFLICT_MARK}"
            cells = (Cell(kind, value=q.kind, unconfirmed=q.unconfirmed, sources=src),
                     Cell(ix.person_name(q.speaker), link=("person", q.speaker)),
                     Cell(q.date or ""), Cell(q.text), Cell(", ".join(q.topics)),
                     Cell(ix.occasion(q.occasion, q.occasion_text)),
                     Cell(ix.role_at(q.speaker, q.date)))
            out.append(Row(q.id, cells, ("quote", q.id), src, q.unconfirmed))
        return out

    return RowSource("quote", columns, rows_for, "no statement is in this dataset as of the date shown")


# --- sources --------------------------------------------------------------------------------------


def sources(ix: Index, citations: dict[str, list]) -> RowSource:
    """Each paragraph of a source that has them (the article), then the references, then the
    conflicting claims."""
    columns = [Column("what", "What", 8), Column("title", "Text / title", 60, min_width=20, flex=True),
               Column("tier", "Tier", 11, min_width=4), Column("records", "Records", 7, min_width=3, right=True)]

    def rows_for(as_of) -> list[Row]:
        out = []
        for s in ix.ds.sources:
            for i, text in enumerate(s.paragraphs, 1):
                n = sum(1 for ref, _, _ in citations.get(s.id, []) if ref.paragraph == i)
                ref = SourceRef(s.id, i)
                out.append(Row(f"{s.id}#{i}", (Cell(f"¶{i}"), Cell(text), Cell(s.tier or ""), Cell(str(n), value=n)),
                               ("paragraph", f"{s.id}#{i}"), (ref,)))
        for s in ix.ds.sources:
            if not s.paragraphs:
                n = len(citations.get(s.id, []))
                title = f"{s.title} ({s.publisher or s.url or ''})"
                out.append(Row(s.id, (Cell("ref"), Cell(title, unconfirmed=s.unconfirmed), Cell(s.tier or ""),
                                      Cell(str(n), value=n)),
                               ("source", s.id), (SourceRef(s.id),), s.unconfirmed, search=s.url or ""))
        for c in ix.ds.claims:
            title = c.subject + ": " + " vs ".join(f"“{st.value}”" for st in c.statements)
            out.append(Row(f"claim:{c.id}", (Cell("conflict"), Cell(title), Cell(""),
                                             Cell(str(len(c.statements)), value=len(c.statements))),
                           ("claim", c.id), tuple(c.sources), c.unconfirmed))
        return out

    return RowSource("source", columns, rows_for, "this dataset has no sources")


