"""YAML text -> Dataset. Every problem becomes one DatasetError with file, line and column.

Every file is untrusted. Loading one is four steps: read its bytes (size limit, encoding,
byte-order mark), check the text (empty, tabs in the indentation), build Python data straight
from the YAML parser's events, and validate that with pydantic. The parser is libyaml's C one
where present, the pure-Python one otherwise; the same builder runs on both, so both give the
same results. The builder is where the YAML is held to its limits: plain tags only, no duplicate
keys, bounded nesting, number of values and alias expansion. The files are then joined and the
cross-record checks run. Positions of validation problems are found only when something is
wrong: one more pass over the failing file's parser events finds the line and column of each
record path reported.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml
from pydantic import ValidationError
from yaml.constructor import SafeConstructor
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
from yaml.nodes import ScalarNode

from tui.model import SECTIONS, DataFile, Dataset

# --- where the bundled data lives -----------------------------------------------------------------

_PACKAGE = Path(__file__).resolve().parent


def bundled_root() -> Path:
    """The folder holding data/ and seeds/: inside the wheel, or the source checkout."""
    inside = _PACKAGE / "_bundled"
    if (inside / "data").is_dir():
        return inside
    return _PACKAGE.parent


def bundled_data() -> Path:
    return bundled_root() / "data"


def bundled_seeds() -> Path:
    return bundled_root() / "seeds"


# --- the YAML loaders -----------------------------------------------------------------------------

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP, _MERGE = (
    _T + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "merge"))
_SCALAR_TAGS = frozenset((_STR, _INT, _FLOAT, _BOOL, _NULL))


def _plain_resolvers(base: type) -> type:
    """A loader class like `base` that leaves dates (and a lone `=`) as text, so pydantic checks
    dates with a position instead of PyYAML raising on 2022-02-30 while it builds the document."""
    dropped = (_T + "timestamp", _T + "value")
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if tag not in dropped]
        for first, entries in base.yaml_implicit_resolvers.items()
    }
    return type(base.__name__ + "NoDates", (base,), {"yaml_implicit_resolvers": resolvers})


PyLoader = _plain_resolvers(yaml.SafeLoader)
CLoader = _plain_resolvers(yaml.CSafeLoader) if getattr(yaml, "__with_libyaml__", False) else None


def default_loader() -> type:
    return CLoader or PyLoader


# --- errors ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One located finding: FILE:LINE:COL: path: message (hint)."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class DatasetError(Exception):
    """Everything wrong with a dataset, each problem with its file, line and column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


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
    max_records: int = 1_000_000        # records in the whole dataset, all sections and files

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


# --- building data from YAML events ---------------------------------------------------------------


class _Refused(Exception):
    """The builder refusing the document at a mark."""

    def __init__(self, mark, message: str, hint: str | None = None):
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_T):] if tag.startswith(_T) else tag


def _refuse_tag(tag: str, mark, what: str) -> None:
    shown = _show_tag(tag)
    if tag in _SCALAR_TAGS or tag in (_SEQ, _MAP):
        message = f"the tag {shown} does not fit {what}"
    elif tag.startswith(_T + "python/"):
        message = f"the tag {shown} is not allowed: a data file holds plain values, never Python objects"
    elif tag.startswith(_T):
        message = f"the tag {shown} is not used in this format"
    else:
        message = f"unknown tag {shown}"
    raise _Refused(mark, message, "remove the tag: write plain text, numbers, lists and mappings")


_NUMBERS = SafeConstructor()


def _scalar(tag: str, value: str, mark) -> Any:
    """A resolved non-text scalar's value, as PyYAML's safe constructor makes it."""
    if tag == _NULL:
        return None
    if tag == _MERGE:  # `<<` where it is not a key: just text
        return value
    if tag == _BOOL:
        found = SafeConstructor.bool_values.get(value.lower())
        if found is None:
            raise _Refused(mark, f"{value!r} is not a valid !!bool", "write true or false")
        return found
    if len(value) > _MAX_NUMBER_CHARS:
        raise _Refused(mark, f"a number {len(value):,} characters long; the limit is {_MAX_NUMBER_CHARS:,}",
                       "quote it if it is text")
    try:
        node = ScalarNode(tag, value)
        return _NUMBERS.construct_yaml_int(node) if tag == _INT else _NUMBERS.construct_yaml_float(node)
    except (ValueError, IndexError, OverflowError):
        raise _Refused(mark, f"{value!r} is not a valid {_show_tag(tag)}", "remove the tag, or fix the number") from None


