"""The dashboard's footer: Textual's, drawn from the start under a browser too, and composed again
only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class DashboardFooter(Footer):
    """Textual's footer skips redrawing while the app has no focus, so the keys show as they were
    when it left. Under a browser (textual-serve) a session starts without focus, until the page
    is clicked or typed in: the footer stayed blank. Here the first drawing happens regardless;
    after it Textual's rule holds, in a terminal as before.

    Textual composes the footer's keys again whenever the bindings may have changed (every focus
    change); each compose mounts and styles every key. Here it does so only when the keys it would
    show differ from those it shows."""

    _drawn = False
    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if not self._drawn and not screen.app.app_focus and self.is_attached and screen is self.screen:
            self._drawn = True
            self._bindings_ready = True
            self.call_after_refresh(self.recompose)
            return
        if screen.app.app_focus:
            self._drawn = True
        if self._bindings_ready and self.is_attached and screen is self.screen and self._keys(screen) == self._shown:
            return  # the same keys: nothing to compose again
        super().bindings_changed(screen)

    def compose(self):
        if self._bindings_ready:
            self._shown = self._keys(self.screen)
        return super().compose()

    def _keys(self, screen: Screen) -> tuple:
        """What `compose` draws from the screen's bindings: each shown binding with its state."""
        return (self.show_command_palette, tuple(
            (key, b.key, b.action, b.description, b.group, enabled, tooltip)
            for key, (_node, b, enabled, tooltip) in screen.active_bindings.items()
            if b.show or key == self.app.COMMAND_PALETTE_BINDING))
