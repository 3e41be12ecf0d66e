"""Positions in a file's text, and pydantic errors and findings turned into FILE:LINE:COL problems."""

from __future__ import annotations

import re

import yaml
from pydantic import ValidationError
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

from tui.core.text import non_latin, quoted
from tui.data.positions import _line_tables, editor_position
from tui.data.problems import LaterProblem, Problem, format_path, star_path  # noqa: F401 (format_path: used here and by load)
from tui.data.yaml_safe import default_loader


# --- locating validation problems -----------------------------------------------------------------


_TOP_LEVEL = re.compile(r"\n[^\s#]")  # a line at column 0 that is neither blank nor a comment: past a record
_BITS = 40  # a column fits, whatever the file size limit is set to
_COLUMN = (1 << _BITS) - 1


class _Locator:
    """Finds line and column for record paths in one file's text: one pass over its YAML events
    however many paths are asked for, keeping only their marks (no node tree, so a big file with
    many problems costs little). The text has already been built within the limits."""

    def __init__(self, name: str, text: str, loader: type | None = None, record_marks: dict | None = None):
        self.name, self.text, self.loader = name, text, loader or default_loader()
        self.record_marks = record_marks  # where each top-level record starts, from the first parse
        self.unplaced: list[LaterProblem] = []  # the problems made here and not placed yet

    def problem(self, loc: tuple, message: str, hint: str | None = None, at_key: bool = False) -> Problem:
        return self.problems([(loc, message, hint, at_key)])[0]

    def problems(self, wanted: list[tuple[tuple, str, str | None, bool]]) -> list[Problem]:
        """A Problem for each (path, message, hint, at_key): at the deepest node the path reaches,
        or at its key when `at_key` and the whole path is there. A record itself (a field missing
        from it) is placed from the first parse's marks; any other path is a LaterProblem, placed
        when its line is first read (see resolve): a flood is grouped and counted without them."""
        record_marks = self.record_marks or {}
        out = []
        append = out.append
        text, name = self.text, self.name
        exotic = None
        stars: dict[str, str] = {}
        for loc, message, hint, at_key in wanted:
            if not at_key and len(loc) == 2 and loc[1].__class__ is int:
                found = record_marks.get(loc[0])
                i = loc[1]
                if found is not None and 0 <= 2 * i < len(found) and found[2 * i] >= 0:
                    mark = found[2 * i]
                    line, col = (mark >> _BITS) + 1, (mark & _COLUMN) + 1
                    if exotic is None:
                        exotic = _line_tables(text) is not None  # else YAML's lines and columns are the editor's
                    if exotic:
                        line, col = editor_position(text, line, col)
                    star = stars.get(loc[0])
                    if star is None:
                        star = stars[loc[0]] = star_path(f"{loc[0]}[{i}]")
                    append(Problem(name, line, col, f"{loc[0]}[{i}]", message, hint, star))
                    continue
            later = LaterProblem(name, message, hint, loc, at_key, self)
            append(later)
            self.unplaced.append(later)
        return out

    def later(self, loc: tuple, message: str, hint: str | None = None, star: str | None = None) -> LaterProblem:
        """A problem at `loc`, placed in the file when its line is first read; `star`: its path
        with every index as [*] (tui.data.problems.star_path), if known."""
        later = LaterProblem(self.name, message, hint, loc, False, self, star)
        self.unplaced.append(later)
        return later

    SNIPPETS = 2_000
    """Up to this many paths to place, each is found by parsing its record alone (from the first
    parse's marks); more, and one pass over the whole file finds them all, as --all-problems asks."""

    def resolve(self, pending: list[LaterProblem]) -> None:
        """Place each of `pending` (LaterProblems of this file not placed yet)."""
        pending = [p for p in pending if p.pending]
        if not pending:
            return
        rest = pending
        if len(pending) <= self.SNIPPETS and self._simple_lines():
            by_record: dict[tuple, list[LaterProblem]] = {}
            for p in pending:
                by_record.setdefault(p.loc[:2], []).append(p)
            rest = [p for group in by_record.values() if not self._place_alone(group) for p in group]
        if rest:  # one pass over the file; it places every problem of a small file at once
            self.unplaced = [p for p in self.unplaced if p.pending]
            if len(self.unplaced) <= self.SNIPPETS:
                rest, self.unplaced = self.unplaced, []
            marks = self._marks({p.loc for p in rest})
            for p in rest:
                p.place(*self._position(p.loc, p.at_key, marks))

    def _position(self, loc: tuple, at_key: bool, marks: dict, shift: int = 0, indent: int = 0) -> tuple[int, int]:
        """Line and column of the deepest node on `loc` in `marks` (see _marks); `shift`: lines
        before the text `marks` were found in."""
        n = len(loc)
        while n and loc[:n] not in marks:
            n -= 1
        mark, key_mark = marks.get(loc[:n], (None, None))
        if at_key and n == len(loc) and key_mark is not None:
            mark = key_mark
        if mark is None:
            return 1, 1
        line, column = mark >> _BITS, mark & _COLUMN
        if line == 0:
            column += indent  # `indent`: columns left out before the first line of the text parsed
        return editor_position(self.text, line + 1 + shift, column + 1)

    def _simple_lines(self) -> bool:
        """Whether a line of the text ends only at LF: then a record's text starts after the
        last LF before it, and its lines can be counted from there."""
        simple = getattr(self, "_simple", None)
        if simple is None:
            simple = self._simple = "\r" not in self.text and _line_tables(self.text) is None
        return simple

    def _place_alone(self, group: list[LaterProblem]) -> bool:
        """Place `group` (problems in one record) by parsing their record alone: the text from
        the record's start to the next record's, what stood before it on its line blanked (so
        columns are kept). False when that cannot be trusted to be what the whole file's parse
        gives (the record is not a list or mapping, its own parse fails or does not reach every
        path): the caller then parses the whole file."""
        loc = group[0].loc
        if len(loc) < 2 or loc[1].__class__ is not int or any(len(p.loc) < 3 for p in group):
            return False
        found = (self.record_marks or {}).get(loc[0])
        i = loc[1]
        if found is None or not 0 <= 2 * i < len(found) or found[2 * i] < 0:
            return False
        mark, start = found[2 * i], found[2 * i + 1]
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        if start - line_start != mark & _COLUMN:
            return False  # the index is not where the mark says (never seen): trust the full pass
        end = -1
        for j in range(2 * i + 3, len(found), 2):  # the next record that has a start
            if found[j] >= 0:
                end = found[j]
                break
        if end < 0:
            ends = _TOP_LEVEL.search(text, start)
            end = ends.start() + 1 if ends else len(text)
        cut = text.rfind("\n", start, end)  # whole lines, unless the next record shares this one
        if cut >= 0:
            end = cut + 1
        # a block record needs its indentation; a flow one ({...} or [...]) is whole without it,
        # and may start far along a long line (a 60 MB line of records)
        indent = start - line_start if text[start] in "{[" else 0
        snippet = " " * (start - line_start - indent) + text[start:end]
        rels = {p.loc[2:] for p in group}
        try:
            marks = self._marks(rels, snippet, whole=False)
        except yaml.YAMLError:
            return False
        root = marks.get(())
        if root is None or root[0] + indent != mark & _COLUMN or not rels <= marks.keys():
            return False  # the record's parse did not start where the file's did, or missed a path
        for p in group:
            p.place(*self._position(p.loc[2:], p.at_key, marks, mark >> _BITS, indent))
        return True

    def _marks(self, paths: set[tuple], text: str | None = None,
               whole: bool = True) -> dict[tuple, tuple[int, int | None]]:
        """(start, key) of every node on the way to each path, each a YAML line and column packed
        in one int (a flood of 700,000 problems keeps 2,000,000 of them: Mark objects cost ~5x).
        `text`: another text than the file's (one record's, see _place_alone); with `whole`
        false a YAML error there is raised, not taken as the end of what can be found."""
        prefixes = {loc[:n] for loc in paths for n in range(len(loc) + 1)}
        found: dict[tuple, tuple[int, int | None]] = {}
        parser = self.loader(self.text if text is None else text)
        # per open list or mapping on the way to a wanted path: [its path, is a mapping,
        #                                                       next index, current key, its mark, next is a key]
        stack: list[list] = []
        try:
            get_event = parser.get_event
            while True:
                event = get_event()
                kind = event.__class__
                if kind is MappingEndEvent or kind is SequenceEndEvent:
                    stack.pop()
                    if not stack:
                        break
                    continue
                if kind is StreamEndEvent:
                    break
                if kind not in (ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent):
                    continue  # the stream or document starting
                path, key_mark = (), None
                if stack:
                    top = stack[-1]
                    if not top[1]:
                        path = top[0] + (top[2],)
                        top[2] += 1
                    elif top[5]:
                        top[3] = event.value if kind is ScalarEvent else None
                        mark = event.start_mark
                        top[4], top[5], path = (mark.line << _BITS) | mark.column, False, None
                    else:
                        path = top[0] + (top[3],) if top[3] is not None else None
                        key_mark, top[5] = top[4], True
                wanted = path is not None and path in prefixes
                if wanted and path not in found:
                    mark = event.start_mark
                    found[path] = ((mark.line << _BITS) | mark.column, key_mark)
                if kind is MappingStartEvent or kind is SequenceStartEvent:
                    if wanted:
                        stack.append([path, kind is MappingStartEvent, 0, None, None, True])
                        continue
                    depth = 1  # nothing wanted inside: pass over it quickly
                    while depth:
                        kind = get_event().__class__
                        if kind is MappingStartEvent or kind is SequenceStartEvent:
                            depth += 1
                        elif kind is MappingEndEvent or kind is SequenceEndEvent:
                            depth -= 1
                if not stack:
                    break  # the document was one scalar, or one list or mapping with nothing wanted
        except yaml.YAMLError:
            if not whole:
                raise
            # pragma: no cover - the whole text was built once already
        finally:
            parser.dispose()
        return found


