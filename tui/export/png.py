"""PNG from a Textual SVG screenshot, rendered by cairosvg (the `png` extra). Needs no app."""

from __future__ import annotations

class ScreenshotError(ValueError):
    """A screenshot cannot be made as asked; the message says why, in one line."""


FORMATS = ("svg", "png")
"""The screenshot formats, each also a file extension."""

PNG_HINT = "PNG needs the png extra: pip install 'coalition-tui[png]'"
"""The error when cairosvg is missing; the `png` extra in pyproject.toml brings it."""

PNG_FONT = "DejaVu Sans Mono"
"""Textual's SVG asks for "Fira Code", rarely installed; without it the renderer falls back to a
proportional font and the columns drift. DejaVu Sans Mono ships with Debian and most Linuxes;
where it is missing, the SVG's own fallback asks fontconfig for any `monospace` font."""


def svg_to_png(svg: str, scale: float = 1.0) -> bytes:
    """Render Textual's SVG as PNG with a monospace font that is installed. One SVG pixel is one
    PNG pixel at scale 1, so an 80x24 terminal gives a PNG about 994x636."""
    try:
        import cairosvg
    except ImportError:
        raise ScreenshotError(PNG_HINT) from None
    svg = svg.replace("Fira Code", PNG_FONT)
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)


def encode(svg: str, fmt: str) -> str | bytes:
    """The SVG as the file content for `fmt`."""
    if fmt == "png":
        return svg_to_png(svg)
    if fmt == "svg":
        return svg
    raise ScreenshotError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def png_available() -> bool:
    try:
        import cairosvg  # noqa: F401
    except ImportError:
        return False
    return True
