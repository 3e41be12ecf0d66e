"""Pure questions over a Dataset: tables for the panes, a record's detail, the state as of a date.

`Query` indexes a Dataset once; its methods return plain rows and `Detail` structures that any
front end can draw. Nothing here imports Textual, Rich or YAML.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from tui.core.model import Dataset, Membership, SourceRef
from tui.core.dates import date_start as _date_start

date_start = lru_cache(maxsize=1 << 16)(_date_start)
"""tui.core.dates.date_start, remembered: a dataset has few distinct dates and asks for each often."""

Link = tuple[str, str]
"""A link to a record's detail: (kind, id), kind one of country, coalition, meeting, person,
quote, source, claim, area."""


@dataclass(frozen=True)
class Line:
    """One line of a detail view: its text, where Enter goes, and the sources behind it."""

    text: str
    link: Link | None = None
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Detail:
    """A record's detail: a title and sections of lines."""

    title: str
    sections: list[tuple[str, list[Line]]] = field(default_factory=list)


def _on(value: str | None, as_of: _dt.date | None) -> bool:
    """True when a (possibly partial or unknown) date is on or before `as_of`."""
    return as_of is None or value is None or date_start(value) <= as_of


def _span(since: str | None, until: str | None) -> str:
    if since and until:
        return f"{since} to {until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else "dates unknown"


_SINGULAR = {"countries": "country", "coalitions": "coalition", "memberships": "membership",
             "people": "person", "meetings": "meeting", "roadmap": "roadmap area", "quotes": "quote",
             "claims": "claim"}


def _mark(unconfirmed: bool) -> str:
    return " (unconfirmed)" if unconfirmed else ""


