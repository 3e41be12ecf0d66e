"""The lines of a detail view, with the marks they carry, and how screens and copies say them.
Kept apart from the detail builders so that a screen can draw lines without importing them."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.refs import SourceRef
from tui.views.cells import CONFLICT_MARK, VIA_MARK
from tui.views.index import Link


def _mark(unconfirmed: bool) -> str:
    return " (unconfirmed)" if unconfirmed else ""


@dataclass(frozen=True)
class Line:
    """One line of a detail view: its text, where Enter goes, the sources behind it, and its
    marks: unconfirmed, reached through a translation or a rendering (`via`: its word), sources
    disagree about it (`conflict`). `shown(line)` is how every screen and copy says them."""

    text: str
    link: Link | None = None
    sources: tuple[SourceRef, ...] = ()
    unconfirmed: bool = False
    via: str | None = None
    conflict: bool = False


VIA_WORDS = {"translation": "via a translation", "rendering": "via another outlet's rendering"}


def shown(line: Line) -> str:
    """A detail line as screens and copies say it: its text, then ⇄ and how it reached us, ≠ when
    sources disagree, and (unconfirmed)."""
    text = line.text
    if line.via:
        text += f" {VIA_MARK} {VIA_WORDS.get(line.via, 'via ' + line.via)}"
    if line.conflict:
        text += f" {CONFLICT_MARK}"
    return text + _mark(line.unconfirmed)


