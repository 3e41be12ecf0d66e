"""YAML text -> plain Python values, held to every limit: plain tags only, no duplicate keys,
bounded nesting, number of values and alias expansion. The same builder runs on libyaml's C parser
and on the pure-Python one, so both give the same results."""

from __future__ import annotations

from array import array
import re
from typing import Any, Callable

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
from yaml.nodes import ScalarNode

from tui.core.text import quoted
from tui.data.positions import (_at, _char_at, _EXOTIC_BREAK, _line_start, _NOT_PRINTABLE, _position, _TAB_INDENT,
                                 editor_position, mark_position)
from tui.data.problems import _MAX_NUMBER_CHARS, DatasetError, Limits, Problem


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


_WORDS_ONLY = frozenset(first for first, entries in PyLoader.yaml_implicit_resolvers.items()
                        if first and entries and all(tag in (_BOOL, _NULL) for tag, _ in entries))
"""First letters whose plain scalars resolve only to a bool or null word (yes, No, true, FALSE,
null, ...; at most 5 letters): a longer one is text without asking the resolvers' patterns (a
flood of 700,000 `nosuch-N` asked each time: 1.5 µs apiece)."""


def default_loader() -> type:
    return CLoader or PyLoader


# --- building data from YAML events ---------------------------------------------------------------


class _Refused(Exception):
    """The builder refusing the document at a mark."""

    def __init__(self, mark, message: str, hint: str | None = None, first=None):
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint
        self.first = first
        """The mark of an earlier thing the message names as `(first at FIRST)`."""

    def text(self, text: str) -> str:
        if self.first is None:
            return self.message
        line, col = mark_position(text, self.first)
        return self.message.replace(_FIRST, f"line {line}, column {col}")


_FIRST = "\0FIRST\0"  # where a message names an earlier mark (a repr never holds a raw NUL)


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
            raise _Refused(mark, f"{quoted(value)} is not a valid !!bool", "write true or false")
        return found
    if len(value) > _MAX_NUMBER_CHARS:
        raise _Refused(mark, f"a number {len(value):,} characters long; the limit is {_MAX_NUMBER_CHARS:,}",
                       "quote it if it is text")
    try:
        node = ScalarNode(tag, value)
        return _NUMBERS.construct_yaml_int(node) if tag == _INT else _NUMBERS.construct_yaml_float(node)
    except (ValueError, IndexError, OverflowError):
        raise _Refused(mark, f"{quoted(value)} is not a valid {_show_tag(tag)}", "remove the tag, or fix the number") from None


_NO_KEY = object()

# A list or mapping being built is a list (made and read faster than an object, 200,000 times in
# 100,000 records): [value, is_map, mark, size, anchor, key, key_marks, merging, merges] -
# the list or dict built; whether it is a mapping; where it starts; the values it holds, itself
# and all inside it (counted only while an anchored one is open: an alias repeats that many); its
# anchor; a mapping's key waiting for its value (_NO_KEY: none); where each key was (by key); whether
# the waiting key is `<<`; the mappings `<<` merges in (None: none).
_VALUE, _IS_MAP, _MARK, _SIZE, _ANCHOR, _KEY, _KEY_MARKS, _MERGING, _MERGES = range(9)


def _add_to_map(frame: list, value: Any, mark, is_merge_key: bool) -> None:
    """The next key of a mapping being built, or the value of the key before it (what the
    builder's quick path leaves: keys that are not text, a duplicate key, `<<`)."""
    if frame[_KEY] is _NO_KEY:
        if isinstance(value, (list, dict)):
            raise _Refused(mark, "a key must be text, not a list or a mapping",
                           "check the indentation, or quote the key")
        if not isinstance(value, str) and not is_merge_key:
            what = {bool: "true or false", type(None): "null", int: "a number", float: "a number"}.get(
                type(value), f"a {type(value).__name__}")
            raise _Refused(mark, f"a key must be text; this one reads as {what} ({quoted(value)})",
                           "quote the key, e.g. '1': or 'yes':")
        first = frame[_KEY_MARKS].get(value)
        if first is not None:
            shown = "<<" if is_merge_key else quoted(value)
            raise _Refused(mark, f"duplicate key {shown} (first at {_FIRST}); YAML would silently keep only the last",
                           "remove one, or merge the two", first)
        frame[_KEY], frame[_MERGING] = value, is_merge_key
        frame[_KEY_MARKS][value] = mark
    else:
        if frame[_MERGING]:
            merged = value if isinstance(value, list) else [value]
            if not all(isinstance(m, dict) for m in merged):
                raise _Refused(mark, "`<<` merges a mapping, or a list of mappings, into this one",
                               "write `<<: *anchor` naming a mapping")
            if frame[_MERGES] is None:
                frame[_MERGES] = []
            frame[_MERGES].extend(merged)
            frame[_MERGING] = False
        else:
            frame[_VALUE][frame[_KEY]] = value
        frame[_KEY] = _NO_KEY


def _finish(frame: list) -> Any:
    """A mapping's value with what `<<` merges in."""
    merged: dict = {}
    for m in reversed(frame[_MERGES]):  # as PyYAML: the first mapping merged wins, own keys win over all
        merged.update(m)
    merged.update(frame[_VALUE])
    return merged


