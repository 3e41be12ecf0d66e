"""The dashboard's tabs: Textual's TabbedContent, less one race.

When a widget inside a tab pane gets the focus, TabPane posts `Focused` and TabbedContent makes
that pane active when the message arrives. The message can arrive late: press `2` (Meetings
mounts and focuses its table), then `6` 50 ms later (Memberships becomes active and the focus is
cleared), and the Meetings table's stale `Focused` switches back to Meetings. The second key
looks lost. Here a pane's `Focused` switches only if the focus is still inside that pane.

Textual calls a message's handler on every class of the widget's MRO, so an override that only
returns early still lets TabbedContent's own handler switch back: `prevent_default()` stops that.
"""

from __future__ import annotations

from textual.widgets import TabbedContent, TabPane


class PaneTabs(TabbedContent):
    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.stop()
        event.prevent_default()  # TabbedContent's own handler would switch to the pane regardless
        focused = self.screen.focused
        if focused is None or event.tab_pane not in focused.ancestors_with_self:
            return  # stale: the focus has moved on since (a later pane key)
        if event.tab_pane.id is not None:
            self.active = event.tab_pane.id
