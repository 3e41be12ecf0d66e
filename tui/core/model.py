"""The dataset's records as pydantic models, and the checks that span records.

A record knows its own fields; `Dataset.findings()` knows how records refer to each other
(unique ids, references that resolve, memberships after founding, every record sourced).
This module imports neither Textual nor Rich nor YAML: it is the core every command shares.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Iterator, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, create_model,
                      field_validator)

from tui.core.dates import CACHED_VALUES, Date, date_end, date_start
from tui.core.kinds import ABOUT_KINDS, BY_SECTION, KINDS  # noqa: F401  (ABOUT_KINDS: what a claim may be about)
from tui.core.text import non_latin, unknown

# --- source references --------------------------------------------------------------------------

# SourceRef, its parsing, coalition_label and office live in tui.core.refs (no pydantic there: the
# dashboard's first frame reads light rows and never imports this module); said here too
from tui.core.refs import _REF_RE, SourceRef, _parse_ref, _ref_of_text, coalition_label, flag, office, parse_ref  # noqa: E402,F401

_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _plain_name(value: str) -> str:
    """Names and titles are drawn in tables, headers and terminal titles: no control, line-break or
    bidi characters (they could drive a terminal or reorder a line)."""
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"a name may not hold the control character {found.group().encode('unicode_escape').decode()}"
                         f" (at character {found.start() + 1}); write plain text")
    return value


Name = Annotated[str, AfterValidator(_plain_name)]
"""A name or title: plain text on one line (see _plain_name)."""

Ref = Annotated[SourceRef, BeforeValidator(_parse_ref), WithJsonSchema(
    {"type": "string", "pattern": _REF_RE.pattern,
     "description": "SOURCE_ID, or SOURCE_ID#N for paragraph N of the source"})]
Sources = Annotated[list[Ref], Field(min_length=1)]
Id = Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")]


def _empty() -> Any:
    """An empty list by default. Written `= []`, pydantic deep-copies the default for each record
    that leaves it out (copy.deepcopy: 2 µs each, twice a coalition: about a tenth of loading
    700,000 of them); a factory makes a new one at the cost of a call. The schema still says
    `default: []`."""
    return Field(default_factory=list, json_schema_extra={"default": []})


class Record(BaseModel):
    """What every record has: an id, its sources, and a way to say what is unconfirmed."""

    # defer_build: the validators are built when first used, not on import; a launch that
    # reads the validated cache (tui.data.cache) never uses them and starts about 40 ms sooner
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Id
    sources: Sources
    unconfirmed: bool = False
    note: str | None = None

    CHECKED: ClassVar[bool] = True
    """False on a kind whose cross-record checks are not written out in _cross_checks: its
    sources and its declared REFS are then checked by the generic pass."""
    REFS: ClassVar[dict[str, str]] = {}
    """Fields that name another record, by the section it lives in ({"country": "countries"})."""


# --- the record kinds ---------------------------------------------------------------------------


class Timeline(BaseModel):
    """The span the dashboard's time axes cover; either end may be left to the data."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, populate_by_name=True)

    start: Date | None = Field(default=None, alias="from")
    end: Date | None = Field(default=None, alias="to")


class Dashboard(BaseModel):
    """What heads the dashboard. Every field is optional; absent ones are derived from the data
    (see tui.views.index.dashboard)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    headline: list[str] | None = None      # coalition ids, in the order shown
    featured_source: str | None = None      # a source id; default: the source of kind article
    timeline: Timeline | None = None


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    title: Name
    last_checked: Date
    description: str | None = None
    dashboard: Dashboard | None = None
    # for the dataset's own citation (`coalition-tui cite`): absent, the version is the date of
    # last_checked and the citation names no publisher
    version: Name | None = None
    publisher: Name | None = None


class Source(Record):
    """The article, or a public reference that was read."""

    kind: Literal["article", "reference"]
    title: str
    # primary: the body or government itself; established: a news organisation's own report;
    # secondary: a report of a report, an aggregator, Wikipedia; mirror: a copy of another page
    tier: Literal["primary", "established", "secondary", "mirror"] | None = None
    publisher: str | None = None
    url: str | None = None
    published: Date | None = None
    accessed: Date | None = None
    tags: list[str] = _empty()
    file: str | None = None
    paragraphs: list[str] = _empty()
    # a source may cite itself; the field stays optional for sources alone
    sources: list[Ref] = _empty()


class Country(Record):
    id: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    name: Name

    @property
    def flag(self) -> str:
        """The flag emoji for the ISO code (regional indicator letters)."""
        return flag(self.id)


class FormerName(BaseModel):
    """A name the body bore before (the EEC of 1958 before the EU of 1993)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: Name
    short: Name | None = None
    since: Date | None = None
    until: Date | None = None
    sources: list[Ref] = _empty()


