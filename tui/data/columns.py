"""The validated cache's body as columns (issue 20): what a warm start reads instead of one
pydantic object per record.

For each section and each field of its records: the distinct values (a list) and one code per
record (array('I') bytes), so 100,000 memberships are a few arrays and a few thousand strings.
A list of source references or of plain values is one value too (most records cite the same few
lists). Nested records (a person's roles, a roadmap area's milestones, a coalition's former names,
a claim's statements, `meta:`) are kept per record as plain data, tagged with their model. Each
record's set of explicitly given fields is a column of its own, so the pydantic models can be
rebuilt exactly, without validating again.

The body is `marshal` of plain data (standard library, fast). marshal is NOT safe on hostile bytes:
tui.data.cache checks the file (owner, mode, length, SHA-256; no link, no FIFO) before a byte of
it reaches `decode`.

Reading gives a `Store`: each section a sequence of light rows (slotted objects with the models'
attribute names, `m.country`, `m.sources[0].source`, `country.flag`), each row made when it is
first asked for (all at once when the section is iterated); the indexes the first frame needs
(records by a field's value, a field's distinct values) read the codes without making rows; and
`Store.full()`, the pydantic Dataset, made from the same columns the
first time a check, an export or a citation needs it. The views read plain attributes only
(tui.views.cells), so they draw light rows and models alike. Neither this module nor its light
rows import pydantic: the dashboard's first frame does without it.

This module is core: no Textual, Rich or YAML.
"""

from __future__ import annotations

import marshal
import threading
from array import array
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from importlib import import_module
from keyword import iskeyword
from typing import Any

from tui.core.kinds import KINDS
from tui.core.refs import SourceRef, flag

VERSION = 2  # 2: codes in 1, 2 or 4 bytes; distinct texts as one text
"""Bumped whenever the layout below changes (tui.data.cache.FORMAT follows it)."""

_SCALAR = (str, int, float, bool, type(None))
_CODES, _REFS, _LISTS, _PLAIN, _TEXT = "codes", "refs", "lists", "plain", "text"
_TEXT_FROM = 1000
"""A column of text all distinct (ids) over this many records is kept as one text and its
offsets, not as a million small strings."""
_SET = "\0set"
"""The column of each record's explicitly given fields (pydantic's fields_set)."""
_GROUP = "\0group:"
"""`_GROUP + field`: the records grouped by the field's code, stored (order, offsets)."""

GROUPS: dict[str, tuple[str, ...]] = {"memberships": ("country", "coalition")}
"""The groups the first frame's indexes read (tui.views.index: memberships by country and by
coalition), worked out when the cache is written: reading one is two slices, no pass over the
records."""


# --- writing --------------------------------------------------------------------------------------


def _model_path(obj) -> str:
    cls = type(obj)
    return f"{cls.__module__}:{cls.__qualname__}"


def _plain(value):
    """A nested value as marshal-able plain data: a model as ("M", path, fields, fields_set), a
    source reference as ("R", text); lists stay lists, scalars themselves."""
    if type(value) is SourceRef:
        return ("R", str(value))
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "__pydantic_fields_set__"):
        return ("M", _model_path(value), {k: _plain(v) for k, v in value.__dict__.items()},
                tuple(sorted(value.__pydantic_fields_set__)))
    if type(value) in _SCALAR:
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in the columns")


def _shape(value) -> str:
    if type(value) in _SCALAR:
        return _CODES
    if isinstance(value, list):
        if not value:
            return ""
        if all(type(v) is SourceRef for v in value):
            return _REFS
        if all(type(v) in _SCALAR for v in value):
            return _LISTS
    return _PLAIN


def _pack(codes) -> bytes:
    """Unsigned ints as bytes, in the narrowest of 1, 2 or 4 bytes each, its typecode first."""
    most = max(codes, default=0)
    typecode = "B" if most < 1 << 8 else "H" if most < 1 << 16 else "I"
    return typecode.encode("ascii") + array(typecode, codes).tobytes()


def _encode(values: list, key=lambda v: v) -> tuple[list, bytes]:
    """(distinct values, a code per record, packed)."""
    index: dict = {}
    distinct: list = []
    codes = []
    for v in values:
        k = (type(v), key(v))
        code = index.get(k)
        if code is None:
            code = index[k] = len(distinct)
            distinct.append(key(v))
        codes.append(code)
    return distinct, _pack(codes)


