"""The kinds of record, declared once: name (the kind in links and `claims[].about`), YAML
section, singular and plural words, the model (by import path, loaded when first asked for),
whether a claim may be about it, and where it stands in the JSON export.

Every list or map of kinds elsewhere is derived from KINDS: the dataset's sections
(tui.core.model.SECTIONS), what a claim may be about, the JSON and CSV tables, audit's sections,
the search's groups, the citations and the detail builders (tui.views.records). Adding a kind is
one line here, its model, and its views (label, search text, link, detail) in tui.views.records;
tests/unit/test_kinds.py fails while any of those is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import import_module


@dataclass(frozen=True)
class Kind:
    name: str          # the kind in links and in claims[].about: "country"
    section: str       # the YAML section and JSON key: "countries"
    singular: str      # in words: "country", "roadmap area"
    plural: str        # in words: "countries", "roadmap areas"
    model_path: str    # "tui.core.model:Country", loaded on first use
    claimable: bool = True
    export_rank: int = 99  # the order of the JSON export's sections (kept as it was in 0.1; new ones last)

    @cached_property
    def model(self):
        module, _, name = self.model_path.partition(":")
        return getattr(import_module(module), name)

    @property
    def title(self) -> str:
        """The plural with a capital, for headings: 'Roadmap areas'."""
        return self.plural[:1].upper() + self.plural[1:]


KINDS: tuple[Kind, ...] = (
    Kind("source", "sources", "source", "sources", "tui.core.model:Source", export_rank=0),
    Kind("country", "countries", "country", "countries", "tui.core.model:Country", export_rank=1),
    Kind("coalition", "coalitions", "coalition", "coalitions", "tui.core.model:Coalition", export_rank=2),
    Kind("membership", "memberships", "membership", "memberships", "tui.core.model:Membership", export_rank=3),
    Kind("person", "people", "person", "people", "tui.core.model:Person", export_rank=6),
    Kind("meeting", "meetings", "meeting", "meetings", "tui.core.model:Meeting", export_rank=4),
    Kind("area", "roadmap", "roadmap area", "roadmap areas", "tui.core.model:RoadmapArea", export_rank=5),
    Kind("quote", "quotes", "quote", "quotes", "tui.core.model:Quote", export_rank=7),
    Kind("claim", "claims", "claim", "claims", "tui.core.model:Claim", claimable=False, export_rank=8),
)
"""Every kind of record, in the order of a dataset's sections."""

BY_NAME = {k.name: k for k in KINDS}
BY_SECTION = {k.section: k for k in KINDS}
SECTION_NAMES = tuple(k.section for k in KINDS)
EXPORT_ORDER = tuple(k.section for k in sorted(KINDS, key=lambda k: k.export_rank))
ABOUT_KINDS = {k.name: k.section for k in KINDS if k.claimable}
"""What a claim may be about (`about: [KIND:ID]`), with the section each kind lives in."""


def kind(name: str) -> Kind:
    return BY_NAME[name]


def register(new: Kind) -> None:
    """Add a kind of record. Call it before tui.core.model is imported (the dataset's sections
    are made from KINDS then): a plugin or a test declaring a toy kind does so first thing."""
    global KINDS, SECTION_NAMES, EXPORT_ORDER
    if new.name in BY_NAME or new.section in BY_SECTION:
        raise ValueError(f"a kind named {new.name!r} or a section {new.section!r} exists already")
    KINDS = (*KINDS, new)
    BY_NAME[new.name], BY_SECTION[new.section] = new, new
    SECTION_NAMES = tuple(k.section for k in KINDS)
    EXPORT_ORDER = tuple(k.section for k in sorted(KINDS, key=lambda k: k.export_rank))
    if new.claimable:
        ABOUT_KINDS[new.name] = new.section