CoalitionKind = Literal["alliance", "contact-group", "capability-coalition", "union",
                        "organisation", "partnership"]


Role = Literal["member", "participant", "lead", "co-lead", "observer", "host", "partner"]


class Coalition(Record):
    REFS: ClassVar[dict[str, str]] = {"parent": "coalitions", "capability": "roadmap"}
    name: Name
    short: Name | None = None
    kind: CoalitionKind
    former_names: list[FormerName] = _empty()
    founded: Date | None = None
    parent: str | None = None
    leads: list[str] = _empty()
    capability: str | None = None
    member_roles: list[Role] | None = None
    """The roles that count as membership (None: member, lead and co-lead; participant too
    when no spell of the coalition has the role member). See docs/DATA-FORMAT.md."""


class Membership(Record):
    REFS: ClassVar[dict[str, str]] = {"country": "countries", "coalition": "coalitions"}
    country: str
    coalition: str
    role: Role
    since: Date | None = None
    until: Date | None = None


class PersonRole(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    title: str
    organisation: str | None = None
    since: Date | None = None
    until: Date | None = None
    sources: Sources
    unconfirmed: bool = False
    note: str | None = None


class Person(Record):
    REFS: ClassVar[dict[str, str]] = {"country": "countries"}
    name: Name
    country: str | None = None
    roles: list[PersonRole] = _empty()


class Meeting(Record):
    REFS: ClassVar[dict[str, str]] = {"coalition": "coalitions", "country": "countries"}
    coalition: str
    number: int = Field(ge=1)
    date: Date
    venue: str | None = None
    city: str | None = None
    country: str | None = None
    format: Literal["in-person", "virtual", "hybrid"] | None = None
    chairs: list[str] = _empty()
    participants: int | None = Field(default=None, ge=0)
    participants_text: str | None = None
    # how exact the count is, and what it counts (absent: shown as given)
    participants_qualifier: Literal["exact", "about", "nearly", "more-than", "at-least",
                                    "up-to"] | None = None
    participants_kind: Literal["attended", "expected", "group-size"] | None = None
    highlights: list[str] = _empty()
    article: bool = False


class Milestone(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    date: Date
    label: str
    sources: Sources
    unconfirmed: bool = False
    note: str | None = None


class RoadmapArea(Record):
    name: Name
    article_term: str | None = None
    coalitions: list[str] = _empty()
    horizon: int | None = Field(default=None, ge=2000, le=2100)
    milestones: list[Milestone] = _empty()


class Quote(Record):
    REFS: ClassVar[dict[str, str]] = {"speaker": "people", "occasion": "meetings"}
    speaker: str
    date: Date | None = None
    occasion: str | None = None
    occasion_text: str | None = None
    text: str = Field(min_length=1)
    kind: Literal["quote", "paraphrase"]
    # words that reach us through a translation or another outlet's rendering
    via: Literal["translation", "rendering"] | None = None
    language: str | None = None     # the language the words were first spoken or printed in
    topics: list[str] = _empty()


class Statement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    value: str
    text: str | None = None
    date: Date | None = None
    sources: Sources
    note: str | None = None




class Claim(Record):
    subject: str
    about: list[str] = _empty()     # KIND:ID of the records the claim concerns
    statements: list[Statement] = Field(min_length=1)


SECTIONS: dict[str, type[Record]] = {k.section: k.model for k in KINDS}
"""Every section of a dataset file, in order, with its record model (from tui.core.kinds)."""


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    meta: Meta | None = None


def _null_is_empty(cls, value: Any) -> Any:
    return [] if value is None else value


DataFile = create_model(
    "DataFile", __base__=_Header, __module__=__name__,
    __validators__={"_null_is_empty": field_validator(*SECTIONS, mode="before")(classmethod(_null_is_empty))},
    **{name: (list[model], []) for name, model in SECTIONS.items()})
DataFile.__doc__ = """One YAML file of a dataset: `meta` and any of the sections of tui.core.kinds, each a
list of records (a section written as null is empty)."""


# --- findings across records --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, located by section, record index and field path inside the dataset."""

    section: str
    index: int | None
    path: tuple[str | int, ...]
    message: str
    hint: str | None = None


_new_finding = object.__new__
_FINDING_SLOTS = tuple(getattr(Finding, f).__set__ for f in ("section", "index", "path", "message", "hint"))


def _finding(section: str, index: int | None, path: tuple, message: str, hint: str | None = None) -> Finding:
    """Finding(...) as its __init__ makes it, at a third of the cost (a frozen dataclass sets
    each field through object.__setattr__): a flood makes one for each of 700,000 records."""
    f = _new_finding(Finding)
    s_section, s_index, s_path, s_message, s_hint = _FINDING_SLOTS
    s_section(f, section)
    s_index(f, index)
    s_path(f, path)
    s_message(f, message)
    s_hint(f, hint)
    return f


class Dataset(DataFile):
    """The whole dataset: every file's sections joined in order."""

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in SECTIONS}

    def findings(self) -> list[Finding]:
        """Every cross-record problem: duplicate ids, dangling references, dates out of order."""
        return list(_cross_checks(self))


def _overlap(a: Membership, b: Membership) -> bool:
    """Whether two spells share a day (until is the last day of a spell; unknown ends are open)."""
    lo_a, hi_a = date_start(a.since) or _dt.date.min, date_end(a.until) or _dt.date.max
    lo_b, hi_b = date_start(b.since) or _dt.date.min, date_end(b.until) or _dt.date.max
    return lo_a <= hi_b and lo_b <= hi_a


SMALL_GROUP = 64
"""Spells of one country in one coalition up to this many are compared pair by pair: every
overlapping pair is a finding. More (a hostile file: 30,000 open spells of one country in one
coalition were 450 million pairs, and as many findings, which no memory holds) are swept in
order of their start: each spell that overlaps an earlier-starting one is a finding naming
one of them, so the work and the findings grow as the spells do."""


def _overlaps(memberships: list[Membership]) -> list[Finding]:
    """Spells of one country in one coalition, in one role, that share a day."""
    # most countries hold one spell in a coalition: each pair's first spell is noted, and a group
    # made only when a second comes (100,000 spells were 100,000 groups of one, each looked at)
    first: dict[tuple[str, str], int] = {}
    groups: dict[int, list[tuple[int, Membership]]] = {}  # by the index of the group's first spell
    for i, m in enumerate(memberships):
        j = first.setdefault((m.country, m.coalition), i)
        if j != i:
            group = groups.get(j)
            if group is None:
                groups[j] = [(j, memberships[j]), (i, m)]
            else:
                group.append((i, m))
    found = []
    for j in sorted(groups):  # in the order of each group's first spell
        group = groups[j]
        country, coalition = group[0][1].country, group[0][1].coalition
        pairs = _pairs(group) if len(group) <= SMALL_GROUP else _swept(group)
        for i, j, other in pairs:
            found.append(Finding("memberships", i, ("since",),
                                 f"this spell of {country} in {coalition!r} overlaps "
                                 f"{other.id!r} (memberships[{j}])",
                                 "a spell ends (until, its last day) before the next begins"))
    return found


def _pairs(group: list[tuple[int, Membership]]) -> list[tuple[int, int, Membership]]:
    """(i, j, memberships[j]) for each overlapping pair, j before i in the file."""
    return [(i, j, other) for k, (i, m) in enumerate(group) for j, other in group[:k]
            if _overlap(m, other) and m.role == other.role]


def _swept(group: list[tuple[int, Membership]]) -> list[tuple[int, int, Membership]]:
    """As _pairs, for a big group: each spell that overlaps one starting before it (or at the same
    day, earlier in the file) is paired with the one of those that ends last; the finding is on
    the later of the two in the file. In file order."""
    by_role: dict[str, list] = {}
    for i, m in group:
        by_role.setdefault(m.role, []).append((date_start(m.since) or _dt.date.min, i, m))
    out = []
    for spells in by_role.values():
        spells.sort(key=lambda s: (s[0], s[1]))
        latest = None  # (its end, its index, the spell) of the spell ending last so far
        for start, i, m in spells:
            end = date_end(m.until) or _dt.date.max
            if latest is not None and latest[0] >= start and _overlap(m, latest[2]):
                j, other = latest[1], latest[2]
                out.append((i, j, other) if j < i else (j, i, m))
            if latest is None or end > latest[0]:
                latest = (end, i, m)
    out.sort(key=lambda p: (p[0], p[1]))
    return out


_ADD_SOURCE = "add it to `sources:` or use a source id that is there"
_FIRST_SOURCE = ("sources", 0)
_PATHS: dict[tuple, tuple] = {_FIRST_SOURCE: _FIRST_SOURCE}
"""One tuple for each path a finding names (("sources", 0)): a flood of 700,000 shares it."""


def _ids(records: list[Record]) -> set[str]:
    return {r.id for r in records}


def _cross_checks(ds: Dataset) -> Iterator[Finding]:
    for section in SECTIONS:
        seen: dict[str, int] = {}
        for i, rec in enumerate(getattr(ds, section)):
            if rec.id in seen:
                yield Finding(
                    section, i, ("id",),
                    f"duplicate id {rec.id!r} (first used by {section}[{seen[rec.id]}])",
                    "give each record its own id, or merge the two records",
                )
            else:
                seen[rec.id] = i

    sources = {s.id: s for s in ds.sources}
    countries = _ids(ds.countries)
    coalitions = {c.id: c for c in ds.coalitions}
    board = ds.meta.dashboard if ds.meta else None
    if board is not None:
        for k, co in enumerate(board.headline or []):
            if co not in coalitions:
                yield Finding("meta", None, ("dashboard", "headline", k), unknown("coalition", co),
                              "add it to `coalitions:` or use an id that is there")
        if board.featured_source is not None and board.featured_source not in sources:
            yield Finding("meta", None, ("dashboard", "featured_source"),
                          unknown("source", board.featured_source),
                          "add it to `sources:` or use a source id that is there")
    people = _ids(ds.people)
    meetings = _ids(ds.meetings)
    areas = _ids(ds.roadmap)

    def ref(section: str, i: int, path: tuple, value: str | None, known, kind: str, target: str):
        if value is not None and value not in known:
            yield _finding(
                section, i, path, unknown(kind, value),
                f"add it to `{target}:` or use an id that is there",
            )

    good: set[int] = set()
    """The source references found to resolve, by id(): records citing the same reference share
    one object (_ref_of_text), so each distinct reference is looked up once."""

    def sourced(section: str, i: int, path: tuple, refs: list[SourceRef], required: bool = True):
        if required and not refs:
            yield Finding(section, i, path, "record has no source",
                          "add `sources: [SOURCE_ID]` naming where this fact comes from")
        for k, r in enumerate(refs):
            if id(r) in good:
                continue
            src = sources.get(r.source)
            if src is None:
                at = path + (k,)
                yield _finding(section, i, _PATHS.setdefault(at, at) if k < 8 else at, unknown("source", r.source),
                               _ADD_SOURCE)
            elif r.paragraph is not None and not src.paragraphs:
                yield Finding(section, i, path + (k,),
                              f"source {r.source!r} has no numbered paragraphs",
                              "drop the #N, or give the source `paragraphs:`")
            elif r.paragraph is not None and not 1 <= r.paragraph <= len(src.paragraphs):
                yield Finding(section, i, path + (k,),
                              f"source {r.source!r} has no paragraph {r.paragraph} "
                              f"(it has 1..{len(src.paragraphs)})")
            else:
                good.add(id(r))  # the record holds it, so the id is not reused while this runs

    for i, s in enumerate(ds.sources):
        yield from sourced("sources", i, ("sources",), s.sources, required=False)
        if s.kind == "reference" and not (s.url or s.publisher):
            yield Finding("sources", i, ("url",), "a reference needs a url or a publisher",
                          "say where the reader can find it")
    for i, c in enumerate(ds.countries):
        yield from sourced("countries", i, ("sources",), c.sources)
    for i, c in enumerate(ds.coalitions):
        yield from sourced("coalitions", i, ("sources",), c.sources)
        yield from ref("coalitions", i, ("parent",), c.parent, coalitions, "coalition", "coalitions")
        for k, lead in enumerate(c.leads):
            yield from ref("coalitions", i, ("leads", k), lead, countries, "country", "countries")
        yield from ref("coalitions", i, ("capability",), c.capability, areas, "roadmap area", "roadmap")
    # found before the memberships' other findings, shown after them: grouping 700,000 spells
    # takes memory for a while, which a flood of findings held at the same time would add to
    overlaps = _overlaps(ds.memberships)
    for i, m in enumerate(ds.memberships):  # the biggest section: the checks above, inline when they pass
        refs = m.sources
        if not (refs and good.issuperset(map(id, refs))):
            if len(refs) == 1 and refs[0].source not in sources:  # one unknown source: a flood's case, inline
                value = refs[0].source
                text = repr(value)  # unknown()'s message, made here for a short ASCII id
                message = "unknown source " + text if len(text) <= 60 and value.isascii() else unknown("source", value)
                yield _finding("memberships", i, _FIRST_SOURCE, message, _ADD_SOURCE)
            else:
                yield from sourced("memberships", i, ("sources",), refs)
        if m.country not in countries:
            yield from ref("memberships", i, ("country",), m.country, countries, "country", "countries")
        if m.coalition not in coalitions:
            yield from ref("memberships", i, ("coalition",), m.coalition, coalitions, "coalition", "coalitions")
        co = coalitions.get(m.coalition)
        if co and co.founded and m.since and date_start(m.since) < date_start(co.founded):
            yield Finding("memberships", i, ("since",),
                          f"membership since {m.since} is before {m.coalition!r} was founded ({co.founded})",
                          "check the date; a member cannot join before the coalition exists")
        if m.since and m.until and date_start(m.until) < date_start(m.since):
            yield Finding("memberships", i, ("until",), f"until {m.until} is before since {m.since}")
    for i, p in enumerate(ds.people):
        yield from sourced("people", i, ("sources",), p.sources)
        yield from ref("people", i, ("country",), p.country, countries, "country", "countries")
        for k, role in enumerate(p.roles):
            yield from sourced("people", i, ("roles", k, "sources"), role.sources)
    yield from overlaps
    numbered: dict[tuple[str, int], int] = {}
    for i, m in enumerate(ds.meetings):
        yield from sourced("meetings", i, ("sources",), m.sources)
        first = numbered.setdefault((m.coalition, m.number), i)
        if first != i:
            yield Finding("meetings", i, ("number",),
                          f"{m.coalition!r} already has a meeting number {m.number} "
                          f"(meetings[{first}], {ds.meetings[first].id!r})",
                          "number each coalition's meetings once")
        yield from ref("meetings", i, ("coalition",), m.coalition, coalitions, "coalition", "coalitions")
        yield from ref("meetings", i, ("country",), m.country, countries, "country", "countries")
        for k, chair in enumerate(m.chairs):
            yield from ref("meetings", i, ("chairs", k), chair, people, "person", "people")
    for section, model in SECTIONS.items():  # kinds declared elsewhere (tui.core.kinds.register)
        if model.CHECKED:
            continue
        known = {name: {r.id for r in getattr(ds, name)} for name in set(model.REFS.values())}
        for i, rec in enumerate(getattr(ds, section)):
            yield from sourced(section, i, ("sources",), rec.sources)
            for field, target in model.REFS.items():
                yield from ref(section, i, (field,), getattr(rec, field), known[target],
                               BY_SECTION[target].singular, target)
    for i, a in enumerate(ds.roadmap):
        yield from sourced("roadmap", i, ("sources",), a.sources)
        for k, co in enumerate(a.coalitions):
            yield from ref("roadmap", i, ("coalitions", k), co, coalitions, "coalition", "coalitions")
        for k, ms in enumerate(a.milestones):
            yield from sourced("roadmap", i, ("milestones", k, "sources"), ms.sources)
    for i, q in enumerate(ds.quotes):
        yield from sourced("quotes", i, ("sources",), q.sources)
        yield from ref("quotes", i, ("speaker",), q.speaker, people, "person", "people")
        yield from ref("quotes", i, ("occasion",), q.occasion, meetings, "meeting", "meetings")
    for i, c in enumerate(ds.claims):
        yield from sourced("claims", i, ("sources",), c.sources)
        for k, target in enumerate(c.about):
            kind, _, rid = target.partition(":")
            section = ABOUT_KINDS.get(kind)
            if section is None or not rid:
                yield Finding("claims", i, ("about", k), f"{target!r} is not KIND:ID",
                              "write one of " + ", ".join(f"{k}:ID" for k in ABOUT_KINDS))
            elif rid not in _ids(getattr(ds, section)):
                yield Finding("claims", i, ("about", k), unknown(kind, rid),
                              f"add it to `{section}:` or use an id that is there")
        for k, st in enumerate(c.statements):
            yield from sourced("claims", i, ("statements", k, "sources"), st.sources)
