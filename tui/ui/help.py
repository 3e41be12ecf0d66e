"""The help, one job of the app: one curated list of the keys of the screen in view, then every
mark explained, in the dataset's own terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the typed handle: these methods are the app's
    from tui.ui.app import CoalitionApp

from tui.ui.screens import HelpScreen
from tui.views.panes import PANE_IDS, PANES, pane as pane_spec

_OUR_BINDINGS = {"app", "pane", "table", "detail", "memberships", "help", "frequency", "map"}
"""The id prefixes of the dashboard's own bindings (Textual's own have none of these)."""

MARKS = [("?", "unconfirmed: the detail says what could not be confirmed"),
         ("≠", "sources disagree: the detail links the claims"),
         ("⇄", "a quote that reaches us through a translation or another outlet's rendering"),
         ("~ < > ≥ ≤", "a count that is about, nearly, more than, at least, up to the number"),
         ("* exp grp", "a count whose exactness is not stated; expected; the group's size"),
         ("━ ◆ ◇ │ ◂ ▸", "roadmap: active, milestone, unconfirmed milestone, today, beyond the axis")]
"""Every mark a screen uses, for the help."""



class Help:
    """The app's help (a mixin of CoalitionApp: `self` is the app)."""

    def action_help(self: CoalitionApp) -> None:
        """One curated list for the screen in view, from the public binding API: the screen's
        and the focused widget's own keys first, then the app's; Textual's own keys (tab, ctrl+q,
        ...) are left out, and so are keys that do nothing here; no key twice."""
        if isinstance(self.screen, HelpScreen):
            return
        own: dict[str, list[str]] = {}
        app_keys: dict[str, list[str]] = {}
        panes: list[str] = []
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not active.enabled or (binding.id or "").split(".")[0] not in _OUR_BINDINGS:
                continue
            if binding.id.startswith("app.") and binding.id[4:] in PANE_IDS:
                panes.append(self.get_key_display(binding))
                continue
            desc = binding.tooltip or binding.description
            if desc:  # keys that do the same thing share a line: "↑ k  Move up"
                group = app_keys if binding.id.startswith("app.") else own
                shown = group.setdefault(desc, [])
                display = self.get_key_display(binding)
                if display not in shown:
                    shown.append(display)
        if panes:
            names = ", ".join(p.title_for(self.db.ix) for p in PANES if not p.absent(self.db.ix))
            app_keys = {f"Panes: {names}": [f"{panes[0]}-{panes[-1]}"], **app_keys}
        app_keys = {k: v for k, v in app_keys.items()}
        app_keys["Command palette: any record by name, a pane, 'as of DATE', conflicts"] = ["ctrl+p"]
        keys = [(" ".join(k), d) for d, k in own.items()] + [(" ".join(k), d) for d, k in app_keys.items()]
        title = "Keys: " + (pane_spec(self.current_pane_id).title_for(self.db.ix)
                            if self.screen is self.main else "this detail")
        ix = self.db.ix
        marks = [m for m in MARKS if not (m[0].startswith("━") and not ix.ds.roadmap)]
        if ix.featured is not None:  # in the dataset's own terms: no star without a featured source
            marks.insert(2, ("★", f"the meeting {ix.featured_name} describes"))
        self.push_screen(HelpScreen(title, keys, marks))

