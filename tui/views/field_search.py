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

import sys
from array import array
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any


class Cancelled(Exception):
    """A worker's selection given up: a newer sort or filter replaced it."""


def check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled


GROUPS = 8
"""A word matching values in more groups of 256 codes than this is flagged a row at a time (a map
in C: about 30 ms at a million rows) rather than a pass per group (about 3 ms each)."""


class Coded:
    """A field already dictionary-encoded (the cache's columns, tui.data.columns): its distinct
    values and each row's code into them. FieldSearch takes it as it is: each distinct value's
    text is made once and the codes are renumbered in C where they fit, no value per row made."""

    __slots__ = ("values", "codes")

    def __init__(self, values: Sequence[Hashable], codes: Sequence[int]):
        self.values, self.codes = values, codes


class _Field:
    """One field: the text searched for each distinct value (by code), and each row's code as its
    low byte and, past 256 values, its high byte."""

    __slots__ = ("texts", "low", "high", "codes")

    def __init__(self, values: Iterable[Hashable] | Callable[[], Iterable[Hashable] | Coded],
                 text: Callable[[Any], str], cancelled: Callable[[], bool] | None = None):
        values = values() if callable(values) else values
        if isinstance(values, Coded) and len(values.values) <= 1 << 16:
            self._coded(values, text, cancelled)
            return
        if isinstance(values, Coded):
            values = list(map(values.values.__getitem__, values.codes))
        values = list(values)
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

    def _coded(self, coded: Coded, text: Callable[[Any], str], cancelled) -> None:
        """As __init__, from codes: the distinct values' texts sorted, and each row's code
        renumbered into that order by a table (bytes.translate for one-byte codes, else a map of
        the table over the codes), the low and high bytes then taken from the two-byte codes."""
        texts = [text(v) for v in coded.values]
        by_text = sorted(range(len(texts)), key=texts.__getitem__)
        self.texts = [texts[c] for c in by_text]
        renumber = [0] * len(texts)
        for new, old in enumerate(by_text):
            renumber[old] = new
        check(cancelled)
        codes = coded.codes
        if len(texts) <= 256:
            self.high = self.codes = None
            if isinstance(codes, memoryview) and codes.format == "B":
                self.low = codes.tobytes().translate(bytes(renumber + [0] * (256 - len(renumber))))
            else:
                self.low = bytes(map(renumber.__getitem__, codes))
            return
        self.codes = array("H", map(renumber.__getitem__, codes))
        check(cancelled)
        raw = self.codes.tobytes()
        low, high = (raw[0::2], raw[1::2]) if sys.byteorder == "little" else (raw[1::2], raw[0::2])
        self.low, self.high = low, high

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
    called when the field's turn comes; or their codes, Coded), and the text a value is searched
    as (lower-cased as the words are). `cancelled()` is asked between the steps of each field
    (Cancelled). `rows_with(words)` gives the rows as flags (bytes, one a row, 1 where every word
    is in some field of the row).

    A filter's first keystroke is one character: `first_letters()` (a front end's worker, once)
    keeps for every character the fields hold the rows that hold it, one bit a row, so that
    keystroke takes one bit-string, not a pass over every field (`one_letter(ch)`)."""

    def __init__(self, n: int, fields: list[tuple[Iterable[Hashable], Callable[[Any], str]]],
                 cancelled: Callable[[], bool] | None = None):
        self.n = n
        self.everyone = int.from_bytes(b"\x01" * n, "little")
        self.letters: dict[str, int] | None = None
        self.fields = []
        for values, text in fields:
            check(cancelled)
            self.fields.append(_Field(values, text, cancelled))

    def first_letters(self, cancelled: Callable[[], bool] | None = None) -> None:
        """Make `letters`: for each character some field's text holds, the rows holding it, one
        bit a row (row i is bit i). About 1/8 byte a row a character (45 characters at a million
        rows: 6 MB); each character's rows are found as any word's are, field by field."""
        if self.letters is not None:
            return
        alphabet = sorted(set().union(*(set("".join(f.texts)) for f in self.fields)) - {"\0"})
        letters = {}
        for ch in alphabet:
            found = 0
            for field in self.fields:
                check(cancelled)
                found |= field.flags(ch, self.everyone)
                if found == self.everyone:
                    break
            letters[ch] = to_bits(found, self.n)
        self.letters = letters

    def one_letter(self, ch: str) -> int | None:
        """The rows holding the character `ch` in some field, one bit a row; None when
        `first_letters` has not been made."""
        if self.letters is None:
            return None
        return self.letters.get(ch, 0)

    def permuted(self, order: list[int], cancelled: Callable[[], bool] | None = None) -> FieldSearch:
        """The same search over the rows in `order` (row k of the result is row order[k]): its
        flags come out in that order, to be read against it in C (reading flags made in the
        dataset's order through a sorted order looks up every row: 0.2 s at a million)."""
        out = FieldSearch.__new__(FieldSearch)
        out.n, out.everyone, out.fields, out.letters = self.n, self.everyone, [], None
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


_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")


def to_bits(flags: int, n: int) -> int:
    """Flags of n rows, one byte a row as an integer (rows_with's), as one bit a row (row i is
    bit i): through the digits of a binary number, in C (a few milliseconds at a million)."""
    if not flags:
        return 0
    return int(flags.to_bytes(n, "little").translate(_TO_DIGITS)[::-1], 2)


def to_flags(bits: int, n: int) -> bytes:
    """One bit a row as one byte a row (1 or 0), in C: a bit string's binary digits."""
    if not bits:
        return bytes(n)
    return format(bits, "b").zfill(n)[::-1].encode("ascii").translate(_FROM_DIGITS)