_NO_KEY = object()


class _Open:
    """A list or mapping being built."""

    __slots__ = ("value", "is_map", "mark", "size", "anchor", "key", "key_mark", "key_marks", "merging", "merges")

    def __init__(self, is_map: bool, mark, anchor: str | None):
        self.value: Any = {} if is_map else []
        self.is_map, self.mark, self.anchor, self.size = is_map, mark, anchor, 1
        self.key, self.key_mark, self.merging = _NO_KEY, None, False
        self.key_marks: dict | None = {} if is_map else None
        self.merges: list[dict] = []

    def add_to_map(self, value: Any, mark, is_merge_key: bool) -> None:
        """The next key, or the value of the key before it."""
        if self.key is _NO_KEY:
            if isinstance(value, (list, dict)):
                raise _Refused(mark, "a key must be text, not a list or a mapping",
                               "check the indentation, or quote the key")
            first = self.key_marks.get(value)
            if first is not None:
                shown = "<<" if is_merge_key else repr(value)
                raise _Refused(mark, f"duplicate key {shown} (first at line {first.line + 1}, column "
                                     f"{first.column + 1}); YAML would silently keep only the last",
                               "remove one, or merge the two")
            self.key, self.key_mark, self.merging = value, mark, is_merge_key
            self.key_marks[value] = mark
        else:
            if self.merging:
                merged = value if isinstance(value, list) else [value]
                if not all(isinstance(m, dict) for m in merged):
                    raise _Refused(mark, "`<<` merges a mapping, or a list of mappings, into this one",
                                   "write `<<: *anchor` naming a mapping")
                self.merges.extend(merged)
            else:
                self.value[self.key] = value
            self.key = _NO_KEY

    def finish(self) -> Any:
        if not self.merges:
            return self.value
        merged: dict = {}
        for m in reversed(self.merges):  # as PyYAML: the first mapping merged wins, own keys win over all
            merged.update(m)
        merged.update(self.value)
        return merged