TICK_RECORDS = 1_000
"""How many records a file's parse reads between two calls of its `tick` (a few milliseconds)."""


def _build(loader, limits: Limits, record_marks: dict | None = None,  # noqa: C901
           tick: Callable[[int, int], None] | None = None) -> Any:
    """Python data from the loader's parser events, holding the document to `limits`. This is the
    only place untrusted YAML becomes objects. Raises _Refused or a yaml.YAMLError.

    `record_marks`, when given, gets where each record of each top-level section starts (section
    -> array of two numbers a record: YAML line << 40 | column, and the index in the text; -1, -1
    for an item that is not a list or mapping): what the locator would otherwise parse the whole
    file again to find (a flood of 700,000 records each missing a field asks for every one), and
    where to parse one record alone for a path inside it (tui.data.locate).

    `tick(records, line)`, when given, is called every TICK_RECORDS records of the top-level
    sections with the records begun so far and the line reached: how far through one big file the
    parse is (tui.data.load reports it as progress). What it raises stops the parse.

    The loop runs once per parser event (17 a membership): the usual cases (a text key, a value,
    an item) are handled inline, the rest by _add_to_map."""
    get_event, resolve = loader.get_event, loader.resolve
    resolvable = loader.yaml_implicit_resolvers  # first character -> the tags a plain scalar may have
    max_depth, max_values, max_aliased = limits.max_depth, limits.max_values, limits.max_alias_values
    get_event()  # stream start
    if loader.check_event(StreamEndEvent):
        return None
    get_event()  # document start
    anchors: dict[str, tuple[Any, int] | None] = {}  # None while the anchored list/mapping is open
    anchor_marks: dict[str, Any] = {}
    stack: list[list] = []
    parent: list | None = None  # stack[-1]
    anchored = 0  # anchored lists and mappings open: while there are none, sizes are not counted
    values = aliased = aliased_chars = records = 0
    anchor_chars: dict[str, int] = {}  # characters of text an anchor's value holds, when aliased
    str_, no_key = str, _NO_KEY
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
                    pass
                elif value.isdigit() and value.isascii() and value[0] != "0" and len(value) <= _MAX_NUMBER_CHARS:
                    value = int(value)  # what resolving and constructing would give, faster
                elif len(value) > 5 and value[0] in _WORDS_ONLY:
                    pass  # "nosuch-1", "Norway": past the longest bool or null word ("false")
                else:
                    tag = resolve(ScalarNode, value, event.implicit)
                    if tag != _STR:
                        value = _scalar(tag, value, mark)
                        is_merge_key = tag == _MERGE
            elif tag == "!":  # the non-specific tag: text, as libyaml has it (PyYAML's parser differs)
                pass
            elif tag not in _SCALAR_TAGS:
                _refuse_tag(tag, mark, "a scalar")
            elif tag != _STR:
                value = _scalar(tag, value, mark)
            if event.anchor is not None:
                _define(anchors, anchor_marks, event.anchor, mark)
                anchors[event.anchor] = (value, 1)
            size = 1
            if parent is None:  # the document is one scalar
                break
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
                anchored += 1
            if len(stack) == 2 and stack[0][_IS_MAP] and not parent[_IS_MAP]:  # a record begins
                if record_marks is not None:
                    _mark_record(record_marks, stack[0][_KEY], len(parent[_VALUE]), mark)
                if tick is not None:
                    records += 1
                    if records % TICK_RECORDS == 0:
                        tick(records, mark.line)
            parent = [{}, True, mark, 1, anchor, no_key, {}, False, None] if is_map else \
                [[], False, mark, 1, anchor, no_key, None, False, None]
            stack.append(parent)
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            done = stack.pop()
            value = done[_VALUE] if done[_MERGES] is None else _finish(done)
            size, mark = done[_SIZE], done[_MARK]
            if done[_ANCHOR] is not None:
                anchors[done[_ANCHOR]] = (value, size)
                anchored -= 1
            if not stack:
                break
            parent = stack[-1]
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
            chars = anchor_chars.get(name)
            if chars is None:
                chars = anchor_chars[name] = _chars(value)
            aliased_chars += chars
            if aliased_chars > limits.max_alias_chars:
                raise _Refused(mark, f"aliases here expand to more than {_size_chars(limits.max_alias_chars)} of "
                                     "text (an alias bomb of long text: each alias repeats it in every output)",
                               "write the text out where it is needed, or use fewer aliases")
            if parent is None:  # pragma: no cover - the parser refuses a document that is one alias
                break
        else:  # pragma: no cover - the parser emits nothing else inside a document
            raise _Refused(mark, f"unexpected YAML {kind.__name__}")
        if parent[_IS_MAP]:
            key = parent[_KEY]
            if key is no_key and value.__class__ is str_ and not is_merge_key and value not in parent[_KEY_MARKS]:
                parent[_KEY] = value  # a text key, the first of its name
                parent[_KEY_MARKS][value] = mark
            elif key is not no_key and not parent[_MERGING]:
                parent[_VALUE][key] = value  # its value
                parent[_KEY] = no_key
            else:
                _add_to_map(parent, value, mark, is_merge_key)
        else:
            parent[_VALUE].append(value)
        if anchored:
            parent[_SIZE] += size
    get_event()  # document end
    if not loader.check_event(StreamEndEvent):
        second = get_event()
        raise _Refused(second.start_mark, "a second YAML document starts here; a data file holds one",
                       "remove the `---` line, or move what follows into a file of its own")
    return value


