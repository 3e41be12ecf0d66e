"""Positions in a file's text, and pydantic errors and findings turned into FILE:LINE:COL problems."""

from __future__ import annotations

from typing import Any, Iterable

import yaml
from pydantic import ValidationError
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

from tui.core.text import non_latin, quoted
from tui.data.positions import editor_position
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

    def __init__(self, name: str, text: str, loader: type | None = None):
        self.name, self.text, self.loader = name, text, loader or default_loader()

    def problem(self, loc: tuple, message: str, hint: str | None = None, at_key: bool = False) -> Problem:
        return self.problems([(loc, message, hint, at_key)])[0]

    def problems(self, wanted: list[tuple[tuple, str, str | None, bool]]) -> list[Problem]:
        """A Problem for each (path, message, hint, at_key): at the deepest node the path reaches,
        or at its key when `at_key` and the whole path is there."""
        marks = self._marks({loc for loc, *_ in wanted})
        out = []
        for loc, message, hint, at_key in wanted:
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


def _pydantic_problems(exc: ValidationError, where: _Locator) -> list[Problem]:
    wanted = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        kind = err["type"]
        message = _shorten(err["msg"], 300)
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        if kind == "missing":
            wanted.append((loc[:-1], f"missing field {loc[-1]!r}", _HINTS["missing"], False))
        elif kind == "extra_forbidden":
            wanted.append((loc, f"unknown field {quoted(loc[-1])}", _HINTS[kind], True))
        else:
            value = err.get("input")
            if "input" in err and kind not in ("model_type",) and not isinstance(value, (dict, list)):
                message = f"{message} (got {quoted(value)})"
                note = non_latin(value) if kind == "string_pattern_mismatch" else None
                if note:
                    message = f"{message}; {note}"
            wanted.append((loc, message, _HINTS.get(kind), False))
    return where.problems(wanted)

