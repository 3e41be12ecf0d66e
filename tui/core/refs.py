"""What the views need of the model without pydantic: source references, a coalition's label on a
date, a person's office in words, a country's flag. tui.core.model re-exports them; the
dashboard's first frame, which reads light rows from the columnar cache (tui.data.columns),
imports this module and not the model (nor pydantic).

This module is core: no Textual, Rich, YAML or pydantic."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from tui.core.dates import CACHED_VALUES, date_end, date_start
from tui.core.text import non_latin

_REF_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.:-]*)(?:#([0-9]+))?$")  # ASCII digits only


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A pointer to a source, and for the article, to one of its paragraphs."""

    source: str
    paragraph: int | None = None

    def __str__(self) -> str:
        return self.source if self.paragraph is None else f"{self.source}#{self.paragraph}"


def _parse_ref(value: Any) -> SourceRef:
    if type(value) is str:
        return _ref_of_text(value)
    if isinstance(value, SourceRef):
        return value
    if not isinstance(value, str):
        raise ValueError("a source reference is text: SOURCE_ID or SOURCE_ID#PARAGRAPH")
    return _ref_of_text(str(value))


@functools.lru_cache(maxsize=CACHED_VALUES)
def _ref_of_text(value: str) -> SourceRef:
    """_parse_ref of text, remembered by value: every record citing `ref-001` shares one
    SourceRef (frozen), checked once. A ValueError is raised again each time."""
    match = _REF_RE.match(value.strip())
    if not match:
        note = non_latin(value)
        raise ValueError("not a source reference; write SOURCE_ID or SOURCE_ID#N" + (f"; {note}" if note else ""))
    source, paragraph = match.groups()
    if paragraph and len(paragraph) > 9:
        raise ValueError(f"a paragraph number {len(paragraph):,} digits long; paragraphs are numbered 1, 2, 3 ...")
    return SourceRef(source, int(paragraph) if paragraph else None)


parse_ref = _parse_ref
"""'SOURCE_ID' or 'SOURCE_ID#N' -> SourceRef (ValueError when it is neither)."""


def office(role) -> str:
    """A person's office in words: its title and organisation, the organisation said once even
    when the title already names it ('Co-chair, Ukraine Defense Contact Group')."""
    title, org = role.title, role.organisation
    if not org or org.lower() in title.lower():
        return title
    return f"{title}, {org}"


def coalition_label(c, day: _dt.date | None = None) -> str:
    """A coalition's short name (its name when it has none); with `day`, the name it bore then
    (the EEC in 1980, the EU in 2000). A former name holds from its `since` to its `until`, both
    inclusive. Reads plain attributes only, so any record with these fields will do."""
    if day is not None:
        for former in c.former_names:
            if (former.since is None or date_start(former.since) <= day) and (
                    former.until is None or day <= date_end(former.until)):
                return former.short or former.name
    return c.short or c.name


def flag(code: str) -> str:
    """The flag emoji for an ISO code (regional indicator letters)."""
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in code)