def columns_of(records: list) -> dict:
    """One section's records as columns: field -> (kind, distinct values, codes) or
    (plain, [value per record])."""
    if not records:
        return {}
    out: dict = {}
    for name in records[0].__dict__:
        column = [getattr(r, name) for r in records]
        shapes = {_shape(v) for v in column} - {""}
        kind = shapes.pop() if len(shapes) == 1 else (_REFS if not shapes else _PLAIN)
        if kind == _CODES and len(column) >= _TEXT_FROM and all(type(v) is str for v in column) and \
                len(set(column)) == len(column) and not any("\0" in v for v in column):
            starts, at = [], 0  # where the \0 before each value is, and the last \0
            for v in column:
                starts.append(at)
                at += len(v) + 1
            starts.append(at)
            out[name] = (_TEXT, "\0" + "\0".join(column) + "\0", _pack(starts))
        elif kind == _CODES:
            out[name] = (_CODES, *_encode(column))
        elif kind == _REFS:
            out[name] = (_REFS, *_encode(column, lambda v: tuple(str(r) for r in v)))
        elif kind == _LISTS:
            out[name] = (_LISTS, *_encode(column, tuple))
        else:
            out[name] = (_PLAIN, [_plain(v) for v in column])
    out[_SET] = (_CODES, *_encode([tuple(sorted(r.__pydantic_fields_set__)) for r in records]))
    return out


def _grouping(column: tuple) -> tuple[bytes, bytes]:
    """(order, offsets) of a dictionary-encoded column: the indexes of the records of code k are
    order[offsets[k]:offsets[k + 1]], in record order (a counting sort)."""
    _, values, raw = column
    codes = _codes(raw)
    counts = [0] * (len(values) + 1)
    for c in codes:
        counts[c + 1] += 1
    for k in range(1, len(counts)):
        counts[k] += counts[k - 1]
    place = counts[:-1]
    order = [0] * len(codes)
    for i, c in enumerate(codes):
        order[place[c]] = i
        place[c] += 1
    return _pack(order), _pack(counts)


def _with_groups(section: str, columns: dict) -> dict:
    for field in GROUPS.get(section, ()):
        if columns.get(field, ("",))[0] == _CODES:
            columns[_GROUP + field] = ("group", *_grouping(columns[field]))
    return columns


def encode(dataset) -> bytes:
    """The validated Dataset as the cache's body."""
    return marshal.dumps({
        "version": VERSION,
        "meta": _plain(dataset.meta) if dataset.meta is not None else None,
        "sections": {k.section: (len(getattr(dataset, k.section)), _model_path_of_kind(k),
                                 _with_groups(k.section, columns_of(getattr(dataset, k.section)))) for k in KINDS},
    })


def _model_path_of_kind(kind) -> str:
    return kind.model_path


# --- reading --------------------------------------------------------------------------------------


_REF_OF: dict[str, SourceRef] = {}


def _ref(text: str) -> SourceRef:
    """One shared SourceRef per text (they are frozen)."""
    found = _REF_OF.get(text)
    if found is None:
        source, _, paragraph = text.partition("#")
        found = _REF_OF[text] = SourceRef(source, int(paragraph) if paragraph else None)
    return found


_LIGHT: dict[tuple, type] = {}
_EXTRA: dict[str, dict[str, Any]] = {
    "Country": {"flag": property(lambda self: flag(self.id), doc="The flag emoji for the ISO code.")},
}
"""Properties of a model that the views read, twinned on its light rows."""


def light_class(path: str, fields: tuple[str, ...]) -> type:
    """The light row class of a model ('tui.core.model:Membership'): slots named as its fields,
    made once per model and fields."""
    found = _LIGHT.get((path, fields))
    if found is None:
        # the names come from the cache file: checked before they reach exec below (a name with a
        # line break would otherwise run as code when the class is made)
        if not all(isinstance(f, str) and f.isidentifier() and not iskeyword(f) for f in fields):
            raise TypeError(f"{path}: a field name in the cache that is not a Python name")
        name = path.rpartition(":")[2]
        args = ", ".join(f"f{i}" for i in range(len(fields)))
        body = "".join(f"\n    self.{f} = f{i}" for i, f in enumerate(fields)) or "\n    pass"
        scope: dict = {}
        exec(f"def __init__(self, {args}):{body}", scope)  # noqa: S102 - our own field names only
        namespace = {"__slots__": fields, "__init__": scope["__init__"], "__module__": __name__,
                     "__doc__": f"A light {name}: its fields as plain attributes (tui.data.columns).",
                     "__repr__": lambda self: f"{name}({', '.join(f'{f}={getattr(self, f)!r}' for f in fields)})",
                     "_fields": fields, "model_path": path}
        namespace.update(_EXTRA.get(name, {}))
        found = _LIGHT[(path, fields)] = type(name, (), namespace)
    return found


