"""Where what the dashboard saves and copies goes: in a terminal, a file in the screenshot folder
and the terminal's clipboard; under a browser (`coalition-tui serve`: App.is_web), a download in
the browser, named as the file would be, and the browser's clipboard. Notices say which, and
under a browser never show a path on the server."""

from __future__ import annotations

import io
from pathlib import Path

from textual.app import App

BROWSER_CLIPBOARD = "sent to your browser (it may refuse over plain http)"
"""What a copy notice says under a browser: the browser decides, and the app cannot know."""


def save(app: App, path: Path, data: str | bytes, title: str, what: str = "") -> None:
    """Write `data` to `path` atomically (a terminal) or hand it to the browser as a download named
    `path.name` (a browser); `what` begins the notice ("12 rows to ")."""
    if app.is_web:
        to_browser(app, path.name, data)
        where = f"{what}your browser" if what else "to your browser"
        app.notify(f"Sent {where} as a download: {path.name}", title=title)
        return
    from tui.data.files import OutputError, write_atomic

    try:
        write_atomic(path, data)
    except OutputError as exc:
        app.notify(str(exc), title=title, severity="error")
        return
    app.notify(f"Saved {what}{path.resolve()}", title=title)


def to_browser(app: App, name: str, data: str | bytes) -> None:
    """Offer `data` to the browser as a download called `name` (the content type from its
    extension; text as UTF-8, the same bytes a saved file would hold)."""
    if isinstance(data, str):
        app.deliver_text(io.BytesIO(data.encode("utf-8")), save_filename=name, encoding="utf-8",
                         open_method="download")
    else:
        app.deliver_binary(io.BytesIO(data), save_filename=name, open_method="download")


def copy(app: App, text: str, what: str, txt_path: Path | None = None) -> None:
    """Put `text` on the clipboard and say what was sent ("WHAT: sent to ..."), never that it
    arrived: neither OSC 52 nor a browser's clipboard answers. Under a browser, which refuses over
    plain http but localhost, the text is also offered as a .txt download named like a saved file
    (`txt_path`'s name)."""
    app.copy_to_clipboard(text)
    if app.is_web and txt_path is not None:
        to_browser(app, txt_path.name, text)
        app.notify(f"{what}: {BROWSER_CLIPBOARD}, and as a download: {txt_path.name}", timeout=4)
        return
    app.notify(f"{what}: sent to the terminal clipboard; some terminals ignore it", timeout=3)


def where_saved(app: App) -> str:
    """The end of a palette entry's help: where a save goes."""
    return "as a download to your browser" if app.is_web else f"in {app.screenshot_dir}"
