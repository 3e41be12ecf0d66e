"""Positions in a file's text, and pydantic errors and findings turned into FILE:LINE:COL problems."""

from __future__ import annotations

from typing import Any, Iterable

import yaml
from pydantic import ValidationError
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

from tui.core.text import non_latin, quoted
from tui.data.positions import _line_tables, editor_position
from tui.data.problems import Problem
from tui.data.yaml_safe import default_loader


# --- locating validation problems -----------------------------------------------------------------


def format_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_BITS = 40  # a column fits, whatever the file size limit is set to
_COLUMN = (1 << _BITS) - 1


class _Locator:
    """Finds line and column for record paths in one file's text: one pass over its YAML events
    however many paths are asked for, keeping only their marks (no node tree, so a big file with
    many problems costs little). The text has already been built within the limits."""

    def __init__(self, name: str, text: str, loader: type | None = None, record_marks: dict | None = None):
        self.name, self.text, self.loader = name, text, loader or default_loader()
        self.record_marks = record_marks  # where each top-level record starts, from the first parse

    def problem(self, loc: tuple, message: str, hint: str | None = None, at_key: bool = False) -> Problem:
        return self.problems([(loc, message, hint, at_key)])[0]

    def problems(self, wanted: list[tuple[tuple, str, str | None, bool]]) -> list[Problem]:
        """A Problem for each (path, message, hint, at_key): at the deepest node the path reaches,
        or at its key when `at_key` and the whole path is there."""
        # a record itself (a field missing from it): known from the first parse; the rest needs
        # one more pass over the file's events, for their paths only
        record_marks = self.record_marks or {}
        direct = []
        for loc, _, _, at_key in wanted:
            mark = None
            if not at_key and len(loc) == 2 and loc[1].__class__ is int:
                found = record_marks.get(loc[0])
                if found is not None and 0 <= loc[1] < len(found) and found[loc[1]] >= 0:
                    mark = found[loc[1]]
            direct.append(mark)
        rest = {w[0] for w, mark in zip(wanted, direct) if mark is None}
        marks = self._marks(rest) if rest else {}
        out = []
        text, name = self.text, self.name
        exotic = _line_tables(text) is not None  # else YAML's lines and columns are the editor's
        for (loc, message, hint, at_key), mark in zip(wanted, direct):
            if mark is not None:
                line, col = (mark >> _BITS) + 1, (mark & _COLUMN) + 1
                if exotic:
                    line, col = editor_position(text, line, col)
                out.append(Problem(name, line, col, f"{loc[0]}[{loc[1]}]", message, hint))
                continue
            n = len(loc)
            while n and loc[:n] not in marks:
                n -= 1
            mark, key_mark = marks.get(loc[:n], (None, None))
            if at_key and n == len(loc) and key_mark is not None:
                mark = key_mark
            line, col = (1, 1) if mark is None else editor_position(self.text, (mark >> _BITS) + 1,
                                                                      (mark & _COLUMN) + 1)
            out.append(Problem(self.name, line, col, format_path(loc), message, hint))
        return out

    def _marks(self, paths: set[tuple]) -> dict[tuple, tuple[int, int | None]]:
        """(start, key) of every node on the way to each path, each a YAML line and column packed
        in one int (a flood of 700,000 problems keeps 2,000,000 of them: Mark objects cost ~5x)."""
        prefixes = {loc[:n] for loc in paths for n in range(len(loc) + 1)}
        found: dict[tuple, tuple[int, int | None]] = {}
        parser = self.loader(self.text)
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
        except yaml.YAMLError:  # pragma: no cover - the text was built once already
            pass
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