def _chars(value: Any) -> int:
    """Characters of text in a built value, keys included (what an alias to it repeats)."""
    total, todo = 0, [value]
    while todo:
        v = todo.pop()
        if v.__class__ is str:
            total += len(v)
        elif isinstance(v, dict):
            todo.extend(v.keys())
            todo.extend(v.values())
        elif isinstance(v, list):
            todo.extend(v)
    return total


def _size_chars(n: int) -> str:
    return f"{n / 2**20:,.0f} MB" if n >= 2**20 else f"{n:,} characters"


def _mark_record(record_marks: dict, section, index: int, mark) -> None:
    if not isinstance(section, str):
        return
    found = record_marks.get(section)
    if found is None:
        found = record_marks[section] = array("q")
    if len(found) < 2 * index:  # items before that were scalars or aliases
        found.extend([-1] * (2 * index - len(found)))
    if len(found) == 2 * index:
        found.append((mark.line << 40) | mark.column)
        found.append(mark.index)


def _define(anchors: dict, marks: dict, name: str, mark) -> None:
    first = marks.get(name)
    if first is not None:
        raise _Refused(mark, f"the anchor &{name} is defined twice (first at {_FIRST})",
                       "give each anchor its own name", first)
    marks[name] = mark


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


def _long_key(exc: yaml.MarkedYAMLError, text: str) -> int:
    """The length of the key, when the error is YAML's limit of 1,024 characters on a key in one
    line (reported by the scanner as a missing ':'), else 0."""
    start, end = exc.context_mark, exc.problem_mark
    if (exc.context != "while scanning a simple key" or start is None or end is None
            or start.line != end.line or end.column - start.column <= 1024):
        return 0
    line_start = _line_start(text, start.line + 1)
    line = text[line_start + start.column: line_start + end.column + 4096]
    colon = re.search(r":(\s|$)", line[1024:])
    return 1024 + colon.start() if colon else 0


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = _in_text(text, mark)
    if mark and _char_at(text, line, col) == "\t":
        return Problem(name, *editor_position(text, line, col), "", "a tab where YAML expects a space",
                       "replace the tab with spaces, or quote the value")
    long_key = _long_key(exc, text)
    if long_key:
        cline, ccol = editor_position(text, *_in_text(text, exc.context_mark))
        return Problem(name, cline, ccol, "", f"a key {long_key:,} characters long: YAML reads at most 1,024 "
                       "characters of a key on one line", "shorten the key (field names are short words)")
    what = exc.problem or "unreadable YAML"
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        cline, ccol = editor_position(text, *_in_text(text, exc.context_mark))
        what += f"; {exc.context.removeprefix('while parsing ')} started at line {cline}, column {ccol}"
    exotic = _EXOTIC_BREAK.search(text)
    if exotic:  # the likely cause, and invisible in most editors
        eline, ecol = _position(text, exotic.start())
        what += (f"; the file holds U+{ord(exotic.group()):04X} at line {eline}, column {ecol}, which YAML "
                 "reads as a line end (most editors show none there)")
    return Problem(name, *editor_position(text, line, col), "", f"YAML syntax: {what}",
                   "check indentation, colons and quotes on this line")


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


def parse_text(text: str, name: str, loader: type | None = None, limits: Limits | None = None,
               record_marks: dict | None = None, tick: Callable[[int, float], None] | None = None) -> Any:
    """YAML text -> Python data within `limits`, or DatasetError at the problem's line and column.
    `record_marks`: see _build. `tick(records, fraction)`: every TICK_RECORDS records, the
    records begun so far and how far through the text the parse is (0 to 1, by lines)."""
    parser = None
    on_line = None
    if tick is not None:
        lines = max(1, text.count("\n"))
        on_line = lambda records, line: tick(records, min(1.0, line / lines))  # noqa: E731
    try:
        parser = (loader or default_loader())(text)
        return _build(parser, limits or Limits(), record_marks, on_line)
    except _Refused as exc:
        line, col = editor_position(text, *_in_text(text, exc.mark))
        raise DatasetError([Problem(name, line, col, "", exc.text(text), exc.hint)]) from None
    except (yaml.reader.ReaderError, UnicodeEncodeError):  # a control character; a lone surrogate
        raise DatasetError([_character_problem(text, name)]) from None
    except yaml.MarkedYAMLError as exc:
        raise DatasetError([_syntax_problem(exc, text, name)]) from None
    except yaml.YAMLError as exc:
        raise DatasetError([Problem(name, 1, 1, "", f"YAML: {exc}")]) from None
    finally:
        if parser is not None:
            parser.dispose()

