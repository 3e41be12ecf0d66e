"""Headless screenshots: draw any pane of the dashboard at any terminal size, with no terminal,
and keep it as SVG (Textual's own export) or PNG (that SVG rendered by cairosvg).

Everything a user can get wrong (pane, theme, record, date, size, file name) is checked before
the app starts, and each mistake raises `ScreenshotError` with a one-line message. Textual is
imported only inside the functions that draw or need the app's pane and theme names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.model import Dataset

import asyncio
import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from tui.export.png import FORMATS, ScreenshotError

DEFAULT_SIZE = (80, 24)
MIN_SIZE, MAX_SIZE = (20, 5), (1000, 500)

SETTLE = 0.05
"""Seconds between two exports that must agree before the screen counts as drawn."""


@dataclass(frozen=True)
class Shot:
    """What to draw: a pane, optionally a record's detail over it, at a date, size and theme.

    Build one with `Shot.checked`, which validates every field against the dataset and app.
    """

    pane: str = "countries"
    select: tuple[str, str] | None = None   # (kind, id) of the detail to open
    as_of: _dt.date | None = None
    as_of_text: str | None = None          # the partial date typed, if it was one ("2023")
    size: tuple[int, int] = DEFAULT_SIZE
    theme: str | None = None
    today: _dt.date | None = None

    @classmethod
    def checked(cls, ds: Dataset, *, pane: str = "countries", select: str | None = None,
                as_of: str | _dt.date | None = None, size: str | tuple[int, int] = DEFAULT_SIZE,
                theme: str | None = None, today: str | _dt.date | None = None) -> Shot:
        """A Shot from user input (strings as typed on the command line), or ScreenshotError."""
        from tui.views import Views

        panes = pane_names()
        if pane not in panes:
            raise ScreenshotError(f"unknown pane {pane!r}; choose one of {', '.join(panes)}")
        if theme is not None and theme not in (themes := theme_names(ds)):
            raise ScreenshotError(f"unknown theme {theme!r}; choose one of {', '.join(themes)}")
        return cls(
            pane=pane,
            select=resolve_select(Views(ds), select) if select is not None else None,
            as_of=parse_date(as_of, "--as-of") if isinstance(as_of, str) else as_of,
            as_of_text=as_of.strip() if isinstance(as_of, str) and len(as_of.strip()) < 10 else None,
            size=parse_size(size) if isinstance(size, str) else _check_size(size),
            theme=theme,
            today=parse_date(today, "--today") if isinstance(today, str) else today,
        )


# --- checking what the user typed ----------------------------------------------------------------


def pane_names() -> list[str]:
    """The panes, in the order of the app's tabs."""
    from tui.views.panes import PANE_IDS

    return list(PANE_IDS)


def theme_names(ds: Dataset) -> list[str]:
    """Every theme the app offers, Textual's and any the app registers itself."""
    from tui.ui.app import CoalitionApp

    return sorted(CoalitionApp(ds).available_themes)


_SIZE_RE = re.compile(r"^\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*$")


def parse_size(text: str) -> tuple[int, int]:
    """'100x30' -> (100, 30): a terminal size in columns and rows."""
    m = _SIZE_RE.match(text)
    if not m:
        raise ScreenshotError(f"bad --size {text!r}: give WIDTHxHEIGHT in columns and rows, e.g. 100x30")
    return _check_size((int(m[1]), int(m[2])), text)


def _check_size(size: tuple[int, int], text: str | None = None) -> tuple[int, int]:
    w, h = size
    if not (MIN_SIZE[0] <= w <= MAX_SIZE[0] and MIN_SIZE[1] <= h <= MAX_SIZE[1]):
        raise ScreenshotError(
            f"bad --size {text or f'{w}x{h}'!r}: width must be {MIN_SIZE[0]}-{MAX_SIZE[0]} columns "
            f"and height {MIN_SIZE[1]}-{MAX_SIZE[1]} rows")
    return (w, h)




def parse_date(text: str, option: str = "date") -> _dt.date:
    """'2024', '2024-06' or '2024-06-13' -> the date it means (a partial date: its last day)."""
    from tui.core.dates import parse_typed

    try:
        return parse_typed(text)
    except ValueError:
        raise ScreenshotError(f"bad {option} date {text!r}: write YYYY-MM-DD (or YYYY-MM, YYYY for its "
                              "last day)") from None