def _light_plain(value):
    if type(value) is tuple:
        if value[0] == "R":
            return _ref(value[1])
        _, path, fields, _ = value
        cls = light_class(path, tuple(fields))
        return cls(*(_light_plain(v) for v in fields.values()))
    if type(value) is list:
        return [_light_plain(v) for v in value]
    return value


def _full_plain(value):
    if type(value) is tuple:
        if value[0] == "R":
            return _ref(value[1])
        _, path, fields, fields_set = value
        return _model(_model_class(path), {k: _full_plain(v) for k, v in fields.items()}, set(fields_set))
    if type(value) is list:
        return [_full_plain(v) for v in value]
    return value


def _model_class(path: str):
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)


def _model(cls, state: dict, fields_set: set):
    """A pydantic model instance from its fields, without validating them again (they were
    validated before they were written)."""
    obj = cls.__new__(cls)
    setattr_ = object.__setattr__
    setattr_(obj, "__dict__", state)
    setattr_(obj, "__pydantic_fields_set__", fields_set)
    setattr_(obj, "__pydantic_extra__", None)
    setattr_(obj, "__pydantic_private__", None)
    return obj


class Rows(Sequence):
    """A section's light rows, each made when first asked for (the lines a screen draws); iterating
    makes them all at once (far cheaper per row), keeping the ones already made."""

    def __init__(self, section: "Section") -> None:
        self.section = section
        self._all: list | None = None
        self._one: dict[int, Any] = {}
        # a sort or filter worker may make them all while the screen makes single rows: one
        # maker at a time, so a record is one object (and `_one` never changes under `all`)
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return self.section.count

    def __getitem__(self, i):
        if self._all is not None:
            return self._all[i]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.section.count))]
        if i < 0:
            i += self.section.count
        if not 0 <= i < self.section.count:
            raise IndexError(i)
        row = self._one.get(i)
        if row is None:
            with self._lock:
                if self._all is not None:
                    return self._all[i]
                row = self._one.get(i)
                if row is None:
                    if len(self._one) > max(256, self.section.count >> 4):  # most of them: all at once
                        return self.all()[i]
                    row = self._one[i] = self.section.row(i)
        return row

    def __iter__(self):
        return iter(self.all())

    def all(self) -> list:
        if self._all is None:
            with self._lock:
                if self._all is None:
                    rows = self.section.rows()
                    for i, row in self._one.items():  # the same objects as those handed out
                        rows[i] = row
                    self._all, self._one = rows, {}
        return self._all

    def __repr__(self) -> str:
        return f"<{self.section.count:,} {self.section.name}>"


class Grouped(Mapping):
    """Records of a section by the value of one field (memberships by country), from the codes:
    no row is made until a group is asked for; the keys in order of first appearance."""

    def __init__(self, rows: Rows, field: str) -> None:
        self._rows = rows
        self._made: dict = {}
        stored = rows.section.group(field)
        if stored is not None:  # written with the cache: nothing to work out
            self._code, self._order, self._offsets = stored
            return
        values, codes = rows.section.codes(field)
        positions: dict[int, list[int]] = {}
        for i, c in enumerate(codes):
            found = positions.get(c)
            if found is None:
                positions[c] = [i]
            else:
                found.append(i)
        self._code = {values[c]: k for k, c in enumerate(positions)}
        self._order = [i for where in positions.values() for i in where]
        offsets = [0]
        for where in positions.values():
            offsets.append(offsets[-1] + len(where))
        self._offsets = offsets

    def positions(self, key) -> Sequence[int]:
        """The indexes of the records in the group `key` (KeyError: none)."""
        k = self._code[key]
        return self._order[self._offsets[k]:self._offsets[k + 1]]

    def __getitem__(self, key) -> list:
        found = self._made.get(key)
        if found is None:
            rows, where = self._rows, self.positions(key)
            if len(where) * 64 > len(rows):  # a big group (memberships by country): make every row at once
                rows = rows.all()
            found = self._made[key] = [rows[i] for i in where]
        return found

    def __contains__(self, key) -> bool:
        return key in self._code

    def __iter__(self):
        return iter(self._code)  # codes are given in order of first appearance

    def __len__(self) -> int:
        return len(self._code)


