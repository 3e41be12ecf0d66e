"""Problem and DatasetError (a located message: file, line, column), and the loader's Limits."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

# --- errors ---------------------------------------------------------------------------------------


from tui.core.text import for_terminal as printable  # the one rule for text to a terminal


@dataclass(slots=True, unsafe_hash=True)  # not frozen: a frozen __init__ costs 3x, and a flood
class Problem:                              # makes 700,000 of them (never changed once made)
    """One located finding: FILE:LINE:COL: path: message (hint)."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        """One line, safe to print: what it quotes from the file (a key, a value, a file name)
        has its control, bidi and line-break characters shown as escapes (\\x1b, \\u202e), so
        a message can neither drive the terminal nor forge a line of its own."""
        where = f"{printable(self.file)}:{self.line}:{self.column}"
        text = f"{where}: {printable(self.path)}: {printable(self.message)}" if self.path else \
            f"{where}: {printable(self.message)}"
        return f"{text} (hint: {printable(self.hint)})" if self.hint else text


class DatasetError(Exception):
    """Everything wrong with a dataset, each problem with its file, line and column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(problems)

    def __str__(self) -> str:  # joined when asked for: a flood of 700,000 would be 100 MB of text
        return "\n".join(str(p) for p in self.problems)


GROUP = 5
"""A message repeated at this many records or more is one line."""
_INDEX = re.compile(r"\[\d+\]")
_GOT = re.compile(r" \(got .*\)$")
_QUOTED = re.compile(r"'[^']*'")


def problem_lines(problems: list[Problem], limit: int | None = 100) -> tuple[list[str], bool]:
    """The lines that report `problems`, each safe to print, and whether `limit` cut them: the
    same message at GROUP or more records of one file is one line ("in 700,000 records like
    countries[*]: first at FILE:2:5, last at ..."); None for every problem, one line each."""
    if limit is None:
        return [str(p) for p in problems], False
    groups: dict[tuple, list] = {}
    templates: dict[str, str] = {}  # a flood repeats one message: its template is made once
    for p in problems:  # the same message at many records: one line
        template = templates.get(p.message)
        if template is None:
            template = templates[p.message] = _QUOTED.sub("…", _GOT.sub("", p.message))
        path = p.path
        at = path.find("[")
        if at >= 0:  # a record's own path, "coalitions[123]", is most of a flood: no regex for it
            if path[-1] == "]" and path.count("[") == 1 and path[at + 1:-1].isdigit():
                path = path[:at] + "[*]"
            else:
                path = _INDEX.sub("[*]", path)
        groups.setdefault((p.file, path, template, p.hint), []).append(p)
    lines: list[str] = []
    for (file, path, _, _), group in groups.items():
        first = group[0]
        if len(group) >= GROUP:
            last = group[-1]
            lines.append(f"{first} (in {len(group):,} records like {printable(path)}: first at "
                         f"{printable(file)}:{first.line}:{first.column}, last at {last.line}:{last.column})")
        else:
            lines.extend(str(p) for p in group)
        if len(lines) > limit:
            break
    return lines[:limit], len(lines) > limit


# --- limits ---------------------------------------------------------------------------------------

MB = 1024 * 1024
MAX_FILE_MB_ENV = "COALITION_TUI_MAX_FILE_MB"
_MAX_NUMBER_CHARS = 1000  # int('9' * 10**6) or a sexagesimal 1:2:3:... takes time quadratic in length


@dataclass(frozen=True, slots=True)
class Limits:
    """What one load accepts. Each limit, when passed, is its own located error."""

    max_file_bytes: int = 64 * MB       # per file; checked before reading it
    max_depth: int = 64                 # lists and mappings inside each other (a dataset needs 6)
    max_values: int = 5_000_000         # scalars, lists and mappings per file (bounds memory, time)
    max_alias_values: int = 100_000     # values that expanding aliases adds, per file
    max_records: int = 2_000_000        # records in the whole dataset, all sections and files

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """The defaults, with the file size limit from $COALITION_TUI_MAX_FILE_MB if set."""
        text = (os.environ if environ is None else environ).get(MAX_FILE_MB_ENV, "").strip()
        if not text:
            return cls()
        try:
            mb = float(text)
        except ValueError:
            mb = 0.0
        if not 0 < mb < 1e9:
            raise DatasetError([Problem(MAX_FILE_MB_ENV, 1, 1, "",
                                        f"the file size limit must be a positive number of MB (got {text!r})")])
        return cls(max_file_bytes=int(mb * MB))


def _size(n: int) -> str:
    for unit, scale in (("MB", MB), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + " " + unit
    return f"{n} bytes"