def resolve_select(views, text: str) -> tuple[str, str]:
    """The record `--select` names: a country by ISO code ('DE'), a meeting by id ('udcg-25') or
    by number ('25') when only one coalition has meetings, or any other record by its id."""
    text = text.strip()
    meeting = views.ix.resolve_meeting(text)
    if meeting is not None:
        return ("meeting", meeting)
    if text.upper() in views.ix.countries:
        return ("country", text.upper())
    from tui.core.kinds import KINDS

    for kind in (k.name for k in KINDS):  # every registered kind (a toy kind too)
        if views.details.record(kind, text) is not None:
            return (kind, text)
    raise ScreenshotError(f"unknown record {text!r} for --select: give a country's ISO code "
                          f"(e.g. DE), a meeting's id, or a record id")


def format_of(path: Path | str) -> str:
    """'svg' or 'png', from a file name's extension."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise ScreenshotError(f"cannot tell the format of {str(path)!r}: name it .svg or .png")
    return ext


def check_folder(folder: Path) -> None:
    """Fail now, before drawing, if files cannot be created in `folder`."""
    import os
    import tempfile

    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise ScreenshotError(f"cannot write to {folder}: it {what}")
    try:
        fd, probe = tempfile.mkstemp(prefix=".coalition-tui-probe.", dir=folder)
    except OSError as exc:
        raise ScreenshotError(f"cannot write to {folder}: {exc.strerror}") from None
    os.close(fd)
    os.unlink(probe)


# --- drawing ---------------------------------------------------------------------------------------


async def render_panes_async(ds: Dataset, shot: Shot, panes: list[str]) -> dict[str, str]:
    """Each pane in turn, in one headless app (starting one app per pane costs more than
    switching tabs, and draws the same): `shot` with its pane replaced, as SVG by pane."""
    from tui.ui.app import CoalitionApp

    app = CoalitionApp(ds, pane=panes[0], today=shot.today)
    app.animation_level = "none"  # a still image: draw the end state of every animation
    app.types = False  # nothing is typed: no filter index made beside the screen (1.6 s at 1M rows)
    out: dict[str, str] = {}
    async with app.run_test(size=shot.size) as pilot:
        await _until(pilot, lambda: _mounted(app, panes[0]))
        if shot.theme is not None:
            app.theme = shot.theme
        if shot.as_of is not None:
            app.set_as_of(shot.as_of_text or shot.as_of)
        for pane in panes:
            if pane != app.current_pane_id:
                app.action_pane(pane)
                await _until(pilot, lambda: _mounted(app, pane))
            if shot.select is not None:
                app.show_detail(*shot.select)
                await _until(pilot, lambda: len(app.screen_stack) > 1 and app.screen.is_mounted)
            out[pane] = await _settled(pilot, app)
    return out


def _mounted(app, pane: str) -> bool:
    widget = app.pane(pane)
    return widget is not None and widget.is_mounted and app.current_pane_id == pane


async def _until(pilot, ready, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    await pilot.pause()
    while not ready():
        if loop.time() > deadline:
            raise ScreenshotError(f"the app did not finish drawing within {timeout:g} seconds")
        await pilot.pause(0.02)


async def _settled(pilot, app) -> str:
    """The screen once it has stopped changing: exported when no frame has been drawn for
    `SETTLE` seconds after the export (a blinking cursor never stops: then the last export after
    about a second). A still screen is exported once: an export costs as much as a frame."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(SETTLE)
    frames = _count_frames(app)
    svg = app.export_screenshot()
    for _ in range(int(1 / SETTLE)):
        drawn = frames[0]
        await pilot.pause(SETTLE)
        if frames[0] == drawn:  # nothing drawn since the export: the image is the screen
            break
        svg = app.export_screenshot()
    return svg


def _count_frames(app) -> list[int]:
    """A counter of the frames `app` draws from now on, one per app. Textual draws every frame
    through `App._display` (textual is pinned in pyproject.toml; tests/app/test_shots_settle.py
    fails if a frame drawn after the export goes unseen)."""
    frames = app.__dict__.get("_shots_frames")
    if frames is None:
        frames = app._shots_frames = [0]
        display = app._display

        def counted(*args, **kwargs):
            frames[0] += 1
            return display(*args, **kwargs)

        app._display = counted
    return frames


def render_panes(ds: Dataset, shot: Shot, panes: list[str]) -> dict[str, str]:
    """Several panes as SVG, by pane, drawn with one app (see `render_panes_async`)."""
    return asyncio.run(render_panes_async(ds, shot, panes))