_HINTS = {
    "missing": "add the field",
    "extra_forbidden": "remove it, or check its spelling against docs/DATA-FORMAT.md",
    "literal_error": None,
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "string_type": "write text (quote it if YAML reads it as something else)",
    "list_type": "write a list: [a, b] or one '- item' per line",
    "model_type": "write a mapping of field: value",
    "too_short": None,
    "string_pattern_mismatch": None,
}


def _shorten(text: str, most: int = 200) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _wanted(errors: list, prefix: tuple = (), offset: int = 0, missing: dict | None = None) -> list:
    """(path, message, hint, at_key) for each of pydantic's `errors(include_url=False)`, each
    error dropped once read (and the record it holds with it). `prefix` and `offset`: the errors
    of a chunk of a section, validated apart (tui.data.load), put back at their place. A flood of
    one fault shares one message string among its problems."""
    wanted = []
    append = wanted.append
    missing = {} if missing is None else missing
    hint = _HINTS["missing"]
    section = prefix[0] if len(prefix) == 1 else None
    for i, err in enumerate(errors):
        errors[i] = None
        loc = err["loc"]
        kind = err["type"]
        if kind == "missing" and section is not None and len(loc) == 2 and loc[0].__class__ is int:
            field = loc[1]  # a record of a chunk lacking a field: the flood's case, made short
            message = missing.get(field)
            if message is None:
                message = missing[field] = f"missing field {field!r}"
            append(((section, loc[0] + offset), message, hint, False))
            continue
        if any(p.__class__ is str and p.startswith("function-") for p in loc):
            loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        if prefix:
            loc = (*prefix, loc[0] + offset, *loc[1:]) if loc and loc[0].__class__ is int else (*prefix, *loc)
        if kind == "missing":
            field = loc[-1]
            message = missing.get(field)
            if message is None:
                message = missing[field] = f"missing field {field!r}"
            append((loc[:-1], message, hint, False))
            continue
        message = _shorten(err["msg"], 300)
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        if kind == "extra_forbidden":
            wanted.append((loc, f"unknown field {quoted(loc[-1])}", _HINTS[kind], True))
        else:
            value = err.get("input")
            if "input" in err and kind not in ("model_type",) and not isinstance(value, (dict, list)):
                message = f"{message} (got {quoted(value)})"
                note = non_latin(value) if kind == "string_pattern_mismatch" else None
                if note:
                    message = f"{message}; {note}"
            wanted.append((loc, message, _HINTS.get(kind), False))
    return wanted


def _pydantic_problems(exc: ValidationError | list, where: _Locator) -> list[Problem]:
    """Located problems for a pydantic error, or for the (path, message, hint, at_key) list
    `_wanted` made of its errors."""
    wanted = _wanted(exc.errors(include_url=False)) if isinstance(exc, ValidationError) else exc
    return where.problems(wanted)
