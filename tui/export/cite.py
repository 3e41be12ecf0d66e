"""Citations: the dataset's sources (all, or those behind one record) as CSL-JSON (Zotero, pandoc),
BibTeX (LaTeX) or RIS (reference managers), and the dataset's own citation.

Every value goes through its destination's rule in tui.core.text (for_bibtex, for_bibtex_url,
for_ris, json_text). Nothing is invented: a field the source does not have is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from tui.core import kinds
from tui.core.model import Dataset, Record, Source, SourceRef
from tui.core.text import for_bibtex, for_bibtex_url, for_ris, for_terminal, json_text

FORMATS = ("csl-json", "bibtex", "ris")
"""The citation formats of `export --format` and `cite --format`."""

def _kinds() -> dict[str, str]:
    """What `--select KIND:ID` may name (every registered kind), with the section it lives in."""
    return {k.name: k.section for k in kinds.KINDS}


@dataclass(frozen=True)
class Item:
    """One thing to cite, in the fields the three formats share; None where unknown."""

    key: str
    title: str
    kind: str                     # "webpage", "document" or "dataset"
    publisher: str | None = None
    url: str | None = None
    issued: str | None = None     # ISO date, possibly partial
    accessed: str | None = None
    version: str | None = None
    note: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def source_item(src: Source) -> Item:
    return Item(key=src.id, title=src.title, kind="webpage" if src.url else "document",
                publisher=src.publisher, url=src.url, issued=src.published, accessed=src.accessed)


def dataset_item(ds: Dataset) -> Item:
    """The dataset itself: its title, version (default: the date it was last checked), publisher."""
    from tui import __version__

    meta = ds.meta
    if meta is None:
        raise ValueError("the dataset has no meta (title, last_checked) to cite")
    version = meta.version or meta.last_checked
    return Item(key="dataset", title=meta.title, kind="dataset", publisher=meta.publisher,
                issued=meta.last_checked, version=version,
                note=f"last checked {meta.last_checked}; read with coalition-tui {__version__}")


class SelectError(ValueError):
    """--select names no record; the message says what to write."""


def _refs(value: Any) -> Iterator[SourceRef]:
    """Every source reference inside a record, nested ones (roles, milestones, statements) too."""
    if isinstance(value, SourceRef):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _refs(v)
    elif hasattr(value, "__pydantic_fields__"):
        for name in type(value).model_fields:
            yield from _refs(getattr(value, name))


def select(ds: Dataset, spec: str) -> Record:
    """The record `KIND:ID` names (ids repeat across kinds, so the kind is always given)."""
    kind, sep, rid = spec.partition(":")
    known = _kinds()
    if not sep or kind not in known or not rid:
        raise SelectError(f"--select {for_terminal(spec)!r} is not KIND:ID; KIND is one of {', '.join(known)}")
    for rec in getattr(ds, known[kind]):
        if rec.id == rid:
            return rec
    raise SelectError(f"no {kind} with id {for_terminal(rid)!r}")


def sources_of(ds: Dataset, spec: str | None = None) -> list[Source]:
    """The sources to cite: all of the dataset's, in its order, or those behind the record `spec`
    names (a source cites itself), in the order the record first cites them."""
    if spec is None:
        return list(ds.sources)
    rec = select(ds, spec)
    by_id = {s.id: s for s in ds.sources}
    wanted = [rec.id] if isinstance(rec, Source) else []
    wanted += [r.source for r in _refs(rec)]
    return [by_id[i] for i in dict.fromkeys(wanted) if i in by_id]


# --- the formats ----------------------------------------------------------------------------------


def _parts(date: str) -> list[int]:
    return [int(p) for p in date.split("-")]


def csl(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {"id": item.key, "type": item.kind, "title": item.title}
    if item.publisher:
        out["publisher"] = item.publisher
        if item.kind == "dataset":
            out["author"] = [{"literal": item.publisher}]
    if item.url:
        out["URL"] = item.url
    if item.issued:
        out["issued"] = {"date-parts": [_parts(item.issued)]}
    if item.accessed:
        out["accessed"] = {"date-parts": [_parts(item.accessed)]}
    if item.version:
        out["version"] = item.version
    if item.note:
        out["note"] = item.note
    return out


def to_csl_json(items: list[Item]) -> str:
    return json_text([csl(i) for i in items], indent=2) + "\n"


def _bibtex_key(key: str) -> str:
    """Ids are ASCII letters, digits and _ . : - (the model's pattern): all fine in a key, but
    check, since the key is the one value written without escaping."""
    import re

    if not re.fullmatch(r"[A-Za-z0-9_.:-]+", key):
        raise ValueError(f"{for_terminal(key)!r} cannot be a BibTeX key")
    return key


def bibtex(item: Item) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + for_bibtex(item.title) + "}")]
    if item.publisher:
        fields.append(("author" if item.kind == "dataset" else "organization",
                       "{" + for_bibtex(item.publisher) + "}"))
    if item.issued:
        fields.append(("date", for_bibtex(item.issued)))
        fields.append(("year", for_bibtex(item.issued[:4])))
    if item.version:
        fields.append(("version", for_bibtex(item.version)))
    if item.url:
        fields.append(("url", for_bibtex_url(item.url)))
    if item.accessed:
        fields.append(("urldate", for_bibtex(item.accessed)))
    if item.note:
        fields.append(("note", for_bibtex(item.note)))
    entry = "dataset" if item.kind == "dataset" else "online" if item.url else "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry}{{{_bibtex_key(item.key)},\n{body}\n}}\n"


def to_bibtex(items: list[Item]) -> str:
    return "\n".join(bibtex(i) for i in items)


def ris(item: Item) -> str:
    kind = {"webpage": "ELEC", "document": "GEN", "dataset": "DATA"}[item.kind]
    lines = [("TY", kind), ("ID", item.key), ("TI", item.title)]
    if item.publisher:
        lines.append(("AU" if item.kind == "dataset" else "PB", item.publisher))
    if item.issued:
        parts = item.issued.split("-")
        lines.append(("PY", parts[0]))
        lines.append(("DA", "/".join(parts + [""] * (3 - len(parts))) + "/"))
    if item.version:
        lines.append(("ET", item.version))
    if item.url:
        lines.append(("UR", item.url))
    if item.accessed:
        lines.append(("Y2", item.accessed))
    if item.note:
        lines.append(("N1", item.note))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {for_ris(value)}\n" for tag, value in lines)


def to_ris(items: list[Item]) -> str:
    return "\n".join(ris(i) for i in items)


WRITERS = {"csl-json": to_csl_json, "bibtex": to_bibtex, "ris": to_ris}


def citations(ds: Dataset, fmt: str, spec: str | None = None) -> str:
    """The sources (all, or those behind `spec`) in format `fmt`."""
    return WRITERS[fmt]([source_item(s) for s in sources_of(ds, spec)])


def text_citation(item: Item) -> str:
    """One line a person reads or pastes: title, version, publisher, date last checked, URL."""
    parts = [item.title]
    if item.version:
        parts.append(f"Version {item.version}")
    if item.publisher:
        parts.append(item.publisher)
    if item.kind == "dataset" and item.issued:
        parts.append(f"Last checked {item.issued}")
    elif item.issued:
        parts.append(item.issued)
    if item.url:
        parts.append(item.url)
    if item.accessed:
        parts.append(f"accessed {item.accessed}")
    return for_terminal(". ".join(p.rstrip(".") for p in parts) + ".")
