"""The rows a long table's filter keeps, read from its flags rather than listed (issue 20: at a
million memberships a list of the 500,000 numbers a letter matches took 30-45 ms, most of the
first keystroke).

`Flagged(flags)` is the indexes i (in order) where flags[i] is 1, flags being bytes of one byte
a row: its length is counted once (one bit a row when given, else a count in C), a row is found
by counting the flags of blocks of rows up to it (each block counted once, when first passed),
iterating is `compress` in C, and where a row stands among them is one count in C. A screen asks
for the few rows it draws, so the numbers are never all made unless something reads them all.

No Textual here: the views layer.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import compress, islice

BLOCK = 1 << 13
"""Rows per block whose flags are counted at once (122 blocks at a million rows)."""


class Flagged(Sequence):
    """The indexes whose flag is 1, in order (a Sequence of int, equal to the list of them)."""

    __slots__ = ("flags", "_len", "_ends", "_rows")

    def __init__(self, flags: bytes, count: int | None = None):
        self.flags = flags
        self._len = flags.count(1) if count is None else count
        self._ends: list[int] = []  # rows flagged up to the end of each block counted so far
        self._rows: tuple[int, list[int]] = (-1, [])  # a block, and its rows
        # (each replaced whole, never changed in place: a worker and the screen may read one)

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[int]:
        return compress(range(len(self.flags)), self.flags)

    def _block_of(self, i: int) -> tuple[int, int]:
        """The block holding the i-th row flagged, and the rows flagged before that block
        (counting the blocks up to it, the first time)."""
        ends, flags = self._ends, self.flags
        if not ends or ends[-1] <= i:
            ends = list(ends)
            while not ends or ends[-1] <= i:
                start = len(ends) * BLOCK
                if start >= len(flags):  # fewer rows flagged than its length says
                    raise IndexError(i)
                ends.append((ends[-1] if ends else 0) + flags.count(1, start, start + BLOCK))
            self._ends = ends
        block = bisect_right(ends, i)
        return block, ends[block - 1] if block else 0

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, step = i.indices(self._len)
            if step != 1 or start >= stop:
                return [self[k] for k in range(start, stop, step)]
            block, before = self._block_of(start)  # from the block holding the first, in C
            at = block * BLOCK
            return list(islice(compress(range(at, len(self.flags)), self.flags[at:]),
                               start - before, stop - before))
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError(i)
        block, before = self._block_of(i)
        made, rows = self._rows
        if made != block:
            start = block * BLOCK
            rows = list(compress(range(start, min(start + BLOCK, len(self.flags))), self.flags[start:start + BLOCK]))
            self._rows = (block, rows)
        return rows[i - before]

    def index(self, value, start: int = 0, stop: int | None = None) -> int:
        if isinstance(value, int) and 0 <= value < len(self.flags) and self.flags[value]:
            k = self.flags.count(1, 0, value)
            if start <= k and (stop is None or k < stop):
                return k
        raise ValueError(f"{value!r} is not in the rows")

    def __contains__(self, value) -> bool:
        return isinstance(value, int) and 0 <= value < len(self.flags) and bool(self.flags[value])

    def __eq__(self, other) -> bool:
        if isinstance(other, Flagged):
            return self.flags == other.flags
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(other) == self._len and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{self._len:,} of {len(self.flags):,} rows>"
