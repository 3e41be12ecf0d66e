"""Which rows of a long table hold a word, without a search text per row (issue 20: a million
memberships, the first keystroke within 50 ms).

A row's search text is its fields joined (country name and code, coalition id, short name and
name, role, since, until): a word is in it when it is in one of the fields. A long table repeats
few values per field (hundreds of countries, a few thousand dates), so each field is kept as one
code per row and the word is tested once per distinct value. The rows whose code is among those
that match are then flagged in C: each field's codes are bytes (the low byte, and the high byte
when there are more than 256 values), `bytes.translate` flags the rows of each group of 256 codes,
and the flags of a field and of the fields are combined as big integers (one byte a row). A word is
then a few milliseconds of C over a million rows, whatever it matches, and the codes take a few
bytes a row where the search texts took about a hundred.

No Textual here: the views layer (tui.views.memberships uses it).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Iterable
from typing import Any


class Cancelled(Exception):
    """A worker's selection given up: a newer sort or filter replaced it."""


def check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled


GROUPS = 8
"""A word matching values in more groups of 256 codes than this is flagged a row at a time (a map
in C: about 30 ms at a million rows) rather than a pass per group (about 3 ms each)."""


class _Field:
    """One field: the text searched for each distinct value (by code), and each row's code as its
    low byte and, past 256 values, its high byte."""

    __slots__ = ("texts", "low", "high", "codes")

    def __init__(self, values: Iterable[Hashable] | Callable[[], Iterable[Hashable]], text: Callable[[Any], str],
                 cancelled: Callable[[], bool] | None = None):
        values = list(values() if callable(values) else values)
        check(cancelled)
        # codes in the order of the texts: a word such as a year or a name's start then matches
        # codes in one or two groups of 256, not in every group
        distinct = sorted(set(values), key=lambda v: text(v))
        codes = {v: c for c, v in enumerate(distinct)}
        row_codes = [codes[v] for v in values]
        check(cancelled)
        self.texts = [text(v) for v in distinct]
        self.low = bytes(c & 255 for c in row_codes)
        check(cancelled)
        self.high = bytes(c >> 8 for c in row_codes) if len(codes) > 256 else None
        self.codes = array("I", row_codes) if self.high is not None else None

    def flags(self, word: str, everyone: int) -> int:
        """The rows whose value holds `word`: one byte a row (1 or 0), as an integer."""
        matched = [c for c, t in enumerate(self.texts) if word in t]
        if not matched:
            return 0
        if len(matched) == len(self.texts):
            return everyone
        if 2 * len(matched) > len(self.texts):  # most values: every row but those of the others
            others = sorted(set(range(len(self.texts))) - set(matched))
            return everyone ^ self._rows_of(others)
        return self._rows_of(matched)

    def permuted(self, order: list[int]) -> _Field:
        out = _Field.__new__(_Field)
        out.texts = self.texts
        out.low = bytes(map(self.low.__getitem__, order))
        out.high = bytes(map(self.high.__getitem__, order)) if self.high is not None else None
        out.codes = array("I", map(self.codes.__getitem__, order)) if self.codes is not None else None
        return out

    def matched(self, word: str) -> bytes:
        """One byte a code: 1 where the code's text holds `word`."""
        return bytes(word in t for t in self.texts)

    def code(self, row: int) -> int:
        return self.low[row] | (self.high[row] << 8 if self.high is not None else 0)

    def _rows_of(self, matched: list[int]) -> int:
        """The rows whose code is in `matched`, one byte a row (1 or 0), as an integer."""
        out = 0
        by_high: dict[int, bytearray] = {}
        for c in matched:
            table = by_high.get(c >> 8)
            if table is None:
                table = by_high[c >> 8] = bytearray(256)
            table[c & 255] = 1
        if len(by_high) > GROUPS and self.codes is not None:
            # codes all over: one lookup a row (a map in C) costs less than a pass per group
            flags = bytearray(len(self.texts))
            for c in matched:
                flags[c] = 1
            return int.from_bytes(bytes(map(flags.__getitem__, self.codes)), "little")
        for high, table in by_high.items():
            low = int.from_bytes(self.low.translate(table), "little")
            if self.high is not None:  # only the rows of this group of 256 codes
                group = bytearray(256)
                group[high] = 1
                low &= int.from_bytes(self.high.translate(group), "little")
            out |= low
        return out


class FieldSearch:
    """The rows (0 .. n-1) whose fields hold every word.

    `fields` is a list of (values, text): each row's value of a field (or a function giving them,
    called when the field's turn comes), and the text a value is searched as (lower-cased as the
    words are). `cancelled()` is asked between the steps of each field (Cancelled). `rows_with(words)` gives the rows as flags (bytes,
    one a row, 1 where every word is in some field of the row)."""

    def __init__(self, n: int, fields: list[tuple[Iterable[Hashable], Callable[[Any], str]]],
                 cancelled: Callable[[], bool] | None = None):
        self.n = n
        self.everyone = int.from_bytes(b"\x01" * n, "little")
        self.fields = []
        for values, text in fields:
            check(cancelled)
            self.fields.append(_Field(values, text, cancelled))

    def permuted(self, order: list[int], cancelled: Callable[[], bool] | None = None) -> FieldSearch:
        """The same search over the rows in `order` (row k of the result is row order[k]): its
        flags come out in that order, to be read against it in C (reading flags made in the
        dataset's order through a sorted order looks up every row: 0.2 s at a million)."""
        out = FieldSearch.__new__(FieldSearch)
        out.n, out.everyone, out.fields = self.n, self.everyone, []
        for field in self.fields:
            check(cancelled)
            out.fields.append(field.permuted(order))
        return out

    def keep(self, rows: list[int], word: str) -> list[int]:
        """Those of `rows` (a few) whose fields hold `word`: a row at a time, for a short list
        (typing on, the rows the shorter text kept)."""
        tables = [(field, field.matched(word)) for field in self.fields]
        tables = [(f, t) for f, t in tables if any(t)]
        return [i for i in rows if any(t[f.code(i)] for f, t in tables)]

    def rows_with(self, words: list[str], cancelled: Callable[[], bool] | None = None) -> bytes:
        found = self.everyone
        for word in words:
            check(cancelled)
            any_field = 0
            for field in self.fields:
                any_field |= field.flags(word, self.everyone)
                if any_field == self.everyone:
                    break
            found &= any_field
            if not found:
                break
        return found.to_bytes(self.n, "little")
