"""Indexes of one Dataset and the rules every screen shares: what heads the dashboard, which
memberships hold on a date, how meetings are numbered and named, and what records are called.

Nothing here names a coalition, a source or a year: the dataset says what heads the dashboard
(`meta.dashboard`), and where it says nothing the defaults come from the data (`Dashboard`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import cached_property, lru_cache

from tui.core.dates import date_end as _date_end
from tui.core.kinds import BY_NAME
from tui.core.dates import date_start as _date_start
from tui.core.dates import recorded
from tui.core.refs import coalition_label, office
from tui.views.held import HeldBy
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the views read plain attributes: models, or the cache's light rows (no pydantic)
    from tui.core.model import Coalition, Dataset, Meeting, Membership, Source

date_start = lru_cache(maxsize=1 << 16)(_date_start)
"""tui.core.dates.date_start, remembered: a dataset has few distinct dates and asks for each often."""
date_end = lru_cache(maxsize=1 << 16)(_date_end)

from tui.views.roles import LEADING, MEMBER_ROLES  # noqa: E402,F401  (said once, read by every view)

Link = tuple[str, str]
"""A link to a record's detail: (kind, id), kind one of country, coalition, meeting, person,
quote, source, claim, area, paragraph."""


@dataclass(frozen=True)
class Dashboard:
    """What heads the dashboard, from `meta.dashboard` or, where it is silent, from the data:

    - headline: the coalitions named, else every coalition with no parent (alliances, unions,
      contact groups), in the order of the data files;
    - featured: the source named, else the first source of kind `article`, else none;
    - start, end: the span of the time axes, from `meta.dashboard.timeline`, else from the
      earliest founding, milestone or meeting of the roadmap's coalitions to the latest horizon
      or milestone (None when the dataset has no roadmap).
    """

    headline: tuple[str, ...]
    featured: str | None
    start: _dt.date | None
    end: _dt.date | None


def _active(since: str | None, until: str | None, as_of: _dt.date | None) -> bool:
    """Whether a spell from `since` to `until` (its last day, inclusive) holds on `as_of`.
    Unknown ends are open; with no date, everything holds."""
    if as_of is None:
        return True
    if since is not None and date_start(since) > as_of:
        return False
    return until is None or as_of <= date_end(until)


def on_or_before(value: str | None, as_of: _dt.date | None) -> bool:
    """True when a (possibly partial or unknown) date has begun by `as_of`."""
    return as_of is None or value is None or date_start(value) <= as_of


def span(since: str | None, until: str | None) -> str:
    """A spell's dates as words: '2023-04-04 to 2024-01-31', 'since 2023-04-04'."""
    if since and until:
        return f"{since} to {until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else "dates unknown"


