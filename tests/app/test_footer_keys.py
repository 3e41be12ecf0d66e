"""The footer composes its keys again only when the keys it would show change (Textual composes
it on every focus change; each compose mounts and styles every key: about 60 ms of a screenshot's
CPU). Keys that do change are shown."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from conftest import ready, until
from tui.ui.widgets.footer import DashboardFooter


def _composes(monkeypatch) -> list[int]:
    count = [0]
    compose = DashboardFooter.compose

    def counted(self):
        count[0] += 1
        return compose(self)

    monkeypatch.setattr(DashboardFooter, "compose", counted)
    return count


def _keys(app) -> list[str]:
    return [k.description for k in app.screen.query(FooterKey)]


async def test_the_same_keys_are_not_composed_again(make_app, monkeypatch):
    count = _composes(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.pause()
        footer = app.screen.query_one(DashboardFooter)
        before, shown = count[0], _keys(app)
        assert shown
        for _ in range(3):  # as Textual calls it on each focus change
            footer.bindings_changed(app.screen)
            await pilot.pause()
        assert count[0] == before
        assert _keys(app) == shown


async def test_keys_that_change_are_shown(make_app, monkeypatch):
    count = _composes(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.pause()
        before, shown = count[0], _keys(app)
        await pilot.press("slash")  # the filter box: its own keys
        await until(pilot, lambda: _keys(app) != shown, "the filter's keys in the footer")
        assert count[0] > before
        await pilot.press("escape")
        await until(pilot, lambda: _keys(app) == shown, "the table's keys again")