class Query:
    """Indexes of one Dataset and the questions the dashboard asks of it."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self.sources = {s.id: s for s in ds.sources}
        self.countries = {c.id: c for c in ds.countries}
        self.coalitions = {c.id: c for c in ds.coalitions}
        self.people = {p.id: p for p in ds.people}
        self.meetings = {m.id: m for m in ds.meetings}
        self.areas = {a.id: a for a in ds.roadmap}
        self.quotes = {q.id: q for q in ds.quotes}
        self.claims = {c.id: c for c in ds.claims}
        self.by_country: dict[str, list[Membership]] = {}
        self.by_coalition: dict[str, list[Membership]] = {}
        for m in ds.memberships:
            self.by_country.setdefault(m.country, []).append(m)
            self.by_coalition.setdefault(m.coalition, []).append(m)

    # --- dates ----------------------------------------------------------------------------------

    @cached_property
    def meeting_dates(self) -> list[_dt.date]:
        return sorted({date_start(m.date) for m in self.ds.meetings})

    @cached_property
    def latest(self) -> _dt.date | None:
        """The latest date the dataset records as past: meetings, joins, foundings."""
        dates = [date_start(m.date) for m in self.ds.meetings]
        dates += [date_start(m.since) for m in self.ds.memberships if m.since]
        dates += [date_start(c.founded) for c in self.ds.coalitions if c.founded]
        return max(dates) if dates else None

    def step(self, as_of: _dt.date | None, direction: int) -> _dt.date | None:
        """The meeting date before (-1) or after (+1) `as_of`; the latest date past the last."""
        dates = self.meeting_dates
        if not dates:
            return as_of
        current = as_of or self.latest or dates[-1]
        if direction < 0:
            earlier = [d for d in dates if d < current]
            return earlier[-1] if earlier else dates[0]
        later = [d for d in dates if d > current]
        return later[0] if later else self.latest

    def active(self, m: Membership, as_of: _dt.date | None) -> bool:
        """Whether a membership holds on `as_of`. With no known start, it counts from the
        coalition's founding (or always, if that is unknown too)."""
        since = m.since
        if since is None and m.coalition in self.coalitions:
            since = self.coalitions[m.coalition].founded
        return _on(since, as_of) and not (m.until and as_of and date_start(m.until) <= as_of)

    def members(self, coalition: str, as_of: _dt.date | None = None) -> list[Membership]:
        return [m for m in self.by_coalition.get(coalition, []) if self.active(m, as_of)]

    @cached_property
    def membership_table(self) -> MembershipTable:
        """Every membership as one table, indexed once for fast filtering and sorting."""
        return MembershipTable(self)

    # --- tables ---------------------------------------------------------------------------------

    def country_rows(self, as_of: _dt.date | None = None, text: str = "") -> list[dict]:
        """One row per country: name, code, NATO since, UDCG role, coalitions led and joined."""
        needle = text.strip().lower()
        quotes: dict[str, int] = {}
        for q in self.ds.quotes:
            person = self.people.get(q.speaker)
            if person and person.country:
                quotes[person.country] = quotes.get(person.country, 0) + 1
        rows = []
        active = self.active
        capability = {c.id: c.short or c.name for c in self.ds.coalitions if c.kind == "capability-coalition"}
        for c in self.ds.countries:
            ms = [m for m in self.by_country.get(c.id, ()) if active(m, as_of)]
            nato = next((m for m in ms if m.coalition == "nato"), None)
            udcg = next((m for m in ms if m.coalition == "udcg"), None)
            caps = [m for m in ms if m.coalition in capability]
            led = sorted({capability[m.coalition] for m in caps if m.role in ("lead", "co-lead")})
            joined = sorted({capability[m.coalition] for m in caps if m.role not in ("lead", "co-lead")})
            row = {
                "id": c.id, "flag": c.flag, "name": c.name,
                "nato": (nato.since or "member") if nato else "",
                "udcg": udcg.role if udcg else "",
                "led": ", ".join(led), "joined": ", ".join(joined),
                "quotes": quotes.get(c.id, 0), "unconfirmed": c.unconfirmed,
            }
            if needle and not any(needle in str(row[k]).lower()
                                  for k in ("id", "name", "led", "joined", "udcg")):
                if not (needle in "nato" and nato):
                    continue
            rows.append(row)
        return rows

    def meeting_rows(self, as_of: _dt.date | None = None) -> list[dict]:
        rows = []
        for m in sorted(self.ds.meetings, key=lambda m: (m.number, m.date)):
            if not _on(m.date, as_of):
                continue
            rows.append({
                "id": m.id, "number": m.number, "date": m.date,
                "venue": m.venue or m.city or ("online" if m.format == "virtual" else ""),
                "format": m.format or "", "chairs": ", ".join(self._person(p) for p in m.chairs),
                "participants": m.participants if m.participants is not None else (m.participants_text or ""),
                "article": m.article, "unconfirmed": m.unconfirmed,
            })
        return rows

    def participant_series(self, as_of: _dt.date | None = None) -> list[tuple[int, int]]:
        """(meeting number, participants as stated) for meetings with a count."""
        return [(m.number, m.participants) for m in sorted(self.ds.meetings, key=lambda m: m.number)
                if m.participants is not None and _on(m.date, as_of)]

    def roadmap_rows(self, as_of: _dt.date | None = None) -> list[dict]:
        rows = []
        for a in self.ds.roadmap:
            coalitions = [self.coalitions[c] for c in a.coalitions if c in self.coalitions]
            leads = sorted({m.country for c in coalitions for m in self.by_coalition.get(c.id, [])
                            if m.role in ("lead", "co-lead")} | {lead for c in coalitions for lead in c.leads})
            starts = [date_start(c.founded) for c in coalitions if c.founded]
            starts += [date_start(ms.date) for ms in a.milestones]
            rows.append({
                "id": a.id, "name": a.name,
                "coalitions": ", ".join(c.short or c.name for c in coalitions),
                "leads": ", ".join(leads), "start": min(starts) if starts else None,
                "horizon": a.horizon,
                "milestones": [(date_start(ms.date), ms.label) for ms in a.milestones],
            })
        return rows

    def quote_rows(self, as_of: _dt.date | None = None, text: str = "") -> list[dict]:
        """Statements, optionally filtered by speaker name or topic (substring, any case)."""
        needle = text.strip().lower()
        rows = []
        for q in self.ds.quotes:
            if not _on(q.date, as_of):
                continue
            speaker = self._person(q.speaker)
            if needle and needle not in speaker.lower() and not any(needle in t.lower() for t in q.topics):
                continue
            rows.append({
                "id": q.id, "speaker": speaker, "role": self.role_at(q.speaker, q.date),
                "date": q.date or "", "occasion": self._occasion(q.occasion, q.occasion_text),
                "topics": ", ".join(q.topics), "kind": q.kind, "text": q.text,
                "unconfirmed": q.unconfirmed,
            })
        return rows

    def nato_count(self, as_of: _dt.date | None = None) -> int:
        return len({m.country for m in self.members("nato", as_of)})

    def summary(self, as_of: _dt.date | None = None) -> str:
        nato = self.nato_count(as_of)
        udcg = len({m.country for m in self.members("udcg", as_of)})
        met = len(self.meeting_rows(as_of))
        return f"NATO {nato} · UDCG {udcg} · {met} meetings"

    # --- sources --------------------------------------------------------------------------------

    @cached_property
    def citations(self) -> dict[str, list[tuple[SourceRef, Link, str]]]:
        """source id -> every (reference, record link, record label) that cites it."""
        out: dict[str, list] = {}
        kinds = (("countries", "country"), ("coalitions", "coalition"), ("memberships", "coalition"),
                 ("people", "person"), ("meetings", "meeting"), ("roadmap", "area"),
                 ("quotes", "quote"), ("claims", "claim"))
        for section, kind in kinds:
            for rec in getattr(self.ds, section):
                link = (kind, rec.coalition) if section == "memberships" else (kind, rec.id)
                label = f"{_SINGULAR[section]} {rec.id}"
                for ref in rec.sources:
                    out.setdefault(ref.source, []).append((ref, link, label))
        return out

    def record(self, kind: str, id: str):
        """The record a link names, or None."""
        table = {"country": self.countries, "coalition": self.coalitions, "meeting": self.meetings,
                 "person": self.people, "quote": self.quotes, "source": self.sources,
                 "claim": self.claims, "area": self.areas}.get(kind, {})
        return table.get(id)

    def sources_of(self, kind: str, id: str) -> tuple[SourceRef, ...]:
        """The sources a linked record cites (a source cites itself)."""
        rec = self.record(kind, id)
        if rec is None:
            return ()
        if kind == "source":
            return (SourceRef(id),)
        return tuple(rec.sources)

    def paragraph(self, ref: SourceRef) -> str | None:
        src = self.sources.get(ref.source)
        if src and ref.paragraph and 1 <= ref.paragraph <= len(src.paragraphs):
            return src.paragraphs[ref.paragraph - 1]
        return None

    def source_label(self, ref: SourceRef) -> str:
        src = self.sources.get(ref.source)
        if src is None:
            return str(ref)
        where = f", paragraph {ref.paragraph}" if ref.paragraph else ""
        who = f" ({src.publisher})" if src.publisher else ""
        return f"{src.title}{who}{where}"

    def sources_detail(self, title: str, refs: tuple[SourceRef, ...] | list[SourceRef]) -> Detail:
        """The sources behind one fact, with the article's paragraph text where cited."""
        lines = []
        for ref in refs:
            lines.append(Line(self.source_label(ref), ("source", ref.source), (ref,)))
            text = self.paragraph(ref)
            if text:
                lines.append(Line(f"  ¶{ref.paragraph}: {text}", ("source", ref.source), (ref,)))
            src = self.sources.get(ref.source)
            if src and src.url:
                lines.append(Line(f"  {src.url}", ("source", ref.source), (ref,)))
        return Detail(f"Sources: {title}", [("Sources", lines)])

    # --- details --------------------------------------------------------------------------------

    def detail(self, kind: str, id: str, as_of: _dt.date | None = None) -> Detail | None:
        """The detail of any record by link; None when there is no such record."""
        method = getattr(self, f"_detail_{kind}", None)
        return method(id, as_of) if method else None

    def _detail_country(self, code: str, as_of) -> Detail | None:
        c = self.countries.get(code)
        if c is None:
            return None
        ms = [m for m in self.by_country.get(code, []) if self.active(m, as_of)]
        member = [Line(f"{self._coalition_name(m.coalition)}: {m.role}, {_span(m.since, m.until)}"
                       f"{_mark(m.unconfirmed)}", ("coalition", m.coalition), tuple(m.sources))
                  for m in sorted(ms, key=lambda m: (m.since or "9999", m.coalition))]
        leads = [Line(f"Leads {self._coalition_name(m.coalition)} ({m.role})", ("coalition", m.coalition),
                      tuple(m.sources)) for m in ms if m.role in ("lead", "co-lead")]
        hosted = [self._meeting_line(m) for m in self.ds.meetings if m.country == code and _on(m.date, as_of)]
        officials = {p.id for p in self.ds.people if p.country == code}
        chaired = [self._meeting_line(m) for m in self.ds.meetings
                   if officials & set(m.chairs) and _on(m.date, as_of)]
        quotes = [self._quote_line(q) for q in self.ds.quotes if q.speaker in officials and _on(q.date, as_of)]
        people = [Line(p.name, ("person", p.id), tuple(p.sources)) for p in self.ds.people if p.id in officials]
        title = f"{c.name} ({c.id}){_mark(c.unconfirmed)}"
        sections = [("Memberships", member), ("Coalitions it leads", leads), ("Meetings it hosted", hosted),
                    ("Meetings its officials chaired", chaired), ("People", people),
                    ("Its officials' statements", quotes),
                    ("Sources for this country", [Line(self.source_label(r), ("source", r.source), (r,))
                                                  for r in c.sources])]
        return Detail(title, [s for s in sections if s[1]])

    def _detail_meeting(self, id: str, as_of) -> Detail | None:
        m = self.meetings.get(id)
        if m is None:
            return None
        src = tuple(m.sources)
        facts = [Line(f"Date: {m.date}", None, src),
                 Line(f"Venue: {', '.join(p for p in (m.venue, m.city) if p) or 'unknown'}",
                      ("country", m.country) if m.country else None, src),
                 Line(f"Format: {m.format or 'unknown'}", None, src),
                 Line(f"Participants: {m.participants_text or m.participants or 'not stated'}", None, src)]
        if m.article:
            facts.append(Line("This is the meeting the article describes.", ("source", "article"), src))
        chairs = [Line(self._person(p), ("person", p), tuple(self.people[p].sources) if p in self.people else ())
                  for p in m.chairs]
        highlights = [Line(h, None, src) for h in m.highlights]
        quotes = [self._quote_line(q) for q in self.ds.quotes if q.occasion == m.id]
        notes = [Line(m.note, None, src)] if m.note else []
        title = f"Meeting {m.number} · {m.date}{_mark(m.unconfirmed)}"
        sections = [("Facts", facts), ("Chairs", chairs), ("Highlights", highlights),
                    ("Statements", quotes), ("Notes", notes), ("Sources", self._source_lines(m.sources))]
        return Detail(title, [s for s in sections if s[1]])

    def _detail_coalition(self, id: str, as_of) -> Detail | None:
        c = self.coalitions.get(id)
        if c is None:
            return None
        src = tuple(c.sources)
        facts = [Line(f"Kind: {c.kind}", None, src), Line(f"Founded: {c.founded or 'unknown'}", None, src)]
        if c.parent:
            facts.append(Line(f"Part of: {self._coalition_name(c.parent)}", ("coalition", c.parent), src))
        if c.capability:
            facts.append(Line(f"Roadmap area: {c.capability}", ("area", c.capability), src))
        if c.note:
            facts.append(Line(c.note, None, src))
        leads = [Line(self._country(code), ("country", code), src) for code in c.leads]
        members = [Line(f"{self._country(m.country)}: {m.role}, {_span(m.since, m.until)}{_mark(m.unconfirmed)}",
                        ("country", m.country), tuple(m.sources))
                   for m in sorted(self.members(id, as_of), key=lambda m: (m.since or "9999", m.country))]
        children = [Line(ch.name, ("coalition", ch.id), tuple(ch.sources)) for ch in self.ds.coalitions
                    if ch.parent == id]
        meetings = [self._meeting_line(m) for m in self.ds.meetings if m.coalition == id and _on(m.date, as_of)]
        sections = [("Facts", facts), ("Leads", leads), ("Capability coalitions", children),
                    (f"Members ({len(members)})", members), ("Meetings", meetings),
                    ("Sources", self._source_lines(c.sources))]
        return Detail(f"{c.name}{_mark(c.unconfirmed)}", [s for s in sections if s[1]])

    def _detail_person(self, id: str, as_of) -> Detail | None:
        p = self.people.get(id)
        if p is None:
            return None
        roles = [Line(f"{r.title}{', ' + r.organisation if r.organisation else ''}: {_span(r.since, r.until)}"
                      f"{_mark(r.unconfirmed)}", None, tuple(r.sources)) for r in p.roles]
        chaired = [self._meeting_line(m) for m in self.ds.meetings if id in m.chairs]
        quotes = [self._quote_line(q) for q in self.ds.quotes if q.speaker == id]
        facts = [Line(f"Country: {self._country(p.country)}", ("country", p.country), tuple(p.sources))] if p.country else []
        sections = [("Facts", facts), ("Roles", roles), ("Meetings chaired", chaired), ("Statements", quotes),
                    ("Sources", self._source_lines(p.sources))]
        return Detail(p.name, [s for s in sections if s[1]])

    def _detail_quote(self, id: str, as_of) -> Detail | None:
        q = self.quotes.get(id)
        if q is None:
            return None
        src = tuple(q.sources)
        mark = "Direct quote" if q.kind == "quote" else "Paraphrase (not the speaker's own words)"
        text = f"“{q.text}”" if q.kind == "quote" else q.text
        facts = [Line(mark, None, src), Line(text, None, src),
                 Line(f"Speaker: {self._person(q.speaker)} ({self.role_at(q.speaker, q.date) or 'role unknown'})",
                      ("person", q.speaker), src),
                 Line(f"Date: {q.date or 'not stated'}", None, src),
                 Line(f"Occasion: {self._occasion(q.occasion, q.occasion_text) or 'not stated'}",
                      ("meeting", q.occasion) if q.occasion else None, src),
                 Line(f"Topics: {', '.join(q.topics) or 'none'}", None, src)]
        passages = []
        for ref in q.sources:
            passages.append(Line(self.source_label(ref), ("source", ref.source), (ref,)))
            if self.paragraph(ref):
                passages.append(Line(f"  ¶{ref.paragraph}: {self.paragraph(ref)}", ("source", ref.source), (ref,)))
        return Detail(f"Statement by {self._person(q.speaker)}", [("Statement", facts), ("Source passage", passages)])

    def _detail_area(self, id: str, as_of) -> Detail | None:
        a = self.areas.get(id)
        if a is None:
            return None
        src = tuple(a.sources)
        facts = [Line(f"Horizon: {a.horizon or 'not stated'}", None, src)]
        if a.article_term:
            facts.append(Line(f"The article's word: “{a.article_term}”", ("source", "article"), src))
        if a.note:
            facts.append(Line(a.note, None, src))
        coalitions = [Line(self._coalition_name(c), ("coalition", c), src) for c in a.coalitions]
        leads, members = [], []
        for c in a.coalitions:
            for m in self.members(c, as_of):
                line = Line(f"{self._country(m.country)} ({m.role}, {_span(m.since, m.until)})",
                            ("country", m.country), tuple(m.sources))
                (leads if m.role in ("lead", "co-lead") else members).append(line)
        milestones = [Line(f"{ms.date}: {ms.label}{_mark(ms.unconfirmed)}", None, tuple(ms.sources))
                      for ms in sorted(a.milestones, key=lambda ms: date_start(ms.date))]
        sections = [("Facts", facts), ("Coalitions", coalitions), ("Leads", leads), ("Members", members),
                    ("Milestones", milestones), ("Sources", self._source_lines(a.sources))]
        return Detail(a.name, [s for s in sections if s[1]])

    def _detail_source(self, id: str, as_of) -> Detail | None:
        s = self.sources.get(id)
        if s is None:
            return None
        facts = [Line(f"Title: {s.title}")]
        for label, value in (("Publisher", s.publisher), ("URL", s.url), ("Published", s.published),
                             ("Read", s.accessed), ("Note", s.note)):
            if value:
                facts.append(Line(f"{label}: {value}"))
        paragraphs = [Line(f"¶{i}: {text}", ("paragraph", f"{id}#{i}"), (SourceRef(id, i),))
                      for i, text in enumerate(s.paragraphs, 1)]
        cites = [Line(f"{label}{' ¶' + str(ref.paragraph) if ref.paragraph else ''}", link, (ref,))
                 for ref, link, label in self.citations.get(id, [])]
        return Detail(s.title, [s_ for s_ in (("Source", facts), ("Paragraphs", paragraphs),
                                              (f"Supports ({len(cites)} records)", cites)) if s_[1]])

    def _detail_claim(self, id: str, as_of) -> Detail | None:
        c = self.claims.get(id)
        if c is None:
            return None
        lines = []
        for st in c.statements:
            when = f" ({st.date})" if st.date else ""
            lines.append(Line(f"“{st.value}”{when}: {st.text or ''}".rstrip(": "), None, tuple(st.sources)))
            lines.extend(Line(f"  {self.source_label(r)}", ("source", r.source), (r,)) for r in st.sources)
        notes = [Line(c.note, None, tuple(c.sources))] if c.note else []
        return Detail(f"Conflicting claims: {c.subject}", [s for s in (("Statements", lines), ("Note", notes)) if s[1]])

    def _detail_paragraph(self, id: str, as_of) -> Detail | None:
        source, _, number = id.partition("#")
        ref = SourceRef(source, int(number)) if number.isdigit() else None
        text = self.paragraph(ref) if ref else None
        if text is None:
            return None
        records = self.records_for_paragraph(source, ref.paragraph)
        return Detail(f"{self.sources[source].title}, paragraph {ref.paragraph}",
                      [("Text", [Line(text, ("source", source), (ref,))]),
                       (f"Records drawn from it ({len(records)})", records or [Line("none")])])

    def source_rows(self) -> list[dict]:
        """The article's paragraphs, then the references, then the conflicting claims."""
        rows = []
        for s in self.ds.sources:
            if s.paragraphs:
                for i, text in enumerate(s.paragraphs, 1):
                    n = len(self.records_for_paragraph(s.id, i))
                    rows.append({"id": f"{s.id}#{i}", "link": ("paragraph", f"{s.id}#{i}"),
                                 "what": f"¶{i}", "title": text, "count": n, "refs": (SourceRef(s.id, i),)})
        for s in self.ds.sources:
            if not s.paragraphs:
                rows.append({"id": s.id, "link": ("source", s.id), "what": "ref",
                             "title": f"{s.title} ({s.publisher or s.url or ''})",
                             "count": len(self.citations.get(s.id, [])), "refs": (SourceRef(s.id),)})
        for c in self.ds.claims:
            rows.append({"id": f"claim:{c.id}", "link": ("claim", c.id), "what": "conflict",
                         "title": c.subject + ": " + " vs ".join(f"“{st.value}”" for st in c.statements),
                         "count": len(c.statements), "refs": tuple(c.sources)})
        return rows

    def records_for_paragraph(self, source: str, paragraph: int) -> list[Line]:
        return [Line(label, link, (ref,)) for ref, link, label in self.citations.get(source, [])
                if ref.paragraph == paragraph]

    # --- small helpers --------------------------------------------------------------------------

    def role_at(self, person: str, date: str | None) -> str:
        p = self.people.get(person)
        if p is None or not p.roles:
            return ""
        when = date_start(date) if date else None
        for r in p.roles:
            if when is None or (_on(r.since, when) and not (r.until and date_start(r.until) < when)):
                return f"{r.title}{', ' + r.organisation if r.organisation else ''}"
        return ""

    def _coalition_name(self, coalition: str) -> str:
        c = self.coalitions.get(coalition)
        return c.name if c else coalition

    def _country(self, code: str | None) -> str:
        c = self.countries.get(code or "")
        return c.name if c else (code or "")

    def _person(self, id: str) -> str:
        p = self.people.get(id)
        return p.name if p else id

    def _occasion(self, meeting: str | None, text: str | None) -> str:
        m = self.meetings.get(meeting or "")
        if m:
            return f"UDCG meeting {m.number} ({m.date})" if m.coalition == "udcg" else f"meeting {m.id}"
        return text or ""

    def _meeting_line(self, m) -> Line:
        where = ", ".join(p for p in (m.venue, m.city) if p)
        return Line(f"Meeting {m.number} · {m.date} · {where}{_mark(m.unconfirmed)}", ("meeting", m.id), tuple(m.sources))

    def _quote_line(self, q) -> Line:
        mark = "quote" if q.kind == "quote" else "paraphrase"
        return Line(f"[{mark}] {self._person(q.speaker)}: {q.text}", ("quote", q.id), tuple(q.sources))

    def _source_lines(self, refs) -> list[Line]:
        return [Line(self.source_label(r), ("source", r.source), (r,)) for r in refs]