class Index:
    """One Dataset, indexed once, and the questions every view asks of it."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self._by_id: dict[str, dict] = {}  # kind -> its records by id (models only; see `record`)
        self.sources = {s.id: s for s in ds.sources}
        self.countries = {c.id: c for c in ds.countries}
        self.coalitions = {c.id: c for c in ds.coalitions}
        self.people = {p.id: p for p in ds.people}
        self.meetings = {m.id: m for m in ds.meetings}
        self.areas = {a.id: a for a in ds.roadmap}
        self.quotes = {q.id: q for q in ds.quotes}
        self.claims = {c.id: c for c in ds.claims}
        self._labels: dict[tuple, str] = {}  # label(), remembered: a big table asks for each often
        self.light = getattr(ds, "is_light", False)
        """The cache's light rows (tui.data.columns.Store): the indexes below read its columns."""
        self.by_country: Mapping[str, list[Membership]]
        self.by_coalition: Mapping[str, list[Membership]]
        if self.light:  # from the codes: a group's rows are made when it is asked for
            self.by_country = ds.grouped("memberships", "country")
            self.by_coalition = ds.grouped("memberships", "coalition")
        else:
            self.by_country, self.by_coalition = {}, {}
            for m in ds.memberships:
                self.by_country.setdefault(m.country, []).append(m)
                self.by_coalition.setdefault(m.coalition, []).append(m)
        self.claims_about: dict[tuple[str, str], list] = {}
        for c in ds.claims:
            for target in c.about:
                kind, _, rid = target.partition(":")
                self.claims_about.setdefault((kind, rid), []).append(c)
        self.meetings_of: dict[str, list[Meeting]] = {}
        for m in sorted(ds.meetings, key=lambda m: (m.number, m.date)):
            self.meetings_of.setdefault(m.coalition, []).append(m)

    def record(self, kind: str, id: str):
        """The record of `kind` (tui.core.kinds) with `id`, or None. On the cache's light rows one
        search of the ids' column, making that row only; on the models each kind's records by id,
        made when that kind is first asked for (a source's detail indexes no membership)."""
        k = BY_NAME.get(kind)
        if k is None:
            return None
        if getattr(self.ds, "is_light", False):
            section = self.ds.sections[k.section]
            i = section.find("id", id) if section.count and isinstance(id, str) else None
            return None if i is None else getattr(self.ds, k.section)[i]
        found = self._by_id.get(kind)
        if found is None:
            found = self._by_id[kind] = {r.id: r for r in getattr(self.ds, k.section)}
        return found.get(id)

    # --- what heads the dashboard ---------------------------------------------------------------

    @cached_property
    def dashboard(self) -> Dashboard:
        board = self.ds.meta.dashboard if self.ds.meta else None
        headline = tuple(board.headline) if board and board.headline is not None else tuple(
            c.id for c in self.ds.coalitions if c.parent is None)
        featured = board.featured_source if board and board.featured_source else next(
            (s.id for s in self.ds.sources if s.kind == "article"), None)
        start, end = self._roadmap_span()
        timeline = board.timeline if board else None
        if timeline is not None:
            start = date_start(timeline.start) if timeline.start else start
            end = date_end(timeline.end) if timeline.end else end
        return Dashboard(headline, featured, start, end)

    def _roadmap_span(self) -> tuple[_dt.date | None, _dt.date | None]:
        if not self.ds.roadmap:
            return None, None
        starts: list[_dt.date] = []
        ends: list[_dt.date] = []
        for a in self.ds.roadmap:
            for c in a.coalitions:
                co = self.coalitions.get(c)
                if co and co.founded:
                    starts.append(date_start(co.founded))
            for ms in a.milestones:
                starts.append(date_start(ms.date))
                ends.append(date_end(ms.date))
            if a.horizon:
                ends.append(_dt.date(a.horizon, 12, 31))
        if not starts and not ends:
            return None, None
        start = min(starts or ends)
        return _dt.date(start.year, 1, 1), max(ends or starts)

    @property
    def headline(self) -> list[Coalition]:
        return [self.coalitions[c] for c in self.dashboard.headline if c in self.coalitions]

    @property
    def featured(self) -> Source | None:
        f = self.dashboard.featured
        return self.sources.get(f) if f else None

    @cached_property
    def featured_name(self) -> str:
        """How screens name the featured source: 'the article' for an article, else its title."""
        src = self.featured
        if src is None:
            return ""
        return "the article" if src.kind == "article" else src.title

    def featured_meeting(self, m: Meeting) -> bool:
        """Whether the featured source describes this meeting (`meetings[].article`)."""
        return m.article and self.featured is not None

    @cached_property
    def roadmap_title(self) -> str:
        """The roadmap's name on its tab: 'Roadmap' and the latest horizon, if any."""
        horizons = [a.horizon for a in self.ds.roadmap if a.horizon]
        return f"Roadmap {max(horizons)}" if horizons else "Roadmap"

    # --- dates ----------------------------------------------------------------------------------

    @cached_property
    def step_dates(self) -> list[_dt.date]:
        """The dates `[` and `]` step through: the meetings of the headline coalitions (of every
        coalition when those have none)."""
        headline = set(self.dashboard.headline)
        dates = {date_start(m.date) for m in self.ds.meetings if m.coalition in headline}
        if not dates:
            dates = {date_start(m.date) for m in self.ds.meetings}
        return sorted(dates)

    @cached_property
    def latest(self) -> _dt.date | None:
        """The latest date the dataset records as past (tui.core.dates.recorded: meetings, joins,
        leavings, foundings, offices, statements), by the day it starts on."""
        dates = [date_start(d) for d in recorded(self.ds)]
        return max(dates) if dates else None

    def step(self, as_of: _dt.date | None, direction: int) -> _dt.date | None:
        """The step date before (-1) or after (+1) `as_of`; the latest date past the last."""
        dates = self.step_dates
        if not dates:
            return as_of
        current = as_of or self.latest or dates[-1]
        if direction < 0:
            earlier = [d for d in dates if d < current]
            return earlier[-1] if earlier else dates[0]
        later = [d for d in dates if d > current]
        return later[0] if later else max(self.latest or dates[-1], dates[-1])

    # --- membership on a date -------------------------------------------------------------------

    def start_of(self, m: Membership) -> str | None:
        """When a membership is taken to begin: its `since`, else its coalition's founding."""
        if m.since is not None:
            return m.since
        co = self.coalitions.get(m.coalition)
        return co.founded if co else None

    def active(self, m: Membership, as_of: _dt.date | None) -> bool:
        """Whether a membership holds on `as_of`: from its start (`start_of`) to its `until`,
        the last day, inclusive. Each spell of a country that left and rejoined counts alone."""
        return _active(self.start_of(m), m.until, as_of)

    def begun(self, m: Membership, as_of: _dt.date | None) -> bool:
        """Whether a membership had begun by `as_of` (ended ones included)."""
        return on_or_before(self.start_of(m), as_of)

    def members(self, coalition: str, as_of: _dt.date | None = None) -> list[Membership]:
        """The memberships of a coalition that hold on `as_of`."""
        return [m for m in self.by_coalition.get(coalition, []) if self.active(m, as_of)]

    @cached_property
    def _member_roles(self) -> dict[str, frozenset[str]]:
        """member_roles of each coalition asked about, worked out when first asked."""
        return {}

    def member_roles(self, coalition: str) -> frozenset[str]:
        """The roles that count as membership of a coalition: `coalitions[].member_roles`, else
        member, lead and co-lead, and participant too when no spell has the role member."""
        found = self._member_roles.get(coalition)
        if found is None:
            c = self.coalitions.get(coalition)
            if c is None:
                found = MEMBER_ROLES
            elif c.member_roles is not None:
                found = frozenset(c.member_roles)
            elif (self.ds.any_in_group("memberships", "coalition", coalition, "role", "member") if self.light
                  else any(m.role == "member" for m in self.by_coalition.get(coalition, ()))):
                found = MEMBER_ROLES
            else:
                found = MEMBER_ROLES | {"participant"}
            self._member_roles[coalition] = found
        return found

    def is_member(self, m: Membership) -> bool:
        """Whether a spell's role counts as membership of its coalition."""
        return m.role in self.member_roles(m.coalition)

    def joined(self, m: Membership) -> str | None:
        """When the country joined the coalition of spell `m`: the start of the first spell of
        the unbroken run that `m` belongs to (spells of the same country in the same coalition,
        each starting by the day after the last one ended). A role change is not a joining; a
        country that left and came back joined again when it came back. None: not known."""
        runs = self._runs.get(m.coalition)
        if runs is None:
            runs = self._runs[m.coalition] = self._runs_of(m.coalition)
        return runs.get(m.id, m.since)

    @cached_property
    def _runs(self) -> dict[str, dict[str, str | None]]:
        """Each coalition's runs (`_runs_of`), made when one of its spells is first asked about."""
        return {}

    def _runs_of(self, coalition: str) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        pairs: dict[str, list[Membership]] = {}
        for m in self.by_coalition.get(coalition, ()):
            pairs.setdefault(m.country, []).append(m)
        for spells in pairs.values():
            if len(spells) == 1:
                continue
            known = sorted((m for m in spells if m.since), key=lambda m: date_start(m.since))
            first = None
            last_end: _dt.date | None = None
            open_run = False
            for m in known:
                start = date_start(m.since)
                if first is None or not (open_run or (last_end is not None and start <= last_end + _dt.timedelta(days=1))):
                    first = m.since
                    last_end, open_run = None, False
                out[m.id] = first
                if m.until is None:
                    open_run = True
                else:
                    end = date_end(m.until)
                    last_end = end if last_end is None else max(last_end, end)
        return out

    @cached_property
    def held_by(self):
        """What a country or a coalition holds on a date, read from the cache's codes on a warm
        start (tui.views.held)."""
        return HeldBy(self)

    def member_count(self, coalition: str, as_of: _dt.date | None = None) -> tuple[int, int]:
        """(countries that are members on `as_of`, of which every such membership is unconfirmed).
        Only roles that count as membership count (`member_roles`)."""
        sure: set[str] = set()
        doubtful: set[str] = set()
        roles = self.member_roles(coalition)
        for country, role, unconfirmed in self.held_by.holding(coalition, as_of):
            if role in roles:
                (doubtful if unconfirmed else sure).add(country)
        return len(sure | doubtful), len(doubtful - sure)

    def others_count(self, coalition: str, as_of: _dt.date | None = None) -> dict[str, int]:
        """Countries in the coalition on `as_of` in roles that are not membership, by role
        (a country that is also a member is not counted again)."""
        roles = self.member_roles(coalition)
        held = self.held_by.holding(coalition, as_of)
        members = {country for country, role, _ in held if role in roles}
        out: dict[str, set[str]] = {}
        for country, role, _ in held:
            if role not in roles and country not in members:
                out.setdefault(role, set()).add(country)
        return {role: len(c) for role, c in sorted(out.items())}

    def count_words(self, coalition: str, as_of: _dt.date | None = None) -> str:
        """A coalition's count on `as_of` as the status line says it: members, then the rest by
        role ('1 + 1 participant'), then how many are unconfirmed."""
        n, doubtful = self.member_count(coalition, as_of)
        text = str(n)
        for role, k in self.others_count(coalition, as_of).items():
            text += f" + {k} {role}{'s' if k != 1 else ''}"
        return text + (f" ({doubtful} unconfirmed)" if doubtful else "")

    def summary(self, as_of: _dt.date | None = None) -> str:
        """The status line's counts: each headline coalition's members, then the meetings held."""
        parts = []
        for co in self.headline:
            parts.append(f"{self.label(co.id, as_of)} {self.count_words(co.id, as_of)}")
        held = sum(1 for m in self.ds.meetings if on_or_before(m.date, as_of))
        parts.append(f"{held} meeting{'s' if held != 1 else ''}")
        return " · ".join(parts)

    def disputed(self, kind: str, id: str) -> bool:
        """Whether some claim is about this record (for a country: or about one of its memberships)."""
        if (kind, id) in self.claims_about:
            return True
        return kind == "country" and id in self._disputed_countries

    @cached_property
    def _disputed_countries(self) -> frozenset[str]:
        """The countries some claim about one of their memberships is about: found from the
        claims (few), not by looking at every membership of each country drawn."""
        ids = {rid for kind, rid in self.claims_about if kind == "membership"}
        if not ids:
            return frozenset()
        if self.light:  # one search of the ids' text each, one light row each
            section = self.ds.sections["memberships"]
            found = (section.find("id", rid) for rid in ids)
            return frozenset(self.ds.memberships[i].country for i in found if i is not None)
        return frozenset(m.country for m in self.ds.memberships if m.id in ids)

    def provenance(self, as_of: _dt.date | None, version: str) -> tuple[str, str]:
        """(title, dates): what every screen and image says of where it comes from: the
        dataset's title, then the as-of date, when the data was last checked and the tool's
        version. A front end cuts the title, never the dates."""
        meta = self.ds.meta
        title = meta.title if meta else "(untitled dataset)"
        when = as_of.isoformat() if as_of else "all dates"
        checked = meta.last_checked if meta else "never"
        return title, f"as of {when} · checked {checked} · coalition-tui {version}"

    # --- names ----------------------------------------------------------------------------------

    def label(self, coalition: str, as_of: _dt.date | None = None) -> str:
        """A coalition's short name (its name when it has none); with `as_of`, the name it bore
        then (the EEC in 1980, the EU in 2000)."""
        found = self._labels.get((coalition, as_of))
        if found is None:
            c = self.coalitions.get(coalition)
            found = self._labels[(coalition, as_of)] = coalition if c is None else coalition_label(c, as_of)
        return found

    def coalition_name(self, coalition: str) -> str:
        c = self.coalitions.get(coalition)
        return c.name if c else coalition

    def country_name(self, code: str | None) -> str:
        c = self.countries.get(code or "")
        return c.name if c else (code or "")

    def person_name(self, id: str) -> str:
        p = self.people.get(id)
        return p.name if p else id

    def meeting_label(self, m: Meeting) -> str:
        """'UDCG meeting 25': numbered within its coalition."""
        return f"{self.label(m.coalition)} meeting {m.number}"

    @staticmethod
    def meeting_place(m: Meeting, short: bool = False) -> str:
        """Where a meeting was: its venue and city (`short`: the first of them), "online" for a
        virtual one that names neither, "" when the data does not say."""
        parts = [p for p in (m.venue, m.city) if p]
        if parts:
            return parts[0] if short else ", ".join(parts)
        return "online" if m.format == "virtual" else ""

    def occasion(self, meeting: str | None, text: str | None) -> str:
        m = self.meetings.get(meeting or "")
        if m:
            return f"{self.meeting_label(m)} ({m.date})"
        return text or ""

    def role_at(self, person: str, date: str | None) -> str:
        """The person's role on a date (their first role when the date is unknown)."""
        p = self.people.get(person)
        if p is None or not p.roles:
            return ""
        when = date_start(date) if date else None
        for r in p.roles:
            if when is None or _active(r.since, r.until, when):
                return office(r)
        return ""

    def resolve_meeting(self, text: str) -> str | None:
        """A meeting id from what a user typed: an id, or a bare number when only one coalition
        has meetings (or only one of the headline coalitions)."""
        if text in self.meetings:
            return text
        if not text.isdigit():
            return None
        number = int(text)
        with_meetings = [c for c in self.meetings_of if self.meetings_of[c]]
        headline = [c for c in self.dashboard.headline if c in self.meetings_of]
        for group in (with_meetings, headline):
            if len(group) == 1:
                return next((m.id for m in self.meetings_of[group[0]] if m.number == number), None)
        return None
