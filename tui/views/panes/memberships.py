"""Memberships: every membership spell, one row each (tui.views.memberships keeps it fast at
100,000 rows)."""

from __future__ import annotations

from tui.views.panes.spec import PaneSpec


def table(views):
    return views.membership_table


PANE = PaneSpec("memberships", "6", "Memberships", "every membership spell, one row each",
                section="memberships", noun="memberships", table=table, widget="memberships")
