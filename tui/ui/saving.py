"""Saving, one job of the app: screenshots (SVG, PNG) and the table in view as CSV, written to
the screenshot folder under names that say what is in view, with a notice of where or why not."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the typed handle: these methods are the app's
    from tui.ui.app import CoalitionApp

import datetime as _dt
import os
from pathlib import Path

from tui.ui.screens import DetailScreen, HelpScreen


class Saving:
    """The app's saving (a mixin of CoalitionApp: `self` is the app)."""

    def extra_commands(self: CoalitionApp) -> list[tuple[str, str, object]]:
        from tui.ui.deliver import where_saved

        where = where_saved(self)  # a folder, or the browser's downloads (tui.ui.deliver)
        # screenshots wait a refresh, so the palette that ran them has left the screen
        return [
            ("Save screenshot (SVG)", f"Save the screen as SVG {where} (ctrl+s)",
             lambda: self.call_after_refresh(self.action_screenshot, "svg")),
            ("Save screenshot (PNG)", f"Save the screen as PNG {where}",
             lambda: self.call_after_refresh(self.action_screenshot, "png")),
            ("Export table as CSV", f"Save the table in view, as filtered, as CSV {where} (e)",
             self.action_export_csv),
        ]

    def _output_path(self: CoalitionApp, ext: str, what: str | None = None) -> Path:
        """A new file in the screenshot folder, named after what is in view (`what` if given,
        else the detail over the pane, if one is open, else the pane) and the time."""
        import re

        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        shown = next((s for s in reversed(self.screen_stack) if isinstance(s, DetailScreen)), None)
        if what is not None:
            shown = None
        what = what or self.current_pane_id
        if shown is not None and shown.link is not None:
            what = f"{shown.link[0]}-{shown.link[1]}"
        what = re.sub(r"[^A-Za-z0-9_.-]+", "-", what).strip("-")[:60]  # every name: safe as a file name
        base = f"coalition-tui-{what}-{stamp}"
        path, n = self.screenshot_dir / f"{base}.{ext}", 2
        while os.path.lexists(path):  # a name taken, even by a link to nothing, is passed over
            path, n = self.screenshot_dir / f"{base}-{n}.{ext}", n + 1
        return path

    def _save(self: CoalitionApp, path: Path, data: str | bytes, title: str, what: str = "") -> None:
        """Write atomically, or under a browser offer it as a download (tui.ui.deliver); a
        notification says where it went, or why it failed."""
        from tui.ui.deliver import save

        save(self, path, data, title, what)

    def action_screenshot(self: CoalitionApp, fmt: str = "svg") -> None:
        """Save the screen as SVG, or as PNG (rendered in a thread: it takes a moment)."""
        svg = self.export_screenshot()
        path = self._output_path(fmt)
        if fmt == "png":
            self.run_worker(lambda: self._save_png(svg, path), thread=True, group="screenshot")
        else:
            self._save(path, svg, "Screenshot")

    def _save_png(self: CoalitionApp, svg: str, path: Path) -> None:
        from tui.export.png import ScreenshotError, svg_to_png

        try:
            png = svg_to_png(svg)
        except ScreenshotError as exc:
            self.call_from_thread(self.notify, str(exc), title="Screenshot", severity="error")
            return
        self.call_from_thread(self._save, path, png, "Screenshot")

    def action_export_counts(self: CoalitionApp) -> None:
        """`e` on the frequency view: its counts as CSV, named after the pane and the column."""
        from tui.ui.frequency import FrequencyScreen

        screen = self.screen
        text = screen.csv() if isinstance(screen, FrequencyScreen) else None
        if text is None:
            self.notify("Still counting: e saves the counts once they are shown.", timeout=2)
            return
        n = len(screen.freq.values)
        self._save(self._output_path("csv", screen.file_name), text, "Export",
                   f"{n} value{'s' if n != 1 else ''} to ")

    def action_export_csv(self: CoalitionApp) -> None:
        """Save the table in view, as filtered and sorted, as CSV in the screenshot folder."""
        from tui.export.data import pane_csv

        pane = self.pane() if self.screen is self.main or isinstance(self.screen, HelpScreen) else None
        if pane is None or not pane.is_mounted:
            self.notify("No table in view: go back to a pane to export its table.", severity="warning")
            return
        n = len(pane.rows)
        self._save(self._output_path("csv"), pane_csv(self.db, pane.pane_id, self.as_of, pane.rows, pane.columns),
                   "Export", f"{n} row{'s' if n != 1 else ''} to ")
