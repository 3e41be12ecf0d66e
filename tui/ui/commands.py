"""Command-palette provider: find any country, meeting, coalition, person or quote by name,
jump to a pane, or set the as-of date to a meeting."""

from __future__ import annotations

import re
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from tui.core.kinds import KINDS
from tui.core.text import visible
from tui.views.panes import PANES
from tui.views.records import VIEWS


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
        """Every entry, made once a palette (each key searches the same list) and again only when
        the data or the as-of date changed meanwhile."""
        db, as_of = self.app.db, self.app.as_of  # the views themselves, not their id: a reload's
        made = self.__dict__.get("_made")        # new views may be given a freed one's id
        if made is None or made[0] is not db or made[1] != as_of:
            made = self._made = (db, as_of, self._make_entries())
        return made[2]

    def _make_entries(self) -> list[tuple[str, str, object]]:
        app = self.app
        ix = app.db.ix
        out: list[tuple[str, str, object]] = []
        doubt = lambda rec: " ?" if rec.unconfirmed else ""  # noqa: E731 - the one doubt mark
        for k in KINDS:  # every kind of record, by what a reader calls it
            shown = VIEWS[k.name]
            if not shown.palette:
                continue
            for rec in getattr(ix.ds, k.section):
                label = (shown.entry or shown.label)(ix, rec)
                help = rec.kind if k.name == "quote" else shown.kind_word or k.singular
                out.append((f"{label}{doubt(rec)}", help, partial(app.show_detail, *shown.link(rec))))
                if k.name == "meeting":
                    out.append((f"As of {ix.meeting_label(rec)} ({rec.date})", "set the as-of date",
                                partial(app.set_as_of, rec.date)))
        for p in PANES:
            if not p.absent(ix):
                out.append((f"Show {p.title_for(ix)}", "pane", partial(app.action_pane, p.id)))
        if any(p.widget == "map" and not p.absent(ix) for p in PANES):
            from tui.ui.panes.map import show_map

            for co in ix.ds.coalitions:  # any coalition with members can shade the map
                if co.id in ix.by_coalition:  # read from the groups: no membership made
                    out.append((f"Map: {ix.label(co.id, app.as_of)}", "shade the map by this coalition",
                                partial(show_map, app, co.id)))
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