def _codes(raw: bytes) -> memoryview:
    """Packed codes (`_pack`) as unsigned ints, read in place (no copy of the bytes)."""
    return memoryview(raw)[1:].cast(chr(raw[0]))


class _Text(Sequence):
    """A column of distinct texts kept as one text, each value between two \0: value i is a
    slice of it."""

    def __init__(self, text: str, starts) -> None:
        self.text, self.starts = text, starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return self.text[self.starts[i] + 1:self.starts[i + 1]]

    def all(self) -> list[str]:
        return self.text[1:-1].split("\0")

    def find(self, value: str) -> int | None:
        """The index of `value` (None: not there), by a search of the one text."""
        if "\0" in value:
            return None
        at = self.text.find(f"\0{value}\0")
        return None if at < 0 else bisect_right(self.starts, at) - 1


class Section:
    """One section's columns: its records as light rows (`rows()`) or models (`models()`), and
    any one field without building a row (`column`)."""

    def __init__(self, name: str, count: int, path: str, columns: dict) -> None:
        self.name, self.count, self.path, self._columns = name, count, path, columns
        self.fields = tuple(f for f in columns if not f.startswith("\0"))

    def __len__(self) -> int:
        return self.count

    def _decoded(self, field: str):
        """(kind, distinct values as light rows have them, codes) of a field, decoded once."""
        cache = self.__dict__.setdefault("_cache", {})
        found = cache.get(field)
        if found is None:
            col = self._columns[field]
            kind = col[0]
            if kind == _PLAIN:
                found = (kind, col[1], None)
            elif kind == _TEXT:
                found = (kind, _Text(col[1], _codes(col[2])), None)
            else:
                values = col[1]
                if kind == _REFS:
                    values = [tuple(_ref(t) for t in v) for v in values]
                elif kind == _LISTS:
                    values = [tuple(v) for v in values]
                found = (kind, values, _codes(col[2]))
            cache[field] = found
        return found

    def group(self, field: str):
        """(value -> code, order, offsets) of a stored grouping, or None when there is none."""
        col = self._columns.get(_GROUP + field)
        if col is None:
            return None
        values = self.codes(field)[0]
        return {v: k for k, v in enumerate(values)}, _codes(col[1]), _codes(col[2])

    def codes(self, field: str) -> tuple[list, array]:
        """(distinct values, a code per record) of a field: what an index reads, no row made."""
        kind, values, codes = self._decoded(field)
        if kind == _PLAIN:
            raise TypeError(f"{self.name}.{field} is not dictionary-encoded")
        if kind == _TEXT:  # every value distinct: value i is record i's
            return values.all(), range(len(values))
        return values, codes

    def find(self, field: str, value) -> int | None:
        """The record whose `field` (its values all distinct, as ids are) is `value`; None when
        none is. One search in C, no dict of every value."""
        kind, values, codes = self._decoded(field)
        if kind == _TEXT:
            return values.find(value)
        if kind == _CODES and len(values) == self.count:  # all distinct: record i has code i
            try:
                return values.index(value)
            except ValueError:
                return None
        return next((i for i, v in enumerate(self.column(field)) if v == value), None)

    def row(self, i: int):
        """Record i alone, as a light row."""
        out = []
        for f in self.fields:
            kind, values, codes = self._decoded(f)
            out.append(_light_plain(values[i]) if kind == _PLAIN else values[i] if kind == _TEXT
                       else values[codes[i]])
        return light_class(self.path, self.fields)(*out)

    def column(self, field: str) -> list:
        """Every record's value of one field, as the light rows have it."""
        kind, values, codes = self._decoded(field)
        if kind == _PLAIN:
            return [_light_plain(v) for v in values]
        if kind == _TEXT:
            return values.all()
        return list(map(values.__getitem__, codes))

    def rows(self) -> list:
        """Every record as a light row (its lists are tuples, shared between records)."""
        if not self.count:
            return []
        cls = light_class(self.path, self.fields)
        return list(map(cls, *(self.column(f) for f in self.fields)))

    def models(self) -> list:
        """Every record as its pydantic model, rebuilt without validation."""
        if not self.count:
            return []
        cls = _model_class(self.path)
        names = self.fields
        columns = []
        for f in names:
            col = self._columns[f]
            if col[0] == _PLAIN:
                columns.append([_full_plain(v) for v in col[1]])
            elif col[0] == _TEXT:
                columns.append(col[1][1:-1].split("\0"))
            elif col[0] == _CODES:
                columns.append(list(map(col[1].__getitem__, _codes(col[2]))))
            else:
                values = [[_ref(t) for t in v] if col[0] == _REFS else list(v) for v in col[1]]
                # each record its own list, as validation gives
                columns.append([list(values[c]) for c in _codes(col[2])])
        sets = [set(s) for s in self._columns[_SET][1]]
        set_codes = _codes(self._columns[_SET][2])
        return [_model(cls, dict(zip(names, values)), sets[c]) for values, c in zip(zip(*columns), set_codes)]


