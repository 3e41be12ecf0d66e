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
    more: int = 0
    """Not a record: how many more the section holds than it lists (`… and N more`)."""


def more_line(n: int) -> Line:
    """The last line of a section that lists only some of its records: how many it left out."""
    return Line(f"… and {n:,} more", more=n)


def glimpse(lines: list[Line], most: int) -> tuple[list[Line], int]:
    """The first `most` lines of a section, and how many records it holds beyond them (a section
    that already ends in `more_line` counts what that line says): what a side panel shows."""
    left = sum(line.more if line.more else 1 for line in lines[most:])
    return list(lines[:most]), left


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


