"""The roles every view reads the same way (tui.views.index re-exports them)."""

from __future__ import annotations

LEADING = frozenset(("lead", "co-lead"))
"""The roles that lead a coalition."""
MEMBER_ROLES = frozenset(("member", "lead", "co-lead"))
"""The roles that count as membership by default (with `participant` where no spell of the
coalition has the role `member`); `coalitions[].member_roles` says otherwise."""
