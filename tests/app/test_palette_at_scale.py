"""The command palette over a big dataset (issue 20): opening it and typing in it make no
membership row (memberships are not listed; whether a coalition has members is read from the
cache's groups), and its list of entries is made once a palette, not again on every key."""

from __future__ import annotations

from conftest import palette_offers, ready, until
from generated import warm_store


async def test_the_palette_makes_no_membership_row_and_its_entries_once(make_app, tmp_path, monkeypatch):
    from tui.ui.commands import RecordsProvider

    # few countries, many coalitions: as at a million, each coalition is a small part of the whole
    store = warm_store(tmp_path, countries=30, memberships=3000)
    made: list[int] = []
    entries = RecordsProvider._make_entries

    def counted(self):
        made.append(1)
        return entries(self)

    monkeypatch.setattr(RecordsProvider, "_make_entries", counted)
    app = make_app(store, pane="meetings")  # a pane that makes no membership row
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        memberships = store.memberships
        before = (memberships._all is None, len(memberships._one))
        assert before[0], "every membership row was made before the palette opened"
        await pilot.press("ctrl+p")
        await pilot.pause()
        country = store.countries[0].name
        await pilot.press(*country.lower())
        await until(pilot, lambda: palette_offers(app, country), f"{country} in the palette")
        assert (memberships._all is None, len(memberships._one)) == before
        assert len(made) == 1
