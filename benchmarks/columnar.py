"""A prototype of the columnar warm path (issue 20, point 1), to measure it: not used by the app.

The validated cache today is a pickle of the pydantic Dataset: one model object per record, all
rebuilt before the first frame. This prototype keeps the same validated data as columns: for each
section and each field, a dictionary of the distinct values (a list) and one code per record
(array('I')), so 100,000 memberships are a few arrays and a few thousand strings; list-valued
fields (sources, leads) are codes plus offsets; nested records (a person's roles, a roadmap's
milestones, a coalition's former names) are kept per record as plain data. The body is marshal
(standard library, fast, unsafe on hostile bytes: the file is read only after the same checks the
cache makes today: owner, mode, length and SHA-256, no links or FIFOs).

Rows are built only when asked for: `store.section("memberships")[i]` is a light object with the
model's attribute names (`m.country`, `m.since`, `m.sources[0].source`), built from the columns.

    python benchmarks/columnar.py write DIR FILE      # validate DIR (YAML), write its columns
    python benchmarks/columnar.py read FILE           # read the columns: what a warm start pays
    python benchmarks/columnar.py read FILE --rows 48 # and build the rows of one screen
    python benchmarks/columnar.py pickle DIR          # the cache of today, for comparison

Each command is one whole process: compare them with CPU time, interleaved.
"""

from __future__ import annotations

import argparse
import hashlib
import marshal
import os
import stat
import sys
from array import array
from pathlib import Path

MAGIC = b"coalition-tui columns 1\n"
SCALAR = (str, int, float, bool, type(None))


def _is_ref(value) -> bool:
    return type(value).__name__ == "SourceRef"


def _plain(value):
    """A field's value as marshal-able plain data (models as dicts, references as text)."""
    if _is_ref(value):
        return str(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "__pydantic_fields_set__"):
        return {k: _plain(v) for k, v in value.__dict__.items()}
    return value


def columns_of(records: list) -> dict:
    """One section's records as columns: name -> ("codes", values, codes) for scalars,
    ("lists", values, codes, offsets) for lists of scalars or references, ("plain", [value per
    record]) for anything nested."""
    if not records:
        return {}
    out: dict = {}
    for name in records[0].__dict__:
        column = [getattr(r, name) for r in records]
        if all(type(v) in SCALAR for v in column):
            index: dict = {}
            codes = array("I", (index.setdefault((type(v), v), len(index)) for v in column))
            out[name] = ("codes", [v for _, v in index], codes.tobytes())
        elif all(isinstance(v, list) and all(type(x) in SCALAR or _is_ref(x) for x in v) for v in column):
            index = {}
            codes, offsets = array("I"), array("I", [0])
            for v in column:
                codes.extend(index.setdefault(_plain(x), len(index)) for x in v)
                offsets.append(len(codes))
            out[name] = ("lists", list(index), codes.tobytes(), offsets.tobytes())
        else:
            out[name] = ("plain", [_plain(v) for v in column])
    return out


def write(dataset, path: Path) -> int:
    from tui.core.model import SECTIONS

    body = marshal.dumps({
        "meta": _plain(dataset.meta) if dataset.meta is not None else None,
        "sections": {s: (len(getattr(dataset, s)), columns_of(getattr(dataset, s))) for s in SECTIONS},
    })
    head = MAGIC + f"{hashlib.sha256(body).hexdigest()} {len(body)}\n".encode("ascii")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(head + body)
    return len(head) + len(body)


class CheckError(Exception):
    pass


def read_body(path: Path) -> bytes:
    """The checks of tui.data.cache.read, in the same order, before a byte is unmarshalled."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise CheckError("not a regular file")
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            raise CheckError("not this user's own file, or others can write it")
        if f.readline(len(MAGIC) + 1) != MAGIC:
            raise CheckError("not a columns file")
        digest, _, size = f.readline(200).rstrip(b"\n").partition(b" ")
        if not size.isdigit() or int(size) > st.st_size:
            raise CheckError("damaged header")
        body = f.read(int(size))
        if len(body) != int(size) or hashlib.sha256(body).hexdigest().encode("ascii") != digest:
            raise CheckError("damaged (digest)")
    return body


class Ref:
    """A source reference as the model has it: .source, .paragraph."""

    __slots__ = ("source", "paragraph")

    def __init__(self, text: str) -> None:
        source, _, paragraph = text.partition("#")
        self.source, self.paragraph = source, int(paragraph) if paragraph else None


class Section:
    """One section's columns; `section[i]` builds the light record i."""

    def __init__(self, name: str, count: int, columns: dict) -> None:
        self.name, self.count = name, count
        self.decoded: dict = {}
        for field, col in columns.items():
            if col[0] == "codes":
                codes = array("I")
                codes.frombytes(col[2])
                self.decoded[field] = ("codes", col[1], codes)
            elif col[0] == "lists":
                codes, offsets = array("I"), array("I")
                codes.frombytes(col[2])
                offsets.frombytes(col[3])
                values = [Ref(v) for v in col[1]] if field == "sources" or field.endswith("sources") else col[1]
                self.decoded[field] = ("lists", values, codes, offsets)
            else:
                self.decoded[field] = col
        self.row_class = type(name.title().rstrip("s"), (), {"__slots__": tuple(columns)})

    def __len__(self) -> int:
        return self.count

    def column(self, field: str) -> tuple[list, array]:
        """(distinct values, a code per record): what an index or a filter reads, no rows built."""
        kind, values, codes = self.decoded[field][:3]
        assert kind == "codes"
        return values, codes

    def __getitem__(self, i: int):
        row = self.row_class()
        for field, col in self.decoded.items():
            if col[0] == "codes":
                value = col[1][col[2][i]]
            elif col[0] == "lists":
                values, codes, offsets = col[1], col[2], col[3]
                value = [values[c] for c in codes[offsets[i]:offsets[i + 1]]]
            else:
                value = col[1][i]
            setattr(row, field, value)
        return row


def read(path: Path) -> dict[str, Section]:
    data = marshal.loads(read_body(path))
    return {name: Section(name, count, cols) for name, (count, cols) in data["sections"].items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("data", type=Path)
    w.add_argument("file", type=Path)
    r = sub.add_parser("read")
    r.add_argument("file", type=Path)
    r.add_argument("--rows", type=int, default=0, help="also build this many membership rows")
    p = sub.add_parser("pickle")
    p.add_argument("data", type=Path)
    args = ap.parse_args()
    if args.command == "write":
        from tui.data.load import load_paths

        n = write(load_paths([args.data]), args.file)
        print(f"wrote {args.file}: {n:,} bytes")
    elif args.command == "read":
        store = read(args.file)
        members = store["memberships"]
        values, codes = members.column("coalition")
        per = [0] * len(values)  # one pass an index makes: memberships per coalition
        for c in codes:
            per[c] += 1
        rows = [members[i] for i in range(min(args.rows, len(members)))]
        print(f"{len(members):,} memberships, {len(values):,} coalitions, {len(rows)} rows built")
    else:  # today's warm path: the pickle of the validated Dataset, through the cache
        from tui.data.cache import load_dataset

        ds = load_dataset([args.data])
        per: dict = {}
        for m in ds.memberships:
            per[m.coalition] = per.get(m.coalition, 0) + 1
        print(f"{len(ds.memberships):,} memberships, {len(per):,} coalitions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
