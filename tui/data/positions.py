"""Positions in a file's text: line and column of an index, and a DatasetError at one."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache


from tui.data.problems import DatasetError, Problem

# --- positions in the text ------------------------------------------------------------------------

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what YAML (and so every mark) counts as a line end
_EDITOR_BREAK = re.compile(r"\r\n|[\r\n]")  # what editors, grep -n and less count: NEL, U+2028 and
_EXOTIC_BREAK = re.compile("[\x85\u2028\u2029]")  # U+2029 are characters within a line to them
_TAB_INDENT = re.compile(r"^ *\t", re.M)
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of text[index], as an editor counts them (\n, \r\n or \r ends a
    line; NEL, U+2028 and U+2029 do not, though YAML counts them)."""
    line, start = 1, 0
    for m in _EDITOR_BREAK.finditer(text, 0, index):
        line, start = line + 1, m.end()
    return line, index - start + 1


def _line_start(text: str, line: int) -> int:
    """Where YAML's 1-based line `line` starts (YAML's count of lines, as in its marks)."""
    if line <= 1:
        return 0
    for n, m in enumerate(_BREAK.finditer(text), start=2):
        if n == line:
            return m.end()
    return len(text)


def _char_at(text: str, line: int, column: int) -> str:
    """The character at YAML's 1-based line and column ('' past the end)."""
    i = _line_start(text, line) + column - 1
    return text[i] if 0 <= i < len(text) else ""


@lru_cache(maxsize=4)  # a flood of problems asks once per problem: the text is scanned once
def _line_tables(text: str) -> tuple[list[int], list[int]] | None:
    """Where each line starts, as YAML counts lines and as an editor does (None: they agree)."""
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:  # as _EXOTIC_BREAK.search,
        return None  # at the speed of a byte search (8 MB: 1 ms, not 200)
    return ([0, *(m.end() for m in _BREAK.finditer(text))],
            [0, *(m.end() for m in _EDITOR_BREAK.finditer(text))])


def editor_position(text: str, line: int, column: int) -> tuple[int, int]:
    """YAML's 1-based (line, column), as an editor shows it. They differ only in a text holding
    NEL, U+2028 or U+2029, which YAML counts as line ends and editors do not."""
    tables = _line_tables(text)
    if tables is None:
        return line, column
    yaml_starts, starts = tables
    index = yaml_starts[min(max(line, 1), len(yaml_starts)) - 1] + column - 1
    at = bisect_right(starts, index)
    return at, index - starts[at - 1] + 1


def mark_position(text: str, mark) -> tuple[int, int]:
    """A YAML mark's 1-based line and column as an editor shows them ((1, 1) for no mark)."""
    if mark is None:
        return 1, 1
    return editor_position(text, mark.line + 1, mark.column + 1)


def _at(name: str, text: str, index: int, message: str, hint: str | None = None) -> DatasetError:
    line, col = _position(text, index)
    return DatasetError([Problem(name, line, col, "", message, hint)])


