"""How messages quote what they found: cut to a readable length with its size, and the letters
that only look Latin named (an id "DЕ" with a Cyrillic Е reads as "DE" in any message)."""

from __future__ import annotations

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
