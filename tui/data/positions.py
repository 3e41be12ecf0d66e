"""Positions in a file's text: line and column of an index, and a DatasetError at one."""

from __future__ import annotations

import re


from tui.data.problems import DatasetError, Problem

# --- positions in the text ------------------------------------------------------------------------

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what YAML (and so every mark) counts as a line end
_TAB_INDENT = re.compile(r"^ *\t", re.M)
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of text[index], counting line ends as YAML does."""
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, index):
        line, start = line + 1, m.end()
    return line, index - start + 1


def _line_start(text: str, line: int) -> int:
    if line <= 1:
        return 0
    for n, m in enumerate(_BREAK.finditer(text), start=2):
        if n == line:
            return m.end()
    return len(text)


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based line and column ('' past the end)."""
    i = _line_start(text, line) + column - 1
    return text[i] if 0 <= i < len(text) else ""


def _at(name: str, text: str, index: int, message: str, hint: str | None = None) -> DatasetError:
    line, col = _position(text, index)
    return DatasetError([Problem(name, line, col, "", message, hint)])