class Store:
    """A dataset read from the columns: `store.memberships` (and every section) as light rows,
    each section decoded the first time it is asked for; `store.meta` light too; `full()` the
    pydantic Dataset."""

    is_light = True

    def __init__(self, data: dict) -> None:
        if data.get("version") != VERSION:
            raise ValueError(f"columns of version {data.get('version')!r}, not {VERSION}")
        self._meta = data["meta"]
        self.sections = {name: Section(name, count, path, cols)
                         for name, (count, path, cols) in data["sections"].items()}
        self.meta = _light_plain(self._meta) if self._meta is not None else None
        self._full = None
        self._groups: dict = {}

    def __getattr__(self, name: str):
        sections = self.__dict__.get("sections")
        if sections is not None and name in sections:
            rows = Rows(sections[name])
            setattr(self, name, rows)
            return rows
        raise AttributeError(name)

    # what the indexes of the first frame read from the columns, no row made (tui.views.index)

    def grouped(self, section: str, field: str) -> Grouped:
        """The records of a section by one field's value (memberships by coalition)."""
        found = self._groups.get((section, field))
        if found is None:
            found = self._groups[(section, field)] = Grouped(getattr(self, section), field)
        return found

    def distinct(self, section: str, field: str) -> list:
        """The distinct values of a field (the dates of every membership's since, once each)."""
        return self.sections[section].codes(field)[0] if self.sections[section].count else []

    def any_in_group(self, section: str, by: str, key, field: str, value) -> bool:
        """Whether some record of the group `key` (records by `by`) has `field` equal to `value`
        (a spell of role member in a coalition), reading codes only."""
        s = self.sections[section]
        grouped = self.grouped(section, by)
        if not s.count or key not in grouped:
            return False
        values, codes = s.codes(field)
        if value not in values:
            return False
        wanted = values.index(value)
        return any(codes[i] == wanted for i in grouped.positions(key))

    def where(self, section: str, field: str, value, key: str) -> set:
        """The values of `key` of the records whose `field` is `value` (the coalitions with a
        spell of role member)."""
        s = self.sections[section]
        if not s.count:
            return set()
        values, codes = s.codes(field)
        if value not in values:
            return set()
        wanted = values.index(value)
        keys, key_codes = s.codes(key)
        return {keys[k] for c, k in zip(codes, key_codes) if c == wanted}

    def counts(self) -> dict[str, int]:
        return {name: len(s) for name, s in self.sections.items()}

    def meta_model(self):
        """`meta:` alone as its pydantic model (an export writes it by its aliases), no record made."""
        return _full_plain(self._meta) if self._meta is not None else None

    def full(self):
        """The pydantic Dataset of the same data (made once, when first asked for)."""
        if self._full is None:
            from tui.core.model import Dataset

            self._full = Dataset.model_construct(
                meta=_full_plain(self._meta) if self._meta is not None else None,
                **{name: s.models() for name, s in self.sections.items()})
        return self._full


def decode(body: bytes) -> Store:
    """The Store of a body that tui.data.cache has checked (never call this on unchecked bytes)."""
    data = marshal.loads(body)
    if not isinstance(data, dict) or "sections" not in data:
        raise ValueError("not the columns of a dataset")
    return Store(data)


def full(dataset):
    """The pydantic Dataset of a dataset: a Store's `full()`, or the Dataset itself."""
    return dataset.full() if getattr(dataset, "is_light", False) else dataset
