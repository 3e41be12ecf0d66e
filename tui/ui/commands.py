"""Command-palette provider: find any country, meeting, coalition, person or quote by name,
jump to a pane, or set the as-of date to a meeting."""

from __future__ import annotations

import re
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from tui.core.text import visible
from tui.views.panes import PANES


def highlight(matcher, title: str) -> Content:
    """`title` with the letters the query matched highlighted, drawn as text: Textual's own
    Matcher.highlight parses the title as markup, so a venue of `[@click=app.quit]Q[/]` would
    become a link that quits, and an unbalanced `[/]` would break the search."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if score:
        for offset in offsets:
            if not title[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


_AS_OF = re.compile(r"^as of\s+(\S+)$", re.I)
_CHANGES = re.compile(r"^changes from\s+(\S+)$", re.I)


class RecordsProvider(Provider):
    """Every record by fuzzy name, and the dashboard's own commands."""

    def _entries(self) -> list[tuple[str, str, object]]:
        app = self.app
        ix = app.db.ix
        out: list[tuple[str, str, object]] = []
        doubt = lambda rec: " ?" if rec.unconfirmed else ""  # noqa: E731 - the one doubt mark
        for c in ix.ds.countries:
            out.append((f"{c.name} ({c.id}){doubt(c)}", "country", partial(app.show_detail, "country", c.id)))
        for m in ix.ds.meetings:
            place = ix.meeting_place(m, short=True)
            out.append((f"{ix.meeting_label(m)}, {m.date}{', ' + place if place else ''}{doubt(m)}", "meeting",
                        partial(app.show_detail, "meeting", m.id)))
            out.append((f"As of {ix.meeting_label(m)} ({m.date})", "set the as-of date",
                        partial(app.set_as_of, m.date)))
        for c in ix.ds.coalitions:
            out.append((c.name + (f" ({c.short})" if c.short else "") + doubt(c), "coalition",
                        partial(app.show_detail, "coalition", c.id)))
        for p in ix.ds.people:
            out.append((p.name + doubt(p), "person", partial(app.show_detail, "person", p.id)))
        for s in ix.ds.quotes:
            speaker = ix.person_name(s.speaker)
            out.append((f"{speaker}: {s.text[:70]}{doubt(s)}", f"{s.kind}", partial(app.show_detail, "quote", s.id)))
        for c in ix.ds.claims:
            out.append((f"Conflict: {c.subject}", "conflicting claims", partial(app.show_detail, "claim", c.id)))
        for a in ix.ds.roadmap:
            out.append((f"{ix.roadmap_title}: {a.name}{doubt(a)}", "capability area", partial(app.show_detail, "area", a.id)))
        for p in PANES:
            if not p.absent(ix):
                out.append((f"Show {p.title_for(ix)}", "pane", partial(app.action_pane, p.id)))
        out.append(("As of the latest date", "set the as-of date", partial(app.set_as_of, None)))
        # app.extra_commands() (screenshots, CSV) come through get_system_commands: listing them
        # here as well showed each twice
        # every title is one visible line (data may hold controls); drawn as text (highlight())
        return [(visible(title), help, callback) for title, help, callback in out]

    async def discover(self) -> Hits:
        for title, help, callback in self._entries():
            if help == "pane":
                yield DiscoveryHit(Content(title), callback, help=escape(help), text=title)

    async def search(self, query: str) -> Hits:
        typed = _AS_OF.match(query.strip())
        if typed:  # "as of 2023-01-01", "as of 2023": any date, typed
            from tui.core.dates import parse_typed

            try:
                day = parse_typed(typed.group(1))
            except ValueError:
                pass
            else:
                title = f"As of {day.isoformat()}"
                yield Hit(100.0, Text(title), partial(self.app.set_as_of, typed.group(1)),
                          help="set the as-of date (typed; a year or month: its last day)")
        meeting = self.app.db.ix.resolve_meeting(query.strip()) if query.strip().isdigit() else None
        if meeting is not None:  # "25": that meeting first
            m = self.app.db.ix.meetings[meeting]
            yield Hit(100.0, Text(visible(f"{self.app.db.ix.meeting_label(m)}, {m.date}")),
                      partial(self.app.show_detail, "meeting", meeting), help="meeting")
        since = _CHANGES.match(query.strip())
        if since:  # "changes from 2023-01-01": the Changes pane from that date to the as-of date
            from tui.core.dates import date_start, parse_typed

            try:
                parse_typed(since.group(1))
                day = date_start(since.group(1))
            except ValueError:
                pass
            else:
                yield Hit(100.0, Text(f"Changes from {day.isoformat()} to the as-of date"),
                          partial(self.app.show_changes_from, day), help="the Changes pane")
        matcher = self.matcher(query)
        for title, help, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlight(matcher, title), callback, text=title, help=escape(help))