class MembershipTable:
    """Every membership, one row each, built to stay fast at 100,000 rows.

    Nothing here makes a row per membership up front: the search text of each membership is
    lower-cased once, start dates are day numbers once, and `select` returns the indexes (into
    `records`) of the rows to show, in order. A front end draws the cells of the few rows in view
    with `cells(i)`. A membership shows from its start on (its `since`, else its coalition's
    founding; always when neither is known), and stays after it ends, with its `until`.
    """

    COLUMNS = [("country", "Country"), ("iso", "ISO"), ("coalition", "Coalition"), ("role", "Role"),
               ("since", "Since"), ("until", "Until"), ("sources", "Sources")]

    def __init__(self, query: Query):
        self.records: list[Membership] = query.ds.memberships
        self._countries, self._coalitions = query.ds.countries, query.ds.coalitions
        self.country_names = {c.id: c.name for c in self._countries}
        self.coalition_labels = {c.id: c.short or c.name for c in self._coalitions}
        founded = {c.id: c.founded for c in self._coalitions}
        day: dict[str | None, int] = {None: _dt.date.min.toordinal()}
        starts = []
        for m in self.records:
            since = m.since or founded.get(m.coalition)
            start = day.get(since)
            if start is None:
                start = day[since] = date_start(since).toordinal()
            starts.append(start)
        self.starts = starts
        self._orders: dict[int, list[int]] = {}
        self._recent: dict[tuple, list[int]] = {}

    def __len__(self) -> int:
        return len(self.records)

    @cached_property
    def keys(self) -> list[str]:
        """What the filter searches in each row, lower-cased: country name and code, coalition
        id, short name and name, role, since, until. Made on the first search (a front end may
        ask for it once the first screen is drawn)."""
        country = {c.id: f"{c.name}\0{c.id}".lower() for c in self._countries}
        coalition = {c.id: f"{c.id}\0{c.short or ''}\0{c.name}".lower() for c in self._coalitions}
        return [f"{country.get(m.country) or m.country.lower()}\0"
                f"{coalition.get(m.coalition) or m.coalition.lower()}\0{m.role}\0{m.since or ''}\0{m.until or ''}"
                for m in self.records]

    def cells(self, i: int) -> tuple[str, str, str, str, str, str, str]:
        """The texts of membership i's row, in COLUMNS order."""
        m = self.records[i]
        name = self.country_names.get(m.country, m.country) + (" ?" if m.unconfirmed else "")
        return (name, m.country, self.coalition_labels.get(m.coalition, m.coalition), m.role,
                m.since or "", m.until or "", str(len(m.sources)))

    def row(self, i: int) -> dict:
        """Membership i as a row dict (for CSV export): the cells by column key, and its id."""
        return {"id": self.records[i].id, **dict(zip((k for k, _ in self.COLUMNS), self.cells(i)))}

    def order(self, column: int) -> list[int]:
        """Every index, sorted by a column (then by country and coalition); made once per column."""
        found = self._orders.get(column)
        if found is None:
            key = self.COLUMNS[column][0]
            rec, names, labels = self.records, self.country_names, self.coalition_labels
            country = {c: n.lower() for c, n in names.items()}
            coalition = {c: n.lower() for c, n in labels.items()}
            if key == "country":
                by = [(country.get(m.country, ""), coalition.get(m.coalition, "")) for m in rec]
            elif key == "iso":
                by = [(m.country, coalition.get(m.coalition, "")) for m in rec]
            elif key == "coalition":
                by = [(coalition.get(m.coalition, ""), country.get(m.country, "")) for m in rec]
            elif key == "role":
                by = [(m.role, country.get(m.country, "")) for m in rec]
            elif key in ("since", "until"):
                by = [(getattr(m, key) is None, getattr(m, key) or "", m.country) for m in rec]
            else:
                by = [(len(m.sources), m.country) for m in rec]
            found = self._orders[column] = sorted(range(len(rec)), key=by.__getitem__)
        return found

    def select(self, as_of: _dt.date | None = None, text: str = "", column: int = 0,
               reverse: bool = False) -> list[int]:
        """The indexes of the rows to show, in order: begun by `as_of`, whose text holds `text`
        (any case), sorted by `column`. Typing one more letter searches only the rows the
        shorter text matched, and the last few answers are kept, so a keystroke costs little
        even at 100,000 rows."""
        needle = text.strip().lower()
        limit = as_of.toordinal() if as_of is not None else None
        want = (needle, limit, column, reverse)
        found = self._recent.get(want)
        if found is not None:
            return found
        base = None
        for n in range(len(needle) - 1, -1, -1):  # the longest shorter text already answered
            base = self._recent.get((needle[:n], limit, column, reverse))
            if base is not None:
                break
        if base is None:
            if column == 0 and not reverse:
                base = range(len(self.records))  # unsorted: the dataset's own order
            else:
                base = self.order(column)
                if reverse:
                    base = base[::-1]
            if limit is not None:
                starts = self.starts
                base = [i for i in base if starts[i] <= limit]
            else:
                base = list(base)
            self._recent[("", limit, column, reverse)] = base
        if needle:
            keys = self.keys
            found = [i for i in base if needle in keys[i]]
        else:
            found = base
        if len(self._recent) > 64:
            self._recent.clear()
        self._recent[want] = found
        return found
