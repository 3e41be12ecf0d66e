"""A record's detail as typed data: a title and sections of lines, each line with its text,
where Enter goes, and the sources behind it. Every detail screen and `s` (sources) draw these."""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Callable, Iterator
from functools import cached_property

from tui.core.kinds import KINDS
from tui.core.refs import SourceRef, office
from tui.views.index import LEADING, Index, Link, date_end, date_start, on_or_before, span
from tui.views.cells import CONFLICT_MARK, UNCONFIRMED_MARK
from tui.views.lines import Line, _mark, more_line, shown  # noqa: F401  (Line and shown are read from here too)
from tui.views.records import VIEWS
from tui.views.panes.meetings import participants_words


@dataclass(frozen=True)
class Detail:
    """A record's detail: a title and sections of lines."""

    title: str
    sections: list[tuple[str, list[Line]]] = field(default_factory=list)


MOST_LISTED = 1000
"""A source's detail (and a paragraph's) lists at most this many of the records drawn from it, and
says how many more there are: a source behind 100,000 memberships is counted, not listed."""

BUILDERS: dict[str, Callable[..., "Detail | None"]] = {}
"""The detail builder of each link kind (every record kind, and the timeline and paragraph views),
registered with @builds."""


def builds(kind: str):
    """Register a Details method as the builder of `kind`'s detail."""
    def register(method):
        BUILDERS[kind] = method
        return method
    return register


LANGUAGES = {"en": "English", "de": "German", "fr": "French", "it": "Italian", "uk": "Ukrainian",
             "ru": "Russian", "pl": "Polish", "es": "Spanish", "nl": "Dutch", "ja": "Japanese"}




