"""The dashboard's footer: Textual's, drawn from the start under a browser too."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class DashboardFooter(Footer):
    """Textual's footer skips redrawing while the app has no focus, so the keys show as they were
    when it left. Under a browser (textual-serve) a session starts without focus, until the page
    is clicked or typed in: the footer stayed blank. Here the first drawing happens regardless;
    after it Textual's rule holds, in a terminal as before."""

    _drawn = False

    def bindings_changed(self, screen: Screen) -> None:
        if not self._drawn and not screen.app.app_focus and self.is_attached and screen is self.screen:
            self._drawn = True
            self._bindings_ready = True
            self.call_after_refresh(self.recompose)
            return
        if screen.app.app_focus:
            self._drawn = True
        super().bindings_changed(screen)
