"""Problem and DatasetError (a located message: file, line, column), and the loader's Limits."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

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
    star: str | None = field(default=None, compare=False, repr=False)
    """The path with every index as [*] (star_path), when known: how problem_lines groups a
    flood without reading each path (not part of the problem's value)."""

    def __str__(self) -> str:
        """One line, safe to print: what it quotes from the file (a key, a value, a file name)
        has its control, bidi and line-break characters shown as escapes (\\x1b, \\u202e), so
        a message can neither drive the terminal nor forge a line of its own."""
        where = f"{printable(self.file)}:{self.line}:{self.column}"
        text = f"{where}: {printable(self.path)}: {printable(self.message)}" if self.path else \
            f"{where}: {printable(self.message)}"
        return f"{text} (hint: {printable(self.hint)})" if self.hint else text

    def __eq__(self, other):  # a Problem and a LaterProblem with the same values are the same
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.file, self.line, self.column, self.path, self.message, self.hint) == \
            (other.file, other.line, other.column, other.path, other.message, other.hint)


_LINE, _COLUMN, _PATH = Problem.line, Problem.column, Problem.path  # the slots themselves


class LaterProblem(Problem):
    """A Problem whose line and column are found when first read. A flood of 700,000 problems
    is counted and grouped by path and message; only the lines shown need a place in the file,
    and finding them all was a second pass over the file costing as much as reading it
    (issue 19). `where` finds them (tui.data.locate._Locator.resolve); `locate()` finds many
    at once, which is how they should be read. Line, column and path are left unset until
    read (a slot's setter costs as much as the rest of making one)."""

    __slots__ = ("loc", "at_key", "where")

    def __init__(self, file: str, message: str, hint: str | None, loc: tuple, at_key: bool, where,
                 star: str | None = None):
        self.file = file
        self.message = message
        self.hint = hint
        self.loc = loc
        self.at_key = at_key
        self.where = where
        self.star = star

    def _line(self) -> int:
        try:
            return _LINE.__get__(self)
        except AttributeError:
            self.where.resolve([self])
            return _LINE.__get__(self)

    def _column(self) -> int:
        try:
            return _COLUMN.__get__(self)
        except AttributeError:
            self.where.resolve([self])
            return _COLUMN.__get__(self)

    def _path(self) -> str:
        try:
            return _PATH.__get__(self)
        except AttributeError:  # written out when read: a flood is grouped by `star`
            path = format_path(self.loc)
            _PATH.__set__(self, path)
            return path

    line = property(_line, _LINE.__set__)  # type: ignore[assignment]
    column = property(_column, _COLUMN.__set__)  # type: ignore[assignment]
    path = property(_path, _PATH.__set__)  # type: ignore[assignment]

    def place(self, line: int, column: int) -> None:
        _LINE.__set__(self, line)
        _COLUMN.__set__(self, column)
        self.where = None  # found: the file's text is no longer needed for it

    @property
    def pending(self) -> bool:
        try:
            _LINE.__get__(self)
        except AttributeError:
            return True
        return False


def locate(problems) -> None:
    """Give every LaterProblem among `problems` its line and column, with as few passes over
    each file as can be (one at most)."""
    by_where: dict[int, tuple] = {}
    for p in problems:
        if p.__class__ is LaterProblem and p.pending:
            by_where.setdefault(id(p.where), (p.where, []))[1].append(p)
    for where, pending in by_where.values():
        where.resolve(pending)


class DatasetError(Exception):
    """Everything wrong with a dataset, each problem with its file, line and column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(problems)

    def __str__(self) -> str:  # joined when asked for: a flood of 700,000 would be 100 MB of text
        locate(self.problems)
        return "\n".join(str(p) for p in self.problems)


GROUP = 5
"""A message repeated at this many records or more is one line."""
_INDEX = re.compile(r"\[\d+\]")
_GOT = re.compile(r" \(got .*\)$")
_QUOTED = re.compile(r"'[^']*'")


def format_path(loc: Iterable[Any]) -> str:
    if len(loc) == 4 and loc[1].__class__ is int and loc[3].__class__ is int and loc[2].__class__ is str:
        return f"{loc[0]}[{loc[1]}].{loc[2]}[{loc[3]}]"  # memberships[12].sources[0]: a flood's shape
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def star_path(path: str) -> str:
    """A problem's path with every index as [*]: how problem_lines groups problems."""
    return _INDEX.sub("[*]", path)


def problem_lines(problems: list[Problem], limit: int | None = 100) -> tuple[list[str], bool]:
    """The lines that report `problems`, each safe to print, and whether `limit` cut them: the
    same message at GROUP or more records of one file is one line ("in 700,000 records like
    countries[*]: first at FILE:2:5, last at ..."); None for every problem, one line each."""
    if limit is None:
        locate(problems)
        return [str(p) for p in problems], False
    groups: dict[tuple, list] = {}
    templates: dict[str, str] = {}  # a flood repeats one message: its template is made once
    last = group = None
    last_head = ""
    for p in problems:  # the same message at many records: one line
        message = p.message
        if last is not None and p.star is not None and p.star is last.star and p.hint is last.hint \
                and p.file is last.file:  # a flood of one fault: at the same place as the one before
            if message is last.message:
                group.append(p)  # type: ignore[union-attr]
                continue
            if last_head and message.startswith(last_head) and message[-1] == "'" \
                    and message.count("'") == 2 and " (got " not in message:
                group.append(p)  # "unknown source 'x'" after "unknown source 'y'"  # type: ignore[union-attr]
                continue
        template = templates.get(message)
        if template is None:
            q = message.find("'")
            if q > 0 and message[-1] == "'" and message.count("'") == 2 and " (got " not in message:
                template = message[:q] + "…"  # "unknown source 'x'": one of a flood of distinct ones
            else:
                template = templates[message] = _QUOTED.sub("…", _GOT.sub("", message))
        path = p.star
        if path is None:
            path = p.path
            at = path.find("[")
            if at >= 0:  # a record's own path, "coalitions[123]", is most of a flood: no regex for it
                if path[-1] == "]" and path.count("[") == 1 and path[at + 1:-1].isdigit():
                    path = path[:at] + "[*]"
                else:
                    path = _INDEX.sub("[*]", path)
        group = groups.setdefault((p.file, path, template, p.hint), [])
        group.append(p)
        last = p
        q = message.find("'")  # what a message of the same template after it starts with, if simple
        last_head = message[:q + 1] if q > 0 and template == message[:q] + "…" else ""
    shown: list[tuple] = []  # (file, path, group), as far as the limit and one line past it
    count = 0
    for (file, path, _, _), group in groups.items():
        shown.append((file, path, group))
        count += 1 if len(group) >= GROUP else len(group)
        if count > limit:
            break
    # only what is shown is placed in its file, all at once (a flood's LaterProblems)
    locate([p for _, _, group in shown for p in ((group[0], group[-1]) if len(group) >= GROUP else group)])
    lines: list[str] = []
    for file, path, group in shown:
        first = group[0]
        if len(group) >= GROUP:
            last = group[-1]
            lines.append(f"{first} (in {len(group):,} records like {printable(path)}: first at "
                         f"{printable(file)}:{first.line}:{first.column}, last at {last.line}:{last.column})")
        else:
            lines.extend(str(p) for p in group)
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
    max_alias_chars: int = 16 * MB      # characters of text that expanding aliases adds, per file:
                                        # one alias of a 1 MB text, repeated, was 20 GB in an export
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

