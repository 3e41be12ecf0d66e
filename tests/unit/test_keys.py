"""An Escape and a key pressed after the Escape's wait has run out are two keys (tui/ui/keys.py),
whenever the driver last looked at the clock; within the wait, a terminal's sequence stays whole."""

from __future__ import annotations

import tui.ui.keys  # noqa: F401  (the fix under test)
from textual._xterm_parser import XTermParser


def keys(parser, data):
    return [e.key for e in parser.feed(data) if hasattr(e, "key")]


def test_a_late_key_after_escape_is_not_alt():
    p = XTermParser()
    assert keys(p, "\x1b") == []          # waiting: it may be the start of a sequence
    p._timeout_time = 0.0                  # the wait ran out (no tick came to say so)
    assert keys(p, "q") == ["escape", "q"]  # not alt+q
    p = XTermParser()
    keys(p, "\x1b")
    p._timeout_time = 0.0
    assert keys(p, "4") == ["escape", "4"]  # not '¢'


def test_a_sequence_in_one_write_stays_whole():
    p = XTermParser()
    assert keys(p, "\x1b[A") == ["up"]
    assert keys(p, "\x1bOP") == ["f1"]
