"""A headless screenshot is taken once the screen has stopped changing (tui.ui.shots._settled):
a screen that is already still is exported once, not twice; a change drawn after the first
export is in the image."""

from __future__ import annotations

from textual.app import App

from tui.ui.shots import Shot, render_panes
from tests.conftest import TODAY


def _count_exports(monkeypatch, after_first=None) -> list[int]:
    calls = [0]
    original = App.export_screenshot

    def counting(self, **kwargs):
        calls[0] += 1
        svg = original(self, **kwargs)
        if calls[0] == 1 and after_first is not None:
            self.call_later(after_first, self)
        return svg

    monkeypatch.setattr(App, "export_screenshot", counting)
    return calls


def test_a_still_screen_is_exported_once(frozen, monkeypatch):
    calls = _count_exports(monkeypatch)
    svg = render_panes(frozen, Shot(pane="countries", size=(100, 30), today=TODAY), ["countries"])
    assert "Countries" in svg["countries"]
    assert calls[0] == 1


def test_a_change_drawn_after_the_first_export_is_in_the_image(frozen, monkeypatch):
    def change(app):  # the status line changes just after the screen was first exported
        app.query_one("#status").update("LATECHANGE")

    calls = _count_exports(monkeypatch, after_first=change)
    svg = render_panes(frozen, Shot(pane="countries", size=(100, 30), today=TODAY), ["countries"])
    assert "LATECHANGE" in svg["countries"]
    assert calls[0] >= 2


def test_a_screenshot_makes_no_filter_index(frozen, monkeypatch):
    """Nothing is typed into a headless screenshot: the Memberships pane does not make what the
    filter searches (at a million rows that work took longer than the rest of the screenshot)."""
    from tui.views.memberships import MembershipTable

    made: list[int] = []
    prepare = MembershipTable.prepare

    def counted(self, *args, **kwargs):
        made.append(1)
        return prepare(self, *args, **kwargs)

    monkeypatch.setattr(MembershipTable, "prepare", counted)
    svg = render_panes(frozen, Shot(pane="memberships", size=(100, 30), today=TODAY), ["memberships"])
    assert "Memberships" in svg["memberships"]
    assert made == []
