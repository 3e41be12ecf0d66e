"""An Escape and the key pressed after it stay two keys.

Textual's input parser waits ESCDELAY (the CLI sets 25 ms; Textual's default is 100) after a
lone Escape for the rest of an escape sequence, but it only looks at the clock when the driver
ticks it, every 100 ms. Bytes that arrive before that tick are parsed together with the Escape,
however late they came: Escape then q 50 ms later was read as alt+q (F1, Escape, q left the
dashboard open), Escape then 4 as "¢". The fix is where the fault is: before new bytes are
parsed, an Escape whose wait has run out is given out as the Escape key. Textual is pinned
(textual==8.2.8); tests/cli/test_pty.py types these keys 50 ms apart in a real terminal.
"""

from __future__ import annotations

from textual._xterm_parser import XTermParser

_feed = XTermParser.feed


def _feed_after_timeouts(self: XTermParser, data: str):
    yield from self.tick()  # an Escape whose wait ran out before these bytes came is a key of its own
    yield from _feed(self, data)


if not getattr(XTermParser.feed, "_escape_apart", False):
    _feed_after_timeouts._escape_apart = True  # type: ignore[attr-defined]
    XTermParser.feed = _feed_after_timeouts  # type: ignore[method-assign]
