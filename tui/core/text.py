"""Text in and out. How messages quote what they found (cut to a readable length with its size,
letters that only look Latin named: an id "DЕ" with a Cyrillic Е reads as "DE"), and the one rule
per destination for text that leaves the tool (screen, terminal, clipboard, CSV, JSON)."""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from typing import Any


def quoted(value: Any, most: int = 60) -> str:
    """`repr(value)`, cut to `most` characters with the whole value's size when longer:
    'AAAA…' (5,000,000 characters)."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's digit limit for str()
        return "a number too long to show"
    if len(text) <= most:
        return text
    size = len(value) if isinstance(value, str) else len(text)
    return f"{text[: most - 1]}… ({size:,} characters)"


def non_latin(text: Any) -> str | None:
    """For text that ought to be plain ASCII (an id): a note naming its first other character
    ("holds non-Latin letters: 'Е' is U+0415 CYRILLIC CAPITAL LETTER IE"), else None."""
    if not isinstance(text, str) or text.isascii():
        return None
    odd = [c for c in text if not c.isascii()]
    first = odd[0]
    name = unicodedata.name(first, "an unnamed character")
    more = f", and {len(odd) - 1:,} more" if len(odd) > 1 else ""
    kind = "non-Latin letters" if any(c.isalpha() for c in odd) else "characters that are not ASCII"
    return f"it holds {kind}: {first!r} is U+{ord(first):04X} {name}{more}"


def unknown(kind: str, value: Any) -> str:
    """"unknown country 'XX'", cut, with a note when the id holds non-Latin letters."""
    note = non_latin(value)
    return f"unknown {kind} {quoted(value)}" + (f" ({note})" if note else "")


# ---------------------------------------------------------------------------------------------
# Text that leaves the tool: one rule per destination, here and nowhere else.
#
# Every character a terminal may act on is shown as its escape (ESC as \x1b, U+202E as \u202e):
# C0 controls, DEL, C1 controls, bidi controls and the Unicode line and paragraph separators.
# What differs by destination is only which of the harmless whitespace survives and what else
# must be neutralised:
#   screen (one line)  tab and line breaks become spaces; the rest escaped       -> visible()
#   terminal / text    everything escaped, line breaks too (a field is one line) -> for_terminal()
#   clipboard field    as the terminal: no line break inside a field             -> for_clipboard()
#   CSV cell           LF and tab kept (inside quoted fields), the rest escaped,
#                      and a text cell that starts with = + - @ tab or CR gets a
#                      leading ' (OWASP's CSV-injection guidance)               -> for_csv()
#   JSON               values exact once parsed; C1, bidi and other controls
#                      written as \uXXXX so a raw `cat` of the file is safe     -> json_text()
#   BibTeX field       as the terminal, then LaTeX's specials escaped so that
#                      braces always balance and no @ starts an entry           -> for_bibtex()
#   BibTeX url field   as the terminal, then { } \\ and spaces percent-encoded   -> for_bibtex_url()
#   RIS value          as the terminal: one line, so no value can end a record   -> for_ris()
#   SQLite text        LF and tab kept, every other control, C1 and bidi character
#                      escaped (the sqlite3 shell prints cells raw)              -> for_sqlite()
#   file names in messages: for_terminal()
# ---------------------------------------------------------------------------------------------

_OTHER = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_RE = re.compile(f"[\x00-\x1f{_OTHER}]")
_UNSAFE_CSV_RE = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER}]")  # LF and tab stay
FORMULA_PREFIX = "'"
"""What a CSV text cell that a spreadsheet would read as a formula starts with (OWASP)."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def is_safe(text: str) -> bool:
    """True when the text holds no character that a terminal may act on."""
    return _UNSAFE_RE.search(text) is None


def for_terminal(text: str) -> str:
    """Text for a terminal or any plain-text output: every control, C1 and bidi character (line
    breaks and tabs included) shown as its escape."""
    return text if _UNSAFE_RE.search(text) is None else _UNSAFE_RE.sub(lambda m: _escape(m.group()), text)


def visible(text: str) -> str:
    """Text safe to draw on one line of a screen: tab and line breaks as spaces, every other
    control and bidi character shown as its escape (\\x1b)."""
    if _UNSAFE_RE.search(text) is None:
        return text
    return _UNSAFE_RE.sub(lambda m: " " if m.group() in "\t\n" else _escape(m.group()), text)


def for_clipboard(text: str) -> str:
    """One field of text sent to a clipboard: as for the terminal, so that no line break inside
    a field can put a command on a line of its own when pasted (pastejacking)."""
    return for_terminal(text)


def for_csv(value):
    """One CSV cell. Text keeps line feeds and tabs (the writer quotes them), escapes every other
    control, C1 and bidi character, and gets a leading ' when it starts with a character that a
    spreadsheet reads as a formula. Numbers (int, float, not bool) are left as they are."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    if _UNSAFE_RE.search(text) is not None:
        text = _UNSAFE_CSV_RE.sub(lambda m: _escape(m.group()), text)
    if text.startswith(_FORMULA_START):
        text = FORMULA_PREFIX + text
    return text


_JSON_UNSAFE_RE = re.compile(f"[{_OTHER}]")


def json_text(data, **kwargs) -> str:
    """`json.dumps` that keeps values exact once parsed but writes C1, bidi and line-separator
    characters as \\uXXXX (C0 controls json escapes itself), so the file is safe to `cat`."""
    kwargs.setdefault("ensure_ascii", False)
    text = json.dumps(data, **kwargs)
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


ESCAPE_ERRORS = "coalition-escape"
"""The codec error handler for an output that cannot take every character (an ASCII or Latin-1
stdout): each one it cannot encode is written as \\uXXXX (as a UTF-16 pair past U+FFFF), which
reads as an escape in text and CSV and is the same value again in JSON."""


def _escape_unencodable(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        code = ord(ch)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), exc.end


codecs.register_error(ESCAPE_ERRORS, _escape_unencodable)


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
                   "%": r"\%", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}", "@": "{@}"}
_BIBTEX_RE = re.compile("[" + re.escape("".join(_BIBTEX_SPECIAL)) + "]")


def for_bibtex(text: str) -> str:
    """A BibTeX field's value, to be written inside braces: one line (as for_terminal), LaTeX's
    special characters escaped, so every brace in the result is balanced, `@` (which starts an
    entry) is `{@}`, and LaTeX prints the text as it was."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], for_terminal(text))


def for_bibtex_url(url: str) -> str:
    """A URL for BibTeX's verbatim `url` field: one line, and the characters that would end the
    field or the line (braces, backslash, spaces) percent-encoded; the address stays the same."""
    return re.sub(r"[{}\\ ]", lambda m: f"%{ord(m.group()):02X}", for_terminal(url))


def for_ris(text: str) -> str:
    """A RIS value: one line (as for_terminal), so no value can start a tag of its own (`ER  -`)."""
    return for_terminal(text).strip()


def for_sqlite(value):
    """One SQLite cell: text keeps line feeds and tabs and escapes every other control, C1 and
    bidi character (as for CSV, without the formula mark: the sqlite3 shell and `datasette` print
    cells to terminals as they are). Numbers, booleans as 0/1, and None pass unchanged."""
    if value is None or isinstance(value, (int, float)):
        return int(value) if isinstance(value, bool) else value
    text = str(value)
    return text if _UNSAFE_RE.search(text) is None else _UNSAFE_CSV_RE.sub(lambda m: _escape(m.group()), text)