def _build(loader, limits: Limits) -> Any:
    """Python data from the loader's parser events, holding the document to `limits`. This is the
    only place untrusted YAML becomes objects. Raises _Refused or a yaml.YAMLError."""
    get_event, resolve = loader.get_event, loader.resolve
    resolvable = loader.yaml_implicit_resolvers  # first character -> the tags a plain scalar may have
    max_depth, max_values, max_aliased = limits.max_depth, limits.max_values, limits.max_alias_values
    get_event()  # stream start
    if loader.check_event(StreamEndEvent):
        return None
    get_event()  # document start
    anchors: dict[str, tuple[Any, int] | None] = {}  # None while the anchored list/mapping is open
    anchor_marks: dict[str, Any] = {}
    stack: list[_Open] = []
    values = aliased = 0
    while True:
        event = get_event()
        kind = event.__class__
        mark = event.start_mark
        is_merge_key = False
        if kind is ScalarEvent:
            values += 1
            if values > max_values:
                raise _Refused(mark, f"the file holds more than {max_values:,} values",
                               "split the dataset into several files in a folder")
            tag, value = event.tag, event.value
            if tag is None:
                # quoted, or plain starting with a letter no resolver knows: text, without asking
                if not event.implicit[0] or value[:1] not in resolvable:
                    tag = _STR
                elif value.isdigit() and value.isascii() and value[0] != "0" and len(value) <= _MAX_NUMBER_CHARS:
                    tag, value = _INT, int(value)  # what resolving and constructing would give, faster
                else:
                    tag = resolve(ScalarNode, value, event.implicit)
            elif tag == "!":  # the non-specific tag: text, as libyaml has it (PyYAML's parser differs)
                tag = _STR
            elif tag not in _SCALAR_TAGS:
                _refuse_tag(tag, mark, "a scalar")
            if tag != _STR and value.__class__ is str:
                value = _scalar(tag, value, mark)
            is_merge_key = tag == _MERGE
            size = 1
            if event.anchor is not None:
                _define(anchors, anchor_marks, event.anchor, mark)
                anchors[event.anchor] = (value, 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            values += 1
            if values > max_values:
                raise _Refused(mark, f"the file holds more than {max_values:,} values",
                               "split the dataset into several files in a folder")
            if len(stack) >= max_depth:
                raise _Refused(mark, f"lists and mappings nested more than {max_depth} deep",
                               "a dataset needs about 6 levels: check brackets and indentation")
            is_map = kind is MappingStartEvent
            tag = event.tag
            if tag is not None and tag != "!" and tag != (_MAP if is_map else _SEQ):
                _refuse_tag(tag, mark, "a mapping" if is_map else "a list")
            anchor = event.anchor
            if anchor is not None:
                _define(anchors, anchor_marks, anchor, mark)
                anchors[anchor] = None
            stack.append(_Open(is_map, mark, anchor))
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            done = stack.pop()
            value, size, mark = done.finish(), done.size, done.mark
            if done.anchor is not None:
                anchors[done.anchor] = (value, size)
        elif kind is AliasEvent:
            name = event.anchor
            if name not in anchors:
                raise _Refused(mark, f"the alias *{name} names no anchor: there is no &{name} before it")
            entry = anchors[name]
            if entry is None:
                raise _Refused(mark, f"the alias *{name} is inside the list or mapping &{name} it names (a loop)",
                               "an alias may only repeat something that is complete")
            value, size = entry
            aliased += size
            if aliased > max_aliased:
                raise _Refused(mark, f"aliases here expand to more than {max_aliased:,} values "
                                     "(an alias bomb, like 'billion laughs')",
                               "write the values out, or use fewer aliases")
        else:  # pragma: no cover - the parser emits nothing else inside a document
            raise _Refused(mark, f"unexpected YAML {kind.__name__}")
        if not stack:
            break
        parent = stack[-1]
        if parent.is_map:
            parent.add_to_map(value, mark, is_merge_key)
        else:
            parent.value.append(value)
        parent.size += size
    get_event()  # document end
    if not loader.check_event(StreamEndEvent):
        second = get_event()
        raise _Refused(second.start_mark, "a second YAML document starts here; a data file holds one",
                       "remove the `---` line, or move what follows into a file of its own")
    return value


def _define(anchors: dict, marks: dict, name: str, mark) -> None:
    first = marks.get(name)
    if first is not None:
        raise _Refused(mark, f"the anchor &{name} is defined twice (first at line {first.line + 1}, "
                             f"column {first.column + 1})", "give each anchor its own name")
    marks[name] = mark


# --- locating validation problems -----------------------------------------------------------------


def format_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


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
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            out.append(Problem(self.name, line, col, format_path(loc), message, hint))
        return out

    def _marks(self, paths: set[tuple]) -> dict[tuple, tuple[Any, Any]]:
        """(start mark, key mark) of every node on the way to each path."""
        prefixes = {loc[:n] for loc in paths for n in range(len(loc) + 1)}
        found: dict[tuple, tuple[Any, Any]] = {}
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
                        top[4], top[5], path = event.start_mark, False, None
                    else:
                        path = top[0] + (top[3],) if top[3] is not None else None
                        key_mark, top[5] = top[4], True
                wanted = path is not None and path in prefixes
                if wanted:
                    found.setdefault(path, (event.start_mark, key_mark))
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
            wanted.append((loc, f"unknown field {_shorten(repr(loc[-1]), 80)}", _HINTS[kind], True))
        else:
            if "input" in err and kind not in ("model_type",) and not isinstance(err["input"], (dict, list)):
                message = f"{message} (got {_shorten(repr(err['input']), 80)})"
            wanted.append((loc, message, _HINTS.get(kind), False))
    return where.problems(wanted)


# --- reading and checking one file ----------------------------------------------------------------


def read_bytes(path: Path, name: str, limits: Limits | None = None) -> bytes:
    """A file's bytes, refusing it unread when it is over the size limit."""
    most = (limits or Limits()).max_file_bytes
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            data = f.read(most + 1) if size <= most else b""
    except OSError as exc:
        raise DatasetError([Problem(name, 1, 1, "", f"cannot read file: {exc.strerror}")]) from None
    if size > most or len(data) > most:
        raise DatasetError([Problem(name, 1, 1, "", f"the file is {_size(max(size, len(data)))}, over the "
                                    f"{_size(most)} limit",
                                    f"split it into several files in a folder, or raise the limit "
                                    f"with {MAX_FILE_MB_ENV}")])
    return data


_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
              (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 bytes -> text. A UTF-8 byte-order mark is accepted and dropped; UTF-16 and UTF-32
    (told by their byte-order marks) and any other bytes that are not UTF-8 are refused."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            raise DatasetError([Problem(name, 1, 1, "", f"the file is {encoding} text (it starts with a "
                                        f"{encoding} byte-order mark), not UTF-8", "save it as UTF-8")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode("utf-8", "replace").removeprefix("\ufeff")
        line, col = _position(before + " ", len(before))
        raise DatasetError([Problem(name, line, col, "", f"the file is not UTF-8 text (byte 0x{data[exc.start]:02X} "
                                    "here)", "save it as UTF-8")]) from None
    return text.removeprefix("\ufeff")


def check_text(text: str, name: str) -> str:
    """Refuse what YAML would misread or report badly; the text without a leading byte-order mark."""
    text = text.removeprefix("\ufeff")
    if not text or text.isspace():
        raise DatasetError([Problem(name, 1, 1, "", "the file is empty",
                                    "add a section such as `countries:`, or remove the file")])
    bom = text.find("\ufeff")
    if bom >= 0:
        raise _at(name, text, bom, "a byte-order mark (U+FEFF) in the middle of the file",
                  "delete it: it is invisible in most editors, and comes from joining files")
    if "\t" in text:
        tab = _TAB_INDENT.search(text)
        if tab:
            raise _at(name, text, tab.end() - 1, "a tab in the indentation: YAML indents with spaces only",
                      "replace the tab with spaces")
    return text


def _in_text(text: str, mark) -> tuple[int, int]:
    """A mark's 1-based line and column, kept inside the text: libyaml places the end of a text
    that does not end in a line break at the start of a line after it."""
    if mark is None:
        return 1, 1
    line, col = mark.line + 1, mark.column + 1
    if line > 1 and _line_start(text, line) == len(text) and text and text[-1] not in "\r\n\x85\u2028\u2029":
        line -= 1
        col = len(text) - _line_start(text, line) + 1
    return line, col


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = _in_text(text, mark)
    if mark and _char_at(text, line, col) == "\t":
        return Problem(name, line, col, "", "a tab where YAML expects a space",
                       "replace the tab with spaces, or quote the value")
    what = exc.problem or "unreadable YAML"
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        cline, ccol = _in_text(text, exc.context_mark)
        what += f"; {exc.context.removeprefix('while parsing ')} started at line {cline}, column {ccol}"
    return Problem(name, line, col, "", f"YAML syntax: {what}", "check indentation, colons and quotes on this line")


def _character_problem(text: str, name: str) -> Problem:
    bad = _NOT_PRINTABLE.search(text)
    if bad is None:  # pragma: no cover - the reader refused a character this pattern allows
        return Problem(name, 1, 1, "", "the file holds a character YAML does not allow")
    line, col = _position(text, bad.start())
    code = ord(bad.group())
    if code == 0:
        return Problem(name, line, col, "", "the file holds a NUL character (U+0000): is it a binary file?",
                       "open it in a text editor and save it as UTF-8 text")
    what = "control character" if code < 0xA0 else "character"
    return Problem(name, line, col, "", f"the file holds the {what} U+{code:04X}, which YAML does not allow",
                   "delete it, or write it as an escape in double quotes, e.g. \"\\t\"")


def parse_text(text: str, name: str, loader: type | None = None, limits: Limits | None = None) -> Any:
    """YAML text -> Python data within `limits`, or DatasetError at the problem's line and column."""
    parser = None
    try:
        parser = (loader or default_loader())(text)
        return _build(parser, limits or Limits())
    except _Refused as exc:
        line, col = _in_text(text, exc.mark)
        raise DatasetError([Problem(name, line, col, "", exc.message, exc.hint)]) from None
    except (yaml.reader.ReaderError, UnicodeEncodeError):  # a control character; a lone surrogate
        raise DatasetError([_character_problem(text, name)]) from None
    except yaml.MarkedYAMLError as exc:
        raise DatasetError([_syntax_problem(exc, text, name)]) from None
    except yaml.YAMLError as exc:
        raise DatasetError([Problem(name, 1, 1, "", f"YAML: {exc}")]) from None
    finally:
        if parser is not None:
            parser.dispose()


# --- loading --------------------------------------------------------------------------------------


@dataclass
class _Part:
    name: str
    text: str
    data: DataFile
    locator: _Locator
    records: int = 0


def load_file_text(text: str, name: str, loader: type | None = None, limits: Limits | None = None,
                   records_before: int = 0) -> _Part:
    """One file's text -> its validated sections. `records_before` counts the records of the
    dataset's files loaded before this one, for the limit on records."""
    limits = limits or Limits()
    text = check_text(text, name)
    raw = parse_text(text, name, loader, limits)
    locator = _Locator(name, text, loader)
    if raw is None:
        raise DatasetError([Problem(name, 1, 1, "", "the file holds no data, only comments or an empty document",
                                    "add a section such as `countries:`, or remove the file")])
    if not isinstance(raw, dict):
        raise DatasetError([locator.problem((), "the top level must be a mapping of sections",
                                            "start the file with a section such as `countries:`")])
    sections = [(k, v) for k, v in raw.items() if k in SECTIONS and isinstance(v, list)]
    records = sum(len(v) for _, v in sections)
    if records_before + records > limits.max_records:
        index = limits.max_records - records_before
        for key, items in sections:
            if index < len(items):
                raise DatasetError([locator.problem(
                    (key, index), f"the dataset holds more than {limits.max_records:,} records; this is "
                                  "the first past the limit", "split the data into several datasets")])
            index -= len(items)
    try:
        return _Part(name, text, DataFile.model_validate(raw), locator, records)
    except ValidationError as exc:
        raise DatasetError(_pydantic_problems(exc, locator)) from None


def dataset_files(path: Path) -> list[Path]:
    """The YAML files a path names: the file itself, or a folder's *.yaml and *.yml, sorted."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise DatasetError([Problem(str(path), 1, 1, "", "the folder has no .yaml files",
                                        "point --data at a .yaml file or a folder holding them")])
        return files
    if not path.exists():
        raise DatasetError([Problem(str(path), 1, 1, "", "no such file or folder")])
    if not path.is_file():
        raise DatasetError([Problem(str(path), 1, 1, "", "not a regular file or folder",
                                    "point --data at a .yaml file or a folder holding them")])
    return [path]


class _Loading:
    """One dataset being loaded: its files' parts, every problem so far, and the record count."""

    def __init__(self, loader: type | None, limits: Limits):
        self.loader, self.limits = loader, limits
        self.parts: list[_Part] = []
        self.problems: list[Problem] = []
        self.records = 0

    def add(self, name: str, content: bytes | str | Callable[[], bytes]) -> None:
        try:
            data = content() if callable(content) else content
            text = data if isinstance(data, str) else decode_text(data, name)
            part = load_file_text(text, name, self.loader, self.limits, self.records)
        except DatasetError as exc:
            self.problems.extend(exc.problems)
        except Exception as exc:  # noqa: BLE001 - untrusted input must never crash the caller
            self.problems.append(_unexpected(name, exc))
        else:
            self.records += part.records
            self.parts.append(part)

    def finish(self) -> Dataset:
        if self.problems:
            raise DatasetError(self.problems)
        try:
            return join(self.parts)
        except DatasetError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise DatasetError([_unexpected(self.parts[0].name if self.parts else "dataset", exc)]) from None


def _unexpected(name: str, exc: Exception) -> Problem:
    if isinstance(exc, MemoryError):
        return Problem(name, 1, 1, "", "not enough memory to load this file", "split it into smaller files")
    return Problem(name, 1, 1, "", f"internal error while loading: {type(exc).__name__}: {_shorten(str(exc))}",
                   "please report this, with the file")


def load_paths(paths: Iterable[Path], loader: type | None = None, limits: Limits | None = None) -> Dataset:
    """Load and join every YAML file the paths name; raise DatasetError listing every problem."""
    files: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        try:
            files.extend(dataset_files(Path(p)))
        except DatasetError as exc:
            problems.extend(exc.problems)
    loading = _Loading(loader, limits or Limits.from_env())
    loading.problems.extend(problems)
    for f in files:
        loading.add(str(f), functools.partial(read_bytes, f, str(f), loading.limits))
    return loading.finish()


def load_data(files: Iterable[tuple[str, bytes | str]], loader: type | None = None,
              limits: Limits | None = None) -> Dataset:
    """Load and join a dataset held in memory: (name, bytes or text) for each file."""
    loading = _Loading(loader, limits or Limits.from_env())
    for name, content in files:
        loading.add(name, content)
    return loading.finish()


def load(path: Path | str | None = None, loader: type | None = None, limits: Limits | None = None) -> Dataset:
    """Load a dataset from a file or folder (default: the bundled one)."""
    return load_paths([Path(path) if path is not None else bundled_data()], loader, limits)


def join(parts: list[_Part]) -> Dataset:
    """Join files' sections into one Dataset and locate every cross-record finding."""
    joined: dict[str, list] = {name: [] for name in SECTIONS}
    origin: dict[str, list[tuple[_Part, int]]] = {name: [] for name in SECTIONS}
    meta, meta_part, wanted = None, None, []
    for part in parts:
        if part.data.meta is not None:
            if meta is not None:
                wanted.append((part, (("meta",), "a second `meta:` section", "keep `meta:` in one file only", True)))
            meta, meta_part = part.data.meta, part
        for name in SECTIONS:
            records = getattr(part.data, name)
            joined[name].extend(records)
            origin[name].extend((part, i) for i in range(len(records)))
    dataset = Dataset.model_construct(meta=meta, **joined)
    for f in dataset.findings():
        if f.index is None:  # a finding in meta:
            wanted.append((meta_part, ((f.section,) + f.path, f.message, f.hint, False)))
            continue
        part, local = origin[f.section][f.index]
        wanted.append((part, ((f.section, local) + f.path, f.message, f.hint, False)))
    if wanted:
        raise DatasetError(_locate_all(wanted))
    return dataset


def _locate_all(wanted: list[tuple[_Part, tuple]]) -> list[Problem]:
    """Locate each (part, request) in order, with one pass over each file that has problems."""
    by_part: dict[int, tuple[_Part, list[int]]] = {}
    for i, (part, _) in enumerate(wanted):
        by_part.setdefault(id(part), (part, []))[1].append(i)
    out: list[Problem] = [None] * len(wanted)  # type: ignore[list-item]
    for part, indexes in by_part.values():
        for i, problem in zip(indexes, part.locator.problems([wanted[i][1] for i in indexes])):
            out[i] = problem
    return out


def main_error_exit(exc: DatasetError, stream=None) -> int:
    """Print every problem on stderr; the exit code for an invalid dataset."""
    stream = stream or sys.stderr
    for p in exc.problems:
        print(p, file=stream)
    n = len(exc.problems)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.", file=stream)
    return 1