class Details:
    """The detail of any record, its sources, and what cites each source."""

    def __init__(self, ix: Index):
        self.ix = ix

    # --- sources --------------------------------------------------------------------------------

    @cached_property
    def citation_counts(self) -> dict[str, Counter]:
        """source id -> {paragraph (None: the source as a whole) -> how many references of the
        other records name it}. From the cache's codes, each distinct list of references once,
        no row made; from the models, one pass."""
        out: dict[str, Counter] = {}
        for k in KINDS:
            if k.name == "source":
                continue  # a source cites itself
            for refs, n in _value_counts(self.ix.ds, k.section, "sources"):
                for ref in refs:
                    found = out.get(ref.source)
                    if found is None:
                        found = out[ref.source] = Counter()
                    found[ref.paragraph] += n
        return out

    def citing(self, source: str, paragraph: int | None = None) -> Iterator[tuple[SourceRef, Link, str]]:
        """(reference, record link, record label) of every reference to `source` (to one
        paragraph of it, if given), in the order of the kinds and of the records; each label made
        when it is reached, so the first few cost little whatever the source supports."""
        for k in KINDS:
            if k.name == "source":
                continue
            shown = VIEWS[k.name]
            for rec in _citing(self.ix.ds, k.section, source):
                link = label = None
                for ref in rec.sources:
                    if ref.source == source and (paragraph is None or ref.paragraph == paragraph):
                        if link is None:
                            link, label = shown.link(rec), f"{k.singular}: {shown.label(self.ix, rec)}"
                        yield ref, link, label

    def _citing_lines(self, source: str, paragraph: int | None = None) -> list[Line]:
        """At most MOST_LISTED lines of what cites `source`, then how many more do."""
        counts = self.citation_counts.get(source, Counter())
        total = counts[paragraph] if paragraph is not None else sum(counts.values())
        lines = []
        for ref, link, label in self.citing(source, paragraph):
            if len(lines) == MOST_LISTED:
                break
            where = f" ¶{ref.paragraph}" if ref.paragraph and paragraph is None else ""  # a paragraph's own: said once
            lines.append(Line(f"{label}{where}", link, (ref,)))
        if total > len(lines):
            lines.append(more_line(total - len(lines)))
        return lines

    def record(self, kind: str, id: str):
        """The record a link names, or None."""
        return self.ix.record(kind, id)

    def sources_of(self, kind: str, id: str) -> tuple[SourceRef, ...]:
        """The sources a linked record cites (a source cites itself)."""
        rec = self.record(kind, id)
        if rec is None:
            return ()
        if kind == "source":
            return (SourceRef(id),)
        return tuple(rec.sources)

    def paragraph(self, ref: SourceRef) -> str | None:
        src = self.ix.sources.get(ref.source)
        if src and ref.paragraph and 1 <= ref.paragraph <= len(src.paragraphs):
            return src.paragraphs[ref.paragraph - 1]
        return None

    def source_label(self, ref: SourceRef) -> str:
        src = self.ix.sources.get(ref.source)
        if src is None:
            return str(ref)
        where = f", paragraph {ref.paragraph}" if ref.paragraph else ""
        who = f" ({src.publisher})" if src.publisher else ""
        tier = f" [{src.tier}]" if src.tier else ""
        return f"{src.title}{who}{where}{tier}"

    def sources_detail(self, title: str, refs: tuple[SourceRef, ...] | list[SourceRef]) -> Detail:
        """The sources behind one fact, with a cited paragraph's text."""
        lines = []
        for ref in refs:
            lines.append(Line(self.source_label(ref), ("source", ref.source), (ref,)))
            text = self.paragraph(ref)
            if text:
                lines.append(Line(f"  ¶{ref.paragraph}: {text}", ("source", ref.source), (ref,)))
            src = self.ix.sources.get(ref.source)
            if src and src.url:
                lines.append(Line(f"  {src.url}", ("source", ref.source), (ref,)))
        return Detail(f"Sources: {title}", [("Sources", lines)])

    # --- details --------------------------------------------------------------------------------

    def detail(self, kind: str, id: str, as_of: _dt.date | None = None) -> Detail | None:
        """The detail of any record by link; None when there is no such record. Every detail of
        an unconfirmed record says so first, with its note; every record a claim is about links
        that claim."""
        method = BUILDERS.get(kind)
        found = method(self, id, as_of) if method else None
        if found is None:
            return None
        rec = self.record(kind, id)
        sections = list(found.sections)
        title = found.title
        if rec is not None and getattr(rec, "unconfirmed", False):
            note = getattr(rec, "note", None)
            if note:  # said once, first: not again as a fact or a note further down
                sections = [(h, [line for line in lines if line is None or line.text != note]) for h, lines in sections]
                sections = [(h, lines) for h, lines in sections if lines]
            sections.insert(0, (f"{UNCONFIRMED_MARK} Unconfirmed", [Line(
                f"What could not be confirmed: {note}" if note else "Marked unconfirmed (no note given).",
                None, tuple(getattr(rec, "sources", ())))]))
            if "(unconfirmed)" not in title:
                title += " (unconfirmed)"
        claims = self.ix.claims_about.get((kind, id), [])
        if kind == "country":
            for m in self.ix.by_country.get(id, []):
                claims = claims + [c for c in self.ix.claims_about.get(("membership", m.id), []) if c not in claims]
        if claims and kind != "claim":
            title += f" {CONFLICT_MARK}"
            sections.insert(0, (f"{CONFLICT_MARK} Sources disagree", [
                Line(f"{c.subject}: {len(c.statements)} statements, e.g. “{c.statements[0].value}” vs "
                     f"“{c.statements[1].value if len(c.statements) > 1 else '?'}”", ("claim", c.id), tuple(c.sources))
                for c in claims]))
        return Detail(title, sections)

    @builds("country")
    def _detail_country(self, code: str, as_of) -> Detail | None:
        c = self.ix.countries.get(code)
        if c is None:
            return None
        # every spell begun by the date, ended ones included, each with its dates
        spells = [m for m in self.ix.by_country.get(code, []) if self.ix.begun(m, as_of)]
        member = [Line(f"{self.ix.coalition_name(m.coalition)}: {m.role}, {span(m.since, m.until)}"
                       f"{'' if self.ix.active(m, as_of) else ' (ended)'}",
                       ("coalition", m.coalition), tuple(m.sources), unconfirmed=m.unconfirmed)
                  for m in sorted(spells, key=lambda m: (self.ix.coalition_name(m.coalition), m.since or "9999"))]
        leads = [Line(f"Leads {self.ix.coalition_name(m.coalition)} ({m.role})",
                      ("coalition", m.coalition), tuple(m.sources), unconfirmed=m.unconfirmed)
                 for m in spells if m.role in LEADING and self.ix.active(m, as_of)]
        hosted = [self._meeting_line(m) for m in self.ix.ds.meetings if m.country == code and on_or_before(m.date, as_of)]
        officials = {p.id for p in self.ix.ds.people if p.country == code}
        chaired = [self._meeting_line(m) for m in self.ix.ds.meetings
                   if officials & set(m.chairs) and on_or_before(m.date, as_of)]
        quotes = [self._quote_line(q) for q in self.ix.ds.quotes if q.speaker in officials and on_or_before(q.date, as_of)]
        people = [Line(p.name, ("person", p.id), tuple(p.sources)) for p in self.ix.ds.people if p.id in officials]
        title = f"{c.name} ({c.id}){_mark(c.unconfirmed)}"
        sections = [("Memberships", member), ("Coalitions it leads", leads), ("Meetings it hosted", hosted),
                    ("Meetings its officials chaired", chaired), ("People", people),
                    ("Its officials' statements", quotes),
                    ("Sources for this country", [Line(self.source_label(r), ("source", r.source), (r,))
                                                  for r in c.sources])]
        return Detail(title, [s for s in sections if s[1]])

    @builds("meeting")
    def _detail_meeting(self, id: str, as_of) -> Detail | None:
        m = self.ix.meetings.get(id)
        if m is None:
            return None
        src = tuple(m.sources)
        facts = [Line(f"Date: {m.date}", None, src),
                 Line(f"Venue: {self.ix.meeting_place(m) or 'unknown'}",
                      ("country", m.country) if m.country else None, src),
                 Line(f"Format: {m.format or 'unknown'}", None, src),
                 Line(f"Participants: {participants_words(m)}", None, src)]
        featured = self.ix.featured
        if featured is not None and self.ix.featured_meeting(m):
            facts.append(Line(f"★ This is the meeting {self.ix.featured_name} describes.", ("source", featured.id), src))
        chairs = [Line(self.ix.person_name(p), ("person", p), tuple(self.ix.people[p].sources) if p in self.ix.people else ())
                  for p in m.chairs]
        highlights = [Line(h, None, src) for h in m.highlights]
        quotes = [self._quote_line(q) for q in self.ix.ds.quotes if q.occasion == m.id]
        notes = [Line(m.note, None, src)] if m.note else []
        title = f"{self.ix.meeting_label(m)} · {m.date}{_mark(m.unconfirmed)}"
        sections = [("Facts", facts), ("Chairs", chairs), ("Highlights", highlights),
                    ("Statements", quotes), ("Notes", notes), ("Sources", self._source_lines(m.sources))]
        return Detail(title, [s for s in sections if s[1]])

    @builds("coalition")
    def _detail_coalition(self, id: str, as_of) -> Detail | None:
        c = self.ix.coalitions.get(id)
        if c is None:
            return None
        src = tuple(c.sources)
        facts = [Line(f"Kind: {c.kind}", None, src), Line(f"Founded: {c.founded or 'unknown'}", None, src)]
        if c.parent:
            facts.append(Line(f"Part of: {self.ix.coalition_name(c.parent)}", ("coalition", c.parent), src))
        for former in c.former_names:
            short = f" ({former.short})" if former.short else ""
            facts.append(Line(f"Formerly: {former.name}{short}, {span(former.since, former.until)}", None,
                              tuple(former.sources) or src))
        if c.capability:
            facts.append(Line(f"Roadmap area: {c.capability}", ("area", c.capability), src))
        if c.note:
            facts.append(Line(c.note, None, src))
        leads = [Line(self.ix.country_name(code), ("country", code), src) for code in c.leads]
        members = [Line(f"{self.ix.country_name(m.country)}: {m.role}, {span(m.since, m.until)}",
                        ("country", m.country), tuple(m.sources), unconfirmed=m.unconfirmed)
                   for m in sorted(self.ix.members(id, as_of), key=lambda m: (m.since or "9999", m.country))]
        n_doubt = self.ix.member_count(id, as_of)[1]
        doubt = f", {n_doubt} unconfirmed" if n_doubt else ""
        children = [Line(ch.name, ("coalition", ch.id), tuple(ch.sources)) for ch in self.ix.ds.coalitions
                    if ch.parent == id]
        meetings = [self._meeting_line(m) for m in self.ix.ds.meetings if m.coalition == id and on_or_before(m.date, as_of)]
        sections = [("Facts", facts), ("Leads", leads), ("Capability coalitions", children),
                    (f"Members ({len(members)}{doubt})", members), ("Meetings", meetings),
                    ("Sources", self._source_lines(c.sources))]
        return Detail(f"{c.name}{_mark(c.unconfirmed)}", [s for s in sections if s[1]])

    @builds("person")
    def _detail_person(self, id: str, as_of) -> Detail | None:
        p = self.ix.people.get(id)
        if p is None:
            return None
        roles = [Line(f"{office(r)}: {span(r.since, r.until)}",
                      None, tuple(r.sources), unconfirmed=r.unconfirmed) for r in p.roles]
        chaired = [self._meeting_line(m) for m in self.ix.ds.meetings if id in m.chairs]
        quotes = [self._quote_line(q) for q in self.ix.ds.quotes if q.speaker == id]
        facts = [Line(f"Country: {self.ix.country_name(p.country)}", ("country", p.country), tuple(p.sources))] if p.country else []
        sections = [("Facts", facts), ("Roles", roles), ("Meetings chaired", chaired), ("Statements", quotes),
                    ("Sources", self._source_lines(p.sources))]
        return Detail(p.name, [s for s in sections if s[1]])

    @builds("quote")
    def _detail_quote(self, id: str, as_of) -> Detail | None:
        q = self.ix.quotes.get(id)
        if q is None:
            return None
        src = tuple(q.sources)
        mark = "Direct quote" if q.kind == "quote" else "Paraphrase (not the speaker's own words)"
        language = f" (first said in {LANGUAGES.get(q.language, q.language)})" if q.language else ""
        if q.via == "translation":
            mark += f": the words reach us through a translation{language}"
        elif q.via == "rendering":
            mark += f": the words reach us through another outlet's rendering{language}"
        elif q.language:
            mark += f", in {LANGUAGES.get(q.language, q.language)}"
        text = f"“{q.text}”" if q.kind == "quote" else q.text
        facts = [Line(mark, None, src), Line(text, None, src),
                 Line(f"Speaker: {self.ix.person_name(q.speaker)} ({self.ix.role_at(q.speaker, q.date) or 'role unknown'})",
                      ("person", q.speaker), src),
                 Line(f"Date: {q.date or 'not stated'}", None, src),
                 Line(f"Occasion: {self.ix.occasion(q.occasion, q.occasion_text) or 'not stated'}",
                      ("meeting", q.occasion) if q.occasion else None, src),
                 Line(f"Topics: {', '.join(q.topics) or 'none'}", None, src)]
        passages = []
        for ref in q.sources:
            passages.append(Line(self.source_label(ref), ("source", ref.source), (ref,)))
            if self.paragraph(ref):
                passages.append(Line(f"  ¶{ref.paragraph}: {self.paragraph(ref)}", ("source", ref.source), (ref,)))
        return Detail(f"Statement by {self.ix.person_name(q.speaker)}", [("Statement", facts), ("Source passage", passages)])

    @builds("area")
    def _detail_area(self, id: str, as_of) -> Detail | None:
        a = self.ix.areas.get(id)
        if a is None:
            return None
        src = tuple(a.sources)
        facts = [Line(f"Horizon: {a.horizon or 'not stated'}", None, src)]
        featured = self.ix.featured
        if a.article_term and featured is not None:
            facts.append(Line(f"The word {self.ix.featured_name} uses: “{a.article_term}”", ("source", featured.id), src))
        if a.note:
            facts.append(Line(a.note, None, src))
        coalitions = [Line(self.ix.coalition_name(c), ("coalition", c), src) for c in a.coalitions]
        leads, members = [], []
        for c in a.coalitions:
            for m in self.ix.members(c, as_of):
                line = Line(f"{self.ix.country_name(m.country)} ({m.role}, {span(m.since, m.until)})",
                            ("country", m.country), tuple(m.sources))
                (leads if m.role in LEADING else members).append(line)
        milestones = [Line(f"{ms.date}: {ms.label}", None, tuple(ms.sources), unconfirmed=ms.unconfirmed)
                      for ms in sorted(a.milestones, key=lambda ms: date_start(ms.date))]
        sections = [("Facts", facts), ("Coalitions", coalitions), ("Leads", leads), ("Members", members),
                    ("Milestones", milestones), ("Sources", self._source_lines(a.sources))]
        return Detail(a.name, [s for s in sections if s[1]])

    @builds("source")
    def _detail_source(self, id: str, as_of) -> Detail | None:
        s = self.ix.sources.get(id)
        if s is None:
            return None
        facts = [Line(f"Title: {s.title}")]
        for label, value in (("Tier", s.tier), ("Publisher", s.publisher), ("URL", s.url), ("Published", s.published),
                             ("Read", s.accessed), ("Note", s.note)):
            if value:
                facts.append(Line(f"{label}: {value}"))
        paragraphs = [Line(f"¶{i}: {text}", ("paragraph", f"{id}#{i}"), (SourceRef(id, i),))
                      for i, text in enumerate(s.paragraphs, 1)]
        total = sum(self.citation_counts.get(id, Counter()).values())
        cites = self._citing_lines(id) if total else []
        return Detail(s.title, [s_ for s_ in (("Source", facts), ("Paragraphs", paragraphs),
                                              (f"Supports ({total:,} records)", cites)) if s_[1]])

    @builds("claim")
    def _detail_claim(self, id: str, as_of) -> Detail | None:
        c = self.ix.claims.get(id)
        if c is None:
            return None
        lines = []
        for st in c.statements:
            when = f" ({st.date})" if st.date else ""
            lines.append(Line(f"“{st.value}”{when}: {st.text or ''}".rstrip(": "), None, tuple(st.sources)))
            lines.extend(Line(f"  {self.source_label(r)}", ("source", r.source), (r,)) for r in st.sources)
        notes = [Line(c.note, None, tuple(c.sources))] if c.note else []
        return Detail(f"Conflicting claims: {c.subject}", [s for s in (("Statements", lines), ("Note", notes)) if s[1]])

    @builds("timeline")
    def _detail_timeline(self, code: str, as_of) -> Detail | None:
        """A country's history in date order: every membership spell's start and end, role
        changes, meetings it hosted or its officials chaired, statements by its officials."""
        c = self.ix.countries.get(code)
        if c is None:
            return None
        events: list[tuple[str, Line]] = []
        spells = self.ix.by_country.get(code, [])
        for m in spells:
            name = self.ix.coalition_name(m.coalition)
            src = tuple(m.sources)
            after = next((n for n in spells if n is not m and n.coalition == m.coalition and n.since and m.until
                          and 0 <= (date_start(n.since) - date_end(m.until)).days <= 1), None)
            if m.since:
                before = next((n for n in spells if n is not m and n.coalition == m.coalition and n.until and
                               0 <= (date_start(m.since) - date_end(n.until)).days <= 1), None)
                verb = f"role in {name}: {before.role} to {m.role}" if before and before.role != m.role \
                    else f"joined {name} as {m.role}"
                events.append((m.since, Line(f"{m.since}  {verb}", ("coalition", m.coalition), src,
                                             unconfirmed=m.unconfirmed)))
            else:
                events.append(("9999", Line(f"date unknown  in {name} as {m.role}",
                                            ("coalition", m.coalition), src, unconfirmed=m.unconfirmed)))
            if m.until and not (after and after.role != m.role):
                events.append((m.until, Line(f"{m.until}  left {name} (its last day as {m.role})",
                                             ("coalition", m.coalition), src)))
        officials = {p.id for p in self.ix.ds.people if p.country == code}
        for mt in self.ix.ds.meetings:
            if mt.country == code:
                events.append((mt.date, Line(f"{mt.date}  hosted {self.ix.meeting_label(mt)}", ("meeting", mt.id),
                                             tuple(mt.sources))))
            elif officials & set(mt.chairs):
                events.append((mt.date, Line(f"{mt.date}  its official chaired {self.ix.meeting_label(mt)}",
                                             ("meeting", mt.id), tuple(mt.sources))))
        for q in self.ix.ds.quotes:
            if q.speaker in officials:
                events.append((q.date or "9999", Line(f"{q.date or 'undated'}  {self.ix.person_name(q.speaker)}: "
                                                      f"{q.text[:90]}", ("quote", q.id), tuple(q.sources))))
        for p in self.ix.ds.people:
            if p.id in officials:
                for r in p.roles:
                    held = office(r)
                    for date, verb in ((r.since, "took office as"), (r.until, "left office as")):
                        if date:
                            events.append((date, Line(f"{date}  {p.name} {verb} {held}", ("person", p.id),
                                                      tuple(r.sources))))
        events.sort(key=lambda e: date_start(e[0]))
        return Detail(f"{c.name} ({c.id}): its history", [("In date order", [line for _, line in events])])

    @builds("membership")
    def _detail_membership(self, id: str, as_of) -> Detail | None:
        m = self.record("membership", id)
        if m is None:
            return None
        ix, src = self.ix, tuple(m.sources)
        joined = ix.joined(m)
        facts = [Line(f"Country: {ix.country_name(m.country)}", ("country", m.country), src),
                 Line(f"Coalition: {ix.coalition_name(m.coalition)}", ("coalition", m.coalition), src),
                 Line(f"Role: {m.role}" + ("" if ix.is_member(m) else " (not counted as membership of this coalition)"),
                      None, src),
                 Line(f"Dates: {span(m.since, m.until)}", None, src)]
        if joined and joined != m.since:
            facts.append(Line(f"Joined: {joined} (an earlier spell; a role change is not a joining)", None, src))
        if m.note:
            facts.append(Line(f"Note: {m.note}", None, src))
        title = f"{VIEWS['membership'].label(ix, m)}{_mark(m.unconfirmed)}"
        return Detail(title, [("Membership", facts), ("Sources", self._source_lines(m.sources))])

    @builds("paragraph")
    def _detail_paragraph(self, id: str, as_of) -> Detail | None:
        source, _, number = id.partition("#")
        ref = SourceRef(source, int(number)) if number.isdigit() else None
        text = self.paragraph(ref) if ref else None
        if text is None:
            return None
        total = self.citation_counts.get(source, Counter())[ref.paragraph]
        records = self._citing_lines(source, ref.paragraph) if total else []
        return Detail(f"{self.ix.sources[source].title}, paragraph {ref.paragraph}",
                      [("Text", [Line(text, ("source", source), (ref,))]),
                       (f"Records drawn from it ({total:,})", records or [Line("none")])])

    # --- small helpers ------------------------------------------------------------------

    def _meeting_line(self, m) -> Line:
        where = self.ix.meeting_place(m) or "place not given"
        return Line(f"{self.ix.meeting_label(m)} · {m.date} · {where}", ("meeting", m.id), tuple(m.sources),
                    unconfirmed=m.unconfirmed, conflict=self.ix.disputed("meeting", m.id))

    def _quote_line(self, q) -> Line:
        mark = "quote" if q.kind == "quote" else "paraphrase"
        return Line(f"[{mark}] {self.ix.person_name(q.speaker)}: {q.text}", ("quote", q.id), tuple(q.sources),
                    unconfirmed=q.unconfirmed, via=q.via, conflict=self.ix.disputed("quote", q.id))

    def _source_lines(self, refs) -> list[Line]:
        return [Line(self.source_label(r), ("source", r.source), (r,)) for r in refs]




# --- what cites a source, from the cache's codes or from the models -------------------------------


def _value_counts(ds, section: str, field: str) -> list[tuple]:
    """(value, how many records of `section` have it) for each distinct value of `field`: on the
    cache's light rows from the codes (no row made), else one pass over the records."""
    if getattr(ds, "is_light", False):
        s = ds.sections[section]
        if not s.count:
            return []
        values, codes = s.codes(field)
        return [(values[c], n) for c, n in Counter(codes).items()]
    return list(Counter(tuple(getattr(r, field)) for r in getattr(ds, section)).items())


def _citing(ds, section: str, source: str):
    """The records of `section` with a reference to `source`, in order: on the cache's light rows
    only those are made (the codes say which)."""
    if not getattr(ds, "is_light", False):
        return (r for r in getattr(ds, section) if any(ref.source == source for ref in r.sources))
    s = ds.sections[section]
    if not s.count:
        return iter(())
    values, codes = s.codes("sources")
    wanted = {c for c, refs in enumerate(values) if any(ref.source == source for ref in refs)}
    rows = getattr(ds, section)
    return (rows[i] for i, c in enumerate(codes) if c in wanted)
